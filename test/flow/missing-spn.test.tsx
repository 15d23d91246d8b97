// A domain first hop reached by its FQDN whose computer account lacks its WSMAN SPNs: CredSSP
// can only NTLM-authenticate it (0x803381A4). The way out is the two setspn -S commands, run by
// whoever may write the account's servicePrincipalName; doublehop shows them and runs neither.
import {afterEach, describe, expect, test} from 'vitest';
import {
	acceptEveryChange,
	enterTargets,
	scenario,
	type Session,
	startSession,
} from '../helpers/session.js';

let session: Session | undefined;
afterEach(() => session?.unmount());

describe('a first hop without its WSMAN SPNs', () => {
	test('the result names setspn -S for the FQDN and the short name, who may run it and setspn -L to check; not TrustedHosts; AD is not touched', async () => {
		session = startSession('missing-spn');
		await enterTargets(session);
		await acceptEveryChange(session, 'n');
		await session.finished();
		const end = session.flat();
		expect(end).toContain('because the computer is not trusted');
		expect(end).toContain('Result: FAILED.');
		expect(end).toContain('hyperv1.contoso.com has no WSMAN SPNs');
		expect(end).toContain('setspn -S WSMAN/hyperv1.contoso.com HYPERV1');
		expect(end).toContain('setspn -S WSMAN/hyperv1 HYPERV1');
		expect(end).toContain('setspn -L HYPERV1');
		expect(end).toContain(
			'a domain admin, or someone allowed to write the servicePrincipalName of HYPERV1',
		);
		const summary = end.slice(end.indexOf('Result: FAILED.'));
		expect(summary).not.toContain('TrustedHosts -Value');
		expect(summary).toContain('Not TrustedHosts');
		expect(session.runner.getState().conclusion?.verdict).toBe('failed');
		// doublehop changed only the two CredSSP settings; the SPNs are the admin's next step.
		const lab = session.host.snapshot();
		expect(lab.machines.hyperv1?.wsmanSpn).toBe(false);
		expect(lab.machines.hyperv2).toEqual(scenario('missing-spn').machines.hyperv2);
	});
});
