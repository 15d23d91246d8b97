// Cause class credential-required (§2.3 E5): the entries that recognise it.
import {decisive, hresult, phrase, type Entry} from '../entry.js';
import {mechanismNeedsCredential, inEveryLanguage} from './translations.js';

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
	{
		id: 'auth-mechanism-needs-credential',
		class: 'credential-required',
		name: 'Basic, Digest or CredSSP was requested without -Credential',
		cause:
			'Basic, Digest and CredSSP log on only with a user name and password given explicitly: they never ' +
			'use the logon of the current session. Add -Credential.',
		notToBeConfusedWith: [
			{
				entry: 'credssp-needs-credential',
				howToTell:
					"that one is WinRM's own refusal (0x803381A1); this one is PowerShell's, before connecting.",
			},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop1> -Authentication CredSSP -Credential (Get-Credential) -ScriptBlock { hostname }',
		runOn: 'client',
		stage: 'targets',
		reference: 'fixtures',
		matchers: {
			// PowerShell's own text (RemotingErrorIdStrings.resx, AuthenticationMechanismRequiresCredential,
			// "{0} authentication requires an explicit user name and password. ..."; RemoteDiscoveryHelper.cs).
			phrases: inEveryLanguage(mechanismNeedsCredential, decisive),
		},
	},
];
