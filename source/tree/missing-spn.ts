// A first hop reached by a domain name with Kerberos, yet CredSSP could only NTLM-authenticate it
// (0x803381A4, "because the computer is not trusted"): CredSSP asks Kerberos for WSMAN/<name>, and
// the computer account has no such SPN (reference 2.3 E3, seen on a DC and fixed by
// `setspn -S wsman/server1.domain.com server1` and `setspn -S wsman/server1 server1`). Registering
// them changes Active Directory, so doublehop shows them as the next step of whoever may write
// the account's servicePrincipalName, and runs nothing. TrustedHosts is no help: the session is
// already Kerberos, and CredSSP would still not trust the server.
// Whether they are registered is read before any CredSSP change (any domain user may read it), so
// a first hop without them is said before anything is changed; the verify still catches the case
// the read could not see (another domain, no domain controller reached).
import {isIPAddress} from '../windows/ip-address.js';
import type {ErrorRecord, WsmanSpnRead} from '../windows/records.js';
import {readWsmanSpnCommand, wsmanSpns} from '../operations/read-wsman-spn.js';
import {judgeWsmanSpns, setspnCommand, spnsFoundLine} from '../windows/wsman-spn.js';
import {addLog, clientName, finish, run, targetsOf} from './common.js';
import {conclusion} from './conclusions.js';
import {alternativesHere, askRisk} from './risk.js';
import type {FlowState, NextStep, OperationResult} from './state.js';

const ntlmOnlyCode = -2144108124;

/** Whether this verify failure is the missing-SPN case: 0x803381A4 on a Kerberos session by name. */
export function missingWsmanSpn(state: FlowState, error: ErrorRecord): boolean {
	const code = error.hresult ?? Number(error.fullyQualifiedErrorId.split(',')[0]);
	return code === ntlmOnlyCode && kerberosByName(state);
}

/** The first hop was reached by a name, with Kerberos: CredSSP will ask for WSMAN/<name>. */
function kerberosByName(state: FlowState): boolean {
	return (
		state.facts.firstHop?.authentication === 'Kerberos' && !isIPAddress(state.inputs.hop1 ?? '')
	);
}

/** The first hop's FQDN and the computer account that should hold its SPNs. */
function firstHopAccount(state: FlowState): {fqdn: string; account: string} {
	const firstHop = state.facts.firstHop;
	const fqdn = firstHop?.fqdn || (state.inputs.hop1 ?? '');
	const account = firstHop?.computerName || (fqdn.split('.')[0] ?? fqdn).toUpperCase();
	return {fqdn, account};
}

/**
 * The steps that register the SPNs, for whoever may write the account, then the way back here.
 * `missing`: the SPNs the read found missing (default: both), so one already there is not added again.
 */
function setspnSteps(state: FlowState, missing?: readonly string[]): NextStep[] {
	const hop1 = state.inputs.hop1 ?? '';
	const {fqdn, account} = firstHopAccount(state);
	const both = wsmanSpns(fqdn);
	const toAdd = both.filter((spn) => missing === undefined || missing.includes(spn));
	return [
		...toAdd.map((spn, index) => ({
			say:
				index === 0
					? `Ask a domain admin, or someone allowed to write the servicePrincipalName of ${account}'s computer account, to run on any domain-joined machine:`
					: 'And:',
			run: setspnCommand(spn, account),
		})),
		{say: `Check that it lists ${both.join(' and ')}:`, run: `setspn -L ${account}`},
		`The WinRM service on ${account} may also have logged that it could not create the SPN (Event Viewer).`,
		`Then run doublehop again. Not TrustedHosts: the session is already Kerberos, and a TrustedHosts entry would not make CredSSP trust ${hop1}.`,
	];
}

const headline = (fqdn: string) => `${fqdn} has no WSMAN SPNs: CredSSP cannot authenticate it`;

/** After the verify: the changes were made, and CredSSP still could not authenticate the server. */
export function missingSpnConclusion(state: FlowState): Pick<FlowState, 'conclusion'> {
	const hop1 = state.inputs.hop1 ?? '';
	const {fqdn, account} = firstHopAccount(state);
	return conclusion('failed', headline(fqdn), {
		details: [
			`${hop1} was reached by name with Kerberos, yet CredSSP could only authenticate it with NTLM: it asks Kerberos for WSMAN/${fqdn}, and ${account}'s computer account has no such SPN ("because the computer is not trusted").`,
			'The changes made here are still needed once the SPNs exist; they stay until you undo them.',
		],
		nextSteps: setspnSteps(state),
	});
}

/**
 * Before CredSSP's risk and changes: read whether the first hop's WSMAN SPNs exist, where Kerberos
 * would be asked for them (a name, a Kerberos session, this machine's domain, which is what the
 * search covers). Otherwise straight on to the risk.
 */
export function checkWsmanSpn(state: FlowState): FlowState {
	const domain = state.facts.local?.domain?.toLowerCase();
	const {fqdn} = firstHopAccount(state);
	const inDomain = domain !== undefined && fqdn.toLowerCase().endsWith(`.${domain}`);
	if (!kerberosByName(state) || !inDomain) return askRisk(state);
	const spns = wsmanSpns(fqdn);
	return {
		...state,
		pending: run('read-wsman-spn', {spns}, clientName(state), readWsmanSpnCommand(spns)),
	};
}

export function onWsmanSpn(state: FlowState, result: OperationResult<'read-wsman-spn'>): FlowState {
	const hop1 = state.inputs.hop1 ?? '';
	const spns = wsmanSpns(firstHopAccount(state).fqdn);
	const command = readWsmanSpnCommand(spns);
	// A read that fails decides nothing: the changes go on, and the verify would still tell.
	if (!result.ok) return askRisk(state);
	const read: WsmanSpnRead = result.value;
	if (!read.readable) {
		const log = addLog(state, {
			status: 'info',
			title: `Could not read whether ${hop1}'s WSMAN SPNs are registered`,
			details: [
				`The directory did not answer: ${read.reason}`,
				'Going on: the check with -Authentication CredSSP at the end will show whether CredSSP can authenticate it.',
			],
			command,
		});
		return askRisk({...state, log});
	}
	// CredSSP asks Kerberos for WSMAN/ and the name as typed (the wildcard-short-name scenario):
	// that one missing is enough to fail, whatever the other name has.
	const {account} = firstHopAccount(state);
	const judged = judgeWsmanSpns(read.spns, hop1, account);
	if (judged.kind === 'missing') return spnsMissing(state, judged.missing, command);
	// Both on the first hop's own account: said in a line, so the admin knows it was checked.
	if (judged.kind === 'registered') {
		const log = addLog(state, {
			status: 'passed',
			title: spnsFoundLine(spns, account, hop1),
			details: [],
			command,
		});
		return askRisk({...state, log});
	}
	// One missing, or held by another account: named; the verify tells whether CredSSP minds.
	const log = addLog(state, {
		status: 'info',
		title: `Not every WSMAN SPN of ${hop1} is on ${account}'s computer account`,
		details: judged.lines,
		command,
	});
	return askRisk({...state, log});
}

/**
 * The SPN CredSSP asks for (WSMAN/ and the name as typed), or both, is not in the directory: CredSSP
 * could only NTLM-authenticate the first hop. Nothing is changed.
 */
function spnsMissing(state: FlowState, missing: readonly string[], command: string): FlowState {
	const {hop1} = targetsOf(state);
	const {fqdn, account} = firstHopAccount(state);
	const names = missing.join(' and ');
	const title =
		missing.length > 1
			? headline(fqdn)
			: `${fqdn} has no ${names} SPN: CredSSP cannot authenticate it`;
	const log = addLog(state, {
		status: 'blocked',
		title: missing.length > 1 ? `${fqdn} has no WSMAN SPNs` : `${fqdn} has no ${names} SPN`,
		details: [
			`No account in this domain holds ${names}. CredSSP asks Kerberos for WSMAN/${hop1}; without it, it could only authenticate ${hop1} with NTLM and would refuse to delegate ("because the computer is not trusted", 0x803381A4).`,
			`Enabling CredSSP on this machine and on ${hop1} would change two machines for nothing until the SPNs exist.`,
		],
		command,
	});
	return finish(
		{...state, log},
		conclusion('blocked', title, {
			details: [
				'Nothing was changed.',
				`${account}'s computer account has no ${names} SPN, so CredSSP could not authenticate ${hop1} (HOST/ does not stand in for WSMAN/).`,
			],
			nextSteps: [
				...setspnSteps(state, missing),
				'Or, without CredSSP:',
				...alternativesHere(state),
				`doublehop --method using-cred shows your command with $using:cred and runs it on ${hop1} to prove it, changing nothing.`,
			],
		}),
	);
}
