// A change a --for revert task covered, once that task ran, may already be taken back: its undo
// reads the machine before anything is shown or asked (the client's CredSSP and delegation list,
// hop 1's server role, hop 1's listeners), and says what it read. What is as it was before
// doublehop is closed without a question; what is still there is asked for as usual.
import {restoreClientPlan} from '../operations/enable-client-credssp.js';
import {listListenersCommand} from '../operations/list-listeners.js';
import {readClientCredSspCommand} from '../operations/read-client-credssp.js';
import {readServerCredSspCommand} from '../operations/read-server-credssp.js';
import {listText} from '../windows/delegation.js';
import {sameThumbprint} from '../windows/certificates.js';
import {isAddressAnyHttps} from '../windows/records.js';
import {clientName, run, yesNo} from './common.js';
import type {ChangeRecord, FlowState, Pending} from './state.js';
import {startArgs, withWinRMStarted} from './undo-winrm.js';

/** Whether a revert task that ran covered this change: then it is read before its undo. */
export const coveredByTaskThatRan = (state: FlowState, change: ChangeRecord) =>
	state.revertedByTask?.ids.includes(change.id) === true;

/** The client's CredSSP settings, read before its undo; with WinRM started for it when stopped. */
export function readClientForUndo(state: FlowState, change: ChangeRecord): Pending {
	const args = startArgs(state, change);
	const command = args.startWinRM
		? withWinRMStarted(readClientCredSspCommand)
		: readClientCredSspCommand;
	return run('read-client-credssp', args, clientName(state), command);
}

/** The read this change's undo needs first, or undefined when it is read (or has none). */
export function readBeforeUndo(state: FlowState, change: ChangeRecord): Pending | undefined {
	const {undo} = change;
	const {facts} = state;
	switch (undo.kind) {
		case 'restore-client':
			return facts.client === undefined ? readClientForUndo(state, change) : undefined;
		case 'disable-server':
			return facts.server === undefined
				? run(
						'read-server-credssp',
						{hop1: undo.hop1},
						undo.hop1,
						readServerCredSspCommand(undo.hop1),
					)
				: undefined;
		case 'remove-listener':
			return facts.listeners === undefined
				? run('list-listeners', {hop1: undo.hop1}, undo.hop1, listListenersCommand(undo.hop1))
				: undefined;
		default:
			return undefined;
	}
}

/** The command that read it, shown with what was found. */
export function readCommandFor(change: ChangeRecord): string | undefined {
	const {undo} = change;
	if (undo.kind === 'restore-client') return readClientCredSspCommand;
	if (undo.kind === 'disable-server') return readServerCredSspCommand(undo.hop1);
	if (undo.kind === 'remove-listener') return listListenersCommand(undo.hop1);
	return undefined;
}

/**
 * What was read, in words, and whether nothing is left to take back; undefined when not read.
 * A listener found gone is as before only when its task removed itself: its script does that last,
 * once every step worked, so the firewall rule (not read) went too.
 */
export function readNow(
	state: FlowState,
	change: ChangeRecord,
): {line: string; asBefore: boolean} | undefined {
	const {undo} = change;
	const {client, server, listeners} = state.facts;
	switch (undo.kind) {
		case 'restore-client': {
			if (client === undefined) return undefined;
			const plan = restoreClientPlan(
				client,
				undo.added,
				undo.enabledBefore,
				undo.switchesBefore,
				undo.listBefore,
				undo.keysBefore,
			);
			return {
				line: `CredSSP ${yesNo(client.enabled)}; list: ${listText(client.allowFreshCredentials)}`,
				// Not while CredSSP stays on for entries added since: it was off before, and the change
				// stays open until the list is as it was (undo-switch-on.ts says why, when asked).
				asBefore: plan.list === undefined && !plan.turnOff && plan.switchStaysOn === undefined,
			};
		}
		case 'disable-server':
			if (server === undefined) return undefined;
			return {line: server.enabled ? 'on' : 'off', asBefore: !server.enabled};
		case 'remove-listener': {
			if (listeners === undefined) return undefined;
			const there = listeners.some((l) => l.transport === 'HTTPS' && l.port === undo.port);
			const made = undo.certificate?.thumbprint;
			const ours = listeners.find(isAddressAnyHttps);
			// Re-bound since: undo leaves it (remove-https-listener.ts), and says so before the yes.
			const rebound =
				made !== undefined &&
				ours !== undefined &&
				!sameThumbprint(ours.certificateThumbprint, made)
					? `, re-bound since to certificate ${ours.certificateThumbprint} (made with ${made}): undo leaves it`
					: '';
			const ruleGone =
				undo.firewallRule === undefined ||
				state.revertedByTask?.completed.includes(change.id) === true;
			const rule =
				undo.firewallRule === undefined || there || !ruleGone
					? ''
					: ` (its task, gone, removed firewall rule ${undo.firewallRule} before itself)`;
			return {
				line: there
					? `HTTPS listener on ${undo.port}${rebound}`
					: `no HTTPS listener on ${undo.port}${rule}`,
				asBefore: !there && ruleGone,
			};
		}
		default:
			return undefined;
	}
}
