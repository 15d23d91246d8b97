// The methods after the diagnosis, driven by keystrokes on the lab: the ranking the admin sees for
// each kind of second hop, and `$using:cred` applied from the failing hop to a proven fix, with the
// lab exactly as it was (the method changes nothing, so there is nothing to undo).
import {afterEach, describe, expect, test} from 'vitest';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createLabHost} from '../../source/hosts/lab/lab-host.js';
import {initialState} from '../../source/tree/reducer.js';
import {
	enterTargets,
	fold,
	labPassword,
	mount,
	scenario,
	startCliSession,
	startSession,
	type Session,
} from '../helpers/session.js';

let session: Session | undefined;
afterEach(() => session?.unmount());

const untouched = () =>
	expect(session?.host.snapshot().machines).toEqual(scenario('classic').machines);

/** The classic lab's targets, with `command` typed at the command prompt. */
async function enterTargetsWith(current: Session, command: string): Promise<void> {
	await current.answer('First hop', '');
	await current.answer('Second hop', '');
	await current.answer('Command to run', command);
	await current.answer('User name', '');
	await current.answer('Password for', labPassword);
}

describe('$using:cred, chosen after the diagnosis', () => {
	test('Get-VM: recommended first, shown rewritten, run on hyperv1 to prove it, and nothing changed', async () => {
		session = startSession('classic');
		await enterTargetsWith(session, '');
		await session.waitFor('Which method? [u/j/a/c]');
		const choice = session.flat();
		expect(choice).toContain('Get-VM reaches hyperv2.contoso.com by Hyper-V management (CIM)');
		expect(choice).toContain(
			'1. Pass the credential to the inner command ($using:cred) (fits, recommended):',
		);
		expect(choice).toContain('2. Resource-based Kerberos constrained delegation (does not fit)');
		expect(choice).toMatch(/5\. CredSSP \(fits\): .*least safe/);

		await session.answer('Which method?', 'u');
		await session.waitFor('Run it on hyperv1.contoso.com to prove it? [y/N]');
		const shown = fold(session.live());
		// The method's one step stands in place of the risk and the changes: a late viewer sees where it is.
		expect(shown).toContain(
			'Step 6 of 6: Pass the credential ($using:cred) - on hyperv1.contoso.com',
		);
		expect(shown).toContain(
			'PS> Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Get-VM -ComputerName hyperv2.contoso.com -Credential $using:cred }',
		);
		expect(shown).toContain('This method sets up or changes nothing on any machine');

		await session.answer('Run it on hyperv1', 'y');
		await session.finished();
		const screen = fold(session.screen());
		expect(screen).toContain(
			'Works: hyperv1.contoso.com reaches hyperv2.contoso.com with $using:cred',
		);
		// The VMs of hyperv2, listed from hyperv1.
		expect(screen).toMatch(/PSComputerName/);
		// The headline names the method once: "FIXED. $using:cred: ...", not "FIXED. Fixed with ...".
		expect(screen).toContain(
			'Result: FIXED. $using:cred: hyperv1.contoso.com reaches hyperv2.contoso.com with the credential you pass',
		);
		expect(screen).toContain("At your console: PS> $cred = Get-Credential 'CONTOSO\\admin'");
		expect(session.runner.getState().changes).toEqual([]);
		untouched();
	});

	test('a no at the proof runs nothing and changes nothing', async () => {
		session = startSession('classic');
		await enterTargetsWith(session, '');
		await session.answer('Which method?', 'u');
		await session.answer('Run it on hyperv1', 'n');
		await session.finished();
		expect(fold(session.screen())).toContain('You said no: the rewritten command was not run');
		expect(session.runner.getState().conclusion?.verdict).toBe('declined');
		untouched();
	});

	test('an SMB second hop: $using:cred and RBKCD fit before CredSSP, both offered; the UNC path becomes a drive opened with the credential', async () => {
		session = startSession('classic');
		await enterTargetsWith(session, 'Get-ChildItem \\\\hyperv2.contoso.com\\c$');
		await session.waitFor('Which method? [u/r/j/a/c]');
		const choice = session.flat();
		expect(choice).toContain('Get-ChildItem reaches hyperv2.contoso.com by SMB (a file share)');
		expect(choice).toContain('($using:cred) (fits, recommended)');
		expect(choice).toContain('2. Resource-based Kerberos constrained delegation (fits)');
		expect(choice).toMatch(/5\. CredSSP \(fits\)/);
		expect(choice).toContain(
			"r resource-based delegation: read hyperv2.contoso.com's computer object",
		);

		await session.answer('Which method?', 'u');
		await session.waitFor('Run it on hyperv1.contoso.com to prove it? [y/N]');
		expect(fold(session.live())).toContain(
			"New-PSDrive -Name Hop2Share -PSProvider FileSystem -Root '\\\\hyperv2.contoso.com\\c$' -Credential $using:cred | Out-Null; Get-ChildItem Hop2Share:\\",
		);
		await session.answer('Run it on hyperv1', 'y');
		await session.finished();
		expect(session.screen()).toContain('Result: FIXED.');
		untouched();
	});

	test('a nested WinRM hop: RBKCD is not offered, and the screen says why', async () => {
		session = startSession('classic');
		await enterTargetsWith(
			session,
			'Invoke-Command -ComputerName hyperv2.contoso.com { hostname }',
		);
		await session.waitFor('Which method? [u/a/c]');
		const choice = session.flat();
		expect(choice).toContain(
			'Invoke-Command reaches hyperv2.contoso.com by WinRM (a nested remoting session)',
		);
		expect(choice).toContain(
			`2. Resource-based Kerberos constrained delegation (does not fit): The second hop is WinRM (a nested remoting session): Microsoft's guide says resource-based constrained delegation "doesn't support the second hop for WinRM"`,
		);
		await session.answer('Which method?', 'u');
		await session.answer('Run it on hyperv1', 'y');
		await session.finished();
		expect(fold(session.screen())).toContain(
			'Invoke-Command -ComputerName hyperv2.contoso.com { hostname } -Credential $using:cred',
		);
		expect(session.screen()).toContain('Result: FIXED.');
		untouched();
	});

	test('CredSSP chosen: the risk step follows, and the choice is recorded by its own line, not the whole list again', async () => {
		session = startSession('classic');
		await enterTargetsWith(session, '');
		await session.answer('Which method?', 'c');
		await session.waitFor('Step 6 of 10: Understand the risk');
		const screen = fold(session.screen());
		expect(screen).toContain('Method: CredSSP (your choice)');
		// The ways were on screen with the question: the choice records its own line, not all again.
		expect(
			screen.split('1. Pass the credential to the inner command ($using:cred)').length - 1,
		).toBe(1);
		expect(screen).toMatch(/Method: CredSSP \(your choice\)\s+5\. CredSSP \(fits\)/);
	});

	test('the diagnosis names the cause without presuming CredSSP; what CredSSP needs is said once it is chosen', async () => {
		session = startSession('classic');
		await enterTargetsWith(session, '');
		await session.waitFor('Which method? [u/j/a/c]');
		const diagnosed = session.flat();
		expect(diagnosed).toContain(
			'FOUND Step 5/10 Diagnose: Double hop: hyperv1.contoso.com has no credential to pass on to hyperv2.contoso.com',
		);
		expect(diagnosed).not.toContain('CredSSP needs');
		await session.answer('Which method?', 'c');
		await session.waitFor('Continue with CredSSP');
		expect(fold(session.live())).toContain(
			'CredSSP needs: the client side on this machine and the server side on hyperv1.contoso.com',
		);
	});

	test('a nested WinRM hop: the CredSSP risk screen does not offer RBKCD as an alternative', async () => {
		session = startSession('classic');
		await enterTargetsWith(
			session,
			'Invoke-Command -ComputerName hyperv2.contoso.com { hostname }',
		);
		await session.answer('Which method?', 'c');
		await session.waitFor('Continue with CredSSP');
		const risk = fold(session.live());
		expect(risk).toContain('Safer alternatives (no CredSSP):');
		expect(risk).not.toContain('Resource-based Kerberos constrained delegation');
	});

	test('an SMB second hop: the CredSSP risk screen offers RBKCD, which fits it', async () => {
		session = startSession('classic');
		// The second hop is the share's server (one the lab has): delegation is set on its object.
		await session.answer('First hop', '');
		await session.answer('Second hop', '');
		await session.answer(
			'Command to run',
			`${'\u007f'.repeat(40)}Get-ChildItem \\\\hyperv2.contoso.com\\share`,
		);
		await session.answer('User name', '');
		await session.answer('Password for', labPassword);
		await session.answer('Which method?', 'c');
		await session.waitFor('Continue with CredSSP');
		expect(fold(session.live())).toContain(
			'Resource-based Kerberos constrained delegation: doublehop --method rbkcd adds hyperv1 to who may delegate',
		);
	});

	test('a command that does not say how it reaches the second hop: the protocol is asked, and decides what fits', async () => {
		session = startSession('classic');
		await enterTargetsWith(session, '.\\Sync-Reports.ps1');
		await session.waitFor('How does the command reach hyperv2.contoso.com? [s/w/m/q/o]');
		expect(session.flat()).toContain(
			'The command does not say: doublehop finds no -ComputerName, UNC path or SQL instance in it.',
		);
		await session.answer('How does the command reach', 's');
		// $using:cred cannot be written into a script of one's own: RBKCD or CredSSP.
		await session.waitFor('Which method? [r/a/c]');
		const screen = session.flat();
		expect(screen).toContain('Second hop protocol: SMB (a file share) (your answer)');
		expect(screen).toContain(
			'2. Resource-based Kerberos constrained delegation (fits, recommended)',
		);
		expect(screen).toContain(
			'1. Pass the credential to the inner command ($using:cred) (does not fit)',
		);
		untouched();
	});

	test('--method using-cred: no question about the method; the rewritten command is still shown and asked for', async () => {
		const stateDir = mkdtempSync(join(tmpdir(), 'doublehop-method-'));
		session = await startCliSession('classic', stateDir, {method: 'using-cred'});
		await enterTargets(session);
		await session.waitFor('Run it on hyperv1.contoso.com to prove it? [y/N]');
		expect(session.flat()).not.toContain('Which method?');
		expect(session.flat()).toContain(
			'Method: Pass the credential to the inner command ($using:cred) (given with --method)',
		);
		await session.answer('Run it on hyperv1', 'y');
		await session.finished();
		expect(session.screen()).toContain('Result: FIXED.');
		untouched();
	});

	test.each([
		['protected-users', 'CredSSP cannot work for CONTOSO\\admin'],
		['gpo-client', 'CredSSP cannot be completed from here'],
	])(
		'%s with --method using-cred: where CredSSP cannot work, $using:cred is still shown, proven and nothing changed',
		async (name, why) => {
			const stateDir = mkdtempSync(join(tmpdir(), 'doublehop-method-'));
			session = await startCliSession(name, stateDir, {method: 'using-cred'});
			await enterTargets(session);
			await session.waitFor('Run it on hyperv1.contoso.com to prove it? [y/N]');
			expect(session.flat()).toContain(why);
			await session.answer('Run it on hyperv1', 'y');
			await session.finished();
			expect(session.screen()).toContain('Result: FIXED.');
			expect(session.host.snapshot().machines).toEqual(scenario(name).machines);
		},
	);

	test('where CredSSP cannot work, the result names --method using-cred as the way to prove the alternative', async () => {
		session = startSession('protected-users');
		await enterTargets(session);
		// JEA and RunAs are offered in CredSSP's place now; stopping there ends as before.
		await session.answer('Which method?', 's');
		await session.finished();
		expect(session.flat()).toContain(
			'doublehop --method using-cred shows your command with $using:cred and runs it on hyperv1.contoso.com to prove it, changing nothing.',
		);
	});
});

describe('--method over a double hop CredSSP already carries', () => {
	test('using-cred on already-working: said to work through CredSSP, proven with $using:cred, CredSSP named with how to turn it off, not taken away', async () => {
		const stateDir = mkdtempSync(join(tmpdir(), 'doublehop-over-credssp-ui-'));
		session = await startCliSession('already-working', stateDir, {method: 'using-cred'});
		await enterTargets(session);
		await session.waitFor('Run it on hyperv1.contoso.com to prove it? [y/N]');
		const asked = fold(session.screen());
		expect(asked).toContain(
			'The command works today on hyperv1.contoso.com through CredSSP, which --method using-cred is meant to replace',
		);
		expect(asked).toContain('It works on hyperv1.contoso.com only through CredSSP');
		await session.answer('Run it on hyperv1', 'y');
		// A no at each turn-off question keeps CredSSP as it was, and the advice.
		await session.answer('Take wsman/hyperv1.contoso.com out', 'n');
		await session.answer('Stop hyperv1.contoso.com accepting CredSSP', 'n');
		await session.finished();
		const screen = fold(session.screen());
		expect(screen).toContain(
			'Result: FIXED. $using:cred: hyperv1.contoso.com reaches hyperv2.contoso.com with the credential you pass',
		);
		expect(screen).toContain(
			'CredSSP is still on: doublehop did not set it up, so it does not take it away.',
		);
		expect(screen).toContain(
			'PS> Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Disable-WSManCredSSP -Role Server }',
		);
		// wsman/hyperv1.contoso.com is the list's only wsman/ entry: Disable-WSManCredSSP -Role Client
		// (which deletes every one, CredSSP.cs DeleteDelegateSettings) takes out that one alone.
		expect(screen).toContain(
			'This machine delegates to hyperv1.contoso.com by CredSSP (wsman/hyperv1.contoso.com, set up before doublehop; no other wsman/ entry). To take it out, in an elevated shell here:',
		);
		expect(screen).toContain('PS> Disable-WSManCredSSP -Role Client');
		const machines = session.host.snapshot().machines;
		expect(machines['hyperv1']?.credssp.server).toBe(true);
		expect(machines['admin-ws']?.credssp.client).toBe(true);
	});

	test('the turn-off step: each side at its own yes, journalled, listed at the end, and put back exactly by doublehop undo', async () => {
		const stateDir = mkdtempSync(join(tmpdir(), 'doublehop-credssp-off-ui-'));
		session = await startCliSession('already-working', stateDir, {method: 'using-cred'});
		await enterTargets(session);
		await session.answer('Run it on hyperv1', 'y');
		await session.waitFor(
			"Take wsman/hyperv1.contoso.com out of this machine's delegation list? [y/N]",
		);
		const client = fold(session.live());
		expect(client).toContain('Step 7 of 7: Turn CredSSP off');
		expect(client).toContain(
			'Only wsman/hyperv1.contoso.com goes; every other entry stays (Disable-WSManCredSSP -Role Client would delete every wsman/ entry).',
		);
		await session.answer('Take wsman/hyperv1.contoso.com out', 'y');
		await session.waitFor('Stop hyperv1.contoso.com accepting CredSSP? [y/N]');
		const server = fold(session.live());
		expect(server).toContain(
			'Other clients may rely on hyperv1.contoso.com accepting CredSSP: doublehop cannot see who connects to it with -Authentication CredSSP.',
		);
		expect(server).toContain(
			'PS> Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Disable-WSManCredSSP -Role Server }',
		);
		await session.answer('Stop hyperv1.contoso.com accepting CredSSP', 'y');
		await session.finished();
		const screen = fold(session.screen());
		expect(screen).toContain(
			'Result: FIXED. $using:cred: hyperv1.contoso.com reaches hyperv2.contoso.com with the credential you pass',
		);
		expect(screen).toContain(
			'Changed delegation entry wsman/hyperv1.contoso.com on ADMIN-WS (this machine)',
		);
		expect(screen).toContain('Changed WinRM service CredSSP on hyperv1.contoso.com');
		expect(screen).toContain('CredSSP is off for this hop now');
		expect(screen).not.toContain('Nothing was changed on any machine');
		expect(screen).toContain(
			'$using:cred changed nothing; the changes below turn CredSSP off, at your yes, and the undo takes them back.',
		);
		expect(screen).not.toContain('To stop it, once nothing else needs it');
		expect(screen).toContain('To take back the changes made: PS> doublehop undo');
		const after = session.host.snapshot().machines;
		expect(after['hyperv1']?.credssp.server).toBe(false);
		expect(after['admin-ws']?.allowFreshCredentials).toEqual([]);
		session.unmount();

		const undo = (await startCliSession('already-working', stateDir, {mode: 'undo'})) as Session;
		session = undo;
		for (;;) {
			await undo.waitFor(
				/(User name|Password for|Undo this change on .*\? \[y\/N\])[^\n]*$|Result:/,
			);
			const last = undo.screen().trimEnd().split('\n').at(-1) ?? '';
			if (undo.screen().includes('Result:')) break;
			if (last.includes('User name')) await undo.answer('User name', '');
			else if (last.includes('Password for')) await undo.answer('Password for', labPassword);
			else await undo.answer('Undo this change', 'y');
		}
		await undo.finished();
		expect(undo.flat()).toContain('Result: UNDONE.');
		// Back exactly as the lab was before the run: the entry in its place, the server role on.
		expect(undo.host.snapshot().machines).toEqual(scenario('already-working').machines);
	});

	test('the turn-off step answered no twice: nothing changed, and the advice stays', async () => {
		const stateDir = mkdtempSync(join(tmpdir(), 'doublehop-credssp-off-no-'));
		session = await startCliSession('already-working', stateDir, {method: 'using-cred'});
		await enterTargets(session);
		await session.answer('Run it on hyperv1', 'y');
		await session.answer('Take wsman/hyperv1.contoso.com out', 'n');
		await session.answer('Stop hyperv1.contoso.com accepting CredSSP', 'n');
		await session.finished();
		const screen = fold(session.screen());
		expect(screen).toContain(
			'CredSSP is still on: doublehop did not set it up, so it does not take it away.',
		);
		expect(screen).toContain(
			'PS> Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Disable-WSManCredSSP -Role Server }',
		);
		expect(screen).toContain(
			'(wsman/hyperv1.contoso.com, set up before doublehop; no other wsman/ entry)',
		);
		expect(screen).toContain('Nothing was changed on any machine, so there is nothing to undo.');
		expect(session.host.snapshot().machines).toEqual(scenario('already-working').machines);
	});

	test('using-cred where others share the delegation list: only wsman/<hop1> is taken out, and a wildcard that also covers hop 1 is named', async () => {
		const lab = scenario('already-working');
		const client = lab.machines['admin-ws'];
		if (client === undefined) throw new Error('no admin-ws');
		client.allowFreshCredentials = [
			'TERMSRV/*',
			'wsman/sql1.contoso.com',
			'wsman/hyperv1.contoso.com',
			'wsman/*.contoso.com',
		];
		session = mount(
			createLabHost({scenario: lab}),
			initialState({defaults: lab.defaults, method: 'using-cred'}),
			{},
		);
		await enterTargets(session);
		await session.answer('Run it on hyperv1', 'y');
		await session.waitFor("Take wsman/hyperv1.contoso.com out of this machine's delegation list?");
		expect(fold(session.live())).toContain(
			'wsman/*.contoso.com in the same list also covers hyperv1.contoso.com',
		);
		await session.answer('Take wsman/hyperv1.contoso.com out', 'n');
		await session.answer('Stop hyperv1.contoso.com accepting CredSSP', 'n');
		await session.finished();
		const screen = fold(session.screen());
		// Through the cmdlets, which write Registry.pol as well as HKLM (a refresh keeps the entry
		// out): every wsman/ entry out, then the others back; TERMSRV/* is not a wsman/ entry.
		expect(screen).toContain(
			"PS> Disable-WSManCredSSP -Role Client; Enable-WSManCredSSP -Role Client -DelegateComputer sql1.contoso.com,'*.contoso.com' -Force",
		);
		expect(screen).toContain('the second puts back wsman/sql1.contoso.com, wsman/*.contoso.com');
		expect(screen).toContain(
			'wsman/*.contoso.com in the same list also covers hyperv1.contoso.com: removing wsman/hyperv1.contoso.com alone does not stop delegation to it.',
		);
	});
});
