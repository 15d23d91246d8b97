// How a run ends: a verdict, a headline, and the next step. Pure helpers for the reducer.
import type {ErrorRecord} from '../windows/records.js';
import {psArgument} from '../safety/names.js';
import {addLog, errorDetails, finish, userOf} from './common.js';
import {describeError} from './describe-error.js';
import type {Conclusion, FlowState, Inputs, NextStep, Verdict} from './state.js';
import {stages, type StageId} from '../stages/stages.js';
import {counted} from '../windows/counted.js';

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
	const done = new Set(state.changes.map((change) => change.stage));
	const remaining: string[] = [];
	// Resource-based delegation has no CredSSP plan: its one change is all there is to do.
	if (state.method === 'rbkcd')
		return done.has('rbkcd')
			? []
			: [`${stages.rbkcd.title} (Set-ADComputer on ${state.inputs.hop2 ?? 'the second hop'})`];
	if (plan === undefined) return ['The CredSSP fix was not started.'];
	if (plan.ntlmOnly !== undefined && !done.has('ntlm-only'))
		remaining.push(
			`${stages.client.title} (${plan.ntlmOnly.entry} in the NTLM-only delegation list)`,
		);
	if (plan.client.action !== 'skip' && !done.has('client'))
		remaining.push(`${stages.client.title} (Enable-WSManCredSSP -Role Client on this machine)`);
	if (plan.server.action !== 'skip' && !done.has('server'))
		remaining.push(`${stages.server.title} (Enable-WSManCredSSP -Role Server on ${hop1})`);
	remaining.push(`${stages.verify.title}`);
	return remaining;
}

/** The end of a dry run that planned changes: what would be made, and that nothing was. */
export function dryRunConclusion(state: FlowState): Pick<FlowState, 'conclusion'> {
	return conclusion(
		'needs-changes',
		`Dry run: ${counted(state.changes.length, 'change')} would be made`,
		{
			details: ['Nothing was changed. Without --dry-run, each change is asked for again.'],
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
