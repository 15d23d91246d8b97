// Group Policy edge cases, through the UI on the lab: a domain GPO that disables delegation or
// denies it to the first hop blocks the fix (nothing is changed, and the admin is told who can
// change it); a GPO that turns client CredSSP on gets only the delegation entry; a change that
// times out is worded as possibly still running, never as stopped.
import {afterEach, describe, expect, test} from 'vitest';
import {noAnswer} from '../../source/hosts/powershell/host-errors.js';
import {enterTargets, scenario, type Session, startSession} from '../helpers/session.js';

let session: Session | undefined;
afterEach(() => session?.unmount());

function untouched(active: Session, name: string): void {
	expect(active.host.snapshot().machines).toEqual(scenario(name).machines);
}

describe('a domain GPO sets "Allow delegating fresh credentials" to Disabled', () => {
	test('blocked, nothing changed, and the GPO owner named as the one who can change it', async () => {
		session = startSession('delegation-disabled-gpo');
		await enterTargets(session);
		await session.finished();
		const screen = session.flat();
		// The headline names what blocks (before: "owned by policy or a missing update"), once:
		// not "BLOCKED. Blocked:".
		expect(screen).toContain(
			'Result: BLOCKED. Group Policy owns "Allow delegating fresh credentials" on this machine',
		);
		expect(screen).toContain('"Allow delegating fresh credentials" to Disabled');
		expect(screen).toContain('Only the owner of that domain GPO can change it');
		expect(screen).toContain('Credentials Delegation > Allow delegating fresh credentials');
		expect(screen).not.toContain('[y/N]');
		untouched(session, 'delegation-disabled-gpo');
	});
});

describe('a GPO denies delegation to the first hop', () => {
	test('blocked, nothing changed, the deny entry and the policy named', async () => {
		session = startSession('deny-delegation-gpo');
		await enterTargets(session);
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain(
			'Result: BLOCKED. Group Policy owns "Deny delegating fresh credentials" on this machine',
		);
		expect(screen).toContain(
			'"Deny delegating fresh credentials" lists wsman/*.contoso.com, which covers wsman/hyperv1.contoso.com',
		);
		expect(screen).toContain('Credentials Delegation > Deny delegating fresh credentials');
		expect(screen).not.toContain('[y/N]');
		untouched(session, 'deny-delegation-gpo');
	});
});

describe('a GPO turns client CredSSP on, but nothing delegates to the first hop', () => {
	test('only the delegation entry is added (no Enable-WSManCredSSP), and the fix works', async () => {
		session = startSession('gpo-client-enabled');
		await enterTargets(session);
		await session.answer('Which method?', 'c');
		await session.answer('Continue with CredSSP', 'y');
		await session.waitFor('Make this change on ADMIN-WS');
		expect(session.live()).not.toContain('Enable-WSManCredSSP -Role Client');
		expect(session.flat()).toContain('only the delegation entry is added');
		await session.answer('Make this change on ADMIN-WS', 'y');
		await session.answer('Make this change on hyperv1', 'y');
		await session.answer('Create an HTTPS listener', 'n');
		await session.finished();
		expect(session.flat()).toContain('Result: FIXED.');
		const client = session.host.snapshot().machines['admin-ws']!;
		expect(client.allowFreshCredentials).toEqual(['wsman/hyperv1.contoso.com']);
		expect(client.localGpoAllowFreshCredentials).toBeUndefined();
	});
});

describe('a change that gets no answer in time', () => {
	test('is worded as possibly still running, not as stopped or failed', async () => {
		session = startSession('classic', {
			wrapHost: (host) => ({
				...host,
				enableClientCredSsp: async () => ({ok: false, error: noAnswer('localhost', 90, false)}),
			}),
		});
		await enterTargets(session);
		await session.answer('Which method?', 'c');
		await session.answer('Continue with CredSSP', 'y');
		await session.answer('Make this change on ADMIN-WS', 'y');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain(
			'No answer in time from ADMIN-WS (this machine): the change may still be running and may still complete',
		);
		expect(screen).toContain('The command may still be running and may still complete');
		expect(screen).toContain('(maybe: no answer in time)');
		expect(screen).not.toMatch(/stopped|The change failed|Nothing on any machine was changed/);
	});
});
