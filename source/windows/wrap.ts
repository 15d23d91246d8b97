// Word wrapping for text printed without Ink (which wraps its own): explain's output, the
// heading written before Ink loads, the table of first hops. A terminal that wraps a line itself
// breaks words anywhere, so a word wider than a row (a path, a list of names) is cut here, at a
// comma or a path separator where one fits, its later rows indented (separatorCut, which Ink's
// screens cut with too: ui/fit-width.tsx).
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

/** How far in the rows of a word cut inside (a path, a long name) start, under its first row. */
export const cutWordIndent = '  ';

/**
 * Where a word wider than its row is cut, as the length of its part on a row with `room` columns:
 * after the last comma that fits (a list: "wsman/a,wsman/b"), else after the last path separator
 * ("HKLM:\SOFTWARE\Policies\"), else after the last dot of a dotted name
 * ("Microsoft.HyperV.PowerShell."), so each part is whole names; 0 when none fits in `room`.
 */
export function separatorCut(word: string, room: number): number {
	const part = word.slice(0, room);
	const comma = part.lastIndexOf(',') + 1;
	const separator = Math.max(part.lastIndexOf('/'), part.lastIndexOf('\\')) + 1;
	return comma || separator || part.lastIndexOf('.') + 1;
}

/** Whether a row that ends in `row` goes on inside the same word: a comma ends a list's item. */
export const cutInside = (row: string) => !row.endsWith(',');

/**
 * A word (no wide characters) wider than `room`: its parts, each cut at a separator where one fits
 * (separatorCut), else at the room; the parts after the first have `room - cutWordIndent` columns.
 */
function cutWord(word: string, room: number): string[] {
	const parts: string[] = [];
	let rest = word;
	while (rest.length > 0) {
		const here =
			parts.length === 0 || !cutInside(parts.at(-1)!) ? room : room - cutWordIndent.length;
		if (rest.length <= here) break;
		const cut = separatorCut(rest, here) || Math.max(1, here);
		parts.push(rest.slice(0, cut));
		rest = rest.slice(cut);
	}
	return rest === '' ? parts : [...parts, rest];
}

/** Word-wraps to `width` cells, first line indented by `indent`, the rest by `hanging` (default: indent). */
export function wrap(text: string, width: number, indent = '', hanging = indent): string[] {
	const lines: string[] = [];
	let line = indent;
	let used = cells(indent);
	let empty = true;
	// A word wider than a row of its own is cut (cutWord), its later parts indented further.
	const room = width - cells(hanging);
	const spill = room > 2 * cutWordIndent.length + 8;
	for (const word of text.split(/\s+/).filter(Boolean)) {
		// Each piece, and whether it goes on a word cut inside (its row is indented further).
		const wordPieces = breakable(word).flatMap((piece) =>
			spill && cells(piece) > room && !wide.test(piece)
				? cutWord(piece, room).map((part, at, parts) => ({
						part,
						inside: at > 0 && cutInside(parts[at - 1]!),
					}))
				: [{part: piece, inside: false}],
		);
		for (const [index, {part, inside}] of wordPieces.entries()) {
			const size = cells(part);
			// A word's first piece follows a space; the pieces of one word join without one. A word
			// that is cut starts a row, so its first part is as long as a row allows.
			const cutHere = index === 0 && wordPieces.length > 1 && wordPieces[1]!.inside;
			if (!empty && (cutHere || used + (index === 0 ? 1 : 0) + size > width)) {
				lines.push(line);
				line = inside ? hanging + cutWordIndent : hanging;
				used = cells(line);
				empty = true;
			}
			const joint = !empty && index === 0 ? ' ' : '';
			line += joint + part;
			used += joint.length + size;
			empty = false;
		}
	}
	lines.push(line);
	return lines;
}
