// Stage 5: read the CredSSP settings of both machines and name the cause; then the risk (stage 6)
// is explained and asked for. Nothing here changes anything.
import type {ClientCredSsp} from '../windows/records.js';
import {coversOtherName} from '../windows/delegation.js';
import {readServerCredSspCommand} from '../operations/read-server-credssp.js';
import {startVerify} from './verify.js';
import {addLog, finish, hop1Of, run, yesNo} from './common.js';
import {gpoRequest} from './gpo-request.js';
import {conclusion, failed} from './conclusions.js';
import {describeError} from './describe-error.js';
import {offerMethods} from './method.js';
import {checkCredSspToday, namesSaferMethod} from './credssp-today.js';
import {makePlan} from './plan.js';
import type {FlowState, OperationResult} from './state.js';
import {makeNtlmPlan, ntlmDiagnosis, ntlmSession} from './ntlm-only.js';

export function onReadClient(
	state: FlowState,
	result: OperationResult<'read-client-credssp'>,
): FlowState {
	if (!result.ok)
		return failed(
			state,
			'Could not read the CredSSP client settings on this machine',
			result.error,
		);
	const hop1 = hop1Of(state);
	return {
		...state,
		facts: {...state.facts, client: result.value},
		pending: run('read-server-credssp', {hop1}, hop1, readServerCredSspCommand(hop1)),
	};
}

/** This machine as a ticket names it: its FQDN when it is in a domain. */
function machineForTicket(state: FlowState): string {
	const local = state.facts.local;
	if (local === undefined) return 'the admin workstation';
	return local.domain === undefined ? local.computerName : `${local.computerName}.${local.domain}`;
}

/** An entry that covers the first hop's other name (FQDN or short) and not the name typed: say why. */
function otherNameLines(client: ClientCredSsp, hop1: string, fqdn: string | undefined): string[] {
	const miss =
		fqdn === undefined ? undefined : coversOtherName(client.allowFreshCredentials, hop1, fqdn);
	if (miss === undefined) return [];
	const {entry, name} = miss;
	return [
		`${entry} does not cover ${hop1} as you typed it: the WinRM client asks to delegate to WSMAN/${hop1}, the name given to -ComputerName, and ${entry.includes('*') ? 'a wildcard entry covers only names that end in its suffix' : 'an entry covers only that exact name'}. ${entry} covers ${name}.`,
		`Either use that name in your command (Invoke-Command -ComputerName ${name} ...; doublehop --hop1 ${name} checks it), which ${entry} already covers, or add wsman/${hop1} (the client step offers it).`,
	];
}

export function onReadServer(
	state: FlowState,
	result: OperationResult<'read-server-credssp'>,
): FlowState {
	const hop1 = hop1Of(state);
	if (!result.ok)
		return failed(state, `Could not read the CredSSP service settings on ${hop1}`, result.error);
	const server = result.value;
	const client = state.facts.client as ClientCredSsp;
	// An NTLM session (an address, a workgroup host) is governed by the NTLM-only list instead.
	const ntlm = ntlmSession(state);
	const plan = ntlm ? makeNtlmPlan(client, server, hop1) : makePlan(client, server, hop1);
	const facts = {...state.facts, server};
	const error = state.facts.secondHopError;
	const explanation = error === undefined ? undefined : describeError(error, state.inputs);
	const quiet = state.facts.secondHopQuiet;
	const symptom =
		quiet !== undefined
			? `Likely second hop denied: the command answered ${quiet} instead of failing, and ${hop1} holds no credential it can pass on to ${state.inputs.hop2}.`
			: explanation?.className === 'second-hop-denied'
				? `Second hop denied: ${hop1} holds no credential it can pass on to ${state.inputs.hop2}. Kerberos and NTLM prove who you are to ${hop1} without giving it anything reusable.`
				: `This error is not one doublehop recognises as a second-hop failure${explanation ? ` (it reads as: ${explanation.name})` : ''}; CredSSP may not help.`;
	const details = [
		symptom,
		...(explanation === undefined
			? []
			: [`Evidence: ${explanation.evidence.map((text) => `"${text}"`).join(', ')}`]),
		`This machine, WinRM client CredSSP: ${yesNo(client.enabled)}${client.policyAllowCredSsp ? ' (set by Group Policy)' : ''}`,
		`This machine, delegation list: ${client.allowFreshCredentials.join(', ') || '(empty)'}${client.policyDelegation ? ' (set by a domain GPO)' : ''}`,
		...client.getWSManCredSspText.map((line) => `  Get-WSManCredSSP: ${line}`),
		...otherNameLines(client, hop1, state.facts.firstHop?.fqdn),
		`${hop1}, WinRM service CredSSP: ${yesNo(server.enabled)}${server.policyAllowCredSsp ? ' (set by Group Policy)' : ''}`,
		...(plan.oracle === undefined ? [] : [plan.oracle]),
		...(ntlm ? ntlmDiagnosis(state, client) : []),
	];
	const blocked = [plan.client, plan.server].filter((p) => p.action === 'blocked');
	if (blocked.length > 0 || plan.oracle !== undefined) {
		const log = addLog(state, {
			stage: 'diagnose',
			status: state.methodGiven === 'using-cred' ? 'info' : 'blocked',
			title: 'CredSSP cannot be completed from here',
			details,
		});
		// --method using-cred needs neither side's CredSSP setting: it goes on, changing nothing.
		if (state.methodGiven === 'using-cred') return offerMethods({...state, facts, plan, log});
		return finish(
			{...state, facts, plan, log},
			conclusion(
				'blocked',
				blockedHeadline(
					[
						...(plan.client.action === 'blocked' ? [{...plan.client, on: 'this machine'}] : []),
						...(plan.server.action === 'blocked' ? [{...plan.server, on: hop1}] : []),
					],
					plan.oracle !== undefined,
				),
				{
					details: [
						'Nothing was changed: a change that policy reverts, or that the other side refuses, would only hide the cause.',
						...blocked.map((p) =>
							p.action === 'blocked' ? `${p.reason} Policy: ${p.policyPath}` : '',
						),
						...(plan.oracle === undefined ? [] : [plan.oracle]),
					],
					nextSteps: [
						...gpoRequest(client, server, hop1, machineForTicket(state), ntlm),
						...(plan.oracle === undefined
							? []
							: [
									'Install the latest cumulative update on the unpatched machine, reboot, and run doublehop again.',
								]),
						'Or use an alternative that needs no CredSSP (see doublehop --tree); doublehop --method using-cred shows your command with $using:cred and runs it to prove it, changing nothing.',
					],
				},
			),
		);
	}
	if (plan.client.action === 'skip' && plan.server.action === 'skip' && !plan.ntlmOnly) {
		const log = addLog(state, {
			stage: 'diagnose',
			status: 'info',
			title: 'CredSSP is already configured on both sides',
			details: [...details, 'Checking that the command works with -Authentication CredSSP.'],
		});
		// A safer method named: whether CredSSP carries the command today is said, then that method.
		if (namesSaferMethod(state)) return checkCredSspToday({...state, facts, plan, log});
		return startVerify({...state, facts, plan, log});
	}
	// The cause, not a method: the methods come next, safest first, and CredSSP's needs with its risk.
	const cause = `${hop1} has no credential to pass on to ${state.inputs.hop2}`;
	const log = addLog(state, {
		stage: 'diagnose',
		status: 'info',
		title:
			quiet !== undefined
				? `Likely double hop: ${cause}`
				: explanation?.className === 'second-hop-denied'
					? `Double hop: ${cause}`
					: 'The second hop fails with an error not recognised as a double hop',
		details,
	});
	return offerMethods({...state, facts, plan, log});
}

/**
 * What blocks the fix, named in the headline (a CI log shows little else): the policies by their
 * names in the Group Policy editor and where they apply, or the CredSSP update on one side only.
 */
function blockedHeadline(policies: {policyPath: string; on: string}[], oracle: boolean): string {
	const named = policies.map(
		({policyPath, on}) => `"${policyPath.split('>').at(-1)!.trim()}" on ${on}`,
	);
	const parts = [
		...(named.length === 0 ? [] : [`Group Policy owns ${named.join(' and ')}`]),
		...(oracle ? ['the CredSSP update (CVE-2018-0886) is on one side only'] : []),
	];
	const text = parts.join(', and ');
	// "Result: BLOCKED." says it is blocked: the headline says by what.
	return text.charAt(0).toUpperCase() + text.slice(1);
}
