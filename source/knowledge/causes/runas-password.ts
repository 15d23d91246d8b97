// Cause class runas-password (the policy that forbids storing one is gpo-controlled's): a RunAs
// session configuration (Register-PSSessionConfiguration -RunAsCredential) stores an
// account's password on the first hop. Texts are WinRM's own (wsmerror.h, as
// dahall/Vanara PInvoke/WsmSvc/wsmerror.cs transcribes it); how they surface is in
// windows/runas-credentials.ts (PowerShell's CustomShellCommands.cs and ConfigProvider.cs).
import {decisive, hresult, phrase, type Entry} from '../entry.js';

export const runAsPassword: Entry[] = [
	{
		id: 'runas-password-not-verified',
		class: 'runas-password',
		name: 'WinRM could not verify the RunAs account password',
		cause:
			'Register-PSSessionConfiguration -RunAsCredential (or Set-Item WSMan:\\localhost\\Plugin\\<name>\\RunAsUser) ' +
			'gave WinRM an account and password that do not log on: a wrong password, or a locked, disabled or ' +
			'mistyped account. Register-PSSessionConfiguration removes the configuration again, so nothing is ' +
			'left registered. Register it again with the right password.',
		notToBeConfusedWith: [
			{
				entry: 'runas-shell-failed',
				howToTell:
					'that one comes when a session opens to a configuration already registered; this one when registering.',
			},
		],
		nextCommand:
			"Test-WSMan -ComputerName <hop1> -Authentication Negotiate -Credential (Get-Credential 'DOMAIN\\runas-account')",
		runOn: 'client',
		stage: 'diagnose',
		reference: 'wsmerror.h 0x803381C3 ERROR_WSMAN_RUNAS_INVALIDUSERCREDENTIALS',
		matchers: {
			phrases: [
				phrase(
					'The WinRM runAs configuration operation cannot be completed because the user credentials could not be verified',
					decisive,
				),
			],
			codes: [hresult('0x803381C3')],
		},
	},
	{
		id: 'runas-shell-failed',
		class: 'runas-password',
		name: 'A RunAs configuration cannot start its shell (its stored password no longer works)',
		cause:
			"The session configuration runs as an account whose password it stored when it was registered. That password no longer logs on (it was changed, or the account is locked or disabled), or Group Policy now forbids stored RunAs credentials. Register the configuration again with the account's current password (Set-PSSessionConfiguration -RunAsCredential), or use JEA with a group managed service account, whose password the domain changes itself.",
		notToBeConfusedWith: [
			{
				entry: 'runas-disabled-by-policy',
				howToTell:
					'that one refuses the registration itself; this one a session to a configuration already registered.',
			},
		],
		nextCommand:
			'Get-PSSessionConfiguration | Where-Object RunAsUser | Select-Object Name, RunAsUser; Get-ItemProperty HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Service -Name DisableRunAs -ErrorAction SilentlyContinue',
		runOn: 'hop1',
		stage: 'diagnose',
		reference: 'wsmerror.h 0x803381DF ERROR_WSMAN_CREATESHELL_RUNAS_FAILED',
		alternatives: ['gpo-controlled'],
		tellApart:
			"On the first hop, is DisableRunAs 1 under HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Service? Then Group Policy forbids stored RunAs credentials. If not, the RunAs account's password changed since the configuration was registered.",
		matchers: {
			phrases: [phrase('Verify that the RunAsPassword value is correctly configured', decisive)],
			codes: [hresult('0x803381DF')],
		},
	},
];
