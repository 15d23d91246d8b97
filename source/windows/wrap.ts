// Word wrapping for text printed without Ink (which wraps its own): explain's output, the
// heading written before Ink loads, the table of first hops. A terminal that wraps a line itself breaks words anywhere.
// Widths are terminal cells: a CJK character takes two (East Asian Wide and Fullwidth), a combining
// mark none. Japanese and Chinese put no spaces between words, so a line may break between two such
// characters, but not before closing punctuation or after opening (kinsoku). Korean puts spaces
// between words: its syllables are wide but a line breaks only at its spaces, as Korean text is
// read ("함수가" is one word; "함수" then "가" on the next line is not).

const wide =
	/[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;
const zeroWidth = /[\p{Mn}\p{Me}\u200b-\u200d\ufe00-\ufe0f]/u;
// Not at the start of a line: closing brackets, stops and commas, small kana, the long vowel mark.
const noLineStart =
	/^[、。，．：；？！）」』】〕〉》ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ)\]}!?,.:;]/;
// Not at the end of a line: opening brackets.
const noLineEnd = /[（「『【〔〈《([{]$/;

/** How many terminal cells the text takes. */
function cells(text: string): number {
	let count = 0;
	for (const char of text) count += zeroWidth.test(char) ? 0 : wide.test(char) ? 2 : 1;
	return count;
}

// Hangul: jamo, compatibility jamo and syllables.
const hangul = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/u;

/** The pieces a word may be broken into: each wide character (but Hangul), and each run of the others. */
function breakable(word: string): string[] {
	if (!wide.test(word)) return [word];
	const pieces: string[] = [];
	const add = (piece: string) => {
		const last = pieces.length - 1;
		if (last >= 0 && (noLineStart.test(piece) || noLineEnd.test(pieces[last]!))) {
			pieces[last] += piece;
		} else pieces.push(piece);
	};
	let narrow = '';
	for (const char of word) {
		if (!wide.test(char) || hangul.test(char)) {
			narrow += char;
			continue;
		}
		if (narrow !== '') add(narrow);
		narrow = '';
		add(char);
	}
	if (narrow !== '') add(narrow);
	return pieces;
}

/** Word-wraps to `width` cells, first line indented by `indent`, the rest by `hanging` (default: indent). */
export function wrap(text: string, width: number, indent = '', hanging = indent): string[] {
	const lines: string[] = [];
	let line = indent;
	let used = cells(indent);
	let empty = true;
	for (const word of text.split(/\s+/).filter(Boolean)) {
		for (const [index, piece] of breakable(word).entries()) {
			const size = cells(piece);
			// A word's first piece follows a space; the pieces of one word join without one.
			if (!empty && used + (index === 0 ? 1 : 0) + size > width) {
				lines.push(line);
				line = hanging;
				used = cells(hanging);
				empty = true;
			}
			const joint = !empty && index === 0 ? ' ' : '';
			line += joint + piece;
			used += joint.length + size;
			empty = false;
		}
	}
	lines.push(line);
	return lines;
}
