// Step 3 when Kerberos cannot carry the first hop: a first hop typed as an address, or a host the
// domain's Kerberos does not know (a workgroup machine). Kerberos needs a name, so an address
// that DNS knows by name is offered by that name first (nothing changes: only the first hop
// typed). Without it, WinRM reaches the host with NTLM, over HTTP only when it is in this
// machine's TrustedHosts: one entry, merged with the list, asked for with its risk, journalled,
// and undone by taking out that entry only. HTTPS with a certificate valid for the name is named
// as the better way, and never replaced by a wildcard.
import {isIPAddress} from '../windows/ip-address.js';
import type {ErrorRecord} from '../windows/records.js';
import {trustingEntry, withTrustedHost} from '../windows/trusted-hosts.js';
import {resolveNameCommand} from '../operations/resolve-name.js';
import {testFirstHopCommand} from '../operations/test-first-hop.js';
import {addTrustedHostCommand, readTrustedHostsCommand} from '../operations/trusted-hosts.js';
import {policyPaths} from '../windows/policy-paths.js';
import {listText} from '../windows/delegation.js';
import {addLog, ask, clientName, finish, hop1Of, run, userOf} from './common.js';
import {concludeFailure, conclusion, dryRunConclusion} from './conclusions.js';
import {proposal} from './proposal.js';
import type {FlowState, OperationResult} from './state.js';

const httpsWay = (name: string) =>
	`HTTPS with a certificate valid for the name: Invoke-Command -ComputerName ${name} -UseSSL authenticates the server by its certificate, with no TrustedHosts entry.`;

/** The better ways than a TrustedHosts entry or an NTLM-only delegation, for this first hop. */
export function betterWays(state: FlowState): string[] {
	const hop1 = hop1Of(state);
	const name = state.facts.addressName;
	const byName =
		name === undefined || name === ''
			? `Connect by a name the domain knows (Kerberos), if ${hop1} has one.`
			: `Use the name ${name}: Kerberos authenticates it, and neither change is needed (run doublehop again with it).`;
	return [byName, httpsWay(name || '<name>')];
}

/** Why Kerberos cannot carry this first hop, in one clause. */
export function whyNtlm(hop1: string): string {
	return isIPAddress(hop1)
		? `${hop1} is an address, and Kerberos needs a name`
		: `${hop1} is not known to the domain's Kerberos (a workgroup host, or one outside the domain)`;
}

const testHop1 = (state: FlowState): FlowState => {
	const hop1 = hop1Of(state);
	return {
		...state,
		stage: 'first-hop',
		view: undefined,
		proposed: undefined,
		pending: run('test-first-hop', {hop1}, hop1, testFirstHopCommand(hop1)),
	};
};

/** Step 3 starts here: an address is first looked up in DNS, for a name Kerberos can use. */
export function startFirstHopTest(state: FlowState): FlowState {
	const hop1 = hop1Of(state);
	if (!isIPAddress(hop1) || state.facts.addressName !== undefined) return testHop1(state);
	return {
		...state,
		stage: 'first-hop',
		pending: run('resolve-name', {address: hop1}, clientName(state), resolveNameCommand(hop1)),
	};
}

export function onResolvedName(
	state: FlowState,
	result: OperationResult<'resolve-name'>,
): FlowState {
	const hop1 = hop1Of(state);
	const name = result.ok ? (result.value.names[0] ?? '') : '';
	const facts = {...state.facts, addressName: name};
	if (name === '') {
		const log = addLog(state, {
			status: 'info',
			title: `No DNS name for ${hop1}: the session will use NTLM`,
			details: [
				result.ok
					? `DNS has no PTR record for ${hop1}, so there is no name to offer instead.`
					: `The DNS lookup failed: ${result.error.message}`,
			],
			command: resolveNameCommand(hop1),
		});
		return testHop1({...state, facts, log});
	}
	return {
		...state,
		facts,
		view: {
			machine: clientName(state),
			sections: [
				{
					title: 'Kerberos needs a name:',
					lines: [
						`${hop1} resolves to ${name} (${resolveNameCommand(hop1)}).`,
						`With an address WinRM cannot use Kerberos: it needs a TrustedHosts entry or HTTPS, and CredSSP then needs "Allow delegating fresh credentials with NTLM-only server authentication", which sends your password to a server nothing has authenticated.`,
						`By name, Kerberos authenticates ${name}, and none of that is needed. The second hop, the command and the account stay as you gave them. Nothing is changed on any machine.`,
					],
				},
			],
		},
		pending: ask({
			kind: 'confirm',
			id: 'use-name',
			question: `Use ${name} as the first hop instead of ${hop1}?`,
		}),
	};
}

export function onUseNameAnswer(state: FlowState, yes: boolean): FlowState {
	const address = hop1Of(state);
	const name = state.facts.addressName ?? '';
	if (!yes || name === '') {
		const log = addLog(state, {
			status: 'info',
			title: `Keeping ${address}: the session will use NTLM`,
			details: [`${name} is not used; ${whyNtlm(address)}.`],
		});
		return testHop1({...state, log});
	}
	const log = addLog(state, {
		status: 'passed',
		title: `First hop: ${name} (the DNS name of ${address})`,
		details: ['Kerberos can authenticate it by name. The other targets are kept.'],
	});
	return testHop1({...state, log, inputs: {...state.inputs, hop1: name}});
}

/**
 * The first-hop failures that say "not Kerberos, and not in TrustedHosts" (reference 2.3 E13), by
 * their id, the same in every display language: 53 NetworkPathNotFound is Kerberos finding no
 * computer by that name ("Cannot find the computer", reference 2.2), a host outside the domain.
 */
export function wantsTrustedHosts(error: ErrorRecord): boolean {
	const id = error.fullyQualifiedErrorId.split(',')[0];
	return id === 'CannotUseIPAddress' || id === 'ServerNotTrusted' || id === 'NetworkPathNotFound';
}

/** Reads TrustedHosts before an entry is proposed; the failure is kept to conclude with. */
export function readTrustedHostsFor(state: FlowState, error: ErrorRecord): FlowState {
	return {
		...state,
		facts: {...state.facts, firstHopError: error},
		pending: run('read-trusted-hosts', {}, clientName(state), readTrustedHostsCommand),
	};
}

export function onTrustedHosts(
	state: FlowState,
	result: OperationResult<'read-trusted-hosts'>,
): FlowState {
	const hop1 = hop1Of(state);
	const error = state.facts.firstHopError;
	const failedHere = (): FlowState =>
		finish(
			state,
			error === undefined
				? conclusion('failed', `The first hop fails: fix the connection to ${hop1} first`)
				: concludeFailure('first-hop', error, state.inputs),
		);
	if (!result.ok) return failedHere();
	const trusted = result.value;
	const facts = {...state.facts, trustedHosts: trusted};
	const covering = trustingEntry(trusted.entries, hop1);
	if (covering !== undefined) return failedHere();
	if (trusted.setByPolicy) {
		const log = addLog(state, {
			status: 'blocked',
			title: 'Group Policy owns TrustedHosts on this machine',
			details: [
				`TrustedHosts (${listText(trusted.entries)}) is set by Group Policy, so a local entry would be refused ("cannot be changed because is controlled by policies").`,
			],
		});
		return finish(
			{...state, facts, log},
			conclusion('blocked', `${hop1} is not in TrustedHosts, which Group Policy owns`, {
				details: ['Nothing was changed.'],
				nextSteps: [
					...betterWays({...state, facts}),
					`Or ask the owner of the GPO to add ${hop1} to "Trusted Hosts" (${policyPaths.trustedHosts.policyPath}).`,
				],
			}),
		);
	}
	const machine = clientName(state);
	const after = withTrustedHost(trusted.entries, hop1);
	const command = addTrustedHostCommand(hop1);
	const proposed = proposal(state, {
		stage: 'trusted-hosts',
		machine,
		setting: 'TrustedHosts',
		before: listText(trusted.entries),
		after: listText(after),
		command,
		undo: {kind: 'remove-trusted-host', entry: hop1, listBefore: [...trusted.entries]},
	});
	return {
		...state,
		facts,
		proposed,
		view: {
			machine,
			sections: [
				{
					title: 'Why:',
					lines: [
						`${whyNtlm(hop1)}. Without Kerberos, WinRM reaches it with NTLM, and over HTTP only if it is in this machine's TrustedHosts.`,
					],
				},
				{title: 'Better, if you can:', lines: betterWays({...state, facts})},
				{title: 'Now:', lines: [`TrustedHosts: ${listText(trusted.entries)}`]},
				{title: 'Will run:', lines: [command], kind: 'commands'},
				{
					title: 'After:',
					lines: [
						`TrustedHosts after: ${listText(after)}`,
						...(trusted.entries.length > 0
							? [`Existing entries are kept, in order: ${listText(trusted.entries)}`]
							: []),
					],
				},
				{
					title: 'The risk:',
					kind: 'warning',
					lines: [
						'Windows: "computers in the TrustedHosts list might not be authenticated."',
						`This machine will send ${userOf(state)}'s credentials with NTLM to whatever answers as ${hop1}, with no proof that it is the machine you mean. Only this one entry is added, never "*".`,
						`${state.undoCommand} takes out this entry only: the others stay, those added since too (now: ${listText(trusted.entries)}).`,
					],
				},
			],
		},
		pending: ask({
			kind: 'confirm',
			id: 'trusted-hosts',
			question: `Add ${hop1} to TrustedHosts on ${machine}?`,
		}),
	};
}

/** After the entry was added (or, in a dry run, planned): the first hop is tried again. */
export function afterTrustedHostAdded(state: FlowState): FlowState {
	if (!state.dryRun) return testHop1(state);
	return finish(
		state,
		dryRunConclusion(state, [
			`The first hop cannot be reached before the TrustedHosts entry is made, so the later steps were not planned.`,
		]),
	);
}

/** The next steps after a "no" to the TrustedHosts entry, or to the NTLM-only entry. */
export const withoutTrustedHosts = (
	state: FlowState,
	declined: 'trusted-hosts' | 'ntlm-only',
): string[] => [
	...betterWays(state),
	declined === 'trusted-hosts'
		? `Or add the entry yourself, in an elevated PowerShell: ${addTrustedHostCommand(hop1Of(state))}`
		: `Or pass a credential to the inner command instead of CredSSP: -Credential $using:cred (see the safer alternatives above).`,
];
