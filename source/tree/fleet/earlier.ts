// An earlier run whose changes are still in place, said at the start of a run over many first
// hops in the one-host flow's words (earlier-run-words.ts), with its changes listed per host.
// Cut short: resume (the survey reads every host again, so what is in place is not redone) or
// undo (the CLI hands over to the one-host undo flow, each change asked for, as doublehop undo).
import {
	chosen,
	earlierRunChoices,
	earlierRunQuestion,
	maybeMadeLines,
	stillInPlace,
	stoppedPartWay,
} from '../earlier-run-words.js';
import type {ChangeRecord, EarlierRun} from '../state.js';
import {changeLines} from '../undo.js';
import {print} from './conclude.js';
import type {FleetState} from './state.js';

/**
 * Each host's changes under its name; what is no one host's own (this machine's client switch,
 * or a change of a run for one first hop) under a line of its own.
 */
function perHostLines(earlier: EarlierRun, changes: readonly ChangeRecord[]): string[] {
	const hosts = [...new Set(changes.map((change) => change.fleetHost ?? ''))];
	return hosts.flatMap((host) => {
		const own = changes.filter((change) => (change.fleetHost ?? '') === host);
		return [
			host === '' ? 'Not tied to one first hop:' : `${host}:`,
			...changeLines(own, earlier.maybeMade).map((line) => `  ${line}`),
		];
	});
}

/** After this machine is read: what an earlier run left, then `next` (or the choice first). */
export function offerEarlierFleetRun(
	state: FleetState,
	next: (state: FleetState) => FleetState,
): FleetState {
	const earlier = state.earlier;
	if (earlier === undefined || earlier.changes.length === 0) return next(state);
	if (earlier.finished) {
		return next(
			print(state, [
				stillInPlace(earlier),
				...perHostLines(earlier, earlier.changes),
				`${state.undoCommand} takes them back.`,
			]),
		);
	}
	const listed = print(state, [
		`${stoppedPartWay(earlier)}:`,
		...perHostLines(earlier, earlier.changes),
		...maybeMadeLines(earlier, earlier.changes),
	]);
	return {
		...print(listed, ['Choose:', ...earlierRunChoices().map((line) => `  ${line}`)]),
		pending: {kind: 'ask', prompt: {kind: 'choice', id: 'earlier-run', ...earlierRunQuestion}},
	};
}

/** Resume goes on to `next`; undo ends this run, handed over to the one-host undo flow. */
export function onEarlierChoice(
	state: FleetState,
	key: string,
	next: (state: FleetState) => FleetState,
): FleetState {
	const undo = key === 'u';
	const said = print(state, [chosen(undo)]);
	if (!undo) return next(said);
	return {
		...said,
		undoEarlier: true,
		conclusion: {
			verdict: 'needs-changes',
			headline: 'Undo of the earlier run',
			details: [],
			nextSteps: [],
		},
		pending: {kind: 'finished'},
	};
}
