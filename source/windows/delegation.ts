// How Windows decides whether an "Allow delegating fresh credentials" entry covers a target:
// the client builds the SPN WSMAN/<name as typed in -ComputerName> and compares it with each
// entry. A single leading wildcard is allowed (WSMAN/*.contoso.com, WSMAN/*); a short name does
// not match an FQDN entry, nor the other way round. Comparisons ignore case.

import type {
	ClientCredSsp,
	DelegationSwitches,
	DelegationSwitchesBoth,
	SwitchValue,
} from './records.js';

export type Coverage = {covered: true; entry: string} | {covered: false};

function spnFor(computerName: string): string {
	return `wsman/${computerName}`;
}

export function entryCovers(entry: string, computerName: string): boolean {
	const slash = entry.indexOf('/');
	if (slash === -1) return false;
	const service = entry.slice(0, slash).toLowerCase();
	const host = entry.slice(slash + 1).toLowerCase();
	const target = computerName.toLowerCase();
	if (service !== 'wsman' && service !== '*') return false;
	if (host === '*') return true;
	if (host.startsWith('*.')) return target.endsWith(host.slice(1));
	return host === target;
}

export function coverage(entries: readonly string[], computerName: string): Coverage {
	const entry = entries.find((candidate) => entryCovers(candidate, computerName));
	return entry === undefined ? {covered: false} : {covered: true, entry};
}

/**
 * Whether a policy switch reads as Disabled: a DWORD 0, or a REG_SZ '0' (`reg add ... /d 0`
 * without /t REG_DWORD writes one). How CredSSP reads a text where the policy's ADMX writes a DWORD
 * is not documented (Windows' reader is not public; PowerShell's CredSSP.cs only writes DWORD 1s
 * and deletes the values, never reads them): the cautious reading, which never claims delegation
 * that may not be in force. Read as a number it would be Disabled; read by type, ignored (Not
 * configured, which uses no wsman/ entry either). The pwsh stubs read it the same way.
 */
export const switchOff = (value: SwitchValue): boolean => value === 0 || value === '0';

/**
 * A list's coverage as CredSSP applies it. With its policy set to Disabled (the switch, e.g.
 * AllowFreshCredentials, is 0) no entry counts: "delegation of fresh credentials to any machine is
 * not permitted" (the policy's help), though the values stay in the registry and Get-WSManCredSSP
 * still lists them (CredSSP.cs GetDelegateSettings reads the values, never the switch).
 */
export function coverageInForce(
	entries: readonly string[],
	switches: DelegationSwitches | undefined,
	computerName: string,
): Coverage {
	return switches !== undefined && switchOff(switches.allowFresh)
		? {covered: false}
		: coverage(entries, computerName);
}

/**
 * A delegation or TrustedHosts list as the screen says it: its entries, or `empty` for none
 * ("(empty)" on a line of its own, "empty" inside brackets).
 */
export function listText(list: readonly string[], empty = '(empty)'): string {
	return list.length === 0 ? empty : list.join(', ');
}

/** The list Enable-WSManCredSSP -Role Client will leave: existing entries kept, new ones appended. */
export function mergedDelegationList(
	existing: readonly string[],
	add: readonly string[],
): string[] {
	const result = [...existing];
	for (const name of add) {
		if (!coverage(result, name).covered) result.push(spnFor(name));
	}
	return result;
}

/** The list with the entries doublehop appended taken out again (their last occurrences), all else kept. */
export function withoutAdded(current: readonly string[], added: readonly string[]): string[] {
	const result = [...current];
	for (const entry of added) {
		const index = result.map((e) => e.toLowerCase()).lastIndexOf(entry.toLowerCase());
		if (index !== -1) result.splice(index, 1);
	}
	return result;
}

/**
 * An entry that covers the first hop under another of its names (its FQDN, or its short name)
 * but not under the name as typed: the usual reason a list "with the server in it" still fails.
 */
export function coversOtherName(
	entries: readonly string[],
	typed: string,
	fqdn: string,
): {entry: string; name: string} | undefined {
	if (coverage(entries, typed).covered) return undefined;
	const short = fqdn.split('.')[0] ?? fqdn;
	for (const name of [fqdn, short]) {
		if (name.toLowerCase() === typed.toLowerCase()) continue;
		const found = coverage(entries, name);
		if (found.covered) return {entry: found.entry, name};
	}
	return undefined;
}

/**
 * The switches Enable-WSManCredSSP -Role Client leaves beside a list (both 1, CredSSP.cs
 * UpdateGPORegistrySettings), and Disable-WSManCredSSP once no entry is left (both removed).
 */
export function switchesWith(list: readonly string[]): DelegationSwitches {
	return list.length > 0
		? {allowFresh: 1, concatenateDefaults: 1}
		: {allowFresh: null, concatenateDefaults: null};
}

/**
 * Both copies of the list's switches as the client read found them, for an undo to put back; the
 * local GPO's stands as HKLM's where Registry.pol was not read. Undefined when they were not read.
 */
export function switchesRead(
	client: Pick<ClientCredSsp, 'allowFreshSwitches' | 'localGpoAllowFreshSwitches'>,
): DelegationSwitchesBoth | undefined {
	const hklm = client.allowFreshSwitches;
	return hklm === undefined
		? undefined
		: {hklm, localGpo: client.localGpoAllowFreshSwitches ?? hklm};
}

export function sameSwitches(a: DelegationSwitches, b: DelegationSwitches): boolean {
	return a.allowFresh === b.allowFresh && a.concatenateDefaults === b.concatenateDefaults;
}

/**
 * As gpedit.msc names the state, with the two values, e.g. "Disabled (AllowFreshCredentials = 0,
 * ConcatenateDefaults_AllowFresh not set)". `names`: the values' names, for the NTLM-only pair.
 */
export function switchesText(
	switches: DelegationSwitches,
	names: readonly [string, string] = ['AllowFreshCredentials', 'ConcatenateDefaults_AllowFresh'],
): string {
	const {allowFresh, concatenateDefaults} = switches;
	const state =
		allowFresh === null ? 'Not configured' : switchOff(allowFresh) ? 'Disabled' : 'Enabled';
	const value = (name: string, v: SwitchValue) =>
		v === null
			? `${name} not set`
			: typeof v === 'string'
				? `${name} = '${v}' (REG_SZ)`
				: `${name} = ${v}`;
	return `${state} (${value(names[0], allowFresh)}, ${value(names[1], concatenateDefaults)})`;
}

/** Whether two delegation lists hold the same entries in the same order (case ignored). */
export function sameList(a: readonly string[], b: readonly string[]): boolean {
	return (
		a.length === b.length && a.every((entry, i) => entry.toLowerCase() === b[i]?.toLowerCase())
	);
}

/**
 * Whether what a run turned on for its delegation entries (the WinRM client's CredSSP switch, the
 * policy's two switches) goes back once its entries are out: only if the list left is as it was
 * before the run. An entry added since (another run's, or by hand) needs them. `listBefore`
 * unknown (a journal written before it was kept): they go back, as they always did. One rule for
 * doublehop undo, the lab and the scheduled revert task (which says it in PowerShell: the -ListBefore
 * of operations/set-delegation-list.ts).
 */
export function listAsItWas(left: readonly string[], listBefore?: readonly string[]): boolean {
	return listBefore === undefined || sameList(left, listBefore);
}

/** The entries of `left` beyond those `listBefore` held (each counted once per extra copy): what
 * keeps the switches on, named to the admin. */
export function entriesAddedSince(
	left: readonly string[],
	listBefore: readonly string[],
): string[] {
	const before = listBefore.map((entry) => entry.toLowerCase());
	return left.filter((entry) => {
		const index = before.indexOf(entry.toLowerCase());
		if (index === -1) return true;
		before.splice(index, 1);
		return false;
	});
}
