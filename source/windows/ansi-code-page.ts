// Which ANSI code page saved bytes that are neither UTF-8 nor UTF-16. Windows PowerShell 5.1's
// Set-Content (and Add-Content, Out-File -Encoding Default) writes the system's ANSI code page
// (about_Character_Encoding, 5.1): 1252 on Western European Windows, 1251 on Russian, 932 on
// Japanese, 936 on Simplified and 950 on Traditional Chinese, 949 on Korean. The bytes do not say
// which; read as the wrong one, every letter becomes another (cp1251's "Доступ" reads as "Äîñòóï"
// in 1252). So each is tried, and the reading whose letters make words of one script wins. Pure.

/** The name .NET and [Console]::OutputEncoding give each code page (Encoding.WebName). */
export type AnsiCodePage =
	'windows-1252' | 'windows-1251' | 'shift_jis' | 'ks_c_5601-1987' | 'gb2312' | 'big5';

// Windows-1252's letters and quotes at 0x80-0x9F, where Latin-1 has control characters (Node's
// TextDecoder reads the label "windows-1252" as Latin-1). Unassigned bytes stay as they are.
const cp1252High =
	'\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
	'\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function windows1252(bytes: Buffer): string {
	return bytes
		.toString('latin1')
		.replace(/[\u0080-\u009f]/g, (c) => cp1252High[c.charCodeAt(0) - 0x80]!);
}

// Tried in this order; an equal score keeps the earlier. Japanese before Korean and Korean before
// Chinese: Shift-JIS kana read as cp949 are Hangul, and Hangul read as GBK are Chinese characters,
// each as tidy as the right reading; the right reading of the other two is not (Chinese read as
// cp949 mixes Hangul and Hanja in one word; Chinese or Korean read as Shift-JIS is halfwidth kana).
const decoders: {page: AnsiCodePage; label: string}[] = [
	{page: 'windows-1251', label: 'windows-1251'},
	{page: 'shift_jis', label: 'shift_jis'},
	{page: 'ks_c_5601-1987', label: 'euc-kr'},
	{page: 'gb2312', label: 'gbk'},
	{page: 'big5', label: 'big5'},
];

// Enough of an error message to tell its script by.
const sampleBytes = 64 * 1024;

const letters = /[\p{L}\p{M}]+/gu;
type Script = 'latin' | 'cyrillic' | 'japanese' | 'hangul' | 'other';
function scriptOf(letter: string): Script {
	if (/\p{Script=Latin}/u.test(letter)) return 'latin';
	if (/\p{Script=Cyrillic}/u.test(letter)) return 'cyrillic';
	// Halfwidth katakana: what Chinese or Korean bytes read as Shift-JIS make; a message never has them.
	if (/[\uff61-\uff9f]/u.test(letter)) return 'other';
	// Japanese writes Han, hiragana and katakana in one word; Chinese, Han alone.
	if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/u.test(letter))
		return 'japanese';
	if (/\p{Script=Hangul}/u.test(letter)) return 'hangul';
	return 'other';
}

// Punctuation a message holds outside ASCII: quotes, dashes, ellipsis, the ideographic and
// fullwidth forms. Anything else outside ASCII that is not a letter (¤ ¦ ± ², controls) is a misreading.
const punctuation = /[\u00a0\u00ab\u00bb\u2010-\u2027\u3000-\u303f\uff01-\uff60]/u;

/**
 * How many characters outside ASCII do not read as a language would write them: letters in a
 * word that mixes scripts, a Latin word mostly of accented letters ("Äîñòóï"), symbols, controls.
 */
function misread(text: string): number {
	let bad = 0;
	for (const word of text.match(letters) ?? []) {
		const foreign = [...word].filter((c) => c > '\u007f');
		if (foreign.length === 0) continue;
		const scripts = new Set([...word].map(scriptOf));
		const plain = word.length - foreign.length;
		// A word of one letter says nothing ("à", "ü"); "Äîñòóï" is no Latin-script word.
		const latinHeavy =
			scripts.size === 1 && scripts.has('latin') && word.length > 1 && foreign.length > plain;
		if (scripts.size > 1 || scripts.has('other') || latinHeavy) bad += foreign.length;
	}
	for (const c of text.replace(letters, '')) {
		if (c > '\u007f' && !punctuation.test(c)) bad++;
	}
	return bad;
}

/**
 * GBK bytes outside GB2312's region (a trail byte under 0xA1): GBK's rare extension, which a
 * Simplified Chinese message does not use, but Big5 text read as GBK is full of.
 */
function outsideGb2312(bytes: Buffer): number {
	let count = 0;
	for (let i = 0; i < bytes.length; i++) {
		if (bytes[i]! < 0x81) continue;
		if ((bytes[i + 1] ?? 0xff) < 0xa1) count++;
		i++;
	}
	return count;
}

/** The bytes in a code page, or undefined where they are not valid in it (but for a cut last character). */
function strictly(label: string, bytes: Buffer): string | undefined {
	const decoder = new TextDecoder(label, {fatal: true});
	for (const cut of [0, 1]) {
		try {
			return decoder.decode(bytes.subarray(0, bytes.length - cut));
		} catch {
			// One byte shorter: a read limit may have cut a two-byte character in half.
		}
	}
	return undefined;
}

/**
 * The code page the bytes read best in, and their text in it. `known`: the code page the start of
 * the same input was read in, which its end is read in too where it can be.
 */
export function ansiText(bytes: Buffer, known?: AnsiCodePage): {text: string; page: AnsiCodePage} {
	const same = decoders.find((decoder) => decoder.page === known);
	// A two-byte character cut at the start: its second byte alone is skipped.
	const text = same && (strictly(same.label, bytes) ?? strictly(same.label, bytes.subarray(1)));
	if (same !== undefined && text !== undefined) return {text, page: same.page};
	// Judged on the start (a 2 MB log read six ways would take seconds); read whole in the winner.
	const sample = bytes.subarray(0, sampleBytes);
	const western = windows1252(sample);
	let best: {page: AnsiCodePage; label?: string; score: number} = {
		page: 'windows-1252',
		score: misread(western),
	};
	for (const {page, label} of best.score === 0 ? [] : decoders) {
		const text = strictly(label, sample);
		if (text === undefined) continue;
		const score = misread(text) + (page === 'gb2312' ? outsideGb2312(sample) : 0);
		if (score < best.score) best = {page, label, score};
	}
	const whole = best.label === undefined ? undefined : strictly(best.label, bytes);
	return whole === undefined
		? {text: windows1252(bytes), page: 'windows-1252'}
		: {text: whole, page: best.page};
}
