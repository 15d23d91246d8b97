// A run over many first hops as a reducer: (state, action) -> state, no I/O. It reads this
// machine, then every host at once, shows one table, asks once per kind of change (this
// machine's delegation list for all chosen hosts in one write; the server role on the chosen
// hosts), then verifies each host. A host that fails is marked and the others go on.
import {checkUserName} from '../../safety/names.js';
import {fanOutCommand} from '../../operations/fleet-commands.js';
import {probeSeconds} from '../../hosts/port-probe.js';
import {describeError} from '../describe-error.js';
import {
	quietFailureLines,
	quietFailureOn,
	whatToCheck,
	type QuietFailure,
} from '../quiet-failure.js';
import type {FleetAction, FleetHostRow, FleetPending, FleetState, HostResult} from './state.js';
import type {ClientCredSsp} from '../../windows/records.js';
import type {HostSurvey, PerHost} from '../../operations/fleet-fan-out.js';
import {rowFor} from './survey.js';
import {onSpnRead, readNextSpn, spnReadsFor, spnReadsIntro} from './spn.js';
import {
	afterClient,
	askHosts,
	clientWrite,
	onHostsAnswer,
	onLeaveOut,
	onServersDone,
} from './changes.js';
import {concludeFleet, print, runningChanges, withResult} from './conclude.js';
import {tableLines} from './table.js';
import {offerEarlierFleetRun, onEarlierChoice} from './earlier.js';
import type {EarlierRun} from '../state.js';
import {checkLocalWinRM, onWinRMChoice, onWinRMStarted} from './winrm.js';
import {counted, itOrThem} from '../../windows/counted.js';
import {localTime} from '../earlier-run-words.js';

export type FleetOptions = {
	hosts: string[];
	hop2: string;
	command: string;
	user?: string;
	defaultUser: string;
	runId: string;
	dryRun: boolean;
	throttle: number;
	undoCommand: string;
	/** e.g. "doublehop --json --password-stdin --lab fleet" (cli/run-setup.ts). */
	rerunCommand?: string;
	/** The same without --dry-run (cli/run-setup.ts): a dry run's changes are made by it. */
	applyCommand?: string;
	/** The terminal's width, for the table of hosts. */
	width?: number;
	/** A --json run (its advice names the document's fields). */
	json?: boolean;
	/** What an earlier run left in place, from the journal (cli/run-setup.ts). */
	earlier?: EarlierRun;
	/** "Transcript: <path>" and the like: the files this run writes, named at its end. */
	recordLines?: string[];
};

export function initialFleetState(options: FleetOptions): FleetState {
	return {
		runId: options.runId,
		dryRun: options.dryRun,
		throttle: options.throttle,
		hop2: options.hop2,
		command: options.command,
		...(options.user === undefined ? {} : {user: options.user}),
		defaultUser: options.defaultUser,
		undoCommand: options.undoCommand,
		rerunCommand: options.rerunCommand ?? 'doublehop',
		applyCommand: options.applyCommand ?? options.rerunCommand ?? 'doublehop',
		...(options.width === undefined ? {} : {width: options.width}),
		...(options.json === true ? {json: true as const} : {}),
		...(options.earlier === undefined ? {} : {earlier: options.earlier}),
		...(options.recordLines === undefined ? {} : {recordLines: options.recordLines}),
		hosts: options.hosts.map((name, index) => ({
			number: index + 1,
			name,
			state: 'not-read',
			cause: 'not read yet',
			planned: 'none',
		})),
		printed: [],
		pending: {kind: 'run', call: {name: 'local-context'}},
		offered: {},
		changes: [],
	};
}

const ask = (prompt: Extract<FleetPending, {kind: 'ask'}>['prompt']): FleetPending => ({
	kind: 'ask',
	prompt,
});

/**
 * The account, then this machine's WinRM service started when it is stopped (the account first,
 * so the journal's run names it for undo), then the password, which goes nowhere before it.
 */
function askCredential(state: FleetState): FleetState {
	if (state.user === undefined) {
		return {
			...state,
			pending: ask({
				kind: 'text',
				field: 'user',
				label: 'User name (DOMAIN\\user), the same account on every host',
				initial: state.defaultUser,
			}),
		};
	}
	return checkLocalWinRM(state, askPassword);
}

const askPassword = (state: FleetState): FleetState => ({
	...state,
	pending: ask({kind: 'password', label: `Password for ${state.user ?? ''}`}),
});

// Hosts tried one at a time for a logon before the rest are read together: a host that does not
// answer says nothing about the password, so the next is tried, up to this many.
const singleLogonTries = 3;

/**
 * The next hosts to read. Until one host has taken the password, one host at a time: the domain
 * counts every wrong password against the account, whichever host it was sent to, so a wrong
 * password sent to 23 hosts at once could lock the account out (the CIS benchmarks ask for a
 * lockout threshold of 10 or fewer) before anyone saw a single refusal.
 */
function surveyNext(state: FleetState, client: ClientCredSsp): FleetState {
	const surveyed = state.surveyed ?? {};
	const left = state.hosts.map((row) => row.name).filter((name) => !(name in surveyed));
	if (left.length === 0) {
		const hosts: FleetHostRow[] = state.hosts.map((row) =>
			rowFor(row, surveyed[row.name], client, state),
		);
		const {surveyed: _surveyed, ...rest} = state;
		// Each host that needs CredSSP has its WSMAN SPNs read before the table (spn.ts).
		const read = {...rest, hosts, spnReads: spnReadsFor(state, hosts, surveyed)};
		return readNextSpn(spnReadsIntro(read), afterSurvey);
	}
	const together = state.passwordTaken === true || Object.keys(surveyed).length >= singleLogonTries;
	return {
		...state,
		pending: {kind: 'run', call: {name: 'survey', hosts: together ? left : [left[0]!]}},
	};
}

function startSurvey(state: FleetState): FleetState {
	const names = state.hosts.map((row) => row.name);
	const {surveyed: _surveyed, ...fresh} = state;
	const shown = {
		...print(fresh, [
			`Reading ${names.length} first hops, at most ${state.throttle} sessions at once:`,
			...fanOutCommand(names, 'Get-Item WSMan:\\localhost\\Service\\Auth\\CredSSP', state.throttle)
				.split('\n')
				.map((line) => `PS> ${line}`),
			// The port look, as for one host (hosts/port-probe.ts).
			`First WinRM's ports 5985 and 5986 of each host are looked at (${probeSeconds} s at most): a host where neither answers is not tried, one that answers only on 5986 is read with -UseSSL.`,
			...(state.passwordTaken === true || names.length === 1
				? []
				: [
						'The password is tried on one host first; the others are read once a host takes it, so a wrong password is not sent to all of them.',
					]),
		]),
	};
	return state.client === undefined ? shown : surveyNext(shown, state.client);
}

function afterSurvey(state: FleetState): FleetState {
	const shown = print(state, tableLines(state.hosts, 'state', state.width));
	const details = state.hosts.filter((row) => row.detail !== undefined);
	const withDetails =
		details.length === 0
			? shown
			: print(
					shown,
					// The check on a line of its own: cut as a command at any width, to paste whole.
					details.flatMap((row) => [
						`${row.number} ${row.name}: ${row.detail}`,
						...(row.check === undefined
							? []
							: [`${' '.repeat(`${row.number} `.length)}PS> ${row.check}`]),
					]),
				);
	const clientHosts = state.hosts
		.filter((row) => row.state === 'needs-client' || row.state === 'needs-both')
		.map((row) => row.name);
	if (clientHosts.length === 0) return afterClient(withDetails);
	return askHosts(withDetails, 'client', clientHosts);
}

function onVerifyDone(
	state: FleetState,
	action: Extract<FleetAction, {type: 'call-done'; name: 'verify'}>,
): FleetState {
	let next = state;
	for (const row of state.hosts) {
		const outcome = action.result[row.name];
		if (outcome === undefined) continue;
		const quiet = outcome.ok
			? quietFailureOn({hop1: row.name, command: state.command}, outcome.value.output)
			: undefined;
		if (quiet?.answer === 'False') {
			next = stillFalseOn(next, row, quiet);
			continue;
		}
		if (outcome.ok) {
			const result: HostResult = row.state === 'already-fixed' ? 'already-fixed' : 'fixed';
			// As for one host (tree/verify.ts): nothing printed may be nothing to list.
			const silent =
				quiet?.answer === 'nothing'
					? '; it printed nothing and no error: with nothing to list that is expected; to be sure no error was silenced, run it with -ErrorAction Stop'
					: '';
			next = withResult(
				next,
				row.name,
				result,
				`${state.command} works with -Authentication CredSSP${silent}`,
			);
			continue;
		}
		const explained = describeError(outcome.error, {
			hop1: row.name,
			hop2: state.hop2,
			command: state.command,
		});
		next = withResult(
			next,
			row.name,
			'failed',
			`still failing with CredSSP: ${explained?.name ?? outcome.error.message.split('\n')[0]}`,
			outcome.error,
		);
	}
	return concludeFleet(next);
}

/**
 * As for one host (tree/verify.ts): False with the credential delegated is an answer, not
 * "works". The host fails quietly, with the one-host flow's words for what to check next.
 */
function stillFalseOn(state: FleetState, row: FleetHostRow, quiet: QuietFailure): FleetState {
	const how = '-Authentication CredSSP';
	const lines = quietFailureLines({hop1: row.name, command: state.command}, quiet).slice(1);
	const failed = withResult(
		state,
		row.name,
		'failed',
		`still failing quietly: ${state.command} answers ${quiet.answer} with ${how}: ${whatToCheck(quiet, state.user ?? '')}`,
	);
	return print(
		{
			...failed,
			hosts: failed.hosts.map((host) =>
				host.name === row.name ? {...host, quietAnswer: 'False', detail: lines.join(' ')} : host,
			),
		},
		[
			`${row.number} ${row.name}: Still ${quiet.answer} with ${how}.`,
			...lines.map((line) => `  ${line}`),
		],
	);
}

function failedBeforeHosts(
	state: FleetState,
	headline: string,
	message: string,
	nextSteps: string[] = [],
): FleetState {
	return concludeFleet(print(state, [`${headline}: ${message}`]), {
		verdict: 'failed',
		headline,
		details: [message],
		nextSteps,
	});
}

const maxPasswordAttempts = 3;

/**
 * No host took the credential and some said why (LogonFailure): the password is asked again, as
 * for one host, rather than a table of 23 identical failures. After three, every host says so.
 */
const logonFailed = (answer: HostSurvey) =>
	!answer.firstHop.ok &&
	answer.firstHop.error.fullyQualifiedErrorId.split(',')[0] === 'LogonFailure';

/** Whether the hosts just read refused the password, and none took it. */
function refusedByAll(survey: PerHost<HostSurvey>): boolean {
	const answers = Object.values(survey);
	return !answers.some((answer) => answer.firstHop.ok) && answers.some(logonFailed);
}

function passwordRefused(state: FleetState, survey: PerHost<HostSurvey>): FleetState {
	const refusing = Object.keys(survey).filter((name) => logonFailed(survey[name]!));
	const attempts = (state.passwordAttempts ?? 0) + 1;
	const {password: _password, surveyed: _surveyed, ...rest} = state;
	const user = state.user ?? '';
	if (attempts >= maxPasswordAttempts) {
		const untried = state.hosts.length - refusing.length;
		// Each host says whether it refused the password or was never sent it.
		const hosts = state.hosts.map((row) =>
			refusing.includes(row.name)
				? {...row, result: 'failed' as const, outcome: 'refused the password'}
				: row,
		);
		return failedBeforeHosts(
			{...rest, hosts, passwordAttempts: attempts},
			'The password was refused',
			`${refusing.join(', ')} refused the password for ${user} ${maxPasswordAttempts} times.` +
				(untried > 0
					? ` The other ${counted(untried, 'host')} ${untried === 1 ? 'was' : 'were'} not sent it, so this run added no failed logons there.`
					: ''),
			[
				`Check the password and that ${user} is the right account, then run doublehop again. Too many wrong passwords lock a domain account out (its domain's Account lockout threshold).`,
			],
		);
	}
	return {
		...rest,
		passwordAttempts: attempts,
		pending: ask({
			kind: 'password',
			label: `Password for ${user}`,
			error: `The user name or password is incorrect: ${refusing.length === 1 ? `${refusing[0]!} refused it` : `${counted(refusing.length, 'host')} refused it and none took it`} (attempt ${attempts} of ${maxPasswordAttempts}). Check the password, and that ${user} is the right account.`,
		}),
	};
}

export function reduceFleet(state: FleetState, action: FleetAction): FleetState {
	const {pending} = state;
	if (pending.kind === 'finished') return state;
	switch (action.type) {
		case 'interrupt': {
			const cut = runningChanges(state);
			// An earlier run's changes stay in place whatever this one did: said, with their undo.
			const earlier = state.earlier?.changes.length ?? 0;
			return concludeFleet(print(state, ['Interrupted. Where each host stands:']), {
				verdict: 'interrupted',
				details: [
					// A dry run's changes were only planned: none to take back.
					state.dryRun
						? `Nothing was changed (dry run${state.changes.length === 0 ? '' : `: ${counted(state.changes.length, 'change')} planned`}).`
						: state.changes.length === 0 && cut.length === 0
							? earlier === 0
								? 'Nothing was changed.'
								: 'Nothing was changed by this run.'
							: state.changes.length === 1
								? `1 change was made; ${state.undoCommand} takes it back.`
								: `${counted(state.changes.length, 'change')} were made; ${state.undoCommand} takes them back.`,
					...(earlier === 0
						? []
						: [
								`${counted(earlier, 'change')} from the run started ${localTime(state.earlier!.startedAt)} ${earlier === 1 ? 'is' : 'are'} still in place.`,
							]),
					...(cut.length === 0
						? []
						: [
								`${counted(cut.length, 'change')} ${cut.length === 1 ? 'was' : 'were'} running when you interrupted (${[...new Set(cut.map((change) => change.machine))].join(', ')}): each may or may not have been made. ${state.undoCommand} checks each machine first and takes back only what it finds.`,
							]),
				],
				nextSteps:
					earlier === 0
						? []
						: [{say: `To take ${itOrThem(earlier)} back:`, run: state.undoCommand}],
			});
		}
		case 'submit-text': {
			if (pending.kind !== 'ask' || pending.prompt.kind !== 'text') return state;
			const value = action.value.trim() === '' ? pending.prompt.initial : action.value;
			const checked = checkUserName(value);
			if (!checked.ok) return {...state, pending: ask({...pending.prompt, error: checked.reason})};
			return askCredential({...state, user: checked.value});
		}
		case 'submit-password':
			if (pending.kind !== 'ask' || pending.prompt.kind !== 'password') return state;
			// An empty password is not sent anywhere: it would only be refused, and counted.
			if (action.password.length === 0) {
				return {
					...state,
					pending: ask({
						...pending.prompt,
						error: 'Enter the password (it is not shown as you type).',
					}),
				};
			}
			return {
				...state,
				password: action.password,
				pending: {kind: 'run', call: {name: 'read-client-credssp'}},
			};
		case 'answer-hosts':
			if (pending.kind !== 'ask' || pending.prompt.kind !== 'hosts') return state;
			if (pending.prompt.id !== action.id) return state;
			return onHostsAnswer(state, action.id, action.answer, action.auto ?? false);
		case 'leave-out':
			if (pending.kind !== 'ask' || pending.prompt.kind !== 'leave-out') return state;
			return onLeaveOut(state, action.id, action.text);
		case 'choose':
			if (pending.kind !== 'ask' || pending.prompt.kind !== 'choice') return state;
			if (!pending.prompt.options.some((option) => option.key === action.key)) return state;
			if (pending.prompt.id !== action.id) return state;
			if (action.id === 'winrm') return onWinRMChoice(state, action.key, action.auto ?? false);
			return onEarlierChoice(state, action.key, askCredential);
		case 'call-done':
			if (pending.kind !== 'run' || pending.call.name !== action.name) return state;
			return onCallDone(state, action);
	}
}

function onCallDone(state: FleetState, action: Extract<FleetAction, {type: 'call-done'}>) {
	switch (action.name) {
		case 'local-context': {
			if (!action.result.ok) {
				return failedBeforeHosts(state, 'Could not read this shell', action.result.error.message);
			}
			const local = action.result.value;
			const where = `${local.psEdition === 'Desktop' ? 'Windows PowerShell' : 'PowerShell'} ${local.psVersion} on ${local.computerName}`;
			if (!local.elevated) {
				return concludeFleet(print({...state, local}, [`${where}, not elevated`]), {
					verdict: 'blocked',
					headline: 'This shell is not elevated',
					details: [
						'The CredSSP cmdlets refuse to run unelevated: "Access is denied. You need to run this cmdlet from an elevated process."',
					],
					nextSteps: ['Start PowerShell with "Run as administrator", then run doublehop again.'],
				});
			}
			return offerEarlierFleetRun(print({...state, local}, [`${where}, elevated`]), askCredential);
		}
		case 'start-winrm':
			return onWinRMStarted(state, action.result, askPassword);
		case 'read-client-credssp':
			if (!action.result.ok) {
				return failedBeforeHosts(
					state,
					"Could not read this machine's CredSSP settings",
					action.result.error.message,
				);
			}
			return startSurvey({...state, client: action.result.value});
		case 'survey': {
			const client = state.client;
			if (client === undefined) return state;
			if (state.passwordTaken !== true && refusedByAll(action.result)) {
				return passwordRefused(state, action.result);
			}
			const taken =
				state.passwordTaken === true ||
				Object.values(action.result).some((answer) => answer.firstHop.ok);
			return surveyNext(
				{
					...state,
					surveyed: {...state.surveyed, ...action.result},
					...(taken ? {passwordTaken: true} : {}),
				},
				client,
			);
		}
		case 'read-wsman-spn':
			return onSpnRead(state, action.result, afterSurvey);
		case 'write-client':
			return clientWrite(state, action.result);
		case 'enable-servers':
			return onServersDone(state, action);
		case 'verify':
			return onVerifyDone(state, action);
	}
}
