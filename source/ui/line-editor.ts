// The one-line editor behind every prompt: typed text, backspace, paste. A pure reducer, so
// the root useInput feeds it keys and the views only draw `value`.
export type LineEditorAction =
	{type: 'insert'; text: string} | {type: 'backspace'} | {type: 'clear'};

export function editLine(value: string, action: LineEditorAction): string {
	switch (action.type) {
		case 'insert':
			// Pasted text may carry line breaks or tabs; a prompt takes one line.
			return value + action.text.replace(/[\r\n\t]+/g, ' ');
		case 'backspace':
			return [...value].slice(0, -1).join('');
		case 'clear':
			return '';
	}
}

export type ConfirmAnswer = 'yes' | 'no' | 'unclear';

/** y/yes is the only yes; Enter alone means no, as the [y/N] default says. */
export function parseConfirm(text: string): ConfirmAnswer {
	const answer = text.trim().toLowerCase();
	if (answer === 'y' || answer === 'yes') return 'yes';
	if (answer === '' || answer === 'n' || answer === 'no') return 'no';
	return 'unclear';
}
