import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {
	acceptEveryChange,
	enterTargets,
	fold,
	scenario,
	type Session,
	startSession,
} from '../helpers/session.js';

let session: Session | undefined;
afterEach(() => session?.unmount());

describe('classic Hyper-V double hop from a clean client', () => {
	test('walks every step to a working fix and changes exactly the two CredSSP settings', async () => {
		session = startSession('classic');
		await enterTargets(session);

		// The failing hop's error, exactly as PowerShell prints it.
		await session.answer('Which method?', 'c');
		await session.waitFor('Step 6 of 10: Understand the risk');
		const screen = session.flat();
		expect(screen).toContain(
			fold(
				'You do not have permission to perform the operation. Contact your administrator if you believe you should have permission to perform this operation.',
			),
		);
		expect(screen).toContain(
			fold(
				'+ CategoryInfo : PermissionDenied: (:) [Get-VM], VirtualizationOperationFailedException',
			),
		);
		expect(screen).toContain(
			'+ FullyQualifiedErrorId : AccessDenied,Microsoft.HyperV.PowerShell.Commands.GetVMCommand',
		);
		expect(screen).toContain('+ PSComputerName : hyperv1.contoso.com');
		expect(session.screen()).toMatch(/^ {6}\+ CategoryInfo {10}: /m);
		expect(screen).toContain("receives CONTOSO\\admin's reusable credentials");
		expect(screen).toContain('Safer alternatives');

		await session.answer('Continue with CredSSP to hyperv1.contoso.com only? [y/N]', 'y');
		await session.waitFor(
			'Step 7 of 10: Allow delegation on this client - on ADMIN-WS (this machine)',
		);
		expect(session.live()).toContain(
			'PS> Enable-WSManCredSSP -Role Client -DelegateComputer hyperv1.contoso.com -Force',
		);
		expect(session.live()).toContain('Delegation list after: wsman/hyperv1.contoso.com');
		expect(session.live()).toContain('WinRM client CredSSP: off');
		// Nothing changes until the admin says yes.
		expect(session.host.snapshot().machines['admin-ws']?.credssp.client).toBe(false);

		await session.answer('Make this change on ADMIN-WS (this machine)? [y/N]', 'y');
		await session.waitFor('Step 8 of 10: Accept CredSSP on the first hop - on hyperv1.contoso.com');
		expect(session.live()).toContain('Enable-WSManCredSSP -Role Server -Force');
		await session.answer('Make this change on hyperv1.contoso.com? [y/N]', 'y');
		await session.answer('Create an HTTPS listener on hyperv1.contoso.com? (optional) [y/N]', 'n');
		await session.finished();

		const end = session.screen();
		expect(session.flat()).toContain(
			'-Authentication CredSSP -ScriptBlock { Get-VM -ComputerName hyperv2.contoso.com }',
		);
		expect(end).toMatch(/sql01\s+Running/);
		// Each says what happened once: not "Result: FIXED. Fixed:", nor "Reproduce ...: Reproduced:".
		expect(session.flat()).toContain(
			'Result: FIXED. hyperv1.contoso.com can now reach hyperv2.contoso.com with your credentials',
		);
		expect(session.flat()).toContain(
			'Reproduce the second hop: The command fails on hyperv1.contoso.com when it reaches hyperv2.contoso.com',
		);
		expect(session.runner.getState().conclusion?.verdict).toBe('fixed');

		const lab = session.host.snapshot();
		expect(lab.machines['admin-ws']?.credssp.client).toBe(true);
		expect(lab.machines['admin-ws']?.allowFreshCredentials).toEqual(['wsman/hyperv1.contoso.com']);
		expect(lab.machines.hyperv1?.credssp.server).toBe(true);
		expect(lab.machines.hyperv1?.listeners.map((l) => l.transport)).toEqual(['HTTP']);
		// Nothing else moved: hyperv2 is as the scenario left it.
		expect(lab.machines.hyperv2).toEqual(scenario('classic').machines.hyperv2);
	});

	test('a second run on the same lab finds it already fixed and changes nothing', async () => {
		const stateFile = join(mkdtempSync(join(tmpdir(), 'doublehop-')), 'lab.json');
		session = startSession('classic', {stateFile});
		await enterTargets(session);
		await acceptEveryChange(session, 'y');
		await session.finished();
		expect(session.screen()).toContain('Result: FIXED.');
		// The listener it made is reached with -UseSSL: the summary says how, and that the check ran
		// over HTTP (before: nothing used or named the new listener).
		expect(session.flat()).toContain(
			'Over the HTTPS listener this run made (the first hop proves itself by its certificate; verified above over HTTP only): PS> Invoke-Command -ComputerName hyperv1.contoso.com -UseSSL',
		);
		session.unmount();

		session = startSession('classic', {stateFile});
		await enterTargets(session);
		await session.finished();
		const end = session.screen();
		expect(end).toContain('CredSSP is already configured on both sides');
		expect(end).toContain('Result: ALREADY-FIXED.');
		// Said once, by the result's own line (not again as an empty list of changes).
		expect(end).toContain('Nothing was changed.');
		expect(end).not.toContain('None. Nothing on any machine was changed.');
		expect(end).not.toContain('[y/N]');
		const lab = session.host.snapshot();
		expect(lab.machines['admin-ws']?.allowFreshCredentials).toEqual(['wsman/hyperv1.contoso.com']);
		expect(lab.machines.hyperv1?.listeners.map((l) => l.transport)).toEqual(['HTTP', 'HTTPS']);
	});
});
