// How a run ends: a verdict, a headline, and the next step. Pure helpers for the reducer.
import type {ErrorRecord} from '../windows/records.js';
import {psArgument} from '../safety/names.js';
import {addLog, errorDetails, finish, userOf} from './common.js';
import {describeError} from './describe-error.js';
import type {ChangeRecord, Conclusion, FlowState, Inputs, NextStep, Verdict} from './state.js';
import {stages, type StageId} from '../stages/stages.js';
import {counted} from '../windows/counted.js';
import {durationFlag} from '../windows/time-box.js';
import {defaultSecondHopCommand} from '../operations/run-on-first-hop.js';

export function conclusion(
	verdict: Verdict,
	headline: string,
	parts: Partial<Pick<Conclusion, 'details' | 'nextSteps' | 'leftUndone'>> = {},
): Pick<FlowState, 'conclusion'> {
	return {
		conclusion: {
			verdict,
			headline,
			details: parts.details ?? [],
			nextSteps: parts.nextSteps ?? [],
			leftUndone: parts.leftUndone ?? [],
		},
	};
}

/** A command to use from now on: the credential is asked for where the shown command has $cred. */
export function commandToUse(say: string, command: string, state: FlowState): NextStep {
	return {
		say,
		run: command.replace('$cred', () => `(Get-Credential ${psArgument(userOf(state))})`),
	};
}

/** The fix steps not yet done, so a stop at any point says what remains. */
export function leftUndone(state: FlowState): string[] {
	const plan = state.plan;
	const hop1 = state.inputs.hop1 ?? 'the first hop';
	// A change planned in a dry run was not made: still to do.
	const done = new Set(
		state.changes.filter((change) => change.dryRun !== true).map((change) => change.stage),
	);
	// Planned in a dry run at a step the plan below does not name: named as planned.
	const planned = (stage: ChangeRecord['stage']) =>
		state.changes
			.filter((change) => change.dryRun === true && change.stage === stage)
			.map((change) => `${change.setting}, on ${change.machine}`);
	const before = [...planned('winrm'), ...planned('trusted-hosts')];
	// Resource-based delegation has no CredSSP plan: its one change is all there is to do.
	if (state.method === 'rbkcd')
		return done.has('rbkcd')
			? []
			: [`${stages.rbkcd.title} (Set-ADComputer on ${state.inputs.hop2 ?? 'the second hop'})`];
	// As is a JEA or RunAs configuration's.
	if (state.method === 'jea' || state.method === 'runas')
		return done.has('session-config')
			? []
			: [
					`${state.method === 'jea' ? 'JEA' : 'RunAs'} configuration on the first hop (Register-PSSessionConfiguration on ${hop1})`,
				];
	if (plan === undefined) return [...before, 'The CredSSP fix was not started.'];
	const remaining: string[] = [...before];
	if (plan.ntlmOnly !== undefined && !done.has('ntlm-only'))
		remaining.push(
			`${stages.client.title} (${plan.ntlmOnly.entry} in the NTLM-only delegation list)`,
		);
	if (plan.client.action !== 'skip' && !done.has('client'))
		remaining.push(`${stages.client.title} (Enable-WSManCredSSP -Role Client on this machine)`);
	if (plan.server.action !== 'skip' && !done.has('server'))
		remaining.push(`${stages.server.title} (Enable-WSManCredSSP -Role Server on ${hop1})`);
	remaining.push(...planned('listener'), `${stages.verify.title}`, ...planned('revert'));
	return remaining;
}

/**
 * The run that makes what a dry run planned: this run's flags without --dry-run, the targets and
 * method as the run ended with them (typed at a prompt or given as flags), and with --json (no
 * questions) --yes with the steps planned. Without the run's own command (a reducer test), none.
 */
function applyStep(state: FlowState): NextStep[] {
	if (state.applyCommand === undefined) return [];
	const {hop1, hop2, user, command} = state.inputs;
	const account = state.sessionConfig?.account;
	const given: [string, string | undefined][] = [
		['--hop1', hop1],
		['--hop2', hop2],
		['--user', user],
		// The default (Get-VM -ComputerName <hop2>) is left to be the default again.
		[
			'--command',
			hop2 !== undefined && command === defaultSecondHopCommand(hop2) ? undefined : command,
		],
		['--method', state.method],
		['--gmsa', state.method === 'jea' ? account : undefined],
		['--runas-user', state.method === 'runas' ? account : undefined],
		['--for', state.timeBox === undefined ? undefined : durationFlag(state.timeBox.minutes)],
	];
	const flags = given.flatMap(([flag, value]) =>
		value === undefined ? [] : [`${flag} ${psArgument(value)}`],
	);
	// A change's stage is its --steps name.
	const steps = [...new Set(state.changes.map((change) => change.stage))];
	const yes = state.json === true && steps.length > 0 ? [`--yes --steps ${steps.join(',')}`] : [];
	return [
		{
			say: `To make ${state.changes.length === 1 ? 'it' : 'them'}, run it again without --dry-run${state.json === true ? '' : ' (each change is asked for again)'}:`,
			run: [state.applyCommand, ...flags, ...yes].join(' '),
		},
	];
}

/**
 * The end of a dry run that planned changes: what would be made, that nothing was, the run that
 * makes them, and every step left undone, the planned changes among them (none was made).
 */
export function dryRunConclusion(
	state: FlowState,
	why: string[] = [],
): Pick<FlowState, 'conclusion'> {
	return conclusion(
		'needs-changes',
		`Dry run: ${counted(state.changes.length, 'change')} would be made`,
		{
			details: ['Nothing was changed.', ...why],
			nextSteps: applyStep(state),
			leftUndone: leftUndone(state),
		},
	);
}

export function concludeFailure(
	stage: StageId,
	error: ErrorRecord,
	inputs: Inputs,
	undone: string[] = [],
): Pick<FlowState, 'conclusion'> {
	const hop1 = inputs.hop1 ?? 'the first hop';
	const explanation = describeError(error, inputs);
	const next = explanation?.nextStep;
	const headline =
		stage === 'first-hop'
			? `The first hop fails: fix the connection to ${hop1} first`
			: `${stages[stage].title} failed`;
	return conclusion('failed', headline, {
		details:
			explanation === undefined ? [error.message] : [`${explanation.name}: ${explanation.cause}`],
		nextSteps:
			next === undefined ? ['Read the error above; doublehop explain can look it up.'] : [next],
		leftUndone: undone,
	});
}

/** A read that failed: log it with its diagnosis and end with the next step. */
export function failed(state: FlowState, title: string, error: ErrorRecord): FlowState {
	const log = addLog(state, {status: 'failed', title, details: errorDetails(state, error), error});
	return finish(
		{...state, log},
		concludeFailure(state.stage, error, state.inputs, leftUndone(state)),
	);
}
