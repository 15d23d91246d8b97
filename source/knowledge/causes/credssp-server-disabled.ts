// Cause class credssp-server-disabled (§2.3 E4): the entries that recognise it.
import {decisive, phrase, strong, supporting, type Entry} from '../entry.js';
import {notConfiguredToReceive, inEveryLanguage} from './translations.js';

export const credsspServerDisabled: Entry[] = [
	{
		id: 'server-credssp-disabled',
		class: 'credssp-server-disabled',
		name: 'The first hop does not offer CredSSP',
		cause:
			'CredSSP was requested but the WinRM service on the first hop does not offer it ' +
			'(WSMan:\\localhost\\Service\\Auth\\CredSSP is false): the mechanisms it lists leave CredSSP out. ' +
			'The same message appears for another mechanism the server does not offer (Basic) or for unencrypted ' +
			'traffic.',
		notToBeConfusedWith: [
			{
				entry: 'client-credssp-disabled',
				howToTell:
					'that one is this computer\'s client side: "currently disabled in the client configuration".',
			},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { Enable-WSManCredSSP -Role Server -Force }',
		runOn: 'client',
		stage: 'server',
		reference: '2.3 E4',
		alternatives: ['trustedhosts-or-auth'],
		// The message names no mechanism: it is printed for whichever one the client asked for and the
		// service does not offer (wsmerror.h text; §2.3 E4), so only the command tells which.
		tellApart:
			'Did the command ask for -Authentication CredSSP? Then the first hop does not offer CredSSP ' +
			'(the mechanisms listed after "Possible authentication mechanisms reported by server" leave it ' +
			'out). Did it ask for Basic, Kerberos or the default? Then that mechanism, or unencrypted traffic, ' +
			'is what the first hop refuses: use one it lists.',
		matchers: {
			phrases: [
				phrase(
					'The authentication mechanism requested by the client is not supported by the server',
					strong,
				),
				phrase('Possible authentication mechanisms reported by server', supporting),
				phrase('CredSSP', supporting),
			],
		},
	},
	{
		id: 'server-credssp-not-offered-pywinrm',
		class: 'credssp-server-disabled',
		name: 'The first hop did not offer CredSSP to pywinrm/psrp',
		cause:
			'Ansible (pywinrm or psrp with requests-credssp) asked for CredSSP, but the WinRM service on the ' +
			'Windows host only offers the mechanisms listed after "actual". Enable the server role there.',
		notToBeConfusedWith: [
			{
				entry: 'credentials-rejected',
				howToTell:
					'"credentials were rejected" means the mechanism was offered but the logon failed.',
			},
		],
		nextCommand: 'Enable-WSManCredSSP -Role Server -Force',
		runOn: 'hop1',
		stage: 'server',
		reference: '2.3 E4',
		matchers: {
			phrases: [
				phrase('did not response CredSSP being an available authentication method', decisive),
			],
		},
	},
	{
		id: 'credssp-role-server-no-delegate',
		class: 'credssp-server-disabled',
		name: 'Enable-WSManCredSSP -Role Server with -DelegateComputer',
		cause:
			'The server role takes no -DelegateComputer: run it on the first hop without that parameter.',
		notToBeConfusedWith: [
			{
				entry: 'credssp-role-client-needs-delegate',
				howToTell: 'the client role requires -DelegateComputer.',
			},
		],
		nextCommand: 'Enable-WSManCredSSP -Role Server -Force',
		runOn: 'hop1',
		stage: 'server',
		reference: '2.3 E9',
		matchers: {
			phrases: [
				phrase(
					'The DelegateComputer parameter cannot be used when the Role parameter value is Server',
					decisive,
				),
			],
		},
	},
	{
		id: 'get-wsmancredssp-server-off',
		class: 'credssp-server-disabled',
		name: 'Get-WSManCredSSP: this computer does not accept CredSSP',
		cause:
			'Get-WSManCredSSP says the WinRM service of the computer it ran on does not accept delegated ' +
			'credentials. On the first hop, that is the server role to enable.',
		notToBeConfusedWith: [
			{
				entry: 'get-wsmancredssp-no-delegation',
				howToTell:
					'the first line of Get-WSManCredSSP is about sending credentials (the client role).',
			},
		],
		nextCommand: 'Enable-WSManCredSSP -Role Server -Force',
		sessionless: true,
		runOn: 'hop1',
		stage: 'server',
		reference: '3.1',
		matchers: {
			phrases: inEveryLanguage(notConfiguredToReceive, strong),
		},
	},
];
