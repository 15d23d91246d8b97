// A PowerShell command shown to be copied, cut to fit a terminal: only at spaces outside quotes, or
// after a comma outside quotes and brackets (a list of names, `-DelegateComputer a,b,c`), and
// every row but the last ending in the line continuation (a backtick), so the rows pasted into a
// console are still the one command. A newline alone would end it: `-Credential` and its value on
// two rows are a missing argument and a stray line. A piece wider than the terminal stays whole.

/** A piece of the command, and whether a space comes before it (none after a comma in a word). */
type Piece = {text: string; spaced: boolean};

/**
 * The command's pieces: split at spaces outside single and double quotes, and after a comma outside
 * quotes and square brackets (inside a type name, `[Dictionary[string,int]]`, it stays whole). A
 * console reads `a, b` as it reads `a,b`: an array in an argument as in an expression.
 */
function pieces(command: string): Piece[] {
	const found: Piece[] = [];
	let text = '';
	let spaced = false;
	let quote: string | undefined;
	let brackets = 0;
	const end = (nextSpaced: boolean) => {
		if (text !== '') found.push({text, spaced});
		text = '';
		spaced = nextSpaced;
	};
	for (const char of command) {
		if (quote === undefined && char === ' ') {
			end(true);
			continue;
		}
		if (char === "'" || char === '"')
			quote = quote === undefined ? char : quote === char ? undefined : quote;
		else if (quote === undefined && char === '[') brackets++;
		else if (quote === undefined && char === ']') brackets = Math.max(0, brackets - 1);
		text += char;
		if (quote === undefined && brackets === 0 && char === ',') end(false);
	}
	end(false);
	if (found[0] !== undefined) found[0].spaced = false;
	return found;
}

/** The rows of a one-line command at `width` columns; the command itself when it fits. */
export function commandRows(command: string, width: number): string[] {
	if (command.length <= width) return [command];
	const rows: string[] = [];
	let row = '';
	for (const next of pieces(command)) {
		const joined = `${row}${next.spaced ? ' ' : ''}${next.text}`;
		// Room for the continuation " `" at the end of every row but the last.
		if (row !== '' && joined.length + 2 > width) {
			rows.push(`${row} \``);
			row = next.text;
		} else row = joined;
	}
	rows.push(row);
	return rows;
}
