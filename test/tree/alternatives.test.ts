// The alternatives to CredSSP, filled in with the admin's own command (pure).
import {describe, expect, test} from 'vitest';
import {stepText} from '../../source/tree/common.js';
import {alternativesFor} from '../../source/tree/risk.js';

const passed = (command: string) =>
	stepText(alternativesFor({hop1: 'hyperv1', hop2: 'hyperv2', command})[0] ?? '');

describe('the $using:cred alternative', () => {
	test('the credential goes to the command that reaches the second hop, not to a later pipeline stage', () => {
		expect(passed('Get-VM -ComputerName hyperv2 | Select-Object Name')).toContain(
			'{ Get-VM -ComputerName hyperv2 -Credential $using:cred | Select-Object Name }',
		);
	});

	test('a UNC path is mapped with New-PSDrive, since FileSystem takes a credential only there', () => {
		// The same rewrite the $using:cred method runs: the path is read through the mapped drive.
		expect(passed('Test-Path \\\\fs01\\share')).toContain(
			"New-PSDrive -Name Hop2Share -PSProvider FileSystem -Root '\\\\fs01\\share' -Credential $using:cred | Out-Null; Test-Path Hop2Share:\\",
		);
	});

	test('an account that cannot be delegated is not offered Kerberos delegation', () => {
		const targets = {hop1: 'hyperv1', hop2: 'hyperv2', command: 'Get-VM'};
		expect(alternativesFor(targets).map(stepText).join('\n')).toContain(
			'PrincipalsAllowedToDelegateToAccount',
		);
		expect(alternativesFor(targets, {delegable: false}).map(stepText).join('\n')).not.toContain(
			'PrincipalsAllowedToDelegateToAccount',
		);
	});
});

describe('the resource-based delegation alternative', () => {
	test('names doublehop --method rbkcd and the merge, never a Set-ADComputer that replaces the principals there', () => {
		const line = stepText(
			alternativesFor({hop1: 'hyperv1.contoso.com', hop2: 'fs01.contoso.com', command: 'dir'}).at(
				-1,
			) ?? '',
		);
		expect(line).toContain('doublehop --method rbkcd adds hyperv1 to who may delegate to fs01');
		expect(line).toContain('merged with the principals already there');
		expect(line).not.toContain('(Get-ADComputer');
	});
});
