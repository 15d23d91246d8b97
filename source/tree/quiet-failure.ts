// Stage 4 and 10: a command that reaches another machine and answers False or nothing has most
// likely been refused there quietly (windows/quiet-answer.ts); it is not taken for "works".
import {runOnFirstHopCommand} from '../operations/run-on-first-hop.js';
import {psQuote} from '../safety/names.js';
import {machineReached, quietAnswer, type Reached} from '../windows/quiet-answer.js';
import {addLog, finish, userOf} from './common.js';
import {conclusion, leftUndone} from './conclusions.js';
import type {FlowState} from './state.js';

export type QuietFailure = {reached: Reached; answer: 'False' | 'nothing'};

export function quietFailure(state: FlowState, output: string): QuietFailure | undefined {
	const {hop1 = '', command = ''} = state.inputs;
	const answer = quietAnswer(output);
	const reached = machineReached(command, hop1);
	return answer === undefined || reached === undefined ? undefined : {reached, answer};
}

/** What the answer means (the first words name the command), and how to see the real error. */
export function quietFailureDetails(state: FlowState, quiet: QuietFailure): string[] {
	const {hop1 = '', command = ''} = state.inputs;
	const verb = command.trim().split(/\s+/)[0] ?? command;
	const {computer, path} = quiet.reached;
	const said = quiet.answer === 'False' ? 'False, not an error,' : 'nothing, and no error,';
	const why =
		quiet.answer === 'False'
			? `${verb} answers ${said} when it may not open the path: on ${hop1} your credentials do not reach ${computer} (the double hop), so False here most likely means access denied, not "not there".`
			: `${verb} printed ${said} though it reaches ${computer}: a command that is refused there can say nothing (an error silenced with -ErrorAction SilentlyContinue, or a cmdlet that returns what it could read). On ${hop1} your credentials do not reach ${computer} (the double hop).`;
	// Get-ChildItem on a share it may not open says so ("Access is denied", reference 1.3).
	const confirm =
		path === undefined
			? `the same command with -ErrorAction Stop on its cmdlet: ${runOnFirstHopCommand(hop1, command, 'Default')}`
			: `${runOnFirstHopCommand(hop1, `Get-ChildItem ${psQuote(path)}`, 'Default')} (Get-ChildItem says "Access is denied" where ${verb} said ${quiet.answer})`;
	return [
		why,
		`To see the real error: ${confirm}.`,
		`To compare: run the same command logged on to ${hop1} interactively (RDP or its console), where your credentials are on ${hop1} itself: if it works there, the second hop is the problem.`,
	];
}

/**
 * The command still answers False with the credential on its way (`how`: "-Authentication
 * CredSSP", "$using:cred"): it reaches the second hop now, so the path or the rights are next.
 */
function stillFalse(state: FlowState, quiet: QuietFailure, ran: ProvingRun): FlowState {
	const log = addLog(state, {
		status: 'failed',
		title: `Still ${quiet.answer} with ${ran.how}`,
		details: quietFailureDetails(state, quiet).slice(1),
		machine: ran.machine,
		command: ran.command,
		output: ran.output,
	});
	return finish(
		{...state, log},
		conclusion(
			'failed',
			`The command still answers ${quiet.answer} with ${ran.how}: check that ${quiet.reached.path ?? quiet.reached.computer} exists and that ${userOf(state)} may open it`,
			{
				details:
					state.changes.length > 0
						? [
								'Your credentials now reach the second hop; its answer is about the path or the rights there.',
							]
						: ['Nothing was changed.'],
				leftUndone: leftUndone(state),
			},
		),
	);
}

/** A run meant to prove a method: how the credential went, where, the command shown, its output. */
type ProvingRun = {how: string; machine: string; command: string; output: string};

/**
 * The check every "works" ending makes first: a proving run that still answers False ends the run
 * (stillFalse); otherwise undefined, and the caller goes on to "works".
 */
export function endIfStillFalse(state: FlowState, ran: ProvingRun): FlowState | undefined {
	const quiet = quietFailure(state, ran.output);
	return quiet?.answer === 'False' ? stillFalse(state, quiet, ran) : undefined;
}
