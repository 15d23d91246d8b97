// PowerShell session configurations (endpoints) on the first hop, for the two methods that make the
// second hop as another account: JEA with a group managed service account, and a RunAs
// configuration. Windows' rules only, no I/O.
//
// Sources (reference §4.2 items 5-6, and Microsoft's JEA documentation):
// - JEA session configurations: a .pssc made with New-PSSessionConfigurationFile -SessionType
//   RestrictedRemoteServer; "Sessions of this type operate in NoLanguage mode" with eight default
//   commands (Clear-Host, Exit-PSSession, Get-Command, Get-FormatData, Get-Help, Measure-Object,
//   Out-Default, Select-Object); RoleDefinitions map accounts or groups to what they may run
//   (VisibleCmdlets). RunAsVirtualAccount reaches the network as the computer account;
//   GroupManagedServiceAccount gives a domain identity that "makes the second hop possible"
//   (WMF 5.1 "Improvements to JEA": Support for Group Managed Service Accounts). JEA needs WMF 5.0.
// - RunAs: Register-PSSessionConfiguration -RunAsCredential (WMF 3.0 and later); the warning
//   Windows prints for it: "When RunAs is enabled in a Windows PowerShell session configuration,
//   the Windows security model cannot enforce a security boundary between different user sessions
//   that are created by using this endpoint." (seen, dsccommunity/xPSDesiredStateConfiguration#639).

export type SessionConfigurationKind = 'jea' | 'runas';

/** One registered configuration, as Get-PSSessionConfiguration lists it. */
export type SessionConfigurationEntry = {name: string; runAsUser?: string; permission?: string};

/** What doublehop reads on the first hop before it registers a configuration there. */
export type SessionConfigurationsRead = {
	configurations: SessionConfigurationEntry[];
	/** $PSVersionTable.PSVersion on the first hop, e.g. "5.1.20348.2849". */
	psVersion: string;
	/** Test-ADServiceAccount for the gMSA named: true, false, or undefined when it gave no answer. */
	gmsaUsable?: boolean;
	/** Why the gMSA check says what it says (its warning, its error, or that the cmdlet is missing). */
	gmsaDetail?: string;
	/**
	 * Test-ADServiceAccount threw (its FullyQualifiedErrorId): not checked, which is not "not
	 * usable". In a remote session on hop 1 it usually does, since it asks a domain controller with
	 * a logon that has no credential to pass on (ADServerDownException, a second hop of its own).
	 */
	gmsaError?: string;
	/**
	 * "Disallow WinRM from storing RunAs credentials" is Enabled on the first hop (DisableRunAs = 1
	 * under HKLM\SOFTWARE\Policies\Microsoft\Windows\WinRM\Service): a RunAs configuration cannot
	 * be registered there. Absent: not set.
	 */
	runAsDisabled?: true;
};

/**
 * Whether hop 1 may use the gMSA, checked where its logon can reach a domain controller: on hop 1
 * itself, at its console or over RDP (reference section 1: the AD module on a second hop).
 */
export function gmsaCheckCommand(account: string): string {
	return `Test-ADServiceAccount -Identity ${psString(account.split('\\').at(-1) ?? account)}`;
}

/** What doublehop registers: the name chosen, the account the endpoint runs as, what it allows. */
export type SessionConfigurationPlan = {
	kind: SessionConfigurationKind;
	name: string;
	/** The gMSA as DOMAIN\\name$ (JEA), or the account whose password is stored (RunAs). */
	runAs: string;
	/** JEA: who may connect (RoleDefinitions), and the cmdlets they may run (VisibleCmdlets). */
	roleAccount?: string;
	visibleCmdlets?: string[];
	/** JEA: "No PowerShell providers are available" by default; a UNC path needs FileSystem. */
	visibleProviders?: string[];
	/** JEA: where doublehop writes the .pssc on the first hop (removed again by the undo). */
	psscPath?: string;
};

const baseNames: Record<SessionConfigurationKind, string> = {
	jea: 'Doublehop.JEA',
	runas: 'Doublehop.RunAs',
};

/** A name no configuration on the first hop has yet: the base, else base.2, base.3... (case-blind, as WinRM is). */
export function uniqueConfigurationName(
	kind: SessionConfigurationKind,
	existing: readonly SessionConfigurationEntry[],
): {name: string; clash?: string} {
	const taken = new Set(existing.map((entry) => entry.name.toLowerCase()));
	const base = baseNames[kind];
	if (!taken.has(base.toLowerCase())) return {name: base};
	for (let index = 2; ; index++) {
		const name = `${base}.${index}`;
		if (!taken.has(name.toLowerCase())) return {name, clash: base};
	}
}

/** Where the .pssc is written on the first hop. */
export function psscPathFor(name: string): string {
	return `C:\\ProgramData\\${name}.pssc`;
}

/** The providers a JEA session must show for the command: FileSystem for a path (a UNC path, C:\). */
export function providersOf(command: string): string[] | undefined {
	return /\\\\|\b[A-Za-z]:\\/.test(command) ? ['FileSystem'] : undefined;
}

/** The cmdlets (Verb-Noun) the command calls: what the JEA role must make visible. */
export function cmdletsOf(command: string): string[] {
	const found = command.match(/(?<![\w$-])[A-Za-z]+-[A-Za-z][\w]*/g) ?? [];
	const seen = new Map<string, string>();
	for (const name of found) if (!seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
	return [...seen.values()];
}

/**
 * Whether the command can run in a JEA session at all: NoLanguage mode runs commands with their
 * parameters, but no script block, variable, subexpression or script.
 */
export function runsInNoLanguage(command: string): {ok: true} | {ok: false; why: string} {
	// A `$` starts a variable only before a name, `{` or `(`: the one ending \\server\c$ is text.
	if (/[{}();]|\$[\w{(?^$:]|\.ps1\b/.test(command))
		return {
			ok: false,
			why: 'A JEA session (RestrictedRemoteServer) runs in NoLanguage mode: commands and their parameters only, no script block, variable, subexpression or script, and this command has one.',
		};
	if (cmdletsOf(command).length === 0)
		return {ok: false, why: 'The command names no cmdlet a JEA role could make visible.'};
	return {ok: true};
}

function majorMinor(version: string): number {
	const [major = '0', minor = '0'] = version.split('.');
	return Number(major) + Number(minor) / 10;
}

/** JEA with a gMSA needs PowerShell 5.1 on the first hop; a RunAs configuration 3.0. */
export function psVersionProblem(
	kind: SessionConfigurationKind,
	psVersion: string,
): string | undefined {
	const needed = kind === 'jea' ? 5.1 : 3;
	if (majorMinor(psVersion) >= needed) return undefined;
	return kind === 'jea'
		? `JEA with a group managed service account needs PowerShell 5.1 (WMF 5.1) on the first hop; it has ${psVersion}.`
		: `A RunAs session configuration needs PowerShell 3.0 (WMF 3.0) on the first hop; it has ${psVersion}.`;
}

/**
 * The gMSA as the account it is, DOMAIN\name$ (a gMSA's sAMAccountName ends in $), from either
 * form the admin types. Only DOMAIN\name will do: Register-PSSessionConfiguration takes the .pssc's
 * GroupManagedServiceAccount through CreateGMSAAccountCredentials (PowerShell's
 * CustomShellCommands.cs), which refuses any other form with "Invalid Group Managed Service account
 * name. Account name must be of the form 'DomainName\UserName'." (InvalidGMSAName).
 */
export function gmsaAccount(
	input: string,
): {ok: true; value: string} | {ok: false; reason: string} {
	const parts = input.trim().split('\\');
	const [domain = '', name = ''] = parts;
	const bare = name.endsWith('$') ? name.slice(0, -1) : name;
	if (parts.length !== 2 || domain === '' || bare === '' || bare.endsWith('$'))
		return {
			ok: false,
			reason:
				'Give the gMSA as DOMAIN\\name (e.g. CONTOSO\\jea-hv): Register-PSSessionConfiguration takes no other form ("Account name must be of the form \'DomainName\\UserName\'.").',
		};
	return {ok: true, value: `${domain}\\${bare}$`};
}

/**
 * What GroupManagedServiceAccount (New-PSSessionConfigurationFile, the .pssc) takes: DOMAIN\name,
 * without the $, which CreateGMSAAccountCredentials appends itself (`gmsaAccount + "$"`): given
 * CONTOSO\jea-hv$, WinRM would run as CONTOSO\jea-hv$$. Microsoft's JEA docs write it so too
 * (GroupManagedServiceAccount = 'Domain\MyJEAgMSA').
 */
export function gmsaConfigurationName(account: string): string {
	return account.endsWith('$') ? account.slice(0, -1) : account;
}

function psString(value: string): string {
	return `'${value.replaceAll("'", "''")}'`;
}

/** The lines of the .pssc New-PSSessionConfigurationFile writes, the settings doublehop sets. */
export function psscLines(plan: SessionConfigurationPlan): string[] {
	const cmdlets = (plan.visibleCmdlets ?? []).map(psString).join(', ');
	return [
		'@{',
		"SchemaVersion = '2.0.0.0'",
		"SessionType = 'RestrictedRemoteServer'",
		`GroupManagedServiceAccount = ${psString(gmsaConfigurationName(plan.runAs))}`,
		`RoleDefinitions = @{ ${psString(plan.roleAccount ?? '')} = @{ VisibleCmdlets = ${cmdlets} } }`,
		...(plan.visibleProviders === undefined
			? []
			: [`VisibleProviders = ${plan.visibleProviders.map(psString).join(', ')}`]),
		'}',
	];
}
