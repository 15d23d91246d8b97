// --method naming a safer method where CredSSP is already set up on both sides. An admin who
// names it usually means to move off CredSSP, which Microsoft ranks least safe (whoever controls
// hop 1 can use the admin's credential: reference §4), so "already fixed" would miss the point.
// The command is run with -Authentication CredSSP first, to say whether CredSSP carries it today;
// then the named method is set up and verified as on any run, and its end names CredSSP as still
// on (credssp-still-on.ts).
import {runOnFirstHopCommand} from '../operations/run-on-first-hop.js';
import {addLog, runCommandOnFirstHop} from './common.js';
import {offerMethods} from './method.js';
import {quietFailure} from './quiet-failure.js';
import type {FlowState, OperationResult} from './state.js';

/** A method other than CredSSP named with --method: the run is there to set that method up. */
export function namesSaferMethod(state: FlowState): boolean {
	return state.methodGiven !== undefined && state.methodGiven !== 'credssp';
}

/** CredSSP in place on both sides, a safer method named: run the command through CredSSP first. */
export function checkCredSspToday(state: FlowState): FlowState {
	return {
		...state,
		stage: 'diagnose',
		pending: runCommandOnFirstHop(state, 'CredSSP'),
	};
}

/** What CredSSP did with the command: said, then the named method is set up whichever it was. */
export function onCredSspToday(
	state: FlowState,
	result: OperationResult<'run-on-first-hop'>,
): FlowState {
	const {hop1 = '', command = ''} = state.inputs;
	const method = state.methodGiven ?? '';
	const shown = runOnFirstHopCommand(hop1, command, 'CredSSP');
	if (!result.ok) {
		const log = addLog(state, {
			status: 'info',
			title: `CredSSP is set up, but the command fails on ${hop1} with it too; --method ${method} is set up next`,
			details: [],
			error: result.error,
			machine: hop1,
			command: shown,
		});
		return offerMethods({...state, log});
	}
	// False through CredSSP too is a refusal, as the verify judges it (quiet-failure.ts).
	if (quietFailure(state, result.value.output)?.answer === 'False') {
		const log = addLog(state, {
			status: 'info',
			title: `CredSSP is set up, but the command answers False on ${hop1} with it too; --method ${method} is set up next`,
			details: [],
			machine: hop1,
			command: shown,
			output: result.value.output,
		});
		return offerMethods({...state, log});
	}
	const log = addLog(state, {
		status: 'passed',
		title: `The command works today on ${hop1} through CredSSP, which --method ${method} is meant to replace`,
		details: [
			`CredSSP leaves your reusable credential on ${hop1} while the session lives: whoever controls ${hop1} can use it. Microsoft ranks it the least safe way across the second hop.`,
			`Next: --method ${method} is set up and verified. CredSSP is left as it is; the end of the run says how to turn it off.`,
		],
		machine: hop1,
		command: shown,
		output: result.value.output,
	});
	return offerMethods({...state, log, facts: {...state.facts, credSspToday: true}});
}
