// The JEA and RunAs methods: a session configuration on the first hop that runs the admin's
// command as another account (a gMSA, or an account whose password the configuration stores), so
// the second hop is that account's own logon, not a delegation. Steps: the account and a read of
// hop 1 (its configurations, PowerShell version, whether the gMSA is usable; RunAs reads first, then
// asks the account and its password),
// the registration at a yes (journalled; its undo unregisters it), a read again after WinRM's
// restart, then the admin's command through `-ConfigurationName`, judged as the CredSSP verify is.
// This file: the account (and a RunAs password) and the read of hop 1; register.ts the
// registration, verify.ts the read after the restart and the command run through it.
import {checkGmsaAccount, checkRunAsAccount, psArgument} from '../../safety/names.js';
import type {Secret} from '../../safety/secret.js';
import {
	cmdletsOf,
	gmsaCheckCommand,
	providersOf,
	psscPathFor,
	psVersionProblem,
	runsInNoLanguage,
	uniqueConfigurationName,
	type SessionConfigurationKind,
	type SessionConfigurationPlan,
	type SessionConfigurationsRead,
} from '../../windows/session-configuration.js';
import {addLog, ask, errorDetails, finish, hop1Of, userOf} from '../common.js';
import {concludeFailure, conclusion} from '../conclusions.js';
import type {FlowState, OperationResult, SessionConfigurationField} from '../state.js';
import {proposeRegistration, registerAgain} from './register.js';
import {
	disableRunAsKey,
	disableRunAsPolicy,
	disableRunAsValue,
	runAsDisabledByPolicy,
} from '../../windows/runas-credentials.js';
import {askRunAsPassword, configOf, readHop1} from './shared.js';
import {onConfirmed, onUnansweredRead} from './verify.js';

const methodName: Record<SessionConfigurationKind, string> = {
	jea: 'JEA with a group managed service account',
	runas: 'a RunAs session configuration',
};

const fieldOf: Record<SessionConfigurationKind, SessionConfigurationField> = {
	jea: 'gmsa',
	runas: 'runas-user',
};

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
	// RunAs reads hop 1 before the account: a policy that forbids storing its password is said
	// before anything is typed. JEA's read needs the gMSA, so it asks first.
	return kind === 'runas' ? readHop1(state) : askAccount(state, initial);
}

function askAccount(state: FlowState, initial: string, error?: string): FlowState {
	const {kind} = configOf(state);
	const hop1 = hop1Of(state);
	const hop2 = state.inputs.hop2 ?? '';
	const label =
		kind === 'jea'
			? `Group managed service account the JEA configuration on ${hop1} runs as (DOMAIN\\name)`
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
	const previous = configOf(state);
	// A gMSA is taken as DOMAIN\name or DOMAIN\name$ and kept as the account, with its $; a RunAs
	// account as DOMAIN\user or a UPN, the forms WinRM logs on.
	const checked = previous.kind === 'jea' ? checkGmsaAccount(value) : checkRunAsAccount(value);
	if (!checked.ok) return askAccount(state, initial, checked.reason);
	const changed = previous.account?.toLowerCase() !== checked.value.toLowerCase();
	// Another account after a refusal: its own attempts, and its registration shown and asked
	// again (the yes was for the other account's command).
	const {runAsRefusals: _refusals, ...rest} = previous;
	const config = changed ? {...rest, account: checked.value} : previous;
	const {proposed: _shown, ...unproposed} = state;
	const next: FlowState = changed ? unproposed : state;
	// RunAs read hop 1 already; JEA's read checks the gMSA now. A RunAs password is asked for
	// only where it can be stored.
	return config.kind === 'runas' && config.read !== undefined
		? planRegistration({...next, sessionConfig: config}, config.read)
		: readHop1({...next, sessionConfig: config});
}

export function onRunAsPassword(state: FlowState, password: Secret): FlowState {
	const {account = '', runAsRefusals = 0} = configOf(state);
	if (password.length === 0 && runAsRefusals > 0)
		return askAccount(
			state,
			account,
			`Type the account to use (DOMAIN\\user or user@domain.com); Enter keeps ${account}.`,
		);
	if (password.length === 0)
		return askRunAsPassword(state, 'Enter the password (it is not shown as you type).');
	const next = {...state, sessionConfig: {...configOf(state), runAsPassword: password}};
	// Asked again after WinRM refused it: the admin said yes to this registration already.
	return state.proposed === undefined ? proposeRegistration(next) : registerAgain(next);
}

export function onSessionConfigurations(
	state: FlowState,
	result: OperationResult<'read-session-configurations'>,
): FlowState {
	const hop1 = hop1Of(state);
	const config = configOf(state);
	// After the registration, WinRM on hop 1 may still be restarting: it is waited for.
	if (!result.ok && config.registered === true) return onUnansweredRead(state, result.error);
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
	if (kind === 'runas' && read.runAsDisabled === true) return runAsForbidden(state);
	const notChecked =
		kind === 'jea' && read.gmsaUsable === undefined && read.gmsaError !== undefined;
	if (kind === 'jea' && read.gmsaUsable !== true && !notChecked) {
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
	if (kind === 'runas' && config.account === undefined)
		return askAccount({...state, sessionConfig: {...config, read}}, state.runAsUserGiven ?? '');
	return planRegistration(state, read, notChecked);
}

/** The configuration to register, once hop 1 was read and the account is known. */
function planRegistration(
	state: FlowState,
	read: SessionConfigurationsRead,
	notChecked = false,
): FlowState {
	const hop1 = hop1Of(state);
	const config = configOf(state);
	const {kind, account = ''} = config;
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
	const clashLog =
		chosen.clash === undefined
			? state.log
			: addLog(state, {
					status: 'info',
					title: `${chosen.clash} is already registered on ${hop1}: doublehop leaves it as it is and registers ${chosen.name}`,
					details: [],
				});
	const log = notChecked
		? addLog({...state, log: clashLog}, gmsaNotChecked(state, read))
		: clashLog;
	const planned: FlowState = {...state, log, sessionConfig: {...config, read, plan}};
	return kind === 'runas' ? askRunAsPassword(planned) : proposeRegistration(planned);
}

/**
 * "Disallow WinRM from storing RunAs credentials" is Enabled on hop 1: WinRM would refuse the
 * registration (0x803381E0), so RunAs is not planned, and what stores no password is named.
 */
function runAsForbidden(state: FlowState): FlowState {
	const hop1 = hop1Of(state);
	return stopped(
		state,
		`Group Policy forbids a RunAs configuration on ${hop1}`,
		[
			`On ${hop1}, "Disallow WinRM from storing RunAs credentials" is Enabled (${disableRunAsKey}\\${disableRunAsValue} = 1): ${disableRunAsPolicy}.`,
			`Register-PSSessionConfiguration -RunAsCredential would fail there: "${runAsDisabledByPolicy}"`,
		],
		[
			'Run doublehop again with --method jea: JEA with a group managed service account stores no password, so this policy does not stop it.',
			`Or ask the owner of the Group Policy to set it to Disabled or Not Configured for ${hop1}. Security baselines (CIS, DISA STIG) enable it on purpose.`,
		],
	);
}

/**
 * Test-ADServiceAccount threw in the session on hop 1 (mostly: no domain controller reachable from
 * it, the AD module's own second hop): not checked, so the flow goes on, and the admin is told how
 * to check it where it can be checked. Registering is journalled and proven after; a gMSA hop 1 may
 * not use fails that proof.
 */
function gmsaNotChecked(state: FlowState, read: SessionConfigurationsRead) {
	const hop1 = hop1Of(state);
	const {account = ''} = configOf(state);
	return {
		status: 'info' as const,
		title: `Not checked: whether ${hop1} may use ${account} (Test-ADServiceAccount failed in the remote session)`,
		details: [
			`Test-ADServiceAccount: ${read.gmsaDetail ?? ''} (${read.gmsaError ?? ''})`,
			...(read.gmsaError?.startsWith('ActiveDirectoryServer:') === true
				? [
						`It asks a domain controller as the session's logon, which has no credential to pass on from ${hop1}: the same second hop this run is about.`,
					]
				: []),
			'doublehop goes on: the command run through the configuration proves it.',
			{
				say: `To check it yourself, run on ${hop1} itself, at its console or over RDP (True: ${hop1} may use it):`,
				run: gmsaCheckCommand(account),
			},
		],
	};
}
