// How a change is logged, made or planned: before, after and its undo. A dry run's change is
// logged the same way and listed as planned (dryRun), never made. Used by every stage that asks
// for a change (change.ts, time-box.ts, session-config.ts).
import {addLog} from './common.js';
import type {ChangeRecord, FlowState, NextStep} from './state.js';

/**
 * The undo: the command itself, or (when it is a script) the command that runs it; a command with
 * rows of its own, so it is cut as a command and pastes whole. A planned change has none: nothing
 * was made. Every "Undo:" a step shows is this one (never "Undo: <command>" as words).
 */
export function undoLine(state: FlowState, change: ChangeRecord): NextStep[] {
	if (change.dryRun === true) return [];
	if (!change.undoCommand.includes('\n')) return [{say: 'Undo:', run: change.undoCommand}];
	return [
		{
			say: 'Undo (it shows the PowerShell it runs before it runs it; the transcript has it too):',
			run: state.undoCommand,
		},
	];
}

/** The change logged (with its title and output, if any) and added to the run's changes. */
export function withChangeLogged(
	state: FlowState,
	change: ChangeRecord,
	how: {status: 'changed' | 'skipped'; title: string; output?: string},
): FlowState {
	const log = addLog(state, {
		status: how.status,
		title: how.title,
		details: [`Before: ${change.before}`, `After: ${change.after}`, ...undoLine(state, change)],
		machine: change.machine,
		command: change.command,
		...(how.output === undefined ? {} : {output: how.output}),
	});
	return {...state, log, changes: [...state.changes, change]};
}

/** A dry run's yes: the change logged and listed as planned, nothing run. */
export function withPlannedChange(state: FlowState, change: ChangeRecord): FlowState {
	return withChangeLogged(
		state,
		{...change, dryRun: true},
		{status: 'skipped', title: `Dry run: would change ${change.setting} on ${change.machine}`},
	);
}
