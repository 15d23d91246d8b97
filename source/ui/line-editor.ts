// The one-line editor behind every prompt, and what a typed line means as an answer. Pure
// functions, shared by the Ink UI and the screen-reader renderer.
import {Secret} from '../safety/secret.js';
import type {Action, Prompt} from '../tree/state.js';

/**
 * Applies a chunk of input as a terminal user meant it, one character at a time: over a laggy
 * SSH link "abc", Backspace and Enter can arrive as one chunk. Backspace erases, Enter (CR or LF)
 * submits and ends the chunk (what follows belongs to a question not asked yet), Ctrl+U clears
 * what was typed (a terminal's "kill line", as at a shell prompt), tabs become spaces, other
 * control characters and escape sequences are dropped.
 */
/** Ctrl+U: the line's kill character (stty's `kill`), which a terminal in raw mode passes on. */
export const killLine = '\u0015';

export function applyKeys(value: string, chunk: string): {value: string; submitted: boolean} {
	let result = [...value];
	const text = withoutEscapeSequences(chunk);
	for (const char of text) {
		if (char === '\r' || char === '\n') return {value: result.join(''), submitted: true};
		if (char === '\u007f' || char === '\b') result = result.slice(0, -1);
		else if (char === killLine) result = [];
		else if (char === '\t') result.push(' ');
		else if (char >= ' ' && char !== '\u007f') result.push(char);
	}
	return {value: result.join(''), submitted: false};
}

/** Drops the escape sequences that keys such as the arrows, Home or F1 send (CSI, SS3, Alt+key). */
export function withoutEscapeSequences(chunk: string): string {
	return chunk.replace(/\u001b\[[0-9;?]*[A-Za-z~]|\u001bO[A-Za-z]|\u001b./g, '');
}

type ConfirmAnswer = 'yes' | 'no' | 'unclear';

/** y/yes is the only yes; Enter alone means no, as the [y/N] default says. */
function parseConfirm(text: string): ConfirmAnswer {
	const answer = text.trim().toLowerCase();
	if (answer === 'y' || answer === 'yes') return 'yes';
	if (answer === '' || answer === 'n' || answer === 'no') return 'no';
	return 'unclear';
}

/** A yes/no or a choice: answered only by keys typed after the question was shown. */
export function isDecision(prompt: Prompt): boolean {
	return prompt.kind === 'confirm' || prompt.kind === 'choice';
}

export type Answer =
	{ok: true; action: Action} | {ok: false; problem: 'not-yes-or-no' | 'not-an-option'};

/** The reducer action for a line typed at `prompt`, or why the line answers nothing. */
export function answerFor(prompt: Prompt, line: string): Answer {
	switch (prompt.kind) {
		case 'text':
			return {ok: true, action: {type: 'submit-text', field: prompt.field, value: line}};
		case 'password':
			return {ok: true, action: {type: 'submit-password', password: new Secret(line)}};
		case 'choice': {
			const typed = line.trim().toLowerCase();
			const option = prompt.options.find((o) => o.key === typed || o.label === typed);
			if (option === undefined) return {ok: false, problem: 'not-an-option'};
			return {ok: true, action: {type: 'choose', id: prompt.id, key: option.key}};
		}
		case 'confirm': {
			const answer = parseConfirm(line);
			if (answer === 'unclear') return {ok: false, problem: 'not-yes-or-no'};
			return {ok: true, action: {type: 'answer', id: prompt.id, yes: answer === 'yes'}};
		}
	}
}
