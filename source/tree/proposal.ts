// A change as it is proposed to the admin: the record that is asked for, journalled, run, and
// later undone, with the command that takes it back by hand.
import type {ChangeRecord, FlowState} from './state.js';
import {undoCommandFor, type ClientNow} from './undo-commands.js';

/** `clientAfter`: for the client change, the client as the change leaves it (its undo starts there). */
export function proposal(
	state: FlowState,
	change: Omit<ChangeRecord, 'id' | 'undoCommand'>,
	clientAfter?: ClientNow,
): ChangeRecord {
	const record = {...change, id: `${state.runId}:${change.stage}`, undoCommand: ''};
	return {...record, undoCommand: undoCommandFor(record, clientAfter)};
}
