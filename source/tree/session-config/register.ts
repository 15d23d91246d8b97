// The session configuration registered on the first hop at a yes (journalled; its undo
// unregisters it, and the .pssc a JEA one wrote), then read again in a new session.
import {
	registerSessionConfigurationCommand,
	registerSessionConfigurationCommands,
	removePsscCommand,
	unregisterSessionConfigurationCommand,
} from '../../operations/session-configuration.js';
import {
	gmsaCheckCommand,
	psscLines,
	type SessionConfigurationPlan,
} from '../../windows/session-configuration.js';
import {addLog, ask, errorDetails, finish, hop1Of, run} from '../common.js';
import {concludeFailure, conclusion, dryRunConclusion} from '../conclusions.js';
import {withPlannedChange, undoLine} from '../planned-change.js';
import type {ChangeRecord, FlowState, OperationResult} from '../state.js';
import {askRunAsPassword, configOf, readHop1} from './shared.js';
import {isRunAsCredentialRefused} from '../../windows/runas-credentials.js';
import type {ErrorRecord} from '../../windows/records.js';

function undoOf(state: FlowState, plan: SessionConfigurationPlan): ChangeRecord['undo'] {
	return {
		kind: 'unregister-session-config',
		hop1: hop1Of(state),
		name: plan.name,
		...(plan.psscPath === undefined ? {} : {psscPath: plan.psscPath}),
		...(state.useSsl === true ? {useSsl: true as const} : {}),
	};
}

export function proposeRegistration(state: FlowState): FlowState {
	const hop1 = hop1Of(state);
	const {plan, read} = configOf(state);
	if (plan === undefined || read === undefined) return state;
	const undo = undoOf(state, plan);
	const change: ChangeRecord = {
		id: `${state.runId}:session-config`,
		stage: 'session-config',
		machine: hop1,
		setting: `Session configuration ${plan.name}`,
		before: 'not registered',
		after: `registered, runs as ${plan.runAs}`,
		command: registerSessionConfigurationCommand(hop1, plan),
		undo,
		undoCommand: unregisterSessionConfigurationCommand(hop1, plan.name, plan.psscPath),
	};
	const hop2 = state.inputs.hop2 ?? '';
	const means =
		plan.kind === 'jea'
			? [
					`Only ${plan.roleAccount} may connect (RoleDefinitions), and may run only ${(plan.visibleCmdlets ?? []).join(', ')} besides JEA's eight defaults, in NoLanguage mode.`,
					`The command runs as ${plan.runAs} and reaches ${hop2} as it: nothing of yours is stored on ${hop1}.`,
				]
			: [
					`${hop1} stores the password of ${plan.runAs}. Anyone who may connect to ${plan.name} (by default Administrators and Remote Management Users on ${hop1}) acts as ${plan.runAs}.`,
					'Windows warns of it when it registers: "When RunAs is enabled in a Windows PowerShell session configuration, the Windows security model cannot enforce a security boundary between different user sessions that are created by using this endpoint."',
					`When that password changes, the configuration stops working until it is registered again.`,
				];
	return {
		...state,
		proposed: change,
		view: {
			machine: hop1,
			sections: [
				{
					title: 'Now:',
					lines: [
						`Session configurations on ${hop1}: ${read.configurations.map((entry) => entry.name).join(', ')}`,
						`PowerShell on ${hop1}: ${read.psVersion}`,
						...(plan.kind === 'jea'
							? [
									read.gmsaUsable === true
										? `Test-ADServiceAccount ${plan.runAs}: True`
										: `Test-ADServiceAccount ${plan.runAs}: not checked (${read.gmsaDetail ?? ''})`,
								]
							: []),
					],
				},
				{
					// Every line of a commands section is a command: what is said of them goes in the title.
					title:
						plan.kind === 'runas'
							? 'Will run (the password you typed is passed as a credential, never as text):'
							: 'Will run:',
					lines: registerSessionConfigurationCommands(hop1, plan),
					kind: 'commands',
				},
				...(plan.kind === 'jea'
					? [{title: `The file it writes, ${plan.psscPath ?? ''}:`, lines: psscLines(plan)}]
					: []),
				...(plan.kind === 'jea' && read.gmsaUsable !== true
					? [
							{
								title: 'Not checked:',
								lines: [
									`Whether ${hop1} may use ${plan.runAs}: Test-ADServiceAccount gave no answer in the remote session (it asks a domain controller from ${hop1}, a second hop of its own). If ${hop1} may not retrieve the gMSA's password, the registration or the command run through it fails, and doublehop says how to take it back.`,
									{
										say: `To check it yourself, run on ${hop1} itself, at its console or over RDP (True: it may use it):`,
										run: gmsaCheckCommand(plan.runAs),
									},
								],
								kind: 'warning' as const,
							},
						]
					: []),
				{title: 'What it means:', lines: means, kind: 'warning' as const},
				{
					title: 'After:',
					lines: [
						`Registering restarts WinRM on ${hop1}: every remote session open there (this one too) is cut, and doublehop opens a new one to check.`,
						...undoLine(state, change),
					],
				},
			],
		},
		pending: ask({
			kind: 'confirm',
			id: 'session-config',
			question: `Register ${plan.name} on ${hop1}?`,
		}),
	};
}

export function onSessionConfigAnswer(state: FlowState, yes: boolean, auto: boolean): FlowState {
	const change = state.proposed;
	if (change === undefined) return state;
	if (!yes) {
		const log = addLog(state, {
			status: 'declined',
			title: auto
				? 'Not made without --yes --steps session-config: the configuration was not registered'
				: 'You said no: the configuration was not registered',
			details: ['Nothing was changed at this step.'],
		});
		return finish(
			{...state, log},
			conclusion(
				auto ? 'needs-changes' : 'declined',
				'Stopped before registering the configuration',
				{details: ['Nothing was changed.']},
			),
		);
	}
	if (state.dryRun) {
		const planned = withPlannedChange(state, change);
		return finish(planned, dryRunConclusion(planned));
	}
	return registerAgain(state);
}

/** The registration runs (again, after a RunAs password WinRM refused and the admin typed anew). */
export function registerAgain(state: FlowState): FlowState {
	const change = state.proposed;
	const {plan} = configOf(state);
	if (change === undefined || plan === undefined) return state;
	return {
		...state,
		view: undefined,
		pending: run(
			'register-session-configuration',
			{hop1: hop1Of(state), plan},
			change.machine,
			change.command,
			change,
		),
	};
}

const maxRunAsAttempts = 3;

/**
 * WinRM could not verify the RunAs account and its password (0x803381C3; its words name both, and
 * a mistyped or unknown account fails the logon as a wrong password does): Windows removed the
 * plugin again, so nothing was registered or restarted. The password is asked again, as the
 * admin's own is (a few attempts), and Enter alone goes back to the account; without a terminal
 * the question fails and names both flags.
 */
function runAsCredentialRefused(
	state: FlowState,
	change: ChangeRecord,
	error: ErrorRecord,
): FlowState {
	const config = configOf(state);
	const {account = ''} = config;
	const attempts = (config.runAsRefusals ?? 0) + 1;
	const log = addLog(state, {
		status: 'failed',
		title: `${change.machine} did not accept ${account} and its password (attempt ${attempts} of ${maxRunAsAttempts}): nothing was registered`,
		details: [
			`Windows: "${error.message}"`,
			'Register-PSSessionConfiguration removed the configuration again, and WinRM did not restart.',
		],
		error,
		command: change.command,
	});
	const {runAsPassword: _refused, ...rest} = config;
	const next: FlowState = {...state, log, sessionConfig: {...rest, runAsRefusals: attempts}};
	if (attempts < maxRunAsAttempts)
		return askRunAsPassword(
			next,
			`${change.machine} did not accept ${account} and that password: "${error.message}"`,
		);
	return finish(
		next,
		conclusion(
			'failed',
			`${change.machine} did not accept ${account} and its password ${maxRunAsAttempts} times`,
			{
				details: ['Nothing was changed: each time Windows removed the configuration again.'],
				nextSteps: [
					`Check that ${account} is the account meant (its domain and name), its password, and that it is not locked out or disabled, then run doublehop again.`,
				],
			},
		),
	);
}

export function onRegistered(
	state: FlowState,
	result: OperationResult<'register-session-configuration'>,
): FlowState {
	const change = state.proposed;
	if (change === undefined) return state;
	if (!result.ok && configOf(state).kind === 'runas' && isRunAsCredentialRefused(result.error))
		return runAsCredentialRefused(state, change, result.error);
	// No answer in time: WinRM restarts under the call, and its client tries to reconnect for up
	// to 4 minutes (dsccommunity/xPSDesiredStateConfiguration#639), so the configuration may well
	// be registered. As after the cut, a read in a new session tells.
	if (!result.ok && result.error.fullyQualifiedErrorId === 'OperationTimeout,doublehop')
		return readHop1({
			...state,
			sessionConfig: {...configOf(state), registered: true, unanswered: result.error.message},
		});
	if (!result.ok) {
		// Registering's own error (a WinRM restart's cut is not one: it comes back as `cut`).
		const log = addLog(state, {
			status: 'failed',
			title: `The change failed on ${change.machine}`,
			details: errorDetails(state, result.error),
			error: result.error,
			command: change.command,
		});
		const failure = concludeFailure('session-config', result.error, state.inputs).conclusion;
		const psscPath = configOf(state).plan?.psscPath;
		// New-PSSessionConfigurationFile ran before Register-PSSessionConfiguration failed.
		const leftFile =
			psscPath === undefined
				? []
				: [
						{
							say: `${psscPath} on ${change.machine} was written by New-PSSessionConfigurationFile before the registration failed; it registers nothing, and doublehop undo does not remove it. To remove it:`,
							run: removePsscCommand(change.machine, psscPath),
						},
					];
		return finish(
			{...state, log},
			{conclusion: failure && {...failure, nextSteps: [...failure.nextSteps, ...leftFile]}},
		);
	}
	// Whatever the registering session said, a read in a new session tells what is there now.
	const next: FlowState = {
		...state,
		sessionConfig: {...configOf(state), registered: true, cut: result.value.cut},
	};
	return readHop1(next);
}
