// Which CredentialsDelegation keys were there before doublehop, for the undo to remove the ones it
// made once they are empty again (credentials-list.ts). A second run reads the keys a first run
// made, still in place, as "there before"; its undo, taken back last, would then leave them behind,
// empty. So a key an earlier change still in place recorded as absent is absent here too.
import type {DelegationKeys} from '../windows/records.js';
import type {ChangeRecord} from './state.js';

type ListUndo = 'restore-client' | 'restore-ntlm-only';

export function keysBeforeDoublehop(
	read: DelegationKeys,
	kind: ListUndo,
	earlier: readonly ChangeRecord[] = [],
): DelegationKeys {
	let {parent, list} = read;
	for (const {undo} of earlier) {
		if (undo.kind !== 'restore-client' && undo.kind !== 'restore-ntlm-only') continue;
		if (undo.keysBefore === undefined) continue;
		// Both lists live under the one parent key; each list has its own key.
		if (!undo.keysBefore.parent) parent = false;
		if (undo.kind === kind && !undo.keysBefore.list) list = false;
	}
	return {parent, list};
}
