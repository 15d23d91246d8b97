// The one-line editor behind every prompt. Pure functions, so the root useInput feeds them
// whatever the terminal delivered and the views only draw the value.

/**
 * Applies a chunk of input as a terminal user meant it, one character at a time: over a laggy
 * SSH link "abc", Backspace and Enter can arrive as one chunk. Backspace erases, Enter (CR or LF)
 * submits and ends the chunk (what follows belongs to a question not asked yet), tabs become
 * spaces, other control characters and escape sequences are dropped.
 */
export function applyKeys(value: string, chunk: string): {value: string; submitted: boolean} {
	let result = [...value];
	const text = chunk.replace(/\u001b\[[0-9;?]*[A-Za-z~]|\u001b./g, '');
	for (const char of text) {
		if (char === '\r' || char === '\n') return {value: result.join(''), submitted: true};
		if (char === '\u007f' || char === '\b') result = result.slice(0, -1);
		else if (char === '\t') result.push(' ');
		else if (char >= ' ' && char !== '\u007f') result.push(char);
	}
	return {value: result.join(''), submitted: false};
}

export type ConfirmAnswer = 'yes' | 'no' | 'unclear';

/** y/yes is the only yes; Enter alone means no, as the [y/N] default says. */
export function parseConfirm(text: string): ConfirmAnswer {
	const answer = text.trim().toLowerCase();
	if (answer === 'y' || answer === 'yes') return 'yes';
	if (answer === '' || answer === 'n' || answer === 'no') return 'no';
	return 'unclear';
}
