// WinRM's refusal of a RunAs account and password (0x803381C3), told apart in any language. The
// record carries no fault code (the WSMan provider keeps only the fault's f:Message text,
// PowerShell's ConfigProvider.cs AssertError) and the text is in the language WinRM answers in;
// the error id `write-error $_` gives it inside Register-PSSessionConfiguration is never translated.
import {describe, expect, test} from 'vitest';
import {
	isRunAsCredentialRefused,
	runAsCredentialsNotVerified,
	runAsDisabledByPolicy,
	runAsRefusedErrorId,
} from '../../source/windows/runas-credentials.js';
import type {ErrorRecord} from '../../source/windows/records.js';

const record = (message: string, fullyQualifiedErrorId = runAsRefusedErrorId): ErrorRecord => ({
	message,
	fullyQualifiedErrorId,
	categoryInfo: 'InvalidOperation: (:) [Write-Error], InvalidOperationException',
	exceptionType: 'System.InvalidOperationException',
});

// Not a real translation (none is quoted here without a source): any text that is not English.
const otherLanguage = '<WinRM text of 0x803381C3 in the language of the first hop>';

describe('WinRM refused the RunAs account and password', () => {
	test('in English, by its words', () => {
		expect(isRunAsCredentialRefused(record(runAsCredentialsNotVerified))).toBe(true);
	});

	test('in another language, by the error id, which is not translated', () => {
		expect(isRunAsCredentialRefused(record(otherLanguage))).toBe(true);
		expect(isRunAsCredentialRefused(record(otherLanguage, runAsRefusedErrorId.toUpperCase()))).toBe(
			true,
		);
	});

	test('not the policy that forbids storing RunAs credentials, nor another command', () => {
		expect(isRunAsCredentialRefused(record(runAsDisabledByPolicy))).toBe(false);
		expect(
			isRunAsCredentialRefused(
				record(otherLanguage, 'WsManError,Microsoft.PowerShell.Commands.NewItemCommand'),
			),
		).toBe(false);
	});
});
