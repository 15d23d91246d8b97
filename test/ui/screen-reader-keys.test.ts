// The screen-reader renderer reads the password with the terminal's echo off (raw mode), where
// the terminal no longer edits the line: keys that are not text must not become the password.
import {PassThrough} from 'node:stream';
import {describe, expect, test} from 'vitest';
import {startFlow} from '../../source/flow/runner.js';
import {createLabHost} from '../../source/hosts/lab/lab-host.js';
import {initialState} from '../../source/tree/reducer.js';
import {renderPlain} from '../../source/ui/plain.js';
import {labPassword, scenario} from '../helpers/session.js';

/** The classic lab in the screen-reader renderer, up to its password question. */
async function atPassword() {
	const lab = scenario('classic');
	const host = createLabHost({scenario: lab});
	const runner = startFlow(host, initialState({defaults: lab.defaults}));
	const input = new PassThrough();
	const output = new PassThrough();
	let text = '';
	output.on('data', (chunk: Buffer) => (text += chunk.toString()));
	const done = renderPlain(runner, {input, output, hostDescription: host.description});
	const waitFor = async (expected: string) => {
		for (const start = Date.now(); !text.includes(expected);) {
			if (Date.now() - start > 4000) throw new Error(`No "${expected}". Output:\n${text}`);
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
	};
	for (const prompt of ['First hop', 'Second hop', 'Command to run', 'User name']) {
		await waitFor(prompt);
		input.write('\n');
	}
	await waitFor('Password for');
	return {runner, input, done, waitFor, output: () => text};
}

describe('screen reader: keys at the hidden password', () => {
	test('arrow keys and Ctrl+D typed inside the password are not part of it', async () => {
		const run = await atPassword();
		const [head, tail] = [labPassword.slice(0, 4), labPassword.slice(4)];
		// Left, Up, Ctrl+D, Right, as one chunk each, the way a terminal in raw mode sends them.
		run.input.write(head);
		for (const key of ['\u001b[D', '\u001b[A', '\u0004', '\u001bOC']) run.input.write(key);
		run.input.write(`${tail}\n`);
		// The lab takes only its own password: the run goes on to the failing hop and the methods.
		await run.waitFor('Which method?');
		expect(run.output()).not.toContain('password is incorrect');
		run.runner.dispatch({type: 'interrupt'});
		run.input.end();
		await run.done;
	});

	test('Ctrl+D at an empty password ends the input: the run stops, changing nothing', async () => {
		const run = await atPassword();
		run.input.write('\u0004');
		const finished = await Promise.race([
			run.runner.finished.then(() => 'finished'),
			new Promise((resolve) => setTimeout(() => resolve('still asking'), 1000)),
		]);
		expect(finished).toBe('finished');
		expect(run.runner.getState().conclusion?.verdict).toBe('interrupted');
		run.input.end();
		await run.done;
	});
});
