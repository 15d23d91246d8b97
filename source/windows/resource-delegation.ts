// Resource-based Kerberos constrained delegation (RBKCD): the second hop's computer object names
// the first hop's as allowed to delegate to it. PowerShell's second-hop guide
// (PS-remoting-second-hop.md): `Set-ADComputer -Identity $ServerC
// -PrincipalsAllowedToDelegateToAccount $ServerB`, which writes msDS-AllowedToActOnBehalfOfOtherIdentity;
// "Doesn't support the second hop for WinRM"; "Doesn't require Domain Administrator access";
// "To remove ... set the value ... to `$null`". The value is the whole list, so doublehop writes
// the list that is there plus the first hop, and takes back only what it added.

/** A computer object as Get-ADComputer shows it: its name and distinguished name. */
export type ComputerObject = {name: string; distinguishedName: string};

/** What doublehop reads before it proposes the change, on this machine. */
export type ResourceDelegation = {
	/** `Get-Module -ListAvailable ActiveDirectory` found the module (RSAT) on this machine. */
	moduleAvailable: boolean;
	/** Hop 2's computer object and who may delegate to it now (absent without the module). */
	target?: ComputerObject & {
		/** PrincipalsAllowedToDelegateToAccount, as the distinguished names Get-ADComputer prints. */
		principals: string[];
		/**
		 * Whether allowedAttributesEffective lists msDS-AllowedToActOnBehalfOfOtherIdentity: the
		 * attributes the object's security descriptor grants the requester RIGHT_DS_WRITE_PROPERTY
		 * on (MS-ADTS 3.1.1.4.5.7), worked out by the domain controller for this shell's account.
		 */
		writable: boolean;
	};
	/** Hop 1's computer object, the principal to add (absent without the module). */
	delegate?: ComputerObject;
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

/** The principals as they are now, less the ones doublehop added: others stay, even new ones. */
export function withoutDelegates(
	principals: readonly string[],
	added: readonly string[],
): string[] {
	return principals.filter((each) => !added.some((mine) => sameName(mine, each)));
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
