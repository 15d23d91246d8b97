// The Security log's failed network logon (event 4625, logon type 3; learn.microsoft.com "4625(F)
// An account failed to log on": generated on the computer where access was attempted). Pasted from
// the first hop it is the logon of a WinRM client failing, but RDP and SMB log the same event, so
// with no remote session in sight the answer names "not a remoting problem" beside it (issue 14,
// tune miss real-winrm4j-124). Texts verbatim from public threads outside the measure set.
import {expect, test} from 'vitest';
import {diagnose} from '../../source/knowledge/diagnose.js';
import {firstCauses} from './answers.js';

test('a failed network logon from the Security log is a logon failure or no remoting problem', () => {
	// real-winrm4j-124 (https://github.com/cloudsoft/winrm4j/issues/124), winrm4j over NTLM
	const text =
		'4625: AUDIT_FAILURE An account failed to log on. Subject: Security ID: S-1-0-0 Account Name: - Account Domain: - Logon ID: 0x0 Logon Type: 3 Account For Which Logon Failed: Security ID: S-1-0-0 Account Name: username Account Domain: Failure Information: Failure Reason: An Error occurred during Logon. Status: 0xC0000225 Sub Status: 0x0';
	expect(diagnose(text).status).toBe('ambiguous');
	expect(firstCauses(text)).toEqual(['trustedhosts-or-auth', 'unrelated']);
});

test('the same event from a Remote Desktop logon keeps "not a remoting problem" among the first two', () => {
	// https://github.com/EvanAnderson/ts_block/issues/14 (RDP with TLS security layer)
	const text =
		'An account failed to log on.\n\nSubject:\n\tSecurity ID:\t\tNULL SID\n\tAccount Name:\t\t-\n\tAccount Domain:\t\t-\n\tLogon ID:\t\t0x0\n\nLogon Type:\t\t\t3\n\nAccount For Which Logon Failed:\n\tSecurity ID:\t\tNULL SID\n\tAccount Name:\t\tADMINISTRATOR\n\tAccount Domain:\t\t\n\nFailure Information:\n\tFailure Reason:\t\tUnknown user name or bad password.\n\tStatus:\t\t\t0xC000006D\n\tSub Status:\t\t0xC000006A';
	expect(firstCauses(text)).toContain('unrelated');
});

test("WinRM's own event 142, a refused operation, is the first hop refusing the account or the second hop, asking whose log it is", () => {
	// Microsoft-Windows-WinRM/Operational event 142 as Get-WinEvent | Format-List shows it (the message
	// as quoted in a public WinRM event parser: "WSMan operation CreateShell failed, error code 5").
	const text =
		'TimeCreated  : 12/6/2026 10:15:02 AM\nId           : 142\nProviderName : Microsoft-Windows-WinRM\nMessage      : WSMan operation CreateShell failed, error code 5';
	const diagnosis = diagnose(text);
	expect(diagnosis.status).toBe('ambiguous');
	expect(firstCauses(text)).toEqual(['remote-access-denied', 'second-hop-denied']);
	expect(diagnosis.status === 'ambiguous' && diagnosis.question).toMatch(/Whose WinRM log/);
	// Error code 50 is another error: not this one.
	expect(diagnose(text.replace('code 5', 'code 50')).best?.id).not.toBe(
		'winrm-event-operation-denied',
	);
});
