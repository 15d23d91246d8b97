// Cause class delegation-policy (§2.3 E2): the entries that recognise it.
import {decisive, hresult, phrase, strong, type Entry} from '../entry.js';
import {allowDelegatingFreshTail} from './shared.js';
import {notConfiguredToDelegate, inEveryLanguage} from './translations.js';

export const delegationPolicy: Entry[] = [
	{
		id: 'delegation-no-match',
		class: 'delegation-policy',
		name: 'No delegation entry matches the name you typed',
		cause:
			'"Allow delegating fresh credentials" is off, or none of its WSMAN/ entries matches the -ComputerName ' +
			'exactly as typed (short name vs FQDN vs wildcard). A domain GPO on the same policy replaces local ' +
			'entries.',
		notToBeConfusedWith: [
			{
				entry: 'client-credssp-disabled',
				howToTell:
					'same "Allow Delegating Fresh Credentials" ending; that one starts "CredSSP authentication is currently disabled".',
			},
			{
				entry: 'delegation-ntlm-only',
				howToTell: 'same opening; that one continues "because the computer is not trusted".',
			},
		],
		nextCommand: 'Enable-WSManCredSSP -Role Client -DelegateComputer <hop1>',
		runOn: 'client',
		stage: 'client',
		reference: '2.3 E2',
		matchers: {
			phrases: [
				phrase(
					'does not allow the delegation of the user credentials to the target computer. Use gpedit',
					decisive,
				),
				phrase(
					'does not allow the delegation of the user credentials to the target computer',
					strong,
				),
				phrase(allowDelegatingFreshTail, strong),
				// CredSSP's own words cut before "to the target computer" (a WMI client over CredSSP,
				// real-ghmd-coruja-wmi-credssp-01); the longer phrases shadow it where they match.
				phrase('A computer policy does not allow the delegation of the user credentials', strong),
				// German Windows; github.com/AutomatedLab/AutomatedLab/issues/1078
				phrase(
					'Eine Computerrichtlinie ermöglicht nicht die Delegierung der Benutzeranmeldeinformationen an den Zielcomputer. Verwenden Sie "gpedit.msc"',
					decisive,
					'de',
				),
				phrase(
					'Eine Computerrichtlinie ermöglicht nicht die Delegierung der Benutzeranmeldeinformationen an den Zielcomputer',
					strong,
					'de',
				),
			],
			codes: [hresult('0x803381A3')],
		},
	},

	{
		id: 'get-wsmancredssp-no-delegation',
		class: 'delegation-policy',
		name: 'Get-WSManCredSSP: no WSMAN/ delegation entry on this computer',
		cause:
			'Get-WSManCredSSP reads the effective "Allow delegating fresh credentials" list: it has no WSMAN/ ' +
			'entry, so CredSSP to any first hop will be refused.',
		notToBeConfusedWith: [
			{
				entry: 'get-wsmancredssp-server-off',
				howToTell:
					'the second line of Get-WSManCredSSP is about receiving credentials (the server role).',
			},
		],
		nextCommand: 'Enable-WSManCredSSP -Role Client -DelegateComputer <hop1>',
		sessionless: true,
		runOn: 'client',
		stage: 'client',
		reference: '3.1',
		matchers: {
			phrases: inEveryLanguage(notConfiguredToDelegate, strong),
		},
	},
];
