// Reading what the admin hands us: an error to explain, or a password piped on stdin.
import {readFile} from 'node:fs/promises';
import {Secret} from '../safety/secret.js';

export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream)
		chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
	return Buffer.concat(chunks).toString('utf8');
}

export type ReadResult = {ok: true; text: string} | {ok: false; message: string};

export async function readErrorText(
	file: string | undefined,
	stdin: NodeJS.ReadStream,
	prompt: (text: string) => void,
): Promise<ReadResult> {
	if (file !== undefined) {
		try {
			return {ok: true, text: await readFile(file, 'utf8')};
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			const why =
				code === 'ENOENT'
					? 'there is no such file'
					: code === 'EACCES'
						? 'permission denied'
						: code === 'EISDIR'
							? 'it is a folder'
							: (error as Error).message;
			return {ok: false, message: `Cannot read ${file}: ${why}.`};
		}
	}
	if (stdin.isTTY) {
		const eof = process.platform === 'win32' ? 'Ctrl+Z then Enter' : 'Ctrl+D';
		prompt(`Paste the PowerShell error, then press Enter and ${eof}:\n`);
	}
	return {ok: true, text: await readAll(stdin)};
}

/**
 * The first line of stdin, as a Secret: `Get-Secret … | doublehop --json --password-stdin`.
 * Reads no further than that line (a writer that never closes does not hang the run), drops a
 * UTF-8 byte-order mark (PowerShell 5.1 pipes may add one), and refuses a terminal, where the
 * password would be echoed as it is typed.
 */
export async function readPasswordFromStdin(
	stdin: NodeJS.ReadStream,
): Promise<{ok: true; password: Secret} | {ok: false; message: string}> {
	if (stdin.isTTY) {
		return {
			ok: false,
			message:
				'--password-stdin reads a password piped in, and a terminal would show it as you type. Leave --password-stdin out to type it at the masked prompt, or pipe it: Get-Secret hv-admin -AsPlainText | doublehop --json --password-stdin ...',
		};
	}
	const chunks: Buffer[] = [];
	for await (const chunk of stdin) {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		chunks.push(bytes);
		if (bytes.includes(0x0a)) break;
	}
	const text = Buffer.concat(chunks)
		.toString('utf8')
		.replace(/^\uFEFF/, '');
	return {ok: true, password: new Secret(text.split(/\r?\n/)[0] ?? '')};
}
