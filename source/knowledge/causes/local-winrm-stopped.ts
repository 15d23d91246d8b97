// Cause class local-winrm-stopped: the entries that recognise it.
import {decisive, phrase, supporting, type Entry} from '../entry.js';
import {translatedPhrases, winrmServiceNotStarted} from './translations.js';

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
				phrase(
					'This command cannot be executed because the WinRM Service is not started',
					decisive,
				),
				...translatedPhrases(winrmServiceNotStarted, decisive),
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
					// As the console prints it: "Enable-WSManCredSSP : <f:WSManFault … Code="2150858770"".
					regex:
						// The code first, the look back after it: checked only where the code is, not at every index.
						/code="2150858770"(?<=(?:enable|disable|get)-wsmancredssp : <f:wsmanfault[^>]*code="2150858770")(?!.*pscomputername)/,
					weight: decisive,
					what: "0x80338012 from a WSMan cmdlet of this computer's",
				},
			],
		},
	},
];
