// Text normalisation for matching error messages however they were pasted.
// Console wrapping (even mid-word, with the spaces lost), `+ ` continuation and `> ` quote markers,
// HTML entities, smart quotes, non-breaking spaces, JSON and CLIXML escapes must not change what matches.
// Two views are built, each keeping, for every character, where it came from in the original text,
// so a match can be highlighted in what the admin pasted.

/** A derived view of a text. `start[i]`/`end[i]`: the original range character i came from. */
export type TextView = {text: string; start: number[]; end: number[]};

export type NormalizedText = {
	original: string;
	/** Lowercase letters and digits only: wrapping, punctuation and lost spaces cannot matter. */
	squashed: TextView;
	/** Lowercase, entities decoded, quotes straightened, every whitespace run one space. */
	spaced: TextView;
};

/** One decoded character and the original range it stands for. */
type Decoded = {char: string; start: number; end: number};

const namedEntities: Record<string, string> = {
	lt: '<',
	gt: '>',
	quot: '"',
	amp: '&',
	apos: "'",
	nbsp: ' ',
};

const jsonEscapes: Record<string, string> = {
	n: '\n',
	r: '\r',
	t: '\t',
	'"': '"',
	'\\': '\\',
	'/': '/',
};

const straightQuotes: Record<string, string> = {
	'\u2018': "'",
	'\u2019': "'",
	'\u201a': "'",
	'\u201b': "'",
	'\u2032': "'",
	'\u00b4': "'",
	'`': "'",
	'\u201c': '"',
	'\u201d': '"',
	'\u201e': '"',
	'\u201f': '"',
	'\u2033': '"',
	'\u00ab': '"',
	'\u00bb': '"',
};

const entityPattern = /^&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,6}));/i;

// JSON escapes are decoded only in text that is JSON-escaped (Ansible/pywinrm output): elsewhere `\n`
// or `\\` belong to Windows paths (C:\new, \\server\share) and must stay.
function looksJsonEscaped(text: string): boolean {
	return /\\"/.test(text) || (/\\[rn]/.test(text) && /"\s*:\s*"/.test(text));
}

function decodeEntity(text: string, at: number): {char: string; length: number} | undefined {
	const found = entityPattern.exec(text.slice(at, at + 12));
	if (!found) return undefined;
	const [whole, decimal, hex, name] = found;
	if (decimal ?? hex) {
		const codePoint = Number.parseInt((decimal ?? hex)!, decimal ? 10 : 16);
		if (codePoint > 0x10ffff) return undefined;
		return {char: String.fromCodePoint(codePoint), length: whole.length};
	}
	const named = namedEntities[name!.toLowerCase()];
	return named === undefined ? undefined : {char: named, length: whole.length};
}

function decodeJsonEscape(text: string, at: number): {char: string; length: number} | undefined {
	const next = text[at + 1];
	if (next === undefined) return undefined;
	if (next === 'u' && /^[0-9a-f]{4}$/i.test(text.slice(at + 2, at + 6))) {
		return {char: String.fromCharCode(Number.parseInt(text.slice(at + 2, at + 6), 16)), length: 6};
	}
	const escaped = jsonEscapes[next];
	return escaped === undefined ? undefined : {char: escaped, length: 2};
}

// CLIXML (PowerShell's serialisation, printed raw by pywinrm and Ansible) writes line breaks and other
// control characters as _x000D__x000A_.
function decodeClixmlEscape(text: string, at: number): {char: string; length: number} | undefined {
	const found = /^_x([0-9a-f]{4})_/i.exec(text.slice(at, at + 7));
	return found ? {char: String.fromCharCode(Number.parseInt(found[1]!, 16)), length: 7} : undefined;
}

// XML tags (CLIXML's <S S="Error">, WSManFault's <f:Message>) split a message into pieces: each tag
// reads as a space. Bounded and single-line, so "a < b ... c > d" is never taken for a tag.
const tagPattern = /^<\/?[a-z][\w:.-]*(?:\s[^<>\n]{0,200})?\/?>/i;

function skipTag(text: string, at: number): {char: string; length: number} | undefined {
	const found = tagPattern.exec(text.slice(at, at + 240));
	return found ? {char: ' ', length: found[0].length} : undefined;
}

// What a log writes before every line it copies from a program: a timestamp (Azure Pipelines,
// Packer), or a tag and a colon (an MSI custom action's "CAQuietExec64:  ", a builder's
// "packer-builder-amazon-windows-ebs.exe: "). Not PowerShell's own stream names, whose words count.
const timestampPrefix = /^[ \t]*\d{4}[-/]\d\d[-/]\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?Z?[ \t]+/;
const tagPrefix = /^[ \t]*([^\s:]{2,40}):[ \t]+/;
const streamNames = /^(?:warning|verbose|debug|error|info|information|https?|[a-z])$/i;

/** The kind of prefix a line starts with (timestamps are one kind whatever the time), and its length. */
function linePrefix(line: string): {kind: string; length: number} | undefined {
	const time = timestampPrefix.exec(line);
	if (time) return {kind: 'timestamp', length: time[0].length};
	const tag = tagPrefix.exec(line);
	if (tag && !streamNames.test(tag[1]!)) return {kind: `tag:${tag[1]}`, length: tag[0].length};
	return undefined;
}

/**
 * Where a prefix that a log wrote before most lines (at least three) starts, and where it ends:
 * it splits a message wrapped over lines, so it reads as a space. Up to two layers
 * ("2019/03/15 17:28:50 packer: 2019/03/15 17:28:50 [INFO] ...").
 */
function logPrefixes(text: string): Map<number, number> {
	const skips = new Map<number, number>();
	let lines: {start: number; text: string}[] = [];
	let offset = 0;
	for (const line of text.split('\n')) {
		if (line.trim() !== '') lines.push({start: offset, text: line});
		offset += line.length + 1;
	}
	for (let layer = 0; layer < 2 && lines.length >= 3; layer++) {
		const counts = new Map<string, number>();
		const found = lines.map((line) => linePrefix(line.text));
		for (const prefix of found) {
			if (prefix) counts.set(prefix.kind, (counts.get(prefix.kind) ?? 0) + 1);
		}
		const common = [...counts].find(([, count]) => count >= 3 && count * 2 >= lines.length)?.[0];
		if (common === undefined) break;
		lines = lines.map((line, index) => {
			const prefix = found[index];
			if (prefix?.kind !== common) return line;
			const start = line.start;
			skips.set(start, Math.max(skips.get(start) ?? start, start) + prefix.length);
			return {start: start + prefix.length, text: line.text.slice(prefix.length)};
		});
	}
	// Two layers at one line start: the first skip runs on to the second.
	for (const [start, end] of skips) {
		let stop = end;
		while (skips.has(stop) && stop !== start) stop = skips.get(stop)!;
		skips.set(start, stop);
	}
	return skips;
}

function decode(text: string): Decoded[] {
	const json = looksJsonEscaped(text);
	const prefixes = logPrefixes(text);
	const out: Decoded[] = [];
	let at = 0;
	while (at < text.length) {
		const prefixEnd = prefixes.get(at);
		if (prefixEnd !== undefined) {
			out.push({char: ' ', start: at, end: prefixEnd});
			at = prefixEnd;
			continue;
		}
		const special =
			text[at] === '&'
				? decodeEntity(text, at)
				: text[at] === '<'
					? skipTag(text, at)
					: text[at] === '_'
						? decodeClixmlEscape(text, at)
						: json && text[at] === '\\'
							? decodeJsonEscape(text, at)
							: undefined;
		if (special) {
			out.push({char: special.char, start: at, end: at + special.length});
			at += special.length;
			continue;
		}
		const codePoint = text.codePointAt(at)!;
		const char = String.fromCodePoint(codePoint);
		out.push({char, start: at, end: at + char.length});
		at += char.length;
	}
	return out;
}

/**
 * A view being built: characters go into an array joined once at the end, since growing a string
 * and asking it for its last character flattens it each time (quadratic on a large paste).
 */
type ViewBuilder = {chars: string[]; start: number[]; end: number[]; last: string};

function emptyView(): ViewBuilder {
	return {chars: [], start: [], end: [], last: ''};
}

function push(view: ViewBuilder, text: string, start: number, end: number): void {
	for (const char of text) {
		view.chars.push(char);
		view.last = char;
		// A character outside the BMP takes two code units: keep the map aligned with string indices.
		for (let i = 0; i < char.length; i++) {
			view.start.push(start);
			view.end.push(end);
		}
	}
}

function built(view: ViewBuilder): TextView {
	return {text: view.chars.join(''), start: view.start, end: view.end};
}

const letterOrDigit = /[\p{L}\p{N}]/u;
const whitespace = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]/u;

/**
 * One character quotes-straightened, NFKC-folded (full-width letters and digits become ASCII,
 * ideographic space a space) and lowercased. ASCII, most of any paste, takes the short way:
 * NFKC leaves it as it is.
 */
function fold(char: string): string {
	const code = char.charCodeAt(0);
	if (code < 0x80) {
		if (code >= 0x41 && code <= 0x5a) return String.fromCharCode(code + 0x20);
		return char === '`' ? "'" : char;
	}
	return (straightQuotes[char] ?? char).normalize('NFKC').toLowerCase();
}

const isLetterOrDigit = (part: string): boolean => {
	const code = part.charCodeAt(0);
	if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
	return letterOrDigit.test(part);
};

const isWhitespace = (part: string): boolean => {
	const code = part.charCodeAt(0);
	if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
	return whitespace.test(part);
};

export function normalize(original: string): NormalizedText {
	const squashed = emptyView();
	const spaced = emptyView();
	for (const {char, start, end} of decode(original)) {
		const folded = fold(char);
		for (const part of folded) {
			if (isLetterOrDigit(part)) push(squashed, part, start, end);
			if (isWhitespace(part)) {
				if (spaced.last !== '' && spaced.last !== ' ') push(spaced, ' ', start, end);
			} else {
				push(spaced, part, start, end);
			}
		}
	}
	return {original, squashed: built(squashed), spaced: built(spaced)};
}

// What decode() would change: entities, tags, CLIXML and JSON escapes.
const decodable = /[&<\\]|_x[0-9a-f]{4}_/i;
const ascii = /^[\x00-\x7f]*$/;

/**
 * The squashed form of a catalog fragment, comparable with `normalize(text).squashed.text`.
 * Built for every catalog phrase when explain starts, so it takes the shortest way that gives
 * the same answer: native string passes, no position maps.
 */
export function squash(fragment: string): string {
	if (decodable.test(fragment)) return normalize(fragment).squashed.text;
	if (ascii.test(fragment)) return fragment.toLowerCase().replace(/[^a-z0-9]+/g, '');
	// Whole-string NFKC agrees with normalize()'s character by character for text written
	// precomposed, as every catalog phrase is (test/knowledge/squash.test.ts checks each).
	// (A negated \p{…} class with /g costs milliseconds to compile; letterOrDigit is already built.)
	let out = '';
	for (const char of fragment.normalize('NFKC').toLowerCase()) {
		if (isLetterOrDigit(char)) out += char;
	}
	return out;
}

// Letters that NFKC and lowercasing leave as they are, never ASCII: Latin-1 letters, basic
// Cyrillic, kana, CJK ideographs and Hangul syllables.
const foreignLetter =
	/[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u0401\u0410-\u044f\u0451\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fff\uac00-\ud7a3]/;

/** Whether a fragment squashes to something with a non-ASCII letter: it cannot occur in ASCII. */
export function keepsForeignLetters(fragment: string): boolean {
	return foreignLetter.test(fragment);
}

/** Whether a squashed text is all ASCII. */
export function isAscii(text: string): boolean {
	return ascii.test(text);
}

/** Maps a [start,end) range of a view back to the original text. */
export function originalRange(view: TextView, start: number, end: number): [number, number] {
	return [view.start[start] ?? 0, view.end[end - 1] ?? 0];
}

/** Every index where `needle` occurs in `haystack` (non-overlapping). */
export function occurrences(haystack: string, needle: string): number[] {
	const found: number[] = [];
	if (needle.length === 0) return found;
	let at = haystack.indexOf(needle);
	while (at !== -1) {
		found.push(at);
		at = haystack.indexOf(needle, at + needle.length);
	}
	return found;
}

/** A numeric error code found in the original text. `value` is the unsigned 32-bit form. */
export type FoundCode = {value: number; start: number; end: number};

// HRESULT and WinRM codes print as hex, signed decimal (FQIDs, "Error number:") or unsigned decimal
// (WSManFault Code="…"). Small Win32 codes (5, 1312, 12175) only count where the layout says they
// are codes, never as any number in the text.
const codePatterns: {regex: RegExp; parse: (digits: string) => number | undefined}[] = [
	{regex: /\b0x([0-9a-f]{8})\b/gi, parse: (digits) => Number.parseInt(digits, 16)},
	{
		regex: /(?<![\w.-])-(\d{9,10})(?!\d)/g,
		parse: (digits) => {
			const magnitude = Number(digits);
			return magnitude <= 2 ** 31 ? 2 ** 32 - magnitude : undefined;
		},
	},
	{
		regex: /(?<![\w.-])(\d{10})(?!\d)/g,
		parse: (digits) => {
			const value = Number(digits);
			return value >= 2 ** 31 && value < 2 ** 32 ? value : undefined;
		},
	},
	// The contextual patterns capture the number itself as the highlighted range.
	{regex: /(?<![\w-])(\d{1,5})(?=,PSSession)/gi, parse: Number},
	{regex: /(?<=Code=(?:\\?"|&quot;))(\d{1,5})(?=\\?"|&quot;)/gi, parse: Number},
	{regex: /(?<=\berror ?code:?\s*)(\d{1,5})\b/gi, parse: Number},
	{regex: /(?<=Win32Exception \()(\d{1,5})(?=\))/gi, parse: Number},
	{regex: /(?<=Windows System Error )(\d{1,5})\b/gi, parse: Number},
	{regex: /(?<=\bHResult\s*:\s*)(\d{1,5})\b/gi, parse: Number},
];

export function extractCodes(original: string): FoundCode[] {
	const found: FoundCode[] = [];
	for (const {regex, parse} of codePatterns) {
		for (const match of original.matchAll(regex)) {
			const value = parse(match[1]!);
			if (value !== undefined) {
				found.push({value, start: match.index, end: match.index + match[0].length});
			}
		}
	}
	return found;
}
