// A paste of several error records ($Error | Out-String): the answer is for one, says so, and fills
// in that record's hosts, never a name from the record beside it.
import {describe, expect, test} from 'vitest';
import {explain} from '../../source/commands/explain.js';
import {recordAt, recordCount} from '../../source/knowledge/records-in-text.js';

// Two records as Windows PowerShell 5.1 prints them: a wrong password for blep, then the Kerberos
// SPN error of https://github.com/dataplat/dbatools/issues/316 for devsql.
const logonFailure = [
	'New-PSSession : [blep] Connecting to remote server blep failed with the following error message : The user name or password is incorrect. For more information, see the about_Remote_Troubleshooting Help topic.',
	'At line:1 char:1',
	'+ New-PSSession blep',
	'+ ~~~~~~~~~~~~~~~~~~',
	'    + CategoryInfo          : OpenError: (System.Manageme....RemoteRunspace:RemoteRunspace) [New-PSSession], PSRemotingTransportException',
	'    + FullyQualifiedErrorId : LogonFailure,PSSessionOpenFailed',
].join('\n');
const spn = [
	'Invoke-Command : Connecting to remote server devsql failed with the following error message : WinRM cannot process the request. The following error with errorcode 0x80090322 occurred while using Kerberos authentication: An unknown security error occurred. For more information, see the about_Remote_Troubleshooting Help topic.',
	'At line:1 char:1',
	'+ Invoke-Command -ComputerName devsql { hostname }',
	'+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~',
	'    + CategoryInfo          : OpenError: (devsql:String) [], PSRemotingTransportException',
	'    + FullyQualifiedErrorId : -2144108387,PSSessionStateBroken',
].join('\n');
const both = `${logonFailure}\n${spn}\n`;
const options = {json: false, ascii: true, width: 100};

describe('several errors in one paste', () => {
	test("the answer's command names the host of the record it is about", () => {
		const answer = JSON.parse(explain(both, {...options, json: true}).stdout) as {
			entry: string;
			nextCommand: string;
		};
		expect(answer.entry).toBe('kerberos-spn');
		// Before: setspn -Q HTTP/blep, the host of the other error (a wrong password).
		expect(answer.nextCommand).toBe('setspn -Q HTTP/devsql');
	});

	test('the text says there were several, and how to see the others', () => {
		expect(explain(both, options).stdout).toContain(
			'The text holds 2 errors: this answer is for the one with the strongest evidence',
		);
		expect(explain(spn, options).stdout).not.toContain('The text holds');
	});

	test('records split after a trailer and at a prompt; one record is the whole text', () => {
		expect(recordCount(both)).toBe(2);
		expect(recordAt(both, both.indexOf('devsql'))).toBe(`${spn}\n`);
		const typed = `PS C:\\> New-PSSession blep\n${logonFailure}\nPS C:\\> Invoke-Command -ComputerName devsql { hostname }\n${spn}`;
		expect(recordAt(typed, typed.indexOf('0x80090322'))).toMatch(/^PS C:\\> Invoke-Command/);
		expect(recordCount(spn)).toBe(1);
		expect(recordAt('Access is denied.', 3)).toBe('Access is denied.');
	});
});
