// Taking changes back: `doublehop undo` (or undo chosen at the start, earlier-run.ts) walks the
// journal's open changes newest first, each asked for.
import {readClientCredSspCommand} from '../operations/read-client-credssp.js';
import {addLog, ask, changeView, clientName, errorDetails, finish, run, yesNo} from './common.js';
import {conclusion} from './conclusions.js';
import type {ChangeRecord, EarlierRun, FlowState, OperationResult} from './state.js';
import {undoCommandFor} from './undo-commands.js';
import {readRevertTaskCommand} from '../operations/revert-task.js';
import {isTaskUndo, markReverted, readRevertTaskFirst, taskFinding} from './revert-undo.js';
import {counted, itOrThem} from '../windows/counted.js';
import type {ListenerRemoved} from '../windows/records.js';
import {afterUndoLines, switchLeftOnEntry} from './undo-switch-on.js';

export function changeLines(
	changes: readonly ChangeRecord[],
	maybeMade: readonly string[] = [],
): string[] {
	return changes.map(
		(change) =>
			`${change.machine}: ${change.setting}: ${change.before} -> ${change.after}` +
			(maybeMade.includes(change.id) ? ' (interrupted while it ran)' : ''),
	);
}

/**
 * Changes an undo has not taken back, as what is on the machine now: "still <after> (was
 * <before>)". changeLines' "<before> -> <after>" would read as an action still to do. A change
 * whose call was cut off (`cut.maybeMade`) may never have been made; one whose undo was
 * (`cut.undoCut`) may have been taken back.
 */
export function inPlaceLines(
	changes: readonly ChangeRecord[],
	cut: Pick<EarlierRun, 'maybeMade' | 'undoCut'> = {},
): string[] {
	return changes.map((change) => {
		const now = cut.undoCut?.includes(change.id)
			? `maybe still ${change.after}, its undo interrupted while it ran`
			: cut.maybeMade?.includes(change.id)
				? `${change.after} if it was made, interrupted while it ran`
				: `still ${change.after}`;
		return `${change.machine}: ${change.setting}: ${now} (was ${change.before})`;
	});
}

/**
 * Undo mode, stopped part-way: the earlier run's changes still in place (newest first). The one
 * whose undo was cut off while it ran (`undoCut`) is among them, as maybe still in place: it may
 * or may not have been taken back, and left out it would read as surely gone.
 */
export function stillInPlace(state: FlowState, undoCut?: string): string[] {
	const undone = new Set(state.changes.map((change) => change.id));
	const cut = [...(state.earlier?.undoCut ?? []), ...(undoCut === undefined ? [] : [undoCut])];
	return inPlaceLines(
		[...(state.earlier?.changes ?? [])].reverse().filter((change) => !undone.has(change.id)),
		{...state.earlier, undoCut: cut},
	);
}

/** Undo mode: the queue is the earlier run's changes, newest first. */
export function toUndoMode(state: FlowState): FlowState {
	const earlier = state.earlier;
	const queue = [...(earlier?.changes ?? [])].reverse();
	return {
		...state,
		mode: 'undo',
		undoQueue: queue,
		inputs: {...state.inputs, ...(earlier?.hop1 ? {hop1: earlier.hop1} : {})},
		defaults: {...state.defaults, ...(earlier?.user ? {user: earlier.user} : {})},
	};
}

export function needsCredential(state: FlowState): boolean {
	// Only changes on the first hop need the account; this machine's own are made in this shell.
	return (
		state.mode === 'fix' ||
		state.undoQueue.some(
			(change) =>
				change.stage === 'server' ||
				change.stage === 'listener' ||
				change.stage === 'session-config' ||
				(change.undo.kind === 'unregister-task' && change.undo.hop1 !== undefined),
		)
	);
}

export function startUndo(state: FlowState): FlowState {
	return enterUndo(state);
}

/** The commands this undo will run, worked out from the state it will find. */
function undoShown(state: FlowState, change: ChangeRecord): string {
	const {client} = state.facts;
	// Only the client's undo depends on what it finds; the others are the journal's own words
	// (worded when the change was made, -UseSSL included), as is the client's when it was not read.
	if (change.undo.kind !== 'restore-client' || client === undefined) return change.undoCommand;
	return undoCommandFor(change, client);
}

function enterUndo(state: FlowState): FlowState {
	const [next] = state.undoQueue;
	if (next === undefined) return concludeUndo(state);
	// Which delegation entries stay depends on the list as it is now: read it before showing.
	if (next.undo.kind === 'restore-client' && state.facts.client === undefined) {
		return {
			...state,
			stage: 'undo',
			pending: run('read-client-credssp', {}, clientName(state), readClientCredSspCommand),
		};
	}
	// A revert task may have run, or be gone: read it before saying what its undo does.
	if (isTaskUndo(next) && state.facts.revertTask === undefined)
		return {...state, stage: 'undo', pending: readRevertTaskFirst(next)};
	const doubt = inDoubt(state, next);
	return {
		...state,
		stage: 'undo',
		proposed: next,
		view: changeView(
			next.machine,
			doubt !== undefined
				? [
						nowInDoubt(state, next, doubt),
						'Undo reads the current state first and changes only what it finds.',
					]
				: [
						`${next.setting}: ${next.after}`,
						...(isTaskUndo(next) && state.facts.revertTask !== undefined
							? [taskFinding(next, state.facts.revertTask).line]
							: []),
					],
			undoShown(state, next).split('\n'),
			afterUndoLines(state, next),
		),
		pending: ask({kind: 'confirm', id: 'undo', question: `Undo this change on ${next.machine}?`}),
	};
}

/** Why a change's state is not known from the journal, with what else it may be; else undefined. */
function inDoubt(state: FlowState, change: ChangeRecord): {why: string; or: string} | undefined {
	if (state.earlier?.undoCut?.includes(change.id))
		return {why: 'its undo was interrupted while it ran', or: `already ${change.before}`};
	if (state.earlier?.maybeMade?.includes(change.id))
		return {why: 'the change was interrupted while it ran', or: `still ${change.before}`};
	if (state.revertedByTask?.ids.includes(change.id))
		return {why: 'the scheduled revert task ran', or: `already ${change.before}`};
	return undefined;
}

/**
 * "Now:" for a change in doubt: what was read, where the undo reads before asking (the client);
 * elsewhere said unknown, with both states it may be in, never one of them as if read.
 */
function nowInDoubt(state: FlowState, change: ChangeRecord, doubt: {why: string; or: string}) {
	const read = change.undo.kind === 'restore-client' ? state.facts.client : undefined;
	if (read !== undefined) {
		const list = read.allowFreshCredentials.join(', ') || '(empty)';
		return `${change.setting}: CredSSP ${yesNo(read.enabled)}; list: ${list} (read just now: ${doubt.why})`;
	}
	return `${change.setting}: not read yet: ${doubt.why}, so it is ${change.after} or ${doubt.or}`;
}

export function onUndoAnswer(state: FlowState, yes: boolean): FlowState {
	const change = state.proposed;
	if (change === undefined) return state;
	if (yes) {
		const command = undoShown(state, change);
		return {...state, pending: run('undo-change', {}, change.machine, command, change)};
	}
	const log = addLog(state, {
		status: 'declined',
		title: `Kept: ${change.setting} on ${change.machine}`,
		details: ['You said no; it stays as it is.'],
	});
	return enterUndo({...state, log, proposed: undefined, undoQueue: state.undoQueue.slice(1)});
}

export function onUndoDone(state: FlowState, result: OperationResult<'undo-change'>): FlowState {
	const change = state.proposed;
	if (change === undefined) return state;
	if (!result.ok) {
		const log = addLog(state, {
			status: 'failed',
			title: `Could not undo ${change.setting} on ${change.machine}`,
			details: errorDetails(state, result.error),
			error: result.error,
			command: undoShown(state, change),
		});
		return finish(
			{...state, log},
			conclusion('failed', 'Undo stopped: a change could not be taken back', {
				leftUndone: inPlaceLines(state.undoQueue, state.earlier),
				nextSteps: [
					{
						say: 'Fix the cause above and run this again; it resumes where it stopped:',
						run: state.undoCommand,
					},
				],
			}),
		);
	}
	// Client CredSSP left on for entries added since: not recorded as undone, so it stays open.
	const leftOn = switchLeftOnEntry(state, change, undoShown(state, change));
	if (leftOn !== undefined) {
		const {client: _client, revertTask: _revertTask, ...rest} = state.facts;
		const logged = addLog(state, leftOn);
		return enterUndo({
			...state,
			log: logged,
			facts: rest,
			proposed: undefined,
			undoQueue: state.undoQueue.slice(1),
		});
	}
	// A revert task took it back already: say so, rather than claim to have taken it back again.
	const already =
		result.value.alreadyAsBefore === true && state.revertedByTask?.ids.includes(change.id) === true;
	const log = addLog(state, {
		status: already ? 'skipped' : 'changed',
		title: already
			? `Already reverted by the scheduled task: ${change.setting} on ${change.machine}`
			: `Undone: ${change.setting} on ${change.machine}`,
		details: [
			already ? `Found as before: ${change.before}; nothing was run` : `Back to: ${change.before}`,
			...alreadyGone(change, result.value),
		],
		machine: change.machine,
		command: undoShown(state, change),
	});
	const {client: _read, revertTask: _task, ...facts} = state.facts;
	return enterUndo({
		...state,
		log,
		// What was read before this undo no longer holds after it.
		facts,
		proposed: undefined,
		undoQueue: state.undoQueue.slice(1),
		changes: [
			...state.changes,
			{...undoRecord(state, change), ...(already ? {foundAsBefore: true as const} : {})},
		],
	});
}

/** The parts of the HTTPS listener's undo someone had already taken away: not claimed as removed. */
function alreadyGone(change: ChangeRecord, found: ListenerRemoved): string[] {
	const {undo} = change;
	if (undo.kind !== 'remove-listener') return [];
	return [
		...(found.listenerWasGone === true
			? [
					`The HTTPS listener (Address=*, Transport=HTTPS) on ${undo.hop1} was already gone: nothing to remove`,
				]
			: []),
		...(found.firewallRuleWasGone === true && undo.firewallRule !== undefined
			? [`The firewall rule ${undo.firewallRule} was already gone: nothing to remove`]
			: []),
	];
}

/**
 * An undo, recorded the other way round: the journal marks the original (same id) as undone. Its
 * command is the one that ran (the undo), and its undo the change itself.
 */
export function undoRecord(state: FlowState, change: ChangeRecord): ChangeRecord {
	return {
		...change,
		before: change.after,
		after: change.before,
		command: undoShown(state, change),
		undoCommand: change.command,
	};
}

/** The client as the undo will find it, read before its undo is shown. */
export function onUndoClientRead(
	state: FlowState,
	result: OperationResult<'read-client-credssp'>,
): FlowState {
	if (!result.ok) return onUndoDone({...state, proposed: state.undoQueue[0]}, result);
	return enterUndo({...state, facts: {...state.facts, client: result.value}});
}

function concludeUndo(state: FlowState): FlowState {
	// What a scheduled revert already took back (and its task, gone with it) is not claimed here.
	const byTask = state.log.filter(
		(entry) =>
			entry.stage === 'undo' &&
			(entry.title.startsWith('Already reverted by the scheduled task') ||
				entry.title.startsWith('Nothing to unregister')),
	).length;
	const undone = state.changes.length - byTask;
	// Declined by the admin, or (blocked) client CredSSP left on for other delegation entries.
	const kept = state.log.filter(
		(entry) =>
			entry.stage === 'undo' && (entry.status === 'declined' || entry.status === 'blocked'),
	);
	if (kept.length === 0) {
		// "Result: UNDONE." says it was undone: the headline says how much.
		const taken = undone === 0 ? 'Nothing was undone' : `${counted(undone, 'change')} taken back`;
		return finish(
			state,
			conclusion(
				'undone',
				byTask === 0
					? taken
					: `${taken}; ${byTask} already taken back or gone with the scheduled revert`,
			),
		);
	}
	// Changes the admin chose to keep are still in place: never "undone", which would say otherwise.
	const title =
		undone === 0
			? `Nothing was undone: ${counted(kept.length, 'change')} left in place`
			: `Undone: ${counted(undone, 'change')} taken back; ${kept.length} left in place`;
	return finish(
		state,
		conclusion('declined', title, {
			details: kept.map((entry) => entry.title),
			nextSteps: [
				{
					say: `To take ${itOrThem(kept.length)} back later:`,
					run: state.undoCommand ?? 'doublehop undo',
				},
			],
		}),
	);
}

/** The revert task as undo found it: unregister it (asked), or close it when it is gone. */
export function onRevertTaskRead(
	state: FlowState,
	result: OperationResult<'read-revert-task'>,
): FlowState {
	const [next] = state.undoQueue;
	if (next === undefined || !isTaskUndo(next)) return state;
	if (!result.ok) return onUndoDone({...state, proposed: next}, result);
	const finding = taskFinding(next, result.value);
	const marked = finding.ran ? markReverted(state, next) : state;
	if (finding.unregister)
		return enterUndo({...marked, facts: {...state.facts, revertTask: result.value}});
	const log = addLog(marked, {
		status: 'info',
		title: `Nothing to unregister on ${next.machine}`,
		details: [finding.line],
		machine: next.machine,
		command: readRevertTaskCommand(next.undo.taskName, next.undo.hop1),
	});
	return enterUndo({
		...marked,
		log,
		undoQueue: state.undoQueue.slice(1),
		// Closed in the journal: there is no task left to take back (and nothing this run changed).
		changes: [
			...state.changes,
			{...next, before: next.after, after: next.before, foundAsBefore: true},
		],
	});
}
