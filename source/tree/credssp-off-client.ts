// This machine's side of turning CredSSP off for one first hop, without touching anyone else's.
// Disable-WSManCredSSP -Role Client deletes every value that starts with "wsman" from the list
// (CredSSP.cs DeleteDelegateSettings), others' entries included; doublehop takes out only the
// exact wsman/<hop1> entry, the way its own client undo rewrites the list (Registry.pol and HKLM).
import {restoreClientPlan} from '../operations/enable-client-credssp.js';
import {psArgument} from '../safety/names.js';
import {setDelegationListCommands} from '../operations/set-delegation-list.js';
import {entryCovers, sameList} from '../windows/delegation.js';
import type {ClientCredSsp, HklmDelegationWrite} from '../windows/records.js';

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

/**
 * The command that takes `entry` out, as the admin runs it in an elevated shell here: through the
 * cmdlets, which write the local Group Policy object (Registry.pol) as well as HKLM, so the next
 * policy refresh keeps it out; a registry edit of HKLM alone would be undone by that refresh.
 * Disable-WSManCredSSP -Role Client deletes every value starting with "wsman" (CredSSP.cs
 * DeleteDelegateSettings; TERMSRV/* and the like stay); Enable-WSManCredSSP -Role Client then
 * puts the other wsman/ entries back (it adds "wsman/" to each name it is given).
 */
export function withoutEntryCommand(client: ClientLists, entry: string): string {
	const disable = 'Disable-WSManCredSSP -Role Client';
	const others = wsmanOthers(client, entry);
	if (others.length === 0) return disable;
	return `${disable}; Enable-WSManCredSSP -Role Client -DelegateComputer ${others.map(psArgument).join(',')} -Force`;
}

/** The names of the list's other wsman/ entries, as Enable-WSManCredSSP takes them. */
export function wsmanOthers(client: ClientLists, entry: string): string[] {
	const list = client.localGpoAllowFreshCredentials ?? client.allowFreshCredentials;
	return list
		.filter(
			(value) =>
				value.toLowerCase().startsWith('wsman/') && value.toLowerCase() !== entry.toLowerCase(),
		)
		.map((value) => value.slice('wsman/'.length));
}

/** Said when a wildcard also covers hop 1: taking the exact entry out alone does not stop it. */
export function wildcardLine(wildcard: string, hop1: string): string {
	return `${wildcard} in the same list also covers ${hop1}: removing wsman/${hop1} alone does not stop delegation to it. That entry covers other machines too, so doublehop leaves it to you.`;
}

/** The change that takes `entry` out: what set-delegation-list writes (remove-delegation-entry). */
export function withoutEntryWrite(client: ClientLists, entry: string) {
	const {list = [], switches, hklm, keysBefore} = withoutEntryPlan(client, entry);
	return {
		values: list,
		...(switches === undefined ? {} : {switches}),
		...(hklm === undefined ? {} : {hklm}),
		...(keysBefore === undefined ? {} : {keysBefore}),
	};
}

function withEntryAt(list: readonly string[], entry: string, index: number): string[] {
	if (list.some((value) => value.toLowerCase() === entry.toLowerCase())) return [...list];
	const at = Math.min(index, list.length);
	return [...list.slice(0, at), entry, ...list.slice(at)];
}

/**
 * The turn-off's undo: `entry` back at `index` (where it was), in the local GPO's list and HKLM's,
 * every entry since kept; nothing where it is there again. The switches are written as
 * Enable-WSManCredSSP leaves them beside a list (both on): they were, for the entry to carry the
 * command before (the run proved it worked through CredSSP).
 */
export function restoreEntryPlan(
	now: ClientLists,
	undo: {entry: string; index: number},
): {values: string[]; hklm?: HklmDelegationWrite} | undefined {
	const hklm = now.allowFreshCredentials;
	const gpo = now.localGpoAllowFreshCredentials ?? hklm;
	const domainOwned = now.policyDelegation !== undefined;
	const values = withEntryAt(gpo, undo.entry, undo.index);
	const hklmValues = domainOwned ? hklm : withEntryAt(hklm, undo.entry, undo.index);
	if (values.length === gpo.length && hklmValues.length === hklm.length) return undefined;
	if (domainOwned) return {values, hklm: 'group-policy'};
	return sameList(hklmValues, values) ? {values} : {values, hklm: {values: hklmValues}};
}

/** The turn-off's undo as shown: the list written back with the entry in its place. */
export function restoreEntryCommand(
	now: ClientLists | undefined,
	undo: {entry: string; index: number; listBefore: string[]},
): string {
	const client = now ?? {
		enabled: true,
		allowFreshCredentials: undo.listBefore.filter(
			(value) => value.toLowerCase() !== undo.entry.toLowerCase(),
		),
	};
	const plan = restoreEntryPlan(client, undo);
	if (plan === undefined) return `# Nothing to run: ${undo.entry} is in the delegation list.`;
	return setDelegationListCommands(plan.values, undefined, plan.hklm).join('\n');
}
