// Cause class second-hop-denied (§1.2, §1.3), as remoting and Hyper-V print it; as other services
// print it (file shares, SQL Server, AD, WMI/CIM, SharePoint): second-hop-denied-services.ts.
import {decisive, hresult, phrase, strong, supporting, win32, type Entry} from '../entry.js';
import {explicitInnerCredential, remoteErrorBlock} from './shared.js';

export const secondHopDenied: Entry[] = [
	{
		id: 'second-hop-hyperv',
		class: 'second-hop-denied',
		// Generic: Hyper-V prints it on the host itself to an account outside Hyper-V Administrators.
		generic: true,
		name: 'Hyper-V refused a command run from the first hop',
		cause:
			'A Hyper-V cmdlet (Get-VM -ComputerName, Hyper-V Replica, a share used by Hyper-V) ran inside a ' +
			'remote session and reached another Hyper-V host. ' +
			explicitInnerCredential,
		notToBeConfusedWith: [
			{
				entry: 'first-hop-access-denied',
				howToTell:
					'that one starts "Connecting to remote server ... failed": the session itself was refused. ' +
					'Here the session opened and the command inside it failed (+ PSComputerName names the first hop).',
			},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { Get-VM -ComputerName <hop2> -Credential $using:cred }',
		runOn: 'client',
		stage: 'risk',
		reference: '1.2, 1.3',
		matchers: {
			phrases: [
				phrase('You do not have permission to perform the operation', strong),
				phrase('General access denied error', strong),
			],
			fqids: [{id: 'AccessDenied,Microsoft.HyperV.PowerShell', weight: strong}],
			exceptions: [{type: 'VirtualizationOperationFailedException', weight: supporting}],
		},
	},
	{
		id: 'second-hop-hyperv-authorization',
		class: 'second-hop-denied',
		// Generic: Hyper-V's authorization text, printed on the host itself too.
		generic: true,
		name: 'Hyper-V authorization refused the account on the target host',
		cause:
			'Hyper-V on the named computer did not accept the caller. Through a remote session that is the second ' +
			'hop (the first hop has no credentials of yours to pass on); run locally, it is a shell that is not ' +
			'elevated or an account outside Hyper-V Administrators.',
		notToBeConfusedWith: [
			{
				entry: 'run-as-administrator',
				howToTell:
					'if the computer named is this one and the shell is not elevated, elevate first.',
			},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { Get-VM -ComputerName <hop2> -Credential $using:cred }',
		runOn: 'client',
		stage: 'risk',
		reference: 'transcripts',
		alternatives: ['needs-elevation'],
		matchers: {
			phrases: [
				phrase('You do not have the required permission to complete this task', strong),
				phrase(
					'Contact the administrator of the authorization policy for the computer',
					supporting,
				),
			],
		},
	},
	{
		id: 'second-hop-nested-session-denied',
		class: 'second-hop-denied',
		connectsFromFirstHop: true,
		name: 'A session opened from the first hop was refused',
		cause:
			'The "Connecting to remote server ... Access is denied" block ends with + PSComputerName: the refused ' +
			'connection was made from the first hop, to a third computer. ' +
			explicitInnerCredential,
		notToBeConfusedWith: [
			{
				entry: 'first-hop-access-denied',
				howToTell:
					'without + PSComputerName, the refused session is the one opened from this computer.',
			},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { Invoke-Command -ComputerName <hop2> -Credential $using:cred -ScriptBlock { hostname } }',
		runOn: 'client',
		stage: 'risk',
		reference: '1.2, 2.1',
		matchers: {
			phrases: [],
			patterns: [
				{
					regex: remoteErrorBlock('failed with the following error message ?: ?access is denied'),
					weight: decisive + 1,
					what: 'refused connection raised on the first hop',
				},
				// The same block on localised Windows: its message is translated, its error id and the
				// + labels are not (they are property names), so the id says it in every language.
				{
					regex:
						/\+ fullyqualifiederrorid ?: ?(?<message>accessdenied,pssession(?:statebroken|openfailed))[^+]*\+ (?<where>pscomputername) ?:/,
					weight: decisive + 1,
					what: 'refused connection raised on the first hop (its error id)',
				},
			],
		},
	},
	{
		id: 'second-hop-access-denied-on-hop1',
		class: 'second-hop-denied',
		name: '"Access is denied" raised by a command on the first hop',
		cause:
			'The error block ends with + PSComputerName: the command ran on the first hop and was refused ' +
			'something it reached from there. ' +
			explicitInnerCredential,
		notToBeConfusedWith: [
			{
				entry: 'access-denied-unspecified',
				howToTell: 'without + PSComputerName the refusal may have happened anywhere.',
			},
			{
				entry: 'wsman-cmdlet-not-elevated',
				howToTell:
					'"Access is denied. You need to run this cmdlet from an elevated process" is elevation.',
			},
		],
		nextCommand: 'Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { klist }',
		runOn: 'client',
		stage: 'risk',
		reference: '1.2, 1.3',
		alternatives: ['remote-access-denied'],
		// What the command reached may be the first hop's own (an AD object its account may not write,
		// a scheduled task's stored password): then the words are the command's own failure
		// (real-activedirectorydsc-118, real-exchangedsc-25: both DSC resources on the machine itself).
		ordinaryInSession: true,
		tellApart:
			'Did the command reach a third machine from the first hop (a share, an AD or SQL server, another -ComputerName)? Run it on the first hop itself, logged on there (console or Remote Desktop): if it works there, it is the second hop; if it is refused there too, that account lacks the permission on what it reached, which is not a remoting problem.',
		matchers: {
			phrases: [],
			patterns: [
				{
					regex: remoteErrorBlock('access is denied'),
					weight: strong,
					what: 'Access is denied, raised on the first hop',
				},
				// A logon refused in a block raised on the first hop: the first hop logged on to something
				// else, as nobody (NTLM with no credential to pass on) or with a wrong password given there.
				{
					regex: remoteErrorBlock(
						'(?:the user name or password is incorrect|unknown user name or bad password)',
					),
					weight: strong,
					what: 'a logon refused, raised on the first hop',
				},
			],
		},
	},
	{
		id: 'second-hop-nested-winrm',
		class: 'second-hop-denied',
		connectsFromFirstHop: true,
		// Generic: SSPI's texts (1312, SEC_E_NO_CREDENTIALS): any program without network credentials prints them; WinRM's own wording carries "WinRM".
		generic: true,
		name: 'A remote session opened from the first hop had no credentials',
		cause:
			'Invoke-Command, a CIM session or a -ComputerName cmdlet run on the first hop tried to reach a ' +
			'third computer over WinRM. The first hop has no credentials of yours to log on with, so Kerberos ' +
			'fails with "A specified logon session does not exist" (0x8009030E, no credentials).',
		notToBeConfusedWith: [
			{
				entry: 'kerberos-spn',
				howToTell:
					'both print "The following error with errorcode ... occurred while using Kerberos authentication"; ' +
					'0x80090322 (unknown security error) is an SPN problem on the first hop, 0x8009030e (logon session ' +
					'does not exist) is the second hop.',
			},
			{
				entry: 'second-hop-negotiate-logon-session',
				howToTell: 'errorcode 0x8009030d with Negotiate is the same symptom without Kerberos.',
			},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { Invoke-Command -ComputerName <hop2> -Credential $using:cred -ScriptBlock { hostname } }',
		runOn: 'client',
		stage: 'risk',
		reference: '1.3',
		matchers: {
			phrases: [
				phrase('errorcode 0x8009030e occurred while using Kerberos authentication', decisive),
				phrase('A specified logon session does not exist', strong),
				// German Windows; forum.acronis.com/forum/acronis-backup-cloud-forum/exchange-backup-schlaft-fehl
				phrase('Eine angegebene Anmeldesitzung ist nicht vorhanden', strong, 'de'),
				phrase('No credentials are available in the security package', strong),
			],
			codes: [hresult('0x8009030E'), hresult('0x80070520', 5), win32(1312, 5)],
		},
	},
	{
		id: 'second-hop-negotiate-logon-session',
		class: 'second-hop-denied',
		connectsFromFirstHop: true,
		name: 'Negotiate found no logon session to use',
		cause:
			'WinRM fell back to Negotiate (an IP address or a name without an SPN) and found no credentials in ' +
			'the logon session. Inside a remote session this is the second hop; outside one, the account running ' +
			'the command (a service, a scheduled task) has no network credentials.',
		notToBeConfusedWith: [
			{
				entry: 'second-hop-nested-winrm',
				howToTell: 'that one is the Kerberos variant (0x8009030e); the cause is the same.',
			},
			{
				entry: 'trustedhosts-required',
				howToTell: 'that one names TrustedHosts; this one says the logon session does not exist.',
			},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { Invoke-Command -ComputerName <hop2> -Credential $using:cred -ScriptBlock { hostname } }',
		runOn: 'client',
		stage: 'risk',
		reference: '2.3 E14',
		alternatives: ['trustedhosts-or-auth'],
		matchers: {
			phrases: [
				phrase('errorcode 0x8009030d occurred while using Negotiate authentication', decisive),
				phrase('A specified logon session does not exist', strong),
			],
			codes: [hresult('0x8009030D')],
			// Seen for this variant; the Kerberos one likely prints the same id (reference 1.3).
			fqids: [{id: '1312,PSSession', weight: strong}],
		},
	},
	{
		id: 'second-hop-live-migration',
		class: 'second-hop-denied',
		name: 'Hyper-V live migration started remotely found no credentials',
		cause:
			'A live migration started from a remote session needs the source host to authenticate to the ' +
			'destination as you; with Kerberos migration authentication it needs constrained delegation ' +
			'("use any authentication protocol") on the source host.',
		notToBeConfusedWith: [
			{
				entry: 'second-hop-hyperv',
				howToTell: 'that one is a Hyper-V cmdlet refused, not a migration.',
			},
		],
		nextCommand:
			'Get-VMHost -ComputerName <hop1> | Select-Object Name, VirtualMachineMigrationAuthenticationType',
		runOn: 'client',
		stage: 'risk',
		reference: '1.3',
		matchers: {
			phrases: [
				phrase('failed to authenticate the connection for a Virtual Machine migration', strong),
				phrase('no suitable credentials available', strong),
			],
		},
	},
	{
		id: 'second-hop-nested-enter-pssession',
		class: 'second-hop-denied',
		name: 'Enter-PSSession was used inside a remote session',
		cause:
			'Windows PowerShell 5.1 cannot enter a second interactive session from inside one. Run the command ' +
			'on the second hop with Invoke-Command from the first session instead (it then needs credentials for ' +
			'the second hop: this is the double hop).',
		notToBeConfusedWith: [
			{
				entry: 'second-hop-nested-winrm',
				howToTell: 'that one is the nested connection failing for lack of credentials.',
			},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop2> -Credential (Get-Credential) -ScriptBlock { hostname }',
		runOn: 'hop1',
		stage: 'risk',
		reference: '1.3',
		matchers: {
			phrases: [
				phrase(
					'You are currently in a Windows PowerShell PSSession and cannot use the Enter-PSSession cmdlet',
					decisive,
				),
			],
			fqids: [{id: 'RemoteHostDoesNotSupportPushRunspace', weight: strong}],
		},
	},
	{
		id: 'second-hop-module-on-share',
		class: 'second-hop-denied',
		name: 'A module on a network path could not be loaded in the session',
		cause:
			'When PSModulePath on the first hop contains a UNC path, loading a module from it inside a remote ' +
			'session is a second hop. The same message has many other causes, so this is only a candidate.',
		notToBeConfusedWith: [],
		nextCommand:
			"Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { $env:PSModulePath -split ';' }",
		runOn: 'client',
		stage: 'risk',
		reference: 'fixtures',
		// Module loading fails for many reasons, so even in a session the words may be the module's own.
		ordinaryInSession: true,
		tellApart:
			"On the first hop, does $env:PSModulePath hold a network path (\\\\server\\share)? Then the session cannot read it without delegated credentials (Microsoft's KB 4076842: Enter-PSSession fails with CouldNotAutoloadMatchingModule). If not, the module itself fails to load and it is not a remoting problem.",
		matchers: {
			phrases: [phrase('but the module could not be loaded', supporting)],
			// KB 4076842's transcript (Enter-PSSession with a UNC path in PSModulePath).
			fqids: [{id: 'CouldNotAutoloadMatchingModule', weight: supporting}],
		},
	},
];
