// Advice that fits the admin's situation (issue 12): an account CredSSP cannot delegate, a list
// that Group Policy owns, a wildcard entry and a short name, and a "no" at the risk. Driven by
// keystrokes on the lab; the screen and the lab's state afterwards are checked.
import {afterEach, describe, expect, test} from 'vitest';
import {enterTargets, scenario, type Session, startSession} from '../helpers/session.js';

let session: Session | undefined;
afterEach(() => session?.unmount());

function untouched(active: Session, name: string): void {
	expect(active.host.snapshot().machines).toEqual(scenario(name).machines);
}

describe('an account CredSSP cannot delegate', () => {
	test('Protected Users: said plainly before the risk step, what works offered, nothing changed', async () => {
		session = startSession('protected-users');
		await enterTargets(session);
		// JEA and RunAs are offered in CredSSP's place now; stopping there ends as before.
		await session.answer('Which method? [u/j/a/s]', 's');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('CredSSP cannot work for CONTOSO\\admin');
		expect(screen).toContain('member of Protected Users');
		expect(screen).toContain('S-1-5-21-');
		expect(screen).toContain('-525');
		expect(screen).toContain(
			'Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Get-VM -ComputerName hyperv2.contoso.com -Credential $using:cred }',
		);
		expect(screen).toContain('JEA');
		expect(screen).toContain('RunAs');
		// Credential Guard is read and named, but it does not stop a typed credential.
		expect(screen).toContain('Credential Guard runs on this machine');
		expect(screen).not.toContain('Continue with CredSSP');
		expect(screen).not.toContain('[y/N]');
		expect(screen).toContain('Result: BLOCKED.');
		untouched(session, 'protected-users');
	});

	test('"Account is sensitive and cannot be delegated", read with the ActiveDirectory module for a user other than the shell\'s', async () => {
		session = startSession('sensitive-account');
		await enterTargets(session);
		await session.answer('Which method? [u/j/a/s]', 's');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('CredSSP cannot work for CONTOSO\\admin-t0');
		expect(screen).toContain('Account is sensitive and cannot be delegated');
		expect(screen).toContain('AccountNotDelegated');
		expect(screen).not.toContain('[y/N]');
		untouched(session, 'sensitive-account');
	});

	test('an account with no such limit walks on to the risk as before', async () => {
		session = startSession('classic');
		await enterTargets(session);
		await session.answer('Which method?', 'c');
		await session.waitFor('Continue with CredSSP');
		expect(session.flat()).not.toContain('CredSSP cannot work for');
	});
});

describe('Group Policy owns the setting: a request ready for a ticket', () => {
	test("the domain GPO's list lacks the first hop: the exact entry, the policy and the registry values", async () => {
		session = startSession('domain-delegation-gpo');
		await enterTargets(session);
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('Request for the GPO owner');
		expect(screen).toContain('add WSMAN/hyperv1.contoso.com');
		expect(screen).toContain(
			'Computer Configuration > Administrative Templates > System > Credentials Delegation > Allow delegating fresh credentials',
		);
		expect(screen).toContain(
			'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\AllowFreshCredentials\\2 = WSMAN/hyperv1.contoso.com (REG_SZ)',
		);
		expect(screen).toContain('AllowFreshCredentials = 1 (DWORD)');
		expect(screen).toContain('ConcatenateDefaults_AllowFresh = 1 (DWORD)');
		untouched(session, 'domain-delegation-gpo');
	});

	test('delegation set to Disabled: the policy Enabled with the entry', async () => {
		session = startSession('delegation-disabled-gpo');
		await enterTargets(session);
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('Request for the GPO owner');
		expect(screen).toContain('AllowFreshCredentials\\1 = WSMAN/hyperv1.contoso.com (REG_SZ)');
		untouched(session, 'delegation-disabled-gpo');
	});

	test('a deny entry covers the first hop: the entry to remove and its registry value', async () => {
		session = startSession('deny-delegation-gpo');
		await enterTargets(session);
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain(
			'Request for the GPO owner (paste into a ticket): on ADMIN-WS.contoso.com, remove wsman/*.contoso.com from "Deny delegating fresh credentials"',
		);
		expect(screen).toContain(
			'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\DenyFreshCredentials\\1 = wsman/*.contoso.com (REG_SZ)',
		);
		untouched(session, 'deny-delegation-gpo');
	});

	test('WinRM client CredSSP turned off by policy: its policy and registry value', async () => {
		session = startSession('gpo-client');
		await enterTargets(session);
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('Request for the GPO owner');
		expect(screen).toContain('WinRM Client > Allow CredSSP authentication');
		expect(screen).toContain(
			'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Client\\AllowCredSSP = 1 (DWORD)',
		);
		untouched(session, 'gpo-client');
	});
});

describe('a wildcard entry and a short name', () => {
	test('says why wsman/*.contoso.com does not cover hyperv1, offers the FQDN or the short entry', async () => {
		session = startSession('wildcard-short-name');
		await enterTargets(session);
		await session.answer('Which method?', 'c');
		await session.answer('Continue with CredSSP', 'y');
		await session.waitFor('Make this change on ADMIN-WS');
		const screen = session.flat();
		expect(screen).toContain('wsman/*.contoso.com does not cover hyperv1');
		expect(screen).toContain('WSMAN/hyperv1');
		expect(screen).toContain('-ComputerName hyperv1.contoso.com');
		expect(session.live()).toContain('wsman/hyperv1');
		await session.answer('Make this change on ADMIN-WS', 'n');
		await session.finished();
		untouched(session, 'wildcard-short-name');
	});
});

describe('no at the risk', () => {
	test("the result repeats the alternatives with the admin's own command and hosts, never Get-VM", async () => {
		session = startSession('file-share');
		await session.answer('First hop', '');
		await session.answer('Second hop', '');
		// The scenario's own command is the default: Enter takes it.
		await session.waitFor('Command to run on the first hop [Get-ChildItem \\\\fs01\\share]');
		await session.answer('Command to run', '');
		await session.answer('User name', '');
		await session.answer('Password for', 'Passw0rd!');
		await session.answer('Which method?', 'c');
		await session.answer('Continue with CredSSP', 'n');
		await session.finished();
		const screen = session.flat();
		const result = screen.slice(screen.lastIndexOf('Result:'));
		expect(result).toContain('Result: DECLINED.');
		// Each alternative that is a command has it on rows of its own, to be copied whole.
		expect(result).toContain(
			"Pass a credential to the inner command (no setup): PS> Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { New-PSDrive -Name Hop2Share -PSProvider FileSystem -Root '\\\\fs01\\share' -Credential $using:cred | Out-Null; Get-ChildItem Hop2Share:\\ }",
		);
		expect(result).toContain(
			'Avoid the hop: run the command from this machine: PS> Get-ChildItem \\\\fs01\\share',
		);
		expect(screen).not.toContain('Get-VM');
		untouched(session, 'file-share');
	});
});
