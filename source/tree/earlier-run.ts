// An earlier run that stopped part-way is offered at the start of a fix: resume it, or undo its
// changes. Either way the flow goes on to ask for the targets it still needs. The words are
// earlier-run-words.ts's, which the run over many first hops says too (fleet/earlier.ts).
import {durationText} from '../windows/time-box.js';
import {addLog, ask} from './common.js';
import {
	chosen,
	earlierRunChoices,
	earlierRunQuestion,
	maybeMadeLines,
	stillInPlace,
	stoppedPartWay,
} from './earlier-run-words.js';
import type {FlowState} from './state.js';
import {askNextInput} from './targets.js';
import {changeLines, toUndoMode} from './undo.js';

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
			title: stillInPlace(earlier),
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
					title: `${stoppedPartWay(earlier)}:`,
					lines: [
						...changeLines(earlier.changes, earlier.maybeMade),
						...maybeMadeLines(earlier, earlier.changes),
					],
					kind: 'warning',
				},
				{title: 'Choose:', lines: earlierRunChoices(keptTimeBox(state))},
			],
		},
		pending: ask({kind: 'choice', id: 'earlier-run', ...earlierRunQuestion}),
	};
}

export function onChoose(state: FlowState, key: string): FlowState {
	const earlier = state.earlier;
	if (earlier === undefined) return state;
	const undo = key === 'u';
	const log = addLog(state, {
		status: 'info',
		title: stoppedPartWay(earlier),
		details: [
			...changeLines(earlier.changes, earlier.maybeMade),
			...maybeMadeLines(earlier, earlier.changes),
			chosen(undo, undo ? '' : keptTimeBox(state)),
		],
	});
	const next = {...state, log, view: undefined};
	return askNextInput(undo ? toUndoMode(next) : withEarlierTimeBox(next));
}
