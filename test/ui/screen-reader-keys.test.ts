// The screen-reader renderer reads the password with the terminal's echo off (raw mode), where
// the terminal no longer edits the line: keys that are not text must not become the password.
import {describe, expect, test} from 'vitest';
import {labPassword} from '../helpers/session.js';
import {plainAtPassword as atPassword} from '../helpers/plain-session.js';

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

describe('screen reader: Ctrl+U at the hidden password', () => {
	test('clears what was typed, as the terminal does with echo on', async () => {
		const run = await atPassword();
		// Before: Ctrl+U was dropped, and the password sent was "wrong" + the right one.
		run.input.write('wrong');
		run.input.write('\u0015');
		run.input.write(`${labPassword}\n`);
		await run.waitFor('Which method?');
		expect(run.output()).not.toContain('password is incorrect');
		run.runner.dispatch({type: 'interrupt'});
		run.input.end();
		await run.done;
	});
});
