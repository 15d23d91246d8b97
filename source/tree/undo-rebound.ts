// The HTTPS listener's undo found the Address=* listener re-bound since to another certificate (an
// admin's renewed one): it is theirs now and was left. Said as what is there, with the command to
// remove it by hand; the change is closed, as nothing of doublehop's is left in it.
import {removeHttpsListenerCommand} from '../operations/remove-https-listener.js';
import type {ListenerRemoved} from '../windows/records.js';
import type {ChangeRecord} from './state.js';

/** What the undo left, in words; undefined when the listener was doublehop's and went. */
export function reboundListener(change: ChangeRecord, found: ListenerRemoved): string | undefined {
	const {undo} = change;
	if (undo.kind !== 'remove-listener' || found.listenerRebound === undefined) return undefined;
	return `HTTPS listener left: re-bound to certificate ${found.listenerRebound}`;
}

/** Why it was left, and how to remove it anyway. */
export function reboundLines(change: ChangeRecord, found: ListenerRemoved): string[] {
	const {undo} = change;
	if (undo.kind !== 'remove-listener' || found.listenerRebound === undefined) return [];
	const made = undo.certificate?.thumbprint ?? 'another';
	return [
		`The HTTPS listener (Address=*, Transport=HTTPS) on ${undo.hop1} now has certificate ${found.listenerRebound}, not ${made} doublehop made it with: it was re-bound since, so it is left as it is`,
		...(undo.firewallRule === undefined || found.firewallRuleWasGone === true
			? []
			: [
					`Firewall rule ${undo.firewallRule} (doublehop's) removed: if that listener is still needed, allow TCP 5986 in again`,
				]),
		`To remove the listener anyway: ${removeHttpsListenerCommand(undo.hop1, undefined)}`,
	];
}
