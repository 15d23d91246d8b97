// A lab (classic unless named) in the screen-reader renderer, driven through its input stream, up
// to the password question. `tty` makes the input look like a terminal (type-ahead rules apply).
import {PassThrough} from 'node:stream';
import {startFlow} from '../../source/flow/runner.js';
import {createLabHost} from '../../source/hosts/lab/lab-host.js';
import {initialState} from '../../source/tree/reducer.js';
import {renderPlain} from '../../source/ui/plain.js';
import {scenario} from './session.js';

/** The lab in the screen-reader renderer, at its first question. */
export function plainSession(options: {tty?: boolean; lab?: string} = {}) {
	const lab = scenario(options.lab ?? 'classic');
	const host = createLabHost({scenario: lab});
	const runner = startFlow(host, initialState({defaults: lab.defaults}));
	const terminal = options.tty === true ? {isTTY: true, setRawMode: () => {}} : {};
	const input = Object.assign(new PassThrough(), terminal);
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
	return {host, runner, input, done, waitFor, output: () => text};
}

export async function plainAtPassword(options: {tty?: boolean; lab?: string} = {}) {
	const session = plainSession(options);
	const {input, waitFor} = session;
	for (const prompt of ['First hop', 'Second hop', 'Command to run', 'User name']) {
		await waitFor(prompt);
		input.write('\n');
	}
	await waitFor('Password for');
	return session;
}
