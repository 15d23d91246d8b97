// The error knowledge base: one entry per cause, each carrying the words, codes and error ids that
// identify it. Pure data: diagnose.ts scores every entry the same way, so adding a cause means adding
// an entry here, never a branch there. Texts come from ../shared/reference/powershell-remoting.md
// (section numbers in `reference`), the Windows SDK header wsmerror.h, and real transcripts.
import type {StageId} from '../stages/stages.js';

/** The cause classes of fixtures/errors/README.md. "unrelated" is not a class: it is "not recognised". */
export const classIds = [
	'second-hop-denied',
	'remote-access-denied',
	'needs-elevation',
	'credssp-client-disabled',
	'credssp-server-disabled',
	'credential-required',
	'gpo-controlled',
	'delegation-policy',
	'not-trusted-for-delegation',
	'encryption-oracle',
	'unreachable',
	'trustedhosts-or-auth',
	'https-listener',
	'local-winrm-stopped',
] as const;

export type ClassId = (typeof classIds)[number];

export const classNames: Record<ClassId, string> = {
	'second-hop-denied': 'Second hop: your credentials were not passed on',
	'remote-access-denied': 'The first hop refuses this account',
	'needs-elevation': 'This shell is not elevated',
	'credssp-client-disabled': 'CredSSP is off in this client',
	'credssp-server-disabled': 'CredSSP is off on the first hop',
	'credential-required': 'CredSSP needs -Credential',
	'gpo-controlled': 'The setting is owned by Group Policy',
	'delegation-policy': 'No matching entry in Allow Delegating Fresh Credentials',
	'not-trusted-for-delegation': 'The first hop is not trusted for delegation: NTLM only',
	'encryption-oracle': 'CredSSP update on one side only, CVE-2018-0886',
	unreachable: 'The first hop cannot be reached',
	'trustedhosts-or-auth': 'Authentication to the first hop failed',
	'https-listener': 'HTTPS listener or certificate problem',
	'local-winrm-stopped': 'The WinRM service on this computer is stopped',
};

// Weights. A decisive matcher recognises its entry on its own with high confidence, a strong one
// recognises it, a supporting one only adds to other evidence (it never recognises on its own).
export const decisive = 10;
export const strong = 7;
export const enough = 6;
export const supporting = 3;
// Generic network wording (Python, .NET): recognised only with a WinRM context beside it.
export const network = 5;

/** A message fragment, compared after squashing (see normalize.ts). `lang` is a BCP 47 tag. */
export type PhraseMatcher = {text: string; weight: number; lang?: string};

/** An HRESULT/WinRM code in the three forms PowerShell prints; Win32 codes have signed = unsigned. */
export type CodeMatcher = {hex: string; signed: number; unsigned: number; weight: number};

/** A FullyQualifiedErrorId, or the distinctive part of one, compared after squashing. */
export type IdMatcher = {id: string; weight: number};

/** A .NET exception type name, compared after squashing. */
export type ExceptionMatcher = {type: string; weight: number};

/** A regular expression over the spaced view (lowercase, one space per whitespace run). */
export type PatternMatcher = {regex: RegExp; weight: number; what: string};

export type Matchers = {
	phrases: PhraseMatcher[];
	codes?: CodeMatcher[];
	fqids?: IdMatcher[];
	exceptions?: ExceptionMatcher[];
	patterns?: PatternMatcher[];
};

/** Where the next command runs: this computer, the first hop, or wherever the error was printed. */
export type RunOn = 'client' | 'hop1' | 'where-it-failed';

export type LookAlike = {entry: string; howToTell: string};

export type Entry = {
	id: string;
	class: ClassId;
	name: string;
	/** Plain-language cause, for an admin who has not read the reference. */
	cause: string;
	notToBeConfusedWith: LookAlike[];
	/** The exact next command. Placeholders: <hop1>, <hop2>, <user>. */
	nextCommand: string;
	runOn: RunOn;
	stage: StageId;
	matchers: Matchers;
	/** Other classes the text alone cannot rule out when this entry is the best match. */
	alternatives?: ClassId[];
	/** Entries whose evidence this one explains: when this one is recognised, they are ruled out. */
	supersedes?: string[];
	/** Section of the domain reference. */
	reference?: string;
};

function phrase(text: string, weight: number, lang?: string): PhraseMatcher {
	return lang ? {text, weight, lang} : {text, weight};
}

function hresult(hex: string, signed: number, unsigned: number, weight = strong): CodeMatcher {
	return {hex, signed, unsigned, weight};
}

function win32(code: number, weight = supporting): CodeMatcher {
	return {hex: `0x${code.toString(16).toUpperCase()}`, signed: code, unsigned: code, weight};
}

const winrmPort: PatternMatcher = {
	regex: /port[=: ]+598[56]\b/,
	weight: supporting,
	what: 'WinRM port',
};

// Shared tail of E1 and E2 (T-AFC): both messages end with it, so alone it cannot tell them apart.
const allowDelegatingFreshTail = 'Credentials Delegation -> Allow Delegating Fresh Credentials';

const accessDeniedHresult = hresult('0x80070005', -2147024891, 2147942405, supporting);

const explicitInnerCredential =
	'The first hop holds no credential it can pass on (Kerberos gave it a ticket for itself only, NTLM ' +
	'gives it nothing), so its connection to the second hop is refused or made anonymously.';

const elevate = 'Start-Process powershell -Verb RunAs';

// A 5.1 error block raised inside Invoke-Command: the message, then + CategoryInfo and
// + FullyQualifiedErrorId, then + PSComputerName naming the first hop (on the spaced view).
function remoteErrorBlock(message: string): RegExp {
	return new RegExp(
		`${message}\\.?(?: for more information, see the about_remote_troubleshooting help topic\\.)?` +
			' \\+ categoryinfo ?:[^+]*\\+ fullyqualifiederrorid ?:[^+]*\\+ pscomputername ?:',
	);
}

export const catalog: Entry[] = [
	// ---------------------------------------------------------------- second-hop-denied (§1.2, §1.3)
	{
		id: 'second-hop-hyperv',
		class: 'second-hop-denied',
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
			],
		},
	},
	{
		id: 'second-hop-file-share',
		class: 'second-hop-denied',
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
			"Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { New-PSDrive -Name Hop2 -PSProvider FileSystem -Root '\\\\<hop2>\\C$' -Credential $using:cred }",
		runOn: 'client',
		stage: 'risk',
		reference: '1.3',
		matchers: {
			phrases: [],
			fqids: [{id: 'ItemExistsUnauthorizedAccessError', weight: 4}],
			exceptions: [{type: 'UnauthorizedAccessException', weight: 2}],
			patterns: [
				{regex: /access to the path '\\\\[^\\\s']+\\/, weight: strong, what: 'UNC path denied'},
				{regex: /\\\\[a-z0-9][\w.-]*\\[^\s\\'"]/, weight: supporting, what: 'UNC path'},
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
		matchers: {
			phrases: [],
			patterns: [
				{
					regex: remoteErrorBlock('access is denied'),
					weight: strong,
					what: 'Access is denied, raised on the first hop',
				},
			],
		},
	},
	{
		id: 'second-hop-nested-winrm',
		class: 'second-hop-denied',
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
				phrase('No credentials are available in the security package', strong),
			],
			codes: [
				hresult('0x8009030E', -2146893042, 2148074254),
				hresult('0x80070520', -2147023584, 2147943712, 5),
				win32(1312, 5),
			],
		},
	},
	{
		id: 'second-hop-negotiate-logon-session',
		class: 'second-hop-denied',
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
			codes: [hresult('0x8009030D', -2146893043, 2148074253)],
			// Seen for this variant; the Kerberos one likely prints the same id (reference 1.3).
			fqids: [{id: '1312,PSSession', weight: strong}],
		},
	},
	{
		id: 'second-hop-psdrive',
		class: 'second-hop-denied',
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
			"Invoke-Command -ComputerName <hop1> -Credential $cred -Authentication CredSSP -ScriptBlock { Get-ChildItem '\\\\<hop2>\\C$' }",
		runOn: 'client',
		stage: 'risk',
		reference: '1.3',
		matchers: {
			phrases: [phrase('A specified logon session does not exist', strong)],
			fqids: [{id: 'CouldNotMapNetworkDrive', weight: 5}],
			codes: [win32(1312, 5)],
			exceptions: [{type: 'Win32Exception', weight: 2}],
		},
	},
	{
		id: 'second-hop-sql-anonymous',
		class: 'second-hop-denied',
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
		id: 'second-hop-ldap-operations-error',
		class: 'second-hop-denied',
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
			phrases: [phrase('An operations error occurred', strong)],
			codes: [hresult('0x80072020', -2147016672, 2147950624, supporting)],
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
		matchers: {
			phrases: [phrase('Access to a CIM resource was not available to the client', strong)],
		},
	},
	{
		id: 'second-hop-wmi-dcom',
		class: 'second-hop-denied',
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
		matchers: {
			phrases: [
				phrase('Access is denied. (Exception from HRESULT: 0x80070005 (E_ACCESSDENIED))', strong),
			],
		},
	},
	{
		id: 'second-hop-service-control-manager',
		class: 'second-hop-denied',
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
		},
	},
	{
		id: 'second-hop-sharepoint',
		class: 'second-hop-denied',
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
		matchers: {
			phrases: [phrase('but the module could not be loaded', supporting)],
		},
	},

	// ---------------------------------------------------------------- remote-access-denied
	{
		id: 'first-hop-access-denied',
		class: 'remote-access-denied',
		name: 'The first hop refused the remote session',
		cause:
			'The first hop accepted the connection but refused your account: it is not an administrator there, ' +
			'not in Remote Management Users, not allowed by the session configuration (Set-PSSessionConfiguration), ' +
			'or denied the network logon right. For a local administrator account, UAC remote restrictions ' +
			'(LocalAccountTokenFilterPolicy) have the same effect.',
		notToBeConfusedWith: [
			{
				entry: 'second-hop-hyperv',
				howToTell:
					'an error from a command inside the session (no "Connecting to remote server" prefix, ' +
					'+ PSComputerName present) is the second hop.',
			},
			{
				entry: 'wsman-cmdlet-not-elevated',
				howToTell:
					'"You need to run this cmdlet from an elevated process" is this shell, not the first hop.',
			},
			{
				entry: 'kerberos-access-denied',
				howToTell:
					'"The WinRM client tried to use Kerberos ... returned an \'access denied\' error" is an authentication problem.',
			},
		],
		nextCommand:
			'Get-PSSessionConfiguration -Name Microsoft.PowerShell | Format-List Name, Permission',
		runOn: 'hop1',
		stage: 'first-hop',
		reference: '2.1, 2.2',
		alternatives: ['needs-elevation', 'trustedhosts-or-auth'],
		matchers: {
			phrases: [
				phrase('failed with the following error message : Access is denied', decisive),
				phrase('failed with the following error message : Authorization failed', strong),
				phrase('The authorization of this user failed', strong),
				phrase('The user has not been granted the requested logon type at this computer', strong),
				phrase('NT AUTHORITY\\NETWORK AccessDenied', supporting),
			],
			fqids: [
				{id: 'AccessDenied,PSSessionStateBroken', weight: decisive},
				{id: 'AccessDenied,PSSessionOpenFailed', weight: decisive},
			],
			exceptions: [{type: 'PSRemotingTransportException', weight: 1}],
		},
	},
	{
		id: 'exchange-no-management-role',
		class: 'remote-access-denied',
		name: 'The remote PowerShell endpoint gives this account no role',
		cause:
			'The endpoint (Exchange, Exchange Online) accepted the logon but the account holds no management ' +
			'role there, so it may not open a session.',
		notToBeConfusedWith: [
			{
				entry: 'logon-failure',
				howToTell: 'a wrong password fails before the account is identified.',
			},
		],
		nextCommand: 'Get-ManagementRoleAssignment -RoleAssignee <user>',
		runOn: 'where-it-failed',
		stage: 'first-hop',
		reference: 'fixtures',
		matchers: {
			phrases: [phrase("isn't assigned to any management roles", strong)],
		},
	},
	{
		id: 'wac-credssp-administrators',
		class: 'remote-access-denied',
		name: 'Windows Admin Center could not enable CredSSP for this user',
		cause:
			'Windows Admin Center enables CredSSP through an endpoint that only members of the local group ' +
			'"Windows Admin Center CredSSP Administrators" may use. Add the user, then sign in again.',
		notToBeConfusedWith: [
			{
				entry: 'client-credssp-disabled',
				howToTell:
					'that one is WinRM itself saying CredSSP is off; this is the gateway refusing the user.',
			},
		],
		nextCommand:
			"Add-LocalGroupMember -Group 'Windows Admin Center CredSSP Administrators' -Member <user>",
		runOn: 'client',
		stage: 'client',
		reference: '5',
		matchers: {
			phrases: [phrase("Couldn't enable CredSSP delegation", strong)],
		},
	},
	{
		id: 'access-denied-unspecified',
		class: 'remote-access-denied',
		name: '"Access is denied" without context',
		cause:
			'Only "Access is denied" is visible. Most often the first hop refused the account; it can also be a ' +
			'shell that is not elevated or a command refused on the second hop. Paste the whole error, with the ' +
			'lines before it, to tell which.',
		notToBeConfusedWith: [
			{
				entry: 'first-hop-access-denied',
				howToTell:
					'preceded by "Connecting to remote server ... failed": the first hop refused the session.',
			},
			{
				entry: 'wsman-cmdlet-not-elevated',
				howToTell:
					'followed by "You need to run this cmdlet from an elevated process": this shell.',
			},
			{
				entry: 'second-hop-file-share',
				howToTell: 'a \\\\server\\share path or + PSComputerName: a command on the first hop.',
			},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { whoami /groups }',
		runOn: 'client',
		stage: 'first-hop',
		reference: '1.3, 2.3 E8, E14',
		alternatives: ['needs-elevation', 'second-hop-denied'],
		matchers: {
			phrases: [
				phrase('Access is denied', enough),
				phrase('Zugriff verweigert', enough, 'de'),
				phrase('Accès refusé', enough, 'fr'),
				phrase('Acceso denegado', enough, 'es'),
				phrase('アクセスが拒否されました', enough, 'ja'),
				phrase('액세스가 거부되었습니다', enough, 'ko'),
			],
			codes: [accessDeniedHresult, win32(5)],
		},
	},

	// ---------------------------------------------------------------- needs-elevation (§2.3 E8, §3.6, §5)
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
				phrase('Access is denied. You need to run this cmdlet from an elevated process', decisive),
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
				phrase('Run as administrator', network),
				phrase('elevated user rights', strong),
				phrase('elevated PowerShell session', strong),
				phrase('You need elevated Administrator privileges', strong),
				phrase('The requested operation requires elevation', strong),
			],
			codes: [hresult('0x800702E4', -2147024156, 2147943140), win32(740)],
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

	// ---------------------------------------------------------------- local-winrm-stopped
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
						/(?<=(?:enable|disable|get)-wsmancredssp : <f:wsmanfault[^>]*)code="2150858770"(?!.*pscomputername)/,
					weight: decisive,
					what: "0x80338012 from a WSMan cmdlet of this computer's",
				},
			],
		},
	},

	// ---------------------------------------------------------------- credssp-client-disabled (§2.3 E1)
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
			codes: [hresult('0x803381A2', -2144108126, 2150859170)],
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
				phrase('This command cannot be used because the configuration is corrupted', decisive),
				phrase('The WS-Management configuration is corrupted', decisive),
			],
			codes: [hresult('0x80338005', -2144108539, 2150858757)],
		},
	},

	// ---------------------------------------------------------------- credssp-server-disabled (§2.3 E4)
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

	// ---------------------------------------------------------------- credential-required (§2.3 E5)
	{
		id: 'credssp-needs-credential',
		class: 'credential-required',
		name: 'CredSSP was requested without -Credential',
		cause:
			'WinRM uses CredSSP only with explicit credentials: it will not delegate the credentials of the ' +
			'current logon. Add -Credential.',
		notToBeConfusedWith: [
			{
				entry: 'client-credssp-disabled',
				howToTell:
					'that one is CredSSP switched off; this one is CredSSP on but no credential given.',
			},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop1> -Authentication CredSSP -Credential (Get-Credential) -ScriptBlock { hostname }',
		runOn: 'client',
		stage: 'targets',
		reference: '2.3 E5',
		matchers: {
			phrases: [
				phrase(
					'Requests must include user name and password when CredSSP authentication mechanism is used',
					decisive,
				),
			],
			codes: [hresult('0x803381A1', -2144108127, 2150859169)],
		},
	},

	// ---------------------------------------------------------------- gpo-controlled (§2.3 E6, E7, §3.4)
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
			codes: [hresult('0x8033808A', -2144108406, 2150858890)],
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
				phrase('This command cannot be executed because the setting cannot be enabled', decisive),
				phrase('This command cannot be executed because the setting cannot be disabled', decisive),
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
			codes: [
				hresult('0x80338116', -2144108266, 2150859030),
				hresult('0x80338117', -2144108265, 2150859031),
			],
		},
	},

	// ---------------------------------------------------------------- delegation-policy (§2.3 E2)
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
			],
			codes: [hresult('0x803381A3', -2144108125, 2150859171)],
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
		runOn: 'client',
		stage: 'client',
		reference: '3.1',
		matchers: {
			phrases: [
				phrase('The machine is not configured to allow delegating fresh credentials', strong),
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
		runOn: 'hop1',
		stage: 'server',
		reference: '3.1',
		matchers: {
			phrases: [
				phrase(
					'This computer is not configured to receive credentials from a remote client computer',
					strong,
				),
			],
		},
	},

	// ---------------------------------------------------------------- not-trusted-for-delegation (§2.3 E3)
	{
		id: 'delegation-ntlm-only',
		class: 'not-trusted-for-delegation',
		name: 'The first hop was only NTLM-authenticated',
		cause:
			'CredSSP sends your password only to a server it has authenticated by Kerberos or a certificate. ' +
			'Connecting by IP address, from a workgroup, or to a server without a WSMAN/ SPN gives NTLM only. ' +
			'Use the FQDN and check the WSMAN SPNs; "Allow Fresh Credentials with NTLM-only Server ' +
			'Authentication" is a last resort (it sends your password to an unauthenticated server).',
		notToBeConfusedWith: [
			{
				entry: 'delegation-no-match',
				howToTell: 'same opening without "because the computer is not trusted".',
			},
		],
		nextCommand: 'setspn -Q WSMAN/<hop1>',
		runOn: 'client',
		stage: 'targets',
		reference: '2.3 E3',
		matchers: {
			phrases: [
				phrase(
					'does not allow the delegation of the user credentials to the target computer because the computer is not trusted',
					decisive,
				),
				phrase('because the computer is not trusted', decisive),
				phrase('Allow Fresh Credentials with NTLM-only Server Authentication', strong),
			],
			codes: [hresult('0x803381A4', -2144108124, 2150859172)],
		},
	},

	// ---------------------------------------------------------------- encryption-oracle (§2.3 E10)
	{
		id: 'credssp-oracle-mismatch',
		class: 'encryption-oracle',
		name: 'The CredSSP security update is on one side only',
		cause:
			'The 2018 CredSSP update (CVE-2018-0886) is installed on one side and not the other, and ' +
			'"Encryption Oracle Remediation" (AllowEncryptionOracle) forbids talking to the unpatched side. Patch ' +
			'both; setting the value to 2 (Vulnerable) is a brief workaround only.',
		notToBeConfusedWith: [
			{
				entry: 'server-credssp-disabled',
				howToTell:
					'that one lists the mechanisms the server offers; this one says "not supported".',
			},
		],
		nextCommand:
			'Get-ItemProperty HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters -Name AllowEncryptionOracle -ErrorAction SilentlyContinue',
		runOn: 'client',
		stage: 'client',
		reference: '2.3 E10',
		matchers: {
			phrases: [
				phrase('This could be due to CredSSP encryption oracle remediation', decisive),
				phrase('encryption oracle remediation', strong),
				phrase('failed to negotiate a common protocol version', strong),
				phrase('The function requested is not supported', strong),
				phrase('failed with the following error message : The request is not supported', strong),
				phrase('The request is not supported', supporting),
				phrase('An authentication error has occurred', supporting),
				phrase('linkid=866660', strong),
			],
			// The localised RDP dialog keeps both words: "CredSSP-Verschluesselungsoracle" and the like.
			patterns: [
				{
					regex: /credssp.{0,40}oracle|oracle.{0,40}credssp/,
					weight: strong,
					what: 'CredSSP oracle',
				},
			],
			codes: [hresult('0x80090302', -2146893054, 2148074242, supporting)],
		},
	},

	// ---------------------------------------------------------------- unreachable (§2.3 E11, E12, §3.6)
	{
		id: 'unreachable-timeout',
		class: 'unreachable',
		name: 'The first hop did not answer (network, firewall, time-out)',
		cause:
			'Nothing answered on the WinRM port (5985, or 5986 with -UseSSL): the computer is off or unreachable, ' +
			'a firewall drops the traffic, or the WinRM firewall rule only allows the local subnet (Public ' +
			'profile).',
		notToBeConfusedWith: [
			{
				entry: 'unreachable-not-listening',
				howToTell:
					'a refusal ("cannot connect to the destination") means the computer answered but nothing listens.',
			},
			{
				entry: 'https-ssl-not-established',
				howToTell:
					'"The SSL connection cannot be established" means the HTTPS port answered without a usable listener.',
			},
		],
		nextCommand: 'Test-NetConnection -ComputerName <hop1> -Port 5985',
		runOn: 'client',
		stage: 'first-hop',
		reference: '2.3 E11, 3.6',
		matchers: {
			phrases: [
				phrase('WinRM cannot complete the operation', strong),
				phrase(
					'Verify that the specified computer name is valid, that the computer is accessible over the network',
					decisive,
				),
				phrase(
					'the WinRM firewall exception for public profiles limits access to remote computers',
					strong,
				),
				phrase('WinRM에서 작업을 완료할 수 없습니다', strong, 'ko'),
				phrase(
					'지정한 컴퓨터 이름이 올바른지, 네트워크를 통해 컴퓨터에 액세스할 수 있는지',
					decisive,
					'ko',
				),
				phrase(
					'공용 프로필에 대한 WinRM 방화벽 예외에서는 동일한 로컬 서브넷 내의 원격 컴퓨터로',
					strong,
					'ko',
				),
				phrase('Check if the machine name is valid and is reachable over the network', strong),
				// Generic network errors (pywinrm, .NET): they need a WinRM context to recognise.
				phrase('ConnectTimeoutError', network),
				phrase('connect timeout', network),
				phrase('Connection timed out', network),
				phrase('Network is unreachable', network),
				phrase('Read timed out', network),
				phrase('did not properly respond after a period of time', network),
				phrase('No route to host', network),
				phrase('WARNING: TCP connect to', strong),
				phrase('TcpTestSucceeded : False', strong),
				phrase('The network path was not found', strong),
				phrase('The RPC server is unavailable', strong),
				phrase('Max retries exceeded with url: /wsman', supporting),
				phrase('Failed to establish a new connection', supporting),
			],
			patterns: [winrmPort],
			codes: [
				hresult('0x80338126', -2144108250, 2150859046),
				hresult('0x80070035', -2147024843, 2147942453, supporting),
				hresult('0x800706BA', -2147023174, 2147944122, supporting),
			],
			fqids: [
				{id: 'WinRMOperationTimeout', weight: strong},
				// doublehop's own TCP look at 5985 before it opens a session.
				{id: 'WinRMPortNotAnswering,doublehop', weight: decisive},
				{id: 'NetworkPathNotFound,PSSession', weight: strong},
				{id: 'ImproperResponse,PSSession', weight: strong},
			],
		},
	},
	{
		id: 'unreachable-not-listening',
		class: 'unreachable',
		name: 'Nothing listens for WinRM on the first hop (or the service is stopped)',
		cause:
			'The computer answered but refused the connection: the WinRM service is stopped, has no listener on ' +
			'that port, or listens on another port/URL. On the first hop, winrm quickconfig starts the service and ' +
			'creates the HTTP listener.',
		notToBeConfusedWith: [
			{
				entry: 'unreachable-timeout',
				howToTell: '"WinRM cannot complete the operation" is no answer at all (firewall, network).',
			},
			{
				entry: 'quickconfig-not-elevated',
				howToTell:
					'after "Could not start the WinRM service: Access is denied", elevation is the cause.',
			},
		],
		nextCommand: 'Test-WSMan -ComputerName <hop1>',
		runOn: 'client',
		stage: 'first-hop',
		reference: '2.3 E12',
		matchers: {
			phrases: [
				phrase('The client cannot connect to the destination specified in the request', decisive),
				phrase('The connection to the specified remote host was refused', decisive),
				phrase('The WinRM service is not listening for WS-Management requests', strong),
				phrase('Verify that the WS-Management service is running on the remote host', strong),
				phrase('requested HTTP URL was not available', strong),
				phrase('Connection refused', network),
				phrase('because the target machine actively refused it', network),
				phrase('Max retries exceeded with url: /wsman', supporting),
				phrase('Failed to establish a new connection', supporting),
			],
			patterns: [winrmPort],
			codes: [
				hresult('0x80338012', -2144108526, 2150858770),
				hresult('0x80338112', -2144108270, 2150859026),
				hresult('0x80338113', -2144108269, 2150859027),
			],
			fqids: [
				{id: 'CannotConnect,PSSession', weight: strong},
				{id: 'CannotConnectWinRMService', weight: strong},
				{id: 'URLNotAvailable', weight: strong},
			],
		},
	},
	{
		id: 'unreachable-name',
		class: 'unreachable',
		name: 'The name of the first hop does not resolve',
		cause:
			'DNS has no address for the name you typed. Check the spelling, use the FQDN, or check the DNS ' +
			'suffix search list of this computer.',
		notToBeConfusedWith: [
			{
				entry: 'kerberos-cannot-find-computer',
				howToTell: 'that one resolves in DNS but Kerberos finds no computer account for the name.',
			},
		],
		nextCommand: 'Resolve-DnsName <hop1>',
		runOn: 'client',
		stage: 'first-hop',
		reference: '2.3 E12',
		supersedes: ['second-hop-adws'],
		matchers: {
			phrases: [
				phrase('server name cannot be resolved', decisive),
				phrase('No DNS entries exist for host', strong),
				phrase('Name or service not known', network),
				phrase('nodename nor servname provided', network),
				phrase('Temporary failure in name resolution', network),
				phrase('getaddrinfo failed', network),
				phrase('Ping request could not find host', strong),
				phrase('Max retries exceeded with url: /wsman', supporting),
				phrase('Failed to establish a new connection', supporting),
			],
			patterns: [winrmPort],
			codes: [hresult('0x803381B9', -2144108103, 2150859193)],
			fqids: [{id: 'ComputerNotFound', weight: strong}],
		},
	},
	{
		id: 'kerberos-cannot-find-computer',
		class: 'unreachable',
		name: 'Kerberos cannot find a computer by that name',
		cause:
			'Kerberos looked for the computer in Active Directory and found none: the name is misspelled, does ' +
			'not exist, or is an alias (CNAME, load balancer) without an SPN. Use the real FQDN.',
		notToBeConfusedWith: [
			{
				entry: 'unreachable-name',
				howToTell: 'that one is DNS failing; this one is Kerberos (the name may resolve in DNS).',
			},
			{entry: 'kerberos-spn', howToTell: '0x80090322 is an SPN owned by the wrong account.'},
		],
		nextCommand: 'Resolve-DnsName <hop1>',
		runOn: 'client',
		stage: 'first-hop',
		reference: 'transcripts',
		alternatives: ['trustedhosts-or-auth'],
		matchers: {
			phrases: [
				phrase('occurred while using Kerberos authentication: Cannot find the computer', decisive),
				phrase(
					'Verify that the computer exists on the network and that the name provided is spelled correctly',
					strong,
				),
			],
		},
	},
	{
		id: 'firewall-public-profile',
		class: 'unreachable',
		name: 'The WinRM firewall exception does not work on a Public network',
		cause:
			'One network connection of the first hop is set to Public, so the WinRM firewall exception cannot be ' +
			'enabled (or only allows the local subnet). Switch the profile to Private or Domain.',
		notToBeConfusedWith: [
			{
				entry: 'gpo-firewall',
				howToTell: 'that one is Group Policy forbidding local firewall changes.',
			},
		],
		nextCommand: 'Get-NetConnectionProfile',
		runOn: 'hop1',
		stage: 'first-hop',
		reference: '3.6',
		matchers: {
			phrases: [
				phrase(
					'WinRM firewall exception will not work since one of the network connection types on this machine is set to Public',
					decisive,
				),
			],
		},
	},

	// ---------------------------------------------------------------- trustedhosts-or-auth (§2.3 E13, E14)
	{
		id: 'trustedhosts-required',
		class: 'trustedhosts-or-auth',
		name: 'An IP address or workgroup target needs TrustedHosts (or HTTPS)',
		cause:
			'Without Kerberos (an IP address, a workgroup, a name outside the domain) WinRM cannot authenticate ' +
			'the server, so it requires HTTPS or the target in TrustedHosts, with explicit credentials. Prefer the ' +
			'domain name: CredSSP needs Kerberos later anyway.',
		notToBeConfusedWith: [
			{
				entry: 'delegation-ntlm-only',
				howToTell:
					'that one is CredSSP refusing an NTLM-only server; this one fails before any CredSSP.',
			},
			{
				entry: 'gpo-trustedhosts-setting',
				howToTell: 'that one is the TrustedHosts change being refused by policy.',
			},
		],
		nextCommand:
			"Set-Item WSMan:\\localhost\\Client\\TrustedHosts -Value '<hop1>' -Concatenate -Force",
		runOn: 'client',
		stage: 'first-hop',
		reference: '2.3 E13',
		matchers: {
			phrases: [
				phrase(
					'Default authentication may be used with an IP address under the following conditions',
					decisive,
				),
				phrase(
					'then HTTPS transport must be used or the destination machine must be added to the TrustedHosts',
					decisive,
				),
				phrase(
					'Default credentials with Negotiate over HTTP can be used only if the target machine is part of the TrustedHosts list',
					decisive,
				),
				phrase(
					'Kerberos authentication cannot be used when the destination is an IP address',
					decisive,
				),
			],
			codes: [
				hresult('0x803381BB', -2144108101, 2150859195),
				hresult('0x803380E4', -2144108316, 2150858980),
				hresult('0x803380E5', -2144108315, 2150858981),
				hresult('0x8033810B', -2144108277, 2150859019),
			],
			fqids: [
				{id: 'CannotUseIPAddress', weight: strong},
				{id: 'ServerNotTrusted', weight: strong},
				{id: 'ExplicitCredentialsRequired', weight: strong},
			],
		},
	},
	{
		id: 'trustedhosts-pattern-invalid',
		class: 'trustedhosts-or-auth',
		name: 'The TrustedHosts value is invalid',
		cause:
			'TrustedHosts holds a value WinRM cannot parse together with the new one (for example "*" followed ' +
			'by an address). Replace the list instead of appending to it.',
		notToBeConfusedWith: [
			{
				entry: 'trustedhosts-required',
				howToTell: 'that one asks for an entry; this one rejects the list.',
			},
		],
		nextCommand: "Set-Item WSMan:\\localhost\\Client\\TrustedHosts -Value '<hop1>' -Force",
		runOn: 'client',
		stage: 'first-hop',
		reference: '2.3 E13',
		matchers: {
			phrases: [phrase('The hostname pattern is invalid', decisive)],
		},
	},
	{
		id: 'kerberos-spn',
		class: 'trustedhosts-or-auth',
		name: 'Kerberos found the wrong service account for the first hop (SPN)',
		cause:
			'0x80090322 (the target principal name is incorrect): the HTTP/<name> SPN belongs to another account ' +
			'(often an IIS or SQL Reporting service account) or is duplicated, or a short name was used where the ' +
			'FQDN is registered. Use the FQDN, check the SPN, or add -SessionOption (New-PSSessionOption ' +
			'-IncludePortInSPN).',
		notToBeConfusedWith: [
			{
				entry: 'second-hop-nested-winrm',
				howToTell:
					'errorcode 0x8009030e (logon session does not exist) is the second hop, not an SPN.',
			},
		],
		nextCommand: 'setspn -Q HTTP/<hop1>',
		runOn: 'client',
		stage: 'first-hop',
		reference: '2.3 E14',
		matchers: {
			phrases: [
				phrase('errorcode 0x80090322 occurred while using Kerberos authentication', decisive),
				phrase('The target principal name is incorrect', strong),
				phrase('Server not found in Kerberos database', strong),
			],
			codes: [
				hresult('0x80090322', -2146893022, 2148074274),
				hresult('0x8033809D', -2144108387, 2150858909, 5),
				hresult('0x80090303', -2146893053, 2148074243, 5),
			],
			fqids: [{id: 'TargetUnknown', weight: 5}],
		},
	},
	{
		id: 'auth-error-unspecified',
		class: 'trustedhosts-or-auth',
		name: 'Kerberos or Negotiate authentication to the first hop failed',
		cause:
			'WinRM could not authenticate to the first hop and gives no specific reason. Usual causes: a wrong ' +
			'or local user name with Kerberos, no SPN for the name and port, no trust between the domains, or an ' +
			'IP address without TrustedHosts.',
		notToBeConfusedWith: [
			{
				entry: 'second-hop-nested-winrm',
				howToTell:
					'with errorcode 0x8009030e ("logon session does not exist") it is the second hop.',
			},
			{
				entry: 'kerberos-spn',
				howToTell: 'with errorcode 0x80090322 it is an SPN owned by another account.',
			},
		],
		nextCommand:
			'Test-WSMan -ComputerName <hop1> -Authentication Negotiate -Credential (Get-Credential)',
		runOn: 'client',
		stage: 'first-hop',
		reference: '2.3 E14, 2.4',
		matchers: {
			phrases: [
				phrase('occurred while using Kerberos authentication', supporting),
				phrase('occurred while using Negotiate authentication', supporting),
				phrase('An unknown security error occurred', supporting),
				phrase('Possible causes are: -The user name or password specified are invalid', supporting),
			],
		},
	},
	{
		id: 'kerberos-access-denied',
		class: 'trustedhosts-or-auth',
		name: 'Kerberos authentication to the first hop was refused',
		cause:
			'The first hop answered the Kerberos attempt with "access denied": the SPN, the account or the ' +
			'authentication mechanisms of the service do not fit. Check the SPN and the name used.',
		notToBeConfusedWith: [
			{
				entry: 'first-hop-access-denied',
				howToTell:
					'a plain "Access is denied" after the connecting prefix is the account being refused.',
			},
		],
		nextCommand: 'setspn -Q HTTP/<hop1>',
		runOn: 'client',
		stage: 'first-hop',
		reference: '2.3 E14',
		alternatives: ['remote-access-denied'],
		matchers: {
			phrases: [
				phrase(
					'tried to use Kerberos authentication mechanism, but the destination computer',
					decisive,
				),
				phrase("returned an 'access denied' error", strong),
			],
		},
	},
	{
		id: 'logon-failure',
		class: 'trustedhosts-or-auth',
		name: 'The user name or password was rejected',
		cause:
			'The first hop could not log you on: wrong password, wrong domain prefix (DOMAIN\\user), a local ' +
			'account used with Kerberos, or no domain controller reachable.',
		notToBeConfusedWith: [
			{
				entry: 'first-hop-access-denied',
				howToTell: '"Access is denied" means the logon worked and the account was refused.',
			},
		],
		nextCommand:
			'Test-WSMan -ComputerName <hop1> -Authentication Negotiate -Credential (Get-Credential)',
		runOn: 'client',
		stage: 'targets',
		reference: '2.2, 2.4',
		matchers: {
			phrases: [
				phrase('The user name or password is incorrect', strong),
				phrase('unknown user name or bad password', strong),
				phrase('There are currently no logon servers available', strong),
				phrase("because your domain isn't available", strong),
			],
			codes: [
				hresult('0x8007052E', -2147023570, 2147943726, 5),
				hresult('0x80090311', -2146893039, 2148074257, 5),
			],
			fqids: [
				{id: 'LogonFailure,PSSession', weight: strong},
				{id: 'AuthenticationFailed,PSSession', weight: 5},
			],
		},
	},
	{
		id: 'credentials-rejected',
		class: 'trustedhosts-or-auth',
		name: 'The server rejected the credentials (HTTP 401)',
		cause:
			'pywinrm/psrp got HTTP 401: the password is wrong, the transport does not fit the account (Basic ' +
			'works only for local accounts), or the first hop refuses the account (not an administrator, no ' +
			'network logon right). The text alone cannot tell which.',
		notToBeConfusedWith: [
			{
				entry: 'first-hop-access-denied',
				howToTell:
					'if the same account works on another host and fails only here, the host refuses it.',
			},
		],
		nextCommand:
			'Test-WSMan -ComputerName <hop1> -Authentication Negotiate -Credential (Get-Credential)',
		runOn: 'client',
		stage: 'targets',
		reference: 'fixtures',
		alternatives: ['remote-access-denied'],
		matchers: {
			phrases: [phrase('the specified credentials were rejected by the server', strong)],
		},
	},
	{
		id: 'client-auth-mechanism-disabled',
		class: 'trustedhosts-or-auth',
		name: 'The requested authentication mechanism is off in this client',
		cause:
			'The WinRM client configuration of this computer disables the mechanism (or unencrypted traffic) ' +
			'that the command asked for.',
		notToBeConfusedWith: [
			{
				entry: 'client-credssp-disabled',
				howToTell: '"CredSSP authentication is currently disabled" is the CredSSP client role.',
			},
		],
		nextCommand: 'Get-ChildItem WSMan:\\localhost\\Client\\Auth',
		runOn: 'client',
		stage: 'first-hop',
		reference: 'wsmerror.h',
		matchers: {
			phrases: [
				phrase('Basic authentication is currently disabled in the client configuration', decisive),
				phrase('Digest authentication is currently disabled in the client configuration', decisive),
				phrase(
					'Negotiate authentication is currently disabled in the client configuration',
					decisive,
				),
				phrase(
					'Kerberos authentication is currently disabled in the client configuration',
					decisive,
				),
				phrase(
					'Certificate authentication is currently disabled in the client configuration',
					decisive,
				),
				phrase('Unencrypted traffic is currently disabled in the client configuration', decisive),
			],
			codes: [
				hresult('0x803380DE', -2144108322, 2150858974),
				hresult('0x803380DF', -2144108321, 2150858975),
				hresult('0x803380E0', -2144108320, 2150858976),
				hresult('0x803380E1', -2144108319, 2150858977),
				hresult('0x803380E2', -2144108318, 2150858978),
				hresult('0x803380E3', -2144108317, 2150858979),
			],
			fqids: [{id: 'ClientKerberosDisabled', weight: strong}],
		},
	},
	{
		id: 'workgroup-kerberos',
		class: 'trustedhosts-or-auth',
		name: 'Kerberos with implicit credentials from a workgroup computer',
		cause:
			'This computer is not in a domain, so it has no Kerberos credentials of its own. Pass -Credential, ' +
			'or use another authentication mechanism.',
		notToBeConfusedWith: [
			{entry: 'trustedhosts-required', howToTell: 'that one is about authenticating the server.'},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop1> -Credential (Get-Credential) -ScriptBlock { hostname }',
		runOn: 'client',
		stage: 'targets',
		reference: '2.2',
		matchers: {
			phrases: [
				phrase(
					'Kerberos authentication cannot be used with implicit credentials if the client computer is not joined to a domain',
					decisive,
				),
			],
			codes: [hresult('0x8033810C', -2144108276, 2150859020)],
			fqids: [{id: 'WorkgroupCannotUseKerberos', weight: strong}],
		},
	},

	// ---------------------------------------------------------------- https-listener (§2.3 E12, E15, E16)
	{
		id: 'https-ssl-not-established',
		class: 'https-listener',
		name: 'No usable HTTPS listener on the first hop',
		cause:
			'The HTTPS port answered but no TLS session could be set up: no HTTPS listener, a listener whose ' +
			'certificate was removed, or TLS spoken to the HTTP port.',
		notToBeConfusedWith: [
			{
				entry: 'unreachable-timeout',
				howToTell: '"WinRM cannot complete the operation" with -UseSSL is 5986 being filtered.',
			},
			{
				entry: 'unreachable-not-listening',
				howToTell: '"cannot connect to the destination" is HTTP with nothing listening.',
			},
		],
		nextCommand: 'winrm enumerate winrm/config/listener',
		runOn: 'hop1',
		stage: 'listener',
		reference: '2.3 E12',
		matchers: {
			phrases: [
				phrase('The SSL connection cannot be established', decisive),
				phrase('properly configured to listen for HTTPS requests', strong),
				phrase('WRONG_VERSION_NUMBER', strong),
				phrase('SSLError', supporting),
			],
			codes: [hresult('0x803381BA', -2144108102, 2150859194)],
		},
	},
	{
		id: 'https-no-certificate',
		class: 'https-listener',
		name: 'No certificate fit for an HTTPS listener',
		cause:
			'winrm quickconfig -transport:https needs a certificate in LocalMachine\\My whose CN (or SAN) is the ' +
			'host name, with the Server Authentication EKU, valid dates, not revoked and not self-signed.',
		notToBeConfusedWith: [
			{
				entry: 'https-untrusted-certificate',
				howToTell: 'that one is the client distrusting a certificate the listener already has.',
			},
		],
		nextCommand:
			'Get-ChildItem Cert:\\LocalMachine\\My | Format-List Subject, DnsNameList, EnhancedKeyUsageList, NotAfter, Issuer',
		runOn: 'hop1',
		stage: 'listener',
		reference: '2.3 E15',
		matchers: {
			phrases: [
				phrase(
					'Cannot create a WinRM listener on HTTPS because this machine does not have an appropriate certificate',
					decisive,
				),
				phrase(
					'The Enhanced Key Usage (EKU) field of the certificate is not set to "Server Authentication"',
					decisive,
				),
			],
			codes: [
				hresult('0x80338115', -2144108267, 2150859029),
				hresult('0x803380EE', -2144108306, 2150858990),
			],
		},
	},
	{
		id: 'https-untrusted-certificate',
		class: 'https-listener',
		name: 'This client does not trust the HTTPS certificate',
		cause:
			'The listener certificate is signed by a certificate authority this client does not trust (often ' +
			'self-signed), or its revocation could not be checked. Import the issuing CA into Trusted Root on ' +
			'this client, or reissue the certificate from a CA it trusts.',
		notToBeConfusedWith: [
			{
				entry: 'https-name-mismatch',
				howToTell: '"common name (CN) that does not match" is the name, not the issuer.',
			},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop1> -ScriptBlock { Get-ChildItem Cert:\\LocalMachine\\My | Format-List Subject, Issuer, NotAfter, Thumbprint }',
		runOn: 'client',
		stage: 'listener',
		reference: '2.3 E16',
		matchers: {
			phrases: [
				phrase('The SSL certificate is signed by an unknown certificate authority', decisive),
				phrase('The server certificate on the destination computer', strong),
				phrase('The SSL certificate could not be checked for revocation', decisive),
				phrase('HTTPS on Unix does not currently support CA or CN checks', decisive),
				phrase('certificate verify failed', strong),
				phrase('self signed certificate in certificate chain', strong),
				phrase('unable to get local issuer certificate', strong),
			],
			codes: [win32(12175, strong)],
		},
	},
	{
		id: 'https-name-mismatch',
		class: 'https-listener',
		name: 'The HTTPS certificate does not carry the name you connected to',
		cause:
			'The name you typed (or the IP address) is neither the CN nor a SAN of the listener certificate. ' +
			'Connect with a name the certificate carries, or reissue it with the FQDN.',
		notToBeConfusedWith: [
			{
				entry: 'https-untrusted-certificate',
				howToTell: '"unknown certificate authority" is the issuer, not the name.',
			},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop1> -ScriptBlock { Get-ChildItem Cert:\\LocalMachine\\My | Format-List Subject, DnsNameList, Thumbprint }',
		runOn: 'client',
		stage: 'listener',
		reference: '2.3 E15, E16',
		matchers: {
			phrases: [
				phrase(
					'The SSL certificate contains a common name (CN) that does not match the hostname',
					decisive,
				),
				phrase('The certificate CN and the hostname that were provided do not match', decisive),
				phrase('certificate verify failed: Hostname mismatch', decisive),
				phrase('certificate verify failed: IP address mismatch', decisive),
			],
			codes: [hresult('0x803380E9', -2144108311, 2150858985), win32(12175, supporting)],
			patterns: [{regex: /hostname '[^']+' doesn't match/, weight: strong, what: 'name mismatch'}],
		},
	},
];

export const entriesById: ReadonlyMap<string, Entry> = new Map(
	catalog.map((entry) => [entry.id, entry]),
);
