// An undo of the client change that leaves WinRM client CredSSP on: the change turned it on, but
// the delegation list, once its entries are out, is not as it was before (an entry added since,
// say by a second run, needs it). The same rule as the scheduled revert's (windows/delegation.ts
// listAsItWas). The change stays open in the journal, so a later undo turns CredSSP off once the
// list is as it was; the log says which entries keep it on.
import {switchStaysOnText} from '../operations/enable-client-credssp.js';
import {listText} from '../windows/delegation.js';
import type {addLog} from './common.js';
import type {ChangeRecord, FlowState} from './state.js';
import {clientRestoreFor} from './undo-commands.js';

/** The log entry for a client undo that left CredSSP on, or undefined when it did not. */
export function switchLeftOnEntry(
	state: FlowState,
	change: ChangeRecord,
	command: string,
): Parameters<typeof addLog>[1] | undefined {
	const client = state.facts.client;
	if (client === undefined || change.undo.kind !== 'restore-client') return undefined;
	const restore = clientRestoreFor(change, client);
	const stays = restore?.switchStaysOn;
	if (restore === undefined || stays === undefined) return undefined;
	const {added} = change.undo;
	return {
		status: 'blocked',
		title: `Left on: WinRM client CredSSP on ${change.machine}, which other delegation entries need`,
		details: [
			added.length === 0
				? 'No delegation entry to take out: this change only turned CredSSP on.'
				: restore.list === undefined
					? `Already out of the delegation list: ${added.join(', ')}.`
					: `Taken out of the delegation list: ${added.join(', ')}.`,
			`${switchStaysOnText(stays)}.`,
			`The change stays open: ${state.undoCommand} turns CredSSP off once the list is as it was.`,
		],
		machine: change.machine,
		command,
	};
}

/** What a client undo that left CredSSP on left: the switch, and the list without its entries. */
export function clientLeftOnNow(state: FlowState, change: ChangeRecord): string | undefined {
	const client = state.facts.client;
	const restore = client === undefined ? undefined : clientRestoreFor(change, client);
	if (client === undefined || restore === undefined) return undefined;
	return `CredSSP on; list: ${listText(restore.list ?? client.allowFreshCredentials)}`;
}

/** The undo screen's "After:": the change's before, or, with CredSSP left on, what stays and why. */
export function afterUndoLines(state: FlowState, change: ChangeRecord): string[] {
	const client = state.facts.client;
	const stays = client === undefined ? undefined : clientRestoreFor(change, client)?.switchStaysOn;
	if (stays === undefined || change.undo.kind !== 'restore-client')
		return [`${change.setting}: ${change.before}`];
	const {added} = change.undo;
	return [
		...(added.length === 0 ? [] : [`Delegation list: without ${added.join(', ')}`]),
		`${switchStaysOnText(stays)}.`,
	];
}
