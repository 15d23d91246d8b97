// The line an answer is typed on, for the one-host screen and the fleet screen alike. All keys
// arrive at the one useInput here. The typed text belongs to one question (a new question starts
// empty; one asked again with a reason starts with the answer it refused); it is kept in a ref so that keys arriving
// faster than React renders still see each other.
import {useInput} from 'ink';
import {useLayoutEffect, useRef, useState} from 'react';
import {applyKeys, killLine} from './line-editor.js';

/** How long a yes/no or a choice is on screen before keys can answer it. */
export const decisionSeenMs = 150;

export type AnswerLineOptions = {
	/** The question's identity (its JSON); '' when nothing is asked. */
	key: string;
	/** A yes/no or a choice: taken only from keys typed after it was seen. */
	decision: boolean;
	/** The answer this question refused last time: the field starts with it, to edit. */
	initial?: string | undefined;
	onInterrupt: () => void;
	onSubmit: (value: string) => void;
};

export type AnswerLine = {
	value: string;
	hint: string | undefined;
	update: (value: string, hint?: string) => void;
	/** The answer was taken: the next question (or this one asked again) starts afresh. */
	answered: () => void;
};

// Not any question's key: the render after an answer starts the field from `initial`, even when
// the question asked again is the same (the same answer refused the same way).
const afterAnswer = '\u0000answered';

export function useAnswerLine({
	key,
	decision,
	initial = '',
	onInterrupt,
	onSubmit,
}: AnswerLineOptions): AnswerLine {
	const typed = useRef({key: '', value: '', hint: undefined as string | undefined});
	const [, rerender] = useState(0);
	if (typed.current.key !== key) typed.current = {key, value: initial, hint: undefined};
	const update = (value: string, hint?: string) => {
		typed.current = {key, value, hint};
		rerender((n) => n + 1);
	};
	// When the current question reached the screen (its frame is written as the render commits).
	const seen = useRef({key: '', at: 0});
	useLayoutEffect(() => {
		seen.current = {key, at: Date.now()};
	}, [key]);

	useInput((input, keys) => {
		if (keys.ctrl && input === 'c') {
			onInterrupt();
			return;
		}
		if (key === '') return;
		const {value, hint} = typed.current;
		// Type-ahead (a double "y Enter", a paste) would otherwise answer a question nobody has read.
		const seenFor = seen.current.key === key ? Date.now() - seen.current.at : 0;
		if (decision && seenFor < decisionSeenMs) return;
		if (keys.return) {
			onSubmit(value);
			return;
		}
		if (keys.backspace || keys.delete) {
			update(applyKeys(value, '\u007f').value, hint);
			return;
		}
		// Ink hands Ctrl+U over as "u" with ctrl: it clears the field, as it clears a shell's line.
		if (keys.ctrl && input === 'u') {
			update(applyKeys(value, killLine).value, hint);
			return;
		}
		if (keys.ctrl || keys.meta || keys.escape || keys.upArrow || keys.downArrow) return;
		if (keys.leftArrow || keys.rightArrow) return;
		// Several keys may arrive as one chunk (a paste, a laggy link): apply them in order.
		const next = applyKeys(value, input);
		if (next.submitted) {
			typed.current = {key, value: next.value, hint};
			onSubmit(next.value);
		} else if (next.value !== value) update(next.value, hint);
	});
	const answered = () => {
		typed.current = {key: afterAnswer, value: '', hint: undefined};
		rerender((n) => n + 1);
	};
	return {value: typed.current.value, hint: typed.current.hint, update, answered};
}
