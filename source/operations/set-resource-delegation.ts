// Who may delegate to hop 2: Set-ADComputer <hop2> -PrincipalsAllowedToDelegateToAccount <list>,
// as PS-remoting-second-hop.md writes it (an array for several; `$null` removes them all). The
// parameter replaces the whole list, so the change writes the principals already there plus hop 1,
// and the undo writes them back: `$null` only when there were none before. The same script is the
// change and its undo. A write the directory refuses fails as Set-ADUser's does ("Insufficient
// access rights to perform the operation", ActiveDirectoryServer:8344, seen in public
// transcripts), and is shown as it comes.
import type {CommandOutput} from '../windows/records.js';
import {psArgument, psQuote} from '../safety/names.js';
import {computerIdentity, knownSids, type AddedDelegates} from '../windows/resource-delegation.js';
import {parseCommandOutput} from './command-output.js';
import type {OperationScript} from './operation.js';

/** The command as an admin would type it: the principals by distinguished name, or `$null`. */
export function setResourceDelegationCommand(hop2: string, principals: readonly string[]): string {
	const value = principals.length === 0 ? '$null' : principals.map(psQuote).join(', ');
	return `Set-ADComputer ${psArgument(computerIdentity(hop2))} -PrincipalsAllowedToDelegateToAccount ${value}`;
}

/**
 * The undo as an admin would type it: the principals there when it is pasted, less the ones
 * doublehop added (`$null` when none is left); others stay, even ones added since, as the undo
 * itself leaves them (it reads first). Not the list as it was, which pasted later would drop a
 * principal added since. Matched by objectSid (Get-ADObject reads it from the DN printed), since
 * a computer moved or renamed since keeps its SID, not its DN; by DN for a record without SIDs.
 */
export function removeResourceDelegatesCommand(hop2: string, mine: AddedDelegates): string {
	const identity = psArgument(computerIdentity(hop2));
	const sids = knownSids(mine);
	const test =
		sids.length === 0
			? `$_ -notin @(${mine.added.map(psQuote).join(', ')})`
			: `(Get-ADObject -Identity $_ -Properties objectSid).objectSid.Value -notin @(${sids.map(psQuote).join(', ')})`;
	return `$keep = @((Get-ADComputer ${identity} -Properties PrincipalsAllowedToDelegateToAccount).PrincipalsAllowedToDelegateToAccount | Where-Object { ${test} }); Set-ADComputer ${identity} -PrincipalsAllowedToDelegateToAccount $(if ($keep.Count -gt 0) { $keep } else { $null })`;
}

const setResourceDelegationScript = String.raw`param([string]$Target, [string[]]$Principals)
$ErrorActionPreference = 'Stop'
if ($null -eq $Principals -or $Principals.Count -eq 0) {
	Set-ADComputer -Identity $Target -PrincipalsAllowedToDelegateToAccount $null
} else {
	Set-ADComputer -Identity $Target -PrincipalsAllowedToDelegateToAccount $Principals
}
@{output = ''}
`;

export const setResourceDelegation: OperationScript<CommandOutput> = {
	name: 'set-resource-delegation',
	runsOn: 'client',
	script: setResourceDelegationScript,
	parameters: ['Target', 'Principals'],
	remote: false,
	parse: parseCommandOutput('set-resource-delegation'),
};
