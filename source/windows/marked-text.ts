// Parts of a printed text marked by [start, end) ranges into it: how the evidence of a diagnosis,
// found once, is highlighted and quoted by every renderer (the Ink error block, the screen-reader
// text, the transcript, explain), across line breaks, and only where the text is printed.

/** `text.slice(start, end)` is the marked part. */
export type TextRange = {start: number; end: number};

export type MarkedPiece = {text: string; marked: boolean};

/** Sorted, overlaps and touching ranges joined, clipped to [0, length). */
export function mergeRanges(ranges: readonly TextRange[], length = Infinity): TextRange[] {
	const sorted = ranges
		.map(({start, end}) => ({start: Math.max(0, start), end: Math.min(length, end)}))
		.filter(({start, end}) => end > start)
		.sort((a, b) => a.start - b.start);
	const merged: TextRange[] = [];
	for (const range of sorted) {
		const last = merged.at(-1);
		if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
		else merged.push({...range});
	}
	return merged;
}

// Letters of scripts that put spaces between words, and digits: a mark stops at a space, never
// inside such a word. Chinese and Japanese have no spaces to stop at, so a mark is left as found.
const wordLetter = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\d_]/u;

/**
 * Each range widened to whole words: a match that ends inside a word (`\\fs01\s` of
 * `\\fs01\share`, `LogonFailure,PSSession` of `...PSSessionStateBroken`) marks the whole word, so a
 * reader never sees half a word marked.
 */
export function wholeWords(text: string, ranges: readonly TextRange[]): TextRange[] {
	return ranges.map(({start, end}) => {
		let from = start;
		let to = end;
		while (from > 0 && wordLetter.test(text[from - 1]!) && wordLetter.test(text[from]!)) from--;
		while (to < text.length && wordLetter.test(text[to]!) && wordLetter.test(text[to - 1]!)) to++;
		return {start: from, end: to};
	});
}

/**
 * The text line by line, each line cut into marked and unmarked pieces. A range running across a
 * line break marks its part of each line; a continuation line's indentation stays unmarked.
 */
export function markedLines(text: string, ranges: readonly TextRange[]): MarkedPiece[][] {
	const merged = mergeRanges(ranges, text.length);
	const lines: MarkedPiece[][] = [];
	let lineStart = 0;
	for (const line of text.split('\n')) {
		const lineEnd = lineStart + line.length;
		const pieces: MarkedPiece[] = [];
		let cursor = lineStart;
		for (const range of merged) {
			const from = Math.max(range.start, cursor);
			const to = Math.min(range.end, lineEnd);
			if (to <= from) continue;
			const indent = from === lineStart ? (/^\s*/.exec(line)?.[0].length ?? 0) : 0;
			const markFrom = Math.min(from + indent, to);
			if (markFrom > cursor) pieces.push({text: text.slice(cursor, markFrom), marked: false});
			if (to > markFrom) pieces.push({text: text.slice(markFrom, to), marked: true});
			cursor = to;
		}
		if (cursor < lineEnd) pieces.push({text: text.slice(cursor, lineEnd), marked: false});
		lines.push(pieces);
		lineStart = lineEnd + 1;
	}
	return lines;
}

/** Each marked part as a quote: whitespace (line breaks, console padding) folded, no repeats. */
export function quoteRanges(text: string, ranges: readonly TextRange[]): string[] {
	const quotes = mergeRanges(ranges, text.length).map(({start, end}) =>
		text.slice(start, end).replace(/\s+/g, ' ').trim(),
	);
	// Each quote once: "port 5985" in the message and "Port 5985" in the command are the same evidence.
	const byWords = new Map<string, string>();
	for (const quote of quotes) {
		if (quote.length > 0 && !byWords.has(quote.toLowerCase()))
			byWords.set(quote.toLowerCase(), quote);
	}
	return [...byWords.values()];
}
