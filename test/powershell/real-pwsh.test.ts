// Tier (b): each operation's real script, through the real NodePowerShellHost and a real pwsh,
// against the stub module (fixtures/pwsh/DoublehopLabStubs.psm1) that plays the Windows-only
// cmdlets from a lab scenario. Exercises the real quoting, parameter passing, JSON, ErrorRecord
// conversion and time limits. Skipped, with the reason shown, when pwsh is not installed.
import {readFileSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {Credential} from '../../source/hosts/host.js';
import {certificateAsRead} from '../../source/hosts/lab/certificate-chain.js';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import type {PowerShellHost} from '../../source/hosts/powershell/powershell-host.js';
import {httpsFirewallRuleName} from '../../source/operations/create-https-listener.js';
import {Secret} from '../../source/safety/secret.js';
import {diagnose} from '../../source/knowledge/diagnose.js';
import {createPowerShellHost} from '../../source/hosts/powershell/powershell-host.js';
import {createLabHost} from '../../source/hosts/lab/lab-host.js';
import {loadScenario} from '../../source/hosts/lab/scenarios.js';
import {consoleHosts, noPwshReason, pwsh, scenarioCopy, stubbedHost, stubModule} from './pwsh.js';
import type {ConsoleHost} from './pwsh.js';

const hop1 = 'hyperv1.contoso.com';
const hop2 = 'hyperv2.contoso.com';
const admin: Credential = {user: 'CONTOSO\\admin', password: new Secret('Passw0rd!')};
const title = `real pwsh against the lab stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;

function loadScenarioOrThrow(name: string): Scenario {
	const found = loadScenario(name);
	if (!found.ok) throw new Error(found.message);
	return found.scenario;
}

const readState = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Scenario;
const firewallRule = httpsFirewallRuleName('realpwsh');
/** classic's certificate on hyperv1: the one doublehop chooses there. */
const certificate = {thumbprint: '3E5C9A7B1D2F4E6A8B0C1D2E3F4A5B6C7D8E9F01', hostname: hop1};

describe.skipIf(pwsh === undefined).each(consoleHosts)(
	`${title}: $name`,
	(consoleHost: ConsoleHost) => {
		const open: typeof stubbedHost = (state, options = {}, environment = {}) =>
			stubbedHost(state, {powershell: consoleHost.powershell, ...options}, environment);
		describe('every operation, classic scenario', () => {
			let host: PowerShellHost;
			let state: string;
			beforeAll(async () => {
				state = scenarioCopy('classic');
				host = await open(state);
			}, 30_000);
			afterAll(() => host.dispose());

			test('local-context', async () => {
				const result = await host.localContext();
				expect(result).toMatchObject({
					ok: true,
					value: {
						computerName: 'ADMIN-WS',
						domain: 'contoso.com',
						psEdition: 'Core',
						elevated: true,
						user: 'CONTOSO\\admin',
					},
				});
				expect(host.description).toMatch(/^PowerShell 7\./);
			});

			test('test-first-hop', async () => {
				expect(await host.testFirstHop(hop1, admin)).toEqual({
					ok: true,
					value: {computerName: 'HYPERV1', fqdn: hop1, authentication: 'Kerberos'},
				});
			});

			test('run-on-first-hop reproduces the second hop failure as a remote ErrorRecord', async () => {
				expect(
					await host.runOnFirstHop(hop1, admin, `Get-VM -ComputerName ${hop2}`, 'Default'),
				).toEqual({
					ok: false,
					error: {
						message:
							'You do not have permission to perform the operation. Contact your administrator if you believe you should have permission to perform this operation.',
						fullyQualifiedErrorId: 'AccessDenied,Microsoft.HyperV.PowerShell.Commands.GetVMCommand',
						categoryInfo: 'PermissionDenied: (:) [Get-VM], VirtualizationOperationFailedException',
						exceptionType: 'Microsoft.HyperV.PowerShell.VirtualizationOperationFailedException',
						hresult: -2147024891,
						psComputerName: hop1,
					},
				});
			});

			test('run-on-first-hop passes the command as a value: quotes, $() and non-ASCII come back as typed', async () => {
				const text = `it's "quoted" $(not run) é ✓`;
				const command = `Write-Output '${text.replace(/'/g, "''")}'`;
				expect(await host.runOnFirstHop(hop1, admin, command, 'Default')).toEqual({
					ok: true,
					value: {output: text},
				});
			});

			test('read-client-credssp', async () => {
				expect(await host.readClientCredSsp()).toEqual({
					ok: true,
					value: {
						enabled: false,
						allowFreshCredentials: [],
						allowFreshCredentialsNtlmOnly: [],
						getWSManCredSspText: [
							'The machine is not configured to allow delegating fresh credentials.',
							'This computer is not configured to receive credentials from a remote client computer.',
						],
						localGpoAllowFreshCredentials: [],
						// Each list's two switches, none set: both policies "Not configured".
						allowFreshSwitches: {allowFresh: null, concatenateDefaults: null},
						localGpoAllowFreshSwitches: {allowFresh: null, concatenateDefaults: null},
						allowFreshNtlmOnlySwitches: {allowFresh: null, concatenateDefaults: null},
						// No policy key yet: an undo removes the ones its change makes.
						delegationKeys: {parent: false, allowFresh: false, ntlmOnly: false},
						oraclePatched: true,
					},
				});
			});

			test('read-server-credssp', async () => {
				expect(await host.readServerCredSsp(hop1, admin)).toEqual({
					ok: true,
					value: {enabled: false, oraclePatched: true},
				});
			});

			test('list-listeners', async () => {
				expect(await host.listListeners(hop1, admin)).toEqual({
					ok: true,
					value: [
						{
							transport: 'HTTP',
							address: '*',
							port: 5985,
							hostname: '',
							certificateThumbprint: '',
							enabled: true,
							source: 'Local',
						},
					],
				});
			});

			test('list-certificates, each with its chain checked (Test-Certificate)', async () => {
				const result = await host.listCertificates(hop1, admin);
				const certificates = readState(state).machines.hyperv1!.certificates;
				expect(result).toEqual({ok: true, value: certificates.map(certificateAsRead)});
			});

			test('enable-client-credssp appends to the delegation list', async () => {
				const result = await host.enableClientCredSsp([hop1]);
				expect(result.ok && result.value.output).toContain('CredSSP     : true');
				expect(readState(state).machines['admin-ws']!.allowFreshCredentials).toEqual([
					`wsman/${hop1}`,
				]);
			});

			test('enable-server-credssp', async () => {
				const result = await host.enableServerCredSsp(hop1, admin);
				expect(result.ok && result.value.output).toContain(`PSComputerName    : ${hop1}`);
				expect(readState(state).machines.hyperv1!.credssp.server).toBe(true);
			});

			test('run-on-first-hop with -Authentication CredSSP verifies the fix', async () => {
				const result = await host.runOnFirstHop(
					hop1,
					admin,
					`Get-VM -ComputerName ${hop2}`,
					'CredSSP',
				);
				expect(result.ok).toBe(true);
				if (result.ok)
					expect(result.value.output.split('\n')[2]).toMatch(/^sql01\s+Running\s+2\s+8192/);
			});

			test('create-https-listener adds the listener, with the certificate given, and the 5986 rule', async () => {
				const result = await host.createHttpsListener(hop1, admin, firewallRule, certificate);
				expect(result).toMatchObject({
					ok: true,
					value: {
						listener: {
							transport: 'HTTPS',
							address: '*',
							port: 5986,
							hostname: hop1,
							certificateThumbprint: certificate.thumbprint,
						},
						firewallRule,
					},
				});
			});

			test('set-client-credssp (undo)', async () => {
				expect(await host.setClientCredSsp(false)).toEqual({ok: true, value: {output: ''}});
				expect(readState(state).machines['admin-ws']!.credssp.client).toBe(false);
			});

			test('set-delegation-list (undo) writes exactly the list, in order, non-wsman entries kept', async () => {
				const list = ['TERMSRV/*', 'wsman/sql01.contoso.com', 'wsman/*.fabrikam.com'];
				expect(await host.setDelegationList(list)).toEqual({ok: true, value: {output: ''}});
				expect(readState(state).machines['admin-ws']!.allowFreshCredentials).toEqual(list);
				const read = await host.readClientCredSsp();
				expect(read.ok && read.value.allowFreshCredentials).toEqual(list);
				expect(await host.setDelegationList([])).toEqual({ok: true, value: {output: ''}});
				expect(readState(state).machines['admin-ws']!.allowFreshCredentials).toEqual([]);
			});

			test('disable-server-credssp (undo)', async () => {
				expect(await host.disableServerCredSsp(hop1, admin)).toEqual({
					ok: true,
					value: {output: ''},
				});
				expect(readState(state).machines.hyperv1!.credssp.server).toBe(false);
			});

			test('remove-https-listener (undo) removes the listener and the rule it created', async () => {
				expect(await host.removeHttpsListener(hop1, admin, firewallRule)).toEqual({
					ok: true,
					value: {output: ''},
				});
				const machine = readState(state).machines.hyperv1!;
				expect(machine.listeners.map((l) => l.transport)).toEqual(['HTTP']);
				expect(machine.firewallRules.map((r) => r.name)).not.toContain(firewallRule);
			});

			test('all of it in one PowerShell process, over one session to hop 1 plus one for CredSSP', () => {
				expect(host.processesStarted).toBe(1);
				// What hop 1 saw: New-PSSession twice, once per authentication.
				const opened = readFileSync(`${state}.sessions`, 'utf8').trim().split('\n');
				expect(opened).toEqual([`${hop1} Default`, `${hop1} CredSSP`]);
				expect(host.sessionsOpened).toBe(2);
			});
		});

		describe('a first hop that listens only over HTTPS (issue 12 case 4)', () => {
			test('5985 refuses and 5986 answers: told apart by the TCP looks; then every session is New-PSSession -UseSSL', async () => {
				const state = scenarioCopy('https-only');
				const host = await open(state);
				try {
					const first = await host.testFirstHop(hop1, admin);
					expect(first.ok || first.error.fullyQualifiedErrorId).toBe('WinRMHttpsOnly,doublehop');
					expect(first.ok || first.error.message).toMatch(
						/^TCP port 5985 \(WinRM over HTTP\) of hyperv1\.contoso\.com refused the connection, but port 5986 \(WinRM over HTTPS\) answered/,
					);
					host.connectOverHttps(hop1);
					expect(await host.testFirstHop(hop1, admin)).toEqual({
						ok: true,
						value: {computerName: 'HYPERV1', fqdn: hop1, authentication: 'Kerberos'},
					});
					expect((await host.enableClientCredSsp([hop1])).ok).toBe(true);
					expect((await host.enableServerCredSsp(hop1, admin)).ok).toBe(true);
					const verified = await host.runOnFirstHop(
						hop1,
						admin,
						`Get-VM -ComputerName ${hop2}`,
						'CredSSP',
					);
					expect(verified).toMatchObject({ok: true});
					// What hop 1 saw: no session over HTTP, and both sessions with -UseSSL.
					const opened = readFileSync(`${state}.sessions`, 'utf8').trim().split('\n');
					expect(opened).toEqual([`${hop1} Default UseSSL`, `${hop1} CredSSP UseSSL`]);
					expect(readState(state).machines.hyperv1!.credssp.server).toBe(true);
				} finally {
					await host.dispose();
				}
			});

			test('5985 dropped, 5986 open: both looked at together, so HTTPS-only is told within one 3 s look', async () => {
				const state = scenarioCopy('https-only', (scenario) => {
					scenario.machines.hyperv1!.filteredPorts = [5985];
				});
				const host = await open(state, {connectTimeoutSeconds: 60});
				try {
					const started = Date.now();
					const result = await host.testFirstHop(hop1, admin);
					const elapsed = Date.now() - started;
					expect(result.ok || result.error.message).toMatch(
						/^TCP port 5985 \(WinRM over HTTP\) of hyperv1\.contoso\.com did not answer within 3 s, but port 5986/,
					);
					expect(elapsed).toBeGreaterThanOrEqual(2_900);
					expect(elapsed).toBeLessThan(6_000);
				} finally {
					await host.dispose();
				}
			});

			test('-UseSSL to a first hop with only HTTP: 5986 refuses, 5985 answers, told before WinRM is tried', async () => {
				const state = scenarioCopy('classic');
				const host = await open(state);
				try {
					host.connectOverHttps(hop1);
					const result = await host.testFirstHop(hop1, admin);
					expect(result.ok || result.error.fullyQualifiedErrorId).toBe('WinRMHttpOnly,doublehop');
					expect(readFileSync(`${state}.sessions`, {encoding: 'utf8', flag: 'a+'})).toBe('');
				} finally {
					await host.dispose();
				}
			});

			test('an untrusted certificate: New-PSSession -UseSSL fails with 12175 exactly as the lab words it', async () => {
				const state = scenarioCopy('https-untrusted');
				const host = await open(state);
				const lab = createLabHost({scenario: loadScenarioOrThrow('https-untrusted')});
				try {
					host.connectOverHttps(hop1);
					lab.connectOverHttps(hop1);
					const real = await host.testFirstHop(hop1, admin);
					expect(real).toEqual(await lab.testFirstHop(hop1, admin));
					expect(real.ok || real.error).toMatchObject({
						message: `[${hop1}] Connecting to remote server ${hop1} failed with the following error message : The server certificate on the destination computer (${hop1}:5986) has the following errors:\nThe SSL certificate is signed by an unknown certificate authority. For more information, see the about_Remote_Troubleshooting Help topic.`,
						fullyQualifiedErrorId: '12175,PSSessionOpenFailed',
						hresult: -2147012721,
					});
					expect(readFileSync(`${state}.sessions`, {encoding: 'utf8', flag: 'a+'})).toBe('');
				} finally {
					await host.dispose();
				}
			});
		});

		describe('failures', () => {
			test('access denied: a wrong password is LogonFailure from New-PSSession', async () => {
				const host = await open(scenarioCopy('classic'));
				try {
					const wrong = {user: admin.user, password: new Secret('not-the-password')};
					expect(await host.testFirstHop(hop1, wrong)).toEqual({
						ok: false,
						error: {
							message: `[${hop1}] Connecting to remote server ${hop1} failed with the following error message : The user name or password is incorrect. For more information, see the about_Remote_Troubleshooting Help topic.`,
							fullyQualifiedErrorId: 'LogonFailure,PSSessionOpenFailed',
							categoryInfo:
								'OpenError: (System.Manageme....RemoteRunspace:RemoteRunspace) [New-PSSession], PSRemotingTransportException',
							exceptionType: 'System.Management.Automation.Remoting.PSRemotingTransportException',
							hresult: -2147023570,
							targetObject: 'System.Management.Automation.RemoteRunspace',
						},
					});
					// The right password afterwards: the new credential replaces the old one.
					expect((await host.testFirstHop(hop1, admin)).ok).toBe(true);
				} finally {
					await host.dispose();
				}
			});

			test('a name that does not resolve: Kerberos cannot find the first hop, Get-VM cannot resolve the second, as the lab words them', async () => {
				const host = await open(scenarioCopy('classic'));
				const lab = createLabHost({scenario: structuredClone(loadScenarioOrThrow('classic'))});
				try {
					const typo = 'hypervl.contoso.com';
					const first = await host.testFirstHop(typo, admin);
					expect(first).toEqual(await lab.testFirstHop(typo, admin));
					expect(first).toMatchObject({
						ok: false,
						error: {
							message: `[${typo}] Connecting to remote server ${typo} failed with the following error message : WinRM cannot process the request. The following error occurred while using Kerberos authentication: Cannot find the computer ${typo}. Verify that the computer exists on the network and that the name provided is spelled correctly. For more information, see the about_Remote_Troubleshooting Help topic.`,
							fullyQualifiedErrorId: 'NetworkPathNotFound,PSSessionOpenFailed',
						},
					});
					const command = 'Get-VM -ComputerName hyperv2.contoso.cm';
					const second = await host.runOnFirstHop(hop1, admin, command, 'Default');
					expect(second).toEqual(await lab.runOnFirstHop(hop1, admin, command, 'Default'));
					expect(second).toMatchObject({
						ok: false,
						error: {
							message:
								"The computer 'hyperv2.contoso.cm' could not be resolved. Make sure you typed the machine name correctly and that you have network access.",
						},
					});
				} finally {
					await host.dispose();
					await lab.dispose();
				}
			});

			test('Test-Path on a share of the second hop: False without a delegated credential, True with CredSSP, as the lab plays it', async () => {
				const state = scenarioCopy('test-path-false');
				const host = await open(state);
				const lab = createLabHost({
					scenario: structuredClone(loadScenarioOrThrow('test-path-false')),
				});
				try {
					const command = 'Test-Path \\\\fs01\\share';
					const quiet = await host.runOnFirstHop(hop1, admin, command, 'Default');
					expect(quiet).toEqual({ok: true, value: {output: 'False'}});
					expect(quiet).toEqual(await lab.runOnFirstHop(hop1, admin, command, 'Default'));
					for (const each of [host, lab]) {
						expect((await each.enableClientCredSsp([hop1])).ok).toBe(true);
						expect((await each.enableServerCredSsp(hop1, admin)).ok).toBe(true);
					}
					const reached = await host.runOnFirstHop(hop1, admin, command, 'CredSSP');
					expect(reached).toEqual({ok: true, value: {output: 'True'}});
					expect(reached).toEqual(await lab.runOnFirstHop(hop1, admin, command, 'CredSSP'));
				} finally {
					await host.dispose();
					await lab.dispose();
				}
			});

			test('unreachable: nothing answers on 5985, told by the TCP look in 3 s, long before the open time-out', async () => {
				const host = await open(scenarioCopy('unreachable'), {connectTimeoutSeconds: 60});
				try {
					const started = Date.now();
					const result = await host.testFirstHop(hop1, admin);
					const elapsed = Date.now() - started;
					expect(result.ok || result.error.fullyQualifiedErrorId).toBe(
						'WinRMPortNotAnswering,doublehop',
					);
					expect(result.ok || result.error.message).toMatch(
						/^Nothing answered on TCP port 5985 of hyperv1\.contoso\.com within 3 s/,
					);
					expect(elapsed).toBeGreaterThanOrEqual(2_900);
					expect(elapsed).toBeLessThan(6_000);
				} finally {
					await host.dispose();
				}
			});

			test('slow: a host that answers but takes 4 s to open a session is waited for', async () => {
				const state = scenarioCopy('classic', (scenario) => {
					scenario.machines.hyperv1!.openDelaySeconds = 4;
				});
				const host = await open(state, {connectTimeoutSeconds: 60, timeoutSeconds: 2});
				try {
					const started = Date.now();
					expect(await host.testFirstHop(hop1, admin)).toMatchObject({ok: true});
					expect(Date.now() - started).toBeGreaterThanOrEqual(3_900);
				} finally {
					await host.dispose();
				}
			});

			test('slower than the open time-out: WinRM gives up (E11) as New-PSSession words it', async () => {
				const state = scenarioCopy('classic', (scenario) => {
					scenario.machines.hyperv1!.openDelaySeconds = 30;
				});
				const host = await open(state, {connectTimeoutSeconds: 2});
				try {
					const started = Date.now();
					const result = await host.testFirstHop(hop1, admin);
					expect(result.ok || result.error.fullyQualifiedErrorId).toBe(
						'WinRMOperationTimeout,PSSessionOpenFailed',
					);
					expect(result.ok || result.error.hresult).toBe(-2144108250);
					expect(Date.now() - started).toBeLessThan(6_000);
				} finally {
					await host.dispose();
				}
			});

			test('timeout: a host that never answers is reported within the call limit, and the process is reused', async () => {
				const host = await open(
					scenarioCopy('classic'),
					{timeoutSeconds: 2},
					{DOUBLEHOP_STUB_HANG_SECONDS: '60'},
				);
				try {
					const started = Date.now();
					const result = await host.readServerCredSsp(hop1, admin);
					const elapsed = Date.now() - started;
					expect(result).toEqual({
						ok: false,
						error: {
							message: `No answer from ${hop1} in 3 s. The command may still be running and may still complete; check its result before you run it again.`,
							fullyQualifiedErrorId: 'OperationTimeout,doublehop',
							categoryInfo: `OperationTimeout: (${hop1}:String) [], TimeoutException`,
							exceptionType: 'System.TimeoutException',
							targetObject: hop1,
						},
					});
					expect(elapsed).toBeLessThan(4_500);
					expect((await host.localContext()).ok).toBe(true);
					expect(host.processesStarted).toBe(1);
				} finally {
					await host.dispose();
				}
			});

			test('policy-controlled setting: Enable-WSManCredSSP under a WinRM Client GPO (E6)', async () => {
				const host = await open(scenarioCopy('gpo-client'));
				try {
					expect(await host.enableClientCredSsp([hop1])).toEqual({
						ok: false,
						error: {
							message:
								'The config setting CredSSP cannot be changed because is controlled by policies. The policy would need to be set to "Not Configured" in order to change the config setting.',
							fullyQualifiedErrorId:
								'WsManError,Microsoft.WSMan.Management.EnableWSManCredSSPCommand',
							categoryInfo:
								'InvalidOperation: (System.String:String) [Enable-WSManCredSSP], InvalidOperationException',
							exceptionType: 'System.InvalidOperationException',
						},
					});
					const client = await host.readClientCredSsp();
					expect(client.ok && client.value.policyAllowCredSsp?.value).toBe(false);
				} finally {
					await host.dispose();
				}
			});

			test('not elevated: the CredSSP cmdlets refuse (E8)', async () => {
				const state = scenarioCopy('classic', (scenario) => {
					scenario.machines['admin-ws']!.shell!.elevated = false;
				});
				const host = await open(state);
				try {
					const context = await host.localContext();
					expect(context.ok && context.value.elevated).toBe(false);
					expect(await host.readClientCredSsp()).toEqual({
						ok: false,
						error: {
							message: 'Access is denied. You need to run this cmdlet from an elevated process.',
							fullyQualifiedErrorId:
								'System.InvalidOperationException,Microsoft.WSMan.Management.GetWSManCredSSPCommand',
							categoryInfo: 'NotSpecified: (:) [Get-WSManCredSSP], InvalidOperationException',
							exceptionType: 'System.InvalidOperationException',
						},
					});
					// classic's workstation has no CredentialsDelegation key (a machine never configured
					// has none), so the first write refused is New-Item's, which makes it.
					const list = await host.setDelegationList(['wsman/hyperv1.contoso.com']);
					expect(list.ok || list.error.fullyQualifiedErrorId).toBe(
						'System.Security.SecurityException,Microsoft.PowerShell.Commands.NewItemCommand',
					);
				} finally {
					await host.dispose();
				}
			});

			test('CredSSP prerequisites fail in the order Windows checks them (E1, E2, E4)', async () => {
				const state = scenarioCopy('classic');
				const host = await open(state);
				try {
					const verify = () =>
						host.runOnFirstHop(hop1, admin, `Get-VM -ComputerName ${hop2}`, 'CredSSP');
					const id = async () => {
						const result = await verify();
						return result.ok ? 'ok' : result.error.fullyQualifiedErrorId;
					};
					expect(await id()).toBe('-2144108126,PSSessionOpenFailed');
					expect(await host.setClientCredSsp(true)).toMatchObject({ok: true});
					expect(await id()).toBe('-2144108125,PSSessionOpenFailed');
					expect(await host.setDelegationList(['wsman/*.contoso.com'])).toMatchObject({ok: true});
					expect(await id()).toBe('AccessDenied,PSSessionOpenFailed');
					expect(await host.enableServerCredSsp(hop1, admin)).toMatchObject({ok: true});
					expect(await id()).toBe('ok');
				} finally {
					await host.dispose();
				}
			});

			test('the stubs model quickconfig as Windows runs it: it also sets LocalAccountTokenFilterPolicy=1', async () => {
				// What makes the next test able to catch a return to quickconfig.
				const state = scenarioCopy('classic');
				const host = await open(state);
				try {
					const ran = await host.runOnFirstHop(
						hop1,
						admin,
						'winrm quickconfig -transport:https -quiet',
						'Default',
					);
					expect(ran.ok).toBe(true);
					expect(readState(state).machines.hyperv1!.localAccountTokenFilterPolicy).toBe(1);
				} finally {
					await host.dispose();
				}
			});

			test('create-https-listener changes nothing on hop 1 but the listener (New-Item, the thumbprint given) and the rule: LocalAccountTokenFilterPolicy stays unset', async () => {
				const state = scenarioCopy('classic');
				const before = readState(state).machines.hyperv1!;
				const host = await open(state);
				try {
					const result = await host.createHttpsListener(hop1, admin, firewallRule, certificate);
					expect(result.ok).toBe(true);
					const after = readState(state).machines.hyperv1!;
					expect(after.localAccountTokenFilterPolicy).toBeUndefined();
					expect(after.listeners).toEqual([
						...before.listeners,
						{
							transport: 'HTTPS',
							address: '*',
							port: 5986,
							hostname: hop1,
							certificateThumbprint: certificate.thumbprint,
							enabled: true,
							source: 'Local',
						},
					]);
					expect(after.firewallRules.map((rule) => rule.name)).toEqual([
						...before.firewallRules.map((rule) => rule.name),
						firewallRule,
					]);
					expect({...after, listeners: [], firewallRules: []}).toEqual({
						...before,
						listeners: [],
						firewallRules: [],
					});
					// New-Item's container item, as the admin's console prints it.
					expect(result.ok && result.value.output).toMatch(
						/WSManConfig: Microsoft\.WSMan\.Management\\WSMan::localhost\\Listener[\s\S]*Container\s+\{Transport=HTTPS, Address=\*\}/,
					);
				} finally {
					await host.dispose();
				}
			});

			test.each([
				[
					'a thumbprint hop 1 does not have',
					{thumbprint: '0123456789ABCDEF0123456789ABCDEF01234567', hostname: hop1},
					'The WS-Management service cannot find the certificate that was requested.',
				],
				[
					'a name the certificate does not carry',
					{...certificate, hostname: 'hyperv1.fabrikam.com'},
					'The WinRM client cannot process the request. The certificate CN and the hostname that were provided do not match.',
				],
			])(
				'WinRM refuses %s: the New-Item error comes back, nothing is created',
				async (_what, given, text) => {
					const state = scenarioCopy('classic');
					const host = await open(state);
					try {
						const result = await host.createHttpsListener(hop1, admin, firewallRule, given);
						expect(result).toMatchObject({
							ok: false,
							error: {
								message: text,
								fullyQualifiedErrorId: 'WsManError,Microsoft.PowerShell.Commands.NewItemCommand',
								psComputerName: hop1,
							},
						});
						const machine = readState(state).machines.hyperv1!;
						expect(machine.listeners.map((l) => l.transport)).toEqual(['HTTP']);
						expect(machine.firewallRules.map((r) => r.name)).not.toContain(firewallRule);
					} finally {
						await host.dispose();
					}
				},
			);

			test('a certificate without Server Authentication: WinRM refuses it (0x803380EE), and doublehop reads the error as the certificate', async () => {
				const state = scenarioCopy('classic', (scenario) => {
					scenario.machines.hyperv1!.certificates[0]!.serverAuthentication = false;
				});
				const host = await open(state);
				try {
					const result = await host.createHttpsListener(hop1, admin, firewallRule, certificate);
					expect(result.ok).toBe(false);
					expect(result.ok || result.error.message).toMatch(
						/The Enhanced Key Usage \(EKU\) field of the certificate is not set to "Server Authentication"/,
					);
					const diagnosis = result.ok ? undefined : diagnose(result.error);
					expect(diagnosis?.status === 'recognised' && diagnosis.best.id).toBe(
						'https-no-certificate',
					);
				} finally {
					await host.dispose();
				}
			});

			test('a domain GPO owns the delegation list: the entry never shows up (E7)', async () => {
				// The stub polls as Windows does (60 s); this test is about the error, not the wait.
				const host = await open(
					scenarioCopy('domain-delegation-gpo'),
					{},
					{DOUBLEHOP_STUB_POLICY_POLL_SECONDS: '0'},
				);
				try {
					const result = await host.enableClientCredSsp([hop1]);
					expect(result.ok || result.error.message).toBe(
						'This command cannot be executed because the setting cannot be enabled.',
					);
					const client = await host.readClientCredSsp();
					expect(client.ok && client.value.policyDelegation?.value).toEqual([
						'wsman/sql01.contoso.com',
					]);
				} finally {
					await host.dispose();
				}
			});

			test('unpatched hop 1 is read as unpatched (CVE-2018-0886), and CredSSP is refused (E10)', async () => {
				const host = await open(scenarioCopy('oracle-mismatch'));
				try {
					const server = await host.readServerCredSsp(hop1, admin);
					expect(server.ok && server.value.oraclePatched).toBe(false);
					const result = await host.runOnFirstHop(hop1, admin, 'Get-VM', 'CredSSP');
					expect(result.ok || result.error.fullyQualifiedErrorId).toBe('50,PSSessionOpenFailed');
				} finally {
					await host.dispose();
				}
			});

			test('each operation runs in a scope of its own: a typed parameter does not outlive its script', async () => {
				// set-client-credssp declares [bool]$Enabled; read-client-credssp assigns a string to $enabled.
				const host = await open(scenarioCopy('classic'));
				try {
					expect(await host.setClientCredSsp(false)).toMatchObject({ok: true});
					expect(await host.readClientCredSsp()).toMatchObject({ok: true, value: {enabled: false}});
				} finally {
					await host.dispose();
				}
			});

			test('$NODE_POWERSHELL does not replace the PowerShell doublehop chose', async () => {
				const saved = process.env.NODE_POWERSHELL;
				process.env.NODE_POWERSHELL = '/bin/false';
				try {
					const host = await open(scenarioCopy('classic'));
					try {
						expect((await host.localContext()).ok).toBe(true);
					} finally {
						await host.dispose();
					}
				} finally {
					if (saved === undefined) delete process.env.NODE_POWERSHELL;
					else process.env.NODE_POWERSHELL = saved;
				}
			});

			test('names are checked before anything runs', async () => {
				const host = await open(scenarioCopy('classic'));
				try {
					for (const bad of [
						'hyperv1; Remove-Item C:\\ -Recurse',
						"hyperv1' + (whoami) + '",
						'hуperv1',
						'$(whoami)',
					]) {
						const result = await host.testFirstHop(bad, admin);
						expect(result.ok || result.error.fullyQualifiedErrorId).toBe(
							'InvalidArgument,doublehop.ComputerName',
						);
					}
					const badUser = await host.testFirstHop(hop1, {
						user: 'CONTOSO\\admin`n',
						password: admin.password,
					});
					expect(badUser.ok || badUser.error.fullyQualifiedErrorId).toBe(
						'InvalidArgument,doublehop.Credential',
					);
					const badEntry = await host.setDelegationList(['wsman/hyperv1; calc']);
					expect(badEntry.ok || badEntry.error.fullyQualifiedErrorId).toBe(
						'InvalidArgument,doublehop.AllowFreshCredentials',
					);
				} finally {
					await host.dispose();
				}
			});
		});
	},
);

describe.skipIf(pwsh === undefined)(
	`Constrained Language on the Windows PowerShell console host${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`,
	() => {
		test('is read first and explained, within seconds, and nothing runs', async () => {
			const standIn = consoleHosts.find(
				(consoleHost) => consoleHost.powershell.kind === 'powershell',
			)!;
			const names = ['DOUBLEHOP_LAB_STATE', 'DOUBLEHOP_STANDIN_LANGUAGE'] as const;
			const saved = names.map((name) => [name, process.env[name]] as const);
			Object.assign(process.env, {
				DOUBLEHOP_LAB_STATE: scenarioCopy('classic'),
				DOUBLEHOP_STANDIN_LANGUAGE: 'ConstrainedLanguage',
			});
			const host = createPowerShellHost({
				powershell: standIn.powershell,
				testOnlyModule: stubModule,
			});
			try {
				const started = Date.now();
				const result = await host.localContext();
				expect(result.ok || result.error.fullyQualifiedErrorId).toBe(
					'ConstrainedLanguage,doublehop',
				);
				expect(result.ok || result.error.message).toMatch(
					/^PowerShell on this computer runs in ConstrainedLanguage mode \(an AppLocker or Windows Defender Application Control policy\)/,
				);
				expect(Date.now() - started).toBeLessThan(10_000);
			} finally {
				await host.dispose();
				for (const [name, value] of saved) {
					if (value === undefined) delete process.env[name];
					else process.env[name] = value;
				}
			}
		});
	},
);
