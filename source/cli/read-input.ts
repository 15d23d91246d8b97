// Reading what the admin hands us: an error to explain, or a password piped on stdin.
// node:fs's sync calls, not fs/promises: that module loads readline and file watchers, and explain
// starts in about the time node does.
import {closeSync, fstatSync, openSync, readSync} from 'node:fs';
import {join} from 'node:path';
import type {InputNotes} from '../commands/explain.js';
import {psQuote} from '../safety/names.js';
import {Secret} from '../safety/secret.js';
import {notText} from '../windows/not-text.js';
import {
	decodeEnd,
	decodeSavedText,
	isUnicode,
	lettersLostToAscii,
	type SavedEncoding,
} from '../windows/saved-text.js';
import type {AnsiCodePage} from '../windows/ansi-code-page.js';
import {HeadAndTail, pipeReadLimit, readFileEnds, type Kept} from './head-and-tail.js';

/** More than any error transcript; of a whole CI log, its start and end are kept (head-and-tail.ts). */
const explainInputLimit = 2 * 1024 * 1024;

export type InputCut = NonNullable<InputNotes['cut']>;

export type ReadResult =
	| {
			ok: true;
			text: string;
			/** Longer than the limit: `head` bytes kept from its start, `tail` from its end, of `total` (`whole`: its size; else where reading stopped). */
			cut?: InputCut;
			asText?: true;
			/** Read in an ANSI code page: the bytes were neither UTF-8 nor UTF-16. */
			codePage?: AnsiCodePage;
			/** Letters outside ASCII arrived as "?" (a Windows PowerShell 5.1 pipe). */
			lettersLost?: true;
	  }
	| {ok: false; message: string};

/** The text kept: the start, and with a long input its end after a line that says what is left out. */
function textOf(kept: Kept): {text: string; encoding: SavedEncoding} {
	const {text, encoding: headEncoding} = decodeSavedText(kept.head);
	if (kept.tail === undefined) return {text, encoding: headEncoding};
	const {text: end, encoding} = decodeEnd(kept.tail, headEncoding, kept.total - kept.tail.length);
	// From the first whole line: the cut may fall inside a line, or a character.
	const newline = end.indexOf('\n');
	const lines = newline === -1 || newline > 4096 ? end : end.slice(newline + 1);
	const left = kept.total - kept.head.length - kept.tail.length;
	return {text: `${text}\n\n[... ${amount(left)} left out ...]\n\n${lines}`, encoding};
}

export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A size as an admin reads it: KB under a megabyte (never "0.0 MB"), else MB. */
export const amount = (bytes: number) =>
	bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : megabytes(bytes);

/**
 * The text of what was read, with what the admin should know about how it arrived; refused, with
 * the next step, when it is no text at all (an event log, a screenshot). `file`: where it came from.
 */
function asRead(kept: Kept, file?: string): ReadResult {
	const {text, encoding} = textOf(kept);
	const binary = notText(kept.head, encoding === 'utf-16le' || encoding === 'utf-16be');
	if (binary !== undefined) {
		// The path goes into a command to paste: quoted as PowerShell reads it back.
		const quoted = file === undefined ? "'<file>'" : psQuote(file);
		const named = file === undefined ? 'What was piped in' : file;
		return {ok: false, message: `${named} is ${binary.what}. ${binary.nextStep(quoted)}`};
	}
	const cut: InputCut | undefined =
		kept.tail === undefined
			? undefined
			: {head: kept.head.length, tail: kept.tail.length, total: kept.total, whole: kept.whole};
	return {
		ok: true,
		text,
		...(cut === undefined ? {} : {cut}),
		...(isUnicode(encoding) ? {} : {codePage: encoding}),
		...(lettersLostToAscii(text) ? {lettersLost: true as const} : {}),
	};
}

// Ctrl+Z (Windows) and Ctrl+D typed as characters. A Windows console hands them to Node as bytes,
// so the stream never ends (nodejs/node#61397: "^Z" then Enter arrives as 1a 0d 0a); an error's
// text never holds either.
const typedEnd = /[\x1a\x04]/;

/**
 * Standard input: `piped`, its descriptor when it is a pipe or a file, read at once; else (a
 * terminal, /dev/null, a console) its stream, made only then.
 */
export type Stdin = {piped?: number; stream: () => NodeJS.ReadStream};

/**
 * This process's standard input. `process.stdin` (and node:tty, to ask whether it is one) load
 * Node's stream and socket classes when first touched: a few ms of explain's start, spared for a
 * pipe (a socket pair where Node or another program started us), or a file. Anything fstat does
 * not name so is read as before, through the stream.
 */
export function processStdin(): Stdin {
	let piped = false;
	try {
		const stat = fstatSync(0);
		piped = stat.isFIFO() || stat.isSocket() || stat.isFile();
	} catch {
		// No standard input at all: the stream says so as it always did.
	}
	return {...(piped ? {piped: 0} : {}), stream: () => process.stdin};
}

/**
 * A pipe or file on standard input, read from its descriptor at once: a file where its start and end
 * are, a pipe until its writer closes it (Windows reports that as 0 bytes read, as a file's end). No
 * stream is made for it, which is a few milliseconds of explain's start. A descriptor that cannot be
 * read so (a non-blocking pipe answers EAGAIN) hands over what it gave, and the stream reads the rest.
 */
function readDescriptor(fd: number, limit: number): Kept | {partial: HeadAndTail} {
	const collected = new HeadAndTail(limit);
	try {
		const stat = fstatSync(fd);
		if (stat.isFile()) return readFileEnds(fd, stat.size, limit);
	} catch {
		return {partial: collected};
	}
	const buffer = Buffer.allocUnsafe(64 * 1024);
	while (collected.total < pipeReadLimit) {
		let got: number;
		try {
			got = readSync(fd, buffer, 0, Math.min(buffer.length, pipeReadLimit - collected.total), null);
		} catch {
			return {partial: collected};
		}
		if (got === 0) return collected.kept(true);
		collected.push(Buffer.from(buffer.subarray(0, got)));
	}
	return collected.kept(false);
}

/**
 * A stream read to its end (or to pipeReadLimit), keeping its start and end.
 * `typed`: a terminal, where Ctrl+Z or Ctrl+D also ends the input, and what came before it is kept.
 * `collected`: what was already read from the same input.
 */
async function readStream(
	stream: NodeJS.ReadableStream,
	collected: HeadAndTail,
	typed?: {endedMidLine: () => void},
): Promise<Kept> {
	let last: number | undefined;
	for await (const chunk of stream) {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		const end = typed === undefined ? -1 : bytes.toString('latin1').search(typedEnd);
		if (end !== -1) {
			collected.push(bytes.subarray(0, end));
			return collected.kept(true);
		}
		collected.push(bytes.subarray(0, pipeReadLimit - collected.total));
		if (bytes.length > 0) last = bytes[bytes.length - 1];
		if (collected.total >= pipeReadLimit) return collected.kept(false);
	}
	// A terminal's Ctrl+D after text with no Enter ends the input where the cursor is, on that line.
	if (typed !== undefined && last !== undefined && last !== 0x0a) typed.endedMidLine();
	return collected.kept(true);
}

/**
 * A word that is an error's id or code, not a file name: a FullyQualifiedErrorId
 * (AccessDenied,PSSessionStateBroken), an HRESULT (0x8009030e) or its signed decimal (-2144108387).
 * These are what an admin copies from a localised error: they stay English.
 */
function isErrorId(word: string): boolean {
	return /^(?:0x[0-9a-f]{8}|-?\d{9,10}|[a-z][\w.]*,[a-z][\w.,]*)$/i.test(word.trim());
}

/**
 * The error from `file`, else stdin. `orText`: the argument may be the error itself
 * (`doublehop explain "$($Error[0])"`): when no such file exists and it has a space in it, which
 * an error's message always has, it is taken as the text.
 */
export async function readErrorText(
	file: string | undefined,
	stdin: Stdin,
	prompt: (text: string) => void,
	{limit = explainInputLimit, orText = false}: {limit?: number; orText?: boolean} = {},
): Promise<ReadResult> {
	if (file !== undefined) {
		try {
			const fd = openSync(file, 'r');
			try {
				return asRead(readFileEnds(fd, fstatSync(fd).size, limit), file);
			} finally {
				closeSync(fd);
			}
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			// Longer than a path may be (an error of 300 characters), or a name Windows refuses:
			// not a file name at all. No such file, with a space in it: the error's own words.
			const notAName = code === 'ENAMETOOLONG' || code === 'EINVAL';
			const noSuchFile = code === 'ENOENT' || code === 'ENOTDIR';
			if (orText && (notAName || (noSuchFile && (/\s/.test(file.trim()) || isErrorId(file))))) {
				return {ok: true, text: file.slice(0, limit), asText: true};
			}
			const why =
				code === 'ENOENT'
					? 'there is no such file'
					: code === 'EACCES'
						? 'permission denied'
						: code === 'EISDIR'
							? 'it is a folder'
							: (error as Error).message;
			const next =
				code === 'EISDIR'
					? ` Name the file in it that holds the error, e.g. doublehop explain ${join(file, 'error.txt')}.`
					: code === 'ENOENT'
						? ' Name the file that holds the error, pipe the error in ($Error[0] | Out-String | doublehop explain), or run doublehop explain and paste it.'
						: '';
			return {ok: false, message: `Cannot read ${file}: ${why}.${next}`};
		}
	}
	const now =
		stdin.piped === undefined
			? {partial: new HeadAndTail(limit)}
			: readDescriptor(stdin.piped, limit);
	if (!('partial' in now)) return asRead(now);
	const stream = stdin.stream();
	if (stream.isTTY) {
		const eof = process.platform === 'win32' ? 'Ctrl+Z then Enter' : 'Ctrl+D';
		prompt(`Paste the PowerShell error, then press Enter and ${eof}:\n`);
	}
	// The answer then starts on a line of its own, not after the pasted text.
	const typed = stream.isTTY ? {endedMidLine: () => prompt('\n')} : undefined;
	return asRead(await readStream(stream, now.partial, typed));
}

/**
 * The first line of stdin, as a Secret: `Get-Secret … | doublehop --json --password-stdin`
 * (and, with `lines: 2`, the second: the RunAs account's password for --method runas).
 * Reads no further than those lines (a writer that never closes does not hang the run), drops a
 * UTF-8 byte-order mark (PowerShell 5.1 pipes may add one), and refuses a terminal, where the
 * password would be echoed as it is typed.
 */
const notUtf8Password =
	'--password-stdin read bytes that are neither UTF-8 nor UTF-16 (an ANSI code page, as Set-Content writes on Windows PowerShell 5.1), and a password is not guessed: nothing was sent. Save it as UTF-8 (Set-Content -Encoding UTF8 pw.txt) or pipe it: Get-Secret hv-admin -AsPlainText | doublehop --json --password-stdin ...';
const nulInPassword =
	'--password-stdin read NUL characters (as text saved in UTF-16 reads once its byte-order mark is lost), and a password is not guessed: nothing was sent. Save it as UTF-8 (Set-Content -Encoding UTF8 pw.txt) or pipe it: Get-Secret hv-admin -AsPlainText | doublehop --json --password-stdin ...';

export async function readPasswordFromStdin(
	stdin: NodeJS.ReadStream,
	lines: 1 | 2 = 1,
): Promise<{ok: true; password: Secret; second?: Secret} | {ok: false; message: string}> {
	if (stdin.isTTY) {
		return {
			ok: false,
			message:
				'--password-stdin reads a password piped in, and a terminal would show it as you type. Leave --password-stdin out to type it at the masked prompt, or pipe it: Get-Secret hv-admin -AsPlainText | doublehop --json --password-stdin ...',
		};
	}
	const chunks: Buffer[] = [];
	let newlines = 0;
	for await (const chunk of stdin) {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		chunks.push(bytes);
		newlines += bytes.filter((byte: number) => byte === 0x0a).length;
		if (newlines >= lines) break;
	}
	// Windows PowerShell 5.1's `>` and Out-File write UTF-16 (`type pw.txt | doublehop`), read as
	// the text it is. A code page is not guessed: a wrong guess is a failed logon, counted against
	// the account; so is a password with NUL characters (UTF-16 without its mark).
	const {text: decoded, encoding} = decodeSavedText(Buffer.concat(chunks));
	if (!isUnicode(encoding)) return {ok: false, message: notUtf8Password};
	const text = decoded.replace(/^\uFEFF/, '');
	if (text.includes('\0')) return {ok: false, message: nulInPassword};
	const [first = '', second] = text.split(/\r?\n/);
	return {
		ok: true,
		password: new Secret(first),
		...(lines === 2 && second !== undefined && second !== '' ? {second: new Secret(second)} : {}),
	};
}
