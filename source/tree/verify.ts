// Stage 10: run the admin's command again with -Authentication CredSSP.
import {overHttps} from '../operations/operation.js';
import {runOnFirstHopCommand} from '../operations/run-on-first-hop.js';
import {addLog, errorDetails, finish, runCommandOnFirstHop} from './common.js';
import {concludeFailure, conclusion, dryRunConclusion, commandToUse} from './conclusions.js';
import type {CommandStep, FlowState, OperationResult} from './state.js';
import {endIfStillFalse, quietFailure} from './quiet-failure.js';
import {missingSpnConclusion, missingWsmanSpn} from './missing-spn.js';
import {startTimeBox, timeBoxUnchanged, timeBoxWanted} from './time-box.js';
import {hostsOf} from './undo-hosts.js';
import {sameMachine} from '../windows/host-names.js';

export function startVerify(state: FlowState): FlowState {
	if (state.dryRun && state.changes.length > 0) {
		// --for: the revert tasks are planned too, each shown and asked for as the changes were.
		if (state.timeBox !== undefined) return startTimeBox(state, dryRunConclusion(state));
		return finish(state, dryRunConclusion(state));
	}
	return {
		...state,
		stage: 'verify',
		view: undefined,
		proposed: undefined,
		pending: runCommandOnFirstHop(state, 'CredSSP'),
	};
}

export function onVerify(state: FlowState, result: OperationResult<'run-on-first-hop'>): FlowState {
	const {hop1 = '', hop2 = '', command = ''} = state.inputs;
	const verifyCommand = runOnFirstHopCommand(hop1, command, 'CredSSP');
	if (!result.ok) {
		// The SPN is missing: the names typed and the session are right, so no earlier step helps.
		const missingSpn = missingWsmanSpn(state, result.error);
		const log = addLog(state, {
			status: 'failed',
			title: 'Still failing with -Authentication CredSSP',
			details: errorDetails(state, result.error, !missingSpn),
			error: result.error,
			machine: hop1,
			command: verifyCommand,
		});
		if (missingSpn) return finish({...state, log}, missingSpnConclusion(state));
		return finish({...state, log}, concludeFailure('verify', result.error, state.inputs));
	}
	// Nothing printed may be nothing to list; False with the credential delegated is an answer.
	const ran = {how: '-Authentication CredSSP', machine: hop1, command: verifyCommand};
	const stillFalse = endIfStillFalse(state, {...ran, output: result.value.output});
	if (stillFalse !== undefined) return stillFalse;
	const quiet = quietFailure(state, result.value.output);
	const log = addLog(state, {
		status: 'passed',
		title: `Fixed: the command works on ${hop1} with -Authentication CredSSP`,
		details:
			quiet === undefined
				? []
				: [
						`It ran without an error but printed nothing, as before. With nothing to list that is expected; to be sure no error was silenced, run it with -ErrorAction Stop.`,
					],
		machine: hop1,
		command: verifyCommand,
		output: result.value.output,
	});
	const fixed = state.changes.length > 0;
	// Only what doublehop changed (this run or an earlier one) is there for undo to take back.
	const undoable = fixed || (state.earlier?.changes.length ?? 0) > 0;
	// --for: the revert tasks are asked for before the run ends, with this verdict held.
	const end = timeBoxWanted(state) ? startTimeBox : finish;
	return end(
		{...state, log},
		conclusion(
			fixed ? 'fixed' : 'already-fixed',
			fixed
				? `${hop1} can now reach ${hop2} with your credentials`
				: `CredSSP to ${hop1} is in place and works`,
			{
				// --for with nothing to change: said, with the earlier time box that stands.
				details: fixed ? [] : ['Nothing was changed.', ...timeBoxUnchanged(state)],
				nextSteps: [
					commandToUse('Use:', verifyCommand, state),
					// The listener made here is reached only with -UseSSL: how, said as what it is (this
					// run verified over the transport it used).
					...(listenerMade(state) && state.useSsl !== true
						? [
								commandToUse(
									'Over the HTTPS listener this run made (the first hop proves itself by its certificate; verified above over HTTP only):',
									overHttps(verifyCommand),
									state,
								),
							]
						: []),
					...(undoable ? [undoStep(state)] : []),
				],
			},
		),
	);
}

/**
 * The undo to run when the work is done. It takes back every change by doublehop still in place,
 * so one an earlier run left for another first hop is named, with how to take back this host's only.
 */
function undoStep(state: FlowState): CommandStep {
	const hop1 = state.inputs.hop1 ?? '';
	const others = hostsOf(state.earlier ?? {changes: []}).filter((host) => !sameMachine(host, hop1));
	if (others.length === 0)
		return {say: 'When the work is done, turn CredSSP off again:', run: state.undoCommand};
	return {
		say: `When the work is done, turn CredSSP off again (this also takes back what an earlier run left in place for ${others.join(', ')}; add --hop1 ${hop1} to take back only this host's):`,
		run: state.undoCommand,
	};
}

/** Whether this run created an HTTPS listener on the first hop (not planned: made). */
const listenerMade = (state: FlowState) =>
	state.changes.some((change) => change.stage === 'listener' && change.dryRun !== true);
