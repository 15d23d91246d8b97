// A domain first hop reached by its FQDN whose computer account lacks its WSMAN SPNs: CredSSP
// can only NTLM-authenticate it (0x803381A4). The way out is the two setspn -S commands, run by
// whoever may write the account's servicePrincipalName; doublehop shows them and runs neither.
// Whether the SPNs exist is read (any domain user may) before CredSSP changes anything; where the
// read cannot answer, or says they exist, the verify still catches the failure afterwards.
import {afterEach, describe, expect, test} from 'vitest';
import type {LabHost} from '../../source/hosts/lab/lab-host.js';
import type {WsmanSpnRead} from '../../source/windows/records.js';
import {
	acceptEveryChange,
	chooseCredSsp,
	enterTargets,
	scenario,
	type Session,
	startSession,
} from '../helpers/session.js';

let session: Session | undefined;
afterEach(() => session?.unmount());

/** The lab, with the SPN read answering `read` instead (the directory out of reach, say). */
const answering = (read: WsmanSpnRead) => (host: LabHost) =>
	({...host, readWsmanSpn: async () => ({ok: true, value: read})}) as LabHost;

describe('a first hop without its WSMAN SPNs', () => {
	test('said before any change: the read is shown, the result is BLOCKED with setspn -S for the FQDN and the short name and $using:cred; nothing is changed', async () => {
		session = startSession('missing-spn');
		await enterTargets(session);
		await chooseCredSsp(session);
		await session.finished();
		const end = session.flat();
		// The read, as the admin would type it, and what it found.
		expect(end).toContain(
			"([adsisearcher]'(servicePrincipalName=WSMAN/hyperv1.contoso.com)').FindAll()",
		);
		expect(end).toContain('hyperv1.contoso.com has no WSMAN SPNs');
		expect(end).toContain('Result: BLOCKED.');
		expect(end).toContain('Nothing was changed.');
		// No risk question, no change asked for.
		expect(end).not.toContain('Continue with CredSSP');
		expect(end).not.toContain('Make this change');
		expect(end).toContain('setspn -S WSMAN/hyperv1.contoso.com HYPERV1');
		expect(end).toContain('setspn -S WSMAN/hyperv1 HYPERV1');
		expect(end).toContain('setspn -L HYPERV1');
		expect(end).toContain(
			'a domain admin, or someone allowed to write the servicePrincipalName of HYPERV1',
		);
		expect(end).toContain('-Credential $using:cred');
		const summary = end.slice(end.indexOf('Result: BLOCKED.'));
		expect(summary).not.toContain('TrustedHosts -Value');
		expect(summary).toContain('Not TrustedHosts');
		const state = session.runner.getState();
		expect(state.conclusion?.verdict).toBe('blocked');
		expect(state.changes).toEqual([]);
		expect(session.host.snapshot().machines).toEqual(scenario('missing-spn').machines);
	});

	test.each<[string, WsmanSpnRead]>([
		[
			'the directory cannot be read',
			{
				readable: false,
				reason: 'The specified domain either does not exist or could not be contacted.',
				hresult: -2147023541,
			},
		],
		[
			'the read says they exist',
			{
				readable: true,
				spns: [
					{spn: 'WSMAN/hyperv1.contoso.com', accounts: ['HYPERV1$']},
					{spn: 'WSMAN/hyperv1', accounts: ['HYPERV1$']},
				],
			},
		],
	])(
		'%s: the changes are asked for as before, and the verify names setspn -S, without sending the admin back to the names',
		async (_name, read) => {
			session = startSession('missing-spn', {wrapHost: answering(read)});
			await enterTargets(session);
			await acceptEveryChange(session, 'n');
			await session.finished();
			const end = session.flat();
			expect(end).toContain('because the computer is not trusted');
			expect(end).toContain('Result: FAILED.');
			expect(end).toContain('hyperv1.contoso.com has no WSMAN SPNs');
			expect(end).toContain('setspn -S WSMAN/hyperv1.contoso.com HYPERV1');
			expect(end).toContain('setspn -S WSMAN/hyperv1 HYPERV1');
			expect(end).toContain('Not TrustedHosts');
			// The names typed and the Kerberos session are right: no earlier step would help.
			expect(end).not.toContain('This is handled at step 2');
			expect(session.runner.getState().conclusion?.verdict).toBe('failed');
			// doublehop changed only the two CredSSP settings; the SPNs are the admin's next step.
			const lab = session.host.snapshot();
			expect(lab.machines.hyperv1?.wsmanSpn).toBe(false);
			expect(lab.machines.hyperv2).toEqual(scenario('missing-spn').machines.hyperv2);
		},
	);

	test("only the short name's SPN registered, the FQDN typed: CredSSP asks for WSMAN/<FQDN>, so it is BLOCKED before any change, naming that SPN", async () => {
		session = startSession('missing-spn', {
			wrapHost: answering({
				readable: true,
				spns: [
					{spn: 'WSMAN/hyperv1.contoso.com', accounts: []},
					{spn: 'WSMAN/hyperv1', accounts: ['HYPERV1$']},
				],
			}),
		});
		await enterTargets(session);
		await chooseCredSsp(session);
		await session.finished();
		const end = session.flat();
		expect(end).toContain('Result: BLOCKED.');
		expect(end).toContain('Nothing was changed.');
		expect(end).not.toContain('Continue with CredSSP');
		expect(end).toContain('setspn -S WSMAN/hyperv1.contoso.com HYPERV1');
		// The short name's SPN is there: not added again.
		expect(end).not.toContain('setspn -S WSMAN/hyperv1 HYPERV1');
		expect(session.runner.getState().changes).toEqual([]);
		expect(session.host.snapshot().machines).toEqual(scenario('missing-spn').machines);
	});

	test('a first hop with its SPNs: the read finds them, and CredSSP goes on to its risk', async () => {
		const reads: string[][] = [];
		session = startSession('classic', {
			wrapHost: (host) =>
				({
					...host,
					readWsmanSpn: (spns: string[]) => {
						reads.push(spns);
						return host.readWsmanSpn(spns);
					},
				}) as LabHost,
		});
		await enterTargets(session);
		await chooseCredSsp(session);
		await session.waitFor('Continue with CredSSP');
		expect(reads).toEqual([['WSMAN/hyperv1.contoso.com', 'WSMAN/hyperv1']]);
		// Said, so the admin knows it was checked (before: nothing on screen).
		expect(session.flat()).toContain(
			"WSMAN/hyperv1.contoso.com and WSMAN/hyperv1 are registered for HYPERV1's computer account: CredSSP can authenticate hyperv1.contoso.com with Kerberos.",
		);
	});
});
