// The gMSA's two names: the account (DOMAIN\name$, what WinRM runs as) and what the .pssc's
// GroupManagedServiceAccount takes (DOMAIN\name), since Register-PSSessionConfiguration appends
// the $ itself and refuses any form but DomainName\UserName (PowerShell's CustomShellCommands.cs,
// CreateGMSAAccountCredentials).
import {describe, expect, test} from 'vitest';
import {
	gmsaAccount,
	gmsaConfigurationName,
	psscLines,
} from '../../source/windows/session-configuration.js';

describe('a gMSA as the admin names it', () => {
	test.each(['CONTOSO\\jea-hv', 'CONTOSO\\jea-hv$', ' CONTOSO\\jea-hv$ '])(
		'%s is the account CONTOSO\\jea-hv$',
		(given) => {
			expect(gmsaAccount(given)).toEqual({ok: true, value: 'CONTOSO\\jea-hv$'});
		},
	);

	test.each([
		'jea-hv$',
		'jea-hv@contoso.com',
		'\\jea-hv',
		'CONTOSO\\',
		'CONTOSO\\$',
		'A\\B\\c',
		'CONTOSO\\jea-hv$$',
	])('%s is refused, as Register-PSSessionConfiguration would refuse it', (given) => {
		const checked = gmsaAccount(given);
		expect(checked.ok).toBe(false);
		expect(checked.ok ? '' : checked.reason).toContain(
			"Account name must be of the form 'DomainName\\UserName'.",
		);
	});

	test('GroupManagedServiceAccount takes it without its $, in the command and in the .pssc', () => {
		expect(gmsaConfigurationName('CONTOSO\\jea-hv$')).toBe('CONTOSO\\jea-hv');
		expect(
			psscLines({
				kind: 'jea',
				name: 'Doublehop.JEA',
				runAs: 'CONTOSO\\jea-hv$',
				roleAccount: 'CONTOSO\\admin',
				visibleCmdlets: ['Get-VM'],
			}),
		).toContain("GroupManagedServiceAccount = 'CONTOSO\\jea-hv'");
	});
});
