// A run over many first hops that starts where an earlier one left changes in place: stopped
// part-way, it is offered (its changes listed per host) to resume, which the survey makes safe
// (what is in place is not redone), or to undo, each change asked for, as doublehop undo does;
// finished, it is said in one line. And doublehop undo after a fleet run takes back every host.
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {earlierRunUndo} from '../../source/cli/fleet.js';
import type {LabHost} from '../../source/hosts/lab/lab-host.js';
import {openChanges, readJournalLines} from '../../source/report/journal.js';
import {
	fold,
	labPassword,
	mount,
	scenario,
	startCliSession,
	type Session,
} from '../helpers/session.js';
import {machine, pause, startFleet} from '../helpers/fleet-session.js';

const unmounts: (() => void)[] = [];
afterEach(() => {
	for (const unmount of unmounts.splice(0)) unmount();
});

const fresh = () => mkdtempSync(join(tmpdir(), 'dh-fleet-earlier-'));

async function fleet(dir: string, slowServers = false) {
	const run = await startFleet(dir, slowServers);
	unmounts.push(run.unmount);
	return run;
}

/** The first run: every delegation entry added, then Ctrl+C at (or, slow, during) the server role. */
async function interruptedRun(dir: string, during: 'at the server question' | 'while it runs') {
	const run = await fleet(dir, during === 'while it runs');
	await run.answer('User name', '');
	await run.answer('Password for CONTOSO\\admin', labPassword);
	await run.answer('Add these 10 hosts', 'y');
	if (during === 'while it runs') {
		await run.answer('Enable the CredSSP server role on these 10 hosts?', 'y');
		await pause(100);
	} else {
		await run.answer('Enable the CredSSP server role on these 10 hosts?', '');
		// Typed at the prompt and not sent: Ctrl+C at the question.
	}
	run.type('\u0003');
	const end = await run.runner.finished;
	expect(end.conclusion?.verdict).toBe('interrupted');
	// The lab finishes a call that was running (as Windows would); its state is saved after.
	await pause(400);
	run.unmount();
	return end;
}

/** Answers every question of the one-host undo flow with yes; how many changes it asked about. */
async function undoEach(session: Session): Promise<number> {
	let asked = 0;
	for (;;) {
		await session.waitFor(
			/(User name|Password for|Undo this change on .*\? \[y\/N\])[^\n]*$|Result:/,
		);
		const last = session.screen().trimEnd().split('\n').at(-1) ?? '';
		if (session.screen().includes('Result:')) break;
		if (last.includes('User name')) await session.answer('User name', '');
		else if (last.includes('Password for')) await session.answer('Password for', labPassword);
		else {
			await session.answer('Undo this change', 'y');
			asked += 1;
			// The next question replaces this one: wait until it has gone.
			await pause(30);
		}
	}
	await session.finished();
	return asked;
}

describe('an earlier run over many first hops, at the start of the next one', () => {
	test('stopped part-way: its changes are listed per host; resume reads every host again and redoes nothing', async () => {
		const dir = fresh();
		await interruptedRun(dir, 'at the server question');
		const run = await fleet(dir);
		await run.answer('Resume or undo? [r/u]', 'r');
		const offer = fold(run.screen());
		expect(offer).toMatch(
			/A run started \d{4}-\d\d-\d\d \d\d:\d\d \(UTC[+-]\d\d:\d\d\) stopped part-way after these changes:/,
		);
		// One line per host, however many hosts: what was changed there, counted.
		expect(offer).toContain(
			'hv13.contoso.com (1 change): delegation entry on ADMIN-WS (this machine)',
		);
		expect(offer).toContain('Undo shows each change in full and asks before it takes it back.');
		expect(offer).toContain(
			'r resume: go through the fix again; steps already done are detected and skipped',
		);
		expect(offer).toContain('u undo: take these changes back, one at a time, each asked for');
		await run.answer('User name', '');
		expect(fold(run.screen())).toContain(
			'You chose resume: each step checks what is already in place.',
		);
		await run.answer('Password for CONTOSO\\admin', labPassword);
		// The entries are in place: the survey finds them, so only the server role is asked.
		await run.answer('Enable the CredSSP server role on these 10 hosts?', 'y');
		const end = await run.runner.finished;
		await pause(30);
		const screen = fold(run.screen());
		expect(screen).not.toContain('Add these');
		expect(screen).toMatch(/9 hv09\.contoso\.com already fixed listed, server role on none/);
		expect(screen).toMatch(/13 hv13\.contoso\.com needs server server role off server role/);
		expect(end.hosts.find((row) => row.name === 'hv13.contoso.com')?.result).toBe('fixed');
		// Each entry once: the list as the scenario had it, then the ten added by the first run.
		const before = scenario('fleet').machines['admin-ws']!.allowFreshCredentials;
		const list = machine(run.host, 'admin-ws').allowFreshCredentials;
		expect(list).toHaveLength(before.length + 10);
		expect(new Set(list).size).toBe(list.length);
		expect(machine(run.host, 'hv13').credssp.server).toBe(true);
	});

	test('stopped part-way: undo takes each change back, asked one by one, and the lab is as it started', async () => {
		const dir = fresh();
		await interruptedRun(dir, 'while it runs');
		const run = await fleet(dir);
		await run.answer('Resume or undo? [r/u]', 'u');
		const ended = await run.runner.finished;
		const offer = fold(run.screen());
		expect(offer).toContain(
			'hv05.contoso.com (1 change): CredSSP server role (interrupted while it ran)',
		);
		expect(offer).toContain(
			'hv13.contoso.com (2 changes): delegation entry on ADMIN-WS (this machine), CredSSP server role (interrupted while it ran)',
		);
		// Said once for all of them, not once per change.
		expect(offer).toContain(
			"10 changes were interrupted while they ran: each may or may not have been made. Undo checks each machine's state first and takes back only what it finds.",
		);
		expect(offer).not.toContain('on hv05.contoso.com was interrupted while it ran');
		expect(offer).toContain(
			'You chose undo: each change is taken back, newest first, each asked for.',
		);
		expect(ended.undoEarlier).toBe(true);
		expect(ended.changes).toEqual([]);
		run.unmount();
		// What the CLI runs next (cli/fleet-guided.ts): the one-host undo flow, as doublehop undo.
		const {initial, hooks} = earlierRunUndo(run.setup);
		const undo = mount(run.setup.host as LabHost, initial, hooks);
		unmounts.push(undo.unmount);
		const asked = await undoEach(undo);
		expect(asked).toBe(20);
		expect(undo.flat()).toContain('Result: UNDONE.');
		expect(undo.host.snapshot().machines).toEqual(scenario('fleet').machines);
		expect(openChanges(readJournalLines(run.journal).events)).toBeUndefined();
	});

	test('finished with its changes in place: one line says so, with the undo command, and the run goes on', async () => {
		const dir = fresh();
		const first = await fleet(dir);
		await first.answer('User name', '');
		await first.answer('Password for CONTOSO\\admin', labPassword);
		await first.answer('Add these 10 hosts', 'n');
		await first.answer('Enable the CredSSP server role on these 4 hosts?', 'y');
		await first.runner.finished;
		first.unmount();
		const run = await fleet(dir);
		await run.answer('User name', '');
		const screen = fold(run.screen());
		expect(screen).toMatch(
			/Changes from a run on \d{4}-\d\d-\d\d \d\d:\d\d \(UTC[+-]\d\d:\d\d\) are still in place/,
		);
		expect(screen).toContain('hv05.contoso.com (1 change): CredSSP server role');
		expect(screen).toContain('doublehop undo --lab fleet takes them back.');
		expect(screen).not.toContain('Resume or undo?');
	});
});

describe('doublehop undo after a run over many first hops', () => {
	test('takes back every host, each change asked for, and the lab is as it started', async () => {
		const dir = fresh();
		const first = await fleet(dir);
		await first.answer('User name', '');
		await first.answer('Password for CONTOSO\\admin', labPassword);
		await first.answer('Add these 10 hosts', 'y');
		await first.answer('Enable the CredSSP server role on these 10 hosts?', 'y');
		const end = await first.runner.finished;
		expect(end.changes).toHaveLength(20);
		first.unmount();
		const undo = await startCliSession('fleet', dir, {mode: 'undo'});
		unmounts.push(undo.unmount);
		expect(await undoEach(undo)).toBe(20);
		expect(undo.flat()).toContain('Result: UNDONE.');
		expect(undo.host.snapshot().machines).toEqual(scenario('fleet').machines);
		expect(openChanges(readJournalLines(first.journal).events)).toBeUndefined();
	});
});

describe('Ctrl+C at the question about an earlier run', () => {
	test('no host is called failed, and the changes still in place are named with their undo', async () => {
		const dir = fresh();
		await interruptedRun(dir, 'at the server question');
		const run = await fleet(dir);
		// Typed at the prompt and not sent, then Ctrl+C at the question.
		await run.answer('Resume or undo? [r/u]', '');
		run.type('\u0003');
		const end = await run.runner.finished;
		expect(end.conclusion?.verdict).toBe('interrupted');
		// Before: "23 first hops: 23 failed", each row "FAILED  not read yet", and "Nothing was changed."
		expect(end.conclusion?.headline).toBe('23 first hops: 23 interrupted');
		expect(end.hosts.every((row) => row.outcome === 'not read: the run stopped first')).toBe(true);
		const said = fold(end.conclusion?.details.join(' ') ?? '');
		expect(said).toMatch(
			/^Nothing was changed by this run\. 10 changes from the run started .+ are still in place\.$/,
		);
		expect(end.conclusion?.nextSteps).toEqual([
			{say: 'To take them back:', run: expect.stringContaining('doublehop undo')},
		]);
	});
});
