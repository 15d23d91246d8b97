// Cause class local-winrm-stopped: the entries that recognise it.
import {decisive, enough, phrase, strong, supporting, type Entry} from '../entry.js';
import {inEveryLanguage, winrmServiceNotStarted} from './translations.js';

export const localWinrmStopped: Entry[] = [
	// The *-WSManCredSSP cmdlets and the WSMan: drive talk to this computer's own WinRM service
	// (PowerShell CredSSP.cs, WsManHelper.cs, ConfigProvider.cs). With it stopped (Windows 10/11 ship
	// it Manual) they print E12's "cannot connect" text, which otherwise means the first hop.
	{
		id: 'local-winrm-stopped',
		class: 'local-winrm-stopped',
		name: 'The WinRM service on this computer is stopped',
		cause:
			'A WSMan cmdlet run on this computer (Get-/Enable-/Disable-WSManCredSSP, or Get-Item/Set-Item on WSMan:) ' +
			"could not reach this computer's own WinRM service: it is stopped, as it is out of the box on " +
			'Windows 10 and 11 (start type Manual). Nothing is wrong with the first hop. If its start type is ' +
			'Disabled, run Set-Service WinRM -StartupType Manual first.',
		notToBeConfusedWith: [
			{
				entry: 'unreachable-not-listening',
				howToTell:
					'that one comes from Invoke-Command or New-PSSession ("Connecting to remote server …", a ' +
					'CannotConnect,PSSession… id) or names the first hop in PSComputerName; here a local WSMan ' +
					"cmdlet's id, and no PSComputerName, point at this computer.",
			},
		],
		nextCommand: 'Start-Service WinRM',
		runOn: 'client',
		stage: 'diagnose',
		reference: '2.3 E12',
		supersedes: ['unreachable-not-listening'],
		matchers: {
			phrases: [
				phrase('The client cannot connect to the destination specified in the request', supporting),
				// ConfigProvider.cs WinRMServiceError: the WSMan: drive found the service stopped.
				...inEveryLanguage(winrmServiceNotStarted, decisive),
			],
			patterns: [
				{
					// The cmdlet's own error id after the "cannot connect" text, and no PSComputerName. The
					// look-behind comes after the id, so it is tried only where an id matched.
					regex: new RegExp(
						'wsmanerror,microsoft\\.(?:wsman\\.management\\.(?:enable|disable|get)wsmancredsspcommand|' +
							'powershell\\.commands\\.(?:get|set|new|remove)(?:child)?itemcommand)' +
							'(?<=cannot connect to the destination specified in the request.*)(?!.*pscomputername)',
					),
					weight: decisive,
					what: "a WSMan cmdlet of this computer's",
				},
				{
					// The WSMan: drive of this computer named beside the text (the command typed, or its echo
					// under the error): WSMan:\localhost is this computer (about_WSMan_Provider), and the drive
					// talks to its own WinRM service (ConfigProvider.cs, IsPathLocalMachine). Windows
					// PowerShell gives the provider's error the id System.InvalidOperationException,…ItemCommand
					// (MicrosoftDocs/windowsserverdocs#1492), so the path, not the id, says where. Not after
					// the remoting wrapper: that is a session to another computer failing.
					regex:
						/(?<!failed with the following error message ?: ?)(?<message>the client cannot connect to the destination specified in the request)(?:(?=.*\bwsman:\\?localhost\b)|(?<=\bwsman:\\?localhost\b.*the client cannot connect to the destination specified in the request))(?!.*pscomputername)/,
					weight: decisive,
					what: "this computer's WSMan: drive",
				},
				{
					// As the console prints it: "Enable-WSManCredSSP : <f:WSManFault … Code="2150858770"".
					regex:
						// The code first, the look back after it: checked only where the code is, not at every index.
						/code="2150858770"(?<=(?:enable|disable|get)-wsmancredssp : <f:wsmanfault[^>]*code="2150858770")(?!.*pscomputername)/,
					weight: decisive,
					what: "0x80338012 from a WSMan cmdlet of this computer's",
				},
				{
					// winrm.cmd's own report ("Error number:  -2144108526 0x80338012", wsmerror.h
					// ERROR_WSMAN_CANNOTCONNECT): without -r:/-remote: winrm.cmd talks to this computer's
					// service. Checked only where the code is, looking both ways for a -r: option.
					regex:
						/(?<code>error number: -2144108526 0x80338012)(?<!-r(?:emote)?:.*)(?!.*-r(?:emote)?:)/,
					weight: decisive,
					what: 'winrm.cmd on this computer: 0x80338012',
				},
				{
					// A session to this computer itself: "cannot connect" from localhost is this
					// computer's WinRM service not answering, before any other machine is involved.
					regex:
						/connecting to remote server (?<where>localhost|127\.0\.0\.1|\[::1\]) failed with the following error message ?: ?(?<message>the client cannot connect to the destination specified in the request)/,
					weight: strong,
					what: 'a session to localhost refused',
				},
				{
					// The same text that came back from localhost (a DSC or CIM call to this computer).
					regex:
						/(?<message>the client cannot connect to the destination specified in the request)(?=[^+]{0,700}(?:\+ [a-z]+ ?:[^+]*){0,3}\+ pscomputername ?: ?localhost\b)/,
					weight: strong,
					what: 'the same from localhost, this computer',
				},
			],
		},
	},
	{
		// The WSMan: drive's own path not found under localhost. The provider finds the local items
		// through this computer's WinRM service (ConfigProvider.cs CheckValidContainerOrPath, behind
		// ItemExists): with the service stopped, where it cannot start it (no prompt in a script's host),
		// a path that exists is "not found" ("only when the WinRM service is running", Idera's PowerShell
		// tips, https://blog.idera.com/database-tools/setting-and-clearing-trusted-hosts).
		id: 'local-winrm-wsman-path-not-found',
		class: 'local-winrm-stopped',
		name: 'The WSMan: drive finds no path on this computer: its WinRM service is stopped',
		cause:
			"Get-Item or Set-Item on WSMan:\\localhost found no such path. The drive reads this computer's " +
			'settings through its own WinRM service, so with the service stopped a path that exists (Client\\' +
			'TrustedHosts, Service\\Auth\\CredSSP) is not found. Start the service and run the command again; ' +
			'if the service is running, the path is misspelled.',
		notToBeConfusedWith: [
			{
				entry: 'local-winrm-stopped',
				howToTell:
					'that one says the client cannot connect, or that the WinRM service is not started; both ' +
					'mean the same service, worded by another part of the provider.',
			},
		],
		nextCommand: 'Get-Service WinRM',
		runOn: 'client',
		stage: 'diagnose',
		reference: '2.3 E12',
		matchers: {
			phrases: [],
			patterns: [
				{
					regex: /cannot find path '(?:wsman:\\?)?localhost\\[^'\n]*' because it does not exist/,
					weight: enough,
					what: 'a path of WSMan:\\localhost not found',
				},
			],
		},
	},
];
