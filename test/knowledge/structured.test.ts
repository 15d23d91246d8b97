// ErrorRecords from the host layer: the id and HRESULT alone must be enough.
import {describe, expect, test} from 'vitest';
import type {ErrorRecord} from '../../source/windows/records.js';
import {diagnose} from '../../source/knowledge/diagnose.js';
import {ambiguousDiagnosis} from './answers.js';

function record(fields: Partial<ErrorRecord>): ErrorRecord {
	return {message: '', fullyQualifiedErrorId: '', categoryInfo: '', exceptionType: '', ...fields};
}

describe('structured ErrorRecord input', () => {
	test.each([
		['-2144108126,PSSessionOpenFailed', -2144108126, 'credssp-client-disabled'],
		['-2144108125,PSSessionStateBroken', -2144108125, 'delegation-policy'],
		['-2144108124,PSSessionStateBroken', -2144108124, 'not-trusted-for-delegation'],
		['-2144108127,PSSessionOpenFailed', -2144108127, 'credential-required'],
		['WinRMOperationTimeout,PSSessionStateBroken', -2144108250, 'unreachable'],
		['ServerNotTrusted,PSSessionStateBroken', -2144108316, 'trustedhosts-or-auth'],
		['-2144108102,PSSessionOpenFailed', -2144108102, 'https-listener'],
		['12175,PSSessionStateBroken', 12175, 'https-listener'],
		['AccessDenied,PSSessionStateBroken', 5, 'remote-access-denied'],
	])('%s', (fullyQualifiedErrorId, hresult, expected) => {
		const diagnosis = diagnose(record({fullyQualifiedErrorId, hresult}));
		expect(diagnosis.status).toBe('recognised');
		expect(diagnosis.best?.class).toBe(expected);
	});

	// Issue 14 calibration: 1312 alone is one id matcher, not decisive, and its entry declares the first
	// hop's logon as a rival: named first, with the check that tells the two apart.
	test('1312,PSSessionStateBroken: the second hop first, the first hop logon second, and how to tell', () => {
		const diagnosis = ambiguousDiagnosis(
			record({fullyQualifiedErrorId: '1312,PSSessionStateBroken', hresult: 1312}),
		);
		expect(diagnosis.causes).toEqual(['second-hop-denied', 'trustedhosts-or-auth']);
		expect(diagnosis.question).toContain('third machine');
		expect(diagnosis.question).toContain('Test-WSMan');
	});

	test('the HRESULT alone, unsigned or signed, is enough for a WinRM code', () => {
		expect(diagnose(record({hresult: 2150859170})).best?.class).toBe('credssp-client-disabled');
		expect(diagnose(record({hresult: -2144108101})).best?.class).toBe('trustedhosts-or-auth');
	});

	test('evidence ranges point into the rendered record', () => {
		const diagnosis = diagnose(
			record({
				message: 'You do not have permission to perform the operation.',
				fullyQualifiedErrorId: 'AccessDenied,Microsoft.HyperV.PowerShell.Commands.GetVMCommand',
				categoryInfo: 'PermissionDenied: (:) [Get-VM], VirtualizationOperationFailedException',
				exceptionType: 'Microsoft.HyperV.PowerShell.VirtualizationOperationFailedException',
				psComputerName: 'hyperv1',
			}),
		);
		expect(diagnosis.best?.id).toBe('second-hop-hyperv');
		for (const evidence of diagnosis.evidence) {
			expect(diagnosis.text.slice(evidence.start, evidence.end)).toBe(evidence.text);
		}
		expect(diagnosis.text).toContain('+ PSComputerName        : hyperv1');
	});

	test('an unknown id and code are not recognised', () => {
		const diagnosis = diagnose(
			record({fullyQualifiedErrorId: 'CommandNotFoundException', hresult: -2146233087}),
		);
		expect(diagnosis.status).toBe('not-recognised');
	});
});
