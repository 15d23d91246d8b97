// After the registration: the read in a new session (WinRM restarted and cut the one that
// registered) confirms it, then the admin's command runs through -ConfigurationName, judged as
// the CredSSP verify is.
import {runInConfigurationCommand} from '../../operations/session-configuration.js';
import {shownOnFirstHop} from '../../operations/operation.js';
import {psArgument} from '../../safety/names.js';
import {addLog, errorDetails, finish, hop1Of, run} from '../common.js';
import {concludeFailure, conclusion, commandToUse} from '../conclusions.js';
import {endIfStillFalse, quietFailure} from '../quiet-failure.js';
import type {FlowState, OperationResult} from '../state.js';
import type {ErrorRecord} from '../../windows/records.js';
import {gmsaCheckCommand} from '../../windows/session-configuration.js';
import {configOf, readHop1, winrmBack} from './shared.js';
import {undoLine} from '../planned-change.js';

/** The pause between reads while WinRM on hop 1 comes back, and how many: about 3 minutes. */
const restartPauseSeconds = 15;
const restartReads = 12;
const restartMinutes = (restartPauseSeconds * restartReads) / 60;

/**
 * A read after the registration that WinRM on hop 1 did not answer: it restarts to load the
 * configuration, which can take minutes (it can hang in Stopping: PowerShell/JEA#30). doublehop
 * reads again every 15 s for about 3 minutes; a registration is told by a read, never by silence.
 */
export function onUnansweredRead(state: FlowState, error: ErrorRecord): FlowState {
	const hop1 = hop1Of(state);
	const config = configOf(state);
	const reads = (config.unansweredReads ?? 0) + 1;
	const next: FlowState = {...state, sessionConfig: {...config, unansweredReads: reads}};
	if (reads > restartReads) return registeredOrNot(next, error);
	if (reads > 1) return readHop1(next, restartPauseSeconds);
	const log = addLog(state, {
		status: 'info',
		title: `Waiting for ${winrmBack(hop1)}: it restarts to load the configuration (up to ${restartMinutes} minutes, reading again every ${restartPauseSeconds} s)`,
		details: [`${hop1}: "${error.message}"`],
	});
	return readHop1({...next, log}, restartPauseSeconds);
}

/**
 * WinRM on hop 1 did not answer again in time: whether the configuration is registered is not
 * known, so it is kept as a change that may be made (its undo unregisters it if it is there).
 */
function registeredOrNot(state: FlowState, error: ErrorRecord): FlowState {
	const change = state.proposed;
	const {plan, unanswered} = configOf(state);
	if (change === undefined || plan === undefined) return state;
	const hop1 = hop1Of(state);
	const title = `WinRM on ${hop1} did not answer again in ${restartMinutes} minutes: whether ${plan.name} is registered is unknown`;
	const log = addLog(state, {
		status: 'failed',
		title,
		details: [
			...(unanswered === undefined
				? []
				: [`The registering call got no answer in time: "${unanswered}"`]),
			`The last read: "${error.message}"`,
		],
		error,
		command: change.command,
	});
	const maybe = {...change, after: `${change.after} (maybe: ${hop1} did not answer to tell)`};
	return finish(
		{...state, log, proposed: undefined, changes: [...state.changes, maybe]},
		conclusion('unknown', `${plan.name} may or may not be registered on ${hop1}`, {
			details: [
				`Registering restarts WinRM on ${hop1}, and it did not answer again within ${restartMinutes} minutes, so doublehop could not read whether ${plan.name} is there.`,
			],
			nextSteps: [
				{
					say: `Once ${hop1} answers again, see whether it is registered (it lists ${plan.name}, or finds none):`,
					run: shownOnFirstHop(hop1, `Get-PSSessionConfiguration -Name ${psArgument(plan.name)}`),
				},
				{
					say: `If it still does not answer, look at WinRM on ${hop1} itself (console or RDP): Stopped, start it with Start-Service WinRM; stuck in Stopping, restart ${hop1}:`,
					run: 'Get-Service WinRM',
				},
				{
					say: 'To take it back whether or not it is registered (it checks the machine first):',
					run: state.undoCommand,
				},
			],
		}),
	);
}

export function onConfirmed(
	state: FlowState,
	read: {configurations: {name: string; runAsUser?: string}[]},
): FlowState {
	const change = state.proposed;
	const {plan, cut = '', unanswered = '', unansweredReads = 0} = configOf(state);
	if (change === undefined || plan === undefined) return state;
	const hop1 = hop1Of(state);
	const found = read.configurations.find(
		(entry) => entry.name.toLowerCase() === plan.name.toLowerCase(),
	);
	const how =
		cut !== ''
			? [
					`WinRM restarted on ${hop1} to load it, and cut the session that registered it, as it does: "${cut}"`,
				]
			: unanswered !== ''
				? [
						`The registering call got no answer in time, as WinRM restarted on ${hop1} to load it: "${unanswered}"`,
					]
				: [];
	const back = unansweredReads === 0 ? [] : [`WinRM on ${hop1} answered again after a while.`];
	const restart =
		how.length === 0
			? []
			: [
					...how,
					...back,
					`Read again in a new session: ${plan.name} is ${found === undefined ? 'not' : ''} registered.`.replace(
						'is  registered',
						'is registered',
					),
				];
	if (found === undefined) {
		const log = addLog(state, {
			status: 'failed',
			title: `${plan.name} is not registered on ${hop1}`,
			details: restart,
			command: change.command,
		});
		return finish(
			{...state, log},
			conclusion('failed', `The configuration was not registered on ${hop1}`, {
				details: ['Get-PSSessionConfiguration does not list it.'],
				nextSteps: [{say: `Run it on ${hop1} yourself to see its error:`, run: change.command}],
			}),
		);
	}
	const log = addLog(state, {
		status: 'changed',
		title: `Changed ${change.setting} on ${change.machine}`,
		details: [
			`Before: ${change.before}`,
			`After: ${change.after}`,
			...restart,
			...undoLine(state, change),
		],
		machine: change.machine,
		command: change.command,
	});
	const command = state.inputs.command ?? '';
	return {
		...state,
		log,
		proposed: undefined,
		changes: [...state.changes, change],
		stage: 'session-config',
		pending: run(
			'run-in-configuration',
			{hop1, name: plan.name, command},
			hop1,
			runInConfigurationCommand(hop1, plan.name, command),
		),
	};
}

export function onRunInConfiguration(
	state: FlowState,
	result: OperationResult<'run-in-configuration'>,
): FlowState {
	const hop1 = hop1Of(state);
	const hop2 = state.inputs.hop2 ?? '';
	const {plan} = configOf(state);
	const name = plan?.name ?? '';
	const shown = runInConfigurationCommand(hop1, name, state.inputs.command ?? '');
	// Its PowerShell is the "Undo:" above: a command inside these words would be cut as words.
	const takeBack = {
		say: 'To take it back (it shows the PowerShell it runs before it runs it):',
		run: state.undoCommand,
	};
	if (!result.ok) {
		const log = addLog(state, {
			status: 'failed',
			title: `Still failing through ${name}`,
			details: errorDetails(state, result.error),
			error: result.error,
			machine: hop1,
			command: shown,
		});
		const {conclusion: failure} = concludeFailure('verify', result.error, state.inputs);
		// The gMSA was not checked before (Test-ADServiceAccount had no domain controller in reach).
		const {read} = configOf(state);
		const check =
			plan?.kind === 'jea' && read !== undefined && read.gmsaUsable !== true
				? [
						{
							say: `Whether ${hop1} may use ${plan.runAs} was not checked; on ${hop1} itself (console or RDP):`,
							run: gmsaCheckCommand(plan.runAs),
						},
					]
				: [];
		// Its own headline: concludeFailure's for 'verify' is CredSSP's ("Verify with CredSSP failed").
		const withUndo = failure && {
			...failure,
			headline: `The command still fails on ${hop1} through ${name}`,
			nextSteps: [...failure.nextSteps, ...check, takeBack],
		};
		return finish({...state, log}, {conclusion: withUndo});
	}
	const ran = {how: `-ConfigurationName ${name}`, machine: hop1, command: shown};
	const stillFalse = endIfStillFalse(state, {...ran, output: result.value.output});
	if (stillFalse !== undefined) return stillFalse;
	const quiet = quietFailure(state, result.value.output);
	const log = addLog(state, {
		status: 'passed',
		title: `Fixed: the command works on ${hop1} through ${name}, as ${plan?.runAs ?? ''}`,
		details:
			quiet === undefined
				? []
				: [
						'It ran without an error but printed nothing, as before. With nothing to list that is expected; to be sure no error was silenced, run it with -ErrorAction Stop.',
					],
		machine: hop1,
		command: shown,
		output: result.value.output,
	});
	return finish(
		{...state, log},
		conclusion('fixed', `${hop1} reaches ${hop2} as ${plan?.runAs ?? ''} through ${name}`, {
			nextSteps: [commandToUse('Use:', shown, state), takeBack],
		}),
	);
}
