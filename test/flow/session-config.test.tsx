// The JEA and RunAs methods, driven by keystrokes on the lab: from the failing second hop to a
// configuration registered on hyperv1 at a yes, the command proven through it, and `doublehop undo`
// taking it back until the lab is exactly as it started; where CredSSP cannot delegate the account
// (Protected Users) they are offered instead of CredSSP; a name already taken is left alone.
import {afterEach, describe, expect, test} from 'vitest';
import {mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createLabHost, type LabHost} from '../../source/hosts/lab/lab-host.js';
import {runLab} from '../report/lab-run.js';
import {
	enterTargets,
	labPassword,
	scenario,
	startCliSession,
	startSession,
	type Session,
} from '../helpers/session.js';
import {runAsCredentialsNotVerified} from '../../source/windows/runas-credentials.js';

let session: Session | undefined;
afterEach(() => session?.unmount());

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

const stateDir = () => mkdtempSync(join(tmpdir(), 'doublehop-session-config-'));

/** `doublehop undo` on what the run left: every change taken back at a yes. */
async function undoAll(lab: string, dir: string): Promise<Session> {
	const next = await startCliSession(lab, dir, {mode: 'undo'});
	session = next;
	for (;;) {
		await next.waitFor(/(User name|Password for|Undo this change on .*\? \[y\/N\])[^\n]*$|Result:/);
		const last = next.screen().trimEnd().split('\n').at(-1) ?? '';
		if (next.screen().includes('Result:')) break;
		if (last.includes('User name')) await next.answer('User name', '');
		else if (last.includes('Password for')) await next.answer('Password for', labPassword);
		else await next.answer('Undo this change', 'y');
	}
	await next.finished();
	return next;
}

describe('JEA with a gMSA on the first hop', () => {
	test('from the failing hop to Doublehop.JEA registered at a yes, Get-VM proven through it, and undone to the start', async () => {
		const dir = stateDir();
		session = await startCliSession('jea-runas', dir);
		await enterTargets(session);
		await session.waitFor('Which method? [u/j/a/c]');
		expect(session.flat()).toContain('You do not have permission to perform the operation');
		expect(session.flat()).toContain(
			'3. JEA on the first hop with a group managed service account (fits):',
		);
		await session.answer('Which method?', 'j');
		await session.answer('Group managed service account', 'CONTOSO\\jea-hv$');
		await session.waitFor('Register Doublehop.JEA on hyperv1.contoso.com? [y/N]');
		const shown = session.flat();
		// Run on hyperv1, as shown: the same Invoke-Command the change runs.
		expect(shown).toContain(
			"Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { New-PSSessionConfigurationFile -Path 'C:\\ProgramData\\Doublehop.JEA.pssc'",
		);
		expect(shown).toContain(
			"New-PSSessionConfigurationFile -Path 'C:\\ProgramData\\Doublehop.JEA.pssc' -SessionType RestrictedRemoteServer -GroupManagedServiceAccount 'CONTOSO\\jea-hv' -RoleDefinitions @{ 'CONTOSO\\admin' = @{ VisibleCmdlets = 'Get-VM' } }",
		);
		// Without its $: Register-PSSessionConfiguration appends it (CreateGMSAAccountCredentials).
		expect(shown).toContain("GroupManagedServiceAccount = 'CONTOSO\\jea-hv'");
		expect(shown).toContain(
			"Register-PSSessionConfiguration -Name Doublehop.JEA -Path 'C:\\ProgramData\\Doublehop.JEA.pssc' -Force",
		);
		expect(shown).toContain(
			"RoleDefinitions = @{ 'CONTOSO\\admin' = @{ VisibleCmdlets = 'Get-VM' } }",
		);
		// In the session on hyperv1 Test-ADServiceAccount reaches no domain controller (the AD
		// module's own second hop): not checked, said, with the command to check it on hyperv1 itself.
		expect(shown).toContain(
			'Test-ADServiceAccount CONTOSO\\jea-hv$: not checked (Unable to contact the server. This may be because this server does not exist',
		);
		expect(shown).toContain(
			"To check it yourself, run on hyperv1.contoso.com itself, at its console or over RDP (True: it may use it): PS> Test-ADServiceAccount -Identity 'jea-hv$'",
		);
		expect(shown).toContain(
			'Not checked: whether hyperv1.contoso.com may use CONTOSO\\jea-hv$ (Test-ADServiceAccount failed in the remote session)',
		);
		expect(shown).toContain('Registering restarts WinRM on hyperv1.contoso.com');
		// Nothing is changed before the yes.
		expect(session.host.snapshot().machines).toEqual(scenario('jea-runas').machines);

		await session.answer('Register Doublehop.JEA', 'y');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('cut the session that registered it, as it does');
		expect(screen).toContain('Read again in a new session: Doublehop.JEA is registered.');
		expect(screen).toContain(
			'PS> Invoke-Command -ComputerName hyperv1.contoso.com -ConfigurationName Doublehop.JEA -Credential $cred -ScriptBlock { Get-VM -ComputerName hyperv2.contoso.com }',
		);
		expect(screen).toMatch(/sql01\s+Running/);
		expect(screen).toContain('Result: FIXED.');
		const hyperv1 = session.host.snapshot().machines.hyperv1;
		expect(hyperv1?.sessionConfigurations?.map((entry) => [entry.name, entry.runAsUser])).toEqual([
			['Doublehop.JEA', 'CONTOSO\\jea-hv$'],
		]);
		expect(hyperv1?.files).toEqual(['C:\\ProgramData\\Doublehop.JEA.pssc']);
		session.unmount();

		const undone = await undoAll('jea-runas', dir);
		expect(undone.flat()).toContain(
			"Remove-Item -LiteralPath 'C:\\ProgramData\\Doublehop.JEA.pssc' -Force; Unregister-PSSessionConfiguration -Name Doublehop.JEA -Force",
		);
		expect(undone.flat()).toContain('Result: UNDONE.');
		expect(undone.host.snapshot().machines).toEqual(scenario('jea-runas').machines);
	});

	test('a name already registered on hyperv1 is left alone: Doublehop.JEA.2 is registered instead', async () => {
		const dir = stateDir();
		const file = join(dir, 'clash.json');
		const lab = structuredClone(scenario('jea-runas'));
		lab.machines.hyperv1!.sessionConfigurations = [
			{
				name: 'Doublehop.JEA',
				kind: 'jea',
				runAsUser: 'CONTOSO\\jea-hv$',
				roleAccounts: ['CONTOSO\\ops'],
			},
		];
		writeFileSync(file, JSON.stringify({...lab, name: 'clash'}));
		session = await startCliSession(file, dir);
		await enterTargets(session);
		await session.answer('Which method?', 'j');
		await session.answer('Group managed service account', 'CONTOSO\\jea-hv$');
		await session.waitFor('Register Doublehop.JEA.2 on hyperv1.contoso.com? [y/N]');
		expect(session.flat()).toContain(
			'Doublehop.JEA is already registered on hyperv1.contoso.com: doublehop leaves it as it is and registers Doublehop.JEA.2',
		);
		await session.answer('Register Doublehop.JEA.2', 'y');
		await session.finished();
		expect(session.flat()).toContain('Result: FIXED.');
		const names = session.host.snapshot().machines.hyperv1?.sessionConfigurations;
		expect(names?.map((entry) => [entry.name, entry.roleAccounts])).toEqual([
			['Doublehop.JEA', ['CONTOSO\\ops']],
			['Doublehop.JEA.2', ['CONTOSO\\admin']],
		]);
		session.unmount();
		const undone = await undoAll(file, dir);
		expect(undone.host.snapshot().machines).toEqual(lab.machines);
	});
});

describe('The gMSA as the admin names it', () => {
	test('without its $ it is the same account: registered as CONTOSO\\jea-hv, run as CONTOSO\\jea-hv$', async () => {
		session = await startCliSession('jea-runas', stateDir());
		await enterTargets(session);
		await session.answer('Which method?', 'j');
		await session.answer('Group managed service account', 'CONTOSO\\jea-hv');
		await session.waitFor('Register Doublehop.JEA on hyperv1.contoso.com? [y/N]');
		expect(session.flat()).toContain(
			"-GroupManagedServiceAccount 'CONTOSO\\jea-hv' -RoleDefinitions",
		);
		await session.answer('Register Doublehop.JEA', 'y');
		await session.finished();
		expect(session.flat()).toContain('Result: FIXED.');
		expect(session.flat()).toContain('as CONTOSO\\jea-hv$ through Doublehop.JEA');
	});

	test('without a domain it is asked again: Register-PSSessionConfiguration takes only DOMAIN\\name', async () => {
		session = await startCliSession('jea-runas', stateDir());
		await enterTargets(session);
		await session.answer('Which method?', 'j');
		await session.answer('Group managed service account', 'jea-hv$');
		await session.waitFor("Account name must be of the form 'DomainName\\UserName'.");
		expect(session.flat()).toContain('Give the gMSA as DOMAIN\\name (e.g. CONTOSO\\jea-hv)');
		expect(session.host.snapshot().machines).toEqual(scenario('jea-runas').machines);
	});
});

describe('The gMSA not checked, and the command through the configuration still failing', () => {
	test('the end names the check to run on hyperv1 itself, beside the undo', async () => {
		const lab = structuredClone(scenario('jea-runas'));
		const gmsa = lab.accounts.find((account) => account.user === 'CONTOSO\\jea-hv$');
		gmsa!.rightsOn = [];
		const host = createLabHost({scenario: lab});
		const {final} = await runLab('jea-runas', {
			host,
			method: 'j',
			gmsa: 'CONTOSO\\jea-hv',
			answers: {'session-config': true},
		});
		expect(final.conclusion?.verdict).toBe('failed');
		// Headed as the method's own failure, not as CredSSP's verify, which never ran.
		expect(final.conclusion?.headline).toBe(
			'The command still fails on hyperv1.contoso.com through Doublehop.JEA',
		);
		expect(final.conclusion?.nextSteps).toContainEqual({
			say: 'Whether hyperv1.contoso.com may use CONTOSO\\jea-hv$ was not checked; on hyperv1.contoso.com itself (console or RDP):',
			run: "Test-ADServiceAccount -Identity 'jea-hv$'",
		});
		await host.dispose();
	});
});

describe('A registration that fails on its own', () => {
	// Register-PSSessionConfiguration's own error comes back as an error, not as the cut a WinRM
	// restart makes: the lab refuses a gMSA without a domain part as CreateGMSAAccountCredentials
	// does (the prompt lets none through, so the lab is handed one).
	test('InvalidGMSAName is reported as that error, not as a WinRM restart; the .pssc left behind is named, with its Remove-Item', async () => {
		const lab = createLabHost({scenario: scenario('jea-runas')});
		const host: LabHost = {
			...lab,
			registerSessionConfiguration: (hop1, credential, plan, runAs) =>
				lab.registerSessionConfiguration(hop1, credential, {...plan, runAs: 'jea-hv$'}, runAs),
		};
		const {final} = await runLab('jea-runas', {
			host,
			method: 'j',
			gmsa: 'CONTOSO\\jea-hv$',
			answers: {'session-config': true},
		});
		const failed = final.log.filter((entry) => entry.status === 'failed').at(-1);
		expect(failed?.title).toBe('The change failed on hyperv1.contoso.com');
		expect(failed?.error?.fullyQualifiedErrorId).toBe(
			'System.InvalidOperationException,Microsoft.PowerShell.Commands.RegisterPSSessionConfigurationCommand',
		);
		expect(JSON.stringify(final)).not.toContain('WinRM restarted');
		expect(final.conclusion?.verdict).toBe('failed');
		expect(final.conclusion?.nextSteps).toContainEqual({
			say: 'C:\\ProgramData\\Doublehop.JEA.pssc on hyperv1.contoso.com was written by New-PSSessionConfigurationFile before the registration failed; it registers nothing, and doublehop undo does not remove it. To remove it:',
			run: "Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Remove-Item -LiteralPath 'C:\\ProgramData\\Doublehop.JEA.pssc' -Force }",
		});
		expect(final.changes).toEqual([]);
		expect(lab.snapshot().machines.hyperv1?.sessionConfigurations).toBeUndefined();
		expect(lab.snapshot().machines.hyperv1?.files).toEqual(['C:\\ProgramData\\Doublehop.JEA.pssc']);
		await lab.dispose();
	});
});

/**
 * jea-runas with hyperv1's WinRM slow to come back from the restart a registration makes
 * (PowerShell/JEA#30), as a scenario file `--lab` takes.
 */
function slowRestartLab(restart: {refusedConnections: number; registerGetsNoAnswer?: boolean}) {
	const lab = scenario('jea-runas');
	const file = join(stateDir(), 'slow-restart.json');
	const hyperv1 = {...lab.machines.hyperv1, slowWinrmRestart: restart};
	writeFileSync(file, JSON.stringify({...lab, machines: {...lab.machines, hyperv1}}));
	return {file, machines: JSON.parse(JSON.stringify({...lab.machines, hyperv1})) as unknown};
}

describe('WinRM on hyperv1 slow to come back from the restart a registration makes', () => {
	// Register-PSSessionConfiguration restarts WinRM; its client retries the cut session for up to 4
	// minutes (xPSDesiredStateConfiguration#639), so doublehop's call can time out while the
	// configuration is registered, and a read right after can find WinRM still restarting.
	test('the registering call gets no answer in time: WinRM is waited for, read again, and the fix goes on', async () => {
		const dir = stateDir();
		const lab = slowRestartLab({refusedConnections: 3, registerGetsNoAnswer: true});
		session = await startCliSession(lab.file, dir);
		await enterTargets(session);
		await session.answer('Which method?', 'j');
		await session.answer('Group managed service account', 'CONTOSO\\jea-hv$');
		await session.answer('Register Doublehop.JEA', 'y');
		await session.finished();
		const screen = session.flat();
		expect(screen).not.toContain('The change failed');
		expect(screen).toContain(
			'Waiting for WinRM on hyperv1.contoso.com to come back: it restarts to load the configuration (up to 3 minutes, reading again every 15 s)',
		);
		expect(screen).toContain(
			'The registering call got no answer in time, as WinRM restarted on hyperv1.contoso.com to load it: "No answer from hyperv1.contoso.com in 90 s.',
		);
		expect(screen).toContain('WinRM on hyperv1.contoso.com answered again after a while.');
		expect(screen).toContain('Read again in a new session: Doublehop.JEA is registered.');
		expect(screen).toContain('Result: FIXED.');
	});

	test('while it waits, the line under the read says it waits for WinRM on hyperv1 to come back', async () => {
		let release: () => void = () => {};
		const released = new Promise<void>((resolve) => {
			release = resolve;
		});
		session = startSession('jea-runas', {
			wrapHost: (host) => {
				const read = host.readSessionConfigurations.bind(host);
				const register = host.registerSessionConfiguration.bind(host);
				let restarting = false;
				host.registerSessionConfiguration = async (...args) => {
					restarting = true;
					return register(...args);
				};
				host.readSessionConfigurations = async (hop1, credential, gmsa, pauseSeconds) => {
					if (restarting && pauseSeconds === undefined) {
						restarting = false;
						return {
							ok: false,
							error: {
								message: 'The client cannot connect to the destination specified in the request.',
								fullyQualifiedErrorId: 'CannotConnect,PSSessionOpenFailed',
								categoryInfo: 'OpenError: (:) [New-PSSession], PSRemotingTransportException',
								exceptionType: 'System.Management.Automation.Remoting.PSRemotingTransportException',
							},
						};
					}
					if (pauseSeconds !== undefined) await released;
					return read(hop1, credential, gmsa);
				};
				return host;
			},
		});
		await enterTargets(session);
		await session.answer('Which method?', 'j');
		await session.answer('Group managed service account', 'CONTOSO\\jea-hv$');
		await session.answer('Register Doublehop.JEA', 'y');
		await session.waitFor('Waiting for WinRM on hyperv1.contoso.com to come back...');
		expect(session.live()).toContain('Waiting for WinRM on hyperv1.contoso.com to come back...');
		release();
		await session.finished();
		expect(session.flat()).toContain('Result: FIXED.');
	});

	test('WinRM does not answer again in 3 minutes: "unknown, registered or not", with the check and the undo, which takes it back', async () => {
		const dir = stateDir();
		// The first read and twelve more, 15 s apart, are refused; the undo after reaches it.
		const lab = slowRestartLab({refusedConnections: 13});
		session = await startCliSession(lab.file, dir);
		await enterTargets(session);
		await session.answer('Which method?', 'a');
		await session.answer('Account the RunAs', 'CONTOSO\\svc-hvops');
		await session.answer('Password for CONTOSO\\svc-hvops', 'RunAs-Passw0rd!');
		await session.answer('Register Doublehop.RunAs', 'y');
		await session.finished();
		const screen = session.flat();
		expect(screen).not.toContain('The change failed');
		expect(screen).not.toContain('was not registered');
		expect(screen).toContain('Waiting for WinRM on hyperv1.contoso.com to come back');
		expect(screen).toContain(
			'WinRM on hyperv1.contoso.com did not answer again in 3 minutes: whether Doublehop.RunAs is registered is unknown',
		);
		expect(screen).toContain(
			'Result: UNKNOWN. Doublehop.RunAs may or may not be registered on hyperv1.contoso.com',
		);
		expect(screen).toContain(
			'PS> Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Get-PSSessionConfiguration -Name Doublehop.RunAs }',
		);
		expect(screen).toContain(
			'To take it back whether or not it is registered (it checks the machine first):',
		);
		session.unmount();

		const undone = await undoAll(lab.file, dir);
		expect(undone.flat()).toContain('Result: UNDONE.');
		expect(undone.host.snapshot().machines).toEqual(lab.machines);
	});
});

describe('--dry-run', () => {
	test('JEA is shown and asked for, then planned, not made: the lab is untouched', async () => {
		session = await startCliSession('jea-runas', stateDir(), {dryRun: true});
		await enterTargets(session);
		await session.answer('Which method?', 'j');
		await session.answer('Group managed service account', 'CONTOSO\\jea-hv$');
		await session.answer('Register Doublehop.JEA', 'y');
		await session.finished();
		expect(session.flat()).toContain(
			'Dry run: would change Session configuration Doublehop.JEA on hyperv1.contoso.com',
		);
		expect(session.runner.getState().conclusion?.verdict).toBe('needs-changes');
		expect(session.host.snapshot().machines).toEqual(scenario('jea-runas').machines);
	});
});

describe('A RunAs configuration on the first hop', () => {
	test('the account and its password asked (never shown), registered at a yes, proven, and undone to the start', async () => {
		const dir = stateDir();
		session = await startCliSession('jea-runas', dir);
		await enterTargets(session);
		await session.answer('Which method?', 'a');
		await session.waitFor('Account the RunAs configuration on hyperv1.contoso.com runs as');
		expect(session.flat()).toContain(
			"hyperv1.contoso.com will store this account's password, and anyone who may connect to the configuration acts as this account.",
		);
		await session.answer('Account the RunAs', 'CONTOSO\\svc-hvops');
		await session.answer('Password for CONTOSO\\svc-hvops', 'RunAs-Passw0rd!');
		await session.waitFor('Register Doublehop.RunAs on hyperv1.contoso.com? [y/N]');
		const shown = session.flat();
		// Its explanation once, before the first of its two questions (before: before each).
		expect(shown.split('will store this account').length - 1).toBe(1);
		expect(shown).toContain("$runAs = Get-Credential 'CONTOSO\\svc-hvops'");
		// What runs, exactly: from this machine, the credential reaching hyperv1 as $using:runAs.
		// Pasted as shown before, it registered the configuration on the admin's own workstation.
		expect(shown).toContain(
			'Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Register-PSSessionConfiguration -Name Doublehop.RunAs -RunAsCredential $using:runAs -Force }',
		);
		expect(shown).toContain('the Windows security model cannot enforce a security boundary');
		await session.answer('Register Doublehop.RunAs', 'y');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('Result: FIXED.');
		expect(screen).toContain('as CONTOSO\\svc-hvops through Doublehop.RunAs');
		expect(screen).not.toContain('RunAs-Passw0rd!');
		// Not in the journal, the transcript or the lab state either: nothing under the state folder.
		expect(
			filesUnder(dir).filter((file) => readFileSync(file, 'utf8').includes('RunAs-Passw0rd!')),
		).toEqual([]);
		expect(filesUnder(dir).length).toBeGreaterThan(1);
		session.unmount();

		const undone = await undoAll('jea-runas', dir);
		expect(undone.flat()).toContain('Result: UNDONE.');
		expect(undone.host.snapshot().machines).toEqual(scenario('jea-runas').machines);
	});
});

describe('The RunAs account as the admin names it', () => {
	// WinRM logs the account on by its domain (LogonUser takes none only with a UPN): a name alone
	// is refused at the question, with why, and asked again; nothing typed after it is a password.
	test('without a domain it is refused and asked again, and never planned', async () => {
		session = await startCliSession('jea-runas', stateDir());
		await enterTargets(session);
		await session.answer('Which method?', 'a');
		await session.answer('Account the RunAs', 'svc hvops');
		await session.waitFor('That has no domain');
		expect(session.screen().trimEnd().split('\n').at(-1)).toContain(
			'Account the RunAs configuration on hyperv1.contoso.com',
		);
		await session.answer('Account the RunAs', 'CONTOSO\\svc-hvops');
		await session.answer('Password for CONTOSO\\svc-hvops', 'RunAs-Passw0rd!');
		await session.waitFor('Register Doublehop.RunAs on hyperv1.contoso.com? [y/N]');
		expect(session.flat()).not.toContain("Get-Credential 'svc hvops'");
		expect(session.host.snapshot().machines).toEqual(scenario('jea-runas').machines);
	});
});

describe('A RunAs password Windows does not accept, and the policy that forbids storing one', () => {
	// Register-PSSessionConfiguration sets the plugin's RunAsUser, which WinRM refuses with
	// 0x803381C3 for a password that does not log on; the plugin is removed again, nothing restarts
	// (PowerShell's CustomShellCommands.cs). Asked again, as the admin's own password is.
	test("a wrong password: Windows' words, nothing registered or journalled as made, asked again, then fixed", async () => {
		const dir = stateDir();
		session = await startCliSession('jea-runas', dir);
		await enterTargets(session);
		await session.answer('Which method?', 'a');
		await session.answer('Account the RunAs', 'CONTOSO\\svc-hvops');
		await session.answer('Password for CONTOSO\\svc-hvops', 'not-its-password');
		await session.answer('Register Doublehop.RunAs', 'y');
		await session.waitFor(/Password for CONTOSO\\svc-hvops[^\n]*$/);
		expect(session.flat()).toContain(
			'hyperv1.contoso.com did not accept CONTOSO\\svc-hvops and its password (attempt 1 of 3): nothing was registered',
		);
		expect(session.flat()).toContain(
			'The WinRM runAs configuration operation cannot be completed because the user credentials could not be verified.',
		);
		expect(session.host.snapshot().machines).toEqual(scenario('jea-runas').machines);
		const journal = () =>
			filesUnder(dir)
				.filter((file) => file.includes('journal'))
				.flatMap((file) => readFileSync(file, 'utf8').trim().split('\n'))
				.map((line) => JSON.parse(line) as {type: string});
		expect(journal().filter((event) => event.type === 'change-done')).toEqual([]);
		await session.answer('Password for CONTOSO\\svc-hvops', 'RunAs-Passw0rd!');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('Result: FIXED.');
		// Finished without a second yes: the one given before the refusal stands.
		expect(journal().filter((event) => event.type === 'change-done')).toHaveLength(1);
		expect(screen).not.toContain('not-its-password');
	});

	// A mistyped account fails WinRM's logon as a wrong password does (0x803381C3, whose words name
	// both): Enter alone at the password goes back to the account, as the admin's own does, and the
	// other account's registration is shown and asked for again.
	test('a mistyped account: Enter alone at the password changes the account, and the fix goes on', async () => {
		const dir = stateDir();
		session = await startCliSession('jea-runas', dir);
		await enterTargets(session);
		await session.answer('Which method?', 'a');
		await session.answer('Account the RunAs', 'CONTOSO\\svc-hvop');
		await session.answer('Password for CONTOSO\\svc-hvop', 'RunAs-Passw0rd!');
		await session.answer('Register Doublehop.RunAs', 'y');
		await session.waitFor('Enter alone for another account');
		expect(session.flat()).toContain(
			'hyperv1.contoso.com did not accept CONTOSO\\svc-hvop and its password (attempt 1 of 3)',
		);
		await session.answer('Password for CONTOSO\\svc-hvop', '');
		await session.waitFor('Enter keeps CONTOSO\\svc-hvop.');
		await session.answer('Account the RunAs', 'CONTOSO\\svc-hvops');
		await session.answer('Password for CONTOSO\\svc-hvops', 'RunAs-Passw0rd!');
		// The yes was for the other account's command: this one is shown and asked for.
		await session.waitFor('Register Doublehop.RunAs on hyperv1.contoso.com? [y/N]');
		expect(session.flat()).toContain("$runAs = Get-Credential 'CONTOSO\\svc-hvops'");
		expect(session.host.snapshot().machines).toEqual(scenario('jea-runas').machines);
		await session.answer('Register Doublehop.RunAs', 'y');
		await session.finished();
		expect(session.flat()).toContain('Result: FIXED.');
		const hyperv1 = session.host.snapshot().machines.hyperv1;
		expect(hyperv1?.sessionConfigurations?.map((entry) => entry.runAsUser)).toEqual([
			'CONTOSO\\svc-hvops',
		]);
	});

	// WinRM's words come in the language it answers in; the record's error id (written by
	// Register-PSSessionConfiguration's own `write-error $_`) is never translated, and carries it.
	test('the refusal in another language is still told: asked again, not a generic failure', async () => {
		// Not a real translation (none is quoted without a source): any text that is not English.
		const otherLanguage = '<WinRM text of 0x803381C3 in the language of the first hop>';
		session = startSession('jea-runas', {
			wrapHost: (host) => {
				const register = host.registerSessionConfiguration.bind(host);
				host.registerSessionConfiguration = async (...args) => {
					const answer = await register(...args);
					return !answer.ok && answer.error.message === runAsCredentialsNotVerified
						? {ok: false, error: {...answer.error, message: otherLanguage}}
						: answer;
				};
				return host;
			},
		});
		await enterTargets(session);
		await session.answer('Which method?', 'a');
		await session.answer('Account the RunAs', 'CONTOSO\\svc-hvops');
		await session.answer('Password for CONTOSO\\svc-hvops', 'not-its-password');
		await session.answer('Register Doublehop.RunAs', 'y');
		await session.waitFor('Enter alone for another account');
		expect(session.flat()).toContain(
			`did not accept CONTOSO\\svc-hvops and that password: "${otherLanguage}"`,
		);
		await session.answer('Password for CONTOSO\\svc-hvops', 'RunAs-Passw0rd!');
		await session.finished();
		expect(session.flat()).toContain('Result: FIXED.');
	});

	// "Disallow WinRM from storing RunAs credentials" (DisableRunAs = 1) makes WinRM refuse the
	// registration (0x803381E0): read on hyperv1 first, so no account or password is asked and
	// nothing planned.
	test('Group Policy forbids storing RunAs credentials on hyperv1: said before the account is asked, with the policy path and JEA named', async () => {
		const dir = stateDir();
		const file = join(dir, 'no-runas.json');
		const lab = structuredClone(scenario('jea-runas'));
		lab.machines.hyperv1!.policies.disableRunAs = true;
		writeFileSync(file, JSON.stringify({...lab, name: 'no-runas'}));
		session = await startCliSession(file, dir);
		await enterTargets(session);
		await session.answer('Which method?', 'a');
		// Before: the account was asked first, then the policy read said BLOCKED.
		await session.finished();
		const screen = session.flat();
		expect(screen).not.toContain('Account the RunAs');
		expect(screen).toContain('Result: BLOCKED.');
		expect(screen).toContain('Group Policy forbids a RunAs configuration on hyperv1.contoso.com');
		expect(screen).toContain(
			'Computer Configuration > Administrative Templates > Windows Components > Windows Remote Management (WinRM) > WinRM Service > Disallow WinRM from storing RunAs credentials',
		);
		expect(screen).toContain('--method jea');
		expect(screen).toContain('stores no password');
		expect(screen).not.toContain('Password for CONTOSO\\svc-hvops');
		expect(screen).not.toContain('Register Doublehop.RunAs');
		expect(session.host.snapshot().machines).toEqual(lab.machines);
	});
});

describe('Protected Users: CredSSP cannot delegate the account', () => {
	test('JEA and RunAs are offered instead of CredSSP, and JEA fixes the hop', async () => {
		const dir = stateDir();
		session = await startCliSession('protected-users', dir);
		await enterTargets(session);
		await session.waitFor('Which method? [u/j/a/s]');
		const screen = session.flat();
		expect(screen).toContain('CredSSP cannot work for CONTOSO\\admin');
		expect(screen).toContain('j JEA: a configuration on hyperv1.contoso.com');
		expect(screen).toContain('a RunAs: a configuration on hyperv1.contoso.com');
		expect(screen).not.toContain('c CredSSP');
		expect(screen).toContain('5. CredSSP (does not fit): CredSSP cannot delegate this account');
		await session.answer('Which method?', 'j');
		await session.answer('Group managed service account', 'CONTOSO\\jea-hv$');
		await session.answer('Register Doublehop.JEA', 'y');
		await session.finished();
		expect(session.flat()).toContain('Result: FIXED.');
		expect(session.host.snapshot().machines['admin-ws']?.credssp).toEqual({
			client: false,
			server: false,
		});
	});

	test('s stops as before: blocked, nothing changed', async () => {
		session = await startCliSession('protected-users', stateDir());
		await enterTargets(session);
		await session.answer('Which method?', 's');
		await session.finished();
		expect(session.flat()).toContain('Result: BLOCKED.');
		expect(session.host.snapshot().machines).toEqual(scenario('protected-users').machines);
	});
});
