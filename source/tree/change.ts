// Stages 6 to 10: the risk, the three changes (each on its own machine, each asked for), and
// the verification. Each change is proposed as a ChangeRecord before the question, so what the
// admin approves is exactly what is journalled, run, and later undone.
import type {ErrorRecord} from '../windows/records.js';
import {
	createHttpsListenerCommands,
	httpsFirewallRuleDisplayName,
	httpsFirewallRuleName,
} from '../operations/create-https-listener.js';
import {enableClientCredSspCommand} from '../operations/enable-client-credssp.js';
import {enableServerCredSspCommand} from '../operations/enable-server-credssp.js';
import {setClientCredSspCommand} from '../operations/set-client-credssp.js';
import {setDelegationListCommands} from '../operations/set-delegation-list.js';
import {listCertificatesCommand} from '../operations/list-certificates.js';
import {listListenersCommand} from '../operations/list-listeners.js';
import {runOnFirstHopCommand} from '../operations/run-on-first-hop.js';
import {psArgument} from '../safety/names.js';
import {certificateProblems, usableCertificate} from '../windows/certificates.js';
import {
	addLog,
	ask,
	changeView,
	clientName,
	errorDetails,
	finish,
	hop1Of,
	run,
	userOf,
	yesNo,
} from './common.js';
import {concludeFailure, conclusion, leftUndone} from './conclusions.js';
import {riskLines} from './risk.js';
import type {ChangeRecord, ConfirmId, FlowState, OperationResult, Pending} from './state.js';
import {proposal} from './proposal.js';
import {undoCommandFor} from './undo-commands.js';
import {afterWinRMStarted, startItYourself} from './winrm-service.js';

const listText = (list: readonly string[]) => list.join(', ') || '(empty)';

// ---- client -----------------------------------------------------------------------------

export function enterClient(state: FlowState): FlowState {
	const plan = state.plan?.client;
	const client = state.facts.client;
	if (plan === undefined || client === undefined) return state;
	if (plan.action === 'skip' || plan.action === 'blocked') {
		const log = addLog(
			{...state, stage: 'client'},
			{status: 'skipped', title: 'Client side already done', details: [plan.reason]},
		);
		return enterServer({...state, log});
	}
	const enable = plan.action === 'enable';
	// The list Enable-WSManCredSSP appends to is the local GPO's; HKLM is the copy in force.
	const listBefore = enable ? plan.before : client.allowFreshCredentials;
	const gpoDiffers = listText(listBefore) !== listText(client.allowFreshCredentials);
	const current = [
		`WinRM client CredSSP: ${yesNo(client.enabled)}${client.policyAllowCredSsp ? ' (set by Group Policy)' : ''}`,
		`Delegation list (AllowFreshCredentials): ${listText(client.allowFreshCredentials)}`,
		...(gpoDiffers
			? [
					`Local Group Policy list (Registry.pol), applied at the next refresh: ${listText(listBefore)}`,
				]
			: []),
	];
	const after = enable ? plan.after : client.allowFreshCredentials;
	const command = !enable
		? setClientCredSspCommand(true)
		: plan.onlyDelegation
			? setDelegationListCommands(plan.after).join('\n')
			: enableClientCredSspCommand(plan.add);
	const proposed = proposal(state, {
		stage: 'client',
		machine: clientName(state),
		setting:
			enable && plan.onlyDelegation ? 'delegation list' : 'CredSSP client and delegation list',
		before: `CredSSP ${yesNo(client.enabled)}; list: ${listText(listBefore)}`,
		after: `CredSSP on; list: ${listText(after)}`,
		command,
		undo: {
			kind: 'restore-client',
			enabledBefore: client.enabled,
			added: after.slice(listBefore.length),
		},
	});
	const afterLines = enable
		? [
				`Delegation list after: ${listText(plan.after)}`,
				plan.onlyDelegation
					? 'WinRM client CredSSP: left to Group Policy, which already turns it on (Enable-WSManCredSSP would fail: "controlled by policies"), so only the delegation entry is added, in the local Group Policy object and HKLM.'
					: 'WinRM client CredSSP after: on',
				...(plan.before.length > 0
					? [`Existing entries are kept, in order: ${listText(plan.before)}`]
					: []),
			]
		: ['WinRM client CredSSP after: on', plan.reason];
	return {
		...state,
		stage: 'client',
		proposed,
		view: changeView(clientName(state), current, [command], afterLines),
		pending: ask({
			kind: 'confirm',
			id: 'client',
			question: `Make this change on ${clientName(state)}?`,
		}),
	};
}

// ---- server -----------------------------------------------------------------------------

function enterServer(state: FlowState): FlowState {
	const plan = state.plan?.server;
	const hop1 = hop1Of(state);
	if (plan === undefined) return state;
	if (plan.action !== 'enable') {
		const log = addLog(
			{...state, stage: 'server'},
			{status: 'skipped', title: `Server side on ${hop1} already done`, details: [plan.reason]},
		);
		return enterListener({...state, log});
	}
	const command = enableServerCredSspCommand(hop1);
	return {
		...state,
		stage: 'server',
		proposed: proposal(state, {
			stage: 'server',
			machine: hop1,
			setting: 'WinRM service CredSSP',
			before: 'off',
			after: 'on',
			command,
			undo: {kind: 'disable-server', hop1},
		}),
		view: changeView(
			hop1,
			[`WinRM service CredSSP on ${hop1}: off`],
			[command],
			[`WinRM service CredSSP on ${hop1} after: on`],
		),
		pending: ask({kind: 'confirm', id: 'server', question: `Make this change on ${hop1}?`}),
	};
}

// ---- listener ---------------------------------------------------------------------------

function enterListener(state: FlowState): FlowState {
	const hop1 = hop1Of(state);
	return {
		...state,
		stage: 'listener',
		view: undefined,
		proposed: undefined,
		pending: run('list-listeners', {hop1}, hop1, listListenersCommand(hop1)),
	};
}

export function onListeners(
	state: FlowState,
	result: OperationResult<'list-listeners'>,
): FlowState {
	const hop1 = hop1Of(state);
	if (!result.ok) return skipListener(state, 'Could not list the WinRM listeners', result.error);
	const listeners = result.value;
	const facts = {...state.facts, listeners};
	const https = listeners.find((l) => l.transport === 'HTTPS');
	if (https !== undefined) {
		const log = addLog(state, {
			status: 'skipped',
			title: `${hop1} already has an HTTPS listener`,
			details: [`Port ${https.port}, certificate ${https.certificateThumbprint}`],
		});
		return startVerify({...state, facts, log});
	}
	return {
		...state,
		facts,
		pending: run('list-certificates', {hop1}, hop1, listCertificatesCommand(hop1)),
	};
}

export function onCertificates(
	state: FlowState,
	result: OperationResult<'list-certificates'>,
): FlowState {
	const hop1 = hop1Of(state);
	if (!result.ok) return skipListener(state, 'Could not list the certificates', result.error);
	const certificates = result.value;
	const fqdn = state.facts.firstHop?.fqdn ?? hop1;
	const facts = {...state.facts, certificates};
	const listenerLines = (state.facts.listeners ?? []).map(
		(l) => `Listener: ${l.transport} on port ${l.port}`,
	);
	const certLines = certificates.map((cert) => {
		const problems = certificateProblems(cert, fqdn);
		return `Certificate ${cert.subject} (${cert.thumbprint.slice(0, 8)}...): ${problems.length === 0 ? 'suitable' : problems.join(', ')}`;
	});
	const usable = usableCertificate(certificates, fqdn);
	if (usable === undefined) {
		const log = addLog(state, {
			status: 'skipped',
			title: `No HTTPS listener: ${hop1} has no certificate quickconfig will accept`,
			details: [
				...listenerLines,
				...(certLines.length > 0 ? certLines : ['No certificates in Cert:\\LocalMachine\\My.']),
				'winrm quickconfig -transport:https would refuse: "a certificate must have a CN matching the hostname, be appropriate for Server Authentication, and not be expired, revoked, or self-signed."',
				`To add HTTPS later: enroll a certificate for ${fqdn} from your CA (e.g. Get-Certificate -Template WebServer -DnsName ${fqdn} -CertStoreLocation Cert:\\LocalMachine\\My on ${hop1}), then run doublehop again.`,
				'HTTPS is optional here: with Kerberos, CredSSP over HTTP is already encrypted and the server is authenticated.',
			],
		});
		return startVerify({...state, facts, log});
	}
	const firewallRule = httpsFirewallRuleName(state.runId);
	const commands = createHttpsListenerCommands(hop1, firewallRule);
	return {
		...state,
		facts,
		proposed: proposal(state, {
			stage: 'listener',
			machine: hop1,
			setting: 'HTTPS listener and firewall rule',
			before: 'no HTTPS listener',
			after: `HTTPS listener on 5986 (${usable.thumbprint})`,
			command: commands.join('\n'),
			undo: {kind: 'remove-listener', hop1, port: 5986, firewallRule},
		}),
		view: changeView(hop1, [...listenerLines, ...certLines], commands, [
			`Listener after: HTTPS on port 5986 with certificate ${usable.thumbprint}`,
			`Firewall after: TCP 5986 allowed in on the Domain profile, by rule ${firewallRule} ("${httpsFirewallRuleDisplayName}"), unless an enabled rule already allows it`,
			'Optional: CredSSP works over HTTP with Kerberos. HTTPS adds server authentication by certificate.',
		]),
		pending: ask({
			kind: 'confirm',
			id: 'listener',
			question: `Create an HTTPS listener on ${hop1}? (optional)`,
		}),
	};
}

function skipListener(state: FlowState, title: string, error: ErrorRecord): FlowState {
	const log = addLog(state, {
		status: 'skipped',
		title: `${title}; the optional HTTPS step is skipped`,
		details: [],
		error,
	});
	return startVerify({...state, log});
}

// ---- answers ----------------------------------------------------------------------------

const declinedWhat: Record<ConfirmId, string> = {
	winrm: 'the WinRM service was not started',
	risk: 'CredSSP was not accepted',
	client: 'the client change was not made',
	server: 'the change on the first hop was not made',
	listener: 'no HTTPS listener',
	undo: 'the change was kept',
};

function onNo(state: FlowState, id: ConfirmId, auto: boolean): FlowState {
	if (id === 'listener') {
		const log = addLog(state, {
			status: 'skipped',
			title: auto
				? 'No HTTPS listener (not in --steps)'
				: 'No HTTPS listener (you chose not to create one)',
			details: [],
		});
		return startVerify({...state, log});
	}
	// An answer given by the --json policy is not the admin's "no": the run only reports.
	const log = addLog(state, {
		status: 'declined',
		title: auto
			? `Not made without --yes --steps ${id === 'risk' ? 'client,server' : id}: ${declinedWhat[id]}`
			: `You said no: ${declinedWhat[id]}`,
		details: ['Nothing was changed at this step.'],
	});
	return finish(
		{...state, log},
		auto
			? conclusion('needs-changes', 'Changes needed: CredSSP is not set up for this double hop', {
					leftUndone: leftUndone(state),
				})
			: conclusion('declined', 'Stopped at your answer', {
					leftUndone: leftUndone(state),
					...(id === 'winrm' ? {nextSteps: startItYourself} : {}),
				}),
	);
}

/** In a dry run a yes walks on without running anything; the change is recorded as planned. */
function dryRunChange(state: FlowState, change: ChangeRecord): FlowState {
	return recordChange(
		state,
		{...change, dryRun: true},
		{
			status: 'skipped',
			title: `Dry run: would change ${change.setting} on ${change.machine}`,
		},
	);
}

/** The remote action that makes an approved change, with its arguments. */
export function changeOperation(state: FlowState, change: ChangeRecord): Pending {
	const {machine, command} = change;
	const hop1 = hop1Of(state);
	switch (change.stage) {
		case 'winrm':
			return run('start-winrm-service', {}, machine, command, change);
		case 'client': {
			const plan = state.plan?.client;
			if (plan?.action !== 'enable')
				return run('set-client-credssp', {enabled: true}, machine, command, change);
			if (plan.onlyDelegation)
				return run('set-delegation-list', {values: plan.after}, machine, command, change);
			return run('enable-client-credssp', {delegateComputers: plan.add}, machine, command, change);
		}
		case 'server':
			return run('enable-server-credssp', {hop1}, machine, command, change);
		case 'listener': {
			const firewallRule =
				change.undo.kind === 'remove-listener' ? change.undo.firewallRule : undefined;
			return run('create-https-listener', {hop1, firewallRule}, machine, command, change);
		}
	}
}

export function onChangeAnswer(
	state: FlowState,
	id: ConfirmId,
	yes: boolean,
	auto: boolean,
): FlowState {
	if (!yes) return onNo(state, id, auto);
	if (id === 'risk') {
		const log = addLog(state, {
			status: 'passed',
			title: 'Risk acknowledged',
			details: riskLines(hop1Of(state), userOf(state), state.undoCommand).slice(0, 1),
		});
		return enterClient({...state, log});
	}
	const change = state.proposed;
	if (change === undefined || id === 'undo') return state;
	if (state.dryRun) return dryRunChange(state, change);
	return {...state, pending: changeOperation(state, change)};
}

// ---- results ----------------------------------------------------------------------------

function nextAfter(stage: ChangeRecord['stage'], state: FlowState): FlowState {
	if (stage === 'winrm') return afterWinRMStarted(state);
	if (stage === 'client') return enterServer(state);
	if (stage === 'server') return enterListener(state);
	return startVerify(state);
}

/** Logs a change, made or (in a dry run) planned, and moves on to the step after it. */
function recordChange(
	state: FlowState,
	change: ChangeRecord,
	how: {status: 'changed' | 'skipped'; title: string; output?: string},
): FlowState {
	const log = addLog(state, {
		status: how.status,
		title: how.title,
		details: [`Before: ${change.before}`, `After: ${change.after}`, `Undo: ${change.undoCommand}`],
		machine: change.machine,
		command: change.command,
		...(how.output === undefined ? {} : {output: how.output}),
	});
	return nextAfter(change.stage, {
		...state,
		log,
		view: undefined,
		proposed: undefined,
		changes: [...state.changes, change],
	});
}

function committed(state: FlowState, change: ChangeRecord, output: string): FlowState {
	return recordChange(state, change, {
		status: 'changed',
		title: `Changed ${change.setting} on ${change.machine}`,
		output,
	});
}

/** No answer in time: the change is counted as maybe made, so the summary and undo know of it. */
function noAnswerToChange(state: FlowState, change: ChangeRecord, error: ErrorRecord): FlowState {
	const title = `No answer in time from ${change.machine}: the change may still be running and may still complete`;
	const log = addLog(state, {
		status: 'failed',
		title,
		details: errorDetails(state, error),
		error,
		command: change.command,
	});
	const maybe = {...change, after: `${change.after} (maybe: no answer in time)`};
	return finish(
		{...state, log, changes: [...state.changes, maybe]},
		conclusion('failed', title, {
			details: [
				`${change.setting} on ${change.machine} may have been made, or may still be made while the command runs on.`,
			],
			nextSteps: [
				`Wait a minute, then run doublehop again: it reads what is in place and skips it. Or take it back with ${state.undoCommand}, which checks the machine first.`,
			],
			leftUndone: leftUndone(state),
		}),
	);
}

/** The operations that make a change the admin approved. */
type ChangeName =
	| 'start-winrm-service'
	| 'enable-client-credssp'
	| 'set-delegation-list'
	| 'set-client-credssp'
	| 'enable-server-credssp'
	| 'create-https-listener';

/** The result of the remote action that made an approved change (changeOperation). */
export function onChangeDone(state: FlowState, result: OperationResult<ChangeName>): FlowState {
	const operation = state.pending.kind === 'run' ? state.pending.operation : undefined;
	const change = operation?.change;
	if (operation === undefined || change === undefined) return state;
	if (!result.ok) {
		// A time-out gave up waiting, not the change: it may still be running and complete.
		if (result.error.fullyQualifiedErrorId === 'OperationTimeout,doublehop') {
			return noAnswerToChange(state, change, result.error);
		}
		const optional = change.stage === 'listener';
		const log = addLog(state, {
			status: 'failed',
			title: optional
				? 'The HTTPS listener was not created'
				: `The change failed on ${change.machine}`,
			details: [
				...errorDetails(state, result.error),
				...(optional ? ['HTTPS is optional; going on to verify over HTTP.'] : []),
			],
			error: result.error,
			command: change.command,
		});
		if (optional) return startVerify({...state, log, proposed: undefined});
		return finish(
			{...state, log},
			concludeFailure(state.stage, result.error, state.inputs, leftUndone(state)),
		);
	}
	const created = result.value;
	if (!('listener' in created) || change.undo.kind !== 'remove-listener') {
		return committed(state, change, created.output);
	}
	// Only a firewall rule this run created is ours to remove later.
	const {firewallRule: _rule, ...undo} = change.undo;
	const record = {
		...change,
		after: `${change.after}${created.firewallRule ? `, firewall rule ${created.firewallRule} ("${httpsFirewallRuleDisplayName}")` : ''}`,
		undo: created.firewallRule ? {...undo, firewallRule: created.firewallRule} : undo,
	};
	return committed(state, {...record, undoCommand: undoCommandFor(record)}, created.output);
}

// ---- verify -----------------------------------------------------------------------------

export function startVerify(state: FlowState): FlowState {
	const {hop1 = '', command = ''} = state.inputs;
	if (state.dryRun && state.changes.length > 0) {
		return finish(
			state,
			conclusion('needs-changes', `Dry run: ${state.changes.length} change(s) would be made`, {
				details: ['Nothing was changed. Without --dry-run, each change is asked for again.'],
				leftUndone: leftUndone(state),
			}),
		);
	}
	return {
		...state,
		stage: 'verify',
		view: undefined,
		proposed: undefined,
		pending: run(
			'run-on-first-hop',
			{hop1, command, authentication: 'CredSSP'},
			hop1,
			runOnFirstHopCommand(hop1, command, 'CredSSP'),
		),
	};
}

export function onVerify(state: FlowState, result: OperationResult<'run-on-first-hop'>): FlowState {
	const {hop1 = '', hop2 = '', command = ''} = state.inputs;
	const verifyCommand = runOnFirstHopCommand(hop1, command, 'CredSSP');
	if (!result.ok) {
		const log = addLog(state, {
			status: 'failed',
			title: 'Still failing with -Authentication CredSSP',
			details: errorDetails(state, result.error),
			error: result.error,
			machine: hop1,
			command: verifyCommand,
		});
		return finish({...state, log}, concludeFailure('verify', result.error, state.inputs));
	}
	const log = addLog(state, {
		status: 'passed',
		title: `Fixed: the command works on ${hop1} with -Authentication CredSSP`,
		details: [],
		machine: hop1,
		command: verifyCommand,
		output: result.value.output,
	});
	const fixed = state.changes.length > 0;
	return finish(
		{...state, log},
		conclusion(
			fixed ? 'fixed' : 'already-fixed',
			fixed
				? `Fixed: ${hop1} can now reach ${hop2} with your credentials`
				: `Already fixed: CredSSP to ${hop1} is in place and works`,
			{
				details: fixed ? [] : ['Nothing was changed.'],
				nextSteps: [
					`Use: ${verifyCommand.replace('$cred', () => `(Get-Credential ${psArgument(userOf(state))})`)}`,
					`When the work is done, turn CredSSP off again: ${state.undoCommand}`,
				],
			},
		),
	);
}
