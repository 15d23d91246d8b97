// The screen-reader renderer: plain sequential lines, never redrawn, one question at a time
// read with readline. No Ink, no cursor movement, no colour, no glyphs.
import {createInterface} from 'node:readline';
import type {Writable} from 'node:stream';
import type {FlowRunner} from '../flow/runner.js';
import {logEntryLines, promptText, summaryLines, viewLines} from '../report/plain-text.js';
import {Secret} from '../safety/secret.js';
import {parseConfirm} from './line-editor.js';
import {bannerText} from './banner-text.js';

export type PlainOptions = {
	input: NodeJS.ReadableStream;
	output: Writable;
	hint?: string;
	hostDescription: string;
};

export async function renderPlain(runner: FlowRunner, options: PlainOptions): Promise<void> {
	const {output} = options;
	let muted = false;
	const rl = createInterface({input: options.input, output, terminal: true});
	// Typed password characters are not echoed.
	const writeToOutput = (rl as unknown as {_writeToOutput: (text: string) => void})._writeToOutput;
	(rl as unknown as {_writeToOutput: (text: string) => void})._writeToOutput = function (
		text: string,
	) {
		if (!muted) writeToOutput.call(rl, text);
	};
	const say = (lines: string[]) => output.write(`${lines.join('\n')}\n`);
	say([`doublehop, ${options.hostDescription}.`, ...(options.hint ? [options.hint] : [])]);
	let printed = 0;
	let asked = '';
	let banner = '';

	const question = (text: string) =>
		new Promise<string>((resolve) => {
			rl.question(text, resolve);
		});

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
			muted = false;
			const pending = question(promptText(prompt));
			// The question is on screen; from here on a password's keys are not echoed.
			muted = prompt.kind === 'password';
			const answer = await pending;
			muted = false;
			if (prompt.kind === 'password') output.write('\n');
			if (prompt.kind === 'text')
				runner.dispatch({type: 'submit-text', field: prompt.field, value: answer});
			else if (prompt.kind === 'password')
				runner.dispatch({type: 'submit-password', password: new Secret(answer)});
			else if (prompt.kind === 'choice') {
				const option = prompt.options.find((o) => o.key === answer.trim().toLowerCase());
				if (option === undefined) say([`Type ${prompt.options.map((o) => o.key).join(' or ')}.`]);
				else runner.dispatch({type: 'choose', id: prompt.id, key: option.key});
			} else {
				const parsed = parseConfirm(answer);
				if (parsed === 'unclear') say(['Type y for yes or n for no.']);
				else runner.dispatch({type: 'answer', id: prompt.id, yes: parsed === 'yes'});
			}
			continue;
		}
		// An operation is running: wait for the next state.
		await new Promise<void>((resolve) => {
			const off = runner.subscribe(() => {
				off();
				resolve();
			});
		});
	}
	rl.close();
}
