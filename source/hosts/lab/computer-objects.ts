// The lab's computer objects as the directory keys them. msDS-AllowedToActOnBehalfOfOtherIdentity
// is a security descriptor ("Syntax: String(NT-Sec-Desc)",
// learn.microsoft.com/windows/win32/adschema/a-msds-allowedtoactonbehalfofotheridentity): its ACEs
// hold SIDs, not names, and Get-ADComputer's PrincipalsAllowedToDelegateToAccount prints each as
// the distinguished name its object has now. So a computer moved to another OU, or renamed, keeps
// its place in the list under its new DN: its objectSid does not change.
//
// The lab stores a lab machine's principal by its SID. An object outside the lab's machines (a
// scenario's WEB01) is stored by the DN the scenario gives it, which the lab never moves.
import {daclAces, delegateAce, delegateRights} from '../../windows/delegation-descriptor.js';
import type {LabComputerObject, LabMachine, Scenario} from './scenario.js';

/**
 * The lab domain's SID (Microsoft's documentation example), one for every object: Protected Users
 * is its RID 525, computer objects have RIDs of their own (below).
 */
export const labDomainSid = 'S-1-5-21-1004336348-1177238915-682003330';

export type Directory = Pick<Scenario, 'machines' | 'directory'>;

/**
 * A RID that stays the same for the same text (the stubs work it out the same way:
 * DoublehopLabStubs.ActiveDirectory.ps1 Get-LabRid).
 */
function labRid(text: string): number {
	let hash = 0;
	for (const char of text.toLowerCase()) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_003;
	return 1100 + (hash % 8900);
}

/** A domain machine's computer object; one the scenario does not list has no principals. */
export function computerObject(lab: Directory, key: string): LabComputerObject {
	return lab.directory?.computers?.[key] ?? {principals: []};
}

/** Where the object is now: the scenario's DN, else CN=<NAME>,CN=Computers,<domain>. */
export function computerDn(lab: Directory, key: string): string {
	const moved = lab.directory?.computers?.[key]?.distinguishedName;
	if (moved !== undefined) return moved;
	const machine = lab.machines[key] as LabMachine;
	const name = machine.fqdn.split('.')[0]?.toUpperCase() ?? machine.fqdn;
	const domain = (machine.domain ?? '')
		.split('.')
		.map((part) => `DC=${part}`)
		.join(',');
	return `CN=${name},CN=Computers,${domain}`;
}

/** objectSid: the scenario's, else one worked out from the machine's short name. */
export function computerSid(lab: Directory, key: string): string {
	const given = lab.directory?.computers?.[key]?.sid;
	if (given !== undefined) return given;
	const machine = lab.machines[key] as LabMachine;
	return `${labDomainSid}-${labRid(machine.fqdn.split('.')[0] ?? machine.fqdn)}`;
}

const domainKeys = (lab: Directory) =>
	Object.keys(lab.machines).filter((key) => lab.machines[key]?.domain != null);
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The lab machine an identity names: its SID, its DN now, or its SAM name (NAME or NAME$). */
export function machineNamed(lab: Directory, identity: string): string | undefined {
	const sam = identity.replace(/\$$/, '');
	return domainKeys(lab).find(
		(key) =>
			same(computerSid(lab, key), identity) ||
			same(computerDn(lab, key), identity) ||
			same((lab.machines[key] as LabMachine).fqdn.split('.')[0] ?? '', sam),
	);
}

/** What the attribute keeps for a principal given to Set-ADComputer. */
export function storedPrincipal(lab: Directory, identity: string): string {
	const key = machineNamed(lab, identity);
	return key === undefined ? identity : computerSid(lab, key);
}

/** A stored principal as Get-ADComputer prints it: its object's DN now. */
export function shownPrincipal(lab: Directory, stored: string): string {
	const key = machineNamed(lab, stored);
	return key === undefined ? stored : computerDn(lab, key);
}

/** A stored principal's objectSid, as Get-ADObject -Properties objectSid reads it. */
export function principalSid(lab: Directory, stored: string): string {
	const key = machineNamed(lab, stored);
	return key === undefined ? `${labDomainSid}-${labRid(stored)}` : computerSid(lab, key);
}

// The descriptor itself, in SDDL. The principals are the allow ACEs with the AD module's mask whose
// SID names an object; `otherAces` are the rest (deny ACEs, other masks, SIDs that name nothing),
// which PrincipalsAllowedToDelegateToAccount does not list (the model's belief: it converts each SID
// to an ADPrincipal, which an orphaned SID, or a deny, is not) and its write drops.

/** msDS-AllowedToActOnBehalfOfOtherIdentity as SDDL ('' when not set): deny ACEs first (canonical order). */
export function descriptorOf(lab: Directory, object: LabComputerObject): string {
	const others = object.otherAces ?? [];
	if (object.principals.length === 0 && others.length === 0) return '';
	const denies = others.filter((ace) => /^\(D;/i.test(ace));
	const allows = others.filter((ace) => !/^\(D;/i.test(ace));
	const mine = object.principals.map((each) => delegateAce(principalSid(lab, each)));
	return `O:BAD:${[...denies, ...mine, ...allows].join('')}`;
}

/** A descriptor written with -Replace, back into principals (by SID, or the DN kept) and the rest. */
export function fromDescriptor(
	lab: Directory,
	object: LabComputerObject,
	sddl: string,
): Pick<LabComputerObject, 'principals' | 'otherAces'> {
	const principals: string[] = [];
	const otherAces: string[] = [];
	for (const ace of daclAces(sddl)) {
		const sid = new RegExp(`^\\(A;;${delegateRights};;;(S-[0-9-]+)\\)$`, 'i').exec(ace)?.[1];
		const key = sid === undefined ? undefined : machineNamed(lab, sid);
		const kept = object.principals.find(
			(each) => sid !== undefined && principalSid(lab, each) === sid,
		);
		if (key !== undefined) principals.push(computerSid(lab, key));
		else if (kept !== undefined) principals.push(kept);
		else otherAces.push(ace);
	}
	return otherAces.length === 0 ? {principals} : {principals, otherAces};
}
