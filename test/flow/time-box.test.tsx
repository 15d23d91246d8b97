// Time-boxed CredSSP (--for): from the failing hop to a verified fix with a revert task on each
// machine, then the lab clock past the deadline (the tasks fire), or a manual undo before it.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {summaryLines} from '../../source/report/plain-text.js';
import {openChanges, readJournalLines} from '../../source/report/journal.js';
import {exitCodeFor} from '../../source/cli/exit-codes.js';
import {labStateFile} from '../../source/cli/paths.js';
import {deadlineText} from '../../source/windows/time-box.js';
import {
	chooseCredSsp,
	enterTargets,
	fold,
	scenario,
	type Session,
	startCliSession,
	startSession,
} from '../helpers/session.js';

let session: Session | undefined;
afterEach(() => session?.unmount());

/** The machines as the scenario starts them: what a revert must leave. */
const startOf = (name: string) => scenario(name).machines;

async function timeBoxedFix(current: Session, listener: 'y' | 'n'): Promise<void> {
	await enterTargets(current);
	await chooseCredSsp(current);
	await current.answer('Continue with CredSSP', 'y');
	await current.answer('Make this change on ADMIN-WS', 'y');
	await current.answer('Make this change on hyperv1', 'y');
	await current.answer('Create an HTTPS listener', listener);
	await current.waitFor('Schedule the revert on hyperv1.contoso.com? [y/N]');
}

describe('time-boxed CredSSP (--for 2h)', () => {
	test('a verified fix schedules its exact revert on both machines, and the lab clock fires it back to the start', async () => {
		session = startSession('existing-delegation', {timeBoxMinutes: 120});
		await timeBoxedFix(session, 'y');

		// The registration on hop 1 is shown before it is asked for, through the session there.
		// The step as drawn, from its banner on (longer than the helper's last 25 rows).
		const screen = session.screen();
		const live = fold(screen.slice(screen.indexOf('Step 11 of 11: Schedule the revert')));
		expect(live).toContain('Step 11 of 11: Schedule the revert (--for) - on hyperv1.contoso.com');
		expect(live).toContain(
			"New-ScheduledTaskPrincipal -UserId 'S-1-5-18' -LogonType ServiceAccount -RunLevel Highest",
		);
		expect(live).toContain('New-ScheduledTaskTrigger -Once -At ([DateTimeOffset]::Parse(');
		expect(live).toContain('New-ScheduledTaskSettingsSet -StartWhenAvailable');
		// StartWhenAvailable starts a missed -Once task late only when its trigger has an end boundary.
		expect(live).toMatch(
			/\$trigger\.EndBoundary = \(\[DateTimeOffset\]::Parse\('[^']+'.*\.AddDays\(365\)\.ToString\('s'\)/,
		);
		expect(live).toMatch(
			/Invoke-Command -ComputerName hyperv1\.contoso\.com -Credential \$cred -ScriptBlock \{ \$action = New-ScheduledTaskAction -Execute 'powershell\.exe'/,
		);
		expect(live).toContain('# Disable-WSManCredSSP -Role Server');
		expect(live).toMatch(/# Remove-NetFirewallRule -Name 'doublehop-winrm-https-in-/i);
		expect(live).toContain('Register-ScheduledTask -TaskName');
		// Nothing is registered before the yes.
		expect(session.host.snapshot().machines.hyperv1?.scheduledTasks).toBeUndefined();

		await session.answer('Schedule the revert on hyperv1.contoso.com? [y/N]', 'y');
		await session.waitFor('Schedule the revert on ADMIN-WS (this machine)? [y/N]');
		const client = session.screen();
		expect(fold(client.slice(client.indexOf('Schedule the revert (--for) - on ADMIN-WS')))).toMatch(
			/take out (?:# )?wsman\/hyperv1\.contoso\.com; every other entry stays/,
		);
		await session.answer('Schedule the revert on ADMIN-WS (this machine)? [y/N]', 'y');
		await session.finished();

		const state = session.runner.getState();
		expect(state.conclusion?.verdict).toBe('fixed');
		const timeBox = state.timeBox;
		const at = timeBox?.atUtc ?? '';
		expect(Date.parse(at) - Date.parse(timeBox?.fromUtc ?? '')).toBeGreaterThan(119 * 60_000);
		expect(session.flat()).toContain(
			// After 22:00 UTC the deadline falls on the next day, and the sentence names the date too.
			`CredSSP reverts at ${deadlineText(at, timeBox?.fromUtc ?? '')} (in 2 h) on hyperv1.contoso.com and on this machine`,
		);
		const fixed = session.host.snapshot().machines;
		expect(fixed.hyperv1?.scheduledTasks?.map((t) => t.userId)).toEqual(['S-1-5-18']);
		expect(fixed['admin-ws']?.scheduledTasks?.map((t) => t.atUtc)).toEqual([at]);
		expect(fixed.hyperv1?.scheduledTasks?.map((t) => Date.parse(t.endBoundaryUtc ?? ''))).toEqual([
			Date.parse(at) + 365 * 86_400_000,
		]);
		expect(fixed['admin-ws']?.allowFreshCredentials).toContain('wsman/hyperv1.contoso.com');
		// The task's whole command line fits CreateProcess's 32,767 characters.
		for (const task of [
			...(fixed.hyperv1?.scheduledTasks ?? []),
			...(fixed['admin-ws']?.scheduledTasks ?? []),
		])
			expect(`${task.execute} ${task.arguments}`.length).toBeLessThan(32_767);
		// Each registration is journalled with its undo.
		expect(state.changes.filter((c) => c.stage === 'revert').map((c) => c.undoCommand)).toEqual([
			expect.stringMatching(
				/Unregister-ScheduledTask -TaskName 'doublehop-revert-.*-hop1' -Confirm:\$false/,
			),
			expect.stringMatching(
				/^Unregister-ScheduledTask -TaskName 'doublehop-revert-.*-client' -Confirm:\$false$/,
			),
		]);

		// Before the deadline nothing fires; past it, both machines are as the scenario started them.
		expect(session.host.advanceClock(60)).toEqual([]);
		expect(session.host.snapshot().machines['admin-ws']?.credssp.client).toBe(true);
		const fired = session.host.advanceClock(70);
		expect(fired.map((f) => f.machine).sort()).toEqual(['admin-ws', 'hyperv1']);
		const after = session.host.snapshot().machines;
		const start = startOf('existing-delegation');
		expect(after['admin-ws']).toEqual(start['admin-ws']);
		expect(after.hyperv1).toEqual(start.hyperv1);
		expect(after).toEqual(start);
	});

	test('the revert puts a local "Allow delegating fresh credentials" set to Disabled back as Disabled', async () => {
		const name = 'local-delegation-disabled';
		session = startSession(name, {timeBoxMinutes: 120});
		await timeBoxedFix(session, 'n');
		await session.answer('Schedule the revert on hyperv1.contoso.com? [y/N]', 'y');
		await session.answer('Schedule the revert on ADMIN-WS (this machine)? [y/N]', 'y');
		await session.finished();
		expect(session.host.snapshot().machines['admin-ws']?.allowFreshCredentials).toEqual([
			'wsman/hyperv1.contoso.com',
		]);
		session.host.advanceClock(130);
		// AllowFreshCredentials = 0 again (not removed: "Not configured" allows TERMSRV/*).
		expect(session.host.snapshot().machines).toEqual(startOf(name));
	});

	test('a local policy Disabled before the run stays Enabled when the revert fires after another entry was added, and the admin is told so before the yes', async () => {
		session = startSession('local-delegation-disabled', {timeBoxMinutes: 120});
		await timeBoxedFix(session, 'n');
		await session.answer('Schedule the revert on hyperv1.contoso.com? [y/N]', 'y');
		await session.waitFor('Schedule the revert on ADMIN-WS (this machine)? [y/N]');
		const screen = session.screen();
		// The lines as drawn, without the "# " each wrapped comment line starts with.
		const shown = fold(screen.slice(screen.indexOf('Schedule the revert (--for) - on ADMIN-WS')));
		expect(shown.replaceAll(' # ', ' ')).toContain(
			'the policy back to Disabled (AllowFreshCredentials = 0, ConcatenateDefaults_AllowFresh not set) once the list is as it was (empty); with other entries left, Enabled, as they need it',
		);
		await session.answer('Schedule the revert on ADMIN-WS (this machine)? [y/N]', 'y');
		await session.finished();
		// Before the deadline, another run delegates to hyperv2 from this machine.
		expect(await session.host.enableClientCredSsp(['hyperv2.contoso.com'])).toMatchObject({
			ok: true,
		});
		session.host.advanceClock(130);
		const read = await session.host.readClientCredSsp();
		expect(read.ok && read.value.allowFreshCredentials).toEqual(['wsman/hyperv2.contoso.com']);
		expect(read.ok && read.value.allowFreshSwitches).toEqual({
			allowFresh: 1,
			concatenateDefaults: 1,
		});
		expect(read.ok && read.value.localGpoAllowFreshSwitches).toEqual({
			allowFresh: 1,
			concatenateDefaults: 1,
		});
	});

	test('a manual undo before the deadline removes both tasks and leaves the lab as it started', async () => {
		const stateDir = mkdtempSync(join(tmpdir(), 'doublehop-timebox-'));
		session = await startCliSession('classic', stateDir, {timeBoxMinutes: 90});
		await timeBoxedFix(session, 'n');
		await session.answer('Schedule the revert on hyperv1.contoso.com? [y/N]', 'y');
		await session.answer('Schedule the revert on ADMIN-WS (this machine)? [y/N]', 'y');
		await session.finished();
		// The same sentence on the screen, in the screen-reader summary and in the transcript.
		const sentence =
			/CredSSP reverts at \d\d:\d\d UTC( on \d{4}-\d\d-\d\d)? \(in 1 h 30 min\) on hyperv1\.contoso\.com and on this machine/;
		expect(session.flat()).toMatch(sentence);
		const fixed = session.runner.getState();
		expect(summaryLines(fixed.conclusion!, fixed.changes).join('\n')).toMatch(sentence);
		expect(readFileSync(fixed.records.transcript ?? '', 'utf8')).toMatch(sentence);
		session.unmount();

		session = await startCliSession('classic', stateDir, {mode: 'undo'});
		await session.answer('User name', '');
		await session.answer('Password for', 'Passw0rd!');
		// Newest first: this machine's task, then hop 1's, then the CredSSP changes.
		await session.waitFor('Undo this change on ADMIN-WS (this machine)? [y/N]');
		expect(fold(session.live())).toMatch(/doublehop-revert-.*-client is waiting for \d\d:\d\d UTC/);
		expect(session.live()).toMatch(
			/Unregister-ScheduledTask -TaskName 'doublehop-revert-.*-client'/,
		);
		await session.answer('Undo this change on ADMIN-WS (this machine)? [y/N]', 'y');
		await session.answer('Undo this change on hyperv1.contoso.com? [y/N]', 'y');
		await session.answer('Undo this change on hyperv1.contoso.com? [y/N]', 'y');
		await session.answer('Undo this change on ADMIN-WS (this machine)? [y/N]', 'y');
		await session.finished();
		expect(session.runner.getState().conclusion?.verdict).toBe('undone');
		expect(session.screen()).toContain('Undone: Scheduled revert task on hyperv1.contoso.com');
		const machines = session.host.snapshot().machines;
		expect(machines.hyperv1?.scheduledTasks).toBeUndefined();
		expect(machines['admin-ws']?.scheduledTasks).toBeUndefined();
		expect(machines).toEqual(startOf('classic'));
	});

	test('an undo after the tasks fired reads each machine first, asks nothing, and ends with what it read', async () => {
		const stateDir = mkdtempSync(join(tmpdir(), 'doublehop-timebox-'));
		session = await startCliSession('classic', stateDir, {timeBoxMinutes: 120});
		await timeBoxedFix(session, 'y');
		await session.answer('Schedule the revert on hyperv1.contoso.com? [y/N]', 'y');
		await session.answer('Schedule the revert on ADMIN-WS (this machine)? [y/N]', 'y');
		await session.finished();
		const fired = session.host.advanceClock(121);
		expect(fired).toHaveLength(2);
		const at = deadlineText(fired[0]!.atUtc, fired[0]!.atUtc);
		session.unmount();

		const undo = await startCliSession('classic', stateDir, {mode: 'undo'});
		session = undo;
		await undo.answer('User name', '');
		await undo.answer('Password for', 'Passw0rd!');
		await undo.finished();
		const screen = undo.flat();
		// Before: "Undo this change?" three times, "not read yet" on hyperv1's two, "Nothing to run"
		// on the client's, each then "SKIPPED ... nothing was run", and "Result: UNDONE. Nothing was undone".
		expect(screen).not.toContain('Undo this change');
		expect(screen).not.toContain('not read yet');
		expect(screen).not.toContain('Remove-WSManInstance');
		expect(screen).toMatch(
			/doublehop-revert-.*-client already ran at its deadline, \d\d:\d\d UTC, and removed itself/,
		);
		expect(screen).toContain(
			`Already reverted by the scheduled task: WinRM service CredSSP on hyperv1.contoso.com PS> Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Get-Item WSMan:\\localhost\\Service\\Auth\\CredSSP } The --for revert task took it back at ${at}. Read just now: off, as before doublehop; nothing to run.`,
		);
		expect(screen).toContain(
			`Already reverted by the scheduled task: CredSSP client and delegation list on ADMIN-WS (this machine) PS> Get-WSManCredSSP The --for revert task took it back at ${at}. Read just now: CredSSP off; list: (empty), as before doublehop; nothing to run.`,
		);
		expect(screen).toContain(
			`Result: NOTHING-TO-UNDO. The --for revert tasks took back the 3 changes at ${at} and removed themselves; read just now, nothing by doublehop is left in place.`,
		);
		expect(screen).toContain(
			'hyperv1.contoso.com: HTTPS listener and firewall rule: no HTTPS listener on 5986 (its task, gone, removed firewall rule',
		);
		expect(screen).toContain('hyperv1.contoso.com: WinRM service CredSSP: off');
		expect(screen).toContain(
			'ADMIN-WS (this machine): CredSSP client and delegation list: CredSSP off; list: (empty)',
		);
		// What the tasks took back is neither a change of this run nor shown as one.
		expect(screen).toContain('Changes made: - None. Nothing on any machine was changed.');
		expect(undo.runner.getState().conclusion?.verdict).toBe('nothing-to-undo');
		expect(exitCodeFor('nothing-to-undo')).toBe(0);
		// The journal is closed: the next undo has nothing to take back.
		expect(openChanges(readJournalLines(undo.setup.journal).events)).toBeUndefined();
		expect(undo.host.snapshot().machines).toEqual(startOf('classic'));
	});

	test('after the tasks fired, a change someone made again is read as it is and asked for', async () => {
		const stateDir = mkdtempSync(join(tmpdir(), 'doublehop-timebox-'));
		session = await startCliSession('classic', stateDir, {timeBoxMinutes: 120});
		await timeBoxedFix(session, 'n');
		await session.answer('Schedule the revert on hyperv1.contoso.com? [y/N]', 'y');
		await session.answer('Schedule the revert on ADMIN-WS (this machine)? [y/N]', 'y');
		await session.finished();
		expect(session.host.advanceClock(121)).toHaveLength(2);
		session.unmount();
		// Someone turns hyperv1's server role on again after the revert.
		const saved = JSON.parse(readFileSync(labStateFile('classic'), 'utf8'));
		saved.machines.hyperv1.credssp.server = true;
		writeFileSync(labStateFile('classic'), JSON.stringify(saved));

		const undo = await startCliSession('classic', stateDir, {mode: 'undo'});
		session = undo;
		await undo.answer('User name', '');
		await undo.answer('Password for', 'Passw0rd!');
		await undo.waitFor(/Undo this change on hyperv1\.contoso\.com\? \[y\/N\] \S?$/);
		expect(fold(undo.live())).toContain(
			'WinRM service CredSSP: on (read just now: the scheduled revert task ran)',
		);
		await undo.answer('Undo this change on hyperv1.contoso.com? [y/N]', 'y');
		await undo.finished();
		const screen = undo.flat();
		expect(screen).toContain('Undone: WinRM service CredSSP on hyperv1.contoso.com');
		expect(screen).toContain(
			'Result: UNDONE. 1 change taken back; 3 already taken back or gone with the scheduled revert',
		);
		expect(undo.host.snapshot().machines).toEqual(startOf('classic'));
	});

	test('a listener re-bound to a renewed certificate before the deadline: the task leaves it, still removes the 5986 rule, fails and stays; undo leaves it too and says why', async () => {
		const stateDir = mkdtempSync(join(tmpdir(), 'doublehop-timebox-'));
		session = await startCliSession('classic', stateDir, {timeBoxMinutes: 120});
		await timeBoxedFix(session, 'y');
		await session.answer('Schedule the revert on hyperv1.contoso.com? [y/N]', 'y');
		await session.answer('Schedule the revert on ADMIN-WS (this machine)? [y/N]', 'y');
		await session.finished();
		session.unmount();
		// An admin re-binds the listener to a renewed certificate and relies on it.
		const renewed = '0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C';
		const saved = JSON.parse(readFileSync(labStateFile('classic'), 'utf8')) as {
			machines: Record<string, {listeners: {transport: string; certificateThumbprint: string}[]}>;
		};
		const rebound = saved.machines.hyperv1!.listeners.find((l) => l.transport === 'HTTPS')!;
		rebound.certificateThumbprint = renewed;
		writeFileSync(labStateFile('classic'), JSON.stringify(saved));

		const undo = await startCliSession('classic', stateDir, {mode: 'undo'});
		session = undo;
		await undo.waitFor('User name');
		const fired = undo.host.advanceClock(121);
		expect(fired.find((task) => task.machine === 'hyperv1')).toMatchObject({failed: true});
		const afterTask = undo.host.snapshot().machines.hyperv1!;
		expect(afterTask.listeners).toContainEqual(rebound);
		expect(afterTask.firewallRules).toEqual(startOf('classic').hyperv1!.firewallRules);
		expect(afterTask.scheduledTasks).toMatchObject([{lastTaskResult: 1}]);

		await undo.answer('User name', '');
		await undo.answer('Password for', 'Passw0rd!');
		let toldBefore = false;
		for (;;) {
			await undo.waitFor(/Undo this change on .*\? \[y\/N\] \S?$|Result:/);
			if (undo.screen().includes('Result:')) break;
			// Said before the yes, as the undo read it.
			if (fold(undo.live()).includes(`re-bound since to certificate ${renewed} (made with`))
				toldBefore = true;
			await undo.answer('Undo this change', 'y');
		}
		await undo.finished();
		expect(toldBefore).toBe(true);
		const screen = undo.flat();
		expect(screen).toContain(
			`The HTTPS listener (Address=*, Transport=HTTPS) on hyperv1.contoso.com now has certificate ${renewed}, not`,
		);
		const machines = undo.host.snapshot().machines;
		const start = startOf('classic');
		expect(machines.hyperv1!.listeners).toEqual([...start.hyperv1!.listeners, rebound]);
		expect({...machines, hyperv1: {...machines.hyperv1, listeners: []}}).toEqual({
			...start,
			hyperv1: {...start.hyperv1, listeners: []},
		});
	});

	/** A second time-boxed run from this machine, through hyperv2 to hyperv1. */
	async function secondRunThroughHyperv2(current: Session): Promise<void> {
		await current.answer('First hop', 'hyperv2.contoso.com');
		await current.answer('Second hop', 'hyperv1.contoso.com');
		await current.answer('Command to run', '');
		await current.answer('User name', '');
		await current.answer('Password for', 'Passw0rd!');
		await chooseCredSsp(current);
		await current.answer('Continue with CredSSP', 'y');
		await current.answer('Make this change on ADMIN-WS', 'y');
		await current.answer('Make this change on hyperv2', 'y');
		await current.answer('Schedule the revert on hyperv2.contoso.com? [y/N]', 'y');
		await current.waitFor('Schedule the revert on ADMIN-WS (this machine)? [y/N]');
	}

	test("an undo of the first run's client change, with the second run's entry kept, leaves client CredSSP on, says why, and a later undo turns it off", async () => {
		const stateDir = mkdtempSync(join(tmpdir(), 'doublehop-timebox-'));
		session = await startCliSession('classic', stateDir, {timeBoxMinutes: 60});
		await timeBoxedFix(session, 'n');
		await session.answer('Schedule the revert on hyperv1.contoso.com? [y/N]', 'y');
		await session.answer('Schedule the revert on ADMIN-WS (this machine)? [y/N]', 'y');
		await session.finished();
		session.unmount();
		session = await startCliSession('classic', stateDir, {timeBoxMinutes: 240});
		await secondRunThroughHyperv2(session);
		// CredSSP was on for the first run only: this revert turns it off if the first left it on.
		expect(fold(session.live())).toContain(
			'WinRM client CredSSP off if the delegation list is then as it was (empty); an entry added since keeps it on',
		);
		await session.answer('Schedule the revert on ADMIN-WS (this machine)? [y/N]', 'y');
		await session.finished();
		// The first deadline: its client task leaves the switch on for hyperv2's entry.
		const fired = session.host.advanceClock(61);
		expect(fired.find((task) => task.machine === 'admin-ws')?.switchStaysOn).toEqual({
			addedSince: ['wsman/hyperv2.contoso.com'],
			listBefore: [],
		});
		expect(session.host.snapshot().machines['admin-ws']?.credssp.client).toBe(true);
		session.unmount();

		// Undo, keeping the second run's client change: the first's leaves CredSSP on, and says why.
		session = await startCliSession('classic', stateDir, {mode: 'undo'});
		await session.answer('User name', '');
		await session.answer('Password for', 'Passw0rd!');
		await session.answer('Undo this change on ADMIN-WS (this machine)? [y/N]', 'y');
		await session.answer('Undo this change on hyperv2.contoso.com? [y/N]', 'y');
		await session.answer('Undo this change on hyperv2.contoso.com? [y/N]', 'y');
		await session.answer('Undo this change on ADMIN-WS (this machine)? [y/N]', 'n');
		// hyperv1's server role, which the first run's task already took back, is read and closed
		// without a question: the next is the first run's client change.
		await session.waitFor(
			/Undo \d of 8: CredSSP client and delegation list[\s\S]*Undo this change on ADMIN-WS \(this machine\)\? \[y\/N\] \S?$/,
		);
		// The lines as drawn, without the "# " each wrapped comment line starts with.
		expect(fold(session.live()).replaceAll(' # ', ' ')).toContain(
			'WinRM client CredSSP stays on: the delegation list is not as it was before the run (empty): wsman/hyperv2.contoso.com, added since, needs it. The change stays open: doublehop undo turns it off once the list is as it was.',
		);
		await session.answer('Undo this change on ADMIN-WS (this machine)? [y/N]', 'y');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain(
			'Left on: WinRM client CredSSP on ADMIN-WS (this machine), which other delegation entries need',
		);
		expect(screen).toContain('left in place');
		expect(session.runner.getState().conclusion?.verdict).toBe('declined');
		expect(session.host.snapshot().machines['admin-ws']?.credssp.client).toBe(true);
		session.unmount();

		// Both client changes are still open: taken back newest first, CredSSP goes off with the last.
		session = await startCliSession('classic', stateDir, {mode: 'undo'});
		await session.answer('Undo this change on ADMIN-WS (this machine)? [y/N]', 'y');
		await session.answer('Undo this change on ADMIN-WS (this machine)? [y/N]', 'y');
		await session.finished();
		expect(session.runner.getState().conclusion?.verdict).toBe('undone');
		expect(session.host.snapshot().machines).toEqual(startOf('classic'));
	});

	test('a second --for run with everything in place says the earlier time box stands, with its deadline, and that this --for changed nothing', async () => {
		const stateDir = mkdtempSync(join(tmpdir(), 'doublehop-timebox-'));
		session = await startCliSession('classic', stateDir, {timeBoxMinutes: 120});
		await timeBoxedFix(session, 'n');
		await session.answer('Schedule the revert on hyperv1.contoso.com? [y/N]', 'y');
		await session.answer('Schedule the revert on ADMIN-WS (this machine)? [y/N]', 'y');
		await session.finished();
		const at = session.runner.getState().timeBox?.atUtc ?? '';
		session.unmount();

		session = await startCliSession('classic', stateDir, {timeBoxMinutes: 60});
		await enterTargets(session);
		await session.finished();
		const state = session.runner.getState();
		expect(state.conclusion?.verdict).toBe('already-fixed');
		const screen = session.flat();
		expect(screen).toMatch(
			new RegExp(
				`--for 1 h changed nothing: nothing had to change, so no revert task was scheduled\\. The time box of an earlier run stands: CredSSP reverts at ${at.slice(11, 16)} UTC on ${at.slice(0, 10)} on hyperv1\\.contoso\\.com and on this machine \\(revert tasks doublehop-revert-\\S+-hop1, doublehop-revert-\\S+-client\\)\\.`,
			),
		);
		expect(screen).toContain(
			'For another deadline: doublehop undo --lab classic (it removes the revert tasks too), then run again with --for 1h.',
		);
		// Nothing registered on top of the earlier tasks.
		const machines = session.host.snapshot().machines;
		expect(machines.hyperv1?.scheduledTasks).toHaveLength(1);
		expect(machines['admin-ws']?.scheduledTasks).toHaveLength(1);
	});

	test('saying no to a revert task keeps the fix, and the summary says CredSSP stays there', async () => {
		session = startSession('classic', {timeBoxMinutes: 30});
		await timeBoxedFix(session, 'n');
		await session.answer('Schedule the revert on hyperv1.contoso.com? [y/N]', 'n');
		await session.answer('Schedule the revert on ADMIN-WS (this machine)? [y/N]', 'y');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('(in 30 min) on this machine');
		expect(screen).toContain(
			'No revert is scheduled on hyperv1.contoso.com: CredSSP stays there until you undo it',
		);
		expect(session.host.snapshot().machines.hyperv1?.scheduledTasks).toBeUndefined();
		expect(session.host.snapshot().machines['admin-ws']?.scheduledTasks).toHaveLength(1);
	});

	test('choosing a method other than CredSSP says --for is not used, and no revert is claimed', async () => {
		session = startSession('classic', {timeBoxMinutes: 120});
		await enterTargets(session);
		await session.answer('Which method?', 'u');
		await session.answer('Run it on hyperv1.contoso.com to prove it?', 'y');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('--for 2 h is not used: it schedules the revert of CredSSP only');
		expect(screen).toContain('$using:cred changes nothing on any machine');
		expect(screen).not.toContain('reverts at');
		expect(session.host.snapshot().machines.hyperv1?.scheduledTasks).toBeUndefined();
	});

	test("a time-boxed run stopped part-way and resumed without --for keeps its time box, and the revert covers the earlier run's change too", async () => {
		const stateDir = mkdtempSync(join(tmpdir(), 'doublehop-'));
		session = await startCliSession('classic', stateDir, {timeBoxMinutes: 120});
		await enterTargets(session);
		await chooseCredSsp(session);
		await session.answer('Continue with CredSSP', 'y');
		await session.answer('Make this change on ADMIN-WS', 'y');
		await session.waitFor('Make this change on hyperv1');
		// Stopped here, as a kill would: no cleanup.
		session.unmount();

		session = await startCliSession('classic', stateDir);
		await session.waitFor('Resume or undo? [r/u]');
		expect(session.flat()).toContain('its --for 2 h time box is kept');
		await session.answer('Resume or undo? [r/u]', 'r');
		await enterTargets(session);
		await chooseCredSsp(session);
		await session.answer('Continue with CredSSP', 'y');
		await session.answer('Make this change on hyperv1', 'y');
		await session.answer('Create an HTTPS listener', 'n');
		await session.answer('Schedule the revert on hyperv1.contoso.com? [y/N]', 'y');
		// The client change was made by the earlier run: its revert is asked for all the same.
		await session.answer('Schedule the revert on ADMIN-WS (this machine)? [y/N]', 'y');
		await session.finished();
		expect(session.flat()).toMatch(
			/CredSSP reverts at \d\d:\d\d UTC( on \d{4}-\d\d-\d\d)? \(in 2 h\) on hyperv1\.contoso\.com and on this machine/,
		);
		// Past the deadline both machines are as the scenario started them.
		session.host.advanceClock(130);
		expect(session.host.snapshot().machines).toEqual(startOf('classic'));
	});

	test('--dry-run --for 2h: each revert task is shown with its exact command and listed as planned, and nothing is registered', async () => {
		const stateDir = mkdtempSync(join(tmpdir(), 'doublehop-'));
		session = await startCliSession('classic', stateDir, {dryRun: true, timeBoxMinutes: 120});
		await enterTargets(session);
		await chooseCredSsp(session);
		await session.answer('Continue with CredSSP', 'y');
		await session.answer('Make this change on ADMIN-WS', 'y');
		await session.answer('Make this change on hyperv1', 'y');
		await session.answer('Create an HTTPS listener', 'n');
		await session.waitFor('Schedule the revert on hyperv1.contoso.com? [y/N]');
		const shown = fold(session.live());
		expect(shown).toContain('Step 11 of 11: Schedule the revert (--for) - on hyperv1.contoso.com');
		expect(shown).toContain('Register-ScheduledTask -TaskName');
		await session.answer('Schedule the revert on hyperv1.contoso.com? [y/N]', 'y');
		await session.answer('Schedule the revert on ADMIN-WS (this machine)? [y/N]', 'y');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain(
			'Dry run: would change Scheduled revert task on hyperv1.contoso.com PS> # At ',
		);
		expect(screen).toContain(
			'Dry run: would change Scheduled revert task on ADMIN-WS (this machine)',
		);
		expect(screen).toContain('Result: NEEDS-CHANGES. Dry run: 4 changes would be made');
		expect(screen).toMatch(
			/hyperv1\.contoso\.com: Scheduled revert task: none -> DoubleHop-Revert-/i,
		);
		expect(screen).toContain(
			'Planned: a revert task on hyperv1.contoso.com and on this machine, due 2 h after the real run',
		);
		expect(screen).not.toContain('No revert is scheduled');
		// The summary lists them as planned, as the transcript does: none of them was made.
		expect(screen).toContain('Planned changes (dry run: none was made):');
		expect(screen).not.toContain('Changes made:');
		expect(session.host.snapshot().machines).toEqual(startOf('classic'));
	});
});
