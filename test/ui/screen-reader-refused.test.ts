// The screen-reader renderer reads answers as lines and cannot hand a refused one back to edit:
// it reads out what was refused, so the admin hears what to mend.
import {PassThrough} from 'node:stream';
import {expect, test} from 'vitest';
import {startFlow} from '../../source/flow/runner.js';
import {createLabHost} from '../../source/hosts/lab/lab-host.js';
import {initialState} from '../../source/tree/reducer.js';
import {renderPlain} from '../../source/ui/plain.js';
import {scenario} from '../helpers/session.js';

test('screen reader: a refused first hop is read out with the reason, then asked again', async () => {
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
	await waitFor('First hop');
	input.write('hyperv1 .contoso.com\n');
	await waitFor('Not taken: hyperv1 .contoso.com');
	const after = text.slice(text.indexOf('it contains a space'));
	expect(after).toMatch(/^it contains a space\.\nNot taken: hyperv1 \.contoso\.com\nFirst hop/);
	runner.dispatch({type: 'interrupt'});
	input.end();
	await done;
});
