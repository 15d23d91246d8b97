// Stage 7: allow delegation on this client. Enable-WSManCredSSP -Role Client (or, when Group
// Policy already turns CredSSP on, only the delegation list rewritten), proposed and asked for.
import {keysBeforeDoublehop} from './keys-before.js';
import {enableClientCredSspCommand} from '../operations/enable-client-credssp.js';
import {setClientCredSspCommand} from '../operations/set-client-credssp.js';
import {setDelegationListCommands} from '../operations/set-delegation-list.js';
import {
	listText,
	sameSwitches,
	switchesRead,
	switchesText,
	switchesWith,
} from '../windows/delegation.js';
import {addLog, ask, changeView, clientName, yesNo} from './common.js';
import type {FlowState} from './state.js';
import type {ClientNow} from './undo-commands.js';
import {proposal} from './proposal.js';
import {enterServer} from './server.js';
import {enterNtlmOnly, ntlmOnlyPending} from './ntlm-only.js';

/**
 * The client as its change leaves it, where the change's undo starts: Enable-WSManCredSSP appends
 * to the local GPO's list and the refresh copies it to HKLM. Also what --export's undo is read from.
 */
export function clientAfterChange(state: FlowState): ClientNow | undefined {
	const plan = state.plan?.client;
	const client = state.facts.client;
	if (plan === undefined || client === undefined) return undefined;
	if (plan.action === 'enable') return {enabled: true, allowFreshCredentials: plan.after};
	// Only the switch is turned on: both lists stay as they are.
	const gpo = client.localGpoAllowFreshCredentials;
	return {
		enabled: true,
		allowFreshCredentials: client.allowFreshCredentials,
		...(gpo === undefined ? {} : {localGpoAllowFreshCredentials: gpo}),
	};
}

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
	// The list's two switches, which the change sets to 1 and undo puts back: a Disabled policy, or
	// one without the OS defaults (TERMSRV/*), is a choice the admin sees being overridden.
	const switches = client.allowFreshSwitches;
	const switchesBefore = switchesRead(client);
	const switchesAfter = switchesWith(enable ? plan.after : client.allowFreshCredentials);
	const policyChanges = enable && switches !== undefined && !sameSwitches(switches, switchesAfter);
	// Named in the change's before/after only when not what the list alone implies.
	const unusual = switches !== undefined && !sameSwitches(switches, switchesWith(listBefore));
	const current = [
		`WinRM client CredSSP: ${yesNo(client.enabled)}${client.policyAllowCredSsp ? ' (set by Group Policy)' : ''}`,
		`Delegation list (AllowFreshCredentials): ${listText(client.allowFreshCredentials)}`,
		...(enable && switches !== undefined
			? [`Allow delegating fresh credentials: ${switchesText(switches)}`]
			: []),
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
			? [
					...setDelegationListCommands(plan.after),
					...(plan.alsoTurnOn === true ? [setClientCredSspCommand(true)] : []),
				].join('\n')
			: enableClientCredSspCommand(plan.add);
	const proposed = proposal(
		state,
		{
			stage: 'client',
			machine: clientName(state),
			setting:
				enable && plan.onlyDelegation && plan.alsoTurnOn !== true
					? 'delegation list'
					: 'CredSSP client and delegation list',
			before: `CredSSP ${yesNo(client.enabled)}; list: ${listText(listBefore)}${enable && unusual && switches !== undefined ? `; policy: ${switchesText(switches)}` : ''}`,
			after: `CredSSP on; list: ${listText(after)}${enable && unusual ? `; policy: ${switchesText(switchesAfter)}` : ''}`,
			command,
			undo: {
				kind: 'restore-client',
				enabledBefore: client.enabled,
				added: after.slice(listBefore.length),
				...(enable && switchesBefore !== undefined ? {switchesBefore} : {}),
				// The list undo compares with (restoreClientPlan): CredSSP, and the switches, go back
				// only when it is as it was; an entry added since needs them.
				listBefore: [...(client.localGpoAllowFreshCredentials ?? client.allowFreshCredentials)],
				// Enable-WSManCredSSP creates the keys (CredSSP.cs UpdateGPORegistrySettings): undo
				// removes the ones it made once they are empty again.
				...(client.delegationKeys === undefined
					? {}
					: {
							keysBefore: keysBeforeDoublehop(
								{parent: client.delegationKeys.parent, list: client.delegationKeys.allowFresh},
								'restore-client',
								state.earlier?.changes,
							),
						}),
			},
		},
		clientAfterChange(state),
	);
	const afterLines = enable
		? [
				`Delegation list after: ${listText(plan.after)}`,
				...(policyChanges
					? [
							`Allow delegating fresh credentials after: ${switchesText(switchesAfter)}, as Enable-WSManCredSSP sets it; undo puts it back as it is now.`,
						]
					: []),
				plan.onlyDelegation && client.policyAllowCredSsp !== undefined
					? 'WinRM client CredSSP: left to Group Policy, which already turns it on (Enable-WSManCredSSP would fail: "controlled by policies"), so only the delegation entry is added, in the local Group Policy object and HKLM.'
					: 'WinRM client CredSSP after: on',
				...(plan.onlyDelegation && client.localGpoListGaps === true
					? [
							"The local Group Policy list's value names are not 1..n: Enable-WSManCredSSP names its new value by their count plus one and would replace an entry, so doublehop writes the list itself (values 1..n, the entries kept in order).",
						]
					: []),
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
