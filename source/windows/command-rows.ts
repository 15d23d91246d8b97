// A PowerShell command shown to be copied, cut to fit a terminal: only at spaces outside quotes, and
// every row but the last ending in the line continuation (a backtick), so the rows pasted into a
// console are still the one command. A newline alone would end it: `-Credential` and its value on
// two rows are a missing argument and a stray line. A word wider than the terminal stays whole.

/** The command's words: split at spaces outside single and double quotes. */
function words(command: string): string[] {
	const found: string[] = [];
	let word = '';
	let quote: string | undefined;
	for (const char of command) {
		if (quote === undefined && char === ' ') {
			if (word !== '') found.push(word);
			word = '';
			continue;
		}
		if (char === "'" || char === '"')
			quote = quote === undefined ? char : quote === char ? undefined : quote;
		word += char;
	}
	if (word !== '') found.push(word);
	return found;
}

/** The rows of a one-line command at `width` columns; the command itself when it fits. */
export function commandRows(command: string, width: number): string[] {
	if (command.length <= width) return [command];
	const rows: string[] = [];
	let row = '';
	for (const next of words(command)) {
		// Room for the continuation " `" at the end of every row but the last.
		if (row !== '' && row.length + 1 + next.length + 2 > width) {
			rows.push(`${row} \``);
			row = next;
		} else row = row === '' ? next : `${row} ${next}`;
	}
	rows.push(row);
	return rows;
}
