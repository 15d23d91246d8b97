// Issue 14: second-hop refusals as other services print them, named when a remote session is in
// sight and answered with "not a remoting problem" beside them when not.
import {describe, expect, test} from 'vitest';
import {diagnose} from '../../source/knowledge/diagnose.js';
import {messages} from './messages.js';

const causes = (text: string) => {
	const diagnosis = diagnose(text);
	if (diagnosis.status === 'not-recognised') return [];
	return diagnosis.status === 'ambiguous' ? diagnosis.causes : [diagnosis.best.class];
};

describe('Active Directory refusing a cmdlet', () => {
	test('the domain controller rejecting the credentials, no remote session in sight', () => {
		// https://github.com/jakehildreth/adcs-snippets/issues/2 (fixed by passing -Credential)
		expect(causes('Get-ADRootDSE : The server has rejected the client credentials.')).toEqual([
			'second-hop-denied',
			'unrelated',
			'remote-access-denied',
		]);
	});

	test('the same inside Enter-PSSession: the second hop first', () => {
		expect(
			causes(
				'[hyperv1]: PS C:\\> Get-ADRootDSE\nGet-ADRootDSE : The server has rejected the client credentials.',
			)[0],
		).toBe('second-hop-denied');
	});

	test('System.DirectoryServices.Protocols words the LDAP operations error without the "s"', () => {
		// https://github.com/zjorz/Public-AD-Scripts/issues/35 (a script run in a remote session)
		expect(
			causes(
				'Exception Type......: System.DirectoryServices.Protocols.DirectoryOperationException\nException Message...: An operation error occurred.',
			)[0],
		).toBe('second-hop-denied');
	});
});

test('a logon refused in a block raised on the first hop is the second hop', () => {
	const nested =
		messages.firstHopAccessDenied
			.replaceAll('hyperv1', 'hyperv2')
			.replace('Access is denied', 'The user name or password is incorrect')
			.replace('AccessDenied,PSSessionStateBroken', 'LogonFailure,PSSessionStateBroken') +
		'\n    + PSComputerName        : hyperv1';
	expect(causes(nested)[0]).toBe('second-hop-denied');
});
