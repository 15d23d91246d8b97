// Errors seen in the same situations that are not remoting or delegation problems: an honest
// "not recognised", with the closest entries offered as candidates, never as the answer.
import {describe, expect, test} from 'vitest';
import {diagnose} from '../../source/knowledge/diagnose.js';

describe('unrelated errors', () => {
	test.each([
		[
			"Get-VM : The term 'Get-VM' is not recognized as the name of a cmdlet, function, script file, or operable program.",
		],
		['Get-VM : Hyper-V was unable to find a virtual machine with name "N1".'],
		[
			"Get-SCVirtualMachine : A parameter cannot be found that matches parameter name 'ComputerName'.",
		],
		["Remove-Item : Access to the path 'C:\\Windows\\x.dll' is denied."],
		['curl: (7) Failed to connect to localhost port 8080: Connection refused'],
		[
			'Invoke-Command : One or more computer names are not valid. If you are trying to pass a URI, use the -ConnectionUri parameter.',
		],
		['Something went wrong.'],
		// Numbers that are counts, not an HTTP status or a WinRM port (before: ambiguous, exit 0).
		['Robocopy finished: 5986 files copied, 401 skipped.'],
		['Copied 401 files to the backup folder.'],
		["Get-ADUser : Cannot find an object with identity: '401' under: 'DC=contoso,DC=com'."],
	])('%s', (text) => {
		const diagnosis = diagnose(text);
		expect(diagnosis.status).toBe('not-recognised');
		expect(diagnosis.best).toBeUndefined();
		expect(diagnosis.confidence).toBe('none');
		expect(diagnosis.evidence).toEqual([]);
	});

	test('a near miss offers its closest entry as a candidate', () => {
		const diagnosis = diagnose(
			"Login failed for user 'DOMAIN\\User1'. Reason: Could not find a login matching the name provided. [CLIENT: 127.0.0.1]",
		);
		expect(diagnosis.status).toBe('not-recognised');
		expect(diagnosis.candidates.map((candidate) => candidate.entry.id)).toContain(
			'second-hop-sql-anonymous',
		);
	});

	test('a partial match is a candidate, first', () => {
		const diagnosis = diagnose(
			"The 'Out-String' command was found in the module 'Microsoft.PowerShell.Utility', but the module could not be loaded.",
		);
		expect(diagnosis.status).toBe('not-recognised');
		expect(diagnosis.candidates[0]).toMatchObject({why: 'partial-match'});
		expect(diagnosis.candidates[0]?.entry.id).toBe('second-hop-module-on-share');
	});

	test('candidates are at most three', () => {
		// Words that many entries share: more than three are close, three are offered.
		const diagnosis = diagnose(
			'The request failed: delegation, policy, listener, service, trusted.',
		);
		expect(diagnosis.status).toBe('not-recognised');
		expect(diagnosis.candidates).toHaveLength(3);
		expect(diagnosis.candidates.every((candidate) => candidate.why === 'similar-words')).toBe(true);
	});

	test('401 as an HTTP status, and 5985 or 5986 as a port, still count', () => {
		for (const text of [
			'Error: http response error: 401 - invalid content type',
			'Got HTTP 401 from server',
			'HTTPConnectionPool(host=10.0.0.5, port=5985): Max retries exceeded with url: /wsman',
			'Test-NetConnection hv1 -Port 5986: TcpTestSucceeded : False',
		])
			expect(diagnose(text).status, text).not.toBe('not-recognised');
	});
});
