// "Turn CredSSP off": once a safer method is proven where CredSSP already carried the command
// (credssp-today.ts), each side CredSSP was set up on before doublehop is offered for turning off,
// each at its own yes, the exact command shown: this machine's wsman/<hop1> entry alone (never
// Disable-WSManCredSSP -Role Client, which deletes every wsman/ entry), and hop 1's server role.
// Each is a change like any other: journalled with its exact undo, listed at the end, taken back by
// `doublehop undo`. A no changes nothing and keeps the advice. Only a run with a terminal asks:
// --json and --dry-run end with the advice (credssp-still-on.ts).
import {disableServerCredSspCommand} from '../operations/disable-server-credssp.js';
import {enableServerCredSspCommand} from '../operations/enable-server-credssp.js';
import {setDelegationListCommands} from '../operations/set-delegation-list.js';
import {listText} from '../windows/delegation.js';
import {addLog, ask, changeView, clientName, errorDetails, finish, hop1Of, run} from './common.js';
import {
	hopEntries,
	restoreEntryCommand,
	wildcardLine,
	withoutEntryWrite,
} from './credssp-off-client.js';
import {madeByDoublehop} from './credssp-still-on.js';
import {withChangeLogged} from './planned-change.js';
import type {
	ChangeRecord,
	ConfirmId,
	CredSspOff,
	FlowState,
	OperationResult,
	StageView,
} from './state.js';

type Side = 'client' | 'server';

/**
 * The sides to offer: set up before doublehop (an earlier run's own keep its guided undo, which
 * puts them back exactly as that run found them), not owned by Group Policy (its owner's to turn
 * off), and, for this machine, with the exact wsman/<hop1> entry to take out.
 */
function offers(state: FlowState): Side[] {
	const {client, server} = state.facts;
	const hop1 = hop1Of(state);
	const made = madeByDoublehop(state);
	const sides: Side[] = [];
	if (
		!made.client &&
		client !== undefined &&
		client.policyAllowCredSsp === undefined &&
		client.policyDelegation === undefined &&
		hopEntries(client, hop1).exact !== undefined
	)
		sides.push('client');
	if (!made.server && server?.enabled === true && server.policyAllowCredSsp === undefined)
		sides.push('server');
	return sides;
}

/**
 * A run that just finished with its safer method proven over CredSSP: the turn-off step instead,
 * when there is a side to offer and someone at the terminal to answer. Its end is the method's.
 */
export function withCredSspOffStep(state: FlowState): FlowState {
	const off = state.credSspOff;
	if (state.pending.kind !== 'finished' || off === undefined || off.asked === true) return state;
	const {verdict} = off.ended;
	if (verdict !== 'fixed' && verdict !== 'already-fixed') return state;
	if (state.json === true || state.dryRun || state.mode !== 'fix') return state;
	const asking = offers(state);
	if (asking.length === 0) return state;
	const {conclusion: _conclusion, ...rest} = state;
	return askNext({...rest, stage: 'credssp-off', credSspOff: {...off, asked: true, asking}});
}

function askNext(state: FlowState): FlowState {
	const off = state.credSspOff;
	const side = off?.asking[0];
	if (off === undefined) return state;
	if (side === undefined)
		return finish({...state, view: undefined, proposed: undefined}, {conclusion: off.ended});
	return side === 'client' ? askClient(state) : askServer(state);
}

function askClient(state: FlowState): FlowState {
	const client = state.facts.client;
	const hop1 = hop1Of(state);
	const {exact, wildcard} = client === undefined ? {} : hopEntries(client, hop1);
	if (client === undefined || exact === undefined) return nextSide(state, 'client', 'kept');
	const listBefore = [...(client.localGpoAllowFreshCredentials ?? client.allowFreshCredentials)];
	const write = withoutEntryWrite(client, exact);
	const undo = {
		kind: 'restore-delegation-entry' as const,
		entry: exact,
		index: listBefore.findIndex((entry) => entry.toLowerCase() === exact.toLowerCase()),
		listBefore,
	};
	const commands = setDelegationListCommands(
		write.values,
		write.switches,
		write.hklm,
		write.keysBefore,
	);
	const change: ChangeRecord = {
		id: `${state.runId}:credssp-off-client`,
		stage: 'credssp-off',
		machine: clientName(state),
		setting: `delegation entry ${exact}`,
		before: `list: ${listText(listBefore)}`,
		after: `list: ${listText(write.values)}`,
		command: commands.join('\n'),
		undo,
		undoCommand: restoreEntryCommand(
			{enabled: client.enabled, allowFreshCredentials: write.values},
			undo,
		),
	};
	const base = changeView(
		clientName(state),
		[`Delegation list: ${listText(listBefore)}`],
		commands,
		[
			`Delegation list after: ${listText(write.values)}`,
			`Only ${exact} goes; every other entry stays (Disable-WSManCredSSP -Role Client would delete every wsman/ entry). Undo puts it back where it was.`,
		],
	);
	const view: StageView =
		wildcard === undefined
			? base
			: {
					...base,
					sections: [
						...base.sections,
						{title: 'Note:', lines: [wildcardLine(wildcard, hop1)], kind: 'warning'},
					],
				};
	return proposed(
		state,
		view,
		change,
		'credssp-off-client',
		`Take ${exact} out of this machine's delegation list?`,
	);
}

function askServer(state: FlowState): FlowState {
	const hop1 = hop1Of(state);
	const change: ChangeRecord = {
		id: `${state.runId}:credssp-off-server`,
		stage: 'credssp-off',
		machine: hop1,
		setting: 'WinRM service CredSSP',
		before: 'on',
		after: 'off',
		command: disableServerCredSspCommand(hop1),
		undo: {kind: 'enable-server', hop1, ...(state.useSsl === true ? {useSsl: true} : {})},
		undoCommand: enableServerCredSspCommand(hop1),
	};
	const view: StageView = {
		machine: hop1,
		sections: [
			{title: 'Now:', lines: [`${hop1} accepts CredSSP (WinRM service), set up before doublehop.`]},
			{
				title: 'Before you answer:',
				lines: [
					`Other clients may rely on ${hop1} accepting CredSSP: doublehop cannot see who connects to it with -Authentication CredSSP. Say yes only if nothing else needs it.`,
				],
				kind: 'warning',
			},
			{title: 'Will run:', lines: [change.command], kind: 'commands'},
			{title: 'After:', lines: [`${hop1} refuses CredSSP. Undo: ${change.undoCommand}`]},
		],
	};
	return proposed(state, view, change, 'credssp-off-server', `Stop ${hop1} accepting CredSSP?`);
}

/** A side's change shown and asked for, at its own yes. */
function proposed(
	state: FlowState,
	view: StageView,
	change: ChangeRecord,
	id: 'credssp-off-client' | 'credssp-off-server',
	question: string,
): FlowState {
	return {...state, view, proposed: change, pending: ask({kind: 'confirm', id, question})};
}

/** The side answered: recorded, and the next one asked (or the run ends). */
function nextSide(state: FlowState, side: Side, how: 'off' | 'kept' | 'failed'): FlowState {
	const off = state.credSspOff;
	if (off === undefined) return state;
	const next: CredSspOff = {...off, [side]: how, asking: off.asking.filter((s) => s !== side)};
	return askNext({...state, view: undefined, proposed: undefined, credSspOff: next});
}

const sideOf = (id: ConfirmId): Side => (id === 'credssp-off-client' ? 'client' : 'server');

export function onCredSspOffAnswer(state: FlowState, id: ConfirmId, yes: boolean): FlowState {
	const change = state.proposed;
	const side = sideOf(id);
	if (!yes || change === undefined) {
		const log = addLog(state, {
			status: 'declined',
			title: `You said no: ${change?.setting ?? 'CredSSP'} on ${change?.machine ?? hop1Of(state)} stays as it is`,
			details: ['Nothing was changed at this step.'],
		});
		return nextSide({...state, log}, side, 'kept');
	}
	const client = state.facts.client;
	if (side === 'server')
		return {
			...state,
			pending: run(
				'disable-server-credssp',
				{hop1: hop1Of(state)},
				change.machine,
				change.command,
				change,
			),
		};
	const entry = change.undo.kind === 'restore-delegation-entry' ? change.undo.entry : '';
	if (client === undefined) return nextSide(state, side, 'kept');
	return {
		...state,
		pending: run(
			'remove-delegation-entry',
			withoutEntryWrite(client, entry),
			change.machine,
			change.command,
			change,
		),
	};
}

export function onCredSspOffDone(
	state: FlowState,
	result: OperationResult<'remove-delegation-entry' | 'disable-server-credssp'>,
): FlowState {
	const operation = state.pending.kind === 'run' ? state.pending.operation : undefined;
	const change = operation?.change;
	if (operation === undefined || change === undefined) return state;
	const side: Side = operation.name === 'remove-delegation-entry' ? 'client' : 'server';
	if (!result.ok) {
		const log = addLog(state, {
			status: 'failed',
			title: `The change failed on ${change.machine}: ${change.setting} stays as it was`,
			details: errorDetails(state, result.error),
			error: result.error,
			command: change.command,
		});
		return nextSide({...state, log}, side, 'failed');
	}
	const logged = withChangeLogged(state, change, {
		status: 'changed',
		title: `Changed ${change.setting} on ${change.machine}`,
		output: result.value.output,
	});
	return nextSide(logged, side, 'off');
}
