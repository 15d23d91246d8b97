// Non-PowerShell WinRM clients refused at logon (issue 14, tune rows): pywinrm's HTTP 401 and the
// NTSTATUS that its CredSSP transport (requests_credssp) passes on are the first hop refusing the logon.
import {expect, test} from 'vitest';
import {expectNotRemotingFirst, firstCauses} from './answers.js';

test("pywinrm's UnauthorizedError on HTTP 401 is a refused logon", () => {
	// https://github.com/diyan/pywinrm/issues/93 (real-tune.jsonl)
	const text =
		'  File "build\\bdist.win-amd64\\egg\\winrm\\transport.py", line 125, in send_message\n' +
		"    raise UnauthorizedError(transport='plaintext', message=ex.msg)\n" +
		'UnauthorizedError: 401 Unauthorized. ';
	expect(firstCauses(text)[0]).toBe('trustedhosts-or-auth');
});

test("requests_credssp's STATUS_LOGON_FAILURE (0xC000006D) is a refused logon", () => {
	// https://github.com/diyan/pywinrm/issues/235 (real-tune.jsonl)
	const text =
		'requests_credssp.exceptions.NTStatusException: Received error status from the server: (3221225581) STATUS_LOGON_FAILURE 0xc000006d';
	expect(firstCauses(text)[0]).toBe('trustedhosts-or-auth');
});

test('the same NTSTATUS from an SMB client, no WinRM in sight, is first not a remoting problem', () => {
	// https://github.com/microsoft/WindowsProtocolTestSuites/issues/247 (an SMB test suite)
	expectNotRemotingFirst(
		'Now I get error `STATUS_LOGON_FAILURE`, due to GSS error',
		'trustedhosts-or-auth',
	);
});
