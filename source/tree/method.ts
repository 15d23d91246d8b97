// After the diagnosis: the ways to make this second hop work, safest first, each with why it fits
// this command or not. The admin picks one (or --method did). `$using:cred` is shown, run on the
// first hop to prove it (it changes nothing on any machine, so it has no undo) and reported;
// CredSSP goes on to the risk step and its changes.
import {nothingChangedLine} from './credssp-still-on.js';
import {runWithCredentialCommand} from '../operations/run-with-credential.js';
import {psArgument} from '../safety/names.js';
import {secondHopReaches, type SecondHopProtocol} from '../windows/second-hop-reach.js';
import {
	protocolName,
	rankMethods,
	type MethodId,
	type MethodRanking,
} from '../windows/second-hop-methods.js';
import {durationText} from '../windows/time-box.js';
import {
	addLog,
	ask,
	errorDetails,
	finish,
	hop1Of,
	methodFits,
	rankingOf,
	run,
	userOf,
} from './common.js';
import {concludeFailure, conclusion} from './conclusions.js';
import {endIfStillFalse} from './quiet-failure.js';
import {checkWsmanSpn} from './missing-spn.js';
import {startSessionConfig} from './session-config/read.js';
import {enterRbkcd} from './rbkcd.js';
import type {FlowState, NextStep, OperationResult} from './state.js';

/** How the command reaches the second hop, one line per machine it names. */
function reachLines(command: string): string[] {
	const reaches = secondHopReaches(command);
	if (reaches.length === 0)
		return [
			'The command does not say: doublehop finds no -ComputerName, UNC path or SQL instance in it.',
		];
	return reaches.map(
		(reach) => `${reach.cmdlet} reaches ${reach.computer} by ${protocolName(reach.protocol)}`,
	);
}

function rankingLines(ranking: MethodRanking): string[] {
	return ranking.methods.map((method, index) => {
		const verdict = !method.fits
			? 'does not fit'
			: method.id === ranking.recommended
				? 'fits, recommended'
				: 'fits';
		const built = method.built ? '' : ', not built into doublehop yet';
		return `${index + 1}. ${method.name} (${verdict}${built}): ${method.why}`;
	});
}

/** Where CredSSP cannot delegate the account (Protected Users, sensitive), it does not fit. */
function forAccount(state: FlowState, ranking: MethodRanking): MethodRanking {
	if (state.facts.notDelegable === undefined) return ranking;
	const methods = ranking.methods.map((method) =>
		method.id === 'credssp'
			? {...method, fits: false, why: 'CredSSP cannot delegate this account (above).'}
			: method,
	);
	return {...ranking, methods};
}

/** The rewritten command, which `using-cred` runs; only called once the rewrite fits. */
function rewrittenCommand(state: FlowState): string {
	const {rewrite} = rankingOf(state);
	return rewrite.fits ? rewrite.command : (state.inputs.command ?? '');
}

/** What to type to use the method from now on, at the admin's own console. */
function howToUse(state: FlowState): NextStep[] {
	return [
		{say: 'At your console:', run: `$cred = Get-Credential ${psArgument(userOf(state))}`},
		{say: 'Then:', run: runWithCredentialCommand(hop1Of(state), rewrittenCommand(state))},
	];
}

const protocolChoices: {key: string; label: string; protocol?: SecondHopProtocol; text: string}[] =
	[
		{
			key: 's',
			label: 'smb',
			protocol: 'smb',
			text: 'a file share (SMB: a UNC path, a mapped drive)',
		},
		{
			key: 'w',
			label: 'winrm',
			protocol: 'winrm',
			text: 'PowerShell remoting (WinRM) from the first hop',
		},
		{
			key: 'm',
			label: 'wmi',
			protocol: 'dcom',
			text: 'WMI over DCOM (Get-WmiObject, a management console)',
		},
		{key: 'q', label: 'sql', protocol: 'sql', text: 'SQL Server with Windows authentication'},
		{key: 'o', label: 'other', text: 'something else, or you do not know'},
	];

/** After the diagnosis of a double hop that CredSSP would fix: rank the methods and ask for one. */
export function offerMethods(current: FlowState): FlowState {
	const {hop2 = '', command = ''} = current.inputs;
	const ranking = forAccount(current, rankMethods(command, hop2));
	const state: FlowState = {
		...current,
		stage: 'diagnose',
		facts: {...current.facts, methods: ranking},
	};
	if (state.methodGiven !== undefined)
		return applyMethod(state, state.methodGiven, 'given with --method');
	if (ranking.protocol !== 'unknown') return askMethod(state);
	// The command does not say how it reaches the second hop: ask, since it decides what fits.
	return {
		...state,
		view: {
			machine: 'none',
			sections: [
				{title: `How the command reaches ${hop2}:`, lines: reachLines(command)},
				{
					title: `How does it reach ${hop2}?`,
					lines: protocolChoices.map((choice) => `${choice.key}  ${choice.text}`),
				},
			],
		},
		pending: ask({
			kind: 'choice',
			id: 'protocol',
			question: `How does the command reach ${hop2}?`,
			options: protocolChoices.map(({key, label}) => ({key, label})),
		}),
	};
}

export function onChooseProtocol(state: FlowState, key: string, auto: boolean): FlowState {
	const {hop2 = '', command = ''} = state.inputs;
	const choice = protocolChoices.find((candidate) => candidate.key === key);
	const ranking = forAccount(state, rankMethods(command, hop2, choice?.protocol));
	const log = addLog(state, {
		status: 'info',
		title: `Second hop protocol: ${protocolName(ranking.protocol)} (${auto ? 'not asked without a terminal' : 'your answer'})`,
		details: [],
	});
	return askMethod({...state, log, view: undefined, facts: {...state.facts, methods: ranking}});
}

/** The methods doublehop applies, by the key that chooses each after the diagnosis. */
const methodKeys: {key: string; id: MethodId; text: (hop1: string, hop2: string) => string}[] = [
	{
		key: 'u',
		id: 'using-cred',
		text: (hop1) =>
			`$using:cred: see the rewritten command, then run it on ${hop1} to prove it (changes nothing)`,
	},
	{
		key: 'r',
		id: 'rbkcd',
		text: (hop1, hop2) =>
			`resource-based delegation: read ${hop2}'s computer object, then add ${hop1} to who may delegate to it (asked for), and verify`,
	},
	{
		key: 'j',
		id: 'jea',
		text: (hop1) =>
			`JEA: a configuration on ${hop1} that runs the command as a gMSA; shown, then registered at your yes (undone by doublehop undo)`,
	},
	{
		key: 'a',
		id: 'runas',
		text: (hop1) =>
			`RunAs: a configuration on ${hop1} that stores an account's password and runs the command as it; shown, then registered at your yes`,
	},
	{
		key: 'c',
		id: 'credssp',
		text: () => 'CredSSP: the risk first, then the changes one at a time, each asked for',
	},
];

/** Where CredSSP cannot delegate the account, the question offers a stop in its place. */
const stopKey: {key: string; id: 'stop'; text: () => string} = {
	key: 's',
	id: 'stop',
	text: () => 'Stop here: nothing is changed',
};

function askMethod(state: FlowState): FlowState {
	const {hop1 = '', hop2 = '', command = ''} = state.inputs;
	const ranking = rankingOf(state);
	const delegable = state.facts.notDelegable === undefined;
	const offered = methodKeys.filter(({id}) =>
		id === 'credssp' ? delegable : methodFits(ranking, id),
	);
	// Where CredSSP cannot delegate the account it is not offered; stopping is.
	const choices = delegable ? offered : [...offered, stopKey];
	// JEA and RunAs fit every command but need an account of their own: without a safer method
	// that fits, CredSSP goes on as before, and --method names them.
	if (delegable && offered.every(({id}) => id === 'credssp' || id === 'jea' || id === 'runas')) {
		// CredSSP is the only method doublehop applies that fits: say why, and go on to its risk.
		const log = addLog(state, {
			status: 'info',
			title: 'Methods for this second hop: CredSSP is the one doublehop can apply here',
			details: [
				...reachLines(command),
				...rankingLines(ranking),
				'JEA and a RunAs configuration set up an account of their own on the first hop: doublehop applies them with --method jea or --method runas.',
			],
		});
		return checkWsmanSpn({...state, log});
	}
	return {
		...state,
		view: {
			machine: 'none',
			sections: [
				{title: `How the command reaches ${hop2}:`, lines: reachLines(command)},
				{title: 'Ways to make this second hop work, safest first:', lines: rankingLines(ranking)},
				{
					title: 'Choose:',
					lines: choices.map(({key, text}) => `${key}  ${text(hop1, hop2)}`),
				},
			],
		},
		pending: ask({
			kind: 'choice',
			id: 'method',
			question: 'Which method?',
			options: choices.map(({key, id}) => ({key, label: id})),
		}),
	};
}

/**
 * The admin kept this machine's WinRM service stopped: CredSSP can be neither read nor set up
 * here, and $using:cred, which needs neither, is the way on (its own question follows).
 */
export function withoutLocalWinRM(current: FlowState): FlowState {
	const state: FlowState = {
		...current,
		stage: 'diagnose',
		facts: {...current.facts, methods: rankingOf(current)},
	};
	return applyMethod(
		state,
		'using-cred',
		"this machine's WinRM service stays stopped, and it does not need it",
	);
}

export function onChooseMethod(state: FlowState, key: string, auto: boolean): FlowState {
	const blocked = state.facts.notDelegable;
	// CredSSP cannot delegate this account: stop as before (and a --json run, which picks CredSSP).
	if (blocked !== undefined && (key === stopKey.key || key === 'c')) return finish(state, blocked);
	const method = methodKeys.find((each) => each.key === key)?.id ?? 'credssp';
	return applyMethod(
		{...state, view: undefined},
		method,
		auto ? 'the --json default without --method' : 'your choice',
		!auto,
	);
}

/** --for schedules the revert of CredSSP only: another method's changes are not on a clock. */
function withoutTimeBox(state: FlowState, method: MethodId): FlowState {
	if (state.timeBox === undefined || method === 'credssp') return state;
	const {timeBox: _unused, ...rest} = state;
	return rest;
}

function timeBoxNotUsed(state: FlowState, method: MethodId): Parameters<typeof addLog>[1] {
	const minutes = state.timeBox?.minutes ?? 0;
	return {
		status: 'info',
		title: `--for ${durationText(minutes)} is not used: it schedules the revert of CredSSP only`,
		details: [
			method === 'using-cred'
				? '$using:cred changes nothing on any machine, so there is nothing to revert.'
				: `What this method changes stays until you undo it: ${state.undoCommand}.`,
		],
	};
}

/**
 * `listShown`: the ways were on screen with the question just answered, so the record of the
 * choice gives the chosen one's line, not the whole list again; chosen without the question
 * (--method, --json), the list is recorded here.
 */
function applyMethod(
	current: FlowState,
	method: MethodId,
	why: string,
	listShown = false,
): FlowState {
	const ranking = rankingOf(current);
	const chosen = ranking.methods.find((candidate) => candidate.id === method);
	const lines = rankingLines(ranking);
	const logged = addLog(current, {
		status: 'info',
		title: `Method: ${chosen?.name ?? method} (${why})`,
		details: listShown
			? lines.filter((_, index) => ranking.methods[index]?.id === method)
			: [...reachLines(current.inputs.command ?? ''), ...lines],
	});
	const state = withoutTimeBox(current, method);
	const log =
		state === current ? logged : addLog({...current, log: logged}, timeBoxNotUsed(current, method));
	if (method === 'jea' || method === 'runas')
		return startSessionConfig(
			{...state, log, method},
			method,
			(method === 'jea' ? state.gmsaGiven : state.runAsUserGiven) ?? '',
		);
	if (method === 'rbkcd') {
		// --method rbkcd on a hop it cannot carry (WinRM above all): say why, change nothing.
		if (chosen?.fits !== true)
			return finish(
				{...state, log, method},
				conclusion('blocked', 'Resource-based delegation does not fit this second hop', {
					details: ['Nothing was run or changed.', chosen?.why ?? ''],
					nextSteps: ['Run doublehop again with --method using-cred or --method credssp.'],
				}),
			);
		return enterRbkcd({...state, log, method});
	}
	if (method !== 'using-cred') return checkWsmanSpn({...state, log, method});
	if (!ranking.rewrite.fits)
		return finish(
			{...state, log, method},
			conclusion('blocked', '$using:cred does not fit this command', {
				details: ['Nothing was run or changed.', ranking.rewrite.why],
				nextSteps: ['Run doublehop again with --method credssp, or pick another method above.'],
			}),
		);
	return askUsingCred({...state, log, method});
}

function askUsingCred(state: FlowState): FlowState {
	const hop1 = hop1Of(state);
	const {hop2 = '', command = ''} = state.inputs;
	const ranking = rankingOf(state);
	return {
		...state,
		stage: 'using-cred',
		view: {
			machine: hop1,
			sections: [
				{
					title: 'Now:',
					lines: [
						`Your command: ${command}`,
						state.facts.credSspToday === true
							? `It works on ${hop1} only through CredSSP, which leaves ${hop1} your reusable credential; without it, ${hop1} holds no credential it can pass on to ${hop2}.`
							: `It fails on ${hop1}: ${hop1} holds no credential it can pass on to ${hop2}.`,
					],
				},
				{
					title: 'Will run:',
					lines: [runWithCredentialCommand(hop1, rewrittenCommand(state))],
					kind: 'commands',
				},
				{
					title: 'What is different:',
					lines: [
						...(ranking.rewrite.fits ? ranking.rewrite.changes : []),
						`$cred is the credential you entered for ${userOf(state)}: the cmdlet logs on to ${hop2} with it itself, so ${hop1} needs nothing delegated.`,
						'This method sets up or changes nothing on any machine: nothing of it to undo.',
					],
				},
			],
		},
		pending: ask({kind: 'confirm', id: 'using-cred', question: `Run it on ${hop1} to prove it?`}),
	};
}

export function onUsingCredAnswer(state: FlowState, yes: boolean, auto: boolean): FlowState {
	const hop1 = hop1Of(state);
	const command = rewrittenCommand(state);
	if (yes)
		return {
			...state,
			view: undefined,
			pending: run(
				'run-with-credential',
				{hop1, command},
				hop1,
				runWithCredentialCommand(hop1, command),
			),
		};
	const log = addLog(state, {
		status: 'declined',
		title: auto
			? 'Not run without --yes: the rewritten command'
			: 'You said no: the rewritten command was not run',
		details: ['Nothing was run or changed.'],
	});
	return finish(
		{...state, log},
		conclusion(
			auto ? 'needs-changes' : 'declined',
			'Stopped before running the rewritten command',
			{
				nextSteps: howToUse(state),
			},
		),
	);
}

export function onUsingCredDone(
	state: FlowState,
	result: OperationResult<'run-with-credential'>,
): FlowState {
	const hop1 = hop1Of(state);
	const hop2 = state.inputs.hop2 ?? '';
	const shown = runWithCredentialCommand(hop1, rewrittenCommand(state));
	if (!result.ok) {
		const log = addLog(state, {
			status: 'failed',
			title: 'Still failing with $using:cred',
			details: errorDetails(state, result.error),
			error: result.error,
			machine: hop1,
			command: shown,
		});
		return finish({...state, log}, concludeFailure('using-cred', result.error, state.inputs));
	}
	// False from a command that reaches another machine is a refusal there, credential or not.
	const ran = {how: '$using:cred', machine: hop1, command: shown, output: result.value.output};
	const stillFalse = endIfStillFalse(state, ran);
	if (stillFalse !== undefined) return stillFalse;
	const log = addLog(state, {
		status: 'passed',
		title: `Works: ${hop1} reaches ${hop2} with $using:cred`,
		details: [],
		machine: hop1,
		command: shown,
		output: result.value.output,
	});
	return finish(
		{...state, log},
		conclusion('fixed', `$using:cred: ${hop1} reaches ${hop2} with the credential you pass`, {
			details: [
				// A change made earlier in the run (WinRM started on this machine), or by the run this
				// one resumed (a delegation entry), is still there.
				(state.earlier?.changes.length ?? 0) > 0
					? `$using:cred changed nothing; what an earlier run changed is still in place (${state.earlier!.changes.map((change) => `${change.machine}: ${change.setting}`).join('; ')}) until you undo it.`
					: state.changes.some((change) => change.dryRun !== true)
						? '$using:cred changed nothing; what this run changed before it stays until you undo it.'
						: nothingChangedLine,
			],
			nextSteps: howToUse(state),
		}),
	);
}
