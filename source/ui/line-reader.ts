// Reads answers one line at a time for the screen-reader renderer, with no readline and so no
// cursor-control codes. A password is read with the terminal's echo off (raw mode), so nothing
// of it appears; Ctrl+C there interrupts like anywhere else.
import {killLine, withoutEscapeSequences} from './line-editor.js';

export type LineReader = {
	/** The next line, without its line break; undefined once the input has ended. */
	line(options?: {hidden?: boolean}): Promise<string | undefined>;
	/** Drops what was typed and not yet read (type-ahead); says whether there was any. */
	discardTypedAhead(): boolean;
	close(): void;
};

type Input = NodeJS.ReadableStream & {isTTY?: boolean; setRawMode?: (raw: boolean) => unknown};

export function createLineReader(input: Input, onInterrupt: () => void): LineReader {
	let buffer = '';
	let ended = false;
	let waiting: ((line: string | undefined) => void) | undefined;
	let hidden = false;

	const deliver = () => {
		if (waiting === undefined) return;
		const breakAt = buffer.search(/\r\n|\r|\n/);
		if (breakAt === -1 && !ended) return;
		const resolve = waiting;
		waiting = undefined;
		if (breakAt === -1) {
			resolve(buffer === '' ? undefined : buffer);
			buffer = '';
			return;
		}
		const line = buffer.slice(0, breakAt);
		buffer = buffer.slice(breakAt + (buffer.startsWith('\r\n', breakAt) ? 2 : 1));
		resolve(line);
	};

	const onData = (chunk: Buffer | string) => {
		if (!hidden) buffer += chunk.toString();
		// In raw mode the terminal no longer turns keys into signals or edits: do it here, and keep
		// arrows and other non-text keys out of the password.
		else
			for (const char of withoutEscapeSequences(chunk.toString())) {
				if (char === '\u0003') onInterrupt();
				else if (char === '\u007f' || char === '\b') buffer = [...buffer].slice(0, -1).join('');
				// Ctrl+U clears what was typed, as the terminal does with echo on.
				else if (char === killLine) buffer = '';
				// Ctrl+D on an empty line ends the input, as it does with echo on; elsewhere it is no text.
				else if (char === '\u0004') ended ||= buffer === '';
				else if (char >= ' ' || char === '\r' || char === '\n') buffer += char;
			}
		deliver();
	};
	const onEnd = () => {
		ended = true;
		deliver();
	};
	input.on('data', onData);
	input.on('end', onEnd);

	return {
		async line(options = {}) {
			hidden = options.hidden === true;
			const raw = hidden && input.isTTY === true && typeof input.setRawMode === 'function';
			if (raw) input.setRawMode?.(true);
			try {
				return await new Promise<string | undefined>((resolve) => {
					waiting = resolve;
					deliver();
				});
			} finally {
				if (raw) input.setRawMode?.(false);
				hidden = false;
			}
		},
		discardTypedAhead() {
			const had = buffer !== '';
			buffer = '';
			return had;
		},
		close() {
			input.off('data', onData);
			input.off('end', onEnd);
			if ('pause' in input) input.pause();
		},
	};
}
