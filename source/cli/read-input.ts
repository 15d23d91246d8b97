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

/** The first line of stdin, as a Secret: `Get-Secret … | doublehop --json --password-stdin`. */
export async function readPasswordFromStdin(stdin: NodeJS.ReadStream): Promise<Secret> {
	const text = await readAll(stdin);
	return new Secret(text.split(/\r?\n/)[0] ?? '');
}
