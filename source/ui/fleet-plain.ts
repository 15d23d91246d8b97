// A run over many first hops read out as plain sequential lines (--screen-reader, TERM=dumb):
// each printed block once, in order, then the question, read with the same line reader as one
// host's plain renderer. The table is one line per host, so a screen reader reads a row at a time.
import type {Writable} from 'node:stream';
import type {FleetRunner} from '../flow/fleet-runner.js';
import type {FleetPrompt} from '../tree/fleet/state.js';
import {fleetStepHeading} from '../tree/fleet/step.js';
import {showControls, showControlsIn} from '../windows/terminal-text.js';
import {fleetAnswerFor, fleetQuestionText, isFleetDecision} from './fleet-answer.js';
import {createLineReader} from './line-reader.js';

export type FleetPlainOptions = {
	input: NodeJS.ReadableStream;
	output: Writable;
	onInterrupt: () => void;
	hostDescription: string;
	hint?: string;
};

export async function renderFleetPlain(runner: FleetRunner, options: FleetPlainOptions) {
	const {output} = options;
	const reader = createLineReader(options.input, options.onInterrupt);
	const say = (lines: string[]) => output.write(`${lines.map(showControls).join('\n')}\n`);
	const terminal = (options.input as {isTTY?: boolean}).isTTY === true;
	say([`doublehop, ${options.hostDescription}.`, ...(options.hint ? [options.hint] : [])]);
	let printed = 0;
	let heading: string | undefined;
	// New blocks, with a step's heading read out as it starts: before the block its question is
	// about (the plan of the delegation list), after those that end the step before (the table).
	const sayNew = () => {
		const state = runner.getState();
		const blocks = showControlsIn(state.printed).slice(printed);
		printed = state.printed.length;
		const step = fleetStepHeading(state);
		const newStep = step !== undefined && step !== heading;
		if (step !== undefined) heading = step;
		// A new step's heading comes before the question it asks (the last block), after the rest.
		const question = newStep && state.pending.kind === 'ask' ? blocks.slice(-1) : [];
		for (const block of blocks.slice(0, blocks.length - question.length)) say([...block.lines, '']);
		if (newStep) say([step]);
		for (const block of question) say([...block.lines, '']);
	};
	const ask = async (prompt: FleetPrompt) => {
		for (;;) {
			if ('error' in prompt && prompt.error !== undefined) say([prompt.error]);
			// A line cannot be handed back to edit: what was refused is read out instead.
			if ('typed' in prompt && prompt.typed !== undefined) say([`Not taken: ${prompt.typed}`]);
			if (terminal && isFleetDecision(prompt) && reader.discardTypedAhead())
				say(['An answer typed before this question was read out was ignored.']);
			output.write(showControls(fleetQuestionText(prompt)));
			const line = await Promise.race([
				reader.line({hidden: prompt.kind === 'password'}),
				runner.finished.then(() => 'interrupted' as const),
			]);
			if (line === 'interrupted') return;
			if (line === undefined) {
				runner.dispatch({type: 'interrupt'});
				return;
			}
			if (!terminal || prompt.kind === 'password') output.write('\n');
			const answer = fleetAnswerFor(prompt, line);
			if (answer.ok) {
				runner.dispatch(answer.action);
				return;
			}
			say([answer.hint]);
		}
	};
	for (;;) {
		// Each step's heading read out once, as it starts (a screen reader has no banner to glance at).
		sayNew();
		const {pending} = runner.getState();
		if (pending.kind === 'finished') break;
		if (pending.kind === 'ask') {
			await ask(pending.prompt);
			continue;
		}
		// A call runs: wait for the next state.
		await new Promise<void>((resolve) => {
			const stop = runner.subscribe(() => {
				stop();
				resolve();
			});
		});
	}
	reader.close();
}
