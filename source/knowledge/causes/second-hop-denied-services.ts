// Cause class second-hop-denied (§1.2, §1.3), as the services reached from the first hop print it:
// file shares, SQL Server, Active Directory, WMI/CIM, the Service Control Manager, SharePoint.
import {decisive, hresult, phrase, strong, supporting, win32, type Entry} from '../entry.js';
import {explicitInnerCredential} from './shared.js';

export const secondHopDeniedServices: Entry[] = [
	{
		id: 'second-hop-file-share',
		class: 'second-hop-denied',
		// Generic: a share refuses or hides a path from any program; only inside a remote session is
		// that the second hop (https://github.com/EUCPilots/vcredist/issues/47 is a local one).
		generic: true,
		name: 'A file share refused a command run from the first hop',
		cause:
			'A path on another computer (\\\\server\\share) was opened from inside a remote session. ' +
			explicitInnerCredential,
		notToBeConfusedWith: [
			{
				entry: 'access-denied-unspecified',
				howToTell:
					'a bare "Access is denied" says nothing about where; here the path is a UNC path or the error id ' +
					'is ItemExistsUnauthorizedAccessError from a command run inside the session.',
			},
		],
		nextCommand:
			"Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { New-PSDrive -Name Hop2 -PSProvider FileSystem -Root '<share>' -Credential $using:cred }",
		runOn: 'client',
		stage: 'risk',
		reference: '1.3',
		matchers: {
			phrases: [],
			fqids: [{id: 'ItemExistsUnauthorizedAccessError', weight: 4}],
			exceptions: [{type: 'UnauthorizedAccessException', weight: 2}],
			patterns: [
				{regex: /access to the path '\\\\[^\\\s']+\\/, weight: strong, what: 'UNC path denied'},
				// A share the session's logon cannot open is "not found" to Test-Path and Get-Item.
				{
					regex: /cannot find path '\\\\[^\\\s']+\\/,
					weight: supporting,
					what: 'UNC path not found',
				},
				{regex: /\\\\[a-z0-9][\w.-]*\\[^\s\\'"]/, weight: supporting, what: 'UNC path'},
				// Windows PowerShell 5.1 names the refused path as the record's target in CategoryInfo,
				// and + PSComputerName says the command ran on the first hop (lab record, reference §1.3).
				{
					regex:
						/(?<message>access is denied)\.? \+ categoryinfo ?: permissiondenied: \((?<path>\\\\[a-z0-9][\w.-]*\\[^:)]*)[^+]*\+ fullyqualifiederrorid ?:[^+]*\+ (?<where>pscomputername) ?:/,
					weight: strong + supporting,
					what: 'UNC path denied inside a remote session',
				},
			],
		},
	},
	{
		id: 'second-hop-path-in-session',
		class: 'second-hop-denied',
		generic: true,
		ordinaryInSession: true,
		name: 'A path refused inside a remote session (it may be on another computer)',
		cause:
			'A command in a remote session was refused a path that looks local. If the path is a mapped drive, ' +
			"a symbolic link or a synced folder that points at a share (Vagrant's C:\\vagrant), opening it is a " +
			'second hop. ' +
			explicitInnerCredential +
			' If it is a plain folder of the first hop, its own permissions refuse the account: not a remoting ' +
			'problem.',
		notToBeConfusedWith: [
			{
				entry: 'second-hop-file-share',
				howToTell: 'a \\\\server\\share path in the error is another computer for certain.',
			},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { Get-SmbMapping; Get-ChildItem C:\\ | Where-Object LinkType }',
		runOn: 'client',
		stage: 'risk',
		reference: '1.3',
		tellApart:
			'Inside the session, is the path on another computer: a mapped drive (Get-SmbMapping), or a symbolic ' +
			'link or synced folder pointing at a share ((Get-Item <path>).LinkType and .Target)? Then it is the ' +
			'second hop. Is it a plain folder of the first hop? Then its permissions refuse the account ' +
			'(Get-Acl <path>): not a remoting problem.',
		matchers: {
			phrases: [],
			// The record's CategoryInfo, English on every display language: PermissionDenied on a drive
			// path, UnauthorizedAccessException; after a [host]: PS prompt (Enter-PSSession; looked for
			// behind the literal only and at most 1000 characters back, so a long paste stays linear).
			// Vagrant's SMB synced folder C:\vagrant is refused this way in a WinRM session while it opens
			// over RDP (https://github.com/hashicorp/vagrant/issues/7707, #12942, #11186).
			patterns: [
				{
					regex:
						/permissiondenied: (?<=(?:^|\s)\[[^\]\s]+\]: ps [^]{0,1000}?permissiondenied: )\((?<path>[a-z]:\\[^:)]*):string\) \[[\w-]+\], (?<error>unauthorizedaccessexception)/,
					weight: strong,
					what: 'a drive path refused at a remote prompt',
				},
			],
		},
	},
	{
		id: 'second-hop-psdrive',
		class: 'second-hop-denied',
		// Generic: Win32's ERROR_NO_SUCH_LOGON_SESSION (1312) text: a service or scheduled task without network credentials prints it too.
		generic: true,
		name: 'New-PSDrive inside the session could not use the credential',
		cause:
			'New-PSDrive -Credential run inside a remote session failed with "A specified logon session does ' +
			'not exist" (1312): the first hop cannot create a new logon from a network logon. Passing -Credential ' +
			'to the inner command does not help here; CredSSP or Kerberos delegation does.',
		notToBeConfusedWith: [
			{
				entry: 'second-hop-nested-winrm',
				howToTell: 'same 1312 text, but from a WinRM connection rather than a drive mapping.',
			},
		],
		nextCommand:
			"Invoke-Command -ComputerName <hop1> -Credential $cred -Authentication CredSSP -ScriptBlock { Get-ChildItem '<share>' }",
		runOn: 'client',
		stage: 'risk',
		reference: '1.3',
		matchers: {
			phrases: [
				phrase('A specified logon session does not exist', strong),
				// German Windows; forum.acronis.com/forum/acronis-backup-cloud-forum/exchange-backup-schlaft-fehl
				phrase('Eine angegebene Anmeldesitzung ist nicht vorhanden', strong, 'de'),
			],
			fqids: [{id: 'CouldNotMapNetworkDrive', weight: 5}],
			codes: [win32(1312, 5)],
			exceptions: [{type: 'Win32Exception', weight: 2}],
		},
	},
	{
		id: 'second-hop-sql-anonymous',
		class: 'second-hop-denied',
		// Generic: SQL Server prints it for any anonymous connection: a linked server, a web application, SSMS (https://github.com/MicrosoftDocs/sql-docs/issues/7753).
		generic: true,
		name: 'SQL Server saw an anonymous logon',
		cause:
			'A SQL connection with Integrated Security was made from inside a remote session. With no credential ' +
			'to pass on, the first hop connected as NT AUTHORITY\\ANONYMOUS LOGON.',
		notToBeConfusedWith: [
			{
				entry: 'logon-failure',
				howToTell:
					'"Login failed for user \'DOMAIN\\you\'" names your account: SQL knows you and refused you, not a ' +
					'delegation problem. Only ANONYMOUS LOGON is the second hop.',
			},
		],
		nextCommand: 'Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { klist }',
		runOn: 'client',
		stage: 'risk',
		reference: '1.3',
		matchers: {
			phrases: [phrase("Login failed for user 'NT AUTHORITY\\ANONYMOUS LOGON'", decisive)],
		},
	},
	{
		id: 'second-hop-adws',
		class: 'second-hop-denied',
		// Generic: The AD module prints it wherever it runs when the DC is not there (https://github.com/timmcmic/DLConversionV2/issues/28).
		generic: true,
		name: 'An Active Directory cmdlet could not reach AD Web Services',
		cause:
			'An ActiveDirectory module cmdlet ran inside a remote session and could not authenticate to the ' +
			'domain controller (AD Web Services, TCP 9389) without your credentials. Passing -Credential to the ' +
			'cmdlet usually fixes it.',
		notToBeConfusedWith: [
			{
				entry: 'unreachable-name',
				howToTell:
					'the same message appears when the DC is down, port 9389 is blocked or the name does not resolve ' +
					'("No DNS entries exist for host"). If the cmdlet also fails when run directly on the first hop, ' +
					'it is the network, not delegation.',
			},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { Get-ADDomain -Server <hop2> -Credential $using:cred }',
		runOn: 'client',
		stage: 'risk',
		reference: '1.3',
		alternatives: ['unreachable'],
		// The AD module prints the same words whether delegation failed or the DC is not there (its own
		// text lists "does not exist, currently down, no ADWS running"), so only where it ran tells.
		tellApart:
			'Did the AD cmdlet run inside a remote session (Invoke-Command, Enter-PSSession)? If it works when ' +
			'run directly on that computer, the first hop could not pass your credentials to the domain ' +
			'controller. If it fails there too, the domain controller is the problem: is it up, is AD Web ' +
			'Services running, is TCP 9389 open, does its name resolve?',
		matchers: {
			phrases: [
				phrase(
					'Unable to contact the server. This may be because this server does not exist, it is currently down',
					strong,
				),
				phrase('does not have the Active Directory Web Services running', strong),
				phrase(
					'Unable to find a default server with Active Directory Web Services running',
					strong,
				),
			],
			fqids: [{id: 'ActiveDirectoryServer:0', weight: supporting}],
			exceptions: [{type: 'ADServerDownException', weight: supporting}],
		},
	},
	{
		id: 'second-hop-ad-credentials-rejected',
		class: 'second-hop-denied',
		// Generic: the AD module prints it wherever the domain controller refuses the caller.
		generic: true,
		name: 'The domain controller rejected the credentials of an AD cmdlet',
		cause:
			'AD Web Services refused the caller. From inside a remote session that is the first hop with no ' +
			'credential of yours to pass on; passing -Credential to the cmdlet is a fresh logon and works ' +
			'(https://github.com/jakehildreth/adcs-snippets/issues/2).',
		notToBeConfusedWith: [
			{
				entry: 'second-hop-adws',
				howToTell: '"Unable to contact the server" is the domain controller not answering at all.',
			},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { Get-ADDomain -Credential $using:cred }',
		runOn: 'client',
		stage: 'risk',
		reference: '1.3',
		tellApart:
			'Did the AD cmdlet run inside a remote session (Invoke-Command, Enter-PSSession)? Then the first hop ' +
			'had no credential to pass on: give the cmdlet -Credential. Run directly on a computer, the domain ' +
			'controller refused that account.',
		alternatives: ['remote-access-denied'],
		matchers: {
			phrases: [phrase('The server has rejected the client credentials', strong)],
		},
	},
	{
		id: 'second-hop-ldap-operations-error',
		class: 'second-hop-denied',
		// Generic: ADSI's text for any failed bind, from any program.
		generic: true,
		name: 'An LDAP/ADSI call returned "An operations error occurred"',
		cause:
			'ADSI or LDAP code (for example PSPKI, [adsi] queries) ran inside a remote session and bound to the ' +
			'directory without credentials; the DC answers with an operations error.',
		notToBeConfusedWith: [
			{
				entry: 'second-hop-adws',
				howToTell: 'that one is the ActiveDirectory module (ADWS); this one is ADSI/LDAP.',
			},
		],
		nextCommand: 'Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { klist }',
		runOn: 'client',
		stage: 'risk',
		reference: '1.3',
		matchers: {
			phrases: [
				phrase('An operations error occurred', strong),
				// System.DirectoryServices.Protocols words the same LDAP result without the "s"
				// (DirectoryOperationException; https://github.com/zjorz/Public-AD-Scripts/issues/35, run in a
				// remote session).
				phrase('An operation error occurred', strong),
			],
			codes: [hresult('0x80072020', supporting)],
		},
	},
	{
		id: 'second-hop-cim',
		class: 'second-hop-denied',
		name: 'A CIM call from the first hop was refused',
		cause:
			'A CIM cmdlet (Get-CimInstance, a CDXML module such as DFSN or DNS) run inside a remote session ' +
			'reached another computer. ' +
			explicitInnerCredential,
		notToBeConfusedWith: [
			{
				entry: 'first-hop-access-denied',
				howToTell:
					'if the CIM session was opened from this computer straight to the target, the target refused you: ' +
					'that is a first-hop permission problem.',
			},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { Get-CimInstance Win32_OperatingSystem -CimSession (New-CimSession -ComputerName <hop2> -Credential $using:cred) }',
		runOn: 'client',
		stage: 'risk',
		reference: '1.3',
		alternatives: ['remote-access-denied'],
		// The same text comes back from a CIM session opened straight to a computer that refuses you.
		tellApart:
			'Was the CIM call made inside a remote session (Invoke-Command, Enter-PSSession) to a third ' +
			'computer? Then the first hop had no credential to pass on. Was the CIM session opened from this ' +
			'computer straight to the target? Then the target refuses your account.',
		matchers: {
			phrases: [phrase('Access to a CIM resource was not available to the client', strong)],
		},
	},
	{
		id: 'second-hop-wmi-dcom',
		class: 'second-hop-denied',
		// Generic: COM's E_ACCESSDENIED: any DCOM call from this computer prints it (https://pastebin.com/m4EZMDp9).
		generic: true,
		name: 'A WMI/DCOM call from the first hop was refused',
		cause:
			'Get-WmiObject -ComputerName (DCOM) ran inside a remote session against another computer. ' +
			explicitInnerCredential,
		notToBeConfusedWith: [
			{
				entry: 'first-hop-access-denied',
				howToTell:
					'run from this computer directly, the same E_ACCESSDENIED means the target refused your account.',
			},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { Get-WmiObject Win32_OperatingSystem -ComputerName <hop2> -Credential $using:cred }',
		runOn: 'client',
		stage: 'risk',
		reference: '1.3',
		alternatives: ['remote-access-denied'],
		// With no session in sight, the call went from this computer straight to the target: two tune
		// threads (dahall/TaskScheduler 595 and 807, the Task Scheduler's COM API on a remote machine)
		// were the target refusing the account, and none of them a second hop.
		withoutSession: 'remote-access-denied',
		// COM's E_ACCESSDENIED text: Get-WmiObject -ComputerName prints it from this computer too
		// (https://pastebin.com/m4EZMDp9).
		tellApart:
			'Did Get-WmiObject -ComputerName run inside a remote session (Invoke-Command, Enter-PSSession) ' +
			'against a third computer? Then the first hop had no credential to pass on. Did it run from this ' +
			'computer straight to the target? Then the target refuses your account over DCOM.',
		matchers: {
			phrases: [
				phrase('Access is denied. (Exception from HRESULT: 0x80070005 (E_ACCESSDENIED))', strong),
			],
		},
	},
	{
		id: 'second-hop-service-control-manager',
		class: 'second-hop-denied',
		// Generic: Get-Service -ComputerName and sc.exe print it from this computer too.
		generic: true,
		name: 'The Service Control Manager of another computer refused the first hop',
		cause:
			'Get-Service -ComputerName (or sc.exe \\\\server) ran inside a remote session against a third ' +
			'computer. ' +
			explicitInnerCredential,
		notToBeConfusedWith: [
			{
				entry: 'local-winrm-service',
				howToTell:
					"\"Cannot open 'WinRM' service on computer '.'\" is this computer's own service and a shell that is " +
					'not elevated.',
			},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { Invoke-Command -ComputerName <hop2> -Credential $using:cred -ScriptBlock { Get-Service WinRM } }',
		runOn: 'client',
		stage: 'risk',
		reference: '1.3',
		matchers: {
			phrases: [phrase('Cannot open Service Control Manager on computer', strong)],
			patterns: [
				{
					// Service Fabric's deployer opens the Service Control Manager of every cluster machine
					// (FabricDeployerServiceController.GetServiceStartupType(machineName, ...)) and prints the
					// Win32 code it got: 5 is ERROR_ACCESS_DENIED. Through Invoke-Command that is a second hop
					// (https://github.com/microsoft/service-fabric/issues/728); without a session, an account
					// that is not an administrator there (https://github.com/microsoft/service-fabric-issues/issues/360).
					regex:
						/unable to change open service manager handle because (?:error )?5\b(?:: access is denied)?/,
					weight: strong,
					what: "another machine's Service Control Manager refused (Service Fabric)",
				},
			],
		},
	},
	{
		id: 'second-hop-sharepoint',
		class: 'second-hop-denied',
		// Generic: The SharePoint snap-in prints it on the server itself when the account lacks rights on the farm database.
		generic: true,
		name: 'SharePoint cmdlets in a remote session cannot reach the farm',
		cause:
			'The SharePoint snap-in ran inside a remote session and connected to the farm configuration database ' +
			'on the SQL server without your credentials.',
		notToBeConfusedWith: [
			{
				entry: 'second-hop-sql-anonymous',
				howToTell: 'the SQL log of the same failure shows the ANONYMOUS LOGON.',
			},
		],
		nextCommand: 'Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { klist }',
		runOn: 'client',
		stage: 'risk',
		reference: '1.3',
		matchers: {
			phrases: [phrase('Cannot access the local farm', strong)],
		},
	},
];
