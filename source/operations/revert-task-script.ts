// What a time-boxed CredSSP revert task runs at its deadline, as SYSTEM: the same PowerShell
// doublehop's undo runs for the changes it covers (set-delegation-list and set-client-credssp on
// this machine, disable-server-credssp and remove-https-listener on hop 1), then it unregisters
// itself, so a machine whose revert ran is left as it was. On each machine each step is tried even
// when one before it failed (a list that could not be written is no reason to leave CredSSP on;
// one with an entry added since is, see clientRevertLines; a server CredSSP that a GPO holds is no
// reason to leave the HTTPS listener and its rule, see hop1RevertLines); a failure is thrown
// at the end instead of unregistering (LastTaskResult is not 0 and the task stays), so `doublehop
// undo` finds it, says it failed, and reads the state.
//
// The client's WinRM service: the WSMan: drive needs it, and on client Windows it is Manual, so a
// reboot (the task has StartWhenAvailable) or doublehop's own undo leaves it stopped. The drive
// then starts it only under -Force, else asks "Start WinRM Service", which a -NonInteractive task
// cannot answer, so Get-Item throws (ConfigProvider.cs: ItemExists/GetItem call
// StartWSManService(Force)). The task starts the service itself when it is stopped and stops it
// again afterwards, so it is left as it was.
//
// Why the task unregisters itself rather than expiring: Microsoft documents no rule against a
// running task deleting its own registration, and practitioners rely on it (dkbrookie's
// Register-ScheduledPowershellTask -SelfDestruct adds `schtasks.exe /delete` as the task's own
// last action); no Microsoft statement either way was found. The documented alternative,
// New-ScheduledTaskSettingsSet -DeleteExpiredTaskAfter, needs an EndBoundary on a trigger
// ("A task expires after the end boundary has been exceeded for all triggers", TaskSettings.
// DeleteExpiredTaskAfter; without one, registration fails "(n,4):EndBoundary:", 0x80041319,
// dahall/TaskScheduler#101), is reported not deleting on Server 2016 (dahall/TaskScheduler#840),
// and would delete a task whose revert failed too, losing the LastTaskResult undo reads.
//
// The task starts `powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass
// -EncodedCommand <Base64 of the UTF-16LE script>` (about_PowerShell_exe: -EncodedCommand "Accepts
// a Base64-encoded string version of a command"). Windows PowerShell 5.1 is on every supported
// Windows, so the task never depends on PowerShell 7. The whole command line is bounded by
// CreateProcess's 32,767 characters; revertTaskArguments refuses a script that would not fit.
import {psQuote} from '../safety/names.js';
import type {RevertTask} from '../windows/time-box.js';
import {listText, switchesText} from '../windows/delegation.js';
import {keysBeforeTexts} from './credentials-list.js';
import {disableServerCredSspScriptBlock} from './disable-server-credssp.js';
import {removeOurListenerIfThere, removeRuleIfThere} from './remove-https-listener.js';
import {setClientCredSspCommand, setClientCredSsp} from './set-client-credssp.js';
import {setDelegationList, switchParameters} from './set-delegation-list.js';
import {registryExtensionFunction, registryExtensionLeftAsItIs} from './registry-pol.js';
import {startWinRMServiceCommand, stopWinRMServiceCommand} from './winrm-service.js';

/**
 * set-delegation-list's script with gpt.ini's extension list left as it is (registry-pol.ts
 * registryExtensionLeftAsItIs): the merge would not fit in the command line below.
 */
const setDelegationListScriptShort = setDelegationList.script.replace(
	registryExtensionFunction,
	registryExtensionLeftAsItIs,
);

/** CreateProcess's lpCommandLine limit, in characters, terminating NUL included. */
const commandLineLimit = 32_767;

export const revertTaskExecute = 'powershell.exe';

const argumentsBefore = '-NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand';

function unregisterItself(task: RevertTask): string {
	return `Unregister-ScheduledTask -TaskName ${psQuote(task.taskName)} -Confirm:$false`;
}

/** A step of the client's revert, tried on its own: a failure is kept for the end. */
function tried(lines: string[]): string[] {
	return ['try {', ...lines, '} catch { $null = $failures.Add($_) }'];
}

/**
 * The client's revert: entries out, then CredSSP off with WinRM running, each step tried. CredSSP
 * goes off only if the list left is as it was before the run (set-delegation-list's listAsBefore,
 * the rule of windows/delegation.ts listAsItWas that undo follows): an entry added since, say by a
 * second time-boxed run whose deadline is later, needs it on. A list that could not be read or
 * written leaves that unknown: CredSSP goes off then, the time box's promise (the failure is the
 * task's result, for undo to find).
 */
function clientRevertLines(revert: Extract<RevertTask['revert'], {machine: 'client'}>): string[] {
	const lines = ['$listAsBefore = $true'];
	const readsList = !revert.clientWasEnabled && revert.listBefore !== undefined;
	if (revert.addedEntries.length > 0 || readsList) {
		const entries = revert.addedEntries.map(psQuote).join(', ');
		// The switches go back with the list, as doublehop's undo writes them (restoreClientPlan):
		// only if the list is then as it was before the run, when that list was kept.
		const parameters = {
			...(revert.switchesBefore === undefined ? {} : switchParameters(revert.switchesBefore)),
			...(revert.listBefore === undefined ? {} : {ListBefore: revert.listBefore}),
			// The keys as they were: an empty one Enable-WSManCredSSP made goes (credentials-list.ts).
			...(revert.keysBefore === undefined ? {} : {KeysBefore: keysBeforeTexts(revert.keysBefore)}),
		};
		const more = Object.entries(parameters)
			.map(([name, values]) => ` -${name} @(${values.map(psQuote).join(', ')})`)
			.join('');
		// With no entry to take out (only CredSSP was turned on), the list is read, not written.
		lines.push(
			...tried([
				`$listAsBefore = $false -ne @(& {\n${setDelegationListScriptShort}} -Remove @(${entries})${more})[-1].listAsBefore`,
			]),
		);
	}
	if (!revert.clientWasEnabled) {
		lines.push(
			'$startedWinRM = $false',
			// With the list not as it was, CredSSP stays on for the entries added since; WinRM is not touched.
			...tried([
				'if ($listAsBefore) {',
				// StartPending (just booted) is waited for by Start-Service, and not stopped again.
				"if ((Get-Service -Name WinRM).Status -eq 'Stopped') { Start-Service -Name WinRM; $startedWinRM = $true }",
				"if ([string](Get-Item -Path WSMan:\\localhost\\Client\\Auth\\CredSSP).Value -eq 'true') {",
				`$null = & {\n${setClientCredSsp.script}} -Enabled $false`,
				'}',
				'}',
			]),
			...tried(['if ($startedWinRM) { Stop-Service -Name WinRM }']),
		);
	}
	return lines;
}

/**
 * Hop 1's revert, each step tried: server CredSSP off, the listener, the rule. A Disable that
 * fails (a GPO that since took over WinRM Service "Allow CredSSP authentication" refuses the
 * WS-Man Put) is no reason to leave the listener and the open 5986 rule past the time box.
 */
function hop1RevertLines(revert: Extract<RevertTask['revert'], {machine: 'hop1'}>): string[] {
	const lines = revert.serverRole ? tried([disableServerCredSspScriptBlock]) : [];
	if (revert.httpsListener !== undefined) {
		const rule = revert.httpsListener.firewallRule ?? '';
		const thumbprint = revert.httpsListener.thumbprint ?? '';
		// A listener re-bound since is left, and reported as a failure: the task stays registered
		// and undo reads what is there. The rule still goes: it is doublehop's by its Name.
		lines.push(
			`$Thumbprint = ${psQuote(thumbprint)}`,
			...tried([
				removeOurListenerIfThere,
				`if ($rebound) { throw "The HTTPS listener (Address=*) now has certificate $rebound, not $Thumbprint it was made with: left as it is." }`,
			]),
			`$RuleName = ${psQuote(rule)}`,
			...tried([removeRuleIfThere]),
		);
	}
	return lines;
}

/** The script the task runs, exactly. */
export function revertTaskScript(task: RevertTask): string {
	const {revert} = task;
	const lines = ["$ErrorActionPreference = 'Stop'"];
	lines.push(
		'$failures = New-Object System.Collections.ArrayList',
		...(revert.machine === 'hop1' ? hop1RevertLines(revert) : clientRevertLines(revert)),
		// The first failure is the task's result; the task stays registered for undo to find.
		'if ($failures.Count -gt 0) { throw $failures[0] }',
	);
	lines.push(unregisterItself(task));
	return `${lines.join('\n')}\n`;
}

/** The switches' part of the shown line: back as they were, and when. */
function switchesShown(revert: Extract<RevertTask['revert'], {machine: 'client'}>): string {
	if (revert.switchesBefore === undefined) return '';
	const back = `; the policy back to ${switchesText(revert.switchesBefore.hklm)}`;
	if (revert.listBefore === undefined) return back;
	return `${back} once the list is as it was (${listText(revert.listBefore, 'empty')}); with other entries left, Enabled, as they need it`;
}

/** What the task runs, as the admin reads it before saying yes (the lines, not the Base64). */
export function revertTaskLinesShown(task: RevertTask): string[] {
	const {revert} = task;
	const lines: string[] = [];
	if (revert.machine === 'hop1') {
		if (revert.serverRole) lines.push(disableServerCredSspScriptBlock);
		if (revert.httpsListener !== undefined) {
			const rule = revert.httpsListener.firewallRule;
			const thumbprint = revert.httpsListener.thumbprint;
			lines.push(
				...(thumbprint === undefined
					? []
					: [`# The listener only while it still has certificate ${thumbprint}`]),
				"Remove-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet @{Address = '*'; Transport = 'HTTPS'}",
				...(rule === undefined ? [] : [`Remove-NetFirewallRule -Name ${psQuote(rule)}`]),
			);
		}
	} else {
		if (revert.addedEntries.length > 0) {
			lines.push(
				`# Allow delegating fresh credentials (local GPO and HKLM): take out ${revert.addedEntries.join(', ')}; every other entry stays, even one added since${switchesShown(revert)}`,
			);
		}
		if (!revert.clientWasEnabled) {
			lines.push(
				...(revert.listBefore === undefined
					? []
					: [
							`# WinRM client CredSSP off only if the delegation list is then as it was (${listText(revert.listBefore, 'empty')}); with an entry added since, it stays on, as that entry needs it`,
						]),
				`# WinRM, if it is stopped: ${startWinRMServiceCommand} first, ${stopWinRMServiceCommand} after`,
				setClientCredSspCommand(false),
			);
		}
	}
	lines.push(unregisterItself(task));
	return lines;
}

/** -EncodedCommand's value: the script as UTF-16LE bytes, in Base64. */
function encodedCommand(script: string): string {
	return Buffer.from(script, 'utf16le').toString('base64');
}

/** New-ScheduledTaskAction's -Argument for this task; throws if the command line would not fit. */
export function revertTaskArguments(task: RevertTask): string {
	const argumentText = `${argumentsBefore} ${encodedCommand(revertTaskScript(task))}`;
	// "powershell.exe" + a space + the arguments + the terminating NUL.
	if (revertTaskExecute.length + 1 + argumentText.length + 1 > commandLineLimit) {
		throw new Error(
			`The revert task's command line would be longer than Windows allows (${commandLineLimit} characters).`,
		);
	}
	return argumentText;
}

/**
 * For an exported script: the task's script in a here-string, and the -Argument built from it
 * when the script runs, so what the approver reads is what is encoded. A script with a line that
 * would end the here-string is given as its Base64 instead.
 */
export function revertTaskArgumentsExported(
	task: RevertTask,
	scriptVariable: string,
	argumentsVariable: string,
): string[] {
	const script = revertTaskScript(task);
	revertTaskArguments(task); // Refuses a command line Windows would not take.
	if (/^'@/m.test(script) || !script.endsWith('\n'))
		return [`${argumentsVariable} = '${revertTaskArguments(task)}'`];
	return [
		`${scriptVariable} = @'`,
		// The here-string ends before its last line break: that one is added back below.
		script.slice(0, -1),
		"'@",
		`${argumentsVariable} = '${argumentsBefore} ' + [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes(${scriptVariable} + "\`n"))`,
	];
}

/** The -Argument as shown: the encoding named, since the Base64 itself says nothing to a reader. */
export const revertTaskArgumentsShown = `${argumentsBefore} <the lines above, UTF-16LE, Base64>`;
