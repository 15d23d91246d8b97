// The one interface between the guided flow and machines. Two implementations:
// the simulated lab (hosts/lab) and real PowerShell through node-powershell (hosts/powershell).
// Every method resolves; failures come back as PowerShell ErrorRecords, never as throws,
// so the decision tree can branch on them like an admin reading the console would.
import type {Secret} from '../safety/secret.js';
import type {
	WinRMStopped,
	Outcome,
	LocalContext,
	FirstHop,
	RemoteOutput,
	ClientCredSsp,
	ServerCredSsp,
	Listener,
	Certificate,
	CommandOutput,
	ListenerRemoved,
	ListenerCreated,
	DelegationLimits,
	WsmanSpnRead,
	SecondHopReachRead,
	DelegationKeys,
	DelegationSwitches,
	DelegationSwitchesBoth,
	HklmDelegationWrite,
	NameLookup,
	TrustedHosts,
} from '../windows/records.js';
import type {
	SessionConfigurationPlan,
	SessionConfigurationsRead,
} from '../windows/session-configuration.js';
import type {SessionConfigurationChange} from '../operations/session-configuration.js';
import type {ListenerCertificate} from '../operations/create-https-listener.js';
import type {RevertTask, RevertTaskState} from '../windows/time-box.js';
import type {DescriptorEdit, ResourceDelegation} from '../windows/resource-delegation.js';

export type Credential = {user: string; password: Secret};

/** Where a revert task lives: hop 1, through the session there, or (undefined) this machine. */
export type TaskPlace = {hop1: string; credential: Credential} | undefined;

export type Host = {
	readonly kind: 'lab' | 'powershell';
	/** One line for the banner, e.g. "simulated lab: classic" or "Windows PowerShell 5.1". */
	readonly description: string;

	/**
	 * From now on, every session to hop1 is opened with -UseSSL (WinRM over HTTPS, port 5986),
	 * for a first hop that listens only there. Sessions use HTTP (5985) until this is called.
	 */
	connectOverHttps(hop1: string): void;
	/**
	 * Sessions to hop1 go over HTTP (5985) again: its HTTPS listener was removed under the session
	 * that rode on it, and a new HTTPS session would find nothing on 5986.
	 */
	connectOverHttp(hop1: string): void;

	localContext(): Promise<Outcome<LocalContext>>;
	testFirstHop(hop1: string, credential: Credential): Promise<Outcome<FirstHop>>;
	/** Runs `command` inside `Invoke-Command -ComputerName hop1` with the given authentication. */
	runOnFirstHop(
		hop1: string,
		credential: Credential,
		command: string,
		authentication: 'Default' | 'CredSSP',
	): Promise<Outcome<RemoteOutput>>;

	/**
	 * The $using:cred method: `command` reads `$using:cred`, and `$cred` is this credential, in
	 * `Invoke-Command -ComputerName hop1 -Credential $cred`. Changes nothing on any machine.
	 */
	runWithCredential(
		hop1: string,
		credential: Credential,
		command: string,
	): Promise<Outcome<RemoteOutput>>;

	/** On this machine: Protected Users, NOT_DELEGATED and Credential Guard, for the credential's user. */
	readDelegationLimits(user: string): Promise<Outcome<DelegationLimits>>;
	/** On this machine, from its domain: which accounts hold each of these SPNs (WSMAN/<fqdn>, WSMAN/<short>). */
	readWsmanSpn(spns: string[]): Promise<Outcome<WsmanSpnRead>>;
	/**
	 * On hop 1: does `hop2` resolve there, and does it answer on these TCP ports within 3 s?
	 * Changes nothing on any machine.
	 */
	testSecondHopReach(
		hop1: string,
		credential: Credential,
		hop2: string,
		ports: number[],
	): Promise<Outcome<SecondHopReachRead>>;
	readClientCredSsp(): Promise<Outcome<ClientCredSsp>>;
	readServerCredSsp(hop1: string, credential: Credential): Promise<Outcome<ServerCredSsp>>;
	listListeners(hop1: string, credential: Credential): Promise<Outcome<Listener[]>>;
	listCertificates(hop1: string, credential: Credential): Promise<Outcome<Certificate[]>>;

	/** `Enable-WSManCredSSP -Role Client -DelegateComputer <names> -Force`: appends, as Windows does. */
	enableClientCredSsp(delegateComputers: string[]): Promise<Outcome<CommandOutput>>;
	enableServerCredSsp(hop1: string, credential: Credential): Promise<Outcome<CommandOutput>>;
	/**
	 * `New-Item WSMan:\localhost\Listener -Transport HTTPS -Address *` on hop 1 with this certificate
	 * and name, plus the 5986 firewall rule with this unique Name.
	 */
	createHttpsListener(
		hop1: string,
		credential: Credential,
		firewallRule: string,
		certificate: ListenerCertificate,
	): Promise<Outcome<ListenerCreated>>;

	/** `Resolve-DnsName <address> -Type PTR` on this machine: the names DNS gives the address. */
	resolveName(address: string): Promise<Outcome<NameLookup>>;
	/** WSMan:\localhost\Client\TrustedHosts on this machine. */
	readTrustedHosts(): Promise<Outcome<TrustedHosts>>;
	/** `Set-Item WSMan:\localhost\Client\TrustedHosts -Value <entry> -Concatenate -Force`. */
	addTrustedHost(entry: string): Promise<Outcome<CommandOutput>>;
	/**
	 * Rewrites AllowFreshCredentialsWhenNTLMOnly (HKLM) to exactly these values, in order.
	 * `switches`: its two switches, as an undo puts them back; without it, both 1 while entries
	 * remain and removed once none do.
	 */
	/**
	 * `keysBefore`: an undo's, which keys were there before its change (one it made goes once
	 * empty). `localGpo`: the local GPO's list (Registry.pol), written first, so a refresh keeps
	 * the entries; none left: the policy is Not configured there; absent: the local GPO is left alone.
	 */
	setNtlmOnlyList(
		values: string[],
		switches?: DelegationSwitches,
		keysBefore?: DelegationKeys,
		localGpo?: string[],
	): Promise<Outcome<CommandOutput>>;

	/**
	 * Resource-based delegation, read on this machine: the ActiveDirectory module, hop 2's computer
	 * object with its PrincipalsAllowedToDelegateToAccount and whether this shell may write it, and
	 * hop 1's computer object.
	 */
	readResourceDelegation(hop1: string, hop2: string): Promise<Outcome<ResourceDelegation>>;
	/** `Set-ADComputer <hop2> -PrincipalsAllowedToDelegateToAccount <principals>` (none: `$null`). */
	setResourceDelegation(hop2: string, principals: string[]): Promise<Outcome<CommandOutput>>;
	/**
	 * hop 2's descriptor edited in place: one allow ACE for a SID added, or its allow ACEs removed,
	 * every other ACE kept (set-resource-delegation.ts).
	 */
	editResourceDelegation(hop2: string, edit: DescriptorEdit): Promise<Outcome<CommandOutput>>;
	/** `klist purge -li 0x3e7` on hop 1: its LocalSystem tickets, and with them a cached refusal. */
	purgeKerberosTickets(hop1: string, credential: Credential): Promise<Outcome<CommandOutput>>;

	/** `Start-Service WinRM` on this machine; its start type is left as it is. */
	startWinRMService(): Promise<Outcome<CommandOutput>>;

	/**
	 * Get-PSSessionConfiguration, $PSVersionTable and (with a gMSA) Test-ADServiceAccount on hop 1;
	 * `pauseSeconds` waited first (WinRM there restarting), cut short by interrupt().
	 */
	readSessionConfigurations(
		hop1: string,
		credential: Credential,
		gmsa: string | undefined,
		pauseSeconds?: number,
	): Promise<Outcome<SessionConfigurationsRead>>;
	/**
	 * Registers the JEA (New-PSSessionConfigurationFile, then -Path) or RunAs (-RunAsCredential
	 * `runAs`) configuration on hop 1. WinRM restarts there and may cut the session: `cut` says so.
	 */
	registerSessionConfiguration(
		hop1: string,
		credential: Credential,
		plan: SessionConfigurationPlan,
		runAs: Credential | undefined,
	): Promise<Outcome<SessionConfigurationChange>>;
	/** `Invoke-Command -ComputerName hop1 -ConfigurationName name -Credential $cred { command }`. */
	runInConfiguration(
		hop1: string,
		credential: Credential,
		name: string,
		command: string,
	): Promise<Outcome<RemoteOutput>>;

	// Undo: each restores exactly what one change altered.
	/** Unregister-PSSessionConfiguration -Force, and the .pssc doublehop wrote: the undo of registering. */
	unregisterSessionConfiguration(
		hop1: string,
		credential: Credential,
		name: string,
		psscPath: string | undefined,
	): Promise<Outcome<SessionConfigurationChange>>;
	/**
	 * `Stop-Service WinRM` on this machine, when it runs: the undo of startWinRMService. With
	 * `startType`, only while that is still its start type (else `startTypeNow`, left running).
	 */
	stopWinRMService(startType?: string): Promise<Outcome<WinRMStopped>>;
	/** Writes TrustedHosts as exactly these entries (Clear-Item when none): the undo of addTrustedHost. */
	setTrustedHosts(entries: string[]): Promise<Outcome<CommandOutput>>;
	/** Sets WSMan:\localhost\Client\Auth\CredSSP. */
	setClientCredSsp(enabled: boolean): Promise<Outcome<CommandOutput>>;
	/**
	 * Rewrites the local-GPO AllowFreshCredentials list to exactly these values, in order, then
	 * HKLM's. `switches`: its two switches in each store, as an undo puts them back; without it,
	 * both 1 while entries remain and removed once none do. `hklm`: HKLM's own values (an undo
	 * keeps entries only HKLM holds), or 'group-policy' to leave HKLM to a domain GPO that owns it.
	 * `keysBefore`: an undo's, which HKLM keys were there before its change.
	 */
	setDelegationList(
		values: string[],
		switches?: DelegationSwitchesBoth,
		hklm?: HklmDelegationWrite,
		keysBefore?: DelegationKeys,
	): Promise<Outcome<CommandOutput>>;
	disableServerCredSsp(hop1: string, credential: Credential): Promise<Outcome<CommandOutput>>;
	removeHttpsListener(
		hop1: string,
		credential: Credential,
		firewallRule: string | undefined,
		thumbprint?: string,
	): Promise<Outcome<ListenerRemoved>>;

	// Time-boxed CredSSP (--for): the clock the deadline counts from, and the revert tasks.
	/** This machine's clock, in UTC. */
	readClock(): Promise<Outcome<{nowUtc: string}>>;
	/** Register-ScheduledTask of `task` as SYSTEM, at `place` (its revert says which machine). */
	registerRevertTask(task: RevertTask, place: TaskPlace): Promise<Outcome<CommandOutput>>;
	/** Get-ScheduledTask | Get-ScheduledTaskInfo, with that machine's clock. */
	readRevertTask(taskName: string, place: TaskPlace): Promise<Outcome<RevertTaskState>>;
	/** Unregister-ScheduledTask -Confirm:$false: the undo of registerRevertTask. */
	unregisterRevertTask(taskName: string, place: TaskPlace): Promise<Outcome<CommandOutput>>;

	/**
	 * Ctrl+C: stop what is running now, quickly. A call in flight gets a short grace to finish on
	 * its own, then ends with an ErrorRecord saying it was interrupted; later calls fail at once.
	 * Resolves once nothing of this run is left running (no PowerShell process). Safe to call twice.
	 */
	interrupt(): Promise<void>;
	/** Ends the PowerShell process (or saves the lab). Safe to call twice. */
	dispose(): Promise<void>;
};
