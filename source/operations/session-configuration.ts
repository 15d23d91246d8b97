// The JEA and RunAs methods on the first hop: read its session configurations, register one,
// unregister it (the undo), and run the admin's command through it.
//
// Registering a configuration restarts WinRM on the first hop, and the session that asked for it
// is cut: "The WS-Management service cannot process the operation. The operation
// is being attempted on a client session that is unusable.  This may be related to a recent
// restart of the WS-Management service." (seen after Register-PSSessionConfiguration,
// dsccommunity/xPSDesiredStateConfiguration#639 and PowerShell/JEA#53). -NoServiceRestart does not
// help: Register-PSSessionConfiguration did not pass it on to the Set-PSSessionConfiguration it
// calls (PowerShell/PowerShell#23859, fixed in 7.5 by #23891, never in Windows PowerShell 5.1).
// So the scripts here catch that cut (a transport error: any other error is the registration's own,
// and is its result) and report it, and the flow reads the configurations again in a new session:
// what is registered there decides, not the cut.
//
// Unregistering restarts nothing: Unregister-PSSessionConfiguration removes the plugin under
// WSMan:\localhost\Plugin and never calls RestartWinRMService, and a name that matches nothing is
// Write-Error 'No session configuration matches criteria "<name>".' (PowerShell's
// CustomShellCommands.cs, alike in its 2016 import of Windows PowerShell's code and today).
import type {CommandOutput} from '../windows/records.js';
import type {RemoteOutput} from '../windows/records.js';
import {
	gmsaConfigurationName,
	type SessionConfigurationPlan,
	type SessionConfigurationsRead,
} from '../windows/session-configuration.js';
import {psArgument, psQuote} from '../safety/names.js';
import {shownOnFirstHop, type OperationScript, type ParameterValue} from './operation.js';
import {optionalText, parseWith, record, records, text, flag} from './parse.js';
import {parseRemoteOutput} from './run-on-first-hop.js';

/** The registration's output, and the cut WinRM's restart made (empty when the call came back). */
export type SessionConfigurationChange = CommandOutput & {cut: string};

// ---------------------------------------------------------------- read

const readScriptBlock =
	"Get-PSSessionConfiguration | Select-Object Name, RunAsUser, Permission; $PSVersionTable.PSVersion; Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Service' -Name DisableRunAs -ErrorAction SilentlyContinue";

export function readSessionConfigurationsCommand(hop1: string, gmsa: string | undefined): string {
	const test =
		gmsa === undefined ? '' : `; Test-ADServiceAccount -Identity ${psArgument(gmsaIdentity(gmsa))}`;
	return shownOnFirstHop(hop1, `${readScriptBlock}${test}`);
}

/** Test-ADServiceAccount takes the account's own name (jea-hv$), not DOMAIN\name. */
function gmsaIdentity(gmsa: string): string {
	return gmsa.split('\\').at(-1) ?? gmsa;
}

const readScript = String.raw`param([string]$ComputerName, $Session, [string]$Gmsa)
$ErrorActionPreference = 'Stop'
Invoke-Command -Session $Session -ArgumentList $Gmsa -ScriptBlock {
	param([string]$Gmsa)
	$listed = @(Get-PSSessionConfiguration | ForEach-Object { @{name = [string]$_.Name; runAsUser = [string]$_.RunAsUser; permission = [string]$_.Permission} })
	$result = @{configurations = $listed; psVersion = [string]$PSVersionTable.PSVersion}
	# "Disallow WinRM from storing RunAs credentials" (Group Policy): no RunAs configuration registers.
	$policy = Get-ItemProperty -Path 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM\Service' -Name DisableRunAs -ErrorAction SilentlyContinue
	if ($null -ne $policy -and [int]$policy.DisableRunAs -eq 1) { $result.runAsDisabled = $true }
	if ($Gmsa) {
		if ($null -eq (Get-Command -Name Test-ADServiceAccount -ErrorAction SilentlyContinue)) {
			$result.gmsaDetail = 'Test-ADServiceAccount is not on this computer (the ActiveDirectory module, RSAT-AD-PowerShell, is not installed).'
		} else {
			try {
				# False comes with a warning that says why (its help, example 2): that is the detail.
				$result.gmsaUsable = [bool](Test-ADServiceAccount -Identity ($Gmsa.Split('\')[-1]) -WarningVariable testWarnings -WarningAction SilentlyContinue -ErrorAction Stop)
				if (-not $result.gmsaUsable -and $testWarnings) { $result.gmsaDetail = [string]$testWarnings[0] }
			} catch {
				# No answer, so not checked (not "not usable"): in this session the AD module usually
				# cannot reach a domain controller, a second hop of its own (ADServerDownException).
				$result.gmsaDetail = [string]$_.Exception.Message
				$result.gmsaError = [string]$_.FullyQualifiedErrorId
			}
		}
	}
	$result
}
`;

function parseRead(value: unknown) {
	return parseWith('read-session-configurations', (): SessionConfigurationsRead => {
		const object = record(value);
		const usable = object.gmsaUsable;
		const detail = optionalText(object, 'gmsaDetail');
		const gmsaError = optionalText(object, 'gmsaError');
		const runAsDisabled = object.runAsDisabled === true;
		return {
			configurations: records(object, 'configurations').map((entry) => {
				const runAsUser = optionalText(entry, 'runAsUser');
				const permission = optionalText(entry, 'permission');
				return {
					name: text(entry, 'name'),
					...(runAsUser === undefined ? {} : {runAsUser}),
					...(permission === undefined ? {} : {permission}),
				};
			}),
			psVersion: text(object, 'psVersion'),
			...(usable === undefined || usable === null ? {} : {gmsaUsable: flag(object, 'gmsaUsable')}),
			...(detail === undefined ? {} : {gmsaDetail: detail}),
			...(gmsaError === undefined ? {} : {gmsaError}),
			...(runAsDisabled ? {runAsDisabled: true as const} : {}),
		};
	});
}

export const readSessionConfigurations: OperationScript<SessionConfigurationsRead> = {
	name: 'read-session-configurations',
	runsOn: 'hop1',
	script: readScript,
	parameters: ['ComputerName', 'Gmsa'],
	remote: true,
	parse: parseRead,
};

// ---------------------------------------------------------------- register

/**
 * The registration as shown before it runs, one command a line, exactly as it runs from this
 * machine: RunAs asks for the account's credential here ($runAs), which reaches hop 1 as
 * $using:runAs. Pasted as shown, each line does what the change does (the lines as typed on hop 1
 * would register the configuration on this machine instead).
 */
export function registerSessionConfigurationCommands(
	hop1: string,
	plan: SessionConfigurationPlan,
): string[] {
	if (plan.kind === 'runas') {
		const [ask = '', register = ''] = registerLines(plan, '$using:runAs');
		return [ask, shownOnFirstHop(hop1, register)];
	}
	return [registerSessionConfigurationCommand(hop1, plan)];
}

function registerLines(plan: SessionConfigurationPlan, credential: string): string[] {
	const name = psArgument(plan.name);
	if (plan.kind === 'runas')
		return [
			`$runAs = Get-Credential ${psArgument(plan.runAs)}`,
			`Register-PSSessionConfiguration -Name ${name} -RunAsCredential ${credential} -Force`,
		];
	const path = psArgument(plan.psscPath ?? '');
	// Quoted: inside a hashtable literal a bare Get-VM is a command call, not the cmdlet's name.
	const cmdlets = (plan.visibleCmdlets ?? []).map(psQuote).join(', ');
	return [
		`New-PSSessionConfigurationFile -Path ${path} -SessionType RestrictedRemoteServer -GroupManagedServiceAccount ${psArgument(gmsaConfigurationName(plan.runAs))} -RoleDefinitions @{ ${psQuote(plan.roleAccount ?? '')} = @{ VisibleCmdlets = ${cmdlets} } }${plan.visibleProviders === undefined ? '' : ` -VisibleProviders ${plan.visibleProviders.join(', ')}`}`,
		`Register-PSSessionConfiguration -Name ${name} -Path ${path} -Force`,
	];
}

/** The registration run from this machine: the RunAs credential reaches hop 1 as $using:runAs. */
export function registerSessionConfigurationCommand(
	hop1: string,
	plan: SessionConfigurationPlan,
): string {
	if (plan.kind === 'runas') {
		const [ask = '', register = ''] = registerLines(plan, '$using:runAs');
		return `${ask}; ${shownOnFirstHop(hop1, register)}`;
	}
	return shownOnFirstHop(hop1, registerLines(plan, '$runAs').join('; '));
}

/**
 * Whether the error in `$_` is the session breaking (WinRM restarted under it): a
 * PSRemotingTransportException, as Invoke-Command -Session reports it (JobFailure, or
 * <id>,PSSessionStateBroken), not an error the command itself raised on hop 1 (a RemoteException).
 */
const transportBreak = String.raw`$_.Exception -is [System.Management.Automation.Remoting.PSRemotingTransportException] -or [string]$_.FullyQualifiedErrorId -match '^JobFailure$|PSSessionStateBroken$'`;

/**
 * The registration as an exported script runs it: the cut WinRM's restart makes is expected (see
 * above), so it is caught, and a read in a new session says whether the configuration is there.
 */
export function registerSessionConfigurationExported(
	hop1: string,
	plan: SessionConfigurationPlan,
): string[] {
	const runAs = plan.kind === 'runas';
	const lines = registerLines(plan, runAs ? '$using:runAs' : '$runAs');
	const remote = runAs ? lines.slice(1) : lines;
	return [
		...(runAs ? lines.slice(0, 1) : []),
		'try {',
		`\t${shownOnFirstHop(hop1, remote.join('; '))}`,
		'} catch {',
		`\t# Registering restarts WinRM on ${hop1}, which cuts the session that asked for it: the read below, in a new session, decides. Any other error is the registration's own.`,
		`\tif (-not (${transportBreak})) { throw }`,
		'\tWrite-Warning $_.Exception.Message',
		'}',
		`Invoke-Command -ComputerName ${psArgument(hop1)} -Credential $cred -ScriptBlock { Get-PSSessionConfiguration -Name ${psArgument(plan.name)} | Select-Object Name, RunAsUser, Permission }`,
	];
}

const registerScript = String.raw`param([string]$ComputerName, $Session, [string]$Kind, [string]$Name, [string]$RunAs, [string]$RoleAccount, [string[]]$VisibleCmdlets, [string[]]$VisibleProviders, [string]$PsscPath, [pscredential]$RunAsCredential)
$ErrorActionPreference = 'Stop'
$output = $null
$cut = ''
try {
	$output = Invoke-Command -Session $Session -ArgumentList $Kind, $Name, $RunAs, $RoleAccount, $VisibleCmdlets, $VisibleProviders, $PsscPath, $RunAsCredential -ScriptBlock {
		param([string]$Kind, [string]$Name, [string]$RunAs, [string]$RoleAccount, [string[]]$VisibleCmdlets, [string[]]$VisibleProviders, [string]$PsscPath, [pscredential]$RunAsCredential)
		if ($Kind -eq 'jea') {
			$file = @{Path = $PsscPath; SessionType = 'RestrictedRemoteServer'; GroupManagedServiceAccount = $RunAs; RoleDefinitions = @{ $RoleAccount = @{ VisibleCmdlets = $VisibleCmdlets } }}
			if ($VisibleProviders) { $file.VisibleProviders = $VisibleProviders }
			New-PSSessionConfigurationFile @file
			Register-PSSessionConfiguration -Name $Name -Path $PsscPath -Force
		} else {
			Register-PSSessionConfiguration -Name $Name -RunAsCredential $RunAsCredential -Force
		}
	}
} catch {
	# WinRM restarts to load the configuration and breaks this session, a transport error: a read in
	# a new one decides. Any other error is the registration's own, and the result: InvalidGMSAName
	# (thrown before anything is registered), or the Write-Error after Set-Item ...\RunAsUser failed
	# and the plugin was removed again (CustomShellCommands.cs).
	if (-not (${transportBreak})) { throw }
	$cut = [string]$_.Exception.Message
}
@{output = [string]($output | Out-String -Width 160); cut = $cut}
`;

function parseChange(operation: string) {
	return (value: unknown) =>
		parseWith(operation, (): SessionConfigurationChange => {
			const object = record(value);
			return {output: text(object, 'output'), cut: optionalText(object, 'cut') ?? ''};
		});
}

/**
 * The registration script's values (the RunAs password travels apart, as a credential). A gMSA
 * goes without its $, which Register-PSSessionConfiguration appends (gmsaConfigurationName).
 */
export function registerParameters(plan: SessionConfigurationPlan): Record<string, ParameterValue> {
	return {
		Kind: plan.kind,
		Name: plan.name,
		RunAs: plan.kind === 'jea' ? gmsaConfigurationName(plan.runAs) : plan.runAs,
		RoleAccount: plan.roleAccount ?? '',
		VisibleCmdlets: plan.visibleCmdlets ?? [],
		VisibleProviders: plan.visibleProviders ?? [],
		PsscPath: plan.psscPath ?? '',
	};
}

export const registerSessionConfiguration: OperationScript<SessionConfigurationChange> = {
	name: 'register-session-configuration',
	runsOn: 'hop1',
	script: registerScript,
	parameters: [
		'ComputerName',
		'Kind',
		'Name',
		'RunAs',
		'RoleAccount',
		'VisibleCmdlets',
		'VisibleProviders',
		'PsscPath',
		'RunAsCredential',
	],
	remote: true,
	parse: parseChange('register-session-configuration'),
};

// ---------------------------------------------------------------- unregister (the undo)

/** As the admin would type it: the .pssc doublehop wrote, then the configuration. */
function unregisterScriptBlock(name: string, psscPath: string | undefined): string {
	const remove =
		psscPath === undefined ? '' : `Remove-Item -LiteralPath ${psArgument(psscPath)} -Force; `;
	return `${remove}Unregister-PSSessionConfiguration -Name ${psArgument(name)} -Force`;
}

/** The .pssc alone: what a registration that failed leaves (New-PSSessionConfigurationFile ran first). */
export function removePsscCommand(hop1: string, psscPath: string): string {
	return shownOnFirstHop(hop1, `Remove-Item -LiteralPath ${psArgument(psscPath)} -Force`);
}

export function unregisterSessionConfigurationCommand(
	hop1: string,
	name: string,
	psscPath: string | undefined,
): string {
	return shownOnFirstHop(hop1, unregisterScriptBlock(name, psscPath));
}

const unregisterScript = String.raw`param([string]$ComputerName, $Session, [string]$Name, [string]$PsscPath)
$ErrorActionPreference = 'Stop'
$output = $null
$cut = ''
try {
	$output = Invoke-Command -Session $Session -ArgumentList $Name, $PsscPath -ScriptBlock {
		param([string]$Name, [string]$PsscPath)
		# Only the .pssc doublehop wrote goes (registering copied what it says).
		if ($PsscPath) { Remove-Item -LiteralPath $PsscPath -Force -ErrorAction SilentlyContinue }
		# Gone already (an earlier undo): nothing to take back. -Name is a wildcard pattern for both.
		$pattern = [System.Management.Automation.WildcardPattern]::Escape($Name)
		if (Get-PSSessionConfiguration -Name $pattern -ErrorAction SilentlyContinue) {
			Unregister-PSSessionConfiguration -Name $pattern -Force
		}
	}
} catch {
	# Unregistering does not restart WinRM, but a session can still break: a read in a new one decides.
	$cut = [string]$_.Exception.Message
}
@{output = [string]($output | Out-String -Width 160); cut = $cut}
`;

export const unregisterSessionConfiguration: OperationScript<SessionConfigurationChange> = {
	name: 'unregister-session-configuration',
	runsOn: 'hop1',
	script: unregisterScript,
	parameters: ['ComputerName', 'Name', 'PsscPath'],
	remote: true,
	parse: parseChange('unregister-session-configuration'),
};

// ---------------------------------------------------------------- the verify

/** Invoke-Command -ComputerName <hop1> -ConfigurationName <name> -Credential $cred { <command> }. */
export function runInConfigurationCommand(hop1: string, name: string, command: string): string {
	return `Invoke-Command -ComputerName ${psArgument(hop1)} -ConfigurationName ${psArgument(name)} -Credential $cred -ScriptBlock { ${command} }`;
}

// A session of its own, to the configuration: the run's session (to the default endpoint) only
// tells whether hop 1 was reached over HTTPS.
const runInConfigurationScript = String.raw`param([string]$ComputerName, $Session, [string]$ConfigurationName, [string]$Command, [pscredential]$Credential)
$ErrorActionPreference = 'Stop'
$useSsl = [string]$Session.Runspace.ConnectionInfo.Scheme -eq 'https'
$output = Invoke-Command -ComputerName $ComputerName -ConfigurationName $ConfigurationName -Credential $Credential -UseSSL:$useSsl -ScriptBlock ([scriptblock]::Create($Command))
@{output = [string]($output | Out-String -Width 160)}
`;

export const runInConfiguration: OperationScript<RemoteOutput> = {
	name: 'run-in-configuration',
	runsOn: 'hop1',
	script: runInConfigurationScript,
	parameters: ['ComputerName', 'ConfigurationName', 'Command', 'Credential'],
	remote: true,
	takesCredential: true,
	parse: parseRemoteOutput,
};
