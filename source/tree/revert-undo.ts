// Undo of a time-boxed run's revert task: what Get-ScheduledTask | Get-ScheduledTaskInfo found
// decides it. A task that is gone after its deadline ran (its script unregisters itself last); one
// that is still there and ran either could not remove itself or failed. Either way, the changes it
// covers may already be taken back, so their undo reads the machine first and says what it found
// instead of claiming to take them back again.
import {readRevertTaskCommand} from '../operations/revert-task.js';
import {deadlineText, taskHasNotRun, type RevertTaskState} from '../windows/time-box.js';
import {run} from './common.js';
import type {ChangeRecord, FlowState, Pending} from './state.js';

type TaskUndo = Extract<ChangeRecord['undo'], {kind: 'unregister-task'}>;

/** The read that comes before the task's undo is shown. */
export function readRevertTaskFirst(change: ChangeRecord & {undo: TaskUndo}): Pending {
	const {taskName, hop1} = change.undo;
	return run(
		'read-revert-task',
		{taskName, ...(hop1 === undefined ? {} : {hop1})},
		change.machine,
		readRevertTaskCommand(taskName, hop1),
	);
}

/** What the read says: unregister it (asked as usual), or nothing left to unregister. */
export type TaskFinding = {
	/** false: the task is gone, nothing to unregister; the change is closed without a command. */
	unregister: boolean;
	/** Whether it ran, so the changes it covers read their state before their undo. */
	ran: boolean;
	/** One line for the log (and the undo screen). */
	line: string;
};

export function taskFinding(
	change: ChangeRecord & {undo: TaskUndo},
	found: RevertTaskState,
): TaskFinding {
	const {taskName, atUtc} = change.undo;
	const when = deadlineText(atUtc, found.nowUtc);
	if (!found.found) {
		if (Date.parse(found.nowUtc) >= Date.parse(atUtc)) {
			return {
				unregister: false,
				ran: true,
				line: `${taskName} already ran at its deadline, ${when}, and removed itself: what it took back is read before its undo`,
			};
		}
		return {
			unregister: false,
			ran: false,
			line: `${taskName} is gone before its deadline (${when}): someone deleted it, so it took nothing back`,
		};
	}
	if (found.lastTaskResult === undefined || found.lastTaskResult === taskHasNotRun) {
		return {unregister: true, ran: false, line: `${taskName} is waiting for ${when}`};
	}
	const result =
		found.lastTaskResult === 0
			? 'it ran'
			: `it ran and failed (LastTaskResult 0x${found.lastTaskResult.toString(16).toUpperCase()})`;
	return {
		unregister: true,
		ran: true,
		line: `${taskName}: ${result}${found.lastRunUtc === undefined ? '' : ` at ${deadlineText(found.lastRunUtc, found.nowUtc)}`}, and is still registered: what it covers is read before its undo`,
	};
}

/** The state after a finding: the changes a task that ran covered are marked to be read first. */
export function markReverted(
	state: FlowState,
	change: ChangeRecord & {undo: TaskUndo},
	found: RevertTaskState,
): FlowState {
	const before = state.revertedByTask;
	const {covers, atUtc} = change.undo;
	return {
		...state,
		revertedByTask: {
			ids: [...(before?.ids ?? []), ...covers],
			// A task that is gone ran at its deadline (or, woken late, soon after): no LastRunTime is left.
			atUtc: found.lastRunUtc ?? atUtc,
			nowUtc: found.nowUtc,
			completed: [...(before?.completed ?? []), ...(found.found ? [] : covers)],
		},
	};
}

export function isTaskUndo(change: ChangeRecord): change is ChangeRecord & {undo: TaskUndo} {
	return change.undo.kind === 'unregister-task';
}
