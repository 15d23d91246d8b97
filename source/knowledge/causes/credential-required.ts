// Cause class credential-required (§2.3 E5): the entries that recognise it.
import {decisive, hresult, phrase, type Entry} from '../entry.js';

export const credentialRequired: Entry[] = [
	{
		id: 'credssp-needs-credential',
		class: 'credential-required',
		name: 'CredSSP was requested without -Credential',
		cause:
			'WinRM uses CredSSP only with explicit credentials: it will not delegate the credentials of the ' +
			'current logon. Add -Credential.',
		notToBeConfusedWith: [
			{
				entry: 'client-credssp-disabled',
				howToTell:
					'that one is CredSSP switched off; this one is CredSSP on but no credential given.',
			},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop1> -Authentication CredSSP -Credential (Get-Credential) -ScriptBlock { hostname }',
		runOn: 'client',
		stage: 'targets',
		reference: '2.3 E5',
		matchers: {
			phrases: [
				phrase(
					'Requests must include user name and password when CredSSP authentication mechanism is used',
					decisive,
				),
			],
			codes: [hresult('0x803381A1')],
		},
	},
];
