// What happened in a run, as events: every record of it (the Ink scrollback, the screen-reader
// text, the transcript, the journal, the --json policy) reads these instead of comparing state
// snapshots itself. The runner keeps them in order; this file is the one place that decides
// what is new between two states.
import type {ChangeRecord, FlowState, LogEntry, Operation, Prompt} from '../tree/state.js';

export type FlowEvent =
	/** A step finished and was logged; `state` is the state it was logged in. */
	| {type: 'entry-logged'; entry: LogEntry; state: FlowState}
	/** A change was made (in undo mode: taken back), or in a dry run would have been. */
	| {type: 'change-done'; change: ChangeRecord; state: FlowState}
	/** A question is put to the admin: a new prompt, or the same one again with a reason. */
	| {type: 'question-asked'; prompt: Prompt; state: FlowState}
	/** The runner starts an operation; one that makes a change carries it (`operation.change`). */
	| {type: 'operation-started'; operation: Operation; state: FlowState}
	/** Its answer came back (before the reducer reads it). */
	| {type: 'operation-ended'; operation: Operation; state: FlowState}
	/** The flow ended: `state.conclusion` says how. */
	| {type: 'finished'; state: FlowState};

const questionKey = (state: FlowState | undefined) =>
	state?.pending.kind === 'ask'
		? `${state.log.length}:${JSON.stringify(state.pending.prompt)}`
		: '';

/** What the reducer's step from `before` to `after` added: log entries, changes, a question, the end. */
export function eventsBetween(before: FlowState | undefined, after: FlowState): FlowEvent[] {
	const events: FlowEvent[] = [];
	const lastEntry = before?.log.at(-1)?.id ?? 0;
	for (const entry of after.log) {
		if (entry.id > lastEntry) events.push({type: 'entry-logged', entry, state: after});
	}
	for (const change of after.changes.slice(before?.changes.length ?? 0)) {
		// Cut short, not done: the journal marks it interrupted when the run ends.
		if (change.maybeMade) continue;
		events.push({type: 'change-done', change, state: after});
	}
	if (after.pending.kind === 'ask' && questionKey(after) !== questionKey(before)) {
		events.push({type: 'question-asked', prompt: after.pending.prompt, state: after});
	}
	if (after.pending.kind === 'finished' && before?.pending.kind !== 'finished') {
		events.push({type: 'finished', state: after});
	}
	return events;
}
