// Many first hops at once, from the one PowerShell process: one Invoke-Command -ComputerName
// <many> -ThrottleLimit <n> per action, each host running the same block as the single-host
// operation (test-first-hop.ts, read-server-credssp.ts, enable-server-credssp.ts,
// run-on-first-hop.ts). PowerShell fans out itself; a host that fails does not stop the others:
// its error record comes back on its own, a failure on the host with OriginInfo.PSComputerName,
// a connection failure with the name as its TargetObject (as PowerShell's own error view and
// fan-out scripts read them). Before it, WinRM's ports of every host are looked at, as for one
// host: a host silent on both is told in seconds, one that answers only on 5986 is reached with
// -UseSSL by a second Invoke-Command in the same script. The runtime (hosts/powershell/runtime.ts) turns each record into
// an ErrorRecord like any other.
import type {
	CommandOutput,
	ErrorRecord,
	FirstHop,
	Outcome,
	RemoteOutput,
	ServerCredSsp,
} from '../windows/records.js';
import {parseCommandOutput} from './command-output.js';
import {enableServerCredSspScriptBlock} from './enable-server-credssp.js';
import type {OperationScript} from './operation.js';
import {parseWith, record, ShapeError, text} from './parse.js';
import {portLookFunctions} from './port-look.js';
import {parseServerCredSsp, readServerCredSspRemoteBlock} from './read-server-credssp.js';
import {parseRemoteOutput} from './run-on-first-hop.js';
import {parseFirstHop, testFirstHopRemoteBlock} from './test-first-hop.js';

/** One answer per host, keyed by the name as given. */
export type PerHost<T> = Record<string, T>;

/** One host as read: how its session opened, then its server side (when the session opened). */
export type HostSurvey = {
	firstHop: Outcome<FirstHop>;
	server?: Outcome<ServerCredSsp>;
	/** It answered only on 5986: read (and from then on reached) with -UseSSL. */
	overHttps?: true;
};

/**
 * The fan-out around `block`, which runs on every host with `parameters` (strings) set. First the
 * port look (port-look.ts) at 5985 and 5986 of every host at once, under one shared deadline, as
 * the one-host open does: a host silent on both is answered `silentPort` and not handed to WinRM;
 * a host that answers only on 5986 goes to a second Invoke-Command with -UseSSL, since -UseSSL
 * sets one scheme for every -ComputerName of a call (PSRemotingCmdlet.cs,
 * CreateHelpersForSpecifiedComputerNames). A refusal is left to WinRM, which words it.
 */
function fanOutScript(block: string, parameters: readonly string[]): string {
	const declared = parameters.map((name) => `, [string]$${name}`).join('');
	const passed = parameters.map((name) => `$${name}`).join(', ');
	const remoteParameters = parameters.map((name) => `[string]$${name}`).join(', ');
	return String.raw`param([string[]]$ComputerName, [pscredential]$Credential, [int]$ThrottleLimit, [int]$OpenTimeoutMs, [int]$ProbeMs, [string]$Authentication${declared})
$ErrorActionPreference = 'Stop'
${portLookFunctions}
$clock = [Diagnostics.Stopwatch]::StartNew()
$looks = @(foreach ($name in $ComputerName) { @{name = $name; http = (Start-DoublehopPortLook $name 5985); https = (Start-DoublehopPortLook $name 5986)} })
$perHost = [ordered]@{}
$overHttp = [Collections.Generic.List[string]]::new()
$overHttps = [Collections.Generic.List[string]]::new()
foreach ($look in $looks) {
	$http = Read-DoublehopPortLook $look.http $clock $ProbeMs
	if ($http -eq 'open') { $null = $look.https.client.Dispose(); $overHttp.Add($look.name); continue }
	$https = Read-DoublehopPortLook $look.https $clock $ProbeMs
	if ($https -eq 'open') { $overHttps.Add($look.name) }
	elseif ($http -eq 'silent') { $perHost[$look.name] = @{ok = $false; silentPort = 5985} }
	else { $overHttp.Add($look.name) }
}
$option = [System.Management.Automation.Remoting.PSSessionOption]::new()
$option.OpenTimeout = [TimeSpan]::FromMilliseconds($OpenTimeoutMs)
foreach ($group in @(@{names = $overHttp; ssl = $false}, @{names = $overHttps; ssl = $true})) {
	if ($group.names.Count -eq 0) { continue }
	$ssl = [bool]$group.ssl
	$problems = $null
	$answers = @()
	try {
		$answers = @(Invoke-Command -ComputerName $group.names.ToArray() -Credential $Credential -Authentication $Authentication -ThrottleLimit $ThrottleLimit -SessionOption $option -UseSSL:$ssl -ArgumentList @(${passed}) -ScriptBlock {
			param(${remoteParameters})
			$ErrorActionPreference = 'Stop'
${block}
		} -ErrorAction SilentlyContinue -ErrorVariable problems)
	} catch {
		# Given one name, Invoke-Command re-throws a remote throw statement instead of writing it
		# (InvokeCommandCommand.cs DetermineThrowStatementBehavior): that host's error. Any other
		# terminating error is the whole call's: each host of the group gets it; the other group runs.
		foreach ($name in $group.names) { $perHost[$name] = @{ok = $false; record = $_; overHttps = $ssl} }
	}
	foreach ($answer in $answers) {
		$copy = @{}
		foreach ($key in $answer.Keys) { $copy[$key] = $answer[$key] }
		$perHost[[string]$answer.PSComputerName] = @{ok = $true; value = $copy; overHttps = $ssl}
	}
	# A failed open names the host as its TargetObject (Job.cs: runspace.ConnectionInfo.ComputerName);
	# a failure on the host, its OriginInfo.
	foreach ($problem in @($problems)) {
		$who = [string]$problem.TargetObject
		if ($problem -is [System.Management.Automation.Runspaces.RemotingErrorRecord] -and $null -ne $problem.OriginInfo) { $who = [string]$problem.OriginInfo.PSComputerName }
		if ($who -and -not $perHost.Contains($who)) { $perHost[$who] = @{ok = $false; record = $problem; overHttps = $ssl} }
	}
}
@{perHost = $perHost}
`;
}

/**
 * A fan-out's answers: each host's, parsed; the hosts the port look found silent (and on which
 * port), which WinRM was not asked about; the hosts reached over HTTPS (5986).
 */
export type FanOutAnswers<T> = {
	perHost: PerHost<T>;
	silent: PerHost<number>;
	overHttps: string[];
};

/** Each host's answer, parsed by the single-host parser; a host with no answer says so. */
function perHostWith<T>(
	operation: string,
	parseOne: (value: unknown, host: string) => T,
	failed: (error: ErrorRecord) => T,
) {
	return (value: unknown): Outcome<FanOutAnswers<T>> =>
		parseWith(operation, () => {
			const answers = record(record(value).perHost, 'perHost');
			const result: FanOutAnswers<T> = {perHost: {}, silent: {}, overHttps: []};
			for (const [host, answer] of Object.entries(answers)) {
				const entry = record(answer, host);
				if (entry.overHttps === true) result.overHttps.push(host);
				if (typeof entry.silentPort === 'number') result.silent[host] = entry.silentPort;
				else if (entry.ok === true) result.perHost[host] = parseOne(entry.value, host);
				else if (typeof entry.error === 'object' && entry.error !== null)
					result.perHost[host] = failed(entry.error as ErrorRecord);
				else throw new ShapeError(`${host} has neither a value nor an error`);
			}
			return result;
		});
}

// The survey: the first-hop block, then the server's CredSSP state, in one flat table (remoting
// serializes one level deep). A failure reading the server side is that host's server error.
const surveyBlock = String.raw`	$answer = & {${testFirstHopRemoteBlock}}
	try {
		$server = & {${readServerCredSspRemoteBlock}}
		foreach ($key in $server.Keys) { $answer[$key] = $server[$key] }
	} catch {
		$answer.serverError = [string]$_.Exception.Message
		$answer.serverErrorId = [string]$_.FullyQualifiedErrorId
		$answer.serverErrorCategory = [string]$_.CategoryInfo
		$answer.serverErrorType = $_.Exception.GetType().FullName
	}
	$answer`;

function surveyOf(value: unknown, host: string): HostSurvey {
	const object = record(value);
	const firstHop = parseFirstHop({...object, target: host});
	if (typeof object.serverError === 'string') {
		return {
			firstHop,
			server: {
				ok: false,
				error: {
					message: object.serverError,
					fullyQualifiedErrorId: text(object, 'serverErrorId'),
					categoryInfo: text(object, 'serverErrorCategory'),
					exceptionType: text(object, 'serverErrorType'),
					psComputerName: host,
				},
			},
		};
	}
	return {firstHop, server: parseServerCredSsp(object)};
}

export const surveyFirstHops: OperationScript<FanOutAnswers<HostSurvey>> = {
	name: 'survey-first-hops',
	runsOn: 'client',
	script: fanOutScript(surveyBlock, ['PolicyReader', 'OracleReader']),
	parameters: [
		'ComputerName',
		'ThrottleLimit',
		'OpenTimeoutMs',
		'ProbeMs',
		'Authentication',
		'PolicyReader',
		'OracleReader',
	],
	remote: false,
	takesCredential: true,
	parse: perHostWith('survey-first-hops', surveyOf, (error) => ({firstHop: {ok: false, error}})),
};

const enableServersBlock = String.raw`	$result = ${enableServerCredSspScriptBlock}
	@{output = [string]($result | Out-String -Width 160)}`;

export const enableServersCredSsp: OperationScript<FanOutAnswers<Outcome<CommandOutput>>> = {
	name: 'enable-servers-credssp',
	runsOn: 'client',
	script: fanOutScript(enableServersBlock, []),
	parameters: ['ComputerName', 'ThrottleLimit', 'OpenTimeoutMs', 'ProbeMs', 'Authentication'],
	remote: false,
	takesCredential: true,
	parse: perHostWith(
		'enable-servers-credssp',
		(value) => parseCommandOutput('enable-servers-credssp')(value),
		(error) => ({ok: false, error}),
	),
};

// The admin's command, as run-on-first-hop.ts runs it: text that becomes a script block there.
const verifyBlock = String.raw`	$output = & ([scriptblock]::Create($CommandText))
	@{output = [string]($output | Out-String -Width 160)}`;

export const verifyFirstHops: OperationScript<FanOutAnswers<Outcome<RemoteOutput>>> = {
	name: 'verify-first-hops',
	runsOn: 'client',
	script: fanOutScript(verifyBlock, ['CommandText']),
	parameters: [
		'ComputerName',
		'ThrottleLimit',
		'OpenTimeoutMs',
		'ProbeMs',
		'Authentication',
		'CommandText',
	],
	remote: false,
	takesCredential: true,
	parse: perHostWith(
		'verify-first-hops',
		(value) => parseRemoteOutput(value),
		(error) => ({ok: false, error}),
	),
};
