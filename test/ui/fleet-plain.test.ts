// A run over many first hops for a screen reader: plain lines in order, the table one line per
// host, each question read out with its keys, and hosts left out by typing their numbers.
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import {describe, expect, test} from 'vitest';
import {setUpRun} from '../../source/cli/run-setup.js';
import {fleetRunner} from '../../source/cli/fleet.js';
import type {LabHost} from '../../source/hosts/lab/lab-host.js';
import {renderFleetPlain} from '../../source/ui/fleet-plain.js';
import {labPassword} from '../helpers/session.js';

describe('screen reader: many first hops', () => {
	test('reads the table row by row, asks with its keys, and leaves out the hosts typed', async () => {
		process.env.DOUBLEHOP_STATE_DIR = mkdtempSync(join(tmpdir(), 'dh-fleet-plain-'));
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
			hosts: ['hv05.contoso.com', 'hv06.contoso.com', 'hv21.contoso.com'],
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
		input.write(`\n${labPassword}\nmaybe\ns\n2\ny\n`);
		await runner.finished;
		await done;
		const lines = text.split('\n');
		// One line per host: a screen reader reads a row at a time.
		expect(lines.filter((line) => /^[123] {2}hv\d\d\.contoso\.com {2}/.test(line))).toHaveLength(6);
		expect(lines).toContainEqual(
			expect.stringMatching(
				/^1 {2}hv05\.contoso\.com {2}needs server {2}server role off +server role$/,
			),
		);
		expect(text).toContain(
			'Enable the CredSSP server role on these 2 hosts? y = all 2, n = none, s = leave some out [y/N/s]',
		);
		expect(text).toContain(
			'Answer y (all the hosts listed), n (none; Enter alone means no) or s (leave some out).',
		);
		expect(text).toContain(
			'Left out of the CredSSP server role: hv06.contoso.com. It stays as it is.',
		);
		expect(text).toContain(
			'Enable the CredSSP server role on this host? y = yes, n = no, s = leave it out [y/N/s]',
		);
		expect(text).not.toContain('\u001b[');
		const lab = (setup.host as LabHost).snapshot();
		expect(lab.machines.hv05!.credssp.server).toBe(true);
		expect(lab.machines.hv06!.credssp.server).toBe(false);
	});

	test('an earlier run stopped part-way is read out, its changes per host, and asks r or u with its keys', async () => {
		process.env.DOUBLEHOP_STATE_DIR = mkdtempSync(join(tmpdir(), 'dh-fleet-plain-earlier-'));
		const hosts = ['hv05.contoso.com', 'hv13.contoso.com'];
		const plainRun = async (typed: string) => {
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
				hosts,
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
			// Input that ends at a question is the admin gone: the run stops there.
			input.end(typed);
			const state = await runner.finished;
			await done;
			await setup.host.dispose();
			return {state, text};
		};
		// hv13's delegation entry is added; the input ends at the server role's question.
		const first = await plainRun(`\n${labPassword}\ny\n`);
		expect(first.state.conclusion?.verdict).toBe('interrupted');
		const {state, text} = await plainRun('x\nu\n');
		const lines = text.split('\n');
		expect(lines).toContainEqual(
			expect.stringMatching(
				/^A run started \d{4}-\d\d-\d\d \d\d:\d\d \(UTC[+-]\d\d:\d\d\) stopped part-way after these changes:$/,
			),
		);
		expect(lines).toContain(
			'  hv13.contoso.com (1 change): delegation entry on ADMIN-WS (this machine)',
		);
		expect(text).toContain('Resume or undo? [r/u] ');
		expect(text).toContain('Answer r (resume) or u (undo).');
		expect(text).toContain(
			'You chose undo: each change is taken back, newest first, each asked for.',
		);
		expect(state.undoEarlier).toBe(true);
	});
});
