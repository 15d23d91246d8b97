// The guided flow reads an error with its own state as context, and its --json record carries what
// the knowledge base made of it: one cause, or (issue 14) the causes ranked and the question that
// tells them apart, valid against the published schema.
import {readFileSync} from 'node:fs';
import {Ajv2020} from 'ajv/dist/2020.js';
import {describe, expect, test} from 'vitest';
import {jsonReport} from '../../source/report/json-report.js';
import {addLog, errorDetails} from '../../source/tree/common.js';
import {initialState} from '../../source/tree/reducer.js';
import type {ErrorRecord} from '../../source/windows/records.js';

const schema = JSON.parse(
	readFileSync(new URL('../../source/report/result.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv2020({allErrors: true}).compile(schema);

// A bare "Access is denied" as Windows PowerShell prints a command's own failure (reference §1.3).
const bare: ErrorRecord = {
	message: 'Access is denied.',
	fullyQualifiedErrorId: 'System.ComponentModel.Win32Exception',
	categoryInfo: 'NotSpecified: (:) [], Win32Exception',
	exceptionType: 'System.ComponentModel.Win32Exception',
};

function loggedStep(error: ErrorRecord) {
	const state = initialState({
		inputs: {
			hop1: 'hyperv1.contoso.com',
			hop2: 'fs01.contoso.com',
			command: 'Get-ChildItem \\\\fs01\\share',
		},
	});
	const log = addLog(state, {status: 'failed', title: 'Reproduced', details: [], error});
	const report = jsonReport({...state, log}, {version: '0', host: 'lab', exitCode: 1});
	expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
	return report.steps[0]!;
}

describe('an error in the guided flow', () => {
	test('a bare "Access is denied" on this machine: ambiguous in --json, with the question', () => {
		const step = loggedStep(bare);
		expect(step.diagnosis).toMatchObject({
			status: 'ambiguous',
			causes: ['remote-access-denied', 'second-hop-denied', 'needs-elevation'],
		});
		expect(step.diagnosis?.status === 'ambiguous' && step.diagnosis.question).toContain(
			'third machine',
		);
	});

	test('its details end with the next command apart from its words: a check to tell the causes apart, or what to run, and where', () => {
		const state = initialState({inputs: {hop1: 'hyperv1.contoso.com'}});
		const next = (error: ErrorRecord) =>
			errorDetails(state, error).find((step) => typeof step !== 'string');
		expect(next(bare)).toMatchObject({say: expect.stringMatching(/^Next: A check to run /)});
		const refused: ErrorRecord = {
			message:
				'Connecting to remote server hyperv1.contoso.com failed with the following error message : WinRM cannot complete the operation. Verify that the specified computer name is valid, that the computer is accessible over the network, and that a firewall exception for the WinRM service is enabled and allows access from this computer. For more information, see the about_Remote_Troubleshooting Help topic.',
			fullyQualifiedErrorId: 'WinRMOperationTimeout,PSSessionStateBroken',
			categoryInfo: 'OpenError: (hyperv1.contoso.com:String) [], PSRemotingTransportException',
			exceptionType: 'System.Management.Automation.Remoting.PSRemotingTransportException',
		};
		expect(next(refused)).toEqual({
			say: 'Next: Run on this computer:',
			run: expect.stringContaining('hyperv1.contoso.com'),
		});
	});

	test("the same text raised on the first hop by the admin's command reaching a share: the second hop first", () => {
		const step = loggedStep({...bare, psComputerName: 'hyperv1.contoso.com'});
		expect(step.diagnosis?.causes[0]).toBe('second-hop-denied');
	});
});
