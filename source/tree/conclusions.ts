// How a run ends: a verdict, a headline, and the next step. Pure helpers for the reducer.
import type {ErrorRecord} from '../hosts/host.js';
import {addLog, errorDetails, finish} from './common.js';
import {describeError} from './describe-error.js';
import type {Conclusion, FlowState, Inputs, Verdict} from './state.js';
import {stages, type StageId} from './stages.js';

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

/** The fix steps not yet done, so a stop at any point says what remains. */
export function leftUndone(state: FlowState): string[] {
	const plan = state.plan;
	const hop1 = state.inputs.hop1 ?? 'the first hop';
	const done = new Set(state.changes.map((change) => change.stage));
	const remaining: string[] = [];
	if (plan === undefined) return ['The CredSSP fix was not started.'];
	if (plan.client.action !== 'skip' && !done.has('client'))
		remaining.push(`${stages.client.title} (Enable-WSManCredSSP -Role Client on this machine)`);
	if (plan.server.action !== 'skip' && !done.has('server'))
		remaining.push(`${stages.server.title} (Enable-WSManCredSSP -Role Server on ${hop1})`);
	remaining.push(`${stages.verify.title}`);
	return remaining;
}

function fallbackNextStep(error: ErrorRecord, hop1: string): string | undefined {
	const id = error.fullyQualifiedErrorId.split(',')[0];
	switch (id) {
		case 'WinRMOperationTimeout':
			return `Check that ${hop1} is on and reachable: Test-NetConnection ${hop1} -Port 5985. On ${hop1}: Enable-PSRemoting, and allow "Windows Remote Management (HTTP-In)" in its firewall.`;
		case 'ComputerNotFound':
			return `Check the name: Resolve-DnsName ${hop1}. Use the name DNS knows (the FQDN is safest).`;
		case 'CannotConnect':
			return `On ${hop1}: Start-Service WinRM; winrm quickconfig.`;
		case 'AccessDenied':
			return `The account may not open a remote session on ${hop1}: add it to Administrators or Remote Management Users there, or use an account that is.`;
		case 'CannotUseIPAddress':
			return `Connect by computer name (Kerberos) rather than an IP address, or use HTTPS, or add the address to TrustedHosts.`;
		default:
			return undefined;
	}
}

export function concludeFailure(
	stage: StageId,
	error: ErrorRecord,
	inputs: Inputs,
	undone: string[] = [],
): Pick<FlowState, 'conclusion'> {
	const hop1 = inputs.hop1 ?? 'the first hop';
	const explanation = describeError(error, inputs);
	const next = explanation?.nextStep ?? fallbackNextStep(error, hop1);
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
