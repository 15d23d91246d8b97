// Issue 12 case 9: the undo screen shows the PowerShell that will run, each undo its own command
// as its operation module words it, and "turn CredSSP off again" only follows a change.
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {
	acceptEveryChange,
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

const freshStateDir = () => mkdtempSync(join(tmpdir(), 'doublehop-undo-screen-'));

/** The live part of the screen (the current step and its question), wrapping folded. */
const liveText = (undo: Session) => fold(undo.live());

async function fixThenUndo(name: string, stateDir: string): Promise<Session> {
	session = await startCliSession(name, stateDir);
	await enterTargets(session);
	await acceptEveryChange(session, 'n');
	await session.finished();
	session.unmount();
	const next = await startCliSession(name, stateDir, {mode: 'undo'});
	session = next;
	return next;
}

describe('the undo screen', () => {
	test('shows the commands undo runs: the server undo, then the delegation list rewritten and the client switch turned off', async () => {
		const undo = await fixThenUndo('existing-delegation', freshStateDir());
		await undo.waitFor('User name');
		// The banner names the undo, not a step of the fix that is not running.
		expect(liveText(undo)).toContain('Undo: Machines and credentials');
		expect(liveText(undo)).not.toContain('Step 2 of 10');
		await undo.answer('User name', '');
		await undo.answer('Password for', 'Passw0rd!');
		await undo.waitFor(/Undo this change on hyperv1\.contoso\.com\? \[y\/N\] \S?$/);
		expect(liveText(undo)).toContain(
			'PS> Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Disable-WSManCredSSP -Role Server }',
		);
		await undo.answer('Undo this change on hyperv1', 'y');
		await undo.waitFor(/Undo this change on ADMIN-WS.*\[y\/N\] \S?$/);
		const client = liveText(undo);
		// The list as it will be written: the two entries that were there before, in order. (The
		// path fits on a row of its own: one string, on the row after -Path.)
		expect(client).toContain(
			"PS> New-ItemProperty -Path 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\AllowFreshCredentials' -Name 1 -PropertyType String -Value 'wsman/sql01.contoso.com'",
		);
		expect(client).toContain(
			"PS> New-ItemProperty -Path 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\AllowFreshCredentials' -Name 2 -PropertyType String -Value 'wsman/*.fabrikam.com'",
		);
		expect(client).not.toContain("-Value 'wsman/hyperv1.contoso.com'");
		// Client CredSSP was on before the fix in this lab: it stays on.
		expect(client).not.toContain('CredSSP -Value $false');
		// No prose after the prompt sign.
		expect(client).not.toMatch(/PS> doublehop undo|remove '|would remove/);
		await undo.answer('Undo this change on ADMIN-WS', 'y');
		await undo.finished();
		expect(undo.host.snapshot().machines).toEqual(scenario('existing-delegation').machines);
	});

	test('turns the client switch off when the fix turned it on, and shows that command', async () => {
		const undo = await fixThenUndo('classic', freshStateDir());
		await undo.answer('User name', '');
		await undo.answer('Password for', 'Passw0rd!');
		await undo.answer('Undo this change on hyperv1', 'y');
		await undo.waitFor(/Undo this change on ADMIN-WS.*\[y\/N\] \S?$/);
		const client = liveText(undo);
		expect(client).toContain(
			'PS> Set-Item WSMan:\\localhost\\Client\\Auth\\CredSSP -Value $false -Force',
		);
		expect(client).toContain(
			"PS> Remove-ItemProperty -Path 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation' -Name AllowFreshCredentials, ConcatenateDefaults_AllowFresh",
		);
		expect(client).not.toMatch(/PS> doublehop undo|remove '|would remove/);
		await undo.answer('Undo this change on ADMIN-WS', 'y');
		await undo.finished();
		expect(undo.host.snapshot().machines).toEqual(scenario('classic').machines);
	});
	test('puts a local "Allow delegating fresh credentials" set to Disabled back as Disabled, not as Not configured', async () => {
		const name = 'local-delegation-disabled';
		const undo = await fixThenUndo(name, freshStateDir());
		await undo.answer('User name', '');
		await undo.answer('Password for', 'Passw0rd!');
		await undo.answer('Undo this change on hyperv1', 'y');
		await undo.waitFor(/Undo this change on ADMIN-WS.*\[y\/N\] \S?$/);
		expect(liveText(undo)).toContain(
			'-Name AllowFreshCredentials -PropertyType DWord -Value 0 -Force',
		);
		await undo.answer('Undo this change on ADMIN-WS', 'y');
		await undo.finished();
		// AllowFreshCredentials = 0 again, ConcatenateDefaults_AllowFresh not set, in HKLM and Registry.pol.
		expect(undo.host.snapshot().machines).toEqual(scenario(name).machines);
	});

	test('an entry left under a local policy set to Disabled does not count: the fix turns the policy on, and undo puts Disabled back with the entry kept', async () => {
		// A switch set to 0 leaves the values in the registry, and Get-WSManCredSSP still lists them
		// (CredSSP.cs GetDelegateSettings), but CredSSP delegates to no machine.
		const lab = structuredClone(scenario('local-delegation-disabled'));
		lab.name = 'disabled-with-entry';
		const client = lab.machines['admin-ws']!;
		client.allowFreshCredentials = ['wsman/hyperv1.contoso.com'];
		client.credssp.client = true;
		const path = join(freshStateDir(), 'lab.json');
		writeFileSync(path, JSON.stringify(lab));
		const stateDir = freshStateDir();
		session = await startCliSession(path, stateDir);
		await enterTargets(session);
		await session.waitFor(/Which method\?/);
		expect(session.flat()).toContain(
			'The machine is configured to allow delegating fresh credentials to the following target(s): wsman/hyperv1.contoso.com',
		);
		await acceptEveryChange(session, 'n');
		await session.finished();
		const screen = session.flat();
		expect(screen).not.toContain('Client side already done');
		expect(screen).toContain(
			'Allow delegating fresh credentials: Disabled (AllowFreshCredentials = 0, ConcatenateDefaults_AllowFresh not set)',
		);
		expect(screen).toContain('Result: FIXED.');
		session.unmount();

		const undo = await startCliSession(path, stateDir, {mode: 'undo'});
		session = undo;
		await undo.answer('User name', '');
		await undo.answer('Password for', 'Passw0rd!');
		await undo.answer('Undo this change on hyperv1', 'y');
		await undo.answer('Undo this change on ADMIN-WS', 'y');
		await undo.finished();
		expect(undo.host.snapshot().machines).toEqual(lab.machines);
	});
});

describe('an undo after two runs for different first hops', () => {
	test("names each host's changes before its first question, and takes back both runs'", async () => {
		const stateDir = freshStateDir();
		session = await startCliSession('classic', stateDir);
		await enterTargets(session);
		await acceptEveryChange(session, 'n');
		await session.finished();
		session.unmount();
		// Run 2: hyperv2 reaches hyperv1.
		session = await startCliSession('classic', stateDir);
		await session.answer('First hop', 'hyperv2.contoso.com');
		await session.answer('Second hop', 'hyperv1.contoso.com');
		await session.answer('Command to run', 'Get-VM -ComputerName hyperv1.contoso.com');
		await session.answer('User name', '');
		await session.answer('Password for', 'Passw0rd!');
		await chooseCredSsp(session);
		await session.answer('Continue with CredSSP', 'y');
		await session.answer('Make this change on ADMIN-WS', 'y');
		await session.answer('Make this change on hyperv2', 'y');
		await session.finished();
		// Its undo takes back run 1's changes too: the reminder says so.
		expect(session.flat()).toContain(
			"turn CredSSP off again (this also takes back what an earlier run left in place for hyperv1.contoso.com; add --hop1 hyperv2.contoso.com to take back only this host's):",
		);
		session.unmount();

		const undo = await startCliSession('classic', stateDir, {mode: 'undo'});
		session = undo;
		await undo.waitFor('User name');
		// Before: only "Undo 1 of 4" at each question, nothing said of which run or host.
		const overview = undo.flat();
		expect(overview).toContain(
			'4 changes by doublehop are in place for 2 first hops: this undo takes back all of them, newest first, each asked for',
		);
		expect(overview).toContain(
			'For hyperv1.contoso.com (2 changes): CredSSP client and delegation list on ADMIN-WS (this machine); WinRM service CredSSP on hyperv1.contoso.com',
		);
		expect(overview).toContain(
			'For hyperv2.contoso.com (2 changes): CredSSP client and delegation list on ADMIN-WS (this machine); WinRM service CredSSP on hyperv2.contoso.com',
		);
		expect(overview).toMatch(
			/To take back one first hop's only: PS> doublehop undo --lab classic --hop1 hyperv1\.contoso\.com/,
		);
		await undo.answer('User name', '');
		await undo.answer('Password for', 'Passw0rd!');
		await undo.answer('Undo this change on hyperv2', 'y');
		await undo.answer('Undo this change on ADMIN-WS', 'y');
		await undo.answer('Undo this change on hyperv1', 'y');
		await undo.answer('Undo this change on ADMIN-WS', 'y');
		await undo.finished();
		expect(undo.flat()).toContain('Result: UNDONE. 4 changes taken back');
		expect(undo.host.snapshot().machines).toEqual(scenario('classic').machines);
	});
});

describe('the reminder to turn CredSSP off', () => {
	test('follows a fix that changed something', async () => {
		session = startSession('classic');
		await enterTargets(session);
		await acceptEveryChange(session, 'n');
		await session.finished();
		expect(session.flat()).toContain('turn CredSSP off again');
	});

	test('is not given when this run changed nothing and doublehop has nothing to take back', async () => {
		session = startSession('already-working');
		await enterTargets(session);
		await session.finished();
		const screen = fold(session.screen());
		expect(screen).toContain('Result: ALREADY-FIXED.');
		expect(screen).not.toContain('turn CredSSP off again');
		expect(screen).not.toContain('doublehop undo');
	});
});
