// --export-dsc and --export-ansible for a run over many first hops: the handover (report/handover/)
// of every host's confirmed (or, in a dry run, planned) change: this machine's delegation list
// merged once for all chosen hosts, and the server role on each host that got it. The generators
// are the ones one host uses; only what they are given differs.
import {allowFresh} from '../operations/set-delegation-list.js';
import type {FleetState} from '../tree/fleet/state.js';
import type {FirstHopHandover, Handover} from './handover/handover.js';

export function handoverFromFleet(state: FleetState): Handover {
	const client = state.client;
	const before = client?.localGpoAllowFreshCredentials ?? client?.allowFreshCredentials ?? [];
	// Each host's entry, in the order the one write appended them.
	const added = state.changes.flatMap((change) =>
		change.undo.kind === 'restore-client' ? change.undo.added : [],
	);
	// The local GPO's switches as they were: every host's record keeps the same (tree/fleet/changes.ts).
	const [switchesBefore] = state.changes.flatMap((change) =>
		change.undo.kind === 'restore-client' && change.undo.switchesBefore !== undefined
			? [change.undo.switchesBefore.localGpo]
			: [],
	);
	const servers = new Set(
		state.changes
			.filter((change) => change.undo.kind === 'disable-server')
			.map((change) => change.machine),
	);
	const touched = new Set(
		state.changes.flatMap((change) => (change.fleetHost ? [change.fleetHost] : [])),
	);
	const firstHops: FirstHopHandover[] = state.hosts
		.filter((row) => touched.has(row.name))
		.map((row) => ({computer: row.name, serverRole: servers.has(row.name)}));
	return {
		client: {
			...(state.local === undefined ? {} : {computer: state.local.computerName}),
			// This machine's stopped WinRM service, started once for every host (tree/fleet/winrm.ts).
			startWinRm: state.changes.some((change) => change.stage === 'winrm'),
			credSspOn: state.changes.some(
				(change) => change.undo.kind === 'restore-client' && !change.undo.enabledBefore,
			),
			lists:
				added.length === 0
					? []
					: [
							{
								list: allowFresh,
								before,
								after: [...before, ...added],
								...(switchesBefore === undefined ? {} : {switchesBefore}),
							},
						],
		},
		firstHops,
		...(state.user === undefined ? {} : {account: state.user}),
		dryRun: state.dryRun,
		notCarried: [],
	};
}
