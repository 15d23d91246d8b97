// Taking changes back: `doublehop undo` (or undo chosen at the start, earlier-run.ts) walks the
// journal's open changes newest first, each asked for.
import {addLog, ask, changeView, errorDetails, finish, run} from './common.js';
import {conclusion} from './conclusions.js';
import type {ChangeRecord, EarlierRun, FlowState, NextStep, OperationResult} from './state.js';
import {undoCommandFor} from './undo-commands.js';
import {readRevertTaskCommand} from '../operations/revert-task.js';
import {isTaskUndo, markReverted, readRevertTaskFirst, taskFinding} from './revert-undo.js';
import {
	coveredByTaskThatRan,
	readBeforeUndo,
	readClientForUndo,
	readCommandFor,
	readNow,
} from './undo-read.js';
import {
	foundStopped,
	leftRunningEntry,
	localWinRMForUndo,
	needsLocalWinRM,
	onlyStartFoundStopped,
	startArgs,
	startedLine,
	winrmInPlace,
	winrmNowLine,
	withWinRMStarted,
} from './undo-winrm.js';
import {enableWinRMServiceCommands} from '../operations/winrm-service.js';
import {deadlineText} from '../windows/time-box.js';
import {counted, itOrThem} from '../windows/counted.js';
import type {ErrorRecord, ListenerRemoved} from '../windows/records.js';
import {
	activeDirectoryModuleInstall,
	activeDirectoryModuleMissingId,
} from '../windows/resource-delegation.js';
import {hostsOf, othersLeftParts, perHostLines} from './undo-hosts.js';
import {afterUndoLines, clientLeftOnNow, switchLeftOnEntry} from './undo-switch-on.js';
import {reboundLines, reboundListener} from './undo-rebound.js';

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
	readNow: (change: ChangeRecord) => string | undefined = () => undefined,
): string[] {
	return changes.map((change) => {
		const now = cut.undoCut?.includes(change.id)
			? `maybe still ${change.after}, its undo interrupted while it ran`
			: cut.maybeMade?.includes(change.id)
				? `${change.after} if it was made, interrupted while it ran`
				: (readNow(change) ?? `still ${change.after}`);
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
		(change) => {
			const left = state.leftByUndo?.[change.id];
			return left === undefined ? winrmInPlace(state, change) : `now ${left}, as its undo left it`;
		},
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
				change.undo.kind === 'enable-server' ||
				(change.undo.kind === 'unregister-task' && change.undo.hop1 !== undefined),
		)
	);
}

/**
 * Before the first question, an undo that covers more than one first hop names each host's
 * changes: `doublehop undo` takes back every run's, not only the last one's.
 */
export function withUndoOverview(state: FlowState): FlowState {
	const earlier = state.earlier;
	const hosts = earlier === undefined ? [] : hostsOf(earlier);
	if (earlier === undefined || hosts.length < 2) return state;
	const oneHost = state.undoCommand.includes(' --hop1 ')
		? []
		: [{say: "To take back one first hop's only:", run: `${state.undoCommand} --hop1 ${hosts[0]}`}];
	const log = addLog(state, {
		stage: 'undo',
		status: 'info',
		title: `${counted(earlier.changes.length, 'change')} by doublehop ${earlier.changes.length === 1 ? 'is' : 'are'} in place for ${hosts.length} first hops: this undo takes back all of them, newest first, each asked for`,
		details: [...perHostLines(earlier), ...oneHost],
	});
	return {...state, log};
}

export function startUndo(state: FlowState): FlowState {
	return enterUndo(state);
}

/** The commands this undo will run, worked out from the state it will find. */
function undoShown(state: FlowState, change: ChangeRecord): string {
	const command = undoWords(state, change);
	// This machine's WinRM service started for the undo, and stopped again: shown as it runs.
	return startArgs(state, change).startWinRM ? withWinRMStarted(command) : command;
}

function undoWords(state: FlowState, change: ChangeRecord): string {
	const {client} = state.facts;
	// Only the client's undo depends on what it finds; the others are the journal's own words
	// (worded when the change was made, -UseSSL included), as is the client's when it was not read.
	if (change.undo.kind !== 'restore-client' || client === undefined) return change.undoCommand;
	return undoCommandFor(change, client);
}

/** This machine's WinRM service is Disabled: its CredSSP settings cannot be read or changed. */
function winrmDisabled(state: FlowState, change: ChangeRecord): FlowState {
	const name = state.facts.local?.computerName ?? change.machine;
	const log = addLog(state, {
		stage: 'undo',
		status: 'blocked',
		title: `The WinRM service on ${name} is disabled`,
		details: [
			`Its start type is Disabled, so it cannot be started, and doublehop does not change a service's start type. Get-WSManCredSSP needs it to read and change this machine's CredSSP settings, so ${change.setting} cannot be taken back.`,
		],
		machine: change.machine,
	});
	return finish(
		{...state, log},
		conclusion('blocked', `The WinRM service on ${name} is disabled`, {
			leftUndone: stillInPlace(state),
			nextSteps: [
				`In an elevated PowerShell: ${enableWinRMServiceCommands.join('; ')}`,
				'If Group Policy disables the service (Computer Configuration > Policies > Windows Settings > Security Settings > System Services), ask the owner of that GPO first.',
				{say: 'Then run this again; it resumes where it stopped:', run: state.undoCommand},
			],
		}),
	);
}

function enterUndo(state: FlowState): FlowState {
	const [next] = state.undoQueue;
	if (next === undefined) return concludeUndo(state);
	if (needsLocalWinRM(next) && localWinRMForUndo(state) === 'disabled')
		return winrmDisabled({...state, stage: 'undo'}, next);
	// Which delegation entries stay depends on the list as it is now: read it before showing.
	if (next.undo.kind === 'restore-client' && state.facts.client === undefined)
		return {...state, stage: 'undo', pending: readClientForUndo(state, next)};
	// A revert task may have run, or be gone: read it before saying what its undo does.
	if (isTaskUndo(next) && state.facts.revertTask === undefined)
		return {...state, stage: 'undo', pending: readRevertTaskFirst(next)};
	// What a revert task that ran covered is read before it is shown, and not asked for when the
	// task took it back.
	if (coveredByTaskThatRan(state, next)) {
		const read = readBeforeUndo(state, next);
		if (read !== undefined) return {...state, stage: 'undo', pending: read};
		const found = readNow(state, next);
		if (found?.asBefore === true) return takenBackByTask(state, next, found.line);
	}
	const stopped = foundStopped(state, next);
	if (stopped !== undefined) return closedAsStopped(state, next, stopped);
	const doubt = inDoubt(state, next);
	return {
		...state,
		stage: 'undo',
		proposed: next,
		view: changeView(
			next.machine,
			[
				...(doubt !== undefined
					? [
							nowInDoubt(state, next, doubt),
							'Undo reads the current state first and changes only what it finds.',
						]
					: [
							winrmNowLine(state, next) ?? `${next.setting}: ${next.after}`,
							...(isTaskUndo(next) && state.facts.revertTask !== undefined
								? [taskFinding(next, state.facts.revertTask).line]
								: []),
						]),
				...(startArgs(state, next).startWinRM ? [startedLine(state)] : []),
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
	const read = readNow(state, change);
	if (read !== undefined) return `${change.setting}: ${read.line} (read just now: ${doubt.why})`;
	return `${change.setting}: not read yet: ${doubt.why}, so it is ${change.after} or ${doubt.or}`;
}

/**
 * An undo closed without running anything: logged, dropped from the queue, and recorded as found
 * as before (`record`, the journal's line for it). `forgetReads`: what was read for it no longer
 * holds for the next change. `foundStopped`: a restart undid it, not a revert task.
 */
function closeAsFound(
	state: FlowState,
	entry: Parameters<typeof addLog>[1],
	record: ChangeRecord,
	how: {forgetReads?: true; foundStopped?: true} = {},
): FlowState {
	return enterUndo({
		...state,
		log: addLog(state, entry),
		...(how.forgetReads ? {facts: withoutReads(state.facts)} : {}),
		undoQueue: state.undoQueue.slice(1),
		changes: [
			...state.changes,
			{...record, foundAsBefore: true, ...(how.foundStopped ? {foundStopped: true} : {})},
		],
	});
}

/** Closed without a question: the machine, read just now, is as it was before doublehop. */
function takenBackByTask(state: FlowState, change: ChangeRecord, line: string): FlowState {
	return closeAsFound(
		state,
		{
			status: 'skipped',
			title: `Already reverted by the scheduled task: ${change.setting} on ${change.machine}`,
			details: [
				`The --for revert task took it back at ${whenTaskRan(state)}. Read just now: ${line}, as before doublehop; nothing to run.`,
			],
			machine: change.machine,
			...withCommand(readCommandFor(change)),
		},
		// Its "after" is what was read: the words the result gives.
		{...undoRecord(state, change), after: line},
		{forgetReads: true},
	);
}

/** doublehop's WinRM start found undone by a restart: closed without a question or a command. */
function closedAsStopped(state: FlowState, change: ChangeRecord, line: string): FlowState {
	return closeAsFound(
		state,
		{
			status: 'skipped',
			title: `Already as before: ${change.setting} on ${change.machine}`,
			details: [
				`Read as this undo began: ${line}. A restart stops a service whose start type is Manual, so it is as before doublehop; nothing to run.`,
			],
			machine: change.machine,
		},
		{...undoRecord(state, change), after: line},
		{foundStopped: true},
	);
}

const withCommand = (command: string | undefined) => (command === undefined ? {} : {command});

/** When the revert task ran, as "14:56 UTC" (with the date when it is not today). */
function whenTaskRan(state: FlowState): string {
	const ran = state.revertedByTask;
	return ran === undefined ? 'its deadline' : deadlineText(ran.atUtc, ran.nowUtc);
}

/** What was read for one change's undo: it no longer holds once the next is read or taken back. */
function withoutReads(facts: FlowState['facts']): FlowState['facts'] {
	const {
		client: _client,
		server: _server,
		listeners: _listeners,
		revertTask: _task,
		...rest
	} = facts;
	return rest;
}

export function onUndoAnswer(state: FlowState, yes: boolean): FlowState {
	const change = state.proposed;
	if (change === undefined) return state;
	if (yes) {
		const command = undoShown(state, change);
		const args = startArgs(state, change);
		return {...state, pending: run('undo-change', args, change.machine, command, change)};
	}
	const log = addLog(state, {
		status: 'declined',
		title: `Kept: ${change.setting} on ${change.machine}`,
		details: ['You said no; it stays as it is.'],
	});
	return enterUndo({...state, log, proposed: undefined, undoQueue: state.undoQueue.slice(1)});
}

/** What the cause above needs, where doublehop knows it: the module the undo's cmdlet comes with. */
function installFor(error: ErrorRecord): NextStep[] {
	if (error.fullyQualifiedErrorId !== activeDirectoryModuleMissingId) return [];
	return [
		{
			say: 'Install the ActiveDirectory module (RSAT), elevated: on Windows 10 or 11',
			run: activeDirectoryModuleInstall.client,
		},
		{say: 'On Windows Server', run: activeDirectoryModuleInstall.server},
	];
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
					...installFor(result.error),
					{
						say: 'Fix the cause above and run this again; it resumes where it stopped:',
						run: state.undoCommand,
					},
				],
			}),
		);
	}
	// Client CredSSP left on for entries added since, or WinRM left running for whoever made it
	// start on its own: not recorded as undone, so it stays open.
	const startTypeNow = result.value.winrmStartTypeNow;
	const leftOn =
		startTypeNow === undefined
			? switchLeftOnEntry(state, change, undoShown(state, change))
			: leftRunningEntry(state, change, startTypeNow, undoShown(state, change));
	if (leftOn !== undefined) {
		const now =
			startTypeNow === undefined
				? clientLeftOnNow(state, change)
				: `Running (start type ${startTypeNow})`;
		return enterUndo({
			...state,
			log: addLog(state, leftOn),
			...(now === undefined ? {} : {leftByUndo: {...state.leftByUndo, [change.id]: now}}),
			facts: withoutReads(state.facts),
			proposed: undefined,
			undoQueue: state.undoQueue.slice(1),
		});
	}
	// A revert task took it back already: say so, rather than claim to have taken it back again.
	const already =
		result.value.alreadyAsBefore === true && state.revertedByTask?.ids.includes(change.id) === true;
	const left = reboundListener(change, result.value);
	const log = addLog(state, {
		status: already ? 'skipped' : 'changed',
		title: already
			? `Already reverted by the scheduled task: ${change.setting} on ${change.machine}`
			: left !== undefined
				? `Undone, the listener left as re-bound since: ${change.setting} on ${change.machine}`
				: `Undone: ${change.setting} on ${change.machine}`,
		details: [
			already
				? `Found as before: ${change.before}; nothing was run`
				: left !== undefined
					? `Now: ${left}`
					: `Back to: ${change.before}`,
			...alreadyGone(change, result.value),
			...reboundLines(change, result.value),
			...(startArgs(state, change).startWinRM
				? ["This machine's WinRM service was started for it and stopped again"]
				: []),
		],
		machine: change.machine,
		command: undoShown(state, change),
	});
	return enterUndo({
		...overHttpAfterCut(state, result.value),
		log,
		// What was read before this undo no longer holds after it.
		facts: withoutReads(state.facts),
		proposed: undefined,
		undoQueue: state.undoQueue.slice(1),
		changes: [
			...state.changes,
			{
				...undoRecord(state, change),
				...(already ? {foundAsBefore: true as const} : {}),
				...(left === undefined ? {} : {after: left}),
			},
		],
	});
}

/**
 * The listener's removal cut the HTTPS session that rode on it, and hop 1 was read again over HTTP:
 * nothing answers on 5986 now, so the rest of the undo reaches hop 1 over HTTP, and says so.
 */
function overHttpAfterCut(state: FlowState, found: ListenerRemoved): FlowState {
	if (found.cut === undefined) return state;
	const {useSsl: _useSsl, ...overHttp} = state;
	return overHttp;
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
		...(found.cut === undefined
			? []
			: [
					`The session over HTTPS rode on that listener and was cut as it went; read again over HTTP: ${undo.hop1} has no HTTPS listener (Address=*) now`,
				]),
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

/** Hop 1's server role or listeners, read before the undo of a change a revert task covered. */
export function onUndoRead(
	state: FlowState,
	result: OperationResult<'read-server-credssp' | 'list-listeners'>,
	fact: 'server' | 'listeners',
): FlowState {
	if (!result.ok) return onUndoDone({...state, proposed: state.undoQueue[0]}, result);
	return enterUndo({...state, facts: {...state.facts, [fact]: result.value}});
}

/** The client as the undo will find it, read before its undo is shown. */
export function onUndoClientRead(
	state: FlowState,
	result: OperationResult<'read-client-credssp'>,
): FlowState {
	if (!result.ok) return onUndoDone({...state, proposed: state.undoQueue[0]}, result);
	return enterUndo({...state, facts: {...state.facts, client: result.value}});
}

/** The end of the undo, with what an undo of some hosts left for the others (undo --hop1). */
function concludeUndo(state: FlowState): FlowState {
	const ended = undoConclusion(state);
	const others = othersLeftParts(state.earlier?.othersLeft);
	const said = ended.conclusion;
	if (said === undefined || others.details.length === 0) return ended;
	return {
		...ended,
		conclusion: {
			...said,
			details: [...said.details, ...others.details],
			nextSteps: [...said.nextSteps, ...others.nextSteps],
		},
	};
}

function undoConclusion(state: FlowState): FlowState {
	// What a scheduled revert already took back (and its task, gone with it) is not claimed here.
	const found = state.changes.filter((change) => change.foundAsBefore === true);
	const byTask = found.filter((change) => change.foundStopped !== true).length;
	const stopped = found.length - byTask;
	const undone = state.changes.length - found.length;
	// Declined by the admin, or (blocked) left as it is by design: client CredSSP left on for other
	// delegation entries, WinRM left running since its start type changed (undo-winrm.ts).
	const kept = state.log.filter(
		(entry) =>
			entry.stage === 'undo' && (entry.status === 'declined' || entry.status === 'blocked'),
	);
	const declined = kept.some((entry) => entry.status === 'declined');
	if (kept.length === 0 && undone === 0 && byTask > 0) return nothingLeft(state);
	// A restart stopped the WinRM service doublehop started: as before, not taken back by this run.
	const restarted = stopped > 0 ? "; this machine's WinRM service already stopped, as before" : '';
	if (kept.length === 0 && undone === 0 && byTask === 0 && stopped > 0)
		return finish(state, conclusion('nothing-to-undo', onlyStartFoundStopped));
	if (kept.length === 0) {
		// "Result: UNDONE." says it was undone: the headline says how much.
		const taken = undone === 0 ? 'Nothing was undone' : `${counted(undone, 'change')} taken back`;
		return finish(
			state,
			conclusion(
				'undone',
				byTask === 0
					? `${taken}${restarted}`
					: `${taken}; ${byTask} already taken back or gone with the scheduled revert${restarted}`,
			),
		);
	}
	// Changes the admin chose to keep are still in place: never "undone", which would say otherwise.
	// Under --json, only a run without --yes declines: it says so, as the run that reads nothing does.
	// Left only by design (nobody said no): "blocked", as a setting something else holds is.
	const title =
		state.json === true && undone === 0 && declined
			? `Nothing was undone: ${counted(kept.length, 'change')} by doublehop ${kept.length === 1 ? 'is' : 'are'} still in place. Under --json, undo takes ${itOrThem(kept.length)} back only with --yes.`
			: undone === 0
				? `Nothing was undone: ${counted(kept.length, 'change')} left in place`
				: `Undone: ${counted(undone, 'change')} taken back; ${kept.length} left in place`;
	return finish(
		state,
		conclusion(declined ? 'declined' : 'blocked', title, {
			details: kept.map((entry) => entry.title),
			...(state.json === true ? {leftUndone: stillInPlace(state)} : {}),
			nextSteps: [
				{
					say: declined
						? `To take ${itOrThem(kept.length)} back later:`
						: `${kept.length === 1 ? 'It stays' : 'They stay'} open: once what holds ${itOrThem(kept.length)} changes, this takes ${itOrThem(kept.length)} back:`,
					run: state.undoCommand ?? 'doublehop undo',
				},
			],
		}),
	);
}

/**
 * Every change was found taken back (by the --for revert tasks, which then removed themselves):
 * nothing to undo, said with what was read, not "undone".
 */
function nothingLeft(state: FlowState): FlowState {
	const covered = state.changes.filter(
		(change) => change.undo.kind !== 'unregister-task' && change.foundStopped !== true,
	);
	const tasks = state.changes.filter((change) => change.undo.kind === 'unregister-task').length;
	const they = tasks === 1 ? 'task' : 'tasks';
	const taken =
		covered.length === 0
			? `The --for revert ${they} ${tasks === 1 ? 'is' : 'are'} gone`
			: `The --for revert ${they} took back the ${counted(covered.length, 'change')} at ${whenTaskRan(state)} and removed ${tasks === 1 ? 'itself' : 'themselves'}`;
	return finish(
		state,
		conclusion(
			'nothing-to-undo',
			`${taken}; read just now, nothing by doublehop is left in place.`,
			{
				details: covered.map((change) => `${change.machine}: ${change.setting}: ${change.after}`),
			},
		),
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
	const marked = finding.ran ? markReverted(state, next, result.value) : state;
	if (finding.unregister)
		return enterUndo({...marked, facts: {...state.facts, revertTask: result.value}});
	return closeAsFound(
		marked,
		{
			status: 'info',
			title: `Nothing to unregister on ${next.machine}`,
			details: [finding.line],
			machine: next.machine,
			command: readRevertTaskCommand(next.undo.taskName, next.undo.hop1),
		},
		// Closed in the journal: there is no task left to take back (and nothing this run changed).
		{...next, before: next.after, after: next.before},
	);
}
