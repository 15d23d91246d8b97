// Cause class gpo-controlled (§2.3 E6, E7, §3.4): the entries that recognise it.
import {decisive, hresult, phrase, strong, supporting, type Entry} from '../entry.js';
import {settingCannotBeDisabled, settingCannotBeEnabled, inEveryLanguage} from './translations.js';

export const gpoControlled: Entry[] = [
	{
		id: 'gpo-winrm-setting',
		class: 'gpo-controlled',
		name: 'A WinRM setting is owned by Group Policy',
		cause:
			'A Group Policy under Windows Components > Windows Remote Management sets this value, so local ' +
			'changes are refused. Change the GPO (or set it to Not Configured), then gpupdate /force.',
		notToBeConfusedWith: [
			{
				entry: 'gpo-delegation-list-overridden',
				howToTell:
					'"the setting cannot be enabled" is the delegation list (Credentials Delegation), not a WinRM setting.',
			},
		],
		nextCommand: 'Get-ChildItem HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM -Recurse',
		runOn: 'where-it-failed',
		stage: 'client',
		reference: '2.3 E6',
		matchers: {
			phrases: [
				phrase('cannot be changed because is controlled by policies', decisive),
				phrase(
					'The policy would need to be set to "Not Configured" in order to change the config setting',
					supporting,
				),
				phrase('Cannot change GPO controlled setting', strong),
			],
			codes: [hresult('0x8033808A')],
		},
	},
	{
		id: 'gpo-credssp-setting',
		class: 'gpo-controlled',
		name: 'CredSSP in WinRM is owned by Group Policy',
		cause:
			'"Allow CredSSP authentication" is set by Group Policy (WinRM Client or WinRM Service), so ' +
			'Enable-WSManCredSSP cannot change it. Change the GPO, or ask its owner to.',
		notToBeConfusedWith: [
			{
				entry: 'server-credssp-disabled',
				howToTell: 'that one is CredSSP simply off, and Enable-WSManCredSSP -Role Server fixes it.',
			},
		],
		nextCommand:
			'Get-ItemProperty HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Client, HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Service -Name AllowCredSSP -ErrorAction SilentlyContinue',
		runOn: 'where-it-failed',
		stage: 'server',
		reference: '2.3 E6, 3.4',
		matchers: {
			phrases: [
				phrase(
					'The config setting CredSSP cannot be changed because is controlled by policies',
					decisive,
				),
				phrase('CredSSP is configured via Group Policies', strong),
			],
		},
	},
	{
		id: 'gpo-trustedhosts-setting',
		class: 'gpo-controlled',
		name: 'TrustedHosts is owned by Group Policy',
		cause:
			'The WinRM Client policy "Trusted Hosts" is set, so Set-Item WSMan:\\localhost\\Client\\TrustedHosts ' +
			'is refused. Add the host in the GPO, or set it to Not Configured and run gpupdate /force.',
		notToBeConfusedWith: [
			{
				entry: 'trustedhosts-required',
				howToTell:
					'that one asks you to add the host to TrustedHosts; this one is the change being refused.',
			},
		],
		nextCommand:
			'Get-ItemProperty HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Client -Name TrustedHosts, TrustedHostsList -ErrorAction SilentlyContinue',
		runOn: 'client',
		stage: 'first-hop',
		reference: '2.3 E6',
		matchers: {
			phrases: [
				phrase(
					'The config setting TrustedHosts cannot be changed because is controlled by policies',
					decisive,
				),
			],
		},
	},
	{
		id: 'gpo-delegation-list-overridden',
		class: 'gpo-controlled',
		name: 'A domain GPO owns the delegation list',
		cause:
			'Enable-WSManCredSSP wrote the delegation entry to the local policy, but a domain GPO configures ' +
			'"Allow delegating fresh credentials" and replaces the local list, so the entry never appears. Add ' +
			'WSMAN/<hop1> to that GPO.',
		notToBeConfusedWith: [
			{
				entry: 'gpo-winrm-setting',
				howToTell:
					'"cannot be changed because is controlled by policies" is a WinRM setting, not the list.',
			},
			{
				entry: 'delegation-no-match',
				howToTell:
					'that one is the list lacking your name at connection time; this one is the fix not sticking.',
			},
		],
		nextCommand:
			'Get-ItemProperty HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\AllowFreshCredentials',
		runOn: 'client',
		stage: 'client',
		reference: '2.3 E7',
		alternatives: ['delegation-policy'],
		matchers: {
			phrases: [
				...inEveryLanguage(settingCannotBeEnabled, decisive),
				...inEveryLanguage(settingCannotBeDisabled, decisive),
			],
			fqids: [
				{id: 'WsManError,Microsoft.WSMan.Management.EnableWSManCredSSPCommand', weight: supporting},
			],
		},
	},
	{
		id: 'gpo-firewall',
		class: 'gpo-controlled',
		name: 'Group Policy does not allow the WinRM firewall exception',
		cause:
			'winrm quickconfig could not add the firewall exception because Group Policy does not allow local ' +
			'firewall changes. Add the WinRM rule in the GPO.',
		notToBeConfusedWith: [
			{
				entry: 'firewall-public-profile',
				howToTell: 'that one is a Public network profile, fixed locally.',
			},
		],
		nextCommand:
			"Get-NetFirewallRule -Name 'WINRM-HTTP-In-TCP*' | Format-Table Name, Enabled, Profile, PolicyStoreSource",
		runOn: 'where-it-failed',
		stage: 'first-hop',
		reference: 'wsmerror.h',
		matchers: {
			phrases: [
				phrase('Group Policy does not allow local firewall changes', strong),
				phrase('Firewall does not allow exceptions', strong),
			],
			codes: [hresult('0x80338116'), hresult('0x80338117')],
		},
	},
	{
		id: 'gpo-remote-shell-access',
		class: 'gpo-controlled',
		name: 'The first hop accepts no remote shells (Allow Remote Shell Access)',
		cause:
			'WinRM on the first hop is set to refuse every new shell, and a PowerShell session is one. The ' +
			'setting is AllowRemoteShellAccess (winrm/config/winrs); hardened builds turn it off with the Group ' +
			'Policy "Allow Remote Shell Access" (Windows Components > Windows Remote Shell), which a local ' +
			'change cannot undo. Enable it in the GPO, or set it to Not Configured, then gpupdate /force.',
		notToBeConfusedWith: [],
		nextCommand: 'winrm get winrm/config/winrs',
		runOn: 'hop1',
		stage: 'first-hop',
		reference: 'fixtures (netwrix privilegesecure KB, the GPO "Allow Remote Shell Access")',
		alternatives: ['remote-access-denied'],
		tellApart:
			'On the first hop, is AllowRemoteShellAccess 0 under HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Service\\WinRS? Then Group Policy turned remote shells off. If not, `winrm get winrm/config/winrs` shows AllowRemoteShellAccess = false, set on that machine itself.',
		matchers: {
			phrases: [
				// WinRM's text when AllowRemoteShellAccess is false (WindowsRemoteShell.admx: "If you disable
				// this policy setting, new remote shell connections are rejected by the server").
				phrase('The service is configured to not accept any remote shell requests', decisive),
			],
		},
	},
	{
		// wsmerror.h's text (dahall/Vanara PInvoke/WsmSvc/wsmerror.cs); windows/runas-credentials.ts.
		id: 'runas-disabled-by-policy',
		class: 'gpo-controlled',
		name: 'Group Policy forbids WinRM from storing RunAs credentials',
		cause:
			'"Disallow WinRM from storing RunAs credentials" (Computer Configuration > Administrative Templates > Windows Components > Windows Remote Management (WinRM) > WinRM Service) is Enabled on the first hop, as security baselines set it, so no RunAs session configuration can be registered there. Use JEA with a group managed service account, which stores no password, or ask the GPO owner to set the policy to Disabled or Not Configured.',
		notToBeConfusedWith: [
			{
				entry: 'runas-password-not-verified',
				howToTell: 'that one is the password refused; this one refuses any stored password.',
			},
		],
		nextCommand:
			'Get-ItemProperty HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Service -Name DisableRunAs',
		runOn: 'hop1',
		stage: 'diagnose',
		reference: 'wsmerror.h 0x803381E0 ERROR_WSMAN_INVALID_XML_RUNAS_DISABLED',
		matchers: {
			phrases: [
				phrase(
					'The supplied plugin configuration XML is not valid. To enable WinRM to store RunAs credentials',
					decisive,
				),
			],
			codes: [hresult('0x803381E0')],
		},
	},
];
