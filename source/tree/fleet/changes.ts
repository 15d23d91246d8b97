// The two questions of a run over many first hops, each asked once for every host that needs it:
// this machine's delegation list (one merged write for all chosen hosts) and the CredSSP server
// role (on the chosen hosts at once). The admin may leave hosts out by number or name. Each
// host's change is its own ChangeRecord, so it is journalled, reported and undone on its own.
import {keysBeforeDoublehop} from '../keys-before.js';
import {enableClientCredSspCommand} from '../../operations/enable-client-credssp.js';
import {
	enableServerCredSspCommand,
	enableServerCredSspScriptBlock,
} from '../../operations/enable-server-credssp.js';
import {fanOutCommand} from '../../operations/fleet-commands.js';
import {setClientCredSspCommand} from '../../operations/set-client-credssp.js';
import {setDelegationListCommands} from '../../operations/set-delegation-list.js';
import {listText, mergedDelegationList, switchesRead} from '../../windows/delegation.js';
import type {CommandOutput, Outcome} from '../../windows/records.js';
import type {ChangeRecord} from '../state.js';
import {changeOverHttps} from '../transport.js';
import {undoCommandFor} from '../undo-commands.js';
import {concludeFleet, print, withResult} from './conclude.js';
import type {
	ChangeKind,
	FleetAction,
	FleetCall,
	FleetHostRow,
	FleetPending,
	FleetState,
} from './state.js';
import {counted} from '../../windows/counted.js';
import {sameMachine} from '../../windows/host-names.js';

const what: Record<ChangeKind, string> = {
	client: "this machine's delegation list",
	server: 'the CredSSP server role',
};

const clientLabel = (state: FleetState) =>
	state.local === undefined ? 'this machine' : `${state.local.computerName} (this machine)`;
const rowsNamed = (state: FleetState, names: readonly string[]) =>
	state.hosts.filter((row) => names.includes(row.name));
/** The hosts reached only over HTTPS (5986): their fan-out, change and undo say -UseSSL. */
const httpsNames = (state: FleetState) =>
	state.hosts.filter((row) => row.overHttps === true).map((row) => row.name);

/** The entries the chosen hosts need, the list after, and how it is written (one call). */
function clientPlanFor(state: FleetState, names: readonly string[]) {
	const client = state.client!;
	const rows = rowsNamed(state, names);
	const entryRows = rows.filter((row) => row.client?.action === 'enable');
	const before = client.localGpoAllowFreshCredentials ?? client.allowFreshCredentials;
	const after = mergedDelegationList(
		before,
		entryRows.map((row) => row.name),
	);
	// Group Policy turns client CredSSP on: Enable-WSManCredSSP would fail, so only the list is written.
	const onlyDelegation = entryRows.some(
		(row) => row.client?.action === 'enable' && row.client.onlyDelegation,
	);
	// The local GPO list's names had a gap: the list is written whole, then client CredSSP turned on.
	const alsoTurnOn = entryRows.some(
		(row) => row.client?.action === 'enable' && row.client.alsoTurnOn === true,
	);
	const delegateComputers = entryRows.map((row) => row.name);
	const how: Extract<FleetCall, {name: 'write-client'}>['how'] =
		delegateComputers.length === 0
			? {operation: 'set-client-credssp', enabled: true}
			: onlyDelegation
				? {
						operation: 'set-delegation-list',
						values: after,
						...(alsoTurnOn ? {enableClient: true as const} : {}),
					}
				: {operation: 'enable-client-credssp', delegateComputers};
	const command =
		how.operation === 'set-client-credssp'
			? setClientCredSspCommand(true)
			: how.operation === 'set-delegation-list'
				? [
						...setDelegationListCommands(after),
						...(alsoTurnOn ? [setClientCredSspCommand(true)] : []),
					].join('\n')
				: enableClientCredSspCommand(delegateComputers);
	return {client, entryRows, before, after, how, command, onlyDelegation, alsoTurnOn};
}

/** One record per host whose entry is added, and one for the client switch if this turns it on. */
function clientChanges(state: FleetState, plan: ReturnType<typeof clientPlanFor>): ChangeRecord[] {
	const machine = clientLabel(state);
	const clientAfter = {enabled: true, allowFreshCredentials: plan.after};
	// The policy's two switches, which the change sets to 1: back as they were once the last
	// host's entry is taken back, and not before (the other hosts' entries need them).
	const switchesBefore = switchesRead(plan.client);
	const keys = plan.client.delegationKeys;
	const restore = {
		...(switchesBefore === undefined ? {} : {switchesBefore, listBefore: [...plan.before]}),
		// Each host's undo removes an empty key the change made (credentials-list.ts): only the
		// last one taken back finds it empty.
		...(keys === undefined
			? {}
			: {
					keysBefore: keysBeforeDoublehop(
						{parent: keys.parent, list: keys.allowFresh},
						'restore-client',
						state.earlier?.changes,
					),
				}),
	};
	let list = plan.before;
	const records: ChangeRecord[] = plan.entryRows.map((row) => {
		const next = mergedDelegationList(list, [row.name]);
		const added = next.slice(list.length);
		list = next;
		const record = {
			id: `${state.runId}:client:${row.name}`,
			stage: 'client' as const,
			machine,
			setting: `delegation entry for ${row.name} (AllowFreshCredentials)`,
			before: 'not in the list',
			after: listText(added),
			command: plan.command,
			// The switch is its own record: taking one host back leaves it on for the others.
			undo: {kind: 'restore-client' as const, enabledBefore: true, added, ...restore},
			fleetHost: row.name,
		};
		return {...record, undoCommand: undoCommandFor(record, clientAfter)};
	});
	// Group Policy turns it on (the list alone is written): no switch of doublehop's to take back.
	if (plan.client.enabled || (plan.onlyDelegation && !plan.alsoTurnOn)) return records;
	const toggle = {
		id: `${state.runId}:client-switch`,
		stage: 'client' as const,
		machine,
		setting: 'WinRM client CredSSP (WSMan:\\localhost\\Client\\Auth\\CredSSP)',
		before: 'off',
		after: 'on',
		command: plan.command,
		undo: {kind: 'restore-client' as const, enabledBefore: false, added: []},
	};
	return [...records, {...toggle, undoCommand: undoCommandFor(toggle, clientAfter)}];
}

function serverChanges(state: FleetState, names: readonly string[]): ChangeRecord[] {
	const overHttps = httpsNames(state);
	return names.map((name) => {
		const record = {
			id: `${state.runId}:server:${name}`,
			stage: 'server' as const,
			machine: name,
			setting: 'CredSSP server role (WSMan:\\localhost\\Service\\Auth\\CredSSP)',
			before: 'off',
			after: 'on',
			command: enableServerCredSspCommand(name),
			undo: {kind: 'disable-server' as const, hop1: name},
			fleetHost: name,
		};
		const change = {...record, undoCommand: undoCommandFor(record, undefined)};
		return overHttps.includes(name) ? changeOverHttps(change) : change;
	});
}

const numbered = (rows: readonly FleetHostRow[]) =>
	rows.map((row) => `  ${String(row.number).padStart(3)}  ${row.name}`);

export function askHosts(state: FleetState, id: ChangeKind, names: string[]): FleetState {
	const rows = rowsNamed(state, names);
	const count = `${names.length} host${names.length === 1 ? '' : 's'}`;
	const lines =
		id === 'client'
			? (() => {
					const plan = clientPlanFor(state, names);
					return [
						`On ${clientLabel(state)}: one write of the delegation list for ${count}:`,
						...numbered(rows),
						`Now: CredSSP ${plan.client.enabled ? 'on' : 'off'}; list: ${listText(plan.before)}`,
						'Will run:',
						...plan.command.split('\n').map((line) => `  PS> ${line}`),
						`After: CredSSP on; list: ${listText(plan.after)}`,
						...(plan.before.length > 0
							? [`Existing entries are kept, in order: ${listText(plan.before)}`]
							: []),
					];
				})()
			: [
					// One host left (the others left out or done) is no fan-out: said as one.
					`${names.length === 1 ? 'On this host' : `On each of ${count}`}: the CredSSP server role (it lets the host accept your delegated credential):`,
					...numbered(rows),
					names.length === 1 ? 'Will run:' : 'Will run (one PowerShell fans out to all of them):',
					...fanOutCommand(
						names,
						enableServerCredSspScriptBlock,
						state.throttle,
						'Default',
						httpsNames(state),
					)
						.split('\n')
						.map((line) => `  PS> ${line}`),
					`Undo${names.length === 1 ? '' : ', per host'}:`,
					'  PS> Disable-WSManCredSSP -Role Server',
				];
	const these = names.length === 1 ? 'this host' : `these ${count}`;
	const question =
		id === 'client'
			? `Add ${these} to this machine's delegation list?`
			: `Enable the CredSSP server role on ${these}?`;
	// Printed, not kept live: a list of 50 hosts is taller than a window, and Ink redraws
	// (and clears) a live part that does not fit.
	return {
		...print(state, lines),
		offered: {...state.offered, [id]: names},
		pending: {kind: 'ask', prompt: {kind: 'hosts', id, question, hosts: names}},
	};
}

/** The hosts still needing the server role: not left out or failed on the way. */
function serverHosts(state: FleetState): string[] {
	return state.hosts
		.filter((row) => row.result === undefined)
		.filter((row) => row.state === 'needs-server' || row.state === 'needs-both')
		.map((row) => row.name);
}

function startVerify(state: FleetState): FleetState {
	const hosts = state.hosts
		.filter((row) => row.result === undefined)
		.filter((row) => !['blocked', 'unreachable', 'failed'].includes(row.state))
		.map((row) => row.name);
	if (state.dryRun) {
		return concludeFleet(
			hosts.reduce((current, name) => {
				const row = current.hosts.find((candidate) => candidate.name === name);
				return row?.state === 'already-fixed'
					? withResult(current, name, 'already-fixed', 'dry run: nothing to change')
					: withResult(current, name, 'planned', 'dry run: changes planned, none made');
			}, state),
		);
	}
	if (hosts.length === 0) return concludeFleet(state);
	const command = fanOutCommand(hosts, state.command, state.throttle, 'CredSSP', httpsNames(state));
	return {...state, pending: {kind: 'run', call: {name: 'verify', hosts, command}}};
}

/** After the client's question: the server role, then the verify. */
export function afterClient(state: FleetState): FleetState {
	const hosts = serverHosts(state);
	if (hosts.length === 0) return startVerify(state);
	return askHosts(state, 'server', hosts);
}

/**
 * The changes a host left out of `id` still needs: one left out of the delegation list that also
 * needs the server role is not asked about it (the role alone fixes nothing), so it needs both.
 */
function stillNeeded(row: FleetHostRow | undefined, id: ChangeKind): ChangeKind[] {
	return id === 'client' && row?.state === 'needs-both' ? ['client', 'server'] : [id];
}

/** `why` words the reason for each host from the changes it still needs. */
function leaveOut(
	state: FleetState,
	names: readonly string[],
	id: ChangeKind,
	byPolicy: boolean,
	why: (needs: ChangeKind[]) => string,
): FleetState {
	return names.reduce((current, name) => {
		const needs = stillNeeded(
			current.hosts.find((row) => row.name === name),
			id,
		);
		const next = withResult(current, name, 'left-out', why(needs));
		return {
			...next,
			hosts: next.hosts.map((row) =>
				row.name === name ? {...row, leftOut: {needs, byPolicy}} : row,
			),
		};
	}, state);
}

/** Which hosts to leave out of this change, asked again with what was wrong in the last answer. */
function askLeaveOut(id: ChangeKind, error?: string, typed?: string): FleetPending {
	return {
		kind: 'ask',
		prompt: {
			kind: 'leave-out',
			id,
			label:
				'Leave out which hosts? Their numbers or names from the list, e.g. 3,7 or hv07 (Enter: none)',
			...(error === undefined ? {} : {error}),
			...(typed === undefined ? {} : {typed}),
		},
	};
}

export function onHostsAnswer(
	state: FleetState,
	id: ChangeKind,
	answer: 'yes' | 'no' | 'some',
	auto: boolean,
): FleetState {
	const names = state.offered[id] ?? [];
	if (answer === 'some') {
		return {
			...state,
			pending: askLeaveOut(id),
		};
	}
	if (answer === 'no') {
		const why = (needs: ChangeKind[]) =>
			auto
				? `not made without --yes --steps ${needs.join(',')}: ${needs.map((kind) => what[kind]).join(' and ')}`
				: `you said no to ${what[id]}`;
		const next = print(leaveOut(state, names, id, auto, why), [
			`Not changed: ${what[id]} for ${counted(names.length, 'host')} (${auto ? `not in --steps` : 'you said no'}).`,
		]);
		return id === 'client' ? afterClient(next) : startVerify(next);
	}
	if (id === 'client') {
		const plan = clientPlanFor(state, names);
		const changes = clientChanges(state, plan);
		if (state.dryRun) {
			const planned = changes.map((change) => ({...change, dryRun: true}));
			return afterClient(
				print({...state, changes: [...state.changes, ...planned]}, [
					`Dry run: would change the delegation list on ${clientLabel(state)}: ${listText(plan.after)}`,
				]),
			);
		}
		return {
			...state,
			pending: {
				kind: 'run',
				call: {name: 'write-client', how: plan.how, command: plan.command, changes},
			},
		};
	}
	const changes = serverChanges(state, names);
	if (state.dryRun) {
		const planned = changes.map((change) => ({...change, dryRun: true}));
		return startVerify(
			print({...state, changes: [...state.changes, ...planned]}, [
				`Dry run: would enable the CredSSP server role on ${counted(names.length, 'host')}.`,
			]),
		);
	}
	const command = fanOutCommand(
		names,
		enableServerCredSspScriptBlock,
		state.throttle,
		'Default',
		httpsNames(state),
	);
	return {
		...state,
		pending: {kind: 'run', call: {name: 'enable-servers', hosts: names, command, changes}},
	};
}

/** Numbers or names typed to leave out: each must be one of the hosts in the question. */
export function onLeaveOut(state: FleetState, id: ChangeKind, text: string): FleetState {
	const offered = rowsNamed(state, state.offered[id] ?? []);
	const tokens = text.split(/[\s,;]+/).filter(Boolean);
	const left = new Set<string>();
	const unknown: string[] = [];
	for (const token of tokens) {
		const row = offered.find(
			(candidate) => String(candidate.number) === token || sameMachine(candidate.name, token),
		);
		if (row === undefined) unknown.push(token);
		else left.add(row.name);
	}
	// Every token not listed is named, and the answer comes back to mend, not to retype.
	if (unknown.length > 0) {
		const named = [...new Set(unknown)].map((token) => `"${token}"`);
		const verb = named.length === 1 ? 'is not one of' : 'are not among';
		return {
			...state,
			pending: askLeaveOut(
				id,
				`${named.join(', ')} ${verb} the hosts listed (${offered.map((r) => r.number).join(', ')}). Type their numbers or names.`,
				text,
			),
		};
	}
	const remaining = offered.map((row) => row.name).filter((name) => !left.has(name));
	const next =
		left.size === 0
			? state
			: print(
					leaveOut(state, [...left], id, false, () => `you left it out of ${what[id]}`),
					[
						`Left out of ${what[id]}: ${[...left].join(', ')}. ${left.size === 1 ? 'It stays as it is' : 'They stay as they are'}.`,
					],
				);
	if (remaining.length === 0) return id === 'client' ? afterClient(next) : startVerify(next);
	return askHosts(next, id, remaining);
}

/** This machine's one write is done: every chosen host's entry is in, or every one failed. */
export function clientWrite(state: FleetState, result: Outcome<CommandOutput>): FleetState {
	const call = state.pending.kind === 'run' ? state.pending.call : undefined;
	if (call?.name !== 'write-client') return state;
	const names = state.offered.client ?? [];
	if (!result.ok) {
		const reason = result.error.message.split('\n')[0] ?? '';
		const failed = names.reduce(
			(current, name) =>
				withResult(current, name, 'failed', `delegation list not written: ${reason}`, result.error),
			state,
		);
		return afterClient(print(failed, [`The delegation list was not written: ${reason}`]));
	}
	const next = print({...state, changes: [...state.changes, ...call.changes]}, [
		`Changed the delegation list on ${clientLabel(state)} for ${counted(names.length, 'host')}.`,
		...call.changes.map((change) => `  ${change.setting}: ${change.after}`),
	]);
	return afterClient(next);
}

export function onServersDone(
	state: FleetState,
	action: Extract<FleetAction, {type: 'call-done'; name: 'enable-servers'}>,
): FleetState {
	const call = state.pending.kind === 'run' ? state.pending.call : undefined;
	if (call?.name !== 'enable-servers') return state;
	let next = state;
	const done: ChangeRecord[] = [];
	for (const change of call.changes) {
		const name = change.fleetHost ?? '';
		const outcome = action.result[name];
		if (outcome?.ok) {
			done.push(change);
			continue;
		}
		const reason =
			outcome === undefined ? 'no answer' : (outcome.error.message.split('\n')[0] ?? '');
		next = withResult(
			next,
			name,
			'failed',
			`server role not enabled: ${reason}`,
			outcome?.ok === false ? outcome.error : undefined,
		);
	}
	next = print({...next, changes: [...next.changes, ...done]}, [
		`Enabled the CredSSP server role on ${done.length} of ${counted(call.changes.length, 'host')}.`,
	]);
	return startVerify(next);
}
