// Stage 7: allow delegation on this client. Enable-WSManCredSSP -Role Client (or, when Group
// Policy already turns CredSSP on, only the delegation list rewritten), proposed and asked for.
import {enableClientCredSspCommand} from '../operations/enable-client-credssp.js';
import {setClientCredSspCommand} from '../operations/set-client-credssp.js';
import {setDelegationListCommands} from '../operations/set-delegation-list.js';
import {addLog, ask, changeView, clientName, yesNo} from './common.js';
import type {FlowState} from './state.js';
import {proposal} from './proposal.js';
import {enterServer} from './server.js';
import {enterNtlmOnly, ntlmOnlyPending} from './ntlm-only.js';

const listText = (list: readonly string[]) => list.join(', ') || '(empty)';

export function enterClient(state: FlowState): FlowState {
	const plan = state.plan?.client;
	const client = state.facts.client;
	if (plan === undefined || client === undefined) return state;
	if (ntlmOnlyPending(state)) return enterNtlmOnly(state);
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
