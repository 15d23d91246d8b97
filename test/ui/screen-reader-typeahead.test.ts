// In the screen reader, as on the Ink screen, a yes typed before a question was read out must not
// answer it: a second "y Enter" typed with the risk's yes would otherwise make the first change
// unread. Only at a terminal: piped answers (a script feeding the renderer) are meant in order.
import {describe, expect, test} from 'vitest';
import {labPassword} from '../helpers/session.js';
import {plainAtPassword} from '../helpers/plain-session.js';

async function atRisk(tty: boolean) {
	const run = await plainAtPassword({tty});
	run.input.write(`${labPassword}\n`);
	await run.waitFor('Which method?');
	run.input.write('c\n');
	await run.waitFor('Continue with CredSSP');
	return run;
}

const clientCredSsp = (run: Awaited<ReturnType<typeof atRisk>>) =>
	run.host.snapshot().machines['admin-ws']?.credssp.client;

describe('screen reader: answers typed ahead of a question', () => {
	test('at a terminal, a second yes typed with the risk’s yes does not make the client change', async () => {
		const run = await atRisk(true);
		run.input.write('y\ny\n');
		await run.waitFor('Make this change on ADMIN-WS');
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(clientCredSsp(run)).toBe(false);
		expect(run.runner.getState().pending.kind).toBe('ask');
		expect(run.output()).toContain('An answer typed before this question was read out was ignored');
		// Typed after the question, the same answer is taken.
		run.input.write('y\n');
		await run.waitFor('Step 8 of 10');
		expect(clientCredSsp(run)).toBe(true);
		run.runner.dispatch({type: 'interrupt'});
		run.input.end();
		await run.done;
	});

	test('piped, answers are taken in order', async () => {
		const run = await atRisk(false);
		run.input.write('y\ny\n');
		await run.waitFor('Step 8 of 10');
		expect(clientCredSsp(run)).toBe(true);
		run.runner.dispatch({type: 'interrupt'});
		run.input.end();
		await run.done;
	});
});
