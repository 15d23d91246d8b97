// After a restart, a workstation's WinRM service (Manual on Windows 10/11) is stopped again, and
// the undo of this machine's CredSSP client change and NTLM-only list reads them with
// Get-WSManCredSSP, which needs it. The undo starts it for that, and stops it again: what the
// --for revert task does too (revert-task-script.ts). A Disabled service is the admin's: not started.
import {startWinRMServiceCommand, stopWinRMServiceCommand} from '../operations/winrm-service.js';
import type {addLog} from './common.js';
import type {ChangeRecord, FlowState} from './state.js';

/** The undos that read (and write) this machine's CredSSP settings through its WinRM service. */
export const needsLocalWinRM = (change: ChangeRecord) =>
	change.undo.kind === 'restore-client' || change.undo.kind === 'restore-ntlm-only';

/**
 * What the undo must do about this machine's WinRM service, as preflight read it: start it (and
 * stop it after), or nothing it can do (Disabled). Undefined when it runs, or was not read.
 */
export function localWinRMForUndo(state: FlowState): 'start' | 'disabled' | undefined {
	const service = state.facts.local?.winrmService;
	if (service?.status !== 'Stopped') return undefined;
	return service.startType === 'Disabled' ? 'disabled' : 'start';
}

/** The args of the read and of the undo: whether they start the service first. */
export function startArgs(state: FlowState, change: ChangeRecord): {startWinRM?: true} {
	return needsLocalWinRM(change) && localWinRMForUndo(state) === 'start' ? {startWinRM: true} : {};
}

/** The undo's command as it runs with the service started for it: start first, stop last. */
export function withWinRMStarted(command: string): string {
	return [startWinRMServiceCommand, command, stopWinRMServiceCommand].join('\n');
}

/**
 * "Now:" for the undo of doublehop's start of the service: as preflight read it, not the journal's
 * "Running". A restart stops a Manual service, and the client undo above stops what it started, so
 * the state read when this undo began is the state now. Undefined when it was not read.
 */
export function winrmNowLine(state: FlowState, change: ChangeRecord): string | undefined {
	const now = serviceRead(state, change);
	if (now === undefined) return undefined;
	const read = `${change.setting}: ${now}, read as this undo began`;
	return now === change.after ? read : `${read}; doublehop left it ${change.after}`;
}

/**
 * The undo of doublehop's start of the service, when the service was read Stopped as this undo
 * began: a restart stops a Manual service, so it is as before and Stop-Service has nothing to do.
 * The line read; undefined when it runs or was not read.
 */
export function foundStopped(state: FlowState, change: ChangeRecord): string | undefined {
	const now = serviceRead(state, change);
	return state.facts.local?.winrmService?.status === 'Stopped' ? now : undefined;
}

/** The headline of an undo that finds nothing in place but doublehop's start, undone by a restart. */
export const onlyStartFoundStopped =
	"Nothing to undo: this machine's WinRM service, which doublehop started, is already stopped, as it was before (a restart stops a service whose start type is Manual).";

/**
 * `undo --json` without --yes, which runs nothing: the start found stopped is said as the undo
 * would close it, not listed as still in place. Undefined when it runs, or was not read.
 */
export function foundStoppedLine(state: FlowState, change: ChangeRecord): string | undefined {
	const line = foundStopped(state, change);
	if (line === undefined) return undefined;
	return `Already as before: ${change.setting} on ${change.machine}: read just now, ${line}. A restart stops a service whose start type is Manual; the undo has nothing to run for it.`;
}

/** The service as read, in the words of the change's before and after; undefined when not read. */
function serviceRead(state: FlowState, change: ChangeRecord): string | undefined {
	const service = state.facts.local?.winrmService;
	if (change.undo.kind !== 'stop-winrm' || service === undefined) return undefined;
	return `${service.status} (start type ${service.startType || 'unknown'})`;
}

/**
 * What is in place now, for the list of what an undo left: the service as read where it is not as
 * doublehop left it (a restart stopped it, or its start type changed since); else undefined.
 */
export function winrmInPlace(state: FlowState, change: ChangeRecord): string | undefined {
	const now = serviceRead(state, change);
	if (now === undefined || now === change.after) return undefined;
	return `${now} as read when this undo began, where doublehop left it ${change.after}`;
}

/** Said with the undo, before the question: the service is started and stopped again. */
export function startedLine(state: FlowState): string {
	const startType = state.facts.local?.winrmService?.startType || 'unknown';
	return `This machine's WinRM service is stopped (start type ${startType}): the undo starts it to read and change this machine's CredSSP settings, and stops it again.`;
}

/**
 * The WinRM service doublehop started, left running by its undo: its start type is no longer the
 * one doublehop left (Enable-PSRemoting or a GPO made it Automatic), so something else wants it.
 * Not recorded as undone: the change stays open, and a later undo stops it if that changes back.
 */
export function leftRunningEntry(
	state: FlowState,
	change: ChangeRecord,
	startTypeNow: string,
	command: string,
): Parameters<typeof addLog>[1] {
	const left = change.undo.kind === 'stop-winrm' ? change.undo.startType : undefined;
	return {
		status: 'blocked',
		title: `Left running: WinRM service on ${change.machine}, its start type is now ${startTypeNow}`,
		details: [
			`doublehop started it with start type ${left ?? 'unknown'}; since then its start type became ${startTypeNow} (Enable-PSRemoting, or a Group Policy's System Services setting, does that), so something else wants it running.`,
			`The change stays open: ${state.undoCommand} stops it once its start type is ${left ?? 'as it was'} again.`,
		],
		machine: change.machine,
		command,
	};
}
