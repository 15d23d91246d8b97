// The step banner of a run over many first hops: "Step N of 5" above each question and each call,
// as one host's run shows it, so someone joining a shared screen late knows where the run is; for a
// screen reader each step's heading is read out once, as it starts.
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import {afterEach, describe, expect, test} from 'vitest';
import {setUpRun} from '../../source/cli/run-setup.js';
import {fleetRunner} from '../../source/cli/fleet.js';
import {renderFleetPlain} from '../../source/ui/fleet-plain.js';
import {fold, labPassword} from '../helpers/session.js';
import {pause, startFleet} from '../helpers/fleet-session.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

/** The live part of the screen: what is under the last printed block. */
const lastRows = (screen: string, count: number) =>
	fold(screen.trimEnd().split('\n').slice(-count).join(' '));

describe('the step banner over many first hops', () => {
	test('each question sits under its step: the account 1, the delegation list 3, the server role 4', async () => {
		const run = await startFleet(mkdtempSync(join(tmpdir(), 'dh-fleet-step-')));
		unmount = run.unmount;
		while (!fold(run.screen()).includes('User name')) await pause(10);
		expect(lastRows(run.screen(), 3)).toContain(
			'Step 1 of 5: Check this shell and your account User name',
		);
		await run.answer('User name', '');
		await run.answer('Password for CONTOSO\\admin', labPassword);
		while (!fold(run.screen()).includes('Add these 10 hosts')) await pause(10);
		expect(lastRows(run.screen(), 4)).toContain(
			"Step 3 of 5: This machine's delegation list Add these 10 hosts",
		);
		await run.answer('Add these 10 hosts', 'y');
		while (!fold(run.screen()).includes('Enable the CredSSP server role on these 10 hosts?'))
			await pause(10);
		expect(lastRows(run.screen(), 4)).toContain(
			'Step 4 of 5: The CredSSP server role on the first hops Enable the CredSSP server role',
		);
		await run.answer('Enable the CredSSP server role on these 10 hosts?', 'y');
		await run.runner.finished;
		await pause(30);
		// The run has ended: no step is under way, so no banner is left below the result.
		expect(fold(run.screen().trimEnd().split('\n').slice(-6).join(' '))).not.toContain('Step ');
	});

	test("a screen reader hears each step heading once, before that step's question", async () => {
		process.env.DOUBLEHOP_STATE_DIR = mkdtempSync(join(tmpdir(), 'dh-fleet-step-plain-'));
		const prepared = await setUpRun({
			lab: 'fleet',
			labReset: false,
			mode: 'fix',
			dryRun: false,
			inputs: {},
		});
		if (!prepared.ok) throw new Error(prepared.message);
		const {setup} = prepared;
		const runner = fleetRunner({
			setup,
			hosts: ['hv05.contoso.com', 'hv13.contoso.com'],
			inputs: {},
			dryRun: false,
			undoCommand: 'doublehop undo --lab fleet',
		});
		const input = new PassThrough();
		const output = new PassThrough();
		let text = '';
		output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
		const done = renderFleetPlain(runner, {
			input,
			output,
			onInterrupt: () => runner.dispatch({type: 'interrupt'}),
			hostDescription: setup.host.description,
		});
		input.write(`\n${labPassword}\ny\ny\n`);
		await runner.finished;
		await done;
		const headings = text.split('\n').filter((line) => line.startsWith('Step '));
		expect(headings).toEqual([
			'Step 1 of 5: Check this shell and your account',
			'Step 2 of 5: Read the first hops',
			"Step 3 of 5: This machine's delegation list",
			'Step 4 of 5: The CredSSP server role on the first hops',
			'Step 5 of 5: Verify with CredSSP',
		]);
		const at = (words: string) => text.indexOf(words);
		// Heard before the step's plan (what it will write, and run), after the table that ends step 1.
		expect(at('Step 2 of 5')).toBeLessThan(at('Reading 2 first hops'));
		expect(at('First hop')).toBeLessThan(at('Step 3 of 5'));
		expect(at('Step 3 of 5')).toBeLessThan(at('one write of the delegation list'));
		expect(at('Step 4 of 5')).toBeLessThan(at('the CredSSP server role (it lets'));
	});
});
