// A policy switch (AllowFreshCredentials, AllowFreshCredentialsWhenNTLMOnly) written as a REG_SZ
// '0' (`reg add ... /d 0` without /t REG_DWORD): how CredSSP reads a text where the ADMX writes a
// DWORD is not documented, so doublehop, the lab and the pwsh stubs take the cautious reading, the
// one that never claims a delegation that may not be in force: Disabled, as a DWORD 0 is.
import {describe, expect, test} from 'vitest';
import {coverageInForce, switchesText} from '../../source/windows/delegation.js';
import {effective} from '../../source/hosts/lab/simulate.js';
import {scenario} from '../helpers/session.js';

const off = {allowFresh: '0', concatenateDefaults: '1'};

describe("a switch stored as REG_SZ '0'", () => {
	test('its list is not in force: no entry covers the host', () => {
		// Before: covered, as "not Disabled", where the stubs read it Disabled.
		expect(coverageInForce(['wsman/*.contoso.com'], off, 'hyperv1.contoso.com')).toEqual({
			covered: false,
		});
		expect(
			coverageInForce(['wsman/*.contoso.com'], {...off, allowFresh: '1'}, 'hyperv1.contoso.com')
				.covered,
		).toBe(true);
	});

	test('it is named Disabled, with the value as it is stored', () => {
		expect(switchesText(off)).toBe(
			"Disabled (AllowFreshCredentials = '0' (REG_SZ), ConcatenateDefaults_AllowFresh = '1' (REG_SZ))",
		);
	});

	test('the lab delegates to no machine under it, as the stubs do', () => {
		const client = scenario('classic').machines['admin-ws']!;
		client.allowFreshCredentials = ['wsman/*.contoso.com'];
		client.allowFreshSwitches = off;
		expect(effective.allowFresh(client)).toEqual([]);
		client.allowFreshCredentialsNtlmOnly = ['wsman/*.contoso.com'];
		client.allowFreshNtlmOnlySwitches = off;
		expect(effective.allowFreshNtlmOnly(client)).toEqual([]);
	});
});
