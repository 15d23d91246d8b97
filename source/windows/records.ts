// The one interface between the guided flow and machines. Two implementations:
// the simulated lab (hosts/lab) and real PowerShell through node-powershell (hosts/powershell).
// Every method resolves; failures come back as PowerShell ErrorRecords, never as throws,
// so the decision tree can branch on them like an admin reading the console would.
import type {Secret} from '../safety/secret.js';

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

export type Credential = {user: string; password: Secret};

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
	/** AllowFreshCredentialsWhenNTLMOnly values. */
	allowFreshCredentialsNtlmOnly: string[];
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

export type ListenerCreated = CommandOutput & {
	listener: Listener;
	/** Unique Name (InstanceID) of the firewall rule created for 5986, or undefined when one already allowed it. */
	firewallRule?: string;
};

export type Host = {
	readonly kind: 'lab' | 'powershell';
	/** One line for the banner, e.g. "simulated lab: classic" or "Windows PowerShell 5.1". */
	readonly description: string;

	localContext(): Promise<Outcome<LocalContext>>;
	testFirstHop(hop1: string, credential: Credential): Promise<Outcome<FirstHop>>;
	/** Runs `command` inside `Invoke-Command -ComputerName hop1` with the given authentication. */
	runOnFirstHop(
		hop1: string,
		credential: Credential,
		command: string,
		authentication: 'Default' | 'CredSSP',
	): Promise<Outcome<RemoteOutput>>;

	readClientCredSsp(): Promise<Outcome<ClientCredSsp>>;
	readServerCredSsp(hop1: string, credential: Credential): Promise<Outcome<ServerCredSsp>>;
	listListeners(hop1: string, credential: Credential): Promise<Outcome<Listener[]>>;
	listCertificates(hop1: string, credential: Credential): Promise<Outcome<Certificate[]>>;

	/** `Enable-WSManCredSSP -Role Client -DelegateComputer <names> -Force`: appends, as Windows does. */
	enableClientCredSsp(delegateComputers: string[]): Promise<Outcome<CommandOutput>>;
	enableServerCredSsp(hop1: string, credential: Credential): Promise<Outcome<CommandOutput>>;
	/** `winrm quickconfig -transport:https` on hop 1, plus the 5986 firewall rule with this unique Name. */
	createHttpsListener(
		hop1: string,
		credential: Credential,
		firewallRule: string,
	): Promise<Outcome<ListenerCreated>>;

	/** `Start-Service WinRM` on this machine; its start type is left as it is. */
	startWinRMService(): Promise<Outcome<CommandOutput>>;

	// Undo: each restores exactly what one change altered.
	/** `Stop-Service WinRM` on this machine, when it runs: the undo of startWinRMService. */
	stopWinRMService(): Promise<Outcome<CommandOutput>>;
	/** Sets WSMan:\localhost\Client\Auth\CredSSP. */
	setClientCredSsp(enabled: boolean): Promise<Outcome<CommandOutput>>;
	/** Rewrites the local-GPO AllowFreshCredentials list to exactly these values, in order. */
	setDelegationList(values: string[]): Promise<Outcome<CommandOutput>>;
	disableServerCredSsp(hop1: string, credential: Credential): Promise<Outcome<CommandOutput>>;
	removeHttpsListener(
		hop1: string,
		credential: Credential,
		firewallRule: string | undefined,
	): Promise<Outcome<CommandOutput>>;

	/**
	 * Ctrl+C: stop what is running now, quickly. A call in flight gets a short grace to finish on
	 * its own, then ends with an ErrorRecord saying it was interrupted; later calls fail at once.
	 * Resolves once nothing of this run is left running (no PowerShell process). Safe to call twice.
	 */
	interrupt(): Promise<void>;
	/** Ends the PowerShell process (or saves the lab). Safe to call twice. */
	dispose(): Promise<void>;
};
