// Stage 4: run the admin's command on the first hop, reaching the second hop, and keep the error.
import {runOnFirstHopCommand} from '../operations/run-on-first-hop.js';
import {addLog, finish} from './common.js';
import {conclusion} from './conclusions.js';
import type {FlowState, OperationResult} from './state.js';
import {checkAccount} from './account.js';

export function onSecondHop(
	state: FlowState,
	result: OperationResult<'run-on-first-hop'>,
): FlowState {
	const {hop1 = '', hop2 = '', command = ''} = state.inputs;
	if (result.ok) {
		const {output} = result.value;
		const log = addLog(state, {
			status: 'passed',
			title: `The command already works on ${hop1} without CredSSP`,
			details: [],
			machine: hop1,
			command: runOnFirstHopCommand(hop1, command, 'Default'),
			output,
		});
		return finish(
			{...state, log},
			conclusion('already-works', `No double hop problem: ${hop1} reaches ${hop2} already`, {
				details: ['Nothing was changed. CredSSP is not needed for this command.'],
			}),
		);
	}
	const {error} = result;
	const log = addLog(state, {
		status: 'failed',
		title: `Reproduced: the command fails on ${hop1} when it reaches ${hop2}`,
		details: [],
		error,
		machine: hop1,
		command: runOnFirstHopCommand(hop1, command, 'Default'),
	});
	return checkAccount({
		...state,
		log,
		facts: {...state.facts, secondHopError: error},
		stage: 'diagnose',
	});
}
