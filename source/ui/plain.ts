// The screen-reader renderer: plain sequential lines, never redrawn, one question at a time
// read with readline. No Ink, no cursor movement, no colour, no glyphs.
import type {Writable} from 'node:stream';
import type {FlowRunner} from '../flow/runner.js';
import type {Prompt} from '../tree/state.js';
import {
	logEntryLines,
	promptText,
	summaryLines,
	viewLines,
	waitingText,
} from '../report/plain-text.js';
import {answerFor, isDecision} from './line-editor.js';
import {bannerText} from './banner-text.js';
import {createLineReader} from './line-reader.js';
import {shownRunner} from './shown-runner.js';
import {showControls} from '../windows/terminal-text.js';

export type PlainOptions = {
	input: NodeJS.ReadableStream;
	output: Writable;
	onInterrupt?: () => void;
	hint?: string;
	hostDescription: string;
	/** Another screen (the fleet's, handing over to undo) already said what this is and where. */
	headingShown?: boolean;
};

export async function renderPlain(flow: FlowRunner, options: PlainOptions): Promise<void> {
	const {output} = options;
	// What comes from outside is read out with its control characters escaped (terminal-text.ts).
	const runner = shownRunner(flow);
	const reader = createLineReader(options.input, options.onInterrupt ?? (() => {}));
	const say = (lines: string[]) => output.write(`${lines.join('\n')}\n`);
	if (options.headingShown !== true)
		say([
			showControls(`doublehop, ${options.hostDescription}.`),
			...(options.hint ? [showControls(options.hint)] : []),
		]);
	let banner = '';
	let lastView = '';

	/** Asks until an answer is taken or the run ends (Ctrl+C, or the input closed). */
	const ask = async (prompt: Prompt) => {
		const terminal = (options.input as {isTTY?: boolean}).isTTY === true;
		for (;;) {
			// At a terminal, a decision is taken only from a line typed after it was read out.
			if (terminal && isDecision(prompt) && reader.discardTypedAhead())
				say(['An answer typed before this question was read out was ignored.']);
			output.write(promptText(prompt));
			// Ctrl+C arrives as a signal and ends the run while the question is open.
			const line = await Promise.race([
				reader.line({hidden: prompt.kind === 'password'}),
				runner.finished.then(() => 'interrupted' as const),
			]);
			if (line === 'interrupted') {
				output.write('\n');
				return;
			}
			if (line === undefined) {
				// The input ended (Ctrl+D, a closed pipe): stop as an interruption, changing nothing more.
				runner.dispatch({type: 'interrupt'});
				return;
			}
			// A terminal echoes the Enter of a visible answer; hidden or piped answers need the line break.
			const echoed = terminal && prompt.kind !== 'password';
			if (!echoed) output.write('\n');
			const parsed = answerFor(prompt, line);
			if (parsed.ok) {
				runner.dispatch(parsed.action);
				return;
			}
			if (parsed.problem === 'not-yes-or-no') say(['Type y for yes or n for no.']);
			else if (prompt.kind === 'choice')
				say([`Type ${prompt.options.map((o) => o.key).join(' or ')}.`]);
		}
	};

	for (let next = 0; ;) {
		const event = runner.getEvents()[next];
		if (event === undefined) {
			// Nothing new yet: an operation is running. Say every 10 s that it still waits (often
			// enough to know it is not stuck, seldom enough not to talk over the reader).
			const {pending} = runner.getState();
			await nextChange(
				runner,
				pending.kind === 'run'
					? (pending.operation.waitingFor ?? pending.operation.machine)
					: undefined,
				say,
			);
			continue;
		}
		next += 1;
		if (event.type === 'entry-logged') say(['', ...logEntryLines(event.entry)]);
		if (event.type === 'finished') {
			const {conclusion, changes, records} = event.state;
			if (conclusion) say(['', ...summaryLines(conclusion, changes, records)]);
			break;
		}
		if (event.type === 'question-asked') {
			const {state, prompt} = event;
			const heading = bannerText(state);
			// An explanation is read out once, before the first of the questions it is for.
			const view = state.view === undefined ? '' : JSON.stringify(state.view);
			if (heading !== banner || view !== lastView)
				say(['', heading, ...(state.view && view !== lastView ? viewLines(state.view) : [])]);
			banner = heading;
			lastView = view === '' ? lastView : view;
			if ('error' in prompt && prompt.error) say([prompt.error]);
			// A line cannot be handed back to edit: what was refused is read out instead.
			if (prompt.kind === 'text' && prompt.typed !== undefined) say([`Not taken: ${prompt.typed}`]);
			await ask(prompt);
		}
	}
	reader.close();
}

/** Resolves at the runner's next state or event, saying meanwhile that `machine` is awaited. */
function nextChange(
	runner: FlowRunner,
	machine: string | undefined,
	say: (lines: string[]) => void,
): Promise<void> {
	const started = Date.now();
	return new Promise<void>((resolve) => {
		const timer = setInterval(() => {
			if (machine !== undefined)
				say([waitingText(machine, Math.floor((Date.now() - started) / 1000))]);
		}, 10_000);
		const off = runner.subscribe(() => {
			clearInterval(timer);
			off();
			resolve();
		});
	});
}
