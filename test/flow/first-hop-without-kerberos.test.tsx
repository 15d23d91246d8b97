// A first hop that Kerberos cannot carry: typed as an IP address, or a workgroup host. The name
// is offered first; a TrustedHosts entry and the NTLM-only delegation entry only as confirmed,
// merged, journalled steps with their risk; "Allow delegating fresh credentials" (which does not
// apply to NTLM) is never written; undo puts every list back as it was.
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {
	acceptEveryChange,
	enterTargets,
	fold,
	scenario,
	type Session,
	startCliSession,
	startSession,
} from '../helpers/session.js';
import type {Scenario} from '../../source/hosts/lab/scenario.js';

let session: Session | undefined;
afterEach(() => session?.unmount());

const freshStateDir = () => mkdtempSync(join(tmpdir(), 'doublehop-ntlm-'));

async function undoEverything(name: string, stateDir: string): Promise<Session> {
	const next = await startCliSession(name, stateDir, {mode: 'undo'});
	session = next;
	for (;;) {
		await next.waitFor(/(User name|Password for|Undo this change on .*\? \[y\/N\])[^\n]*$|Result:/);
		const last = next.screen().trimEnd().split('\n').at(-1) ?? '';
		if (next.screen().includes('Result:')) break;
		if (last.includes('User name')) await next.answer('User name', '');
		else if (last.includes('Password for')) await next.answer('Password for', 'Passw0rd!');
		else await next.answer('Undo this change', 'y');
	}
	await next.finished();
	return next;
}

describe('a first hop typed as an IP address', () => {
	test('DNS names the address: the name is offered, and with it Kerberos needs neither TrustedHosts nor the NTLM-only list', async () => {
		session = startSession('ip-first-hop');
		await enterTargets(session);
		await session.waitFor('Use hyperv1.contoso.com as the first hop instead of 10.0.0.21? [y/N]');
		const offer = session.flat();
		expect(offer).toContain(
			'10.0.0.21 resolves to hyperv1.contoso.com (Resolve-DnsName -Name 10.0.0.21 -Type PTR -DnsOnly).',
		);
		expect(offer).toContain('Nothing is changed on any machine.');
		await session.answer('Use hyperv1.contoso.com as the first hop', 'y');
		await session.answer('Which method?', 'c');
		await session.waitFor('Continue with CredSSP to hyperv1.contoso.com only? [y/N]');
		expect(session.flat()).toContain('First hop: hyperv1.contoso.com (the DNS name of 10.0.0.21)');
		expect(session.flat()).toContain('remote session opened (Kerberos)');
		await acceptEveryChange(session, 'n');
		await session.finished();
		expect(session.screen()).toContain('Result: FIXED.');

		const before = scenario('ip-first-hop').machines['admin-ws'];
		const client = session.host.snapshot().machines['admin-ws'];
		expect(client?.allowFreshCredentials).toEqual(['wsman/hyperv1.contoso.com']);
		expect(client?.trustedHosts).toEqual(before?.trustedHosts);
		expect(client?.allowFreshCredentialsNtlmOnly).toEqual(before?.allowFreshCredentialsNtlmOnly);
	});

	test('keeping the address: TrustedHosts and then the NTLM-only entry, each asked for with its risk and merged; never AllowFreshCredentials; undo restores the start', async () => {
		const stateDir = freshStateDir();
		session = await startCliSession('ip-first-hop', stateDir);
		await enterTargets(session);
		await session.answer('Use hyperv1.contoso.com as the first hop', 'n');

		await session.waitFor('Add 10.0.0.21 to TrustedHosts on ADMIN-WS (this machine)? [y/N]');
		const trusted = session.flat();
		expect(trusted).toContain('Keeping 10.0.0.21: the session will use NTLM');
		expect(trusted).toContain(
			fold('Default authentication may be used with an IP address under the following conditions'),
		);
		expect(trusted).toContain('TrustedHosts: 192.168.7.5, buildbox');
		expect(trusted).toContain(
			"PS> Set-Item WSMan:\\localhost\\Client\\TrustedHosts -Value '10.0.0.21' -Concatenate -Force",
		);
		expect(trusted).toContain('TrustedHosts after: 192.168.7.5, buildbox, 10.0.0.21');
		expect(trusted).toContain('Existing entries are kept, in order: 192.168.7.5, buildbox');
		expect(trusted).toContain('computers in the TrustedHosts list might not be authenticated');
		expect(trusted).toContain('Use the name hyperv1.contoso.com');
		expect(trusted).toContain('-UseSSL');
		// Undo takes out this entry alone, keeping what is added since: not "the list goes back to".
		expect(trusted).toContain(
			'takes out this entry only: the others stay, those added since too (now: 192.168.7.5, buildbox).',
		);
		expect(session.host.snapshot().machines['admin-ws']?.trustedHosts).toEqual([
			'192.168.7.5',
			'buildbox',
		]);
		await session.answer('Add 10.0.0.21 to TrustedHosts', 'y');

		await session.answer('Which method?', 'c');
		await session.waitFor('Continue with CredSSP to 10.0.0.21 only? [y/N]');
		const diagnosis = session.flat();
		expect(diagnosis).toContain('10.0.0.21 answers: remote session opened (NTLM)');
		expect(diagnosis).toContain(
			'"Allow delegating fresh credentials" does not apply to 10.0.0.21: its policy help says it "applies when server authentication was achieved via a trusted X509 certificate or Kerberos".',
		);
		expect(diagnosis).toContain('nothing proves that the machine answering as 10.0.0.21');
		await session.answer('Continue with CredSSP', 'y');

		await session.waitFor(
			'Last resort: add wsman/10.0.0.21 to the NTLM-only list on ADMIN-WS (this machine)? [y/N]',
		);
		const last = session.flat();
		expect(last).toContain('AllowFreshCredentialsWhenNTLMOnly: wsman/192.168.7.5');
		expect(last).toContain(
			'AllowFreshCredentialsWhenNTLMOnly after: wsman/192.168.7.5, wsman/10.0.0.21',
		);
		expect(last).toContain('a spoofed address or a rogue host receives a reusable password');
		expect(last).not.toContain('Enable-WSManCredSSP -Role Client -DelegateComputer 10.0.0.21');
		await session.answer('Last resort: add wsman/10.0.0.21', 'y');

		await session.waitFor('Make this change on ADMIN-WS (this machine)? [y/N]');
		expect(session.live()).toContain(
			'Set-Item WSMan:\\localhost\\Client\\Auth\\CredSSP -Value $true -Force',
		);
		expect(session.live()).not.toContain('Enable-WSManCredSSP -Role Client');
		await session.answer('Make this change on ADMIN-WS', 'y');
		await session.answer('Make this change on 10.0.0.21', 'y');
		// Over HTTP an NTLM hop is not authenticated at all; the listener step must not say Kerberos.
		await session.waitFor('Create an HTTPS listener');
		const listener = session.flat();
		expect(listener).not.toContain('CredSSP works over HTTP with Kerberos');
		expect(listener).toContain(
			'Optional: over HTTP 10.0.0.21 is authenticated only by NTLM, hence the NTLM-only entry.',
		);
		await session.answer('Create an HTTPS listener', 'n');
		await session.finished();
		expect(session.screen()).toContain('Result: FIXED.');

		const lab = session.host.snapshot().machines;
		expect(lab['admin-ws']?.trustedHosts).toEqual(['192.168.7.5', 'buildbox', '10.0.0.21']);
		expect(lab['admin-ws']?.allowFreshCredentialsNtlmOnly).toEqual([
			'wsman/192.168.7.5',
			'wsman/10.0.0.21',
		]);
		expect(lab['admin-ws']?.allowFreshCredentials).toEqual([]);
		expect(lab['admin-ws']?.credssp.client).toBe(true);
		expect(lab.hyperv1?.credssp.server).toBe(true);
		session.unmount();

		const undone = await undoEverything('ip-first-hop', stateDir);
		expect(undone.flat()).toMatch(/Result: UNDONE\. 4 changes taken back/);
		expect(undone.host.snapshot().machines).toEqual(scenario('ip-first-hop').machines);
	});

	test('the address already in TrustedHosts: the session is NTLM, so the NTLM-only entry is proposed and AllowFreshCredentials, which cannot work, is not', async () => {
		// The admin set TrustedHosts up earlier: an NTLM session opens, and the old flow proposed
		// Enable-WSManCredSSP -DelegateComputer 10.0.0.21, whose entry CredSSP ignores for NTLM.
		const lab = structuredClone(scenario('ip-first-hop'));
		const client = lab.machines['admin-ws'];
		if (client === undefined) throw new Error('no admin-ws');
		client.trustedHosts = ['10.0.0.21'];
		const stateFile = join(freshStateDir(), 'lab.json');
		writeFileSync(
			stateFile,
			JSON.stringify({name: lab.name, client: lab.client, machines: lab.machines}),
		);
		session = startSession('ip-first-hop', {stateFile});
		await enterTargets(session);
		await session.answer('Use hyperv1.contoso.com as the first hop', 'n');
		await session.answer('Which method?', 'c');
		await session.answer('Continue with CredSSP to 10.0.0.21 only?', 'y');
		await session.waitFor('Last resort: add wsman/10.0.0.21 to the NTLM-only list');
		expect(session.flat()).toContain('10.0.0.21 answers: remote session opened (NTLM)');
		expect(session.flat()).not.toContain('Add 10.0.0.21 to TrustedHosts');
		await session.answer('Last resort: add wsman/10.0.0.21', 'n');
		await session.finished();
		const end = session.flat();
		expect(end).toContain('You said no: the NTLM-only delegation entry was not added');
		expect(end).not.toContain('-DelegateComputer 10.0.0.21');
		expect(end).toContain('Use the name hyperv1.contoso.com');
		expect(session.host.snapshot().machines).toEqual(lab.machines);
	});

	test("a second hop that is the address's own DNS name is the first hop itself: asked for again, then the name is offered", async () => {
		session = startSession('ip-first-hop');
		await session.answer('First hop', '');
		await session.answer('Second hop', `${'\u007f'.repeat(30)}hyperv1.contoso.com`);
		await session.answer('Command to run', '');
		await session.answer('User name', '');
		await session.answer('Password for', 'Passw0rd!');
		await session.waitFor('hyperv1.contoso.com is the first hop itself: 10.0.0.21 resolves to');
		await session.answer('Second hop', 'hyperv2.contoso.com');
		// The command that was the default for the refused name follows the new one.
		await session.answer('Command to run on the first hop [Get-VM -ComputerName hyperv2', '');
		await session.waitFor('Use hyperv1.contoso.com as the first hop');
		expect(session.runner.getState().inputs.hop2).toBe('hyperv2.contoso.com');
		expect(session.host.snapshot().machines).toEqual(scenario('ip-first-hop').machines);
	});

	test('no to TrustedHosts: nothing changes, and the name and HTTPS are the next steps', async () => {
		session = startSession('ip-first-hop');
		await enterTargets(session);
		await session.answer('Use hyperv1.contoso.com as the first hop', 'n');
		await session.answer('Add 10.0.0.21 to TrustedHosts', 'n');
		await session.finished();
		const end = session.flat();
		expect(end).toContain('You said no: the first hop was not added to TrustedHosts');
		expect(end).toContain('Use the name hyperv1.contoso.com');
		expect(end).toContain('Invoke-Command -ComputerName hyperv1.contoso.com -UseSSL');
		expect(session.host.snapshot().machines).toEqual(scenario('ip-first-hop').machines);
	});
});

/** A built-in scenario with the client's local NTLM-only policy as given, in a file of its own. */
function withNtlmOnlyPolicy(
	name: string,
	edit: (client: NonNullable<Scenario['machines'][string]>) => void,
): {path: string; lab: Scenario} {
	const lab = structuredClone(scenario(name));
	lab.name = `${name}-ntlm-only-policy`;
	edit(lab.machines['admin-ws']!);
	const path = join(freshStateDir(), 'lab.json');
	writeFileSync(path, JSON.stringify(lab));
	return {path, lab};
}

describe("the NTLM-only policy's two switches", () => {
	test('a local policy set to Disabled: the fix turns it on to add the entry, and undo puts Disabled back, not Not configured', async () => {
		const {path, lab} = withNtlmOnlyPolicy('workgroup-first-hop', (client) => {
			client.allowFreshNtlmOnlySwitches = {allowFresh: 0, concatenateDefaults: null};
		});
		const stateDir = freshStateDir();
		session = await startCliSession(path, stateDir);
		await enterTargets(session);
		await session.answer('First hop (the computer you connect to) [lab-hv1]', '');
		await session.answer('Add lab-hv1 to TrustedHosts', 'y');
		await session.answer('Which method?', 'c');
		await session.answer('Continue with CredSSP to lab-hv1 only?', 'y');
		await session.waitFor('Last resort: add wsman/lab-hv1 to the NTLM-only list');
		expect(session.flat()).toContain(
			'Allow delegating fresh credentials with NTLM-only server authentication: Disabled (AllowFreshCredentialsWhenNTLMOnly = 0, ConcatenateDefaults_AllowFreshNTLMOnly not set)',
		);
		await session.answer('Last resort: add wsman/lab-hv1', 'y');
		await session.answer('Make this change on ADMIN-WS', 'y');
		await session.answer('Make this change on lab-hv1', 'y');
		await session.finished();
		expect(session.screen()).toContain('Result: FIXED.');
		// Both switches on with the entry, as the NTLM-only list needs them.
		expect(session.host.snapshot().machines['admin-ws']).toMatchObject({
			allowFreshCredentialsNtlmOnly: ['wsman/lab-hv1'],
		});
		expect(
			session.host.snapshot().machines['admin-ws']?.allowFreshNtlmOnlySwitches,
		).toBeUndefined();
		session.unmount();

		const undone = await undoEverything(path, stateDir);
		expect(undone.flat()).toMatch(/Result: UNDONE\. 4 changes taken back/);
		expect(undone.flat()).toContain(
			'-Name AllowFreshCredentialsWhenNTLMOnly -PropertyType DWord -Value 0 -Force',
		);
		expect(undone.host.snapshot().machines).toEqual(lab.machines);
	});

	test('Disabled, with the entry still in its list: the entry does not count, so the fix turns the policy on (the entry not added twice), and undo puts Disabled back', async () => {
		// A switch set to 0 leaves the values in the registry, where a read still finds them.
		const {path, lab} = withNtlmOnlyPolicy('workgroup-first-hop', (client) => {
			client.allowFreshCredentialsNtlmOnly = ['wsman/lab-hv1'];
			client.allowFreshNtlmOnlySwitches = {allowFresh: 0, concatenateDefaults: null};
		});
		const stateDir = freshStateDir();
		session = await startCliSession(path, stateDir);
		await enterTargets(session);
		await session.answer('First hop (the computer you connect to) [lab-hv1]', '');
		await session.answer('Add lab-hv1 to TrustedHosts', 'y');
		await session.answer('Which method?', 'c');
		await session.answer('Continue with CredSSP to lab-hv1 only?', 'y');
		await session.waitFor('Last resort: add wsman/lab-hv1 to the NTLM-only list');
		const asked = session.flat();
		expect(asked).toContain('NTLM-only delegation list: wsman/lab-hv1');
		expect(asked).toContain(
			'Allow delegating fresh credentials with NTLM-only server authentication: Disabled (AllowFreshCredentialsWhenNTLMOnly = 0, ConcatenateDefaults_AllowFreshNTLMOnly not set)',
		);
		await session.answer('Last resort: add wsman/lab-hv1', 'y');
		await session.answer('Make this change on ADMIN-WS', 'y');
		await session.answer('Make this change on lab-hv1', 'y');
		await session.finished();
		expect(session.screen()).toContain('Result: FIXED.');
		expect(session.host.snapshot().machines['admin-ws']).toMatchObject({
			allowFreshCredentialsNtlmOnly: ['wsman/lab-hv1'],
		});
		session.unmount();

		const undone = await undoEverything(path, stateDir);
		expect(undone.flat()).toMatch(/Result: UNDONE\. 4 changes taken back/);
		expect(undone.host.snapshot().machines).toEqual(lab.machines);
	});

	test('"Concatenate OS defaults" left unchecked (0) beside an existing entry: undo leaves it unchecked', async () => {
		const {path, lab} = withNtlmOnlyPolicy('ip-first-hop', (client) => {
			client.allowFreshNtlmOnlySwitches = {allowFresh: 1, concatenateDefaults: 0};
		});
		const stateDir = freshStateDir();
		session = await startCliSession(path, stateDir);
		await enterTargets(session);
		await session.answer('Use hyperv1.contoso.com as the first hop', 'n');
		await session.answer('Add 10.0.0.21 to TrustedHosts', 'y');
		await session.answer('Which method?', 'c');
		await session.answer('Continue with CredSSP', 'y');
		await session.answer('Last resort: add wsman/10.0.0.21', 'y');
		await session.answer('Make this change on ADMIN-WS', 'y');
		await session.answer('Make this change on 10.0.0.21', 'y');
		await session.answer('Create an HTTPS listener', 'n');
		await session.finished();
		expect(session.screen()).toContain('Result: FIXED.');
		session.unmount();

		const undone = await undoEverything(path, stateDir);
		expect(undone.flat()).toMatch(/Result: UNDONE\. 4 changes taken back/);
		expect(undone.host.snapshot().machines).toEqual(lab.machines);
	});
});

describe('a first hop in a workgroup', () => {
	test('Kerberos cannot find it: TrustedHosts, then the NTLM-only entry as a last resort; fixed, and undo restores the start', async () => {
		const stateDir = freshStateDir();
		session = await startCliSession('workgroup-first-hop', stateDir);
		await enterTargets(session);
		// Issue 12 case 5: Kerberos words a typo the same way, so the name is offered back first;
		// Enter keeps it.
		await session.answer('First hop (the computer you connect to) [lab-hv1]', '');
		expect(session.flat()).toContain('A typo, or a host outside the domain (a workgroup machine)');
		await session.waitFor('Add lab-hv1 to TrustedHosts on ADMIN-WS (this machine)? [y/N]');
		const trusted = session.flat();
		expect(trusted).toContain(
			'The following error occurred while using Kerberos authentication: Cannot find the computer lab-hv1.',
		);
		expect(trusted).toContain(
			"lab-hv1 is not known to the domain's Kerberos (a workgroup host, or one outside the domain)",
		);
		expect(trusted).toContain('TrustedHosts: (empty)');
		expect(trusted).toContain('TrustedHosts after: lab-hv1');
		await session.answer('Add lab-hv1 to TrustedHosts', 'y');
		await session.answer('Which method?', 'c');
		await session.answer('Continue with CredSSP to lab-hv1 only?', 'y');
		await session.waitFor('Last resort: add wsman/lab-hv1 to the NTLM-only list');
		expect(session.flat()).toContain('lab-hv1 answers: remote session opened (NTLM)');
		await session.answer('Last resort: add wsman/lab-hv1', 'y');
		await session.answer('Make this change on ADMIN-WS', 'y');
		await session.answer('Make this change on lab-hv1', 'y');
		await session.finished();
		expect(session.screen()).toContain('Result: FIXED.');
		const client = session.host.snapshot().machines['admin-ws'];
		expect(client?.trustedHosts).toEqual(['lab-hv1']);
		expect(client?.allowFreshCredentialsNtlmOnly).toEqual(['wsman/lab-hv1']);
		expect(client?.allowFreshCredentials).toEqual([]);
		session.unmount();

		const undone = await undoEverything('workgroup-first-hop', stateDir);
		expect(undone.flat()).toMatch(/Result: UNDONE\. 4 changes taken back/);
		expect(undone.host.snapshot().machines).toEqual(scenario('workgroup-first-hop').machines);
	});
});

// Group Policy owns HKLM\SOFTWARE\Policies: where a GPO configures the NTLM-only policy, each
// refresh rewrites HKLM's list from it (lab simulate.ts applyNtlmOnlyPolicy), so an entry written
// in HKLM alone is gone 90 minutes later.
describe('a GPO configures the NTLM-only list', () => {
	const gpoEntry = 'wsman/192.168.7.5';

	test('the local GPO: the entry is written there too, survives a policy refresh, and undo takes it out of both', async () => {
		const {path, lab} = withNtlmOnlyPolicy('workgroup-first-hop', (client) => {
			client.allowFreshCredentialsNtlmOnly = [gpoEntry];
			client.localGpoAllowFreshCredentialsNtlmOnly = [gpoEntry];
		});
		const stateDir = freshStateDir();
		session = await startCliSession(path, stateDir);
		await enterTargets(session);
		await session.answer('First hop (the computer you connect to) [lab-hv1]', '');
		await session.answer('Add lab-hv1 to TrustedHosts', 'y');
		await session.answer('Which method?', 'c');
		await session.answer('Continue with CredSSP to lab-hv1 only?', 'y');
		await session.waitFor('Last resort: add wsman/lab-hv1 to the NTLM-only list');
		// A long comment line wraps with "#" (marked) at the start of each row.
		const unwrapped = session
			.flat()
			.replace(/\u001B\[\d+m/g, '')
			.replaceAll(' # ', ' ');
		expect(unwrapped).toContain(
			`Local Group Policy ($env:SystemRoot\\System32\\GroupPolicy\\Machine\\Registry.pol), Allow delegating fresh credentials with NTLM-only server authentication: ${gpoEntry}, wsman/lab-hv1; gpt.ini Version raised, registry extension listed`,
		);
		await session.answer('Last resort: add wsman/lab-hv1', 'y');
		await session.answer('Make this change on ADMIN-WS', 'y');
		await session.answer('Make this change on lab-hv1', 'y');
		await session.finished();
		expect(session.screen()).toContain('Result: FIXED.');

		// gpupdate (or the next background refresh): the entry is still in force.
		session.host.groupPolicyUpdate();
		const refreshed = session.host.snapshot().machines['admin-ws'];
		expect(refreshed?.allowFreshCredentialsNtlmOnly).toEqual([gpoEntry, 'wsman/lab-hv1']);
		expect(refreshed?.localGpoAllowFreshCredentialsNtlmOnly).toEqual([gpoEntry, 'wsman/lab-hv1']);
		session.unmount();

		const undone = await undoEverything(path, stateDir);
		expect(undone.flat()).toMatch(/Result: UNDONE\. 4 changes taken back/);
		expect(undone.host.snapshot().machines).toEqual(lab.machines);
		undone.host.groupPolicyUpdate();
		expect(undone.host.snapshot().machines).toEqual(lab.machines);
	});

	test('no GPO configures it: the entry goes to the local GPO with the list HKLM held, so a refresh keeps both; undo leaves it not configured', async () => {
		const {path, lab} = withNtlmOnlyPolicy('workgroup-first-hop', (client) => {
			client.allowFreshCredentialsNtlmOnly = [gpoEntry];
		});
		const stateDir = freshStateDir();
		session = await startCliSession(path, stateDir);
		await enterTargets(session);
		await session.answer('First hop (the computer you connect to) [lab-hv1]', '');
		await session.answer('Add lab-hv1 to TrustedHosts', 'y');
		await session.answer('Which method?', 'c');
		await session.answer('Continue with CredSSP to lab-hv1 only?', 'y');
		await session.answer('Last resort: add wsman/lab-hv1', 'y');
		await session.answer('Make this change on ADMIN-WS', 'y');
		await session.answer('Make this change on lab-hv1', 'y');
		await session.finished();
		session.host.groupPolicyUpdate();
		expect(session.host.snapshot().machines['admin-ws']?.allowFreshCredentialsNtlmOnly).toEqual([
			gpoEntry,
			'wsman/lab-hv1',
		]);
		session.unmount();
		const undone = await undoEverything(path, stateDir);
		undone.host.groupPolicyUpdate();
		expect(undone.host.snapshot().machines).toEqual(lab.machines);
	});

	test('a domain GPO: nothing is written, the GPO and its setting are named, and the request is ready for its owner', async () => {
		const {path, lab} = withNtlmOnlyPolicy('workgroup-first-hop', (client) => {
			client.trustedHosts = ['lab-hv1'];
			client.allowFreshCredentialsNtlmOnly = [gpoEntry];
			client.policies.allowFreshCredentialsNtlmOnly = [gpoEntry];
		});
		session = await startCliSession(path, freshStateDir());
		await enterTargets(session);
		// Blocked at the diagnosis, as where a domain GPO owns "Allow delegating fresh credentials".
		await session.waitFor(/Result: |Which method\?/);
		const screen = session.flat();
		expect(screen).toContain('Result: BLOCKED.');
		expect(screen).toContain(
			'Computer Configuration > Administrative Templates > System > Credentials Delegation > Allow delegating fresh credentials with NTLM-only server authentication',
		);
		expect(screen).toContain('A domain Group Policy sets the NTLM-only delegation list');
		expect(screen).toContain(
			'add WSMAN/lab-hv1 to "Allow delegating fresh credentials with NTLM-only server authentication"',
		);
		expect(screen).not.toContain('Last resort: add wsman/lab-hv1');
		expect(session.host.snapshot().machines).toEqual(lab.machines);
	});
});
