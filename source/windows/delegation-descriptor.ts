// msDS-AllowedToActOnBehalfOfOtherIdentity is a whole security descriptor ("String(NT-Sec-Desc)",
// learn.microsoft.com/windows/win32/adschema/a-msds-allowedtoactonbehalfofotheridentity), handled
// here in its SDDL form (MS-DTYP 2.5.1). Set-ADComputer -PrincipalsAllowedToDelegateToAccount
// rebuilds it from the principals given (owner BA, one allow ACE each), so an ACE the list cannot
// name (a deny ACE, another access mask, a SID that no longer resolves) is dropped by any write
// through the parameter. doublehop edits the descriptor instead, as Impacket's rbcd.py does
// (fortra/impacket examples/rbcd.py: it appends one allow ACE with mask 983551 = 0xF01FF to the DACL
// there, and removes only the ACEs of that SID): one ACE in, and the same one out. The AD module
// returns the attribute as an ActiveDirectorySecurity and takes one back through -Replace, as Bryan
// Berns's KerberosDelegationHelper module does (`.'msDS-AllowedToActOnBehalfOfOtherIdentity'`,
// AddAccessRule with ActiveDirectoryRights GenericAll = 0xF01FF, then
// `Set-ADObject -Replace @{'msDS-AllowedToActOnBehalfOfOtherIdentity'=$list}`); doublehop goes
// through its SDDL form (ObjectSecurity.Get/SetSecurityDescriptorSddlForm) so the edit can be shown.
// Whether the AD module lists a deny ACE's or an orphaned SID's principal in
// PrincipalsAllowedToDelegateToAccount was not found documented; the lab says it does not.

/**
 * The rights of the allow ACE the AD module and rbcd.py write for a principal: 0xF01FF, in SDDL.
 * Not GENERIC_ALL (GA): the KDC checks the stored mask as it is (Adaptix-Framework/Extension-Kit
 * #146: GA there made S4U2Proxy fail with KDC_ERR_BADOPTION).
 */
export const delegateRights = 'CCDCLCSWRPWPDTLOCRSDRCWDWO';

/** The allow ACE that lets `sid` delegate, in SDDL. */
export function delegateAce(sid: string): string {
	return `(A;;${delegateRights};;;${sid})`;
}

/**
 * The SDDL up to the DACL's last ACE. An ACE may hold one level of parentheses (a conditional
 * ACE's expression). The same pattern is in the scripts (set-resource-delegation.ts).
 */
export const daclEndPattern = String.raw`^(.*?D:[A-Z]*(?:\((?:[^()]|\([^()]*\))*\))*)`;

/** The descriptor with the allow ACE for `sid` added after the DACL's ACEs, the rest as it was. */
export function withDelegateAce(sddl: string, sid: string): string {
	const ace = delegateAce(sid);
	if (sddl === '') return `O:BAD:${ace}`;
	if (!/D:/.test(sddl)) return `${sddl}D:${ace}`;
	return sddl.replace(new RegExp(daclEndPattern), (dacl: string) => dacl + ace);
}

// Outside a character class a hyphen is itself: a SID stays readable in the pattern.
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * An allow ACE (any flags, any mask) for `sid`: the one doublehop added, or the AD module's for it.
 * The same pattern is in the scripts (set-resource-delegation.ts).
 */
export function allowAcePattern(sid: string): string {
	return String.raw`\(A;[^;()]*;[^;()]*;;;${escaped(sid)}\)`;
}

/** The descriptor without `sid`'s allow ACEs; deny ACEs and every other ACE stay, in order. */
export function withoutDelegateAce(sddl: string, sid: string): string {
	return sddl.replace(new RegExp(allowAcePattern(sid), 'gi'), '');
}

/** Whether the descriptor holds an allow ACE for `sid`. */
export function hasDelegateAce(sddl: string, sid: string): boolean {
	return new RegExp(allowAcePattern(sid), 'i').test(sddl);
}

/** Whether the DACL holds any ACE at all (none: the attribute may as well be cleared). */
export function hasAces(sddl: string): boolean {
	return /D:[A-Z]*\(/.test(sddl);
}

/** The ACEs of the DACL, in order, as SDDL strings. */
export function daclAces(sddl: string): string[] {
	const dacl = /D:[A-Z]*((?:\((?:[^()]|\([^()]*\))*\))*)/.exec(sddl)?.[1] ?? '';
	return dacl.match(/\((?:[^()]|\([^()]*\))*\)/g) ?? [];
}
