// The shape of a lab scenario file (source/hosts/lab/scenarios/*.json): a few machines with the
// state that decides whether a CredSSP double hop works. The lab host simulates Windows from this
// state, and the real-pwsh test tier's stub module reads the same files, so both answer alike.
import type {Certificate, DelegationSwitches, Listener} from '../../windows/records.js';
import type {ScheduledRevert} from '../../windows/time-box.js';

/**
 * A certificate in Cert:\LocalMachine\My. `chain` says what chain building finds; absent, it chains
 * to a trusted root and is not revoked. A self-signed one is not in the Root store either.
 */
export type LabCertificate = Omit<Certificate, 'trusted' | 'trustProblem'> & {
	chain?: 'untrusted-root' | 'revoked';
};

export type LabAccount = {
	/** As typed: CONTOSO\admin or admin@contoso.com. */
	user: string;
	/** A made-up lab password. Real passwords never live in files. */
	password: string;
	/** Machine keys where this account may open a remote session (Administrators / Remote Management Users). */
	remoteAccess: string[];
	/** Machine keys where this account may run the inner command (e.g. Hyper-V Administrators on hyperv2). */
	rightsOn: string[];
	/** Members of Protected Users: CredSSP does not delegate their credentials. */
	protectedUsers?: boolean;
	/** userAccountControl NOT_DELEGATED: "Account is sensitive and cannot be delegated". */
	notDelegated?: boolean;
	/**
	 * The domain's "Account lockout threshold" for this account (Default Domain Policy, or a
	 * fine-grained password policy): after this many wrong passwords in a row, counted by the
	 * domain whichever host they were sent to, every logon fails with ERROR_ACCOUNT_LOCKED_OUT
	 * (1909), the right password included. Absent: never locked (Windows' default, 0).
	 */
	lockoutThreshold?: number;
	/** Set by the lab as it runs, never read from a file: wrong passwords in a row, and locked out. */
	badPasswords?: number;
	lockedOut?: boolean;
};

export type LabVm = {
	name: string;
	state: string;
	cpuUsage: number;
	memoryAssignedMB: number;
	uptime: string;
	status: string;
	version: string;
};

/**
 * One inbound allow rule. Name (InstanceID) is unique; DisplayName is not, and
 * Remove-NetFirewallRule -DisplayName removes every rule that carries it.
 */
export type LabFirewallRule = {
	name: string;
	displayName: string;
	port: number;
	enabled: boolean;
	/** 'Any', or the profiles it applies to as Windows prints them: 'Domain, Private'. */
	profile: string;
};

export type LabMachine = {
	/** Fully qualified name; the short name is its first label. */
	fqdn: string;
	addresses: string[];
	/** DNS domain, or null for a workgroup machine. */
	domain: string | null;
	os: string;
	/** Whether the network and firewall let WinRM HTTP (5985) through from the client. */
	reachable: boolean;
	/**
	 * TCP ports a firewall on the way drops while the machine is reachable, e.g. [5985] where only
	 * WinRM over HTTPS (5986) is let through: nothing answers there, as when reachable is false.
	 */
	filteredPorts?: number[];
	/** Seconds it takes to open a session here (a slow VPN or WAN link); the stubs wait that long. */
	openDelaySeconds?: number;
	/** Whether the WinRM service runs. */
	winrmRunning: boolean;
	/**
	 * The WinRM service's start type; absent = Automatic (Windows Server's default). Windows 10/11
	 * ship it Manual, so a workstation's WinRM is stopped until something starts it.
	 */
	winrmStartType?: 'Automatic' | 'Manual' | 'Disabled';
	/**
	 * Whether a PTR record maps its addresses back to its FQDN (Resolve-DnsName <address>);
	 * absent = yes for a domain member (AD DNS), no for a workgroup machine.
	 */
	ptrRecord?: boolean;
	/**
	 * This machine's WinRM client TrustedHosts entries (WSMan:\localhost\Client\TrustedHosts),
	 * in order; absent = empty. A first hop reached without Kerberos (an address, a workgroup
	 * host) must be listed here, or reached over HTTPS.
	 */
	trustedHosts?: string[];
	/** Whether a WSMAN/<fqdn> SPN exists, so Kerberos can authenticate the machine. */
	wsmanSpn: boolean;
	credssp: {client: boolean; server: boolean};
	/** The local-policy AllowFreshCredentials values in HKLM\SOFTWARE\Policies (what CredSSP reads). */
	allowFreshCredentials: string[];
	/**
	 * The local Group Policy object's list (Registry.pol, what Enable-WSManCredSSP -Role Client
	 * writes), when it differs from the HKLM list: the next policy refresh copies it to HKLM.
	 * Absent = the same as allowFreshCredentials.
	 */
	localGpoAllowFreshCredentials?: string[];
	/**
	 * The value names of the local GPO's list, in its order, when they are not 1..n (say 1 and 3,
	 * after a value was deleted by hand): Enable-WSManCredSSP names its new value ValueCount+1
	 * (CredSSP.cs UpdateGPORegistrySettings), which then replaces an entry. Absent: 1..n.
	 */
	localGpoValueNames?: string[];
	/**
	 * HKLM's AllowFreshCredentials list and switches were written directly (a script, reg add) since
	 * Group Policy last applied a domain GPO's "Allow delegating fresh credentials": its values there
	 * are gone until the next refresh (90 minutes plus up to 30, or gpupdate;
	 * https://learn.microsoft.com/en-us/previous-versions/windows/desktop/policy/background-refresh-of-group-policy),
	 * though RSOP still names the GPO (it logs the last processing). Absent: not so.
	 */
	domainDelegationOverwritten?: boolean;
	/**
	 * AllowFreshCredentials and ConcatenateDefaults_AllowFresh in HKLM (null: not set). Absent = as
	 * Enable-WSManCredSSP leaves them: both 1 with entries in the list, neither without. A local
	 * policy set to Disabled is {allowFresh: 0, concatenateDefaults: null}.
	 */
	allowFreshSwitches?: DelegationSwitches;
	/** The same two in the local GPO's Registry.pol; absent = the same as in HKLM. */
	localGpoAllowFreshSwitches?: DelegationSwitches;
	allowFreshCredentialsNtlmOnly: string[];
	/**
	 * AllowFreshCredentialsWhenNTLMOnly and ConcatenateDefaults_AllowFreshNTLMOnly in HKLM (null: not
	 * set). Absent = as doublehop writes them: both 1 with entries in the list, neither without. A
	 * local policy set to Disabled is {allowFresh: 0, concatenateDefaults: null}.
	 */
	allowFreshNtlmOnlySwitches?: DelegationSwitches;
	/**
	 * The local Group Policy object's NTLM-only list (Registry.pol, gpedit.msc's "Allow delegating
	 * fresh credentials with NTLM-only server authentication"), both switches on. Absent: the local
	 * GPO does not configure that policy, and a refresh leaves HKLM's list as it is. Present, each
	 * refresh rewrites HKLM's list from it, as from any GPO that configures it (lab simulate.ts
	 * applyLocalGpo).
	 */
	localGpoAllowFreshCredentialsNtlmOnly?: string[];
	/**
	 * The local GPO's gpt.ini, line by line, where it is not as gpedit leaves it beside a
	 * Registry.pol ([General], gPCMachineExtensionNames listing the registry extension, Version):
	 * say only another extension's group, or no extension line; [] = no gpt.ini. A refresh applies
	 * the local GPO's Registry.pol only while gPCMachineExtensionNames lists the registry CSE
	 * (MS-GPREG 3.2.5.1.2; lab simulate.ts applyLocalGpo). Absent: it does.
	 */
	localGpoGptIni?: string[];
	/**
	 * The keys under HKLM\SOFTWARE\Policies\Microsoft\Windows that are there though empty:
	 * 'CredentialsDelegation', 'AllowFreshCredentials', 'AllowFreshCredentialsWhenNTLMOnly' (its
	 * subkeys). Absent: a key is there only while it holds a value or a subkey. Enable-WSManCredSSP
	 * creates them (CredSSP.cs UpdateGPORegistrySettings CreateSubKey) and Disable-WSManCredSSP
	 * leaves the parent (DeleteDelegateSettings), so an undo must not leave one it made.
	 */
	emptyPolicyKeys?: string[];
	/** Settings forced by Group Policy; absent = not configured. */
	policies: {
		/** WinRM Client > Allow CredSSP authentication */
		clientAllowCredSsp?: boolean;
		/** WinRM Service > Allow CredSSP authentication */
		serviceAllowCredSsp?: boolean;
		/**
		 * WinRM Service > Disallow WinRM from storing RunAs credentials, Enabled (DisableRunAs = 1):
		 * Register-PSSessionConfiguration -RunAsCredential fails (0x803381E0), nothing registered.
		 */
		disableRunAs?: boolean;
		/** A domain GPO's Allow delegating fresh credentials list: replaces the local entries. */
		allowFreshCredentials?: string[];
		/** A domain GPO sets Allow delegating fresh credentials to Disabled (AllowFreshCredentials = 0). */
		allowFreshCredentialsDisabled?: boolean;
		/** A GPO's Deny delegating fresh credentials list (DenyFreshCredentials): wins over any allow entry. */
		denyFreshCredentials?: string[];
		/**
		 * A domain GPO's "Allow delegating fresh credentials with NTLM-only server authentication"
		 * list: each refresh writes it over HKLM's (whose list is the scenario's
		 * allowFreshCredentialsNtlmOnly until then), and RSOP names it.
		 */
		allowFreshCredentialsNtlmOnly?: string[];
	};
	/** AllowEncryptionOracle; null = not configured (Mitigated on patched machines). */
	encryptionOracle: 0 | 1 | 2 | null;
	/** Whether the March 2018 CredSSP update (CVE-2018-0886) is installed. */
	oraclePatched: boolean;
	listeners: Listener[];
	certificates: LabCertificate[];
	/** Inbound allow rules for TCP ports (Get-NetFirewallRule), as Windows keeps them. */
	firewallRules: LabFirewallRule[];
	/** Credential Guard runs here (Win32_DeviceGuard.SecurityServicesRunning contains 1). */
	credentialGuard?: boolean;
	/**
	 * The name this machine's display language gives S-1-5-18 (Local System), when it is not
	 * English: 'NT-AUTORITÄT\SYSTEM' on German, 'NT AUTHORITY\СИСТЕМА' on Russian. A task
	 * principal named 'NT AUTHORITY\SYSTEM' does not resolve there; the SID does.
	 */
	localSystemName?: string;
	/**
	 * The remoting account is not an administrator here (Remote Management Users only), so its
	 * token may not purge another logon session's tickets: `klist purge -li 0x3e7` fails with
	 * STATUS_ACCESS_DENIED (KERB_PURGE_TKT_CACHE_REQUEST needs SeTcbPrivilege for a LogonId not
	 * the caller's). Only klist reads it; every other call still answers as to an administrator.
	 */
	notAdministratorOverRemoting?: boolean;
	/**
	 * LocalAccountTokenFilterPolicy (HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System);
	 * absent = not set: local accounts get a filtered token over the network. 1 gives them a full
	 * administrator token. winrm quickconfig sets it to 1; doublehop never writes it.
	 */
	localAccountTokenFilterPolicy?: 0 | 1;
	/** Only on the admin's own machine. */
	shell?: {
		psEdition: 'Desktop' | 'Core';
		psVersion: string;
		elevated: boolean;
		user: string;
		/** The ActiveDirectory module (RSAT) is installed: Get-ADUser answers for any account. */
		activeDirectoryModule?: boolean;
		/** $ExecutionContext.SessionState.LanguageMode; AppLocker or WDAC hold it to ConstrainedLanguage. */
		languageMode?: 'FullLanguage' | 'ConstrainedLanguage' | 'RestrictedLanguage' | 'NoLanguage';
	};
	/** Only on Hyper-V hosts. */
	vms?: LabVm[];
	/** $PSVersionTable.PSVersion on a first hop; absent = Windows Server 2022's 5.1.20348.2849. */
	psVersion?: string;
	/** Session configurations beyond Windows' own (Get-PSSessionConfiguration), lab/session-configurations.ts. */
	sessionConfigurations?: LabSessionConfiguration[];
	/** gMSAs this machine may use: Test-ADServiceAccount answers True here (absent = none). */
	usableGmsas?: string[];
	/**
	 * WinRM is slow to come back from the restart Register-PSSessionConfiguration makes (it can hang
	 * in Stopping: PowerShell/JEA#30): after a registration it refuses this many connections before
	 * it answers again. `registerGetsNoAnswer`: the registering call itself gets no answer in time,
	 * as its client retries the cut session for up to 4 minutes ("Attempting to reconnect for up to
	 * 4 minutes", dsccommunity/xPSDesiredStateConfiguration#639), longer than doublehop waits.
	 * Absent: WinRM is back at the next connection.
	 */
	slowWinrmRestart?: {refusedConnections: number; registerGetsNoAnswer?: boolean};
	/** Set by the lab as it runs: connections WinRM still refuses while it restarts. */
	winrmRestartingFor?: number;
	/** Files written on this machine (a .pssc): absent = none of doublehop's. */
	files?: string[];
	/** Scheduled tasks (Get-ScheduledTask); absent = none of doublehop's. */
	scheduledTasks?: LabScheduledTask[];
};

/**
 * A registered session configuration (an endpoint). `runAsUser`: a gMSA (JEA) or the account whose
 * password the configuration stores (RunAs); the commands run as it, and reach other machines as it.
 * `roleAccounts`: JEA's RoleDefinitions, who may connect; absent = Windows' default permission
 * (Administrators, Remote Management Users). `visibleCmdlets`: JEA's, beyond its eight defaults.
 */
export type LabSessionConfiguration = {
	name: string;
	kind: 'jea' | 'runas';
	runAsUser: string;
	roleAccounts?: string[];
	visibleCmdlets?: string[];
	visibleProviders?: string[];
	psscPath?: string;
};

/** A task as Register-ScheduledTask left it, with what a doublehop revert task takes back. */
export type LabScheduledTask = {
	taskName: string;
	/** The trigger's instant, in UTC. */
	atUtc: string;
	execute: string;
	arguments: string;
	userId: string;
	startWhenAvailable: boolean;
	/**
	 * The trigger's end boundary, in UTC, when it has one: StartWhenAvailable starts a missed -Once
	 * task late only then (TaskSettings.StartWhenAvailable).
	 */
	endBoundaryUtc?: string;
	/** Not started on batteries / stopped when going on batteries (Windows' defaults: true). */
	disallowStartIfOnBatteries?: boolean;
	stopIfGoingOnBatteries?: boolean;
	/** Get-ScheduledTaskInfo's LastTaskResult: 267011 until it runs. */
	lastTaskResult: number;
	lastRunUtc?: string;
	/** What the encoded script does, so the lab can fire it as the stubs would run it. */
	revert?: ScheduledRevert;
};

/** A computer object in Active Directory, as resource-based delegation reads and writes it. */
export type LabComputerObject = {
	/**
	 * msDS-AllowedToActOnBehalfOfOtherIdentity, in order: a lab machine's object by its SID (or its
	 * DN, as a scenario may write it), an object outside the lab's machines by its DN.
	 * Get-ADComputer prints each as its object's DN now (computer-objects.ts).
	 */
	principals: string[];
	/**
	 * The descriptor's other ACEs, in SDDL: deny ACEs, other access masks, SIDs that name no object.
	 * PrincipalsAllowedToDelegateToAccount does not list them, and a write through it drops them.
	 */
	otherAces?: string[];
	/** objectSid; absent: worked out from the machine's short name (computer-objects.ts). */
	sid?: string;
	/** Where the object is now, moved or renamed; absent: CN=<NAME>,CN=Computers,<domain>. */
	distinguishedName?: string;
	/**
	 * Whether the admin's shell account may write msDS-AllowedToActOnBehalfOfOtherIdentity here
	 * (allowedAttributesEffective lists it); absent = yes.
	 */
	writable?: boolean;
};

/** The domain's directory and KDC, for resource-based Kerberos constrained delegation. */
export type LabDirectory = {
	/** Computer objects by machine key; a domain machine not listed has one with no principals. */
	computers?: Record<string, LabComputerObject>;
	/**
	 * The KDC's negative cache, by first-hop machine key: the second hops (machine keys) it refused
	 * hop 1 delegation to. It holds until `klist purge -li 0x3e7` on hop 1 (the real cache lasts 15
	 * minutes; the lab has no clock).
	 */
	refusedDelegation?: Record<string, string[]>;
	/**
	 * How a search of the domain from the client fails; absent = it answers. 'no-domain-controller':
	 * none could be found or reached (ADSI's serverless bind, ERROR_NO_SUCH_DOMAIN); 'refused': one
	 * was found but its LDAP port refused the connection (ERROR_DS_SERVER_DOWN).
	 */
	ldap?: 'no-domain-controller' | 'refused';
};

/** A Host call the lab can make slow, by its method name. */
export type SlowCall =
	| 'localContext'
	| 'testFirstHop'
	| 'runOnFirstHop'
	| 'readDelegationLimits'
	| 'readWsmanSpn'
	| 'testSecondHopReach'
	| 'readClientCredSsp'
	| 'readServerCredSsp'
	| 'listListeners'
	| 'listCertificates'
	| 'enableClientCredSsp'
	| 'enableServerCredSsp'
	| 'createHttpsListener'
	| 'setClientCredSsp'
	| 'setDelegationList'
	| 'disableServerCredSsp'
	| 'removeHttpsListener'
	| 'resolveName'
	| 'readTrustedHosts'
	| 'addTrustedHost'
	| 'setTrustedHosts'
	| 'setNtlmOnlyList';

/**
 * Calls that take long before they answer, in seconds. `madeFirst`: the change is made at once
 * and only the answer is slow (Windows' Enable-WSManCredSSP polls policy after writing it).
 */
export type SlowCalls = Partial<Record<SlowCall, {seconds: number; madeFirst?: boolean}>>;

export type Scenario = {
	name: string;
	title: string;
	/** One paragraph: what this scenario shows. */
	summary: string;
	/** The machine key of the admin's workstation (machine C). */
	client: string;
	/** What the prompts offer by default. */
	/** `command`: the admin's command when it is not Get-VM -ComputerName <hop2>. */
	defaults: {hop1: string; hop2: string; user: string; command?: string};
	/** Shown on the credentials screen of the demo, e.g. the lab password. */
	hint?: string;
	accounts: LabAccount[];
	machines: Record<string, LabMachine>;
	/** Active Directory's computer objects and the KDC's negative cache; absent = nothing set. */
	directory?: LabDirectory;
	/** Calls that are slow on this lab (to try Ctrl+C during a call); none by default. */
	slowCalls?: SlowCalls;
};
