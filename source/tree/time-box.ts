// Time-boxed CredSSP (--for 2h): once the fix is made and verified, a scheduled task on each
// machine this run changed takes the changes back at the deadline, as SYSTEM. Each registration is
// a change of its own: shown, asked for, journalled, and undone by Unregister-ScheduledTask. The
// deadline counts from this machine's clock, read after the verify.
import {
	readClockCommand,
	registerRevertTaskCommand,
	unregisterRevertTaskCommand,
} from '../operations/revert-task.js';
import {
	deadlineFrom,
	deadlineText,
	durationFlag,
	durationText,
	missedRevertDays,
	revertTaskName,
	type ScheduledRevert,
} from '../windows/time-box.js';
import {listText} from '../windows/delegation.js';
import {addLog, ask, clientName, errorDetails, finish, hop1Of, run} from './common.js';
import {dryRunConclusion} from './conclusions.js';
import type {ChangeRecord, Conclusion, FlowState, OperationResult, TimeBox} from './state.js';
import {withPlannedChange, undoLine} from './planned-change.js';

/** Whether this run's verified fix is to be time-boxed: --for, and changes this run made. */
export function timeBoxWanted(state: FlowState): boolean {
	return state.timeBox !== undefined && !state.dryRun && coveredChanges(state).length > 0;
}

/**
 * The changes a time box covers: this run's, and, when this run resumes one that stopped
 * part-way, that run's changes still in place (the steps it made are skipped here as done).
 */
function coveredChanges(state: FlowState): ChangeRecord[] {
	const earlier = state.earlier;
	const resumed = state.mode === 'fix' && earlier !== undefined && !earlier.finished;
	return resumed ? [...earlier.changes, ...state.changes] : state.changes;
}

type ClientUndo = Extract<ChangeRecord['undo'], {kind: 'restore-client'}>;

/**
 * An earlier run's client change, still in place, that turned client CredSSP on, when this run found
 * it on only for that change: its own revert task is due no later than this run's deadline (`atUtc`).
 * This run's client revert then turns CredSSP off as that change's would, once the list is as it
 * was before that run: whichever of the two fires last turns it off, and the first leaves it on for
 * the other's entries (restoreClientPlan). One due later turns it off itself; one without a revert
 * task is there until undo, and its CredSSP stays.
 */
function switchOwner(
	state: FlowState,
	own: ClientUndo,
	atUtc: string,
): {undo: ClientUndo; dueUtc: string} | undefined {
	if (!own.enabledBefore) return undefined;
	const covered = new Set(coveredChanges(state).map((change) => change.id));
	const earlier = (state.earlier?.changes ?? []).filter((change) => !covered.has(change.id));
	for (const change of earlier) {
		const {undo} = change;
		if (undo.kind !== 'restore-client' || undo.enabledBefore || undo.listBefore === undefined)
			continue;
		const task = earlier.find(
			(other) => other.undo.kind === 'unregister-task' && other.undo.covers.includes(change.id),
		);
		if (task?.undo.kind !== 'unregister-task') continue;
		if (Date.parse(task.undo.atUtc) <= Date.parse(atUtc)) return {undo, dueUtc: task.undo.atUtc};
	}
	return undefined;
}

/** The client revert: this run's entries out, and the switch as this run (or its owner) found it. */
function clientRevert(
	state: FlowState,
	own: ClientUndo,
	atUtc: string,
): Extract<ScheduledRevert, {machine: 'client'}> {
	const basis = switchOwner(state, own, atUtc)?.undo ?? own;
	return {
		machine: 'client',
		addedEntries: [...own.added],
		clientWasEnabled: basis.enabledBefore,
		...(basis.switchesBefore === undefined ? {} : {switchesBefore: basis.switchesBefore}),
		...(basis.listBefore === undefined ? {} : {listBefore: [...basis.listBefore]}),
		...(basis.keysBefore === undefined ? {} : {keysBefore: {...basis.keysBefore}}),
	};
}

/** What a revert on each machine takes back: the covered changes there, the undo of each. */
function revertsOf(state: FlowState, atUtc: string): {revert: ScheduledRevert; covers: string[]}[] {
	const covered = coveredChanges(state);
	const onHop1 = covered.filter(
		(c) => c.undo.kind === 'disable-server' || c.undo.kind === 'remove-listener',
	);
	const server = onHop1.find((c) => c.undo.kind === 'disable-server');
	const listener = onHop1.find((c) => c.undo.kind === 'remove-listener');
	const client = covered.find((c) => c.undo.kind === 'restore-client');
	const reverts: {revert: ScheduledRevert; covers: string[]}[] = [];
	if (onHop1.length > 0) {
		const undo = listener?.undo.kind === 'remove-listener' ? listener.undo : undefined;
		const rule = undo?.firewallRule;
		const thumbprint = undo?.certificate?.thumbprint;
		reverts.push({
			revert: {
				machine: 'hop1',
				serverRole: server !== undefined,
				...(listener === undefined
					? {}
					: {
							httpsListener: {
								...(rule === undefined ? {} : {firewallRule: rule}),
								...(thumbprint === undefined ? {} : {thumbprint}),
							},
						}),
			},
			covers: onHop1.map((c) => c.id),
		});
	}
	if (client?.undo.kind === 'restore-client') {
		reverts.push({revert: clientRevert(state, client.undo, atUtc), covers: [client.id]});
	}
	return reverts;
}

/** After the verify: read the clock the deadline counts from, holding the verdict until the end. */
export function startTimeBox(state: FlowState, verified: Pick<FlowState, 'conclusion'>): FlowState {
	const timeBox = state.timeBox;
	if (timeBox === undefined || verified.conclusion === undefined) return finish(state, verified);
	return {
		...state,
		stage: 'time-box',
		view: undefined,
		proposed: undefined,
		timeBox: {...timeBox, conclusion: verified.conclusion},
		pending: run('read-clock', {}, clientName(state), readClockCommand),
	};
}

export function onClock(state: FlowState, result: OperationResult<'read-clock'>): FlowState {
	const timeBox = state.timeBox;
	if (timeBox === undefined) return state;
	if (!result.ok) {
		const log = addLog(state, {
			status: 'failed',
			title: "Could not read this machine's clock: no revert was scheduled",
			details: errorDetails(state, result.error),
			error: result.error,
		});
		return concludeTimeBox({...state, log});
	}
	const fromUtc = result.value.nowUtc;
	const atUtc = deadlineFrom(fromUtc, timeBox.minutes);
	const hop1 = hop1Of(state);
	const tasks = revertsOf(state, atUtc).map(({revert, covers}) => ({
		task: {taskName: revertTaskName(state.runId, revert.machine), atUtc, revert},
		...(revert.machine === 'hop1' ? {hop1} : {}),
		covers,
	}));
	return proposeNext({...state, timeBox: {...timeBox, atUtc, fromUtc, tasks}});
}

function machineOf(state: FlowState, entry: TimeBox['tasks'][number]): string {
	return entry.hop1 ?? clientName(state);
}

/** The client switch's part of the revert, in the admin's words: off, and when it stays on. */
function switchWords(
	state: FlowState,
	entry: TimeBox['tasks'][number],
	revert: Extract<ScheduledRevert, {machine: 'client'}>,
): string[] {
	if (revert.clientWasEnabled) return [];
	if (revert.listBefore === undefined) return ['WinRM client CredSSP off'];
	const list = listText(revert.listBefore, 'empty');
	const own = coveredChanges(state).find((change) => entry.covers.includes(change.id))?.undo;
	const owner =
		own?.kind === 'restore-client' && state.timeBox?.fromUtc !== undefined
			? switchOwner(state, own, entry.task.atUtc)
			: undefined;
	const from =
		owner === undefined
			? ''
			: ` (CredSSP was on before this run for an earlier time-boxed run, whose revert is due ${deadlineText(owner.dueUtc, state.timeBox?.fromUtc ?? owner.dueUtc)}: this revert turns it off if that one left it on)`;
	return [
		`WinRM client CredSSP off if the delegation list is then as it was (${list}); an entry added since keeps it on, as it needs it${from}`,
	];
}

/** What the revert takes back, in the admin's words. */
function revertWords(state: FlowState, entry: TimeBox['tasks'][number]): string {
	const {revert} = entry.task;
	if (revert.machine === 'hop1') {
		return [
			...(revert.serverRole ? ['WinRM service CredSSP off'] : []),
			...(revert.httpsListener === undefined
				? []
				: ['the HTTPS listener doublehop created removed']),
		].join(', ');
	}
	return [
		...(revert.addedEntries.length > 0
			? [`${revert.addedEntries.join(', ')} taken out of the delegation list (other entries kept)`]
			: []),
		...switchWords(state, entry, revert),
	].join(', ');
}

/** The next task not yet asked for, or the end. */
function proposeNext(state: FlowState): FlowState {
	const timeBox = state.timeBox;
	const asked = state.log.filter((e) => e.stage === 'time-box' && e.status !== 'info').length;
	const entry = timeBox?.tasks[asked];
	if (timeBox?.atUtc === undefined || timeBox.fromUtc === undefined || entry === undefined)
		return concludeTimeBox(state);
	const machine = machineOf(state, entry);
	const when = deadlineText(timeBox.atUtc, timeBox.fromUtc);
	const command = registerRevertTaskCommand(entry.task, hop1Of(state));
	const change: ChangeRecord = {
		id: `${state.runId}:revert-${entry.task.revert.machine}`,
		stage: 'revert',
		machine,
		setting: 'Scheduled revert task',
		before: 'none',
		after: `${entry.task.taskName} at ${when}`,
		command,
		undo: {
			kind: 'unregister-task',
			taskName: entry.task.taskName,
			atUtc: timeBox.atUtc,
			covers: entry.covers,
			...(entry.hop1 === undefined ? {} : {hop1: entry.hop1}),
		},
		undoCommand: unregisterRevertTaskCommand(entry.task.taskName, entry.hop1),
	};
	return {
		...state,
		proposed: change,
		view: {
			machine,
			sections: [
				{title: 'Now:', lines: [`No doublehop revert task on ${machine}`]},
				{title: 'Will run:', lines: command.split('\n'), kind: 'commands'},
				{
					title: 'After:',
					lines: [
						`At ${when} (in ${durationText(timeBox.minutes)}), as SYSTEM on ${machine}: ${revertWords(state, entry)}; then the task removes itself`,
						`A machine that is off at that time runs it once it is on again, up to ${missedRevertDays} days later (StartWhenAvailable, with the trigger's end boundary)`,
					],
				},
			],
		},
		pending: ask({
			kind: 'confirm',
			id: 'revert',
			question: `Schedule the revert on ${machine}?`,
		}),
	};
}

export function onRevertAnswer(state: FlowState, yes: boolean, auto: boolean): FlowState {
	const change = state.proposed;
	if (change === undefined || change.undo.kind !== 'unregister-task') return state;
	if (yes && state.dryRun) {
		// A dry run plans the task as it plans every change: shown above, listed, not registered.
		const planned = withPlannedChange(state, change);
		return proposeNext({...planned, view: undefined, proposed: undefined});
	}
	if (yes) {
		const entry = state.timeBox?.tasks.find(
			(t) => t.task.taskName === (change.undo as {taskName: string}).taskName,
		);
		if (entry === undefined) return state;
		return {
			...state,
			pending: run(
				'register-revert-task',
				{task: entry.task, ...(entry.hop1 === undefined ? {} : {hop1: entry.hop1})},
				change.machine,
				change.command,
				change,
			),
		};
	}
	const log = addLog(state, {
		status: 'declined',
		title: auto
			? `Not scheduled without --yes --steps revert: CredSSP stays on ${change.machine} until you undo it`
			: `You said no: CredSSP stays on ${change.machine} until you undo it`,
		details: ['Nothing was changed at this step.'],
	});
	return proposeNext({...state, log, view: undefined, proposed: undefined});
}

export function onRevertRegistered(
	state: FlowState,
	result: OperationResult<'register-revert-task'>,
): FlowState {
	const change = state.pending.kind === 'run' ? state.pending.operation.change : undefined;
	if (change === undefined || change.undo.kind !== 'unregister-task') return state;
	const {taskName} = change.undo;
	if (!result.ok) {
		const log = addLog(state, {
			status: 'failed',
			title: `The revert task was not registered on ${change.machine}: CredSSP stays there until you undo it`,
			details: errorDetails(state, result.error),
			error: result.error,
			command: change.command,
		});
		return proposeNext({...state, log, view: undefined, proposed: undefined});
	}
	const log = addLog(state, {
		status: 'changed',
		title: `Scheduled: ${taskName} on ${change.machine}`,
		details: [`Before: ${change.before}`, `After: ${change.after}`, ...undoLine(state, change)],
		machine: change.machine,
		command: change.command,
		output: result.value.output,
	});
	const timeBox = state.timeBox;
	const tasks = (timeBox?.tasks ?? []).map((t) =>
		t.task.taskName === taskName ? {...t, registered: true} : t,
	);
	return proposeNext({
		...state,
		log,
		view: undefined,
		proposed: undefined,
		changes: [...state.changes, change],
		...(timeBox === undefined ? {} : {timeBox: {...timeBox, tasks}}),
	});
}

/** "CredSSP reverts at 21:30 UTC (in 2 h) on hyperv1 and on this machine", or what does not. */
function revertSentences(state: FlowState): string[] {
	const timeBox = state.timeBox;
	if (timeBox?.atUtc === undefined || timeBox.fromUtc === undefined) {
		return timeBox === undefined
			? []
			: ['No revert was scheduled: CredSSP stays until you undo it.'];
	}
	if (state.dryRun) return plannedRevertSentences(state, timeBox);
	const where = (entry: TimeBox['tasks'][number]) => entry.hop1 ?? 'this machine';
	const when = `${deadlineText(timeBox.atUtc, timeBox.fromUtc)} (in ${durationText(timeBox.minutes)})`;
	const registered = timeBox.tasks.filter((t) => t.registered === true).map(where);
	const not = timeBox.tasks.filter((t) => t.registered !== true).map(where);
	// Only the CredSSP changes are time-boxed; a service started or a TrustedHosts or NTLM-only
	// entry added for this run stays until undo, and the summary says so.
	const outside = state.changes
		.filter((c) => c.stage === 'winrm' || c.stage === 'trusted-hosts' || c.stage === 'ntlm-only')
		.map((c) => `${c.setting} on ${c.machine}`);
	return [
		...(registered.length > 0
			? [`CredSSP reverts at ${when} on ${registered.join(' and on ')}`]
			: []),
		...(outside.length > 0
			? [`Not in the time box (until you undo it): ${outside.join('; ')}`]
			: []),
		...(not.length > 0
			? [`No revert is scheduled on ${not.join(' or on ')}: CredSSP stays there until you undo it`]
			: []),
	];
}

/** A dry run's reverts: planned, not registered; a real run counts the deadline from its verify. */
function plannedRevertSentences(state: FlowState, timeBox: TimeBox): string[] {
	const where = (entry: TimeBox['tasks'][number]) => entry.hop1 ?? 'this machine';
	const plannedNames = state.changes.map((c) =>
		c.undo.kind === 'unregister-task' ? c.undo.taskName : '',
	);
	const planned = timeBox.tasks.filter((t) => plannedNames.includes(t.task.taskName)).map(where);
	const not = timeBox.tasks.filter((t) => !plannedNames.includes(t.task.taskName)).map(where);
	return [
		...(planned.length > 0
			? [
					`Planned: a revert task on ${planned.join(' and on ')}, due ${durationText(timeBox.minutes)} after the real run's verify`,
				]
			: []),
		...(not.length > 0
			? [`No revert is planned on ${not.join(' or on ')}: CredSSP would stay there until undone`]
			: []),
	];
}

function concludeTimeBox(state: FlowState): FlowState {
	// A dry run counts its planned changes again: the revert tasks are among them.
	const held = state.dryRun ? dryRunConclusion(state).conclusion : state.timeBox?.conclusion;
	const verdict: Conclusion = held ?? {
		verdict: 'fixed',
		headline: '',
		details: [],
		nextSteps: [],
		leftUndone: [],
	};
	return finish(state, {
		conclusion: {
			...verdict,
			details: [...revertSentences(state), ...verdict.details],
			nextSteps: verdict.nextSteps.map((step) =>
				typeof step !== 'string' && step.say.startsWith('When the work is done')
					? {
							...step,
							say: `${step.say.replace(/:$/, '')} (sooner than the deadline; it removes the revert tasks too):`,
						}
					: step,
			),
		},
	});
}

/**
 * --for on a run that had nothing to change: no revert task is scheduled, so --for changed nothing.
 * Said, with the time box an earlier run's revert tasks (the journal's, on this machine and on this
 * run's first hop) still keep, and how to get another deadline: undo (it removes the tasks), then
 * run again with --for. Moving the tasks' deadline in place is not offered: it would be a change of
 * its own on each machine, with its own undo.
 */
export function timeBoxUnchanged(state: FlowState): string[] {
	const timeBox = state.timeBox;
	if (timeBox === undefined) return [];
	const hop1 = state.inputs.hop1?.toLowerCase();
	const tasks = (state.earlier?.changes ?? []).flatMap((change) =>
		change.undo.kind === 'unregister-task' &&
		(change.undo.hop1 === undefined || change.undo.hop1.toLowerCase() === hop1)
			? [change.undo]
			: [],
	);
	const unchanged = `--for ${durationText(timeBox.minutes)} changed nothing: nothing had to change, so no revert task was scheduled.`;
	const again = `For another deadline: ${state.undoCommand} (it removes the revert tasks too), then run again with --for ${durationFlag(timeBox.minutes)}.`;
	if (tasks.length === 0) {
		const made = (state.earlier?.changes.length ?? 0) > 0;
		return [
			`${unchanged} No earlier time box covers these machines: what is in place stays until it is undone.`,
			...(made
				? [
						`To put it on a clock: ${state.undoCommand}, then run again with --for ${durationFlag(timeBox.minutes)}.`,
					]
				: []),
		];
	}
	const deadlines = [...new Set(tasks.map((task) => task.atUtc))].sort();
	const stands = deadlines.map((atUtc) => {
		const where = tasks
			.filter((task) => task.atUtc === atUtc)
			.map((task) => task.hop1 ?? 'this machine');
		const names = tasks.filter((task) => task.atUtc === atUtc).map((task) => task.taskName);
		// With its date: this run read no clock to tell today from another day.
		return `CredSSP reverts at ${deadlineText(atUtc, '')} on ${where.join(' and on ')} (revert tasks ${names.join(', ')})`;
	});
	return [`${unchanged} The time box of an earlier run stands: ${stands.join('; ')}.`, again];
}
