// Cause class credssp-client-disabled (§2.3 E1): the entries that recognise it.
import {decisive, hresult, phrase, strong, supporting, type Entry} from '../entry.js';
import {allowDelegatingFreshTail} from './shared.js';
import {configurationCorrupted, inEveryLanguage} from './translations.js';

export const credsspClientDisabled: Entry[] = [
	{
		id: 'client-credssp-disabled',
		class: 'credssp-client-disabled',
		name: 'CredSSP is off in the WinRM client of this computer',
		cause:
			'The computer that starts the CredSSP connection has CredSSP disabled in its WinRM client ' +
			'configuration (WSMan:\\localhost\\Client\\Auth\\CredSSP), or a GPO ("Allow CredSSP authentication" ' +
			'under WinRM Client) turns it off. Enabling the client role also adds the delegation entry.',
		notToBeConfusedWith: [
			{
				entry: 'delegation-no-match',
				howToTell:
					'both messages end with "... Allow Delegating Fresh Credentials"; only this one says "CredSSP ' +
					'authentication is currently disabled in the client configuration".',
			},
			{
				entry: 'server-credssp-disabled',
				howToTell:
					'the server side says "authentication mechanism requested by the client is not supported".',
			},
			{
				entry: 'client-auth-mechanism-disabled',
				howToTell: 'Basic, Digest, Negotiate or Kerberos "is currently disabled": not CredSSP.',
			},
		],
		nextCommand: 'Enable-WSManCredSSP -Role Client -DelegateComputer <hop1>',
		runOn: 'client',
		stage: 'client',
		reference: '2.3 E1',
		supersedes: ['delegation-no-match'],
		matchers: {
			phrases: [
				phrase('CredSSP authentication is currently disabled', decisive),
				phrase(
					'CredSSP authentication must also be enabled in the server configuration',
					supporting,
				),
				phrase(allowDelegatingFreshTail, supporting),
			],
			codes: [hresult('0x803381A2')],
		},
	},
	{
		id: 'wac-cluster-aware-updating-credssp',
		class: 'credssp-client-disabled',
		name: 'Windows Admin Center needs CredSSP for Cluster-Aware Updating',
		cause:
			'Cluster-Aware Updating in Windows Admin Center uses CredSSP with explicit credentials (fixed in ' +
			'Windows Admin Center 2110). Enable the client role on the gateway for the cluster nodes.',
		notToBeConfusedWith: [
			{
				entry: 'credssp-needs-credential',
				howToTell: 'that one is WinRM asking for -Credential.',
			},
		],
		nextCommand: 'Enable-WSManCredSSP -Role Client -DelegateComputer <hop1>',
		runOn: 'client',
		stage: 'client',
		reference: '5',
		alternatives: ['credential-required'],
		matchers: {
			phrases: [
				phrase("You can't use Cluster-Aware updating tool without enabling CredSSP", strong),
			],
		},
	},
	{
		id: 'credssp-role-client-needs-delegate',
		class: 'credssp-client-disabled',
		name: 'Enable-WSManCredSSP -Role Client without -DelegateComputer',
		cause:
			'The client role needs the names it may delegate to. Give the first hop exactly as you type it in ' +
			'-ComputerName (the FQDN is safest).',
		notToBeConfusedWith: [
			{
				entry: 'credssp-role-server-no-delegate',
				howToTell: 'the server role refuses -DelegateComputer; the client role requires it.',
			},
		],
		nextCommand: 'Enable-WSManCredSSP -Role Client -DelegateComputer <hop1>',
		runOn: 'client',
		stage: 'client',
		reference: '2.3 E9',
		matchers: {
			phrases: [
				phrase(
					'The DelegateComputer parameter is mandatory when the Role parameter value is Client',
					decisive,
				),
			],
		},
	},
	{
		id: 'winrm-config-corrupted',
		class: 'credssp-client-disabled',
		name: 'The WinRM configuration of this computer is corrupted',
		cause:
			'Get-WSManCredSSP could not read the WinRM configuration: a node is missing. Restore the default ' +
			'configuration (elevated), then enable the CredSSP client role again.',
		notToBeConfusedWith: [],
		nextCommand: "winrm invoke Restore winrm/config '@{}'",
		runOn: 'client',
		stage: 'client',
		reference: '3.1',
		matchers: {
			phrases: [
				...inEveryLanguage(configurationCorrupted, decisive),
				phrase('The WS-Management configuration is corrupted', decisive),
			],
			codes: [hresult('0x80338005')],
		},
	},
];
