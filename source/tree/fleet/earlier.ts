// An earlier run whose changes are still in place, said at the start of a run over many first
// hops in the one-host flow's words (earlier-run-words.ts), one line per host (20 to 50 hosts
// must fit a screen); undo shows each change in full as it asks for it.
// Cut short: resume (the survey reads every host again, so what is in place is not redone) or
// undo (the CLI hands over to the one-host undo flow, each change asked for, as doublehop undo).
import {
	chosen,
	earlierRunChoices,
	earlierRunQuestion,
	stillInPlace,
	stoppedPartWay,
} from '../earlier-run-words.js';
import type {ChangeRecord, EarlierRun} from '../state.js';
import {counted} from '../../windows/counted.js';
import {print} from './conclude.js';
import type {FleetState} from './state.js';

/**
 * A change in a few words: its setting without the registry path or the host it is for
 * ("delegation entry", "CredSSP server role"), and where, when that is not the host itself.
 */
function shortChange(change: ChangeRecord, host: string, maybeMade: readonly string[]): string {
	const setting = change.setting.replace(/ \([^()]*\)$/, '').replace(` for ${host}`, '');
	return (
		setting +
		(change.machine === host ? '' : ` on ${change.machine}`) +
		(maybeMade.includes(change.id) ? ' (interrupted while it ran)' : '')
	);
}

/**
 * One line per host: what was changed for it, counted; what is no one host's own (this
 * machine's client switch, or a change of a run for one first hop) on a line of its own.
 */
function perHostLines(earlier: EarlierRun, changes: readonly ChangeRecord[]): string[] {
	const hosts = [...new Set(changes.map((change) => change.fleetHost ?? ''))];
	return hosts.map((host) => {
		const own = changes.filter((change) => (change.fleetHost ?? '') === host);
		const what = own.map((change) => shortChange(change, host, earlier.maybeMade ?? []));
		const name = host === '' ? 'Not tied to one first hop' : host;
		return `  ${name} (${counted(own.length, 'change')}): ${what.join(', ')}`;
	});
}

/** The changes cut short, said once for all of them (the one-host offer says it per change). */
function maybeMadeLine(earlier: EarlierRun): string[] {
	const cut = earlier.changes.filter((change) => earlier.maybeMade?.includes(change.id));
	if (cut.length === 0) return [];
	const were = cut.length === 1 ? 'was' : 'were';
	return [
		`${counted(cut.length, 'change')} ${were} interrupted while ${cut.length === 1 ? 'it' : 'they'} ran: ${cut.length === 1 ? 'it' : 'each'} may or may not have been made. Undo checks each machine's state first and takes back only what it finds.`,
	];
}

const inFull = 'Undo shows each change in full and asks before it takes it back.';

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
				`${stillInPlace(earlier)}:`,
				...perHostLines(earlier, earlier.changes),
				`${state.undoCommand} takes them back. ${inFull}`,
			]),
		);
	}
	const listed = print(state, [
		`${stoppedPartWay(earlier)}:`,
		...perHostLines(earlier, earlier.changes),
		...maybeMadeLine(earlier),
		inFull,
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
