// Time-boxed CredSSP: the scheduled task that reverts this run's changes at the deadline, on this
// machine or on hop 1 (through the session there), registered, read and unregistered.
//
// Windows facts this relies on:
// - New-ScheduledTaskTrigger -At takes a DateTime and the trigger keeps it with the registering
//   machine's UTC offset (StartBoundary "YYYY-MM-DDTHH:MM:SS(+-)HH:MM"; "When an offset is
//   specified ... the time and offset are always used regardless of the time zone", ITrigger::
//   StartBoundary). -At gets the deadline as a UTC instant turned into that machine's local time
//   ([DateTimeOffset]::Parse(...).LocalDateTime), so this machine and hop 1 fire at the same
//   instant whatever their time zones.
// - New-ScheduledTaskSettingsSet -StartWhenAvailable: a machine that was off (or asleep) at the
//   deadline runs the task once it can, after the Task Scheduler's delay ("The default delay is 10
//   minutes", TaskSettings.StartWhenAvailable), but only for "time-based tasks with an end
//   boundary" (same page): the trigger's EndBoundary is set a year after the deadline
//   (windows/time-box.ts missedRevertDays), in that machine's local time like -At.
// - -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries: a task's defaults are not to start on
//   batteries and to stop when the machine goes on batteries (TaskSettings.DisallowStartIfOnBatteries
//   and StopIfGoingOnBatteries: "The default is True"), so a laptop client on battery at the
//   deadline would keep CredSSP on.
// - Register-ScheduledTask needs an elevated shell (else "Access is denied." HRESULT 0x80070005,
//   PermissionDenied, CimException); a remote session of an administrator is elevated.
// - Get-ScheduledTaskInfo's LastTaskResult is 267011 (SCHED_S_TASK_HAS_NOT_RUN) until it runs.
import type {CommandOutput} from '../windows/records.js';
import {missedRevertDays, type RevertTask, type RevertTaskState} from '../windows/time-box.js';
import {psQuote} from '../safety/names.js';
import {parseCommandOutput} from './command-output.js';
import {shownOnFirstHop, type OperationScript} from './operation.js';
import {optionalInteger, optionalText, flag, parseWith, record, text} from './parse.js';
import {
	revertTaskExecute,
	revertTaskArgumentsExported,
	revertTaskArgumentsShown,
	revertTaskLinesShown,
} from './revert-task-script.js';

/**
 * Local System by its SID, the same on every display language: its name is localised
 * ('NT-AUTORITÄT\\SYSTEM', 'NT AUTHORITY\\СИСТЕМА'), and an English name that does not resolve
 * fails registration with 0x80070534. Microsoft's docs for -UserId and Principal.UserId say only
 * "the user identifier"; Microsoft's own Task Scheduler sample moved to a SID for this reason
 * (MicrosoftDocs/win32#550: the name "will work only on English-language versions of Windows"),
 * and the "SYSTEM" that schtasks /RU documents is schtasks' own alias, not promised here.
 */
export const systemUserId = 'S-1-5-18';

const principalLine = `$principal = New-ScheduledTaskPrincipal -UserId '${systemUserId}' -LogonType ServiceAccount -RunLevel Highest`;

/** The -At expression: the UTC deadline as the registering machine's local time. */
function atExpression(atUtc: string): string {
	return atFromUtc(psQuote(atUtc));
}

/**
 * The same from an expression that holds the UTC instant as text. [cultureinfo] is PowerShell's
 * accelerator for System.Globalization.CultureInfo (TypeResolver.cs, CoreTypes), and short enough
 * for a row of a 40-column terminal: no continuation can go inside a type name.
 */
function atFromUtc(utcText: string): string {
	return `([DateTimeOffset]::Parse(${utcText}, [cultureinfo]::InvariantCulture)).LocalDateTime`;
}

/** The registration's code, given the -Argument and the -At expressions. */
function registrationCode(task: RevertTask, argumentText: string, at: string): string[] {
	return [
		`$action = New-ScheduledTaskAction -Execute '${revertTaskExecute}' -Argument ${argumentText}`,
		`$trigger = New-ScheduledTaskTrigger -Once -At ${at}`,
		`$trigger.EndBoundary = ${at}.AddDays(${missedRevertDays}).ToString('s')`,
		principalLine,
		'$settings = New-ScheduledTaskSettingsSet -StartWhenAvailable -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries',
		`Register-ScheduledTask -TaskName ${psQuote(task.taskName)} -Action $action -Trigger $trigger -Principal $principal -Settings $settings`,
	];
}

/** The registration as an admin would type it, on the machine that registers it. */
function registrationLines(task: RevertTask): string[] {
	return [
		`# At ${task.atUtc}, as SYSTEM, the task runs:`,
		...revertTaskLinesShown(task).map((line) => `#   ${line}`),
		...registrationCode(task, `'${revertTaskArgumentsShown}'`, atExpression(task.atUtc)),
	];
}

/** The command shown for the registration: on hop 1 inside Invoke-Command, here as it is. */
export function registerRevertTaskCommand(task: RevertTask, hop1: string): string {
	const lines = registrationLines(task);
	if (task.revert.machine === 'client') return lines.join('\n');
	const comments = lines.filter((line) => line.startsWith('#'));
	const code = lines.filter((line) => !line.startsWith('#'));
	return [...comments, shownOnFirstHop(hop1, code.join('; '))].join('\n');
}

function unregisterScriptBlock(taskName: string): string {
	return `Unregister-ScheduledTask -TaskName ${psQuote(taskName)} -Confirm:$false`;
}

// --export: a script an approver may run hours later. Its deadline is counted from when it runs,
// not from doublehop's run, and each task's script is there to read, encoded as it runs.

/** The lines that set the exported script's deadline, once, before any task is registered. */
export function exportedDeadlineLines(minutes: number): string[] {
	return [
		`# The revert tasks below fire ${minutes} minutes after the next line runs (--for), however long approval took:`,
		`$revertAt = (Get-Date).AddMinutes(${minutes})`,
		"$revertAtUtc = $revertAt.ToUniversalTime().ToString('o')",
	];
}

/** A task's registration as the exported script runs it: its script readable, then encoded. */
export function exportedRegistrationLines(task: RevertTask, hop1: string): string[] {
	const suffix = task.revert.machine === 'hop1' ? 'Hop1' : 'Client';
	const scriptVariable = `$revertScript${suffix}`;
	const argumentsVariable = `$revertArguments${suffix}`;
	const local = task.revert.machine === 'client';
	const code = registrationCode(
		task,
		local ? argumentsVariable : argumentsVariable.replace('$', '$using:'),
		atFromUtc(local ? '$revertAtUtc' : '$using:revertAtUtc'),
	);
	return [
		'# At $revertAt, as SYSTEM, the task runs this script (powershell.exe -EncodedCommand: UTF-16LE, Base64):',
		...revertTaskArgumentsExported(task, scriptVariable, argumentsVariable),
		...(local ? code : [shownOnFirstHop(hop1, code.join('; '))]),
	];
}

/** The undo shown: the task unregistered where it was registered. */
export function unregisterRevertTaskCommand(taskName: string, hop1: string | undefined): string {
	const block = unregisterScriptBlock(taskName);
	return hop1 === undefined ? block : shownOnFirstHop(hop1, block);
}

/** What undo reads first: whether the task is still there, and whether it ran. */
export function readRevertTaskCommand(taskName: string, hop1: string | undefined): string {
	const block = `Get-ScheduledTask -TaskName ${psQuote(taskName)} | Get-ScheduledTaskInfo`;
	return hop1 === undefined ? block : shownOnFirstHop(hop1, block);
}

// The bodies run here or, wrapped, through the session to hop 1. Values arrive as parameters.
const registerBody = String.raw`param([string]$TaskName, [string]$At, [string]$Arguments)
$ErrorActionPreference = 'Stop'
$action = New-ScheduledTaskAction -Execute '${revertTaskExecute}' -Argument $Arguments
$trigger = New-ScheduledTaskTrigger -Once -At ([DateTimeOffset]::Parse($At, [Globalization.CultureInfo]::InvariantCulture)).LocalDateTime
$trigger.EndBoundary = ([DateTimeOffset]::Parse($At, [Globalization.CultureInfo]::InvariantCulture)).LocalDateTime.AddDays(${missedRevertDays}).ToString('s')
${principalLine}
$settings = New-ScheduledTaskSettingsSet -StartWhenAvailable -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries
$task = Register-ScheduledTask -TaskName $TaskName -Action $action -Trigger $trigger -Principal $principal -Settings $settings
@{output = 'TaskName: ' + $task.TaskName + ', StartBoundary: ' + [string]$task.Triggers[0].StartBoundary}`;

const readBody = String.raw`param([string]$TaskName)
$ErrorActionPreference = 'Stop'
$now = [DateTime]::UtcNow.ToString('o')
$task = Get-ScheduledTask -TaskName $TaskName -ErrorAction SilentlyContinue
if ($null -eq $task) { return @{found = $false; nowUtc = $now} }
$info = $task | Get-ScheduledTaskInfo
$result = @{found = $true; nowUtc = $now; lastTaskResult = [int64]$info.LastTaskResult}
if ($info.LastTaskResult -ne 267011 -and $null -ne $info.LastRunTime) { $result.lastRunUtc = ([DateTime]$info.LastRunTime).ToUniversalTime().ToString('o') }
$result`;

const unregisterBody = String.raw`param([string]$TaskName)
$ErrorActionPreference = 'Stop'
Unregister-ScheduledTask -TaskName $TaskName -Confirm:$false -ErrorAction Stop
@{output = ''}`;

/** A body run on hop 1: the same script block, through the open session. */
function onHop1(body: string, parameters: string[]): string {
	const names = parameters.map((name) => `[string]$${name}`).join(', ');
	const values = parameters.map((name) => `$${name}`).join(', ');
	return `param([string]$ComputerName, $Session, ${names})
$ErrorActionPreference = 'Stop'
Invoke-Command -Session $Session -ArgumentList ${values} -ScriptBlock {
${body}
}
`;
}

const registerParameters = ['TaskName', 'At', 'Arguments'];

export const registerRevertTask: OperationScript<CommandOutput> = {
	name: 'register-revert-task',
	runsOn: 'client',
	script: `${registerBody}\n`,
	parameters: registerParameters,
	remote: false,
	parse: parseCommandOutput('register-revert-task'),
};

export const registerRevertTaskOnHop1: OperationScript<CommandOutput> = {
	name: 'register-revert-task-on-hop1',
	runsOn: 'hop1',
	script: onHop1(registerBody, registerParameters),
	parameters: ['ComputerName', ...registerParameters],
	remote: true,
	parse: parseCommandOutput('register-revert-task-on-hop1'),
};

function parseTaskState(operation: string) {
	return (value: unknown) =>
		parseWith(operation, (): RevertTaskState => {
			const object = record(value);
			const lastTaskResult = optionalInteger(object, 'lastTaskResult');
			const lastRunUtc = optionalText(object, 'lastRunUtc');
			return {
				found: flag(object, 'found'),
				nowUtc: text(object, 'nowUtc'),
				...(lastTaskResult === undefined ? {} : {lastTaskResult}),
				...(lastRunUtc === undefined ? {} : {lastRunUtc}),
			};
		});
}

export const readRevertTask: OperationScript<RevertTaskState> = {
	name: 'read-revert-task',
	runsOn: 'client',
	script: `${readBody}\n`,
	parameters: ['TaskName'],
	remote: false,
	parse: parseTaskState('read-revert-task'),
};

export const readRevertTaskOnHop1: OperationScript<RevertTaskState> = {
	name: 'read-revert-task-on-hop1',
	runsOn: 'hop1',
	script: onHop1(readBody, ['TaskName']),
	parameters: ['ComputerName', 'TaskName'],
	remote: true,
	parse: parseTaskState('read-revert-task-on-hop1'),
};

export const unregisterRevertTask: OperationScript<CommandOutput> = {
	name: 'unregister-revert-task',
	runsOn: 'client',
	script: `${unregisterBody}\n`,
	parameters: ['TaskName'],
	remote: false,
	parse: parseCommandOutput('unregister-revert-task'),
};

export const unregisterRevertTaskOnHop1: OperationScript<CommandOutput> = {
	name: 'unregister-revert-task-on-hop1',
	runsOn: 'hop1',
	script: onHop1(unregisterBody, ['TaskName']),
	parameters: ['ComputerName', 'TaskName'],
	remote: true,
	parse: parseCommandOutput('unregister-revert-task-on-hop1'),
};

/** This machine's clock, in UTC: the deadline is counted from it. */
export const readClockCommand = '[DateTime]::UtcNow';

export const readClock: OperationScript<{nowUtc: string}> = {
	name: 'read-clock',
	runsOn: 'client',
	script: "param()\n@{nowUtc = [DateTime]::UtcNow.ToString('o')}\n",
	parameters: [],
	remote: false,
	parse: (value) => parseWith('read-clock', () => ({nowUtc: text(record(value), 'nowUtc')})),
};
