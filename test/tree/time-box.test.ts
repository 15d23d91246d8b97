// --for through the reducer on the lab: what a time box covers, and what it says it does not.
import {expect, test} from 'vitest';
import {handoverFromRun} from '../../source/report/handover/handover.js';
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
		/^CredSSP reverts at \d\d:\d\d UTC( on \d{4}-\d\d-\d\d)? \(in 1 h\) on 10\.0\.0\.21 and on this machine$/,
	);
	expect(outside).toMatch(
		/^Not in the time box \(until you undo it\): .*TrustedHosts.* on .*; .*NTLM/,
	);
});

test('a dry run with --for changes nothing, plans a revert task on each machine, and says they come after the verify', async () => {
	const {final} = await runLab('classic', {
		timeBoxMinutes: 60,
		dryRun: true,
		answers: {risk: true, client: true, server: true, revert: true},
	});
	expect(final.conclusion?.verdict).toBe('needs-changes');
	expect(final.conclusion?.details).toContain(
		"Planned: a revert task on hyperv1.contoso.com and on this machine, due 1 h after the real run's verify",
	);
	expect(final.changes.filter((change) => change.stage === 'revert')).toHaveLength(2);
	expect(final.changes.every((change) => change.dryRun === true)).toBe(true);
});

test('--export-dsc and --export-ansible name the revert tasks as not carried: an engine would keep CredSSP on', async () => {
	const {final} = await runLab('classic', {
		timeBoxMinutes: 120,
		answers: {risk: true, client: true, server: true, revert: true},
	});
	const {notCarried} = handoverFromRun(final);
	expect(notCarried).toEqual([
		expect.stringMatching(
			/^Scheduled revert task on hyperv1\.contoso\.com \(--for\): doublehop-revert-testrun-hop1 at \d\d:\d\d UTC( on \d{4}-\d\d-\d\d)?; an engine that applies this configuration keeps CredSSP on past it$/,
		),
		expect.stringMatching(/^Scheduled revert task on ADMIN-WS \(this machine\) \(--for\): /),
	]);
});
