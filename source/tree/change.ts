// What the changes of stages 7 to 9 (and the WinRM service start) share: the admin's answer,
// the operation that makes an approved change, and its result. Each change is proposed as a
// ChangeRecord before the question, so what the admin approves is exactly what is journalled,
// run, and later undone.
import type {ErrorRecord} from '../windows/records.js';
import {httpsFirewallRuleDisplayName} from '../operations/create-https-listener.js';
import {
	addLog,
	errorDetails,
	finish,
	hop1Of,
	methodFits,
	rankingOf,
	run,
	userOf,
} from './common.js';
import {concludeFailure, conclusion, leftUndone} from './conclusions.js';
import {alternativesHere, riskLines} from './risk.js';
import type {ChangeRecord, ConfirmId, FlowState, OperationResult, Pending} from './state.js';
import {undoCommandFor} from './undo-commands.js';
import {withChangeLogged, withPlannedChange} from './planned-change.js';
import {afterWinRMStarted, startItYourself} from './winrm-service.js';
import {enterServer} from './server.js';
import {startVerify} from './verify.js';
import {enterClient} from './client.js';
import {enterListener} from './listener.js';
import {afterTrustedHostAdded, withoutTrustedHosts} from './first-hop-trust.js';
import {askPurge} from './rbkcd.js';
import {knownSids, withDelegate} from '../windows/resource-delegation.js';
import {withoutLocalWinRM} from './method.js';

const declinedWhat: Record<ConfirmId, string> = {
	winrm: 'the WinRM service was not started',
	risk: 'CredSSP was not accepted',
	client: 'the client change was not made',
	server: 'the change on the first hop was not made',
	listener: 'no HTTPS listener',
	undo: 'the change was kept',
	'using-cred': 'the rewritten command was not run',
	'use-name': 'the first hop was kept as typed',
	'trusted-hosts': 'the first hop was not added to TrustedHosts',
	'ntlm-only': 'the NTLM-only delegation entry was not added',
	revert: 'no revert task was scheduled',
	rbkcd: 'the first hop was not added to the principals allowed to delegate',
	'klist-purge': 'the cached Kerberos tickets were not purged',
	'session-config': 'the session configuration was not registered',
	'credssp-off-client': 'the delegation entry stays',
	'credssp-off-server': 'the first hop still accepts CredSSP',
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
	// WinRM kept stopped: the CredSSP fix cannot go on, but $using:cred needs no WinRM here.
	if (
		id === 'winrm' &&
		!auto &&
		state.methodGiven === undefined &&
		methodFits(rankingOf(state), 'using-cred')
	) {
		const log = addLog(state, {
			status: 'declined',
			title: `You said no: ${declinedWhat.winrm}`,
			details: [
				'Nothing was changed at this step.',
				'CredSSP cannot be read or set up on this machine while its WinRM service is stopped; $using:cred changes nothing and needs neither.',
			],
		});
		return withoutLocalWinRM({...state, log, view: undefined, proposed: undefined});
	}
	// An answer given by the --json policy is not the admin's "no": the run only reports.
	const stepsNeeded = id === 'risk' ? 'client,server' : id;
	const log = addLog(state, {
		status: 'declined',
		title: auto
			? `Not made without --yes --steps ${stepsNeeded}: ${declinedWhat[id]}`
			: `You said no: ${declinedWhat[id]}`,
		details: ['Nothing was changed at this step.'],
	});
	const left = leftUndone(state);
	return finish(
		{...state, log},
		auto
			? conclusion(
					'needs-changes',
					id === 'rbkcd'
						? 'Changes needed: resource-based delegation is not set up for this second hop'
						: 'Changes needed: CredSSP is not set up for this double hop',
					{
						leftUndone: left,
						nextSteps: [
							// The run may have had --yes --steps already, without this step; and a dry run
							// run again as it was would plan again, not make.
							`To make them: run the same command again with --yes --steps ${stepsNeeded} (added to any --steps it has${state.dryRun ? ', and without --dry-run' : ''}).`,
							// CredSSP is only --json's default: the method that changes nothing comes first.
							...(id === 'risk' &&
							state.methodGiven === undefined &&
							methodFits(rankingOf(state), 'using-cred')
								? [
										'Or change nothing: the same command with --method using-cred --yes runs your command with $using:cred (recommended here).',
									]
								: []),
						],
					},
				)
			: conclusion('declined', 'Stopped at your answer', {
					leftUndone: left,
					...(id === 'winrm' ? {nextSteps: startItYourself} : {}),
					// No to CredSSP is not the end of the problem: what works without it, filled in.
					...(id === 'risk' ? {nextSteps: alternativesHere(state)} : {}),
					...(id === 'trusted-hosts' || id === 'ntlm-only'
						? {nextSteps: withoutTrustedHosts(state, id)}
						: {}),
				}),
	);
}

/** In a dry run a yes walks on without running anything; the change is recorded as planned. */
function dryRunChange(state: FlowState, change: ChangeRecord): FlowState {
	const planned = withPlannedChange(state, change);
	return nextAfter(change.stage, {...planned, view: undefined, proposed: undefined});
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
			if (plan.onlyDelegation) {
				const args = {values: plan.after, ...(plan.alsoTurnOn ? {enableClient: true} : {})};
				return run('set-delegation-list', args, machine, command, change);
			}
			return run('enable-client-credssp', {delegateComputers: plan.add}, machine, command, change);
		}
		case 'server':
			return run('enable-server-credssp', {hop1}, machine, command, change);
		case 'listener': {
			// The approved change carries the certificate its command names: that is what runs.
			const undo = change.undo.kind === 'remove-listener' ? change.undo : undefined;
			return run(
				'create-https-listener',
				{hop1, firewallRule: undo?.firewallRule, certificate: undo?.certificate},
				machine,
				command,
				change,
			);
		}
		case 'trusted-hosts':
			return run('add-trusted-host', {entry: hop1}, machine, command, change);
		case 'ntlm-only': {
			const plan = state.plan?.ntlmOnly;
			const values = plan?.after ?? [];
			const localGpo = plan?.localGpoAfter;
			return run(
				'set-ntlm-only-list',
				{values, ...(localGpo === undefined ? {} : {localGpo})},
				machine,
				command,
				change,
			);
		}
		case 'revert':
			// Asked and run by tree/time-box.ts, which holds the task it registers.
			throw new Error('A revert task is registered by its own step.');
		case 'credssp-off':
			throw new Error('CredSSP is turned off by its own step (credssp-off.ts).');
		case 'rbkcd': {
			const {undo} = change;
			const principals =
				undo.kind === 'restore-principals' ? undo.added.reduce(withDelegate, undo.listBefore) : [];
			const hop2 = undo.kind === 'restore-principals' ? undo.hop2 : '';
			// With hop 1's SID: one allow ACE added to the descriptor there, every other ACE kept.
			const sid = undo.kind === 'restore-principals' ? knownSids(undo)[0] : undefined;
			const principal = undo.kind === 'restore-principals' ? undo.added[0] : undefined;
			const edit =
				sid === undefined || principal === undefined ? {} : {edit: {add: sid, principal}};
			return run('set-resource-delegation', {hop2, principals, ...edit}, machine, command, change);
		}
		case 'session-config': {
			// Registered by its own step (tree/session-config.ts), which passes its plan.
			const plan = state.sessionConfig?.plan;
			if (plan === undefined) return {kind: 'finished'};
			return run('register-session-configuration', {hop1, plan}, machine, command, change);
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

function nextAfter(stage: ChangeRecord['stage'], state: FlowState): FlowState {
	if (stage === 'winrm') return afterWinRMStarted(state);
	if (stage === 'trusted-hosts') return afterTrustedHostAdded(state);
	// The NTLM-only entry is step 7's first question; the client switch follows.
	if (stage === 'ntlm-only') return enterClient(state);
	if (stage === 'client') return enterServer(state);
	if (stage === 'server') return enterListener(state);
	if (stage === 'rbkcd') return askPurge(state);
	return startVerify(state);
}

/** One command is shown as is; a longer undo (the delegation list rewritten) by what runs it. */
/** Logs a change, made or (in a dry run) planned, and moves on to the step after it. */
function recordChange(
	state: FlowState,
	change: ChangeRecord,
	how: {status: 'changed' | 'skipped'; title: string; output?: string},
): FlowState {
	const logged = withChangeLogged(state, change, how);
	return nextAfter(change.stage, {...logged, view: undefined, proposed: undefined});
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
				'Wait a minute, then run doublehop again: it reads what is in place and skips it.',
				{say: 'Or take it back (it checks the machine first):', run: state.undoCommand},
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
	| 'create-https-listener'
	| 'add-trusted-host'
	| 'set-ntlm-only-list'
	| 'set-resource-delegation';

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
	return committed(
		state,
		{...record, undoCommand: undoCommandFor(record, undefined)},
		created.output,
	);
}
