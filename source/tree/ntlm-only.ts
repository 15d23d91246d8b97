// CredSSP over an NTLM session (a first hop reached by address or in a workgroup). CredSSP then
// reads "Allow delegating fresh credentials with NTLM-only server authentication"
// (AllowFreshCredentialsWhenNTLMOnly), never "Allow delegating fresh credentials": the latter's
// policy help says it "applies when server authentication was achieved via a trusted X509
// certificate or Kerberos", the former's "when server authentication was achieved via NTLM"
// (CredSsp.admx, quoted in Microsoft's Policy CSP ADMX_CredSsp pages). So Enable-WSManCredSSP
// -DelegateComputer is not proposed here: its entry could not work. The NTLM-only entry is the
// last resort, with its own question and its risk, merged with the list and undone exactly.
import {keysBeforeDoublehop} from './keys-before.js';
import {isIPAddress} from '../windows/ip-address.js';
import type {ClientCredSsp, ServerCredSsp} from '../windows/records.js';
import {
	coverage,
	coverageInForce,
	listText,
	mergedDelegationList,
	sameSwitches,
	switchesText,
	switchesWith,
} from '../windows/delegation.js';
import {policyPaths} from '../windows/policy-paths.js';
import {ntlmOnly, setNtlmOnlyListCommands} from '../operations/set-ntlm-only-list.js';
import {ask, clientName, hop1Of, userOf} from './common.js';
import {betterWays, wantsTrustedHosts, whyNtlm} from './first-hop-trust.js';
import {oracleMismatch, planClient, planServer} from './plan.js';
import {proposal} from './proposal.js';
import type {ClientPlan, FlowState, Plan} from './state.js';

/**
 * Whether the first hop's session is NTLM, so CredSSP would authenticate the server by NTLM only:
 * hop 1 says so, or it is an address, or it could only be reached once in TrustedHosts (a
 * Negotiate session may report itself as Negotiate, which alone does not tell).
 */
export function ntlmSession(state: FlowState): boolean {
	const refused = state.facts.firstHopError;
	return (
		state.facts.firstHop?.authentication === 'NTLM' ||
		isIPAddress(hop1Of(state)) ||
		(refused !== undefined && wantsTrustedHosts(refused))
	);
}

/** The policy help of the two lists, quoted for the admin. */
const whichListApplies = (hop1: string): string =>
	`"Allow delegating fresh credentials" does not apply to ${hop1}: its policy help says it "applies when server authentication was achieved via a trusted X509 certificate or Kerberos". With NTLM, CredSSP reads "Allow delegating fresh credentials with NTLM-only server authentication" (AllowFreshCredentialsWhenNTLMOnly), which "applies when server authentication was achieved via NTLM".`;

/** The client switch alone: the delegation entry belongs in the NTLM-only list. */
function planClientSwitch(client: ClientCredSsp, hop1: string): ClientPlan {
	const policy = client.policyAllowCredSsp;
	if (policy !== undefined && !policy.value) return planClient(client, hop1);
	if (client.enabled) return {action: 'skip', reason: 'CredSSP is on in the WinRM client.'};
	return {
		action: 'turn-on',
		reason:
			'Only the WinRM client switch: Enable-WSManCredSSP -DelegateComputer would write "Allow delegating fresh credentials", which does not apply to an NTLM session.',
	};
}

/**
 * A domain GPO that configures the NTLM-only list without the first hop: each refresh replaces
 * HKLM's list with its own, so an entry written here would be gone within two hours. Its owner adds it.
 */
function domainOwned(client: ClientCredSsp, hop1: string): ClientPlan | undefined {
	const policy = client.policyNtlmOnlyDelegation;
	if (policy === undefined || coverage(policy.value, hop1).covered) return undefined;
	return {
		action: 'blocked',
		reason: `A domain Group Policy sets the NTLM-only delegation list (${listText(policy.value, 'empty')}) and it does not include wsman/${hop1}. An entry written on this machine would be replaced at the next policy refresh (90 minutes plus up to 30, or gpupdate): only the owner of that GPO can add it (gpresult /h names it); doublehop changes nothing.`,
		policyPath: policy.policyPath,
	};
}

export function makeNtlmPlan(client: ClientCredSsp, server: ServerCredSsp, hop1: string): Plan {
	const oracle = oracleMismatch(client, server, hop1);
	const before = client.allowFreshCredentialsNtlmOnly;
	const switches = client.allowFreshNtlmOnlySwitches;
	// Under a policy set to Disabled a matching entry does not count: the change sets it to Enabled.
	const covered = coverageInForce(before, switches, hop1).covered;
	const clientPlan = planClientSwitch(client, hop1);
	const blocked = clientPlan.action === 'blocked' ? undefined : domainOwned(client, hop1);
	if (blocked !== undefined)
		return {
			client: blocked,
			server: planServer(server, hop1),
			...(oracle === undefined ? {} : {oracle}),
		};
	// The local GPO's list, which a refresh copies to HKLM: where it is not configured, it starts
	// from HKLM's, so that the refresh keeps the entries HKLM holds (reg add) with doublehop's.
	const localGpoBefore = client.localGpoAllowFreshCredentialsNtlmOnly;
	return {
		client: clientPlan,
		server: planServer(server, hop1),
		...(oracle === undefined ? {} : {oracle}),
		...(covered
			? {}
			: {
					ntlmOnly: {
						entry: `wsman/${hop1}`,
						before: [...before],
						after: mergedDelegationList(before, [hop1]),
						...(localGpoBefore === undefined ? {} : {localGpoBefore: [...localGpoBefore]}),
						localGpoAfter: mergedDelegationList(localGpoBefore ?? before, [hop1]),
						...(switches === undefined ? {} : {switchesBefore: switches}),
						...(client.delegationKeys === undefined
							? {}
							: {
									keysBefore: {
										parent: client.delegationKeys.parent,
										list: client.delegationKeys.ntlmOnly,
									},
								}),
					},
				}),
	};
}

/** Lines for the diagnosis: which list counts, and what it holds. */
export function ntlmDiagnosis(state: FlowState, client: ClientCredSsp): string[] {
	const hop1 = hop1Of(state);
	return [
		`The session to ${hop1} is NTLM: ${whyNtlm(hop1)}.`,
		whichListApplies(hop1),
		`This machine, NTLM-only delegation list: ${listText(client.allowFreshCredentialsNtlmOnly)}`,
	];
}

/** The extra risk line at step 6 when the session is NTLM. */
export const ntlmRiskLine = (hop1: string): string =>
	`With NTLM nothing proves that the machine answering as ${hop1} is the one you mean: CredSSP would hand your password to it all the same.`;

/** Whether the NTLM-only entry is still to be asked for at step 7. */
export function ntlmOnlyPending(state: FlowState): boolean {
	return (
		state.plan?.ntlmOnly !== undefined &&
		!state.changes.some((change) => change.stage === 'ntlm-only')
	);
}

/** Step 7, first question with an NTLM session: the NTLM-only entry, last resort, its own yes. */
export function enterNtlmOnly(state: FlowState): FlowState {
	const plan = state.plan?.ntlmOnly;
	if (plan === undefined) return state;
	const hop1 = hop1Of(state);
	const machine = clientName(state);
	const commands = setNtlmOnlyListCommands(plan.after, undefined, undefined, plan.localGpoAfter);
	// Where the local GPO did not configure the list, it was written from HKLM's.
	const localGpoBase = plan.localGpoBefore ?? plan.before;
	// The policy's two switches, which the change sets to 1 and undo puts back: a policy set to
	// Disabled, or without the OS defaults, is a choice the admin sees being overridden.
	const switches = plan.switchesBefore;
	const unusual = switches !== undefined && !sameSwitches(switches, switchesWith(plan.before));
	const policyText = (s: NonNullable<typeof switches>) => switchesText(s, ntlmOnly.switches);
	const proposed = proposal(state, {
		stage: 'ntlm-only',
		machine,
		setting: 'NTLM-only delegation list',
		before: `${listText(plan.before)}${unusual ? `; policy: ${policyText(switches)}` : ''}`,
		after: `${listText(plan.after)}${unusual ? `; policy: ${policyText(switchesWith(plan.after))}` : ''}`,
		command: commands.join('\n'),
		undo: {
			kind: 'restore-ntlm-only',
			// None when the entry was there already (under a policy set to Disabled): undo keeps it.
			added: plan.after.slice(plan.before.length),
			listBefore: [...plan.before],
			localGpo: {
				added: plan.localGpoAfter.slice(localGpoBase.length),
				listBefore: plan.localGpoBefore === undefined ? null : [...plan.localGpoBefore],
			},
			...(switches === undefined ? {} : {switchesBefore: switches}),
			...(plan.keysBefore === undefined
				? {}
				: {
						keysBefore: keysBeforeDoublehop(
							plan.keysBefore,
							'restore-ntlm-only',
							state.earlier?.changes,
						),
					}),
		},
	});
	return {
		...state,
		stage: 'client',
		proposed,
		view: {
			machine,
			sections: [
				{title: 'Why:', lines: [whichListApplies(hop1)]},
				{title: 'Better, if you can:', lines: betterWays(state)},
				{
					title: 'Now:',
					lines: [
						`AllowFreshCredentialsWhenNTLMOnly: ${listText(plan.before)}`,
						...(unusual
							? [
									`Allow delegating fresh credentials with NTLM-only server authentication: ${policyText(switches)}`,
								]
							: []),
					],
				},
				{title: 'Will run:', lines: commands, kind: 'commands'},
				{
					title: 'After:',
					lines: [
						`AllowFreshCredentialsWhenNTLMOnly after: ${listText(plan.after)}`,
						...(plan.before.length > 0
							? [`Existing entries are kept, in order: ${listText(plan.before)}`]
							: []),
						...(unusual
							? [
									`Allow delegating fresh credentials with NTLM-only server authentication after: ${policyText(switchesWith(plan.after))}; undo puts it back as it is now.`,
								]
							: []),
						`Local Group Policy (Registry.pol) after: ${listText(plan.localGpoAfter)} (now: ${plan.localGpoBefore === undefined ? 'Not configured' : listText(plan.localGpoBefore)}). Group Policy rewrites HKLM's list from a GPO that configures it at every refresh (90 minutes plus up to 30, or gpupdate), so an entry in HKLM alone would not last.`,
						`Policy: ${policyPaths.allowFreshCredentialsNtlmOnly.policyPath}`,
					],
				},
				{
					title: 'Last resort. The risk:',
					kind: 'warning',
					lines: [
						`CredSSP will hand ${userOf(state)}'s password to whatever answers as ${hop1}: NTLM does not authenticate the server, so a spoofed address or a rogue host receives a reusable password.`,
						`${state.undoCommand} takes out this entry only: the others stay, those added since too (now: ${listText(plan.before)})${unusual ? `; once the list is as it is now, the policy goes back to ${policyText(switches)}` : ''}.`,
					],
				},
			],
		},
		pending: ask({
			kind: 'confirm',
			id: 'ntlm-only',
			question: `Last resort: add ${plan.entry} to the NTLM-only list on ${machine}?`,
		}),
	};
}
