// The guided flow's branches, each driven by keystrokes on its own lab scenario, with
// assertions on what the admin sees and on what the lab holds afterwards.
import {afterEach, describe, expect, test} from 'vitest';
import {enterTargets, fold, scenario, startSession, type Session} from '../helpers/session.js';

let session: Session | undefined;
afterEach(() => session?.unmount());

const untouched = (name: string) =>
	expect(session?.host.snapshot().machines).toEqual(scenario(name).machines);

describe('the client already delegates to other hosts', () => {
	test('shows the list, merges hyperv1 in, and keeps the other entries in order', async () => {
		session = startSession('existing-delegation');
		await enterTargets(session);
		await session.answer('Which method?', 'c');
		await session.answer('Continue with CredSSP', 'y');
		await session.waitFor('Step 7 of 10');
		const live = fold(session.live());
		expect(live).toContain(
			'Delegation list (AllowFreshCredentials): wsman/sql01.contoso.com, wsman/*.fabrikam.com',
		);
		expect(live).toContain(
			'Delegation list after: wsman/sql01.contoso.com, wsman/*.fabrikam.com, wsman/hyperv1.contoso.com',
		);
		expect(live).toContain(
			'Existing entries are kept, in order: wsman/sql01.contoso.com, wsman/*.fabrikam.com',
		);
		expect(live).toContain(
			'PS> Enable-WSManCredSSP -Role Client -DelegateComputer hyperv1.contoso.com -Force',
		);
		await session.answer('Make this change on ADMIN-WS', 'y');
		await session.answer('Make this change on hyperv1', 'y');
		await session.answer('Create an HTTPS listener', 'n');
		await session.finished();
		expect(session.screen()).toContain('Result: FIXED.');
		expect(session.host.snapshot().machines['admin-ws']?.allowFreshCredentials).toEqual([
			'wsman/sql01.contoso.com',
			'wsman/*.fabrikam.com',
			'wsman/hyperv1.contoso.com',
		]);
	});
});

describe('the server side is already enabled', () => {
	test('skips the server step and says why', async () => {
		session = startSession('server-enabled');
		await enterTargets(session);
		await session.answer('Which method?', 'c');
		await session.waitFor('Continue with CredSSP');
		// One thing left to do is one step (before: "..., each asked for at its own step").
		expect(fold(session.live())).toContain(
			'the client side on this machine, asked for at its step.',
		);
		await session.answer('Continue with CredSSP', 'y');
		await session.answer('Make this change on ADMIN-WS', 'y');
		await session.answer('Create an HTTPS listener', 'n');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain(
			'SKIPPED Step 8/10 Accept CredSSP on the first hop: Server side on hyperv1.contoso.com already done',
		);
		expect(screen).toContain(
			'hyperv1.contoso.com already accepts CredSSP: WSMan:\\localhost\\Service\\Auth\\CredSSP is true.',
		);
		expect(screen).not.toContain('Make this change on hyperv1.contoso.com?');
		expect(screen).toContain('Result: FIXED.');
		expect(session.runner.getState().changes.map((c) => c.stage)).toEqual(['client']);
	});
});

describe('the first hop is unreachable', () => {
	test('stops at the first hop in seconds when nothing answers on 5985, with the next step; nothing changes', async () => {
		session = startSession('unreachable');
		await enterTargets(session);
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('FAILED Step 3/10 Test the first hop');
		expect(screen).toContain(
			'Nothing answered on TCP port 5985 of hyperv1.contoso.com within 3 s: the computer is off or unreachable',
		);
		expect(screen).toContain('+ FullyQualifiedErrorId : WinRMPortNotAnswering,doublehop');
		expect(screen).toContain(
			'Result: FAILED. The first hop fails: fix the connection to hyperv1.contoso.com first',
		);
		expect(screen).toContain(
			'Next: - Run on this computer: PS> Test-NetConnection -ComputerName hyperv1.contoso.com -Port 5985',
		);
		expect(session.runner.getState().conclusion?.verdict).toBe('failed');
		untouched('unreachable');
	});
});

describe('the first hop is behind a slow link', () => {
	test('counts the seconds while it waits, then goes on as usual', async () => {
		session = startSession('slow-link');
		await enterTargets(session);
		await session.waitFor('Waiting for hyperv1.contoso.com... 3 s', 6_000);
		expect(session.live()).toContain('Step 3 of 10');
		await session.answer('Which method?', 'c');
		await session.answer('Continue with CredSSP', 'n');
		await session.finished();
		expect(session.flat()).toContain('hyperv1.contoso.com answers: remote session opened');
		untouched('slow-link');
	}, 15_000);
});

describe('a wrong password', () => {
	test('asks again without losing the other answers, then goes on with the right one', async () => {
		session = startSession('classic');
		await enterTargets(session, 'wrong-password');
		await session.waitFor('refused the credentials (attempt 1 of 3)');
		expect(session.flat()).toContain('The user name or password is incorrect.');
		expect(session.flat()).toContain('+ FullyQualifiedErrorId : LogonFailure,PSSessionOpenFailed');
		// The typed password is never on screen, only its mask.
		expect(session.screen()).not.toContain('wrong-password');
		await session.answer('Password for CONTOSO\\admin', 'Passw0rd!');
		await session.answer('Which method?', 'c');
		await session.waitFor('Step 6 of 10: Understand the risk');
		expect(session.screen()).toContain(
			'Command on hyperv1.contoso.com: Get-VM -ComputerName hyperv2.contoso.com',
		);
		untouched('classic');
	});

	test('gives up after three refusals, changing nothing', async () => {
		session = startSession('classic');
		await enterTargets(session, 'wrong-1');
		await session.answer('Password for', 'wrong-2');
		await session.answer('Password for', 'wrong-3');
		await session.finished();
		expect(session.flat()).toContain(
			'Result: FAILED. hyperv1.contoso.com refused the credentials 3 times',
		);
		untouched('classic');
	});
});

describe('a run that ends having changed nothing', () => {
	test('says so once: the result line, not also an empty list of changes', async () => {
		session = startSession('classic');
		await enterTargets(session, 'wrong-1');
		await session.answer('Password for', 'wrong-2');
		await session.answer('Password for', 'wrong-3');
		await session.finished();
		const screen = session.flat();
		expect(screen.match(/Nothing was changed\./g)).toHaveLength(1);
		expect(screen).not.toContain('Changes made:');
		expect(screen).not.toContain('Nothing on any machine was changed.');
		untouched('classic');
	});
});

describe('the client setting is forced by Group Policy', () => {
	test('attempts no change and names the policy', async () => {
		session = startSession('gpo-client');
		await enterTargets(session);
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('Result: BLOCKED.');
		expect(screen).toContain(
			'Computer Configuration > Administrative Templates > Windows Components > Windows Remote Management (WinRM) > WinRM Client > Allow CredSSP authentication',
		);
		expect(screen).toContain(
			'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Client\\AllowCredSSP',
		);
		expect(screen).not.toContain('[y/N]');
		untouched('gpo-client');
	});
});

describe('an HTTPS listener is wanted but only a self-signed certificate exists', () => {
	test('explains why the certificate cannot serve, creates nothing, and still fixes over HTTP', async () => {
		session = startSession('self-signed');
		await enterTargets(session);
		await session.answer('Which method?', 'c');
		await session.answer('Continue with CredSSP', 'y');
		await session.answer('Make this change on ADMIN-WS', 'y');
		await session.answer('Make this change on hyperv1', 'y');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain(
			'No HTTPS listener: hyperv1.contoso.com has no certificate an HTTPS listener can use',
		);
		expect(screen).toContain('Certificate CN=hyperv1.contoso.com (9F1B2C3D...): self-signed');
		expect(screen).toContain('not be expired, revoked or self-signed');
		expect(screen).toContain('Result: FIXED.');
		const hyperv1 = session.host.snapshot().machines.hyperv1;
		expect(hyperv1?.listeners.map((l) => l.transport)).toEqual(['HTTP']);
		expect(hyperv1?.firewallRules.map((r) => r.port)).toEqual([5985]);
	});

	test('the lab refuses a thumbprint hop 1 does not have as WinRM does (0x80338082)', async () => {
		session = startSession('classic');
		const result = await session.host.createHttpsListener(
			'hyperv1.contoso.com',
			{
				user: 'CONTOSO\\admin',
				password: new (await import('../../source/safety/secret.js')).Secret('Passw0rd!'),
			},
			'doublehop-WinRM-HTTPS-In-test',
			{thumbprint: '0123456789ABCDEF0123456789ABCDEF01234567', hostname: 'hyperv1.contoso.com'},
		);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.error.message).toMatch(
				/^The WS-Management service cannot find the certificate that was requested\./,
			);
			expect(result.error.fullyQualifiedErrorId).toBe(
				'WsManError,Microsoft.PowerShell.Commands.NewItemCommand',
			);
		}
	});
});

describe('the admin answers no', () => {
	test('at the client step: nothing changes and the summary says what is left', async () => {
		session = startSession('classic');
		await enterTargets(session);
		await session.answer('Which method?', 'c');
		await session.answer('Continue with CredSSP', 'y');
		await session.answer('Make this change on ADMIN-WS', 'n');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('DECLINED Step 7/10 Allow delegation on this client: You said no');
		expect(screen).toContain('Result: DECLINED.');
		expect(screen).toContain('Left undone:');
		expect(screen).toContain(
			'- Allow delegation on this client (Enable-WSManCredSSP -Role Client on this machine)',
		);
		expect(screen).toContain(
			'- Accept CredSSP on the first hop (Enable-WSManCredSSP -Role Server on hyperv1.contoso.com)',
		);
		expect(screen).toContain('None. Nothing on any machine was changed.');
		untouched('classic');
	});

	test('at the server step, after the client change: the summary says how to take back the change made', async () => {
		session = startSession('classic');
		await enterTargets(session);
		await session.answer('Which method?', 'c');
		await session.answer('Continue with CredSSP', 'y');
		await session.answer('Make this change on ADMIN-WS', 'y');
		await session.answer('Make this change on hyperv1', 'n');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('Result: DECLINED.');
		// Before: the change was listed, and nothing said how to take it back.
		expect(screen).toContain('To take back the change made: PS> doublehop undo');
		expect(session.runner.getState().conclusion?.nextSteps).toContainEqual({
			say: 'To take back the change made:',
			run: 'doublehop undo',
		});
	});

	test('Ctrl+C at the server question, after the client change: the summary says how to take it back', async () => {
		session = startSession('classic');
		await enterTargets(session);
		await session.answer('Which method?', 'c');
		await session.answer('Continue with CredSSP', 'y');
		await session.answer('Make this change on ADMIN-WS', 'y');
		await session.waitFor('Make this change on hyperv1');
		session.type('\u0003');
		await session.finished();
		expect(session.runner.getState().conclusion?.verdict).toBe('interrupted');
		expect(session.flat()).toContain('To take back the change made: PS> doublehop undo');
	});

	test('Enter alone is no, and an unclear answer is asked again', async () => {
		session = startSession('classic');
		await enterTargets(session);
		await session.answer('Which method?', 'c');
		await session.answer('Continue with CredSSP', 'maybe');
		await session.waitFor('Answer y (yes) or n (no). Enter alone means no.');
		await session.answer('Continue with CredSSP', '');
		await session.finished();
		expect(session.flat()).toContain(
			'DECLINED Step 6/10 Understand the risk: You said no: CredSSP was not accepted',
		);
		untouched('classic');
	});
});

describe('everything already works', () => {
	test('says so and changes nothing', async () => {
		session = startSession('already-working');
		await enterTargets(session);
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('CredSSP is already configured on both sides');
		expect(screen).toContain(
			'Result: ALREADY-FIXED. CredSSP to hyperv1.contoso.com is in place and works',
		);
		// Said once, by the result's own line (not again as an empty list of changes).
		expect(screen).toContain('Nothing was changed.');
		expect(screen).not.toContain('None. Nothing on any machine was changed.');
		expect(screen).not.toContain('[y/N]');
		untouched('already-working');
	});
});

describe('the shell is not elevated', () => {
	test('stops at the preflight with the reason and the next step, asking nothing', async () => {
		session = startSession('not-elevated');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('BLOCKED Step 1/10 Check this shell');
		expect(screen).toContain(
			'Access is denied. You need to run this cmdlet from an elevated process.',
		);
		expect(screen).toContain('Result: BLOCKED. This shell is not elevated');
		expect(screen).toContain('Start PowerShell with "Run as administrator"');
		expect(screen).not.toContain('First hop');
		untouched('not-elevated');
	});
});

describe('AppLocker holds PowerShell to Constrained Language', () => {
	test('stops at the preflight, says what the mode means and what to do, and runs nothing', async () => {
		session = startSession('constrained-language');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('BLOCKED Step 1/10 Check this shell');
		expect(screen).toContain('PowerShell on this computer runs in ConstrainedLanguage mode');
		expect(screen).toContain(
			'Result: BLOCKED. PowerShell runs in ConstrainedLanguage mode here (AppLocker or WDAC)',
		);
		expect(screen).toContain('$ExecutionContext.SessionState.LanguageMode');
		expect(screen).not.toContain('First hop');
		untouched('constrained-language');
	});
});

describe('a domain GPO owns the delegation list', () => {
	test('no change is attempted, and the policy is named', async () => {
		session = startSession('domain-delegation-gpo');
		await enterTargets(session);
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('Result: BLOCKED.');
		expect(screen).toContain('Credentials Delegation > Allow delegating fresh credentials');
		expect(screen).toContain('does not include wsman/hyperv1.contoso.com');
		untouched('domain-delegation-gpo');
	});
});

describe('the CredSSP update is missing on the first hop', () => {
	test('the encryption-oracle mismatch is explained, not "fixed"', async () => {
		session = startSession('oracle-mismatch');
		await enterTargets(session);
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('Encryption Oracle Remediation mismatch');
		expect(screen).toContain('hyperv1.contoso.com has no CredSSP update (CVE-2018-0886) installed');
		expect(screen).toContain(
			'Result: BLOCKED. The CredSSP update (CVE-2018-0886) is on one side only',
		);
		untouched('oracle-mismatch');
	});
});

describe('bad input', () => {
	test('a malformed host name is refused with a reason, and the prompt stays', async () => {
		session = startSession('classic');
		await session.answer('First hop', 'hyper v1;rm');
		await session.waitFor('Computer names use ASCII letters, digits, dots and hyphens only');
		await session.answer('First hop', `${'\u007f'.repeat(11)}hyperv1.contoso.com`);
		await session.waitFor('Second hop');
		untouched('classic');
	});

	test('a refused name stays in the field, to mend from its end rather than retype', async () => {
		session = startSession('classic');
		await session.answer('First hop', 'hyperv1 .contoso.com');
		await session.waitFor('it contains a space');
		await session.waitFor(/First hop[^\n]*: hyperv1 \.contoso\.com█$/);
		// Backspace the 13 characters back to the space, then type the rest again.
		await session.answer('First hop', `${'\u007f'.repeat(13)}.contoso.com`);
		await session.waitFor('Second hop');
		expect(session.runner.getState().inputs.hop1).toBe('hyperv1.contoso.com');
		// The same answer refused twice is given back twice.
		await session.answer('Second hop', 'hyper_v2');
		await session.waitFor('contains an underscore');
		await session.answer('Second hop', '');
		await session.waitFor(/contains an underscore[\s\S]*Second hop[^\n]*: hyper_v2█$/);
		untouched('classic');
	});

	test.each(['hyperv1', 'HYPERV1.contoso.com', 'localhost'])(
		'a second hop that is the first hop itself (%s) is refused with why, and asked for again',
		async (typed) => {
			session = startSession('classic');
			await session.answer('First hop', 'hyperv1.contoso.com');
			await session.answer('Second hop', typed);
			await session.waitFor(`${typed} is the first hop itself`);
			expect(session.flat()).toContain(
				`${typed} is the first hop itself: a command run on hyperv1.contoso.com that reaches hyperv1.contoso.com never makes a second hop.`,
			);
			// Wrong whole, it is not given back to mend: the field is empty, and what is typed is all.
			await session.waitFor(/Second hop[^\n]*: \S?$/);
			await session.answer('Second hop', 'hyperv2.contoso.com');
			await session.waitFor('Command to run');
			expect(session.runner.getState().inputs.hop2).toBe('hyperv2.contoso.com');
			untouched('classic');
		},
	);

	test('a short first hop: its full name in this domain is the first hop itself; in another domain it may be another machine, and is taken', async () => {
		session = startSession('classic');
		await session.answer('First hop', `${'\u007f'.repeat(20)}hyperv1`);
		await session.answer('Second hop', 'hyperv1.contoso.com');
		await session.waitFor('hyperv1.contoso.com is the first hop itself');
		await session.answer('Second hop', 'hyperv1.fabrikam.com');
		await session.waitFor('Command to run');
		expect(session.runner.getState().inputs.hop2).toBe('hyperv1.fabrikam.com');
	});

	test('a second hop given alone (--hop2) is checked again once the first hop is answered: the same name is refused before any machine is reached', async () => {
		session = startSession('classic', {inputs: {hop2: 'hyperv1.contoso.com'}});
		// Enter takes the default first hop, hyperv1.contoso.com: the --hop2 given before it.
		await session.answer('First hop', '');
		await session.waitFor('hyperv1.contoso.com is the first hop itself');
		const refused = session.flat();
		expect(refused).toContain(
			'hyperv1.contoso.com is the first hop itself: a command run on hyperv1.contoso.com that reaches hyperv1.contoso.com never makes a second hop.',
		);
		// Asked at step 2: no session was opened to find it out.
		expect(refused).not.toContain('Test the first hop');
		expect(session.runner.getState().inputs.hop1).toBe('hyperv1.contoso.com');
		await session.answer('Second hop', 'hyperv2.contoso.com');
		await session.waitFor('Command to run');
		expect(session.runner.getState().inputs.hop2).toBe('hyperv2.contoso.com');
		untouched('classic');
	});

	test("a short first hop given with its own full name as the second hop: step 3 learns hop 1's name, and the second hop is asked for again", async () => {
		// Given as flags, the names are checked before this machine's domain is read: only step 3,
		// which reads hop 1's full name, tells that hyperv1.contoso.com is hyperv1 itself.
		session = startSession('classic', {inputs: {hop1: 'hyperv1', hop2: 'hyperv1.contoso.com'}});
		await session.answer('Command to run', '');
		await session.answer('User name', '');
		await session.answer('Password for', 'Passw0rd!');
		await session.waitFor('hyperv1.contoso.com is the first hop itself');
		const refused = session.flat();
		// Before: "Result: ALREADY-WORKS. No double hop problem: hyperv1 reaches hyperv1.contoso.com".
		expect(refused).not.toContain('ALREADY-WORKS');
		expect(refused).toContain('hyperv1 is hyperv1.contoso.com');
		expect(refused).toContain(
			'hyperv1.contoso.com is the first hop itself: hyperv1 is hyperv1.contoso.com, so a command run on hyperv1 that reaches hyperv1.contoso.com never makes a second hop.',
		);
		await session.waitFor(/Second hop[^\n]*: \S?$/);
		await session.answer('Second hop', 'hyperv2.contoso.com');
		// The command that was the default for the refused name follows the new one.
		await session.answer('Command to run on the first hop [Get-VM -ComputerName hyperv2', '');
		await session.waitFor('Which method?');
		expect(session.flat()).toContain('Get-VM -ComputerName hyperv2.contoso.com');
		expect(session.runner.getState().inputs.hop2).toBe('hyperv2.contoso.com');
		untouched('classic');
	});

	test('an unknown host name fails at the first hop with the Windows error, and is asked for again', async () => {
		session = startSession('classic', {inputs: {hop1: 'nohost.contoso.com'}});
		await session.answer('Second hop', '');
		await session.answer('Command to run', '');
		await session.answer('User name', '');
		await session.answer('Password for', 'Passw0rd!');
		// Issue 12 case 5: back to the field, not the end of the run.
		await session.waitFor(/First hop[^\n]*: \S?$/);
		expect(session.flat()).toContain(
			'The following error occurred while using Kerberos authentication: Cannot find the computer nohost.contoso.com.',
		);
		expect(session.flat()).toContain('Resolve-DnsName nohost.contoso.com');
		untouched('classic');
	});
});
