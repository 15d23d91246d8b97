// Issue 12 case 10: a command that reaches another machine and answers False (Test-Path on a
// share the second hop may not open) is a likely second-hop failure, not "works".
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {
	chooseCredSsp,
	enterTargets,
	scenario,
	startSession,
	type Session,
} from '../helpers/session.js';

let session: Session | undefined;
afterEach(() => session?.unmount());

describe('Test-Path on a share from the first hop answers False', () => {
	test('is called a likely second-hop failure, with how to confirm it; CredSSP then makes it True', async () => {
		session = startSession('test-path-false');
		await enterTargets(session);
		await chooseCredSsp(session);
		await session.waitFor('Continue with CredSSP');
		const screen = session.flat();
		expect(screen).not.toContain('No double hop problem');
		expect(screen).not.toContain('already works');
		expect(screen).toContain(
			'Likely reproduced: Test-Path on hyperv1.contoso.com answered False for \\\\fs01\\share',
		);
		expect(screen).toContain(
			'Test-Path answers False, not an error, when it may not open the path: on hyperv1.contoso.com your credentials do not reach fs01 (the double hop)',
		);
		// How to confirm: the real error, and the same command where the credentials are.
		expect(screen).toContain(
			"Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Get-ChildItem '\\\\fs01\\share' }",
		);
		expect(screen).toContain('Access is denied');
		expect(screen).toContain('logged on to hyperv1.contoso.com interactively');
		expect(screen).toContain('Likely second hop denied');
		await chooseCredSsp(session);
		await session.answer('Continue with CredSSP', 'y');
		await session.answer('Make this change on ADMIN-WS', 'y');
		await session.answer('Make this change on hyperv1', 'y');
		await session.answer('Create an HTTPS listener', 'n');
		await session.finished();
		const after = session.flat();
		expect(after).toContain(
			'PS> Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -Authentication CredSSP -ScriptBlock { Test-Path \\\\fs01\\share } True',
		);
		expect(after).toContain('Result: FIXED.');
		expect(session.host.snapshot().machines['admin-ws']?.allowFreshCredentials).toEqual([
			'wsman/hyperv1.contoso.com',
		]);
		expect(session.host.snapshot().machines.hyperv1?.credssp.server).toBe(true);
	});

	test('said no at the risk: nothing changes, and the result does not call it working', async () => {
		session = startSession('test-path-false');
		await enterTargets(session);
		await chooseCredSsp(session);
		await session.answer('Continue with CredSSP', 'n');
		await session.finished();
		expect(session.flat()).not.toContain('No double hop problem');
		expect(session.flat()).toContain('answered False for \\\\fs01\\share');
		expect(session.runner.getState().conclusion?.verdict).toBe('declined');
		expect(session.host.snapshot().machines).toEqual(scenario('test-path-false').machines);
	});

	test('still False with CredSSP is not called fixed: the share or the rights are the next suspect', async () => {
		session = startSession('test-path-false', {
			wrapHost: (host) => ({
				...host,
				// The share is not there at all: Test-Path says False with or without CredSSP.
				runOnFirstHop: async () => ({ok: true, value: {output: 'False'}}),
			}),
		});
		await enterTargets(session);
		await chooseCredSsp(session);
		await session.answer('Continue with CredSSP', 'y');
		await session.answer('Make this change on ADMIN-WS', 'y');
		await session.answer('Make this change on hyperv1', 'y');
		await session.answer('Create an HTTPS listener', 'n');
		await session.finished();
		const screen = session.flat();
		expect(screen).not.toContain('Result: FIXED.');
		expect(screen).toContain('Still False with -Authentication CredSSP');
		expect(session.runner.getState().conclusion?.verdict).toBe('failed');
	});
});

describe('a command that reaches another machine and prints nothing', () => {
	test('is a likely second-hop failure too, with how to see an error that may have been silenced', async () => {
		session = startSession('classic', {
			wrapHost: (host) => ({
				...host,
				// Refused quietly on hyperv2 (an error silenced), without CredSSP only.
				runOnFirstHop: async (hop1, credential, command, authentication) =>
					authentication === 'Default'
						? {ok: true, value: {output: ''}}
						: host.runOnFirstHop(hop1, credential, command, authentication),
			}),
		});
		await enterTargets(session);
		await chooseCredSsp(session);
		await session.waitFor('Continue with CredSSP');
		const screen = session.flat();
		expect(screen).toContain(
			'Likely reproduced: Get-VM on hyperv1.contoso.com answered nothing for hyperv2.contoso.com',
		);
		expect(screen).toContain('the same command with -ErrorAction Stop on its cmdlet');
		expect(screen).not.toContain('No double hop problem');
		await chooseCredSsp(session);
		await session.answer('Continue with CredSSP', 'n');
		await session.finished();
		expect(session.host.snapshot().machines).toEqual(scenario('classic').machines);
	});
});

describe('Test-Path through $using:cred', () => {
	test('with the credential handed to New-PSDrive the share answers True: fixed, nothing changed', async () => {
		session = startSession('test-path-false');
		await enterTargets(session);
		await session.answer('Which method?', 'u');
		await session.answer('Run it on hyperv1', 'y');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain(
			'Works: hyperv1.contoso.com reaches fs01.contoso.com with $using:cred',
		);
		expect(session.runner.getState().log.at(-1)?.output).toBe('True');
		expect(session.runner.getState().conclusion?.verdict).toBe('fixed');
	});

	test('still False with the credential handed over is not called fixed: the path or the rights are next', async () => {
		// The same lab, but the account has no rights on fs01: Test-Path says False even with the credential.
		const lab = JSON.parse(
			readFileSync(
				join(import.meta.dirname, '../../source/hosts/lab/scenarios/test-path-false.json'),
				'utf8',
			),
		) as {accounts: Array<{rightsOn: string[]}>};
		for (const account of lab.accounts)
			account.rightsOn = account.rightsOn.filter((key) => key !== 'fs01');
		const file = join(mkdtempSync(join(tmpdir(), 'doublehop-quiet-')), 'no-rights.json');
		writeFileSync(file, JSON.stringify(lab));
		session = startSession(file);
		await enterTargets(session);
		await session.answer('Which method?', 'u');
		await session.answer('Run it on hyperv1', 'y');
		await session.finished();
		const screen = session.flat();
		expect(screen).not.toContain('Result: FIXED');
		expect(screen).toContain(
			'The command still answers False with $using:cred: check that \\\\fs01\\share exists and that CONTOSO\\admin may open it',
		);
		expect(session.runner.getState().conclusion?.verdict).toBe('failed');
	});
	test('still False after resource-based delegation is not called fixed either', async () => {
		// The rbkcd lab, asked with Test-Path, and the account has no rights on fs01.
		const lab = JSON.parse(
			readFileSync(
				join(import.meta.dirname, '../../source/hosts/lab/scenarios/rbkcd.json'),
				'utf8',
			),
		) as {accounts: Array<{rightsOn: string[]}>; defaults: {command: string}};
		for (const account of lab.accounts)
			account.rightsOn = account.rightsOn.filter((key) => key !== 'fs01');
		lab.defaults.command = 'Test-Path \\\\fs01\\share';
		const file = join(mkdtempSync(join(tmpdir(), 'doublehop-quiet-')), 'rbkcd-no-rights.json');
		writeFileSync(file, JSON.stringify(lab));
		session = startSession(file);
		await enterTargets(session);
		await session.answer('Which method?', 'r');
		await session.answer('Make this change to FS01', 'y');
		await session.answer('Purge hyperv1', 'y');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('Still False with resource-based delegation');
		expect(screen).not.toContain('Result: FIXED');
		expect(screen).toContain(
			'The command still answers False with resource-based delegation: check that \\\\fs01\\share exists and that CONTOSO\\admin may open it',
		);
		expect(session.runner.getState().conclusion?.verdict).toBe('failed');
	});
});
