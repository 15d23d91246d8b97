// The JEA and RunAs methods: a session configuration on the first hop that runs the admin's
// command as another account (a gMSA, or an account whose password the configuration stores), so
// the second hop is that account's own logon, not a delegation. Steps: the account (and a RunAs
// password), a read of hop 1 (its configurations, PowerShell version, whether the gMSA is usable),
// the registration at a yes (journalled; its undo unregisters it), a read again after WinRM's
// restart, then the admin's command through `-ConfigurationName`, judged as the CredSSP verify is.
import {
	readSessionConfigurationsCommand,
	registerSessionConfigurationCommand,
	registerSessionConfigurationCommands,
	runInConfigurationCommand,
	unregisterSessionConfigurationCommand,
} from '../operations/session-configuration.js';
import {checkUserName, psArgument} from '../safety/names.js';
import type {Secret} from '../safety/secret.js';
import {
	cmdletsOf,
	psscLines,
	providersOf,
	psscPathFor,
	psVersionProblem,
	runsInNoLanguage,
	uniqueConfigurationName,
	type SessionConfigurationKind,
	type SessionConfigurationPlan,
} from '../windows/session-configuration.js';
import {addLog, ask, errorDetails, finish, hop1Of, run, userOf} from './common.js';
import {concludeFailure, conclusion} from './conclusions.js';
import {endIfStillFalse, quietFailure} from './quiet-failure.js';
import type {
	ChangeRecord,
	FlowState,
	OperationResult,
	SessionConfigurationField,
	SessionConfigurationState,
} from './state.js';
import {withPlannedChange} from './planned-change.js';

const methodName: Record<SessionConfigurationKind, string> = {
	jea: 'JEA with a group managed service account',
	runas: 'a RunAs session configuration',
};

const fieldOf: Record<SessionConfigurationKind, SessionConfigurationField> = {
	jea: 'gmsa',
	runas: 'runas-user',
};

function configOf(state: FlowState): SessionConfigurationState {
	return state.sessionConfig ?? {kind: 'jea'};
}

const stopped = (state: FlowState, headline: string, details: string[], nextSteps: string[] = []) =>
	finish(
		state,
		conclusion('blocked', headline, {details: [...details, 'Nothing was changed.'], nextSteps}),
	);

/** The step starts: a JEA session must be able to run the command at all, then the account. */
export function startSessionConfig(
	current: FlowState,
	kind: SessionConfigurationKind,
	initial = '',
): FlowState {
	const state: FlowState = {...current, stage: 'session-config', sessionConfig: {kind}};
	const command = state.inputs.command ?? '';
	if (kind === 'jea') {
		const fits = runsInNoLanguage(command);
		if (!fits.ok)
			return stopped(
				state,
				'JEA cannot run this command',
				[fits.why],
				[
					'Run doublehop again with --method runas: a RunAs configuration runs it in full language.',
				],
			);
	}
	return askAccount(state, initial);
}

function askAccount(state: FlowState, initial: string, error?: string): FlowState {
	const {kind} = configOf(state);
	const hop1 = hop1Of(state);
	const hop2 = state.inputs.hop2 ?? '';
	const label =
		kind === 'jea'
			? `Group managed service account the JEA configuration on ${hop1} runs as (DOMAIN\\name$)`
			: `Account the RunAs configuration on ${hop1} runs as (DOMAIN\\user)`;
	const lines =
		kind === 'jea'
			? [
					`The command runs on ${hop1} as the gMSA, not as ${userOf(state)}: it reaches ${hop2} as the gMSA, which needs the rights there.`,
					`Its password is managed by the domain and never typed: ${hop1} must be allowed to retrieve it (checked next with Test-ADServiceAccount).`,
					'A virtual account (RunAsVirtualAccount) would reach the network as the computer account, so it is not offered.',
				]
			: [
					`The command runs on ${hop1} as this account, not as ${userOf(state)}: it reaches ${hop2} as this account, which needs the rights there.`,
					`${hop1} will store this account's password, and anyone who may connect to the configuration acts as this account.`,
				];
	return {
		...state,
		view: {machine: hop1, sections: [{title: `${methodName[kind]}:`, lines}]},
		pending: ask({
			kind: 'text',
			field: fieldOf[kind],
			label,
			initial,
			...(error === undefined ? {} : {error}),
		}),
	};
}

export function onSessionConfigAccount(state: FlowState, raw: string): FlowState {
	const pending = state.pending;
	const initial =
		pending.kind === 'ask' && pending.prompt.kind === 'text' ? pending.prompt.initial : '';
	const value = raw.trim() === '' ? initial : raw.trim();
	const checked = checkUserName(value);
	if (!checked.ok) return askAccount(state, initial, checked.reason);
	const sessionConfig = {...configOf(state), account: checked.value};
	if (sessionConfig.kind === 'jea') return readHop1({...state, sessionConfig});
	return askRunAsPassword({...state, sessionConfig});
}

function askRunAsPassword(state: FlowState, error?: string): FlowState {
	const {account = ''} = configOf(state);
	return {
		...state,
		pending: ask({
			kind: 'password',
			purpose: 'run-as',
			label: `Password for ${account} (stored on ${hop1Of(state)} by the configuration)`,
			...(error === undefined ? {} : {error}),
		}),
	};
}

export function onRunAsPassword(state: FlowState, password: Secret): FlowState {
	if (password.length === 0)
		return askRunAsPassword(state, 'Enter the password (it is not shown as you type).');
	return readHop1({...state, sessionConfig: {...configOf(state), runAsPassword: password}});
}

function readHop1(state: FlowState): FlowState {
	const hop1 = hop1Of(state);
	const {kind, account} = configOf(state);
	const gmsa = kind === 'jea' ? account : undefined;
	return {
		...state,
		view: undefined,
		pending: run(
			'read-session-configurations',
			{hop1, ...(gmsa === undefined ? {} : {gmsa})},
			hop1,
			readSessionConfigurationsCommand(hop1, gmsa),
		),
	};
}

export function onSessionConfigurations(
	state: FlowState,
	result: OperationResult<'read-session-configurations'>,
): FlowState {
	const hop1 = hop1Of(state);
	const config = configOf(state);
	if (!result.ok) {
		const log = addLog(state, {
			status: 'failed',
			title: `Could not read the session configurations on ${hop1}`,
			details: errorDetails(state, result.error),
			error: result.error,
		});
		return finish({...state, log}, concludeFailure('session-config', result.error, state.inputs));
	}
	if (config.registered === true) return onConfirmed(state, result.value);
	const read = result.value;
	const {kind, account = ''} = config;
	const old = psVersionProblem(kind, read.psVersion);
	if (old !== undefined)
		return stopped(state, `${methodName[kind]} cannot be set up on ${hop1}`, [old]);
	if (kind === 'jea' && read.gmsaUsable !== true) {
		const why =
			read.gmsaUsable === false
				? `Test-ADServiceAccount says ${account} cannot be used on ${hop1}${read.gmsaDetail ? `: ${read.gmsaDetail}` : '.'}`
				: `Whether ${hop1} may use ${account} could not be checked: ${read.gmsaDetail ?? 'Test-ADServiceAccount gave no answer.'}`;
		return stopped(
			state,
			`The gMSA ${account} is not usable on ${hop1}`,
			[why],
			[
				`A domain admin allows it: Set-ADServiceAccount -Identity ${psArgument(account.split('\\').at(-1) ?? account)} -PrincipalsAllowedToRetrieveManagedPassword <the accounts already allowed>, ${hop1.split('.')[0]?.toUpperCase()}$; then on ${hop1}: Install-ADServiceAccount and Test-ADServiceAccount (True).`,
			],
		);
	}
	const chosen = uniqueConfigurationName(kind, read.configurations);
	const plan: SessionConfigurationPlan = {
		kind,
		name: chosen.name,
		runAs: account,
		...(kind === 'jea'
			? {
					roleAccount: userOf(state),
					visibleCmdlets: cmdletsOf(state.inputs.command ?? ''),
					...(providersOf(state.inputs.command ?? '') === undefined
						? {}
						: {visibleProviders: providersOf(state.inputs.command ?? '')}),
					psscPath: psscPathFor(chosen.name),
				}
			: {}),
	};
	const log =
		chosen.clash === undefined
			? state.log
			: addLog(state, {
					status: 'info',
					title: `${chosen.clash} is already registered on ${hop1}: doublehop leaves it as it is and registers ${chosen.name}`,
					details: [],
				});
	return proposeRegistration({...state, log, sessionConfig: {...config, read, plan}});
}

function undoOf(state: FlowState, plan: SessionConfigurationPlan): ChangeRecord['undo'] {
	return {
		kind: 'unregister-session-config',
		hop1: hop1Of(state),
		name: plan.name,
		...(plan.psscPath === undefined ? {} : {psscPath: plan.psscPath}),
		...(state.useSsl === true ? {useSsl: true as const} : {}),
	};
}

function proposeRegistration(state: FlowState): FlowState {
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
						...(plan.kind === 'jea' ? [`Test-ADServiceAccount ${plan.runAs}: True`] : []),
					],
				},
				{
					title: 'Will run:',
					lines: [
						...(plan.kind === 'runas'
							? ['(the password you typed is passed as a credential, never as text)']
							: []),
						...registerSessionConfigurationCommands(plan),
					],
					kind: 'commands',
				},
				...(plan.kind === 'jea'
					? [{title: `The file it writes, ${plan.psscPath ?? ''}:`, lines: psscLines(plan)}]
					: []),
				{title: 'What it means:', lines: means, kind: 'warning' as const},
				{
					title: 'After:',
					lines: [
						`Registering restarts WinRM on ${hop1}: every remote session open there (this one too) is cut, and doublehop opens a new one to check.`,
						`Undo: ${change.undoCommand}`,
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
		return finish(
			withPlannedChange(state, change),
			conclusion('needs-changes', 'Dry run: 1 change would be made', {
				details: ['Nothing was changed. Without --dry-run, each change is asked for again.'],
			}),
		);
	}
	const {plan} = configOf(state);
	if (plan === undefined) return state;
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

export function onRegistered(
	state: FlowState,
	result: OperationResult<'register-session-configuration'>,
): FlowState {
	const change = state.proposed;
	if (change === undefined) return state;
	if (!result.ok) {
		const log = addLog(state, {
			status: 'failed',
			title: `The change failed on ${change.machine}`,
			details: errorDetails(state, result.error),
			error: result.error,
			command: change.command,
		});
		return finish({...state, log}, concludeFailure('session-config', result.error, state.inputs));
	}
	// Whatever the registering session said, a read in a new session tells what is there now.
	const next: FlowState = {
		...state,
		sessionConfig: {...configOf(state), registered: true, cut: result.value.cut},
	};
	return readHop1(next);
}

function onConfirmed(
	state: FlowState,
	read: {configurations: {name: string; runAsUser?: string}[]},
): FlowState {
	const change = state.proposed;
	const {plan, cut = ''} = configOf(state);
	if (change === undefined || plan === undefined) return state;
	const hop1 = hop1Of(state);
	const found = read.configurations.find(
		(entry) => entry.name.toLowerCase() === plan.name.toLowerCase(),
	);
	const restart =
		cut === ''
			? []
			: [
					`WinRM restarted on ${hop1} to load it, and cut the session that registered it, as it does: "${cut}"`,
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
				nextSteps: [`Run it on ${hop1} yourself to see its error: ${change.command}`],
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
			`Undo: ${change.undoCommand}`,
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
		stage: 'verify',
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
	const undo = state.changes.at(-1)?.undoCommand ?? '';
	const takeBack = `To take it back: ${state.undoCommand} (it runs ${undo})`;
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
		const withUndo = failure && {...failure, nextSteps: [...failure.nextSteps, takeBack]};
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
		conclusion('fixed', `Fixed: ${hop1} reaches ${hop2} as ${plan?.runAs ?? ''} through ${name}`, {
			nextSteps: [
				`Use: ${shown.replace('$cred', () => `(Get-Credential ${psArgument(userOf(state))})`)}`,
				takeBack,
			],
		}),
	);
}
