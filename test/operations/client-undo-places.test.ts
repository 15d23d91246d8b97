// The client undo takes doublehop's entries out of each place the list lives, as that place is
// now: the local Group Policy object's Registry.pol and HKLM. HKLM may hold more than the local
// GPO (an entry added by reg add, a domain GPO's entries); those stay. Where a domain GPO owns the
// list (RSOP), HKLM is its copy and is left to Group Policy, which recomputes it at the next refresh.
import {describe, expect, test} from 'vitest';
import {
	restoreClientCommands,
	restoreClientPlan,
} from '../../source/operations/enable-client-credssp.js';
import {policyPaths} from '../../source/windows/policy-paths.js';

const hyperv1 = 'wsman/hyperv1.contoso.com';
const byHand = 'wsman/sql01.contoso.com';
const domain = 'wsman/*.contoso.com';

describe('restoreClientPlan: each place loses only what doublehop added', () => {
	test('an entry only HKLM holds (reg add) stays there, with the switch on', () => {
		const plan = restoreClientPlan(
			{
				enabled: true,
				allowFreshCredentials: [hyperv1, byHand],
				localGpoAllowFreshCredentials: [hyperv1],
			},
			[hyperv1],
			false,
			undefined,
			[],
		);
		expect(plan.list).toEqual([]);
		expect(plan.hklm).toEqual({values: [byHand]});
		const shown = restoreClientCommands(plan).join('\n');
		expect(shown).toContain(`-Name 1 -PropertyType String -Value '${byHand}'`);
		expect(shown).toContain('-Name AllowFreshCredentials -PropertyType DWord -Value 1');
	});

	test('the switches go back as they were in the local GPO, but stay on in HKLM for its own entry', () => {
		const off = {allowFresh: 0, concatenateDefaults: null};
		const plan = restoreClientPlan(
			{
				enabled: true,
				allowFreshCredentials: [hyperv1, byHand],
				localGpoAllowFreshCredentials: [hyperv1],
			},
			[hyperv1],
			true,
			{hklm: off, localGpo: off},
			[],
		);
		expect(plan.switches).toEqual({
			hklm: {allowFresh: 1, concatenateDefaults: 1},
			localGpo: off,
		});
	});

	test('a domain GPO owns the list now: only the local GPO is written, HKLM is left to Group Policy, and the screen says so', () => {
		const plan = restoreClientPlan(
			{
				enabled: true,
				allowFreshCredentials: [domain],
				localGpoAllowFreshCredentials: [hyperv1],
				policyDelegation: {value: [domain], ...policyPaths.allowFreshCredentials},
			},
			[hyperv1],
			false,
			undefined,
			[],
		);
		expect(plan).toMatchObject({list: [], hklm: 'group-policy', turnOff: true});
		const shown = restoreClientCommands(plan).join('\n');
		expect(shown).not.toContain('HKLM:\\SOFTWARE\\Policies');
		expect(shown).toContain(
			'# HKLM left as it is: a domain GPO owns Allow delegating fresh credentials',
		);
		expect(restoreClientCommands(plan, true).join('\n')).toContain('-LeaveHklm $true');
	});

	test('HKLM the same as the local GPO: written to match, as before', () => {
		const plan = restoreClientPlan(
			{enabled: true, allowFreshCredentials: [byHand, hyperv1]},
			[hyperv1],
			true,
			undefined,
			[byHand],
		);
		expect(plan).toEqual({list: [byHand], turnOff: false});
	});
});
