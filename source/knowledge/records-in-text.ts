// A paste may hold several error records ($Error | Out-String, a console's scrollback): each is
// its message, then its "+ CategoryInfo", "+ FullyQualifiedErrorId" (and "+ PSComputerName") rows.
// The hosts to fill in are the record's the answer is about, never a name from the one beside it.
// Pure, no I/O.

// A record's trailer row, as Windows PowerShell 5.1 (and PowerShell 7's NormalView) prints it.
const trailerRow = /^[ \t]+\+ [A-Za-z]+[ \t]*:/;
// A prompt line starts what follows it: the command typed, then its error.
const promptRow = /^[ \t]*(?:\[[^\]\n]+\]:[ \t]*)?PS [^\n>]*>/;

type Piece = {start: number; end: number; hasTrailer: boolean};

/** The records of the text, in order: [start, end) offsets, each with whether it has a trailer. */
function pieces(text: string): Piece[] {
	const found: Piece[] = [];
	let start = 0;
	let offset = 0;
	let afterTrailer = false;
	let hasTrailer = false;
	for (const line of text.split('\n')) {
		const blank = line.trim() === '';
		const opens =
			offset > start && (promptRow.test(line) || (afterTrailer && !blank && !/^[ \t]/.test(line)));
		if (opens) {
			found.push({start, end: offset, hasTrailer});
			start = offset;
			hasTrailer = false;
		}
		if (trailerRow.test(line)) {
			afterTrailer = true;
			hasTrailer = true;
		} else if (!blank) afterTrailer = false;
		offset += line.length + 1;
	}
	found.push({start, end: text.length, hasTrailer});
	return found;
}

/** How many error records the text holds (records with a trailer; at least 1). */
export function recordCount(text: string): number {
	return Math.max(1, pieces(text).filter((piece) => piece.hasTrailer).length);
}

/** The record that holds `offset`: the one the answer's first evidence is in. */
export function recordAt(text: string, offset: number): string {
	const piece = pieces(text).find(({start, end}) => offset >= start && offset < end);
	return piece === undefined ? text : text.slice(piece.start, piece.end);
}
