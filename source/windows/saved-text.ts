// An error saved or piped on Windows, as text. Windows PowerShell 5.1's Out-File and its > and >>
// write UTF-16LE with a byte-order mark, Start-Transcript UTF-8 with one, and Set-Content the ANSI
// code page (about_Character_Encoding, 5.1); cmd's `type` passes any of them on unchanged. Pure.
import {ansiText, type AnsiCodePage} from './ansi-code-page.js';

export type SavedEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | AnsiCodePage;

/** UTF-8 or UTF-16: not a code page guessed from its letters. */
export const isUnicode = (encoding: SavedEncoding): encoding is 'utf-8' | 'utf-16le' | 'utf-16be' =>
	encoding === 'utf-8' || encoding === 'utf-16le' || encoding === 'utf-16be';

/**
 * UTF-16 without a mark. ASCII text has a zero in every other byte (the high or the low one). A
 * Japanese or Russian message has few: its letters' bytes are rarely zero, but its spaces, digits,
 * ids and line ends still put their zeros on the one side, and UTF-8 or a code page never holds a
 * zero byte at all. So: zeros mostly on one side, and what that reads as is text, not control
 * characters (as a binary file's would be).
 */
function unmarkedUtf16(bytes: Buffer): 'utf-16le' | 'utf-16be' | undefined {
	const sample = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1);
	if (sample.length < 8) return undefined;
	let evenZeros = 0;
	let oddZeros = 0;
	for (let i = 0; i < sample.length; i += 2) {
		if (sample[i] === 0) evenZeros++;
		if (sample[i + 1] === 0) oddZeros++;
	}
	// At least two zeros on the side: one stray NUL in UTF-8 bytes is not UTF-16.
	const pairs = Math.max(sample.length / 2, 40);
	const side =
		oddZeros >= pairs * 0.05 && oddZeros > evenZeros * 4
			? 'utf-16le'
			: evenZeros >= pairs * 0.05 && evenZeros > oddZeros * 4
				? 'utf-16be'
				: undefined;
	if (side === undefined) return undefined;
	const text =
		side === 'utf-16le' ? sample.toString('utf16le') : swapped(sample).toString('utf16le');
	const controls = text.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
	return controls <= text.length * 0.02 ? side : undefined;
}

const swapped = (bytes: Buffer) => Buffer.from(bytes.subarray(0, bytes.length & ~1)).swap16();

/** Valid UTF-8, but for a character the read limit may have cut at the end. */
function isUtf8(bytes: Buffer): boolean {
	const decoder = new TextDecoder('utf-8', {fatal: true});
	for (let cut = 0; cut <= Math.min(3, bytes.length); cut++) {
		try {
			decoder.decode(bytes.subarray(0, bytes.length - cut));
			return true;
		} catch {
			// One byte shorter: a character split at the end is not another code page.
		}
	}
	return false;
}

/**
 * The end of a long input, whose start was read as `encoding`: UTF-16 from a whole code unit
 * (`offset`: where these bytes began in the input), and UTF-8 only if these bytes are UTF-8 too. A
 * CI log on Western European Windows is ASCII for megabytes, then the error in the ANSI code page:
 * its start alone says UTF-8.
 */
export function decodeEnd(
	bytes: Buffer,
	encoding: SavedEncoding,
	offset: number,
): {text: string; encoding: SavedEncoding} {
	if (encoding === 'utf-16le' || encoding === 'utf-16be') {
		const aligned = offset % 2 === 1 ? bytes.subarray(1) : bytes;
		const text =
			encoding === 'utf-16le' ? aligned.toString('utf16le') : swapped(aligned).toString('utf16le');
		return {text, encoding};
	}
	// A character cut at the start: its continuation bytes (10xxxxxx) are not another code page.
	let start = 0;
	while (start < 3 && ((bytes[start] ?? 0) & 0xc0) === 0x80) start++;
	const rest = bytes.subarray(start);
	if (encoding === 'utf-8' && isUtf8(rest)) return {text: rest.toString('utf8'), encoding};
	const {text, page} = ansiText(bytes, encoding === 'utf-8' ? undefined : encoding);
	return {text, encoding: page};
}

/** The text of saved or piped bytes, and the encoding it was read in. */
export function decodeSavedText(bytes: Buffer): {text: string; encoding: SavedEncoding} {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		return {text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8'};
	}
	if (bytes[0] === 0xff && bytes[1] === 0xfe) {
		return {text: bytes.subarray(2).toString('utf16le'), encoding: 'utf-16le'};
	}
	if (bytes[0] === 0xfe && bytes[1] === 0xff) {
		return {text: swapped(bytes.subarray(2)).toString('utf16le'), encoding: 'utf-16be'};
	}
	const utf16 = unmarkedUtf16(bytes);
	if (utf16 === 'utf-16le') return {text: bytes.toString('utf16le'), encoding: utf16};
	if (utf16 === 'utf-16be') return {text: swapped(bytes).toString('utf16le'), encoding: utf16};
	if (isUtf8(bytes)) return {text: bytes.toString('utf8'), encoding: 'utf-8'};
	const {text, page} = ansiText(bytes);
	return {text, encoding: page};
}

/**
 * Letters that arrived as "?": Windows PowerShell 5.1 encodes what it pipes to a program with
 * $OutputEncoding, ASCII by default (about_Preference_Variables, 5.1), so every letter outside
 * ASCII becomes "?" (é, ü, and every Japanese or Russian letter). Two places or more with "?"
 * right before a letter ("Acc?s", "?berpr?fen"), or three in a row, are that: a question mark
 * ends a word, and a URL's query has one.
 */
export function lettersLostToAscii(text: string): boolean {
	// Any letter outside ASCII left means the text did not pass through ASCII.
	if (/[^\x00-\x7f]/.test(text)) return false;
	return (text.match(/\?{3,}|\?+[A-Za-z]/g) ?? []).length >= 2;
}
