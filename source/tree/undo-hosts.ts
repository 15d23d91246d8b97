// Which first hop each change still in place was made for, so `undo --hop1 <host>` takes back that
// host's changes whichever run made them, and `doublehop undo` can name every host it covers.
// A run over many first hops records the host on each change (fleetHost); a run for one first hop
// made all its changes for its --hop1 (EarlierRun.madeFor, from the journal). What serves every
// host (this machine's client CredSSP switch, its WinRM service) belongs to none of them.
import {listText, mergedDelegationList} from '../windows/delegation.js';
import {setClientCredSspCommand} from '../operations/set-client-credssp.js';
import {counted} from '../windows/counted.js';
import {sameMachine} from '../windows/host-names.js';
import type {ChangeRecord, EarlierRun, NextStep, OthersLeft} from './state.js';
import {undoCommandFor} from './undo-commands.js';

/** The first hop a change was made for; undefined for what serves every host. */
function hostOf(earlier: Pick<EarlierRun, 'madeFor'>, change: ChangeRecord): string | undefined {
	return change.fleetHost ?? earlier.madeFor?.[change.id];
}

/** Each first hop with changes in place, once (a short and a full name are one host). */
export function hostsOf(earlier: Pick<EarlierRun, 'madeFor' | 'changes'>): string[] {
	const hosts: string[] = [];
	for (const change of earlier.changes) {
		const host = hostOf(earlier, change);
		if (host !== undefined && !hosts.some((known) => sameMachine(known, host))) hosts.push(host);
	}
	return hosts;
}

/**
 * The client change of a one-host run turned client CredSSP on and added that host's entries. Taken
 * back for that host alone while another host's entries stay, only its entries go: the switch stays
 * on for the others (as a run over many first hops records it apart, tree/fleet/changes.ts). The
 * journal marks this part undone under its own id (entriesPartId), and keeps the switch open.
 */
const entriesPart = '/entries';

const entriesPartId = (id: string) => `${id}${entriesPart}`;

/** The change an id names: a part's id names its whole change. */
export const wholeId = (id: string) =>
	id.endsWith(entriesPart) ? id.slice(0, -entriesPart.length) : id;

/** Whether the change turned the client switch on along with its entries (and so can be split). */
function turnedSwitchOn(change: ChangeRecord): boolean {
	const {undo} = change;
	return (
		change.fleetHost === undefined &&
		undo.kind === 'restore-client' &&
		!undo.enabledBefore &&
		undo.added.length > 0
	);
}

/** The entries alone, for `host`: taken back, the switch stays on (and open in the journal). */
function entriesOnly(change: ChangeRecord, host: string): ChangeRecord {
	if (change.undo.kind !== 'restore-client') return change;
	const undo = {...change.undo, enabledBefore: true};
	// The list as the change left it: what its undo is worded from until the client is read.
	const after = mergedDelegationList(change.undo.listBefore ?? [], change.undo.added);
	return {
		...change,
		id: entriesPartId(change.id),
		setting: `delegation ${change.undo.added.length === 1 ? 'entry' : 'entries'} for ${host} (AllowFreshCredentials)`,
		before: 'not in the list',
		after: listText(change.undo.added),
		undo,
		undoCommand: undoCommandFor({undo}, {enabled: true, allowFreshCredentials: after}),
	};
}

/** What is left of such a change once its entries are taken back: the switch, for every host. */
export function switchLeft(change: ChangeRecord): ChangeRecord {
	return {
		...change,
		setting: 'WinRM client CredSSP (WSMan:\\localhost\\Client\\Auth\\CredSSP)',
		before: 'off',
		after: 'on',
		undo: {kind: 'restore-client', enabledBefore: false, added: []},
		undoCommand: setClientCredSspCommand(false),
	};
}

/**
 * `undo --hop1 a,b`: the changes made for those hosts (by full or short name), whichever run made
 * them; undefined when none is. What serves every host goes with the last host's changes; while
 * another host's delegation entries stay, a one-host run's client change gives up its entries only.
 */
export function changesForHosts(
	earlier: EarlierRun,
	hosts: readonly string[],
	undoAll = 'doublehop undo',
): EarlierRun | undefined {
	const hostIn = (change: ChangeRecord) => hostOf(earlier, change);
	const chosen = (change: ChangeRecord) => {
		const host = hostIn(change);
		return host !== undefined && hosts.some((name) => sameMachine(name, host));
	};
	if (!earlier.changes.some(chosen)) return undefined;
	const others = earlier.changes.filter(
		(change) => !chosen(change) && hostIn(change) !== undefined,
	);
	const lastHost = others.length === 0;
	const entriesStay = others.some(
		(change) => change.undo.kind === 'restore-client' && change.undo.added.length > 0,
	);
	const changes = earlier.changes
		.filter((change) => chosen(change) || (lastHost && hostIn(change) === undefined))
		.map((change) =>
			entriesStay && chosen(change) && turnedSwitchOn(change)
				? entriesOnly(change, hostIn(change)!)
				: change,
		);
	// The ids the journal had (a part's, for a change split) stay as they are.
	const kept = (ids: readonly string[] | undefined) =>
		changes.flatMap((change) => (ids?.includes(wholeId(change.id)) ? [change.id] : []));
	const maybeMade = kept(earlier.maybeMade);
	const undoCut = kept(earlier.undoCut);
	const madeFor = Object.fromEntries(
		changes.flatMap((change) => {
			const host = hostIn({...change, id: wholeId(change.id)});
			return host === undefined ? [] : [[change.id, host]];
		}),
	);
	const hop1 = changes.map((change) => madeFor[change.id]).findLast(Boolean);
	const {maybeMade: _all, undoCut: _cut, madeFor: _hosts, hop1: _hop1, ...rest} = earlier;
	const othersLeft = lastHost ? undefined : leftForOthers(earlier, others, changes, undoAll);
	return {
		...rest,
		...(othersLeft === undefined ? {} : {othersLeft}),
		...(hop1 === undefined ? {} : {hop1}),
		changes,
		...(Object.keys(madeFor).length === 0 ? {} : {madeFor}),
		...(maybeMade.length === 0 ? {} : {maybeMade}),
		...(undoCut.length === 0 ? {} : {undoCut}),
	};
}

/**
 * What an undo of some hosts leaves: the other hosts' changes, and what serves every host (not
 * taken, or a one-host run's client switch kept on while its entries go).
 */
function leftForOthers(
	earlier: EarlierRun,
	others: readonly ChangeRecord[],
	taken: readonly ChangeRecord[],
	undoAll: string,
): OthersLeft {
	const byHost = hostsOf({...earlier, changes: [...others]}).map((host) => ({
		host,
		changes: others.filter((change) => sameMachine(hostOf(earlier, change) ?? '', host)).length,
	}));
	const entriesTaken = new Set(
		taken.filter((change) => change.id.endsWith(entriesPart)).map((c) => wholeId(c.id)),
	);
	const shared = earlier.changes
		.filter((change) => hostOf(earlier, change) === undefined || entriesTaken.has(change.id))
		.map((change) => {
			const left = entriesTaken.has(change.id) ? switchLeft(change) : change;
			return `${left.setting} on ${left.machine}`;
		});
	return {hosts: byHost, shared, undoAll};
}

/**
 * Said at the end of an undo of some hosts: what it left for the others, and the undo for all.
 */
export function othersLeftParts(othersLeft: OthersLeft | undefined): {
	details: string[];
	nextSteps: NextStep[];
} {
	if (othersLeft === undefined) return {details: [], nextSteps: []};
	const {hosts, shared} = othersLeft;
	return {
		details: [
			...(hosts.length === 0
				? []
				: [
						`Left in place for the other first hops: ${hosts.map(({host, changes}) => `${host} (${counted(changes, 'change')})`).join(', ')}`,
					]),
			...(shared.length === 0
				? []
				: [
						`Left in place for every first hop, taken back with the last one's changes: ${shared.join('; ')}`,
					]),
		],
		nextSteps: [
			{
				say:
					shared.length === 0
						? 'To take back the rest:'
						: 'To take back the rest, with what serves every first hop:',
				run: othersLeft.undoAll,
			},
		],
	};
}

/**
 * One line per first hop, for an undo that takes back more than one host's changes: which changes
 * are whose, counted; what serves every host on a line of its own.
 */
export function perHostLines(earlier: Pick<EarlierRun, 'madeFor' | 'changes'>): string[] {
	const hosts = hostsOf(earlier);
	const of = (host: string | undefined) =>
		earlier.changes.filter((change) => {
			const own = hostOf(earlier, change);
			return host === undefined ? own === undefined : own !== undefined && sameMachine(own, host);
		});
	const line = (name: string, changes: readonly ChangeRecord[]) =>
		`${name} (${counted(changes.length, 'change')}): ${changes.map((change) => `${change.setting} on ${change.machine}`).join('; ')}`;
	const shared = of(undefined);
	return [
		...hosts.map((host) => line(`For ${host}`, of(host))),
		...(shared.length === 0 ? [] : [line('Not tied to one first hop', shared)]),
	];
}
