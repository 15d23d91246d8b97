// What a time-boxed CredSSP revert task runs at its deadline, as SYSTEM: the same PowerShell
// doublehop's undo runs for the changes it covers (set-delegation-list and set-client-credssp on
// this machine, disable-server-credssp and remove-https-listener on hop 1), then it unregisters
// itself, so a machine whose revert ran is left as it was. A failure stops the script before that
// (LastTaskResult is not 0 and the task stays), so `doublehop undo` finds it and reads the state.
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
import {switchesText} from '../windows/delegation.js';
import {disableServerCredSspScriptBlock} from './disable-server-credssp.js';
import {removeHttpsListenerScriptBlock} from './remove-https-listener.js';
import {setClientCredSspCommand, setClientCredSsp} from './set-client-credssp.js';
import {setDelegationList, switchParameters} from './set-delegation-list.js';

/** CreateProcess's lpCommandLine limit, in characters, terminating NUL included. */
const commandLineLimit = 32_767;

export const revertTaskExecute = 'powershell.exe';

const argumentsBefore = '-NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand';

function unregisterItself(task: RevertTask): string {
	return `Unregister-ScheduledTask -TaskName ${psQuote(task.taskName)} -Confirm:$false`;
}

/** The script the task runs, exactly. */
export function revertTaskScript(task: RevertTask): string {
	const {revert} = task;
	const lines = ["$ErrorActionPreference = 'Stop'"];
	if (revert.machine === 'hop1') {
		if (revert.serverRole) lines.push(disableServerCredSspScriptBlock);
		if (revert.httpsListener !== undefined) {
			const rule = revert.httpsListener.firewallRule ?? '';
			lines.push(`$null = & ${removeHttpsListenerScriptBlock} ${psQuote(rule)}`);
		}
	} else {
		if (revert.addedEntries.length > 0) {
			const entries = revert.addedEntries.map(psQuote).join(', ');
			// The switches go back with the list, as doublehop's undo writes them (restoreClientPlan).
			const switches =
				revert.switchesBefore === undefined ? {} : switchParameters(revert.switchesBefore);
			const more = Object.entries(switches)
				.map(([name, values]) => ` -${name} @(${values.map(psQuote).join(', ')})`)
				.join('');
			lines.push(`$null = & {\n${setDelegationList.script}} -Remove @(${entries})${more}`);
		}
		if (!revert.clientWasEnabled) {
			lines.push(
				"if ([string](Get-Item -Path WSMan:\\localhost\\Client\\Auth\\CredSSP).Value -eq 'true') {",
				`$null = & {\n${setClientCredSsp.script}} -Enabled $false`,
				'}',
			);
		}
	}
	lines.push(unregisterItself(task));
	return `${lines.join('\n')}\n`;
}

/** What the task runs, as the admin reads it before saying yes (the lines, not the Base64). */
export function revertTaskLinesShown(task: RevertTask): string[] {
	const {revert} = task;
	const lines: string[] = [];
	if (revert.machine === 'hop1') {
		if (revert.serverRole) lines.push(disableServerCredSspScriptBlock);
		if (revert.httpsListener !== undefined) {
			const rule = revert.httpsListener.firewallRule;
			lines.push(
				"Remove-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet @{Address = '*'; Transport = 'HTTPS'}",
				...(rule === undefined ? [] : [`Remove-NetFirewallRule -Name ${psQuote(rule)}`]),
			);
		}
	} else {
		if (revert.addedEntries.length > 0) {
			lines.push(
				`# Allow delegating fresh credentials (local GPO and HKLM): take out ${revert.addedEntries.join(', ')}; every other entry stays, even one added since${revert.switchesBefore === undefined ? '' : `; the policy back to ${switchesText(revert.switchesBefore.hklm)}`}`,
			);
		}
		if (!revert.clientWasEnabled) lines.push(setClientCredSspCommand(false));
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

/** The -Argument as shown: the encoding named, since the Base64 itself says nothing to a reader. */
export const revertTaskArgumentsShown = `${argumentsBefore} <the lines above, UTF-16LE, Base64>`;
