// Issue 12 case 5: a name that does not resolve, or an account that is refused, goes back to its
// own field with the other answers kept; nothing has to be typed twice.
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {runJsonDocument} from '../helpers/json-run.js';
import {chooseCredSsp, scenario, startSession, type Session} from '../helpers/session.js';

let session: Session | undefined;
afterEach(() => session?.unmount());

const untouched = (name: string) =>
	expect(session?.host.snapshot().machines).toEqual(scenario(name).machines);

/** How many times a question whose label starts with `label` was asked so far. */
function asked(label: string): number {
	return (session?.runner.getEvents() ?? []).filter(
		(event) =>
			event.type === 'question-asked' &&
			'label' in event.prompt &&
			event.prompt.label.startsWith(label),
	).length;
}

describe('a typo in the first hop', () => {
	test('shows the Windows error, asks for the first hop again, and keeps the other answers and the password', async () => {
		session = startSession('typo');
		await session.answer('First hop', '');
		await session.answer('Second hop', '');
		await session.answer('Command to run', '');
		await session.answer('User name', 'CONTOSO\\hv-admin');
		await session.answer('Password for', 'Passw0rd!');
		await session.waitFor(/First hop[^\n]*: \S?$/);
		const screen = session.flat();
		// The error exactly as Windows words it from a domain member (Kerberos looks the name up).
		expect(screen).toContain(
			'Connecting to remote server hypervl.contoso.com failed with the following error message : WinRM cannot process the request. The following error occurred while using Kerberos authentication: Cannot find the computer hypervl.contoso.com. Verify that the computer exists on the network and that the name provided is spelled correctly.',
		);
		expect(screen).toContain('+ FullyQualifiedErrorId : NetworkPathNotFound,PSSessionOpenFailed');
		// Kerberos words a typo and a host outside the domain alike: both are named, and the name
		// is offered back (Enter keeps it) for the admin to correct.
		expect(screen).toContain('A typo, or a host outside the domain (a workgroup machine)');
		expect(session.screen().trimEnd().split('\n').at(-1)).toContain('[hypervl.contoso.com]');
		await session.answer('First hop', 'hyperv1.contoso.com');
		// Nothing else is asked again: straight on to the first hop, then the risk.
		await chooseCredSsp(session);
		await session.waitFor('Continue with CredSSP');
		expect(asked('Second hop')).toBe(1);
		expect(asked('User name')).toBe(1);
		expect(asked('Password for')).toBe(1);
		expect(session.flat()).toContain(
			'ADMIN-WS (this machine) -> hyperv1.contoso.com -> hyperv2.contoso.com, as CONTOSO\\hv-admin',
		);
		await chooseCredSsp(session);
		await session.answer('Continue with CredSSP', 'y');
		await session.answer('Make this change on ADMIN-WS', 'y');
		await session.answer('Make this change on hyperv1', 'y');
		await session.answer('Create an HTTPS listener', 'n');
		await session.finished();
		expect(session.flat()).toContain('Result: FIXED.');
		expect(session.host.snapshot().machines['admin-ws']?.allowFreshCredentials).toEqual([
			'wsman/hyperv1.contoso.com',
		]);
	});
});

describe('a typo in the second hop', () => {
	test('goes back to the second hop with the first hop, account and password kept; the command follows the new name', async () => {
		session = startSession('classic');
		await session.answer('First hop', '');
		await session.answer('Second hop', 'hyperv2.contoso.cm');
		await session.answer('Command to run', '');
		await session.answer('User name', '');
		await session.answer('Password for', 'Passw0rd!');
		await session.waitFor(/Second hop[^\n]*: \S?$/);
		expect(session.flat()).toContain(
			"The computer 'hyperv2.contoso.cm' could not be resolved. Make sure you typed the machine name correctly and that you have network access.",
		);
		expect(session.flat()).toContain('hyperv2.contoso.cm was not found');
		await session.answer('Second hop', 'hyperv2.contoso.com');
		// The command named the old name: it is offered with the new one, Enter takes it.
		await session.answer(
			'Command to run on the first hop [Get-VM -ComputerName hyperv2.contoso.com]',
			'',
		);
		await chooseCredSsp(session);
		await session.waitFor('Continue with CredSSP');
		expect(asked('Password for')).toBe(1);
		expect(asked('First hop')).toBe(1);
		expect(session.flat()).toContain(
			'Command on hyperv1.contoso.com: Get-VM -ComputerName hyperv2.contoso.com',
		);
		untouched('classic');
	});
});

describe('the wrong account', () => {
	test('after a refusal the admin can change the user name, and the fix goes on with the new account', async () => {
		session = startSession('typo', {inputs: {hop1: 'hyperv1.contoso.com'}});
		await session.answer('Second hop', '');
		await session.answer('Command to run', '');
		await session.answer('User name', '');
		await session.answer('Password for CONTOSO\\admin', 'Passw0rd!');
		await session.waitFor('refused the credentials (attempt 1 of 3)');
		// The question offers both: the password again, or Enter alone for another account.
		await session.waitFor('Enter alone for another user name');
		await session.answer('Password for CONTOSO\\admin', '');
		await session.answer('User name [CONTOSO\\admin]', 'CONTOSO\\hv-admin');
		await session.answer('Password for CONTOSO\\hv-admin', 'Passw0rd!');
		await chooseCredSsp(session);
		await session.answer('Continue with CredSSP', 'y');
		await session.answer('Make this change on ADMIN-WS', 'y');
		await session.answer('Make this change on hyperv1', 'y');
		await session.answer('Create an HTTPS listener', 'n');
		await session.finished();
		const screen = session.flat();
		expect(asked('Second hop')).toBe(1);
		expect(screen).toContain('-> hyperv2.contoso.com, as CONTOSO\\hv-admin');
		expect(screen).toContain('Result: FIXED.');
		expect(screen).toContain("Get-Credential 'CONTOSO\\hv-admin'");
	});
});

describe('a password typed at the user-name question', () => {
	test('is refused without being shown again, the question is asked again, and the fix goes on', async () => {
		session = startSession('classic');
		await session.answer('First hop', '');
		await session.answer('Second hop', '');
		await session.answer('Command to run', '');
		await session.answer('User name', 'P@ssw0rd!');
		await session.waitFor('That is not a user principal name');
		// Neither the error nor the field gives the typed text back.
		expect(session.flat()).not.toContain('ssw0rd');
		expect(asked('User name')).toBe(2);
		await session.answer('User name', 'CONTOSO\\admin');
		await session.answer('Password for CONTOSO\\admin', 'Passw0rd!');
		await chooseCredSsp(session);
		await session.waitFor('Continue with CredSSP');
		expect(session.flat()).toContain('as CONTOSO\\admin');
		untouched('classic');
	});
});

describe('without a terminal', () => {
	const root = join(import.meta.dirname, '../..');
	const run = (args: string[]) =>
		runJsonDocument(['--json', ...args], {
			stateDir: join(root, 'node_modules/.cache/typo-json'),
		});

	test('--json with a second hop that does not resolve ends with the name and exit 2', () => {
		const result = run([
			'--lab',
			'classic',
			'--lab-reset',
			'--password-stdin',
			'--hop2',
			'hyperv2.contoso.cm',
		]);
		expect(result.code).toBe(2);
		const report = result.report as {
			verdict: string;
			headline: string;
			steps: {error?: {message: string}}[];
		};
		expect(report.verdict).toBe('error');
		expect(report.headline).toContain(
			'--hop2: hyperv2.contoso.cm was not found from hyperv1.contoso.com',
		);
		expect(report.steps.map((step) => step.error?.message)).toContain(
			"The computer 'hyperv2.contoso.cm' could not be resolved. Make sure you typed the machine name correctly and that you have network access.",
		);
	});

	test('--json with a first hop Kerberos cannot find stops with the name to check and exit 2, proposing no TrustedHosts entry for it', () => {
		const result = run([
			'--lab',
			'typo',
			'--lab-reset',
			'--password-stdin',
			'--user',
			'CONTOSO\\hv-admin',
		]);
		expect(result.code).toBe(2);
		const report = result.report as {
			verdict: string;
			headline: string;
			nextSteps: string[];
			changes: unknown[];
			steps: {title: string; details: string[]; error?: {fullyQualifiedErrorId: string}}[];
		};
		expect(report.steps.map((step) => step.error?.fullyQualifiedErrorId)).toContain(
			'NetworkPathNotFound,PSSessionOpenFailed',
		);
		expect(report.verdict).toBe('error');
		expect(report.headline).toContain(
			'--hop1: Kerberos found no computer named hypervl.contoso.com: a typo, or a host outside the domain',
		);
		expect(report.nextSteps).toEqual([
			'See what this machine finds for the name: Resolve-DnsName hypervl.contoso.com',
			'Then run the same command again with --hop1 and the right name.',
			'Only if hypervl.contoso.com is right and outside the domain: --yes --steps trusted-hosts takes it as given, with the TrustedHosts entry it needs.',
		]);
		expect(report.steps.map((step) => step.title).join('\n')).not.toContain('TrustedHosts');
		expect(report.changes).toEqual([]);
	});

	test('an address no machine answers at is told by the port look, not as a name Kerberos cannot find', () => {
		// Kerberos is never asked about an address; doublehop's look at port 5985 finds nothing there.
		for (const address of ['10.9.9.9', '2001:db8::99']) {
			const result = run([
				'--lab',
				'typo',
				'--lab-reset',
				'--password-stdin',
				'--user',
				'CONTOSO\\hv-admin',
				'--hop1',
				address,
			]);
			expect(result.code).toBe(2);
			const report = result.report as {
				headline: string;
				steps: {error?: {fullyQualifiedErrorId: string; message: string}}[];
			};
			expect(report.headline).not.toContain('Kerberos');
			expect(report.steps.map((step) => step.error?.fullyQualifiedErrorId)).toContain(
				'WinRMPortNotAnswering,doublehop',
			);
			expect(report.steps.map((step) => step.error?.message).join('\n')).toContain(
				`Nothing answered on TCP port 5985 of ${address}`,
			);
		}
	});

	test('--json --yes with the wrong account ends with the refusal and exit 2, changing nothing', () => {
		const result = run([
			'--lab',
			'typo',
			'--lab-reset',
			'--password-stdin',
			'--hop1',
			'hyperv1.contoso.com',
			'--yes',
			'--steps',
			'client,server',
		]);
		expect(result.code).toBe(2);
		const report = result.report as {
			verdict: string;
			headline: string;
			steps: {title: string}[];
		};
		// --json reads one password and cannot ask again: the flow ends there, with no "attempt 1 of
		// 3" promising two more.
		expect(report.verdict).toBe('failed');
		expect(report.headline).toBe(
			'hyperv1.contoso.com refused the credentials: the user name or password is incorrect',
		);
		expect(report.steps.map((step) => step.title).join('\n')).not.toMatch(/attempt \d of/);
		expect(report.headline).not.toContain('Enter alone');
	});
});
