// What Windows reports, as records: the ErrorRecord PowerShell raises, and the settings and
// objects the Host reads (WinRM service, CredSSP on both sides, listeners, certificates).
// The ground floor: imported by everything, importing nothing of ours.

/** A PowerShell ErrorRecord, as `$_` exposes it and as the console prints it. */
export type ErrorRecord = {
	/** `$_.Exception.Message` (or ErrorDetails.Message when set). */
	message: string;
	/** e.g. `AccessDenied,Microsoft.HyperV.PowerShell.Commands.GetVMCommand` */
	fullyQualifiedErrorId: string;
	/** e.g. `PermissionDenied: (:) [Get-VM], VirtualizationOperationFailedException` */
	categoryInfo: string;
	/** Full .NET type name, e.g. `System.Management.Automation.Remoting.PSRemotingTransportException` */
	exceptionType: string;
	/** Signed 32-bit HRESULT or WinRM error code when one is known. */
	hresult?: number;
	/** `$_.TargetObject` rendered as a string. */
	targetObject?: string;
	/** Set when the error was raised on a remote machine inside Invoke-Command. */
	psComputerName?: string;
};

export type Outcome<T> = {ok: true; value: T} | {ok: false; error: ErrorRecord};

/** This machine's WinRM service as Get-Service reports it. */
export type WinRMService = {
	/** `(Get-Service WinRM).Status`: Running, Stopped, StartPending, ... */
	status: string;
	/** `(Get-Service WinRM).StartType`: Automatic, Manual or Disabled ('' when unknown). */
	startType: string;
};

export type LocalContext = {
	computerName: string;
	/** DNS domain, or undefined in a workgroup. */
	domain?: string;
	psEdition: 'Desktop' | 'Core';
	psVersion: string;
	os: string;
	elevated: boolean;
	user: string;
	/**
	 * The *-WSManCredSSP cmdlets and the WSMan: drive talk to this service; on Windows 10/11 it is
	 * Manual and usually stopped. Undefined where there is no such service (PowerShell off Windows).
	 */
	winrmService?: WinRMService;
};

/**
 * Which accounts in this machine's domain hold each WSMAN SPN asked for (an empty list: none).
 * `unreadable`: the directory did not answer (a workgroup machine, no domain controller reached,
 * LDAP refused), with the innermost exception's text and HRESULT.
 */
export type WsmanSpnRead =
	| {readable: true; spns: {spn: string; accounts: string[]}[]}
	| {readable: false; reason: string; hresult?: number};

/**
 * What the first hop found when it looked at the second hop: whether the name resolves there
 * (Dns.GetHostAddresses), and for each TCP port looked at whether a connect completed within the
 * wait ('open'), was refused (the machine is on, nothing listens there) or got no answer ('silent').
 */
export type SecondHopReachRead =
	| {resolved: false; reason: string}
	| {
			resolved: true;
			addresses: string[];
			ports: {port: number; answer: 'open' | 'refused' | 'silent'}[];
	  };

/** Whether CredSSP may delegate an account's credentials at all; undefined fields were not readable. */
export type DelegationLimits = {
	/** The account the credential names, as typed. */
	user: string;
	/** A member of Protected Users (S-1-5-21-<domain>-525), directly or through a nested group. */
	protectedUsers?: boolean;
	/** That group's SID in the account's domain. */
	protectedUsersSid?: string;
	/** Where membership was read: this shell's token (the same user), or the ActiveDirectory module. */
	protectedUsersFrom?: 'token' | 'active-directory';
	/** userAccountControl NOT_DELEGATED: "Account is sensitive and cannot be delegated". */
	notDelegated?: boolean;
	/** Credential Guard runs on this machine. */
	credentialGuard?: boolean;
};

export type FirstHop = {
	/** `$env:COMPUTERNAME` as hop 1 reports it. */
	computerName: string;
	fqdn: string;
	/** How the session authenticated (Kerberos when a domain name was used, NTLM for an IP or workgroup). */
	authentication: 'Kerberos' | 'NTLM' | 'CredSSP';
};

/** What a command run on hop 1 printed when it worked. */
export type RemoteOutput = {output: string};

/** Which authority owns a setting. Group Policy values win over local ones and revert local edits. */
export type PolicySetting<T> = {value: T; policyPath: string; registryPath: string};

/**
 * "Allow delegating fresh credentials"'s two DWORDs beside its list, under ...\CredentialsDelegation;
 * null = the value is absent. AllowFreshCredentials: 1 Enabled, 0 Disabled (nothing delegated),
 * absent Not configured (TERMSRV/* only, by default). ConcatenateDefaults_AllowFresh: 1 = "Concatenate
 * OS defaults with input above" checked. Enable-WSManCredSSP -Role Client sets both to 1. The
 * NTLM-only policy's pair (AllowFreshCredentialsWhenNTLMOnly, ConcatenateDefaults_AllowFreshNTLMOnly)
 * has the same shape and meaning. A text is the value as a REG_SZ (`New-ItemProperty -Value 1`
 * without -PropertyType writes one), which an undo must put back as a REG_SZ, not a DWORD.
 */
export type DelegationSwitches = {allowFresh: SwitchValue; concatenateDefaults: SwitchValue};

/** One switch as the registry holds it: a REG_DWORD (number), a REG_SZ (its text), or absent (null). */
export type SwitchValue = number | string | null;

/**
 * Which of the policy keys under ...\CredentialsDelegation existed before a change, so its undo
 * removes one the change created once it is empty again (Enable-WSManCredSSP and doublehop's own
 * list write create them), and never one that was there before. Absent (older journals): none is
 * removed.
 */
export type DelegationKeys = {parent: boolean; list: boolean};

/** Both copies of the switches: HKLM's, in force, and the local GPO's, which a refresh copies there. */
export type DelegationSwitchesBoth = {hklm: DelegationSwitches; localGpo: DelegationSwitches};

/**
 * How a delegation-list write treats HKLM's copy: these values (with entries only HKLM holds, say
 * added by reg add, kept), or not at all ('group-policy': a domain GPO owns the list there, and
 * its next refresh recomputes it). Absent: the same values as the local Group Policy object.
 */
export type HklmDelegationWrite = {values: string[]} | 'group-policy';

export type ClientCredSsp = {
	/** WSMan:\localhost\Client\Auth\CredSSP */
	enabled: boolean;
	/** AllowFreshCredentials values in registry order, e.g. `wsman/hyperv1.contoso.com`, `TERMSRV/*`. */
	allowFreshCredentials: string[];
	/**
	 * The local Group Policy object's AllowFreshCredentials list, from its Registry.pol: the store
	 * Enable-WSManCredSSP -Role Client appends to and a policy refresh copies to HKLM. Absent when
	 * it was not read; then the HKLM list stands in for it.
	 */
	localGpoAllowFreshCredentials?: string[];
	/**
	 * The local GPO list's value names are not exactly 1..n (say 1 and 3, after a value was deleted
	 * by hand): Enable-WSManCredSSP names its new value ValueCount+1 (CredSSP.cs
	 * UpdateGPORegistrySettings) and would replace an entry, so doublehop writes the list itself.
	 */
	localGpoListGaps?: true;
	/** The list's two switches in HKLM; absent when not read. */
	allowFreshSwitches?: DelegationSwitches;
	/** The same two in the local Group Policy object's Registry.pol; absent when not read. */
	localGpoAllowFreshSwitches?: DelegationSwitches;
	/** AllowFreshCredentialsWhenNTLMOnly values. */
	allowFreshCredentialsNtlmOnly: string[];
	/**
	 * Its two switches in HKLM (AllowFreshCredentialsWhenNTLMOnly, ConcatenateDefaults_AllowFreshNTLMOnly);
	 * absent when not read.
	 */
	allowFreshNtlmOnlySwitches?: DelegationSwitches;
	/**
	 * The local Group Policy object's NTLM-only list (Registry.pol), where that GPO configures the
	 * policy: each refresh rewrites HKLM's list from it. Absent: it does not (or it was not read).
	 */
	localGpoAllowFreshCredentialsNtlmOnly?: string[];
	/**
	 * Whether HKLM's ...\CredentialsDelegation key, its AllowFreshCredentials and its
	 * AllowFreshCredentialsWhenNTLMOnly subkeys exist (even empty); absent when not read.
	 */
	delegationKeys?: {parent: boolean; allowFresh: boolean; ntlmOnly: boolean};
	/** The two lines Get-WSManCredSSP prints. */
	getWSManCredSspText: string[];
	/** WinRM Client "Allow CredSSP authentication", when Group Policy sets it. */
	policyAllowCredSsp?: PolicySetting<boolean>;
	/** Set when a domain GPO owns "Allow delegating fresh credentials": local entries would be replaced. */
	policyDelegation?: PolicySetting<string[]>;
	/** Set when a domain GPO sets "Allow delegating fresh credentials" to Disabled: nothing may be delegated. */
	policyDelegationDisabled?: PolicySetting<true>;
	/** "Deny delegating fresh credentials" entries set by Group Policy; a match wins over any allow entry. */
	policyDenyDelegation?: PolicySetting<string[]>;
	/**
	 * Set when a domain GPO configures "Allow delegating fresh credentials with NTLM-only server
	 * authentication" (RSOP): each refresh replaces HKLM's list with its own.
	 */
	policyNtlmOnlyDelegation?: PolicySetting<string[]>;
	/** AllowEncryptionOracle: 0 Force Updated Clients, 1 Mitigated, 2 Vulnerable; undefined = not configured. */
	encryptionOracle?: 0 | 1 | 2;
	/** Whether the March 2018 CredSSP update (CVE-2018-0886) is installed. */
	oraclePatched: boolean;
};

export type ServerCredSsp = {
	/** WSMan:\localhost\Service\Auth\CredSSP on hop 1 */
	enabled: boolean;
	policyAllowCredSsp?: PolicySetting<boolean>;
	encryptionOracle?: 0 | 1 | 2;
	oraclePatched: boolean;
};

export type Listener = {
	transport: 'HTTP' | 'HTTPS';
	address: string;
	port: number;
	hostname: string;
	certificateThumbprint: string;
	enabled: boolean;
	source: 'GPO' | 'Compatibility' | 'Local';
};

/** The listener create-https-listener makes and remove-https-listener removes: Address=*, HTTPS. */
export const isAddressAnyHttps = (l: Listener) => l.transport === 'HTTPS' && l.address === '*';

export type Certificate = {
	thumbprint: string;
	subject: string;
	dnsNames: string[];
	issuer: string;
	notAfter: string;
	serverAuthentication: boolean;
	selfSigned: boolean;
	hasPrivateKey: boolean;
	/** `Test-Certificate -Policy SSL -DNSName <hop 1's FQDN>` on hop 1: chain trusted and not revoked. */
	trusted: boolean;
	/** Why it was not, as Test-Certificate said (its first error), when `trusted` is false. */
	trustProblem?: string;
};

/** The console text of a change command, as PowerShell printed it. */
export type CommandOutput = {output: string};

/**
 * Stop-Service WinRM, the undo of starting it. startTypeNow: not stopped, because its start type
 * is no longer the one doublehop left (Enable-PSRemoting or a GPO made it Automatic since).
 */
export type WinRMStopped = CommandOutput & {startTypeNow?: string};

/**
 * The HTTPS listener's undo: what it found already gone (someone removed it by hand, or a revert
 * task did), and so did not remove. Each is set only when true.
 */
/**
 * listenerRebound: the thumbprint the Address=* HTTPS listener has now, when it is not the one
 * doublehop made it with (re-bound since, to a renewed certificate): that listener was left.
 */
export type ListenerRemoved = CommandOutput & {
	listenerWasGone?: true;
	firewallRuleWasGone?: true;
	listenerRebound?: string;
	/**
	 * The session over HTTPS rode on the listener it removed, and was cut as it went; what a read
	 * in a new session found then decides (execute.ts), not the cut's message kept here.
	 */
	cut?: string;
};

export type ListenerCreated = CommandOutput & {
	listener: Listener;
	/** Unique Name (InstanceID) of the firewall rule created for 5986, or undefined when one already allowed it. */
	firewallRule?: string;
};

/** What DNS gives back for an address (its PTR records): the names, none when there is no record. */
export type NameLookup = {names: string[]};

/** WSMan:\localhost\Client\TrustedHosts on this machine. */
export type TrustedHosts = {
	entries: string[];
	/** SourceOfValue GPO: Group Policy's WinRM Client "Trusted Hosts" owns the list. */
	setByPolicy: boolean;
};
