// A change as it is proposed to the admin: the record that is asked for, journalled, run, and
// later undone, with the command that takes it back by hand.
import type {ChangeRecord, FlowState} from './state.js';
import {undoCommandFor} from './undo-commands.js';

export function proposal(
	state: FlowState,
	change: Omit<ChangeRecord, 'id' | 'undoCommand'>,
): ChangeRecord {
	const record = {...change, id: `${state.runId}:${change.stage}`, undoCommand: ''};
	return {...record, undoCommand: undoCommandFor(record)};
}
