// This workstation's WinRM service is stopped (Windows 10/11 ship it Manual): Get-WSManCredSSP and
// Enable-WSManCredSSP need it, so starting it is offered as its own confirmed, journalled and
// undoable step, driven here by keystrokes on the winrm-stopped lab.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {labStateFile} from '../../source/cli/paths.js';
import {
	acceptEveryChange,
	enterTargets,
	fold,
	scenario,
	type Session,
	startCliSession,
	startSession,
} from '../helpers/session.js';

let session: Session | undefined;
afterEach(() => session?.unmount());

const startQuestion = 'Start the WinRM service on ADMIN-WS (this machine)? [y/N]';
const winrmRunning = () => session?.host.snapshot().machines['admin-ws']?.winrmRunning;

/** The winrm-stopped scenario with another start type, as a scenario file of its own. */
function withStartType(startType: 'Disabled'): string {
	const lab = scenario('winrm-stopped');
	const client = lab.machines['admin-ws'];
	if (client === undefined) throw new Error('winrm-stopped has no admin-ws');
	client.winrmStartType = startType;
	const path = join(mkdtempSync(join(tmpdir(), 'doublehop-winrm-')), 'winrm-disabled.json');
	writeFileSync(path, JSON.stringify(lab));
	return path;
}

/** A restart of the workstation: its Manual WinRM service is stopped again, the rest as it was. */
function restartWorkstation(startType?: 'Disabled' | 'Automatic', running = false): void {
	const file = labStateFile('winrm-stopped');
	const saved = JSON.parse(readFileSync(file, 'utf8'));
	saved.machines['admin-ws'].winrmRunning = running;
	if (startType !== undefined) saved.machines['admin-ws'].winrmStartType = startType;
	writeFileSync(file, JSON.stringify(saved));
}

describe('undo after the workstation restarted, its WinRM service stopped again', () => {
	async function fixed(stateDir: string): Promise<void> {
		session = await startCliSession('winrm-stopped', stateDir);
		await enterTargets(session);
		await session.answer(startQuestion, 'y');
		await session.answer('Which method?', 'c');
		await acceptEveryChange(session, 'n');
		await session.finished();
		session.unmount();
	}

	test('the client undo starts WinRM, restores CredSSP, stops it again, and says so in its command', async () => {
		const stateDir = mkdtempSync(join(tmpdir(), 'doublehop-winrm-'));
		await fixed(stateDir);
		restartWorkstation();

		session = await startCliSession('winrm-stopped', stateDir, {mode: 'undo'});
		await session.answer('User name', '');
		await session.answer('Password for', 'Passw0rd!');
		await session.answer('Undo this change on hyperv1.contoso.com', 'y');
		await session.waitFor('Undo this change on ADMIN-WS');
		// Before: "Could not undo CredSSP client and delegation list ... Next: Start-Service WinRM".
		const live = fold(session.live());
		expect(live).toMatch(/PS> Start-Service WinRM .*PS> Stop-Service WinRM/);
		expect(winrmRunning()).toBe(false);
		await session.answer('Undo this change on ADMIN-WS', 'y');
		await session.finished();
		const screen = session.flat();
		// Before: asked, run, and listed as "WinRM service: Running -> Stopped", though the restart
		// had stopped it and nothing was changed. Now closed as found, with what was read.
		expect(screen).toContain('Already as before: WinRM service on ADMIN-WS (this machine)');
		expect(screen).toContain(
			'Read as this undo began: Stopped (start type Manual). A restart stops a service whose start type is Manual',
		);
		expect(screen).not.toContain('Undo 3 of 3');
		expect(screen).toContain(
			"Result: UNDONE. 2 changes taken back; this machine's WinRM service already stopped, as before",
		);
		expect(screen).not.toMatch(/WinRM service: Running \(start type Manual\) -> Stopped/);
		expect(screen).toContain(
			"This machine's WinRM service is stopped (start type Manual): the undo starts it",
		);
		expect(session.host.snapshot().machines).toEqual(scenario('winrm-stopped').machines);
	});

	test('a Disabled start type is not started: the undo stops there and says so', async () => {
		const stateDir = mkdtempSync(join(tmpdir(), 'doublehop-winrm-'));
		await fixed(stateDir);
		restartWorkstation('Disabled');

		session = await startCliSession('winrm-stopped', stateDir, {mode: 'undo'});
		await session.answer('User name', '');
		await session.answer('Password for', 'Passw0rd!');
		await session.answer('Undo this change on hyperv1.contoso.com', 'y');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('Result: BLOCKED.');
		expect(screen).toContain('The WinRM service on ADMIN-WS is disabled');
		expect(screen).toContain('Set-Service WinRM -StartupType Manual; Start-Service WinRM');
		expect(session.host.snapshot().machines['admin-ws']?.winrmRunning).toBe(false);
		expect(session.host.snapshot().machines['admin-ws']?.credssp.client).toBe(true);
	});
});

describe('undo of the WinRM start, its start type made Automatic since (Enable-PSRemoting, a GPO)', () => {
	test('it is left running, said so, and the change stays open; the rest is undone', async () => {
		const stateDir = mkdtempSync(join(tmpdir(), 'doublehop-winrm-'));
		session = await startCliSession('winrm-stopped', stateDir);
		await enterTargets(session);
		await session.answer(startQuestion, 'y');
		await session.answer('Which method?', 'c');
		await acceptEveryChange(session, 'n');
		await session.finished();
		session.unmount();
		restartWorkstation('Automatic', true);

		session = await startCliSession('winrm-stopped', stateDir, {mode: 'undo'});
		await session.answer('User name', '');
		await session.answer('Password for', 'Passw0rd!');
		await session.answer('Undo this change on hyperv1.contoso.com', 'y');
		await session.answer('Undo this change on ADMIN-WS', 'y');
		await session.waitFor('Undo 3 of 3: WinRM service - on ADMIN-WS (this machine)');
		expect(fold(session.live())).toContain(
			"PS> if ((Get-Service WinRM).StartType -eq 'Manual') { Stop-Service WinRM }",
		);
		await session.answer('Undo this change on ADMIN-WS', 'y');
		await session.finished();
		const screen = session.flat();
		// Before: stopped, though something since set it to start on its own.
		expect(winrmRunning()).toBe(true);
		expect(screen).toContain(
			'Left running: WinRM service on ADMIN-WS (this machine), its start type is now Automatic',
		);
		// Before: "Result: DECLINED.", though nobody said no: it is left by design, held by its start type.
		expect(screen).toContain('Result: BLOCKED. Undone: 2 changes taken back; 1 left in place');
		expect(screen).toContain(
			'It stays open: once what holds it changes, this takes it back: PS> doublehop undo',
		);
		expect(session.host.snapshot().machines['admin-ws']?.credssp.client).toBe(false);
	});
});

describe('the WinRM service on this workstation is stopped', () => {
	test('preflight reads it; a yes starts it, the fix completes, and undo stops it again', async () => {
		const stateDir = mkdtempSync(join(tmpdir(), 'doublehop-winrm-'));
		session = await startCliSession('winrm-stopped', stateDir);
		await enterTargets(session);
		await session.waitFor(startQuestion);
		expect(session.flat()).toContain("This machine's WinRM service: Stopped (start type Manual)");
		const live = fold(session.live());
		expect(live).toContain('Step 5 of 10: Diagnose - on ADMIN-WS (this machine)');
		expect(live).toContain('WinRM service on ADMIN-WS: Stopped, start type Manual');
		expect(live).toContain('PS> Start-Service WinRM');
		expect(live).toContain('WinRM service after: Running; start type stays Manual');
		// Nothing changes until the admin says yes.
		expect(winrmRunning()).toBe(false);

		await session.answer(startQuestion, 'y');
		await session.answer('Which method?', 'c');
		await session.waitFor('Step 6 of 10: Understand the risk');
		expect(winrmRunning()).toBe(true);
		expect(session.flat()).toContain(
			'CHANGED Step 5/10 Diagnose: Changed WinRM service on ADMIN-WS (this machine)',
		);
		// Stopped only while its start type is still the one doublehop left.
		expect(session.flat()).toContain(
			"Undo: PS> if ((Get-Service WinRM).StartType -eq 'Manual') { Stop-Service WinRM }",
		);
		await acceptEveryChange(session, 'n');
		await session.finished();
		expect(session.screen()).toContain('Result: FIXED.');
		expect(session.runner.getState().changes.map((change) => change.stage)).toEqual([
			'winrm',
			'client',
			'server',
		]);
		expect(winrmRunning()).toBe(true);
		session.unmount();

		session = await startCliSession('winrm-stopped', stateDir, {mode: 'undo'});
		await session.answer('User name', '');
		await session.answer('Password for', 'Passw0rd!');
		await session.answer('Undo this change on hyperv1.contoso.com', 'y');
		await session.answer('Undo this change on ADMIN-WS', 'y');
		await session.waitFor('Undo 3 of 3: WinRM service - on ADMIN-WS (this machine)');
		expect(fold(session.live())).toContain(
			"PS> if ((Get-Service WinRM).StartType -eq 'Manual') { Stop-Service WinRM }",
		);
		await session.answer('Undo this change on ADMIN-WS', 'y');
		await session.finished();
		expect(session.flat()).toContain('Result: UNDONE. 3 changes taken back');
		// The client is back exactly as the scenario had it: stopped, and its start type untouched.
		expect(session.host.snapshot().machines).toEqual(scenario('winrm-stopped').machines);
	});

	test('WinRM started, then $using:cred: the summary does not say nothing was changed, and names the undo', async () => {
		session = await startCliSession(
			'winrm-stopped',
			mkdtempSync(join(tmpdir(), 'doublehop-winrm-')),
		);
		await enterTargets(session);
		await session.answer(startQuestion, 'y');
		await session.answer('Which method?', 'u');
		await session.answer('to prove it?', 'y');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('Result: FIXED.');
		// Before: "Nothing was changed on any machine" above "Changes made: ... WinRM service".
		expect(screen).not.toContain('Nothing was changed on any machine');
		expect(screen).toContain(
			'$using:cred changed nothing; what this run changed before it stays until you undo it.',
		);
		expect(screen).toContain('To take back the change made: PS> doublehop undo');
	});

	test('a no keeps it stopped and goes on with $using:cred, which needs it not: proven at a yes, nothing changed', async () => {
		session = startSession('winrm-stopped');
		await enterTargets(session);
		await session.answer(startQuestion, 'n');
		// Before: "Result: DECLINED." here, with --method using-cred named for another run.
		await session.answer('Run it on hyperv1.contoso.com to prove it? [y/N]', 'y');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('You said no: the WinRM service was not started');
		expect(screen).toContain(
			'CredSSP cannot be read or set up on this machine while its WinRM service is stopped; $using:cred changes nothing and needs neither.',
		);
		expect(screen).toContain('Result: FIXED.');
		expect(screen).toContain('-Credential $using:cred');
		expect(session.runner.getState().changes).toEqual([]);
		expect(session.host.snapshot().machines).toEqual(scenario('winrm-stopped').machines);
	});

	test('a no, for a command $using:cred cannot carry, stops with the instruction and changes nothing', async () => {
		session = startSession('winrm-stopped');
		await session.answer('First hop', '');
		await session.answer('Second hop', '');
		await session.answer('Command to run', '.\\Sync-Reports.ps1');
		await session.answer('User name', '');
		await session.answer('Password for', 'Passw0rd!');
		await session.answer(startQuestion, 'n');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('You said no: the WinRM service was not started');
		expect(screen).toContain('Result: DECLINED.');
		expect(screen).toContain('Start-Service WinRM');
		expect(session.runner.getState().changes).toEqual([]);
		expect(session.host.snapshot().machines).toEqual(scenario('winrm-stopped').machines);
	});

	test('a Disabled start type is not started: it stops with the commands for the admin', async () => {
		session = startSession(withStartType('Disabled'));
		await enterTargets(session);
		await session.finished();
		const screen = session.flat();
		expect(screen).not.toContain(startQuestion);
		expect(screen).toContain('Result: BLOCKED.');
		expect(screen).toContain('Set-Service WinRM -StartupType Manual');
		expect(screen).toContain('Start-Service WinRM');
		expect(session.runner.getState().changes).toEqual([]);
		expect(session.host.snapshot().machines['admin-ws']?.winrmRunning).toBe(false);
	});
});
