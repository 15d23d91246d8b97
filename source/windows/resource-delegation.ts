// Resource-based Kerberos constrained delegation (RBKCD): the second hop's computer object names
// the first hop's as allowed to delegate to it. PowerShell's second-hop guide
// (PS-remoting-second-hop.md): `Set-ADComputer -Identity $ServerC
// -PrincipalsAllowedToDelegateToAccount $ServerB`, which writes msDS-AllowedToActOnBehalfOfOtherIdentity;
// "Doesn't support the second hop for WinRM"; "Doesn't require Domain Administrator access";
// "To remove ... set the value ... to `$null`". The parameter writes the whole descriptor, so
// doublehop edits the descriptor there instead (delegation-descriptor.ts): it adds the first hop's
// ACE, and takes back only that.

import type {ErrorRecord} from './records.js';

/**
 * A computer object as Get-ADComputer shows it: its name, distinguished name and SID (objectSid,
 * one of its default properties). The DN changes when the object is moved or renamed; the SID
 * does not.
 */
export type ComputerObject = {name: string; distinguishedName: string; sid: string};

/** What doublehop reads before it proposes the change, on this machine. */
export type ResourceDelegation = {
	/** `Get-Module -ListAvailable ActiveDirectory` found the module (RSAT) on this machine. */
	moduleAvailable: boolean;
	/** Hop 2's computer object and who may delegate to it now (absent without the module). */
	target?: ComputerObject & {
		/** PrincipalsAllowedToDelegateToAccount, as the distinguished names Get-ADComputer prints. */
		principals: string[];
		/**
		 * Each principal's objectSid, in the same order ('' where it could not be read). The
		 * attribute holds SIDs (a security descriptor): a principal moved since keeps its SID.
		 */
		principalSids: string[];
		/**
		 * Whether allowedAttributesEffective lists msDS-AllowedToActOnBehalfOfOtherIdentity: the
		 * attributes the object's security descriptor grants the requester RIGHT_DS_WRITE_PROPERTY
		 * on (MS-ADTS 3.1.1.4.5.7), worked out by the domain controller for this shell's account.
		 */
		writable: boolean;
		/**
		 * msDS-AllowedToActOnBehalfOfOtherIdentity in SDDL ('' when not set): the whole descriptor,
		 * with the ACEs the list above cannot show (deny ACEs, other masks, SIDs that name nothing).
		 */
		descriptor: string;
	};
	/** Hop 1's computer object, the principal to add (absent without the module). */
	delegate?: ComputerObject;
};

/**
 * doublehop's id for the record below, which the undo's end recognises to say how to install it.
 * Not ",doublehop": the knowledge base reads the word "doublehop" as the words of a double hop.
 */
export const activeDirectoryModuleMissingId = 'ActiveDirectoryModuleMissing,DoublehopUndo';

/**
 * The undo found no ActiveDirectory module here (Get-Module -ListAvailable): Set-ADComputer, which
 * writes the list back, comes with it, so without it the undo cannot run at all.
 */
export function activeDirectoryModuleMissing(hop2: string): ErrorRecord {
	return {
		message: `The ActiveDirectory module is not installed on this computer (Get-Module -ListAvailable ActiveDirectory finds nothing): Set-ADComputer, which writes ${computerIdentity(hop2).toUpperCase()}'s list of who may delegate to it back, comes with it. Nothing was changed.`,
		fullyQualifiedErrorId: activeDirectoryModuleMissingId,
		categoryInfo: 'NotInstalled: (ActiveDirectory:String) [], InvalidOperationException',
		exceptionType: 'System.InvalidOperationException',
		targetObject: 'ActiveDirectory',
	};
}

/**
 * How RSAT's ActiveDirectory module is installed: on Windows 10 and 11 a Feature on Demand (the
 * capability's name as Windows Admin Center's own RBKCD set-up installs it), on Windows Server the
 * RSAT-AD-PowerShell feature (Microsoft's second-hop guide).
 */
export const activeDirectoryModuleInstall = {
	client: 'Add-WindowsCapability -Online -Name Rsat.ActiveDirectory.DS-LDS.Tools~~~~0.0.1.0',
	server: 'Install-WindowsFeature RSAT-AD-PowerShell',
};

/** The attribute Set-ADComputer -PrincipalsAllowedToDelegateToAccount writes. */
export const delegationAttribute = 'msDS-AllowedToActOnBehalfOfOtherIdentity';

/** Get-ADComputer's -Identity: a SAM account name, the first label of a DNS name as typed. */
export function computerIdentity(host: string): string {
	return host.split('.')[0] ?? host;
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The principals there now, with the first hop appended when it is missing; none dropped. */
export function withDelegate(principals: readonly string[], delegate: string): string[] {
	return principals.some((each) => sameName(each, delegate))
		? [...principals]
		: [...principals, delegate];
}

/** An edit of the descriptor in place: one allow ACE for a SID in (with the principal's DN), or out. */
export type DescriptorEdit = {add: string; principal: string} | {remove: string};

/** What doublehop added to the list: by DN, and by SID in records written since SIDs were kept. */
export type AddedDelegates = {added: readonly string[]; addedSids?: readonly string[]};

/** The SIDs recorded, none when the record has none (or only an unread, empty one). */
export function knownSids(mine: AddedDelegates): readonly string[] {
	return (mine.addedSids ?? []).filter((sid) => sid !== '');
}

/**
 * The principals as they are now (DNs, with their SIDs in the same order), less the ones doublehop
 * added: others stay, even new ones. By SID, since a computer moved to another OU or renamed since
 * the change keeps its SID but not its DN; by DN only for a record written before SIDs were kept.
 */
export function withoutDelegates(
	principals: readonly string[],
	sids: readonly string[],
	mine: AddedDelegates,
): string[] {
	const addedSids = knownSids(mine);
	return principals.filter((each, index) => {
		const sid = sids[index] ?? '';
		// A SID that could not be read, or a record without SIDs: the DN is all there is to go by.
		if (sid === '' || addedSids.length === 0) return !mine.added.some((dn) => sameName(dn, each));
		return !addedSids.some((added) => sameName(added, sid));
	});
}

/**
 * Who the KDC will not delegate, RBKCD included. PS-remoting-second-hop.md, under
 * resource-based Kerberos constrained delegation: accounts with "Account is sensitive and can't
 * be delegated" set "can't be delegated"; the Protected Users page: members are unable to
 * "Delegate with unconstrained or constrained delegation".
 */
export const notDelegatedWords = {
	protectedUsers:
		'Microsoft\'s Protected Users page: members are unable to "delegate with unconstrained or constrained delegation", and resource-based delegation is constrained delegation.',
	notDelegated:
		'Microsoft\'s second-hop guide, under resource-based Kerberos constrained delegation: accounts with "Account is sensitive and can\'t be delegated" set "can\'t be delegated".',
};
