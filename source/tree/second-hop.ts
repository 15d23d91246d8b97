// Stage 4: run the admin's command on the first hop, reaching the second hop, and keep the error.
import {runOnFirstHopCommand} from '../operations/run-on-first-hop.js';
import {addLog, finish} from './common.js';
import {conclusion} from './conclusions.js';
import type {FlowState, OperationResult} from './state.js';
import type {ErrorRecord} from '../windows/records.js';
import {nameNotFound, sameComputerName} from '../windows/name-not-found.js';
import {psArgument} from '../safety/names.js';
import {askNameAgain, askNextInput} from './targets.js';
import {quietFailure, quietFailureDetails} from './quiet-failure.js';
import {checkAccount} from './account.js';
import {lookAtSecondHop} from './second-hop-reach.js';

export function onSecondHop(
	state: FlowState,
	result: OperationResult<'run-on-first-hop'>,
): FlowState {
	const {hop1 = '', hop2 = '', command = ''} = state.inputs;
	if (result.ok) {
		const {output} = result.value;
		const quiet = quietFailure(state, output);
		if (quiet !== undefined) {
			const verb = command.trim().split(/\s+/)[0] ?? command;
			const target = quiet.reached.path ?? quiet.reached.computer;
			const log = addLog(state, {
				status: 'failed',
				title: `Likely reproduced: ${verb} on ${hop1} answered ${quiet.answer === 'False' ? 'False' : 'nothing'} for ${target}`,
				details: quietFailureDetails(state, quiet),
				machine: hop1,
				command: runOnFirstHopCommand(hop1, command, 'Default'),
				output,
			});
			return checkAccount({
				...state,
				log,
				facts: {...state.facts, secondHopQuiet: quiet.answer},
				stage: 'diagnose',
			});
		}
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
	const missing = nameNotFound(error);
	if (missing !== undefined) return nameNotFoundOnHop1(state, error, missing);
	const log = addLog(state, {
		status: 'failed',
		title: `The command fails on ${hop1} when it reaches ${hop2}`,
		details: [],
		error,
		machine: hop1,
		command: runOnFirstHopCommand(hop1, command, 'Default'),
	});
	const failed = {...state, log, facts: {...state.facts, secondHopError: error}};
	// An error no delegation explains: first, does hop 2 answer hop 1 at all?
	return lookAtSecondHop(failed, error) ?? checkAccount({...failed, stage: 'diagnose'});
}

/**
 * The command ran on hop 1, which could not find the machine it names: a typo, not a double hop.
 * Back to the second hop (or to the command, when it names another machine), the rest kept.
 */
function nameNotFoundOnHop1(state: FlowState, error: ErrorRecord, missing: string): FlowState {
	const {hop1 = '', hop2 = '', command = ''} = state.inputs;
	const log = addLog(state, {
		status: 'failed',
		title: `${hop1} cannot find ${missing}: the command did not reach it`,
		details: [],
		error,
		machine: hop1,
		command: runOnFirstHopCommand(hop1, command, 'Default'),
	});
	const why = `${missing} was not found from ${hop1}: check the spelling, or use the full name; Resolve-DnsName ${psArgument(missing)} on ${hop1} shows what it finds.`;
	if (sameComputerName(missing, hop2)) return askNameAgain({...state, log}, 'hop2', why);
	const {command: _command, ...inputs} = state.inputs;
	return askNextInput(
		{...state, log, inputs, defaults: {...state.defaults, command}},
		{field: 'command', message: why},
	);
}
