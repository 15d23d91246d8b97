// A run over many first hops on an admin workstation whose WinRM service is stopped (Windows 10/11
// ship it Manual: stopped after every restart). Get-WSManCredSSP needs it, so before this
// machine's CredSSP settings are read the run offers to start it, once for every host, as the
// one-host flow does; a Disabled service blocks before any host is touched or a password asked.
import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {openChanges, readJournalLines} from '../../source/report/journal.js';
import {fold, labPassword, scenario} from '../helpers/session.js';
import {machine, pause, startFleet} from '../helpers/fleet-session.js';

const unmounts: (() => void)[] = [];
afterEach(() => {
	for (const unmount of unmounts.splice(0)) unmount();
});

/** The fleet lab on a workstation as it is after a restart: WinRM stopped, with this start type. */
function stoppedFleet(startType: 'Manual' | 'Disabled'): {dir: string; lab: string} {
	const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-winrm-'));
	const lab = scenario('fleet');
	lab.machines['admin-ws']!.winrmRunning = false;
	lab.machines['admin-ws']!.winrmStartType = startType;
	const path = join(dir, 'fleet-winrm-stopped.json');
	writeFileSync(path, JSON.stringify(lab));
	return {dir: join(dir, 'state'), lab: path};
}

async function fleet(dir: string, lab: string) {
	const run = await startFleet(dir, false, undefined, lab);
	unmounts.push(run.unmount);
	return run;
}

const startQuestion = 'Start the WinRM service on ADMIN-WS? [y/n]';

describe('a fleet on a workstation whose WinRM service is stopped', () => {
	test('the start is shown and asked once for every host, after the account and before the password; yes starts it, journalled, and the fleet goes on', async () => {
		const {dir, lab} = stoppedFleet('Manual');
		const run = await fleet(dir, lab);
		await run.answer('User name', '');
		await run.answer(startQuestion, 'y');
		const asked = fold(run.screen());
		expect(asked).toContain(
			'On ADMIN-WS (this machine): the WinRM service is Stopped (start type Manual). Get-WSManCredSSP and Enable-WSManCredSSP need it',
		);
		expect(asked).toContain('PS> Start-Service WinRM');
		expect(asked).toContain(
			'After: Running; start type stays Manual, so the next restart leaves it stopped',
		);
		await run.answer('Password for CONTOSO\\admin', labPassword);
		await run.answer('Add these 10 hosts', 'y');
		await run.answer('Enable the CredSSP server role on these 10 hosts?', 'y');
		const end = await run.runner.finished;
		await pause(30);
		const screen = fold(run.screen());
		expect(screen).not.toContain("Could not read this machine's CredSSP settings");
		expect(screen).not.toContain('WSManFault');
		expect(screen).toContain('Started the WinRM service on ADMIN-WS.');
		expect(end.hosts.find((row) => row.name === 'hv13.contoso.com')?.result).toBe('fixed');
		expect(machine(run.host, 'admin-ws').winrmRunning).toBe(true);
		// This machine's change, tied to no host: in the journal with its undo, as for one host.
		const open = openChanges(readJournalLines(run.journal).events);
		// The account is named first, so the run that started it names it for undo's default.
		expect(open?.user).toBe('CONTOSO\\admin');
		const started = open?.changes.find((change) => change.stage === 'winrm');
		expect(started).toMatchObject({
			machine: 'ADMIN-WS (this machine)',
			setting: 'WinRM service',
			before: 'Stopped (start type Manual)',
			undo: {kind: 'stop-winrm', startType: 'Manual'},
		});
		expect(started?.fleetHost).toBeUndefined();
	});

	test('the count stays "of 5" from the first frame: the account, the start and the password under step 1, the first hops as step 2', async () => {
		const {dir, lab} = stoppedFleet('Manual');
		const run = await fleet(dir, lab);
		/** The banner and the question: the last rows of the screen, as one line. */
		const live = (rows: number) => fold(run.screen().trimEnd().split('\n').slice(-rows).join(' '));
		const step = 'Step 1 of 5: Check this shell and your account';
		while (!live(3).includes('User name')) await pause(10);
		expect(live(3)).toContain(`${step} User name`);
		await run.answer('User name', '');
		while (!live(3).includes(startQuestion)) await pause(10);
		expect(live(3)).toContain(`${step} ${startQuestion}`);
		await run.answer(startQuestion, 'y');
		while (!live(3).includes('Password for')) await pause(10);
		expect(live(3)).toContain(`${step} Password for CONTOSO\\admin`);
		await run.answer('Password for CONTOSO\\admin', labPassword);
		while (!live(4).includes('Add these 10 hosts')) await pause(10);
		expect(live(4)).toContain("Step 3 of 5: This machine's delegation list Add these 10 hosts");
		await run.answer('Add these 10 hosts', 'y');
		while (!live(4).includes('Enable the CredSSP server role on these 10 hosts?')) await pause(10);
		expect(live(4)).toContain(
			'Step 4 of 5: The CredSSP server role on the first hops Enable the CredSSP server role',
		);
		await run.answer('Enable the CredSSP server role on these 10 hosts?', 'n');
		await run.runner.finished;
		// Before: "Step 1 of 4" while this machine was read, then "of 5" once its WinRM was found stopped.
		const counts = new Set(run.frames().flatMap((frame) => frame.match(/Step \d of \d/g) ?? []));
		expect([...counts].filter((count) => !count.endsWith('of 5'))).toEqual([]);
		expect(counts).toContain('Step 1 of 5');
	});

	test('no: nothing is read or changed, and the run says why and what to run', async () => {
		const {dir, lab} = stoppedFleet('Manual');
		const run = await fleet(dir, lab);
		await run.answer('User name', '');
		await run.answer(startQuestion, 'n');
		const end = await run.runner.finished;
		await pause(30);
		const screen = fold(run.screen());
		expect(end.conclusion?.verdict).toBe('declined');
		expect(screen).toContain(
			"This computer's WinRM service is Stopped: Get-WSManCredSSP and Enable-WSManCredSSP need it, so no host was read. Nothing was changed.",
		);
		expect(screen).toContain(
			'Next: In an elevated PowerShell: Start-Service WinRM, then run doublehop again.',
		);
		expect(screen).not.toContain('Password for');
		expect(machine(run.host, 'admin-ws').winrmRunning).toBe(false);
		expect(end.changes).toEqual([]);
	});

	test('Disabled: blocked before any host is touched or the password asked, with the commands to enable it', async () => {
		const {dir, lab} = stoppedFleet('Disabled');
		const run = await fleet(dir, lab);
		await run.answer('User name', '');
		const end = await run.runner.finished;
		await pause(30);
		const screen = fold(run.screen());
		expect(end.conclusion?.verdict).toBe('blocked');
		expect(screen).toContain('Result: BLOCKED. The WinRM service on ADMIN-WS is disabled');
		expect(screen).toContain(
			'Next: In an elevated PowerShell: Set-Service WinRM -StartupType Manual; Start-Service WinRM',
		);
		expect(screen).not.toContain('WSManFault');
		expect(screen).not.toContain('Password for');
		expect(machine(run.host, 'admin-ws').winrmRunning).toBe(false);
	});

	test('resume after a restart stopped the service again: the start is offered again, and the run goes on', async () => {
		const {dir, lab} = stoppedFleet('Manual');
		const first = await fleet(dir, lab);
		await first.answer('User name', '');
		await first.answer(startQuestion, 'y');
		await first.answer('Password for CONTOSO\\admin', labPassword);
		await first.answer('Add these 10 hosts', 'y');
		await first.answer('Enable the CredSSP server role on these 10 hosts?', '');
		first.type('\u0003');
		await first.runner.finished;
		await pause(400);
		first.unmount();
		// The workstation restarts: its Manual WinRM service is stopped again.
		const [file] = readdirSync(join(dir, 'lab'));
		const saved = JSON.parse(readFileSync(join(dir, 'lab', file!), 'utf8'));
		saved.machines['admin-ws'].winrmRunning = false;
		writeFileSync(join(dir, 'lab', file!), JSON.stringify(saved));

		const run = await fleet(dir, lab);
		await run.answer('Resume or undo? [r/u]', 'r');
		await run.answer('User name', '');
		await run.answer(startQuestion, 'y');
		await run.answer('Password for CONTOSO\\admin', labPassword);
		await run.answer('Enable the CredSSP server role on these 10 hosts?', 'y');
		const end = await run.runner.finished;
		await pause(30);
		expect(fold(run.screen())).not.toContain("Could not read this machine's CredSSP settings");
		expect(end.hosts.find((row) => row.name === 'hv13.contoso.com')?.result).toBe('fixed');
		expect(machine(run.host, 'admin-ws').winrmRunning).toBe(true);
	});
});
