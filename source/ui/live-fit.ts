// Keeps the live area (banner, running command, question) shorter than the window. Ink clears the
// whole screen and the scrollback, then reprints everything, whenever its live frame is as tall
// as the window (ink.js: lastOutputHeight >= rows): in a small window that wipes the log on every
// frame. When the usual layout would not fit, the live area is drawn from these lines instead,
// pre-wrapped to the width and cut from the top, so the question stays in view.
import {waitingText} from '../report/plain-text.js';
import {wrap} from '../windows/wrap.js';
import {commandRows, rowsFit} from '../windows/command-rows.js';

type LiveLine = {text: string; style: 'banner' | 'command' | 'hint' | 'question'};

export type LiveParts = {
	banner: string;
	commands: string[];
	/** The machine a running step waits for; its waiting line is drawn by WaitingLine. */
	waitingFor?: string;
	hint?: string;
	/** The question with what has been typed and the cursor. */
	question?: string;
};

/** Word-wraps like Ink (greedy, hard-breaking a word longer than the width). */
function wrapHard(text: string, width: number): string[] {
	const cells = Math.max(1, width);
	return wrap(text, cells).flatMap((line) => {
		const chars = [...line];
		if (chars.length <= cells) return [line];
		const pieces: string[] = [];
		for (let at = 0; at < chars.length; at += cells)
			pieces.push(chars.slice(at, at + cells).join(''));
		return pieces;
	});
}

/** The most rows the waiting line can take, whatever its count of seconds. */
export function waitingRows(machine: string, width: number): number {
	return wrapHard(waitingText(machine, 9999), width).length;
}

/** The live area's text, wrapped to `width`, without the blank lines and rule around it. */
export function liveLines(parts: LiveParts, width: number): LiveLine[] {
	const lines = (text: string, style: LiveLine['style']) =>
		wrapHard(text, width).map((line) => ({text: line, style}));
	// A running command is cut where a console still reads it as one, as the usual layout cuts it.
	// A piece too wide to hang under the text gets the prompt's columns too (fit-width.tsx).
	const command = (line: string): LiveLine[] => {
		const text = line.replace(/^PS> /, '');
		const hanging = commandRows(text, width - 4);
		const wider = commandRows(text, width, width - 4);
		const [rows, indent] = rowsFit(hanging, width - 4)
			? [hanging, '    ']
			: rowsFit(wider, width, width - 4)
				? [wider, '']
				: [undefined, ''];
		return rows === undefined
			? lines(line, 'command')
			: rows.map((row, index) => ({
					text: `${index === 0 ? 'PS> ' : indent}${row}`,
					style: 'command',
				}));
	};
	return [
		...lines(parts.banner, 'banner'),
		...parts.commands.flatMap(command),
		...(parts.hint === undefined ? [] : lines(parts.hint, 'hint')),
		...(parts.question === undefined ? [] : lines(parts.question, 'question')),
	];
}

/**
 * How many rows the usual layout takes: the text, the waiting line, the blank line and rule
 * above the banner and the blank line above the question.
 */
export function usualRows(parts: LiveParts, width: number): number {
	const waiting = parts.waitingFor === undefined ? 0 : waitingRows(parts.waitingFor, width);
	return liveLines(parts, width).length + waiting + 2 + (parts.question === undefined ? 0 : 1);
}
