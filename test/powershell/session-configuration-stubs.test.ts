// Real pwsh against the stubs: the JEA method's scripts. The read lists Windows' own configurations
// and tests the gMSA; registering restarts WinRM and cuts the session that asked (reported as
// `cut`, and the next call opens a new session); the admin's command runs through
// -ConfigurationName as the gMSA; unregistering leaves the lab as it was. The lab host answers alike.
import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import type {Credential} from '../../source/hosts/host.js';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import {createLabHost} from '../../source/hosts/lab/lab-host.js';
import {scenario as builtIn} from '../helpers/session.js';
import {Secret} from '../../source/safety/secret.js';
import type {SessionConfigurationPlan} from '../../source/windows/session-configuration.js';
import {noPwshReason, pwsh, runWithStubs, scenarioCopy, stubbedHost} from './pwsh.js';

const title = `JEA session configuration, real pwsh against the stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;
const readState = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Scenario;
const hop1 = 'hyperv1.contoso.com';
const admin: Credential = {user: 'CONTOSO\\admin', password: new Secret('Passw0rd!')};
const adServerDownId =
	'ActiveDirectoryServer:0,Microsoft.ActiveDirectory.Management.Commands.TestADServiceAccount';
const plan: SessionConfigurationPlan = {
	kind: 'jea',
	name: 'Doublehop.JEA',
	runAs: 'CONTOSO\\jea-hv$',
	roleAccount: 'CONTOSO\\admin',
	visibleCmdlets: ['Get-VM'],
	psscPath: 'C:\\ProgramData\\Doublehop.JEA.pssc',
};

describe.skipIf(pwsh === undefined)(title, () => {
	test('read, register (the session cut by WinRM), run through it as the gMSA, unregister: as the lab, and back to the start', async () => {
		const state = scenarioCopy('jea-runas');
		const before = readState(state).machines;
		const host = await stubbedHost(state);
		const lab = createLabHost({scenario: builtIn('jea-runas')});
		try {
			const read = await host.readSessionConfigurations(hop1, admin, 'CONTOSO\\jea-hv$');
			// $PSVersionTable is read-only, so off Windows the script reads pwsh's own version there.
			const labRead = await lab.readSessionConfigurations(hop1, admin, 'CONTOSO\\jea-hv$');
			expect(read.ok && {...read.value, psVersion: ''}).toEqual(
				labRead.ok && {...labRead.value, psVersion: ''},
			);
			expect(read.ok && read.value.psVersion).toMatch(/^\d+\.\d+/);
			// In the session on hop 1 the AD module reaches no domain controller: not checked.
			expect(read.ok && read.value.gmsaUsable).toBeUndefined();
			expect(read.ok && read.value.gmsaError).toBe(adServerDownId);

			const denied = await host.runInConfiguration(
				hop1,
				admin,
				plan.name,
				'Get-VM -ComputerName hyperv2',
			);
			expect(denied.ok ? '' : denied.error.message).toContain(
				'Cannot find the Doublehop.JEA session configuration in the WSMan: drive on the hyperv1.contoso.com computer.',
			);

			const registered = await host.registerSessionConfiguration(hop1, admin, plan, undefined);
			expect(registered.ok && registered.value.cut).toContain(
				'The operation is being attempted on a client session that is unusable.',
			);
			expect(readState(state).machines.hyperv1?.sessionConfigurations).toEqual([
				{
					name: 'Doublehop.JEA',
					kind: 'jea',
					runAsUser: 'CONTOSO\\jea-hv$',
					roleAccounts: ['CONTOSO\\admin'],
					visibleCmdlets: ['Get-VM'],
					psscPath: plan.psscPath,
				},
			]);
			// A new session after the cut: the configuration is listed.
			const again = await host.readSessionConfigurations(hop1, admin, undefined);
			expect(again.ok && again.value.configurations.map((entry) => entry.name)).toContain(
				'Doublehop.JEA',
			);

			const vms = await host.runInConfiguration(
				hop1,
				admin,
				plan.name,
				'Get-VM -ComputerName hyperv2',
			);
			expect(vms.ok ? vms.value.output : vms.error.message).toMatch(/sql01\s+Running/);

			const removed = await host.unregisterSessionConfiguration(
				hop1,
				admin,
				plan.name,
				plan.psscPath,
			);
			expect(removed.ok).toBe(true);
			expect(readState(state).machines).toEqual(before);
		} finally {
			await host.dispose();
		}
	}, 90_000);

	// Test-ADServiceAccount asks a domain controller (ADWS) as the logon it runs in. In the read's
	// session on hop 1 (Kerberos, nothing delegated) that is a second hop: ADServerDownException, as
	// the AD module fails on any (reference section 1). Not checked, and the lab says the same.
	test("in the remote session on hop 1 Test-ADServiceAccount reaches no domain controller: not checked, with the AD module's own error, as the lab gives it", async () => {
		const state = scenarioCopy('jea-runas');
		const host = await stubbedHost(state);
		const lab = createLabHost({scenario: builtIn('jea-runas')});
		try {
			const read = await host.readSessionConfigurations(hop1, admin, 'CONTOSO\\jea-hv$');
			expect(read.ok && read.value).toMatchObject({
				gmsaDetail:
					'Unable to contact the server. This may be because this server does not exist, it is currently down, or it does not have the Active Directory Web Services running.',
				gmsaError: adServerDownId,
			});
			expect(read.ok && 'gmsaUsable' in read.value).toBe(false);
			const labRead = await lab.readSessionConfigurations(hop1, admin, 'CONTOSO\\jea-hv$');
			expect(read.ok && {...read.value, psVersion: ''}).toEqual(
				labRead.ok && {...labRead.value, psVersion: ''},
			);
		} finally {
			await host.dispose();
		}
	}, 90_000);

	// On hop 1 itself (its console, RDP), its logon reaches the domain controller, and the cmdlet
	// answers: True, or False with a WARNING that says why (its help, example 2). A CredSSP session
	// holds a credential to pass on, so it answers there too.
	test("at hop 1's console it answers (True, or False with its warning); in a plain remote session it throws; in a CredSSP one it answers", () => {
		const driver = String.raw`param([string]$Module)
$ErrorActionPreference = 'Stop'
Import-Module $Module
$env:DOUBLEHOP_STUB_MACHINE = 'hyperv1'
$console = Test-ADServiceAccount -Identity 'jea-hv$'
$other = Test-ADServiceAccount -Identity 'other-gmsa$' -WarningVariable warned -WarningAction SilentlyContinue
$env:DOUBLEHOP_STUB_MACHINE = $null
$cred = [pscredential]::new('CONTOSO\admin', (ConvertTo-SecureString 'Passw0rd!' -AsPlainText -Force))
$remote = try { Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Test-ADServiceAccount -Identity 'jea-hv$' } } catch { $_.FullyQualifiedErrorId }
$credssp = Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -Authentication CredSSP -ScriptBlock { Test-ADServiceAccount -Identity 'jea-hv$' }
@{console = $console; other = $other; warned = [string]$warned[0]; remote = [string]$remote; credssp = [bool]$credssp} | ConvertTo-Json -Compress
`;
		const credSsp = (scenario: Scenario) => {
			scenario.machines['admin-ws']!.credssp.client = true;
			scenario.machines['admin-ws']!.allowFreshCredentials = ['WSMAN/*.contoso.com'];
			scenario.machines.hyperv1!.credssp.server = true;
		};
		const answers = JSON.parse(
			runWithStubs(driver, [], scenarioCopy('jea-runas', credSsp)),
		) as Record<string, unknown>;
		expect(answers).toMatchObject({console: true, other: false, credssp: true});
		expect(answers.warned).toMatch(
			/^Test failed for Managed Service Account other-gmsa\$\. If standalone/,
		);
		expect(answers.remote).toBe(adServerDownId);
	}, 90_000);

	// PowerShell's source (CustomShellCommands.cs): CreateGMSAAccountCredentials throws
	// InvalidOperationException(InvalidGMSAName) from ProcessRecord for a GroupManagedServiceAccount
	// not of the form DomainName\UserName, before anything is registered and before WinRM restarts.
	test('a registration that fails on its own (InvalidGMSAName) is that error, not a cut by a WinRM restart: as the lab', async () => {
		const state = scenarioCopy('jea-runas');
		const before = readState(state).machines;
		const host = await stubbedHost(state);
		const lab = createLabHost({scenario: builtIn('jea-runas')});
		const noDomain: SessionConfigurationPlan = {...plan, runAs: 'jea-hv$'};
		try {
			const registered = await host.registerSessionConfiguration(hop1, admin, noDomain, undefined);
			expect(registered.ok ? `cut: ${registered.value.cut}` : registered.error).toMatchObject({
				message:
					"Invalid Group Managed Service account name. Account name must be of the form 'DomainName\\UserName'.",
				fullyQualifiedErrorId:
					'System.InvalidOperationException,Microsoft.PowerShell.Commands.RegisterPSSessionConfigurationCommand',
				psComputerName: hop1,
			});
			const labRegistered = await lab.registerSessionConfiguration(
				hop1,
				admin,
				noDomain,
				undefined,
			);
			expect(registered.ok || registered.error).toEqual(labRegistered.ok || labRegistered.error);
			expect(readState(state).machines.hyperv1?.sessionConfigurations).toBeUndefined();
			expect(lab.snapshot().machines.hyperv1?.sessionConfigurations).toBeUndefined();
			// Not cut: the same session answers the next call.
			const again = await host.readSessionConfigurations(hop1, admin, undefined);
			expect(again.ok).toBe(true);
			// New-PSSessionConfigurationFile ran first: its .pssc is there, registered by nothing.
			expect(readState(state).machines.hyperv1?.files).toEqual([plan.psscPath]);
			expect(lab.snapshot().machines.hyperv1?.files).toEqual([plan.psscPath]);
			expect(before.hyperv1?.files).toBeUndefined();
		} finally {
			await host.dispose();
		}
	}, 90_000);

	// PowerShell's source (CustomShellCommands.cs, UnregisterPSSessionConfigurationCommand): the
	// plugin is removed through WSMan:\localhost\Plugin and WinRM is not restarted (only
	// Set-PSSessionConfiguration, which Register calls, restarts it); a name not registered is
	// Write-Error 'No session configuration matches criteria "<name>".'.
	test('unregistering restarts nothing: the session that asked is not cut, and a configuration already gone is no error', async () => {
		const state = scenarioCopy('jea-runas');
		const before = readState(state).machines;
		const host = await stubbedHost(state);
		try {
			expect(await host.registerSessionConfiguration(hop1, admin, plan, undefined)).toMatchObject({
				ok: true,
			});
			const removed = await host.unregisterSessionConfiguration(
				hop1,
				admin,
				plan.name,
				plan.psscPath,
			);
			expect(removed).toEqual({ok: true, value: {output: '', cut: ''}});
			expect(readState(state).machines).toEqual(before);
			// Undo run again (an earlier undo took it back): nothing to remove, nothing reported.
			const again = await host.unregisterSessionConfiguration(
				hop1,
				admin,
				plan.name,
				plan.psscPath,
			);
			expect(again).toEqual({ok: true, value: {output: '', cut: ''}});
			expect(readState(state).machines).toEqual(before);
		} finally {
			await host.dispose();
		}
	}, 90_000);

	test("RunAs: the account's password reaches Register-PSSessionConfiguration as a credential over the channel, and lands in no file", async () => {
		const state = scenarioCopy('jea-runas');
		const before = readState(state).machines;
		const host = await stubbedHost(state);
		const runAs: Credential = {user: 'CONTOSO\\svc-hvops', password: new Secret('RunAs-Passw0rd!')};
		const runAsPlan: SessionConfigurationPlan = {
			kind: 'runas',
			name: 'Doublehop.RunAs',
			runAs: runAs.user,
		};
		try {
			const registered = await host.registerSessionConfiguration(hop1, admin, runAsPlan, runAs);
			expect(registered.ok && registered.value.cut).toContain('client session that is unusable');
			// The scenario's own accounts hold the lab's passwords; the machines never do.
			expect(JSON.stringify(readState(state).machines)).not.toContain('RunAs-Passw0rd!');
			expect(readState(state).machines.hyperv1?.sessionConfigurations).toEqual([
				{name: 'Doublehop.RunAs', kind: 'runas', runAsUser: 'CONTOSO\\svc-hvops'},
			]);
			const vms = await host.runInConfiguration(
				hop1,
				admin,
				runAsPlan.name,
				'Get-VM -ComputerName hyperv2',
			);
			expect(vms.ok ? vms.value.output : vms.error.message).toMatch(/sql01\s+Running/);
			const removed = await host.unregisterSessionConfiguration(
				hop1,
				admin,
				runAsPlan.name,
				undefined,
			);
			expect(removed.ok).toBe(true);
			expect(readState(state).machines).toEqual(before);
		} finally {
			await host.dispose();
		}
	}, 90_000);
	// PowerShell's CustomShellCommands.cs (newPluginSbFormat): the plugin is created, then
	// `set-item ...\RunAsUser $runAsCredential`; when WinRM refuses it the plugin is removed again
	// and `write-error $_` writes the WSMan provider's record (ConfigProvider.cs AssertError:
	// WsManError, InvalidOperationException), returning before anything restarts WinRM. The text is
	// wsmerror.h's 0x803381C3.
	test('RunAs with a wrong password: WinRM cannot verify it (0x803381C3), nothing is left registered, nothing restarts: as the lab', async () => {
		const state = scenarioCopy('jea-runas');
		const before = readState(state).machines;
		const host = await stubbedHost(state);
		const lab = createLabHost({scenario: builtIn('jea-runas')});
		const wrong: Credential = {
			user: 'CONTOSO\\svc-hvops',
			password: new Secret('not-its-password'),
		};
		const runAsPlan: SessionConfigurationPlan = {
			kind: 'runas',
			name: 'Doublehop.RunAs',
			runAs: wrong.user,
		};
		try {
			const registered = await host.registerSessionConfiguration(hop1, admin, runAsPlan, wrong);
			expect(registered.ok ? `cut: ${registered.value.cut}` : registered.error).toMatchObject({
				message:
					'The WinRM runAs configuration operation cannot be completed because the user credentials could not be verified. Verify that the username and password used for configuration are valid and retry the operation.',
				fullyQualifiedErrorId: 'WsManError,Register-PSSessionConfiguration',
			});
			const labRegistered = await lab.registerSessionConfiguration(hop1, admin, runAsPlan, wrong);
			expect(registered.ok || {...registered.error, psComputerName: hop1}).toEqual(
				labRegistered.ok || labRegistered.error,
			);
			expect(readState(state).machines).toEqual(before);
			expect(lab.snapshot().machines).toEqual(builtIn('jea-runas').machines);
			// Not cut: the same session answers the next call.
			const again = await host.readSessionConfigurations(hop1, admin, undefined);
			expect(again.ok && again.value.configurations.map((entry) => entry.name)).not.toContain(
				'Doublehop.RunAs',
			);
		} finally {
			await host.dispose();
		}
	}, 90_000);

	// "Disallow WinRM from storing RunAs credentials" Enabled (DisableRunAs = 1, STIG V-73603): the
	// read on hop 1 says so, and a registration would fail with wsmerror.h's 0x803381E0.
	test('Disallow WinRM from storing RunAs credentials: the read reports the policy, and registering fails with 0x803381E0: as the lab', async () => {
		const forbid = (scenario: Scenario) => {
			scenario.machines.hyperv1!.policies.disableRunAs = true;
		};
		const state = scenarioCopy('jea-runas', forbid);
		const before = readState(state).machines;
		const host = await stubbedHost(state);
		const labScenario = structuredClone(builtIn('jea-runas'));
		forbid(labScenario);
		const lab = createLabHost({scenario: labScenario});
		const runAs: Credential = {user: 'CONTOSO\\svc-hvops', password: new Secret('RunAs-Passw0rd!')};
		const runAsPlan: SessionConfigurationPlan = {
			kind: 'runas',
			name: 'Doublehop.RunAs',
			runAs: runAs.user,
		};
		try {
			const read = await host.readSessionConfigurations(hop1, admin, undefined);
			expect(read.ok && read.value.runAsDisabled).toBe(true);
			const labRead = await lab.readSessionConfigurations(hop1, admin, undefined);
			expect(read.ok && {...read.value, psVersion: ''}).toEqual(
				labRead.ok && {...labRead.value, psVersion: ''},
			);
			const registered = await host.registerSessionConfiguration(hop1, admin, runAsPlan, runAs);
			expect(registered.ok ? `cut: ${registered.value.cut}` : registered.error.message).toBe(
				'The supplied plugin configuration XML is not valid. To enable WinRM to store RunAs credentials, change the "Disallow WinRM from storing RunAs credentials" Group Policy setting to Disabled.',
			);
			const labRegistered = await lab.registerSessionConfiguration(hop1, admin, runAsPlan, runAs);
			expect(labRegistered.ok || labRegistered.error.message).toBe(
				registered.ok || registered.error.message,
			);
			expect(readState(state).machines).toEqual(before);
			// Without the policy the same read says nothing of it.
			const plain = await lab.readSessionConfigurations(hop1, admin, undefined);
			expect(plain.ok && 'runAsDisabled' in plain.value).toBe(true);
			const unset = createLabHost({scenario: builtIn('jea-runas')});
			const unsetRead = await unset.readSessionConfigurations(hop1, admin, undefined);
			expect(unsetRead.ok && 'runAsDisabled' in unsetRead.value).toBe(false);
		} finally {
			await host.dispose();
		}
	}, 90_000);
	// While WinRM on hop 1 comes back from its restart, the read waits first; Ctrl+C ends the wait
	// at once, as it ends a call, and no read follows.
	test('a read after a pause: it waits, then reads; interrupted during the pause, it ends at once', async () => {
		const host = await stubbedHost(scenarioCopy('jea-runas'));
		try {
			const started = Date.now();
			const read = await host.readSessionConfigurations(hop1, admin, undefined, 1);
			expect(read.ok).toBe(true);
			expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
			const paused = host.readSessionConfigurations(hop1, admin, undefined, 60);
			const stopping = Date.now();
			await host.interrupt();
			const cut = await paused;
			expect(cut.ok || cut.error.fullyQualifiedErrorId).toBe('Interrupted,doublehop');
			expect(Date.now() - stopping).toBeLessThan(5000);
		} finally {
			await host.dispose();
		}
	}, 90_000);
});
