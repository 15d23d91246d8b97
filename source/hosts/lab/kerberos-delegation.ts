// How the lab's domain answers a second hop by resource-based Kerberos constrained delegation:
// the KDC lets hop 1 act for the user towards hop 2 when hop 2's computer object names hop 1's in
// msDS-AllowedToActOnBehalfOfOtherIdentity (PS-remoting-second-hop.md), for a user who may be
// delegated at all (not Protected Users, not "Account is sensitive and can't be delegated"), and
// only for what the lab plays over SMB: "Doesn't support the second hop for WinRM". A refusal is
// cached: "The Kerberos Key Distribution Center (KDC) caches denied-access attempts (negative
// cache) for 15 minutes" (the same guide), so a hop 2 refused once stays refused after the change,
// until `klist purge -li 0x3e7` on hop 1. The lab has no clock: the cache holds until purged.
import {computerObject, machineNamed, type Directory} from './computer-objects.js';
import type {LabAccount} from './scenario.js';

/** Whether hop 2's object names hop 1's as allowed to delegate to it (by its SID: moved, it stays). */
function principalAllowed(lab: Directory, hop1: string, hop2: string): boolean {
	return computerObject(lab, hop2).principals.some((each) => machineNamed(lab, each) === hop1);
}

function cachedRefusal(lab: Directory, hop1: string, hop2: string): boolean {
	return lab.directory?.refusedDelegation?.[hop1]?.includes(hop2) ?? false;
}

/**
 * A second hop over SMB from a Kerberos session on `hop1` to `hop2`: whether the KDC delegates.
 * A refusal for want of the principal is cached on hop 1 (the lab's state changes).
 */
export function delegatesBySmb(
	lab: Directory,
	session: {key: string; account: LabAccount; authentication: string},
	hop2: string,
): boolean {
	const {key: hop1, account, authentication} = session;
	const hop1Machine = lab.machines[hop1];
	const hop2Machine = lab.machines[hop2];
	// Delegation needs a Kerberos ticket from the client to hop 1, and both in the domain.
	if (authentication !== 'Kerberos' || hop1Machine?.domain == null || hop2Machine?.domain == null)
		return false;
	if (account.protectedUsers === true || account.notDelegated === true) return false;
	if (cachedRefusal(lab, hop1, hop2)) return false;
	if (principalAllowed(lab, hop1, hop2)) return true;
	const directory = (lab.directory ??= {});
	const refused = (directory.refusedDelegation ??= {});
	refused[hop1] = [...(refused[hop1] ?? []), hop2];
	return false;
}

/** `klist purge -li 0x3e7` on hop 1: its cached refusals go, and nothing else changes. */
export function purgeRefusals(lab: Directory, hop1: string): void {
	const refused = lab.directory?.refusedDelegation;
	if (refused === undefined || !(hop1 in refused)) return;
	delete refused[hop1];
	if (Object.keys(refused).length === 0) delete lab.directory?.refusedDelegation;
	if (lab.directory !== undefined && Object.keys(lab.directory).length === 0) delete lab.directory;
}
