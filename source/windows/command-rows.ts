// A PowerShell command shown to be copied, cut to fit a terminal: only at spaces outside quotes, or
// after a comma outside quotes and brackets (a list of names, `-DelegateComputer a,b,c`), and
// every row but the last ending in the line continuation (a backtick), so the rows pasted into a
// console are still the one command. A newline alone would end it: `-Credential` and its value on
// two rows are a missing argument and a stray line. A single-quoted string wider than the terminal
// becomes a sum of its parts in brackets; any other piece that wide is cut inside its round
// brackets (after "(", before ")"), where PowerShell reads a line continuation as a space; what
// still does not fit stays whole. A bare path given as an argument is cut as the string it is.

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

/**
 * A comment cut at spaces, every row its own comment: a continuation backtick inside a comment is
 * only a character, so a second row without "#" would run as a command.
 */
function commentRows(comment: string, width: number): string[] {
	const rows: string[] = [];
	let row = '';
	// A word wider than a row is cut anywhere: in a comment it is only words to read.
	const words = comment
		.split(' ')
		.flatMap((word) =>
			word.length <= width - 2 ? [word] : (word.match(new RegExp(`.{1,${width - 2}}`, 'g')) ?? []),
		);
	for (const word of words) {
		const joined = row === '' ? word : `${row} ${word}`;
		if (row !== '' && row !== '#' && joined.length > width) {
			rows.push(row);
			row = `# ${word}`;
		} else row = joined;
	}
	rows.push(row);
	return rows;
}

// A single-quoted string, alone or before a comma, a statement's end or closing brackets
// (`-Argument '...';` inside a script block): its only escape is a doubled quote. It may follow a
// cast (`[adsisearcher]'(servicePrincipalName=...)'`), which then takes the bracketed sum.
const singleQuoted = /^(\[[\w.]+\])?'((?:[^']|'')*)'([,;)]*)$/;

// A path written bare as an argument (`Get-ItemProperty HKLM:\SOFTWARE\...`): in argument mode
// PowerShell reads it as the string it spells, so it may be cut as that string in quotes. Only
// letters, digits and path characters (nothing PowerShell would expand or end the word at), with a
// separator in it, and never a parameter's name.
const barePath = /^(?!-)([\w:.\-]*[\\/][\w:.\-\\/]*)([,;)]*)$/;

/** Words after which a new command starts: a bare word there is a command's name, not a string. */
const commandStart = /^(?:\||;|\{|&|\.|\(|%|\?|foreach|where)$|[|;{(]$/i;

/**
 * A single-quoted string wider than a row (a registry path) as a sum of its parts in brackets:
 * `('HKLM:\SOFTWARE\...\' + 'CredentialsDelegation')` is the same argument, and every row can be
 * copied. Cut after a path separator where one fits, never next to a quote (a doubled quote is one
 * character). Undefined when the string is not one or the rows are too narrow to cut it.
 */
function stringRows(piece: string, room: number, bareArgument = false): string[] | undefined {
	const quoted = singleQuoted.exec(piece);
	const bare = quoted === null && bareArgument ? barePath.exec(piece) : null;
	if ((quoted === null && bare === null) || room < 16) return undefined;
	const [cast = '', content = '', comma = ''] =
		quoted === null ? ['', bare![1], bare![2]] : [quoted[1], quoted[2], quoted[3]];
	const parts: string[] = [];
	let rest = content;
	// Each row: "('" or "'" before, "' +" after (the last: "')" and the comma).
	while (rest.length > 0) {
		const budget = room - (parts.length === 0 ? 5 + cast.length : 4);
		// The last part closes the bracket instead: "'" before, "')" and the comma after.
		if (parts.length > 0 && rest.length + 3 + comma.length <= room) {
			parts.push(rest);
			break;
		}
		const allowed = (at: number) => rest[at - 1] !== "'" && rest[at] !== "'";
		let cut = -1;
		for (let at = budget; at > budget / 2; at--) {
			if (allowed(at) && /[\\/.,\- ]/.test(rest[at - 1]!)) {
				cut = at;
				break;
			}
		}
		if (cut === -1) for (let at = budget; at > 0 && cut === -1; at--) if (allowed(at)) cut = at;
		if (cut <= 0) return undefined;
		parts.push(rest.slice(0, cut));
		rest = rest.slice(cut);
	}
	if (parts.length < 2) return undefined;
	return parts.map((part, index) =>
		index === 0
			? `${cast}('${part}' +`
			: index === parts.length - 1
				? `'${part}')${comma}`
				: `'${part}' +`,
	);
}

/**
 * A piece too wide for a row of its own, split after each "(" and before each ")" outside quotes
 * and square brackets: `[System.Net.Dns]::GetHostEntry(` and `'').HostName`. PowerShell's parser
 * skips even new lines there, so a continuation too, in a method's arguments (Parser.cs,
 * InvokeParamParenListRule: "'(' argument-expression-list:opt new-lines:opt ')'") and a bracketed
 * expression (ParenthesizedExpressionRule, SkipNewlines); never before "." or after "::" ("No
 * whitespace is allowed between terms", MemberAccessRule), so those stay joined.
 */
function bracketPieces(piece: Piece): Piece[] {
	const found: Piece[] = [];
	let text = '';
	let quote: string | undefined;
	let brackets = 0;
	const end = () => {
		if (text !== '') found.push({text, spaced: found.length === 0 ? piece.spaced : false});
		text = '';
	};
	for (const char of piece.text) {
		if (char === "'" || char === '"')
			quote = quote === undefined ? char : quote === char ? undefined : quote;
		else if (quote === undefined && char === '[') brackets++;
		else if (quote === undefined && char === ']') brackets = Math.max(0, brackets - 1);
		const outside = quote === undefined && brackets === 0;
		if (outside && char === ')') end();
		text += char;
		if (outside && char === '(') end();
	}
	end();
	return found;
}

/**
 * The rows of a one-line command at `width` columns (the first row at `first`, where it starts
 * after a prompt that its other rows do not hang under); the command itself when it fits.
 */
export function commandRows(command: string, width: number, first = width): string[] {
	if (command.length <= first) return [command];
	if (command.trimStart().startsWith('#')) return commentRows(command, Math.min(width, first));
	const rows: string[] = [];
	let row = '';
	// A bare word that is an argument (not the first word, nor one after "|", ";" or "{"), which a
	// path may be cut as a string.
	const all = pieces(command);
	const argument = new Set(
		all.filter((piece, index) => index > 0 && !commandStart.test(all[index - 1]!.text)),
	);
	// Room for a piece and the continuation after it, on a row after the first.
	const tooWide = (piece: Piece) =>
		piece.text.length + 2 > width &&
		stringRows(piece.text, width - 2, argument.has(piece)) === undefined;
	const shown = all.flatMap((piece) => (tooWide(piece) ? bracketPieces(piece) : [piece]));
	for (const [index, next] of shown.entries()) {
		const budget = rows.length === 0 ? first : width;
		const joined = `${row}${next.spaced ? ' ' : ''}${next.text}`;
		// Room for the continuation " `" at the end of every row but the last.
		if (row !== '' && joined.length + 2 > budget) {
			rows.push(`${row} \``);
			row = next.text;
		} else row = joined;
		// A string wider than a row of its own: cut into a sum of its parts. One that fits on its
		// row (with the continuation after it, unless it is the last piece) stays as it is.
		const room = (rows.length === 0 ? first : width) - (index === shown.length - 1 ? 0 : 2);
		const split =
			row === next.text && next.text.length > room
				? stringRows(next.text, (rows.length === 0 ? first : width) - 2, argument.has(next))
				: undefined;
		if (split !== undefined) {
			rows.push(...split.slice(0, -1).map((part) => `${part} \``));
			row = split.at(-1)!;
		}
	}
	rows.push(row);
	return rows;
}

/** Whether every row fits: the first within `first` columns, the others within `width`. */
export function rowsFit(rows: readonly string[], width: number, first = width): boolean {
	return rows.every((row, index) => row.length <= (index === 0 ? first : width));
}
