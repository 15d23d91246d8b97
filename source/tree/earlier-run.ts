// An earlier run that stopped part-way is offered at the start of a fix: resume it, or undo its
// changes. Either way the flow goes on to ask for the targets it still needs.
import {durationText} from '../windows/time-box.js';
import {addLog, ask} from './common.js';
import type {ChangeRecord, FlowState} from './state.js';
import {askNextInput} from './targets.js';
import {changeLines, toUndoMode} from './undo.js';

/** The changes whose call was cut short, each said plainly: nobody knows whether it was made. */
function maybeMadeLines(state: FlowState, changes: readonly ChangeRecord[]): string[] {
	const ids = state.earlier?.maybeMade ?? [];
	return changes
		.filter((change) => ids.includes(change.id))
		.map(
			(change) =>
				`${change.setting} on ${change.machine} was interrupted while it ran: it may or may not have been made. Undo checks the machine's state first and takes back only what it finds.`,
		);
}

/** The earlier run's --for, kept on resume unless --for is given again (which wins). */
function keptTimeBox(state: FlowState): string {
	const minutes = state.earlier?.timeBoxMinutes;
	if (minutes === undefined || state.timeBox !== undefined) return '';
	return `; its --for ${durationText(minutes)} time box is kept, counted from this run's verify`;
}

function withEarlierTimeBox(state: FlowState): FlowState {
	const minutes = state.earlier?.timeBoxMinutes;
	if (minutes === undefined || state.timeBox !== undefined) return state;
	return {...state, timeBox: {minutes, tasks: []}};
}

/** At the start of a fix: what an earlier run left behind, and the choice when it was cut short. */
export function offerEarlierRun(state: FlowState): FlowState {
	const earlier = state.earlier;
	if (earlier === undefined || earlier.changes.length === 0) return askNextInput(state);
	if (earlier.finished) {
		const log = addLog(state, {
			status: 'info',
			title: `Changes from a run on ${earlier.startedAt} are still in place`,
			details: [...changeLines(earlier.changes), `${state.undoCommand} takes them back.`],
		});
		return askNextInput({...state, log});
	}
	return {
		...state,
		view: {
			machine: 'none',
			sections: [
				{
					title: `A run started ${earlier.startedAt} stopped part-way after these changes:`,
					lines: [
						...changeLines(earlier.changes, earlier.maybeMade),
						...maybeMadeLines(state, earlier.changes),
					],
					kind: 'warning',
				},
				{
					title: 'Choose:',
					lines: [
						`r  resume: go through the fix again; steps already done are detected and skipped${keptTimeBox(state)}`,
						'u  undo: take these changes back, one at a time, each asked for',
					],
				},
			],
		},
		pending: ask({
			kind: 'choice',
			id: 'earlier-run',
			question: 'Resume or undo?',
			options: [
				{key: 'r', label: 'resume'},
				{key: 'u', label: 'undo'},
			],
		}),
	};
}

export function onChoose(state: FlowState, key: string): FlowState {
	const earlier = state.earlier;
	if (earlier === undefined) return state;
	const undo = key === 'u';
	const log = addLog(state, {
		status: 'info',
		title: `A run started ${earlier.startedAt} stopped part-way after these changes`,
		details: [
			...changeLines(earlier.changes, earlier.maybeMade),
			...maybeMadeLines(state, earlier.changes),
			undo
				? 'You chose undo: each change is taken back, newest first, each asked for.'
				: `You chose resume: each step checks what is already in place${keptTimeBox(state)}.`,
		],
	});
	const next = {...state, log, view: undefined};
	return askNextInput(undo ? toUndoMode(next) : withEarlierTimeBox(next));
}
