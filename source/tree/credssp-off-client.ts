// This machine's side of turning CredSSP off for one first hop, without touching anyone else's.
// Disable-WSManCredSSP -Role Client deletes every value that starts with "wsman" from the list
// (CredSSP.cs DeleteDelegateSettings), others' entries included; doublehop takes out only the
// exact wsman/<hop1> entry, the way its own client undo rewrites the list (Registry.pol and HKLM).
import {restoreClientCommands, restoreClientPlan} from '../operations/enable-client-credssp.js';
import {entryCovers} from '../windows/delegation.js';
import type {ClientCredSsp} from '../windows/records.js';

type ClientLists = Pick<
	ClientCredSsp,
	'enabled' | 'allowFreshCredentials' | 'localGpoAllowFreshCredentials' | 'policyDelegation'
>;

/** The entry for hop 1 as typed (`wsman/<hop1>`, case ignored), and any other entry covering it. */
type HopEntries = {exact?: string; wildcard?: string};

export function hopEntries(client: ClientLists, hop1: string): HopEntries {
	const list = client.localGpoAllowFreshCredentials ?? client.allowFreshCredentials;
	const spn = `wsman/${hop1}`.toLowerCase();
	const exact = list.find((entry) => entry.toLowerCase() === spn);
	// Another entry that matches the name as typed (delegation.ts): wsman/*, wsman/*.contoso.com.
	const wildcard = client.allowFreshCredentials.find(
		(entry) => entry.toLowerCase() !== spn && entryCovers(entry, hop1),
	);
	return {...(exact === undefined ? {} : {exact}), ...(wildcard === undefined ? {} : {wildcard})};
}

/** The list without `entry` (its last occurrence), both places, every other entry kept. */
function withoutEntryPlan(client: ClientLists, entry: string) {
	// enabledBefore true: client CredSSP itself stays on, for whatever other entries still need it.
	return restoreClientPlan(client, [entry], true);
}

/** The commands that take `entry` out, as the admin would run them in an elevated shell here. */
export function withoutEntryCommand(client: ClientLists, entry: string): string {
	return restoreClientCommands(withoutEntryPlan(client, entry)).join('\n');
}

/** Said when a wildcard also covers hop 1: taking the exact entry out alone does not stop it. */
export function wildcardLine(wildcard: string, hop1: string): string {
	return `${wildcard} in the same list also covers ${hop1}: removing wsman/${hop1} alone does not stop delegation to it. That entry covers other machines too, so doublehop leaves it to you.`;
}
