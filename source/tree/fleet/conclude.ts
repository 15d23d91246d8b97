// How a run over many first hops ends: each host's result, one verdict for all, and what next.
import type {ErrorRecord} from '../../windows/records.js';
import {quietFailureOn, whatToCheck} from '../quiet-failure.js';
import type {ChangeRecord, NextStep} from '../state.js';
import type {
	ChangeKind,
	FleetConclusion,
	FleetHostRow,
	FleetState,
	HostResult,
	HostState,
} from './state.js';
import {resultCounts, tableLines} from './table.js';
import {counted} from '../../windows/counted.js';
import {psArgument} from '../../safety/names.js';
import {localTime} from '../earlier-run-words.js';
import type {NotReached} from '../../windows/not-reached.js';

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
	'not-read': 'failed',
};

/** The changes whose call was running: nobody knows which hosts have them. */
export function runningChanges(state: FleetState): readonly ChangeRecord[] {
	const {pending} = state;
	return pending.kind === 'run' && 'changes' in pending.call ? pending.call.changes : [];
}

/** A fleet change in the words of the table's planned-change column. */
const changeWords = (change: ChangeRecord) =>
	change.stage === 'client' ? 'delegation entry' : 'server role';

/**
 * Where a host the run did not finish stands: changed but not verified, read but its change not
 * made, or not read at all. Never "not reached", the words of a host nothing answered on.
 */
function interruptedOutcome(state: FleetState, row: FleetHostRow): string {
	const forHost = (changes: readonly ChangeRecord[]) =>
		changes.filter((change) => change.fleetHost === row.name).map(changeWords);
	const made = forHost(state.changes);
	const running = forHost(runningChanges(state));
	return (
		[
			...(made.length === 0
				? []
				: [
						`${made.join(' + ')} ${state.dryRun ? 'planned, not made (dry run)' : 'made, not verified'}`,
					]),
			...(running.length === 0 ? [] : [`${running.join(' + ')} running: may or may not be made`]),
		].join('; ') ||
		(row.state === 'not-read'
			? 'not read: the run stopped first'
			: `${row.planned} not made: the run stopped first`)
	);
}

/** "23 first hops: 12 fixed, 4 already working, ...": how many ended each way. */
function countsHeadline(hosts: readonly FleetHostRow[]): string {
	const counts = resultCounts(hosts);
	// Counted as failed (the exit code says so), and named on their own: no error said it.
	const quiet = hosts.filter((row) => row.quietAnswer !== undefined).length;
	const parts = [
		counts.fixed > 0 ? `${counts.fixed} fixed` : '',
		counts['already-fixed'] > 0 ? `${counts['already-fixed']} already working` : '',
		counts.planned > 0 ? `${counts.planned} planned (dry run)` : '',
		counts['left-out'] > 0 ? `${counts['left-out']} left out` : '',
		counts.interrupted > 0 ? `${counts.interrupted} interrupted` : '',
		counts.blocked > 0 ? `${counts.blocked} blocked` : '',
		counts.unreachable > 0 ? `${counts.unreachable} unreachable` : '',
		counts.failed > quiet ? `${counts.failed - quiet} failed` : '',
		quiet > 0 ? `${quiet} still failing quietly` : '',
	].filter(Boolean);
	return `${hosts.length} first hops: ${parts.join(', ')}`;
}

/**
 * The undo for one host, written with a real host's name: a `<name>` placeholder pasted unchanged
 * is a parse error in PowerShell ("The '<' operator is reserved for future use").
 */
function oneHostUndo(state: FleetState): NextStep[] {
	const changed = state.changes.find((change) => change.fleetHost !== undefined)?.fleetHost;
	return changed === undefined
		? []
		: [
				{
					say: `To take back one host's changes, name it (here ${changed}):`,
					run: `${state.undoCommand} --hop1 ${changed}`,
				},
			];
}

/**
 * After a dry run, the run that makes what it planned: the same flags without --dry-run, for the
 * hosts it planned; a --json run (no questions) is given --yes and the steps planned, as it had.
 */
function applyStep(state: FleetState): NextStep[] {
	const rows = state.hosts.filter((row) => row.result === 'planned');
	if (rows.length === 0) return [];
	const planned = new Set(state.changes.map((change) => change.stage));
	const steps = (['client', 'server'] as const).filter((kind) => planned.has(kind));
	const yes = state.json === true && steps.length > 0 ? ` --yes --steps ${steps.join(',')}` : '';
	return [
		{
			say: `To make the changes planned, run it again without --dry-run${state.json === true ? '' : ' (each change is asked for again)'}:`,
			run: `${state.applyCommand} --hop1 ${psArgument(rows.map((row) => row.name).join(','))}${yes}`,
		},
	];
}

/** What a host left out without being asked (the run ended first) needs, read from its state. */
const neededFor: Partial<Record<HostState, ChangeKind[]>> = {
	'needs-client': ['client'],
	'needs-server': ['server'],
	'needs-both': ['client', 'server'],
};

/**
 * This run again for the hosts left out: its own flags (the lab and its file, --json, --hop2, ...),
 * so a CI job that runs it as written reaches the same machines; and, where the --json policy left
 * them out, --yes with every step they still need.
 */
function leftOutStep(state: FleetState): NextStep {
	const rows = state.hosts.filter((row) => row.result === 'left-out');
	const needs = new Set(rows.flatMap((row) => row.leftOut?.needs ?? neededFor[row.state] ?? []));
	const steps = (['client', 'server'] as const).filter((kind) => needs.has(kind));
	const yes =
		rows.some((row) => row.leftOut?.byPolicy === true) && steps.length > 0
			? ` --yes --steps ${steps.join(',')}`
			: '';
	// Quoted: PowerShell splits an unquoted a,b into two arguments for doublehop.ps1.
	const list = psArgument(rows.map((row) => row.name).join(','));
	return {
		say: state.dryRun
			? 'To plan the hosts left out too (still a dry run: nothing is changed):'
			: 'To fix the hosts left out:',
		run: `${state.rerunCommand} --hop1 ${list}${yes}`,
	};
}

/**
 * One verdict for all, so the exit code covers every host: fixed or already fine only when every
 * host is; needs-changes when the others only wait for a yes; failed or blocked when any host is.
 */
function verdictFor(state: FleetState): FleetConclusion {
	const counts = resultCounts(state.hosts);
	// Counted as failed (the exit code says so), and named on their own: no error said it.
	const quiet = state.hosts.filter((row) => row.quietAnswer !== undefined);
	const headline = countsHeadline(state.hosts);
	const nextSteps: NextStep[] = [
		...(counts['left-out'] > 0 ? [leftOutStep(state)] : []),
		// A dry run made nothing: no undo, but the command that makes what it planned.
		...(state.dryRun ? applyStep(state) : []),
		...unreachableSteps(state),
		...quietSteps(state, quiet),
		...blockedSteps(state),
		...(!state.dryRun && state.changes.length > 0
			? [...oneHostUndo(state), {say: 'All of them:', run: state.undoCommand}]
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
					`Resumed a run started ${localTime(earlier.startedAt)} that stopped part-way after ${counted(earlier.changes.length, 'change')}: every host was read again, and what was in place was not redone.`,
				]
			: [];
	return {verdict, headline, details, nextSteps};
}

/** Rows that ended `result`, grouped by `key`, in the table's order. */
function groups(
	state: FleetState,
	result: HostResult,
	key: (row: FleetHostRow) => string,
): FleetHostRow[][] {
	const by = new Map<string, FleetHostRow[]>();
	for (const row of state.hosts.filter((row) => row.result === result))
		by.set(key(row), [...(by.get(key(row)) ?? []), row]);
	return [...by.values()];
}

const nameList = (rows: readonly FleetHostRow[]) => rows.map((row) => row.name).join(', ');

/** Where the host's own line is: under the table on the screen, its detail in --json. */
const ownLine = (state: FleetState, many: boolean) =>
	state.json === true
		? `${many ? "each host's" : "the host's"} detail (hosts[].detail)`
		: `${many ? "each host's" : "the host's"} line under the table`;

/** Why no session reached these hosts, and the command that checks it when a host's line has none. */
const notReachedAdvice: Record<
	NotReached,
	{say: (many: boolean) => string; check: (name: string) => string}
> = {
	'no answer': {
		say: () =>
			"Nothing answered on WinRM's port (the computer off or unreachable, the name pointing elsewhere, or a firewall dropping WinRM)",
		check: (name) => `Test-NetConnection -ComputerName ${name} -Port 5985`,
	},
	'not listening': {
		say: (many) =>
			`WinRM refused the connection or is not listening (on ${many ? 'each' : 'it'}: winrm quickconfig)`,
		check: (name) => `Test-WSMan -ComputerName ${name}`,
	},
	'name not found': {
		say: () => 'The name was not found (its spelling, DNS)',
		check: (name) => `Resolve-DnsName ${name}`,
	},
};

/**
 * The hosts not reached, grouped by why (nothing answered, WinRM refused, the name not found),
 * each group with the check its hosts' own lines give: one check for all would contradict them.
 */
function unreachableSteps(state: FleetState): NextStep[] {
	return groups(state, 'unreachable', (row) => row.notReached ?? '').map((rows) => {
		const first = rows[0]!;
		const advice = first.notReached === undefined ? undefined : notReachedAdvice[first.notReached];
		const whom = rows.length === 1 ? 'for it' : 'for the first';
		if (advice === undefined)
			return `Not reached: ${nameList(rows)}; why, and what to check: ${ownLine(state, rows.length > 1)}.`;
		return {
			say: `${advice.say(rows.length > 1)}: ${nameList(rows)}. From here, ${whom}:`,
			run: first.check ?? advice.check(first.name),
		};
	});
}

/**
 * The blocked hosts, grouped by cause (Group Policy, NTLM only, ...), each named with it: --json
 * has no lines to point at, so the cause is said here and the rest is in each host's detail.
 */
function blockedSteps(state: FleetState): NextStep[] {
	return groups(state, 'blocked', (row) => row.cause).map((rows) => {
		const first = rows[0]!;
		const say = `Blocked (${first.cause}): ${nameList(rows)}; what to do: ${ownLine(state, rows.length > 1)}.`;
		if (first.check === undefined) return say;
		return {
			say: `${say} From here, ${rows.length === 1 ? 'for it' : 'for the first'}:`,
			run: first.check,
		};
	});
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

/**
 * Every host gets its result, the result table is printed, and the run ends. An interrupted run
 * is given no headline: it says how many hosts ended each way, as a finished run does.
 */
export function concludeFleet(
	state: FleetState,
	given?: Omit<FleetConclusion, 'headline'> & {headline?: string},
): FleetState {
	const interrupted = given?.verdict === 'interrupted';
	const hosts = state.hosts.map((row) =>
		row.result !== undefined
			? row
			: interrupted && (resultOf[row.state] === 'left-out' || row.state === 'not-read')
				? {...row, result: 'interrupted' as const, outcome: interruptedOutcome(state, row)}
				: row.state === 'not-read'
					? {...row, result: resultOf[row.state], outcome: 'not tried'}
					: {...row, result: resultOf[row.state], outcome: row.outcome ?? row.cause},
	);
	const done = {...state, hosts};
	const conclusion =
		given === undefined
			? verdictFor(done)
			: {...given, headline: given.headline ?? countsHeadline(hosts)};
	const shown = print(done, [
		...tableLines(hosts, 'result', state.width),
		'',
		`Result: ${conclusion.verdict.toUpperCase()}. ${conclusion.headline}`,
		...conclusion.details,
		// A command on a line of its own, as the screen shows commands (`PS>`): cut to fit, not wrapped.
		...conclusion.nextSteps.flatMap((step) =>
			typeof step === 'string' ? [`Next: ${step}`] : [`Next: ${step.say}`, `  PS> ${step.run}`],
		),
		// Where the record of the run is, as one host's summary ends.
		...(state.recordLines === undefined || state.recordLines.length === 0
			? []
			: ['', ...state.recordLines]),
	]);
	return {...shown, conclusion, pending: {kind: 'finished'}};
}
