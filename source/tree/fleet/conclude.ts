// How a run over many first hops ends: each host's result, one verdict for all, and what next.
import type {ErrorRecord} from '../../windows/records.js';
import {quietFailureOn, whatToCheck} from '../quiet-failure.js';
import type {FleetConclusion, FleetHostRow, FleetState, HostResult, HostState} from './state.js';
import {resultCounts, tableLines} from './table.js';
import {counted} from '../../windows/counted.js';

export function print(state: FleetState, lines: string[]): FleetState {
	return {...state, printed: [...state.printed, {id: state.printed.length + 1, lines}]};
}

export function withResult(
	state: FleetState,
	name: string,
	result: HostResult,
	outcome: string,
	error?: ErrorRecord,
): FleetState {
	return {
		...state,
		hosts: state.hosts.map((row) =>
			row.name === name ? {...row, result, outcome, ...(error === undefined ? {} : {error})} : row,
		),
	};
}

/** What a host that got no result on the way ends as. */
const resultOf: Record<HostState, HostResult> = {
	'already-fixed': 'already-fixed',
	'needs-client': 'left-out',
	'needs-server': 'left-out',
	'needs-both': 'left-out',
	blocked: 'blocked',
	unreachable: 'unreachable',
	failed: 'failed',
};

/**
 * One verdict for all, so the exit code covers every host: fixed or already fine only when every
 * host is; needs-changes when the others only wait for a yes; failed or blocked when any host is.
 */
function verdictFor(state: FleetState): FleetConclusion {
	const counts = resultCounts(state.hosts);
	// Counted as failed (the exit code says so), and named on their own: no error said it.
	const quiet = state.hosts.filter((row) => row.quietAnswer !== undefined);
	const total = state.hosts.length;
	const parts = [
		counts.fixed > 0 ? `${counts.fixed} fixed` : '',
		counts['already-fixed'] > 0 ? `${counts['already-fixed']} already working` : '',
		counts.planned > 0 ? `${counts.planned} planned (dry run)` : '',
		counts['left-out'] > 0 ? `${counts['left-out']} left out` : '',
		counts.blocked > 0 ? `${counts.blocked} blocked` : '',
		counts.unreachable > 0 ? `${counts.unreachable} unreachable` : '',
		counts.failed > quiet.length ? `${counts.failed - quiet.length} failed` : '',
		quiet.length > 0 ? `${quiet.length} still failing quietly` : '',
	].filter(Boolean);
	const headline = `${total} first hops: ${parts.join(', ')}`;
	const names = (result: HostResult) =>
		state.hosts.filter((row) => row.result === result).map((row) => row.name);
	const nextSteps = [
		...(counts['left-out'] > 0
			? [`To fix the hosts left out: doublehop --hop1 ${names('left-out').join(',')}`]
			: []),
		...(counts.unreachable > 0
			? [
					`Check WinRM on the hosts not reached (Test-WSMan <name>; on the host: winrm quickconfig): ${names('unreachable').join(', ')}`,
				]
			: []),
		...quietSteps(state, quiet),
		...(counts.blocked > 0
			? [
					`Hosts blocked by policy or setup: see each one's line above: ${names('blocked').join(', ')}`,
				]
			: []),
		...(state.changes.length > 0
			? [
					`To take back one host's changes: ${state.undoCommand} --hop1 <name>; all of them: ${state.undoCommand}`,
				]
			: []),
	];
	const verdict =
		counts.failed + counts.unreachable > 0
			? 'failed'
			: counts.blocked > 0
				? 'blocked'
				: counts['left-out'] + counts.planned > 0
					? 'needs-changes'
					: counts.fixed > 0
						? 'fixed'
						: 'already-fixed';
	// Only a resumed run gets this far with an earlier run cut short (undo ends it at the choice).
	const earlier = state.earlier;
	const details =
		earlier !== undefined && !earlier.finished && earlier.changes.length > 0
			? [
					`Resumed a run started ${earlier.startedAt} that stopped part-way after ${counted(earlier.changes.length, 'change')}: every host was read again, and what was in place was not redone.`,
				]
			: [];
	return {verdict, headline, details, nextSteps};
}

/** What to check where the command still answers False with the credential delegated. */
function quietSteps(state: FleetState, quiet: readonly FleetHostRow[]): string[] {
	if (quiet.length === 0) return [];
	const {hop2, command} = state;
	const reached = quietFailureOn({hop1: quiet[0]!.name, command}, 'False');
	if (reached === undefined) return [];
	return [
		`Your credentials now reach ${hop2} through ${quiet.map((row) => row.name).join(', ')}, and the command still answers False there: ${whatToCheck(reached, state.user ?? '')}.`,
	];
}

/** Every host gets its result, the result table is printed, and the run ends. */
export function concludeFleet(state: FleetState, given?: FleetConclusion): FleetState {
	const hosts = state.hosts.map((row) =>
		row.result !== undefined
			? row
			: {
					...row,
					result: resultOf[row.state],
					outcome:
						given?.verdict === 'interrupted' && resultOf[row.state] === 'left-out'
							? 'not done: interrupted'
							: (row.outcome ?? row.cause),
				},
	);
	const done = {...state, hosts};
	const conclusion = given ?? verdictFor(done);
	const shown = print(done, [
		...tableLines(hosts, 'result', state.width),
		'',
		`Result: ${conclusion.verdict.toUpperCase()}. ${conclusion.headline}`,
		...conclusion.details,
		...conclusion.nextSteps.map((step) => `Next: ${step}`),
	]);
	return {...shown, conclusion, pending: {kind: 'finished'}};
}
