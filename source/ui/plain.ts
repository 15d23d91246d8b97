// The screen-reader renderer: plain sequential lines, never redrawn, one question at a time
// read with readline. No Ink, no cursor movement, no colour, no glyphs.
import type {Writable} from 'node:stream';
import type {FlowRunner} from '../flow/runner.js';
import {
	logEntryLines,
	promptText,
	summaryLines,
	viewLines,
	waitingText,
} from '../report/plain-text.js';
import {answerFor} from './line-editor.js';
import {bannerText} from './banner-text.js';
import {createLineReader} from './line-reader.js';

export type PlainOptions = {
	input: NodeJS.ReadableStream;
	output: Writable;
	onInterrupt?: () => void;
	hint?: string;
	hostDescription: string;
};

export async function renderPlain(runner: FlowRunner, options: PlainOptions): Promise<void> {
	const {output} = options;
	const reader = createLineReader(options.input, options.onInterrupt ?? (() => {}));
	const say = (lines: string[]) => output.write(`${lines.join('\n')}\n`);
	say([`doublehop, ${options.hostDescription}.`, ...(options.hint ? [options.hint] : [])]);
	let printed = 0;
	let asked = '';
	let banner = '';

	for (;;) {
		const state = runner.getState();
		for (const entry of state.log.slice(printed)) say(['', ...logEntryLines(entry)]);
		printed = state.log.length;
		if (state.pending.kind === 'finished') {
			if (state.conclusion)
				say(['', ...summaryLines(state.conclusion, state.changes, state.records)]);
			break;
		}
		if (state.pending.kind === 'ask') {
			const prompt = state.pending.prompt;
			const key = JSON.stringify(prompt);
			if (key !== asked) {
				asked = key;
				const heading = bannerText(state);
				if (heading !== banner || state.view)
					say(['', heading, ...(state.view ? viewLines(state.view) : [])]);
				banner = heading;
				if ('error' in prompt && prompt.error) say([prompt.error]);
			}
			output.write(promptText(prompt));
			// Ctrl+C arrives as a signal and ends the run while the question is open.
			const line = await Promise.race([
				reader.line({hidden: prompt.kind === 'password'}),
				runner.finished.then(() => 'interrupted' as const),
			]);
			if (line === 'interrupted') {
				output.write('\n');
				continue;
			}
			if (line === undefined) {
				// The input ended (Ctrl+D, a closed pipe): stop as an interruption, changing nothing more.
				runner.dispatch({type: 'interrupt'});
				continue;
			}
			// A terminal echoes the Enter of a visible answer; hidden or piped answers need the line break.
			const echoed =
				(options.input as {isTTY?: boolean}).isTTY === true && prompt.kind !== 'password';
			if (!echoed) output.write('\n');
			const parsed = answerFor(prompt, line);
			if (parsed.ok) runner.dispatch(parsed.action);
			else if (parsed.problem === 'not-yes-or-no') say(['Type y for yes or n for no.']);
			else if (prompt.kind === 'choice')
				say([`Type ${prompt.options.map((o) => o.key).join(' or ')}.`]);
			continue;
		}
		// An operation is running: wait for the next state, saying every 10 s that it still waits
		// (often enough to know it is not stuck, seldom enough not to talk over the reader).
		const {machine} = state.pending.operation;
		const started = Date.now();
		await new Promise<void>((resolve) => {
			const timer = setInterval(() => {
				say([waitingText(machine, Math.floor((Date.now() - started) / 1000))]);
			}, 10_000);
			const off = runner.subscribe(() => {
				clearInterval(timer);
				off();
				resolve();
			});
		});
	}
	reader.close();
}
