// What --export-dsc and --export-ansible hand over to the engines admins already run: the client's
// settings (its merged delegation lists, before and after) and a list of first hops with what each
// needs. The generators (dsc.ts, ansible.ts) are pure functions of this, so a run over many first
// hops can pass them all; `handoverFromRun` builds it from one run's confirmed (or, in a dry run,
// planned) changes, the same changes --export writes.
import {allowFresh} from '../../operations/set-delegation-list.js';
import {ntlmOnly} from '../../operations/set-ntlm-only-list.js';
import type {CredentialsList} from '../../operations/credentials-list.js';
import {ntlmRiskLine} from '../../tree/ntlm-only.js';
import {riskLines} from '../../tree/risk.js';
import {listenerCertificate} from '../../windows/certificates.js';
import type {FlowState} from '../../tree/state.js';
import type {DelegationSwitches} from '../../windows/records.js';

/** One "Credentials Delegation" list on the client: as doublehop read it, and merged. */
export type DelegationListChange = {
	list: CredentialsList;
	/** The entries before, in order. */
	before: readonly string[];
	/** The merged list: `before` unchanged, in order, then the entries doublehop appends. */
	after: readonly string[];
	/**
	 * The list's two switches in the local GPO before the change, which the undo puts back with the
	 * list (a Disabled policy stays Disabled); absent: as `before` alone leaves them.
	 */
	switchesBefore?: DelegationSwitches;
};

type ClientHandover = {
	/** The client's computer name; undefined when not known (the configuration then says localhost). */
	computer?: string;
	/** Start the WinRM service (it was stopped); its start type is left as it is. */
	startWinRm: boolean;
	/** Turn the WinRM client's CredSSP on (it was off); the undo turns it off again. */
	credSspOn: boolean;
	lists: DelegationListChange[];
	/** An entry appended to the WinRM client's TrustedHosts (a first hop without Kerberos). */
	trustedHost?: string;
};

/**
 * The certificate for the HTTPS listener: one thumbprint (what doublehop saw on that host), or,
 * for many hosts each with its own certificate, how WSManDsc's WSManListener should find it.
 */
type ListenerCertificate =
	| {thumbprint: string; hostname?: string}
	| {issuer: string; subjectFormat: 'Both' | 'FQDNOnly' | 'NameOnly'};

export type FirstHopHandover = {
	computer: string;
	/** Turn on the WinRM service's CredSSP (Enable-WSManCredSSP -Role Server). */
	serverRole: boolean;
	/** An HTTPS listener on 5986 and the rule that opens it (by its unique Name) on the Domain profile. */
	https?: {certificate: ListenerCertificate; firewallRule: string};
};

export type Handover = {
	client: ClientHandover;
	firstHops: FirstHopHandover[];
	/** The account whose credentials the first hops receive. */
	account?: string;
	/** The values are a dry run's plan: nothing was changed by doublehop. */
	dryRun: boolean;
	/** Confirmed changes these engines do not carry, each with the command doublehop showed. */
	notCarried: string[];
};

export type HandoverMeta = {generatedAt: Date; version: string; hostDescription: string};

/** True when the list holds something to write: a change from before. */
const changed = (list: DelegationListChange) =>
	list.before.length !== list.after.length ||
	list.before.some((entry, index) => entry !== list.after[index]);

/** The handover of one run: its changes, with the values its plan and facts computed. */
export function handoverFromRun(state: FlowState): Handover {
	const hop1 = state.inputs.hop1 ?? '';
	const firstHop: FirstHopHandover = {computer: hop1, serverRole: false};
	const client: ClientHandover = {
		...(state.facts.local?.computerName === undefined
			? {}
			: {computer: state.facts.local.computerName}),
		startWinRm: false,
		credSspOn: false,
		lists: [],
	};
	const notCarried: string[] = [];
	for (const change of state.changes) {
		const {undo} = change;
		switch (undo.kind) {
			case 'stop-winrm':
				client.startWinRm = true;
				break;
			case 'restore-client': {
				const plan = state.plan?.client;
				client.credSspOn ||= !undo.enabledBefore;
				if (plan?.action === 'enable')
					client.lists.push({
						list: allowFresh,
						before: plan.before,
						after: plan.after,
						...(undo.switchesBefore === undefined
							? {}
							: {switchesBefore: undo.switchesBefore.localGpo}),
					});
				break;
			}
			case 'restore-ntlm-only': {
				const plan = state.plan?.ntlmOnly;
				if (plan !== undefined)
					client.lists.push({list: ntlmOnly, before: plan.before, after: plan.after});
				break;
			}
			case 'disable-server':
				firstHop.serverRole = true;
				break;
			case 'remove-listener': {
				// The certificate and name the approved New-Item named (an older journal: chosen again).
				const fqdn = state.facts.firstHop?.fqdn ?? hop1;
				const certificate =
					undo.certificate ?? listenerCertificate(state.facts.certificates ?? [], fqdn);
				if (certificate === undefined || undo.firewallRule === undefined) {
					notCarried.push(`${change.setting} on ${change.machine}: ${change.command}`);
					break;
				}
				firstHop.https = {certificate, firewallRule: undo.firewallRule};
				break;
			}
			case 'remove-trusted-host':
				client.trustedHost = undo.entry;
				break;
			case 'unregister-task':
				// A configuration engine applies its state again and again: the --for time box is not
				// carried, and the handover says so rather than leave CredSSP on for good unsaid.
				notCarried.push(
					`${change.setting} on ${change.machine} (--for): ${change.after}; an engine that applies this configuration keeps CredSSP on past it`,
				);
				break;
			// A computer object in Active Directory: neither configuration manages it here.
			case 'restore-principals':
				notCarried.push(`${change.setting} on ${change.machine}: ${change.command}`);
				break;
		}
	}
	client.lists = client.lists.filter(changed);
	return {
		client,
		// Listed even with nothing to change (the generators leave it out then): the risk names it.
		firstHops: hop1 === '' ? [] : [firstHop],
		...(state.inputs.user === undefined ? {} : {account: state.inputs.user}),
		dryRun: state.dryRun || state.changes.some((change) => change.dryRun),
		notCarried,
	};
}

/**
 * The risk doublehop shows before CredSSP (tree/risk.ts), for the first hops listed; and that its
 * per-change question does not apply once the engine runs.
 */
export function handoverWarnings(handover: Handover, undoHow: string): string[] {
	const names = handover.firstHops.map((hop) => hop.computer);
	const hops =
		names.length === 0
			? 'the first hop'
			: names.length === 1
				? (names[0] ?? '')
				: `any first hop listed here (${names.join(', ')})`;
	return [
		"doublehop's confirmation does not apply once this runs: doublehop asks before each change on",
		'each machine; the engine applies every setting below at once, on every machine it targets,',
		'without asking. Review it, and apply it to a test machine first.',
		'',
		...riskLines(hops, handover.account ?? 'your account', undoHow).map((line) => `Risk: ${line}`),
		// As doublehop adds it at the risk step for an NTLM session.
		...(handover.client.lists.some((list) => list.list.name === ntlmOnly.name)
			? [`Risk: ${ntlmRiskLine(hops)}`]
			: []),
	];
}

/** The undo's entries of a merged list: the values doublehop appended, numbered after `before`. */
export function appendedValueNames(list: DelegationListChange): string[] {
	return list.after
		.slice(list.before.length)
		.map((_, index) => String(list.before.length + index + 1));
}
