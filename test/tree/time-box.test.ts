// --for through the reducer on the lab: what a time box covers, and what it says it does not.
import {expect, test} from 'vitest';
import {runLab} from '../report/lab-run.js';

test('a first hop without Kerberos: TrustedHosts and the NTLM-only entry are named as outside the time box', async () => {
	const {final} = await runLab('ip-first-hop', {
		timeBoxMinutes: 60,
		answers: {
			'use-name': false,
			'trusted-hosts': true,
			'ntlm-only': true,
			risk: true,
			client: true,
			server: true,
			revert: true,
		},
	});
	expect(final.conclusion?.verdict).toBe('fixed');
	const [reverts, outside] = final.conclusion?.details ?? [];
	expect(reverts).toMatch(
		/^CredSSP reverts at \d\d:\d\d UTC \(in 1 h\) on 10\.0\.0\.21 and on this machine$/,
	);
	expect(outside).toMatch(
		/^Not in the time box \(until you undo it\): .*TrustedHosts.* on .*; .*NTLM/,
	);
});

test('a dry run with --for changes nothing and says the revert tasks come after the verify', async () => {
	const {final} = await runLab('classic', {
		timeBoxMinutes: 60,
		dryRun: true,
		answers: {risk: true, client: true, server: true, revert: true},
	});
	expect(final.conclusion?.verdict).toBe('needs-changes');
	expect(final.conclusion?.details).toContain(
		'With --for, once the fix is verified, a revert task on each machine changed is asked for too.',
	);
	expect(final.changes.every((change) => change.dryRun === true)).toBe(true);
});
