// Cause class needs-elevation (§2.3 E8, §3.6, §5): the entries that recognise it.
import {
	decisive,
	hresult,
	phrase,
	strong,
	supporting,
	win32,
	genericPhrase,
	type Entry,
} from '../entry.js';
import {elevate} from './shared.js';
import {
	containerNotFound,
	elevationNeeded,
	runAsAdministrator,
	inEveryLanguage,
} from './translations.js';

export const needsElevation: Entry[] = [
	{
		id: 'wsman-cmdlet-not-elevated',
		class: 'needs-elevation',
		name: 'A CredSSP cmdlet was run from a shell that is not elevated',
		cause:
			'Enable-, Disable- and Get-WSManCredSSP check for an elevated shell before anything else. Open ' +
			'PowerShell with "Run as administrator" and run the command again.',
		notToBeConfusedWith: [
			{
				entry: 'first-hop-access-denied',
				howToTell:
					'that one is the first hop refusing a session ("Connecting to remote server ... failed").',
			},
			{
				entry: 'credssp-role-client-needs-delegate',
				howToTell:
					'same error id (InvalidOperationException), but the text is about -DelegateComputer.',
			},
		],
		nextCommand: elevate,
		runOn: 'client',
		stage: 'preflight',
		reference: '2.3 E8',
		matchers: {
			phrases: [
				...inEveryLanguage(elevationNeeded, decisive),
				// French: the words Windows PowerShell 2.0's French help quotes and PowerShell 7.6 prints alike
				// (learn.microsoft.com/fr-fr/previous-versions/dd347642(v=technet.10); translations.ts).
				phrase('Vous devez exécuter cette applet de commande', strong, 'fr'),
				// Traditional Chinese, from Windows PowerShell 2.0's help (a copy of what Windows ships):
				// forsenergy.com/zh-tw/windowspowershellhelp/html/2f890148-8578-49ed-85ea-79a489dd6317.htm
				phrase('您必須從提高權限的處理序執行這個 Cmdlet', decisive, 'zh-Hant'),
			],
			fqids: [
				{id: 'System.InvalidOperationException,Microsoft.WSMan.Management', weight: supporting},
			],
		},
	},
	{
		id: 'run-as-administrator',
		class: 'needs-elevation',
		name: 'The command asks for an elevated shell',
		cause:
			'The command (Enable-PSRemoting, Set-WSManQuickConfig, a setup script) changes machine settings and ' +
			'was run from a shell that is not elevated. Open PowerShell with "Run as administrator".',
		notToBeConfusedWith: [
			{
				entry: 'first-hop-access-denied',
				howToTell: 'a refused remote session names the remote server; this one names this shell.',
			},
		],
		nextCommand: elevate,
		runOn: 'client',
		stage: 'preflight',
		reference: '2.3 E8, 5',
		matchers: {
			phrases: [
				phrase('Access is denied. To run this cmdlet, start Windows PowerShell with the', decisive),
				// PowerShell 7 says "start PowerShell".
				...inEveryLanguage(runAsAdministrator, decisive),
				genericPhrase('Run as administrator'),
				phrase('elevated user rights', strong),
				phrase('elevated PowerShell session', strong),
				phrase('You need elevated Administrator privileges', strong),
				phrase('The requested operation requires elevation', strong),
			],
			codes: [hresult('0x800702E4'), win32(740)],
		},
	},
	{
		id: 'winrm-cmd-access-denied',
		class: 'needs-elevation',
		name: 'winrm.cmd was refused reading or changing the configuration',
		cause:
			'winrm.cmd printed a WSManFault "Access is denied" (0x80070005). Reading the service configuration ' +
			'or changing anything needs an elevated shell, even for members of Administrators (UAC).',
		notToBeConfusedWith: [
			{
				entry: 'first-hop-access-denied',
				howToTell: 'with -r:<remote> the remote computer refused you instead.',
			},
		],
		nextCommand: elevate,
		runOn: 'client',
		stage: 'preflight',
		reference: 'fixtures',
		alternatives: ['remote-access-denied'],
		matchers: {
			phrases: [phrase('WSManFault Message Access is denied', strong)],
		},
	},
	{
		id: 'quickconfig-not-elevated',
		class: 'needs-elevation',
		name: 'winrm quickconfig could not change the WinRM service',
		cause:
			'winrm quickconfig needs an elevated shell to start the WinRM service and change its start type. ' +
			'The "client cannot connect" text it prints next is a consequence: the service was never started.',
		notToBeConfusedWith: [
			{
				entry: 'unreachable-not-listening',
				howToTell:
					'after "Could not start the WinRM service: Access is denied", elevation is the cause.',
			},
		],
		nextCommand: elevate,
		runOn: 'where-it-failed',
		stage: 'preflight',
		reference: '3.6',
		supersedes: ['unreachable-not-listening'],
		matchers: {
			phrases: [
				phrase('Could not start the WinRM service: Access is denied', decisive),
				phrase('Could not change the WinRM service type: Access is denied', decisive),
				phrase('One or more update steps could not be completed', supporting),
			],
		},
	},
	{
		id: 'local-winrm-service',
		class: 'needs-elevation',
		name: "This computer's services could not be opened",
		cause:
			"Starting or changing a service of this computer (computer '.'), such as WinRM, needs an elevated shell.",
		notToBeConfusedWith: [
			{
				entry: 'second-hop-service-control-manager',
				howToTell: "that one names another computer's Service Control Manager.",
			},
		],
		nextCommand: elevate,
		runOn: 'client',
		stage: 'preflight',
		reference: 'fixtures',
		matchers: {
			phrases: [phrase("Cannot open 'WinRM' service on computer", strong)],
			patterns: [
				{regex: /on computer '\.'/, weight: supporting, what: 'this computer'},
				{
					regex: /cannot open service control manager on computer '\.'/,
					weight: decisive,
					what: "this computer's Service Control Manager",
				},
			],
		},
	},
	{
		// PowerShell Direct into a Windows container (New-PSSession, Enter-PSSession, Invoke-Command
		// -ContainerId) opens it through the Host Compute Service, and reports every failure of
		// HcsOpenComputeSystem as this text without reading why (RunspaceConnectionInfo.cs,
		// CreateContainerProcessInternal; RemotingErrorIdStrings InvalidContainerId). A shell that is
		// not elevated may not open it: two threads fixed it by elevating (HodorNV/ALOps#265,
		// kine/NVRAppDevOps#15); two others met it elevated, from PowerShell 7's own lookup
		// (PowerShell#19337, microsoft/navcontainerhelper#3087), which is no remoting problem.
		id: 'container-session-not-elevated',
		class: 'needs-elevation',
		name: 'PowerShell Direct could not open the container',
		cause:
			'A session into a Windows container (-ContainerId) opens it through the Host Compute Service, ' +
			'and any refusal there, a shell that is not elevated included, is reported as "does not ' +
			'exist, or the corresponding container is not running", even when docker ps lists it running.',
		notToBeConfusedWith: [],
		nextCommand: elevate,
		runOn: 'client',
		stage: 'preflight',
		reference: 'fixtures',
		ordinaryInSession: true,
		tellApart:
			'Does docker ps --no-trunc list that container id as running? Then open PowerShell with "Run as administrator" and try again: if it works there, the shell was not elevated. If it fails elevated too, and this is PowerShell 7, try the same from Windows PowerShell 5.1 (PowerShell 7 has failed to find running containers, PowerShell#19337): not a remoting problem doublehop can fix.',
		matchers: {
			phrases: inEveryLanguage(containerNotFound, strong),
		},
	},
];
