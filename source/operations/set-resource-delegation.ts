// Who may delegate to hop 2. The documented way, Set-ADComputer <hop2>
// -PrincipalsAllowedToDelegateToAccount <list> (PS-remoting-second-hop.md; `$null` removes them all),
// rebuilds the whole descriptor from the list (delegation-descriptor.ts), dropping any ACE the list
// cannot name. So where a descriptor is there, the change edits it in place: read, one allow ACE
// for hop 1's SID added, written back with -Replace; the undo takes out only that SID's allow ACEs.
// With no descriptor there is nothing to keep and the parameter writes it; with no ACE left, the
// undo clears it with `$null`. The list form stays for the undo of a journal written before SIDs
// were kept. A write the directory refuses fails as Set-ADUser's does ("Insufficient access rights
// to perform the operation", ActiveDirectoryServer:8344, seen in public transcripts).
import type {CommandOutput} from '../windows/records.js';
import {psArgument, psQuote} from '../safety/names.js';
import {
	allowAcePattern,
	daclEndPattern,
	delegateAce,
	delegateRights,
} from '../windows/delegation-descriptor.js';
import {
	computerIdentity,
	delegationAttribute,
	knownSids,
	type AddedDelegates,
} from '../windows/resource-delegation.js';
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
	// With SIDs: the ACE out of the descriptor, every other ACE kept (a record written before the
	// descriptor was edited in place undoes the same way: the AD module wrote the same allow ACE).
	if (sids.length > 0)
		return sids.map((sid) => removeResourceDelegateCommand(hop2, sid)).join('; ');
	const test = `$_ -notin @(${mine.added.map(psQuote).join(', ')})`;
	return `$keep = @((Get-ADComputer ${identity} -Properties PrincipalsAllowedToDelegateToAccount).PrincipalsAllowedToDelegateToAccount | Where-Object { ${test} }); Set-ADComputer ${identity} -PrincipalsAllowedToDelegateToAccount $(if ($keep.Count -gt 0) { $keep } else { $null })`;
}

/**
 * The descriptor edited in place (delegation-descriptor.ts): read, one allow ACE for hop 1's SID
 * added after the DACL's ACEs, written back whole with -Replace; everything else stays as it was.
 * With no descriptor there, there is nothing to keep, and the documented parameter writes it.
 */
export function addResourceDelegateCommand(hop2: string, principal: string, sid: string): string {
	const identity = psArgument(computerIdentity(hop2));
	return `${readDescriptor(identity)}; if ($null -eq $sd) { Set-ADComputer ${identity} -PrincipalsAllowedToDelegateToAccount ${psQuote(principal)} } else { $sd.SetSecurityDescriptorSddlForm(($sd.GetSecurityDescriptorSddlForm('All') -replace ${psQuote(daclEndPattern)}, ${psQuote(`$1${delegateAce(sid)}`)})); ${replaceDescriptor(identity)} }`;
}

/**
 * The undo: hop 1's allow ACEs (by SID) out of the descriptor there when it runs; deny ACEs,
 * other masks, SIDs that name nothing and principals added since all stay. With no ACE left, the
 * documented `$null`, which clears the attribute as it was before the change.
 */
function removeResourceDelegateCommand(hop2: string, sid: string): string {
	const identity = psArgument(computerIdentity(hop2));
	return `${readDescriptor(identity)}; if ($null -ne $sd) { $sddl = $sd.GetSecurityDescriptorSddlForm('All') -replace ${psQuote(allowAcePattern(sid))}, ''; if ($sddl -notmatch 'D:[A-Z]*\\(') { Set-ADComputer ${identity} -PrincipalsAllowedToDelegateToAccount $null } else { $sd.SetSecurityDescriptorSddlForm($sddl); ${replaceDescriptor(identity)} } }`;
}

const readDescriptor = (identity: string) =>
	`$sd = (Get-ADComputer ${identity} -Properties ${delegationAttribute}).'${delegationAttribute}'`;
const replaceDescriptor = (identity: string) =>
	`Set-ADComputer ${identity} -Replace @{'${delegationAttribute}' = $sd}`;

// The same statements as the commands shown above, with the values as parameters.
const setResourceDelegationScript = String.raw`param([string]$Target, [string[]]$Principals, [string]$Delegate, [string]$AddSid, [string]$RemoveSid)
$ErrorActionPreference = 'Stop'
$attribute = '${delegationAttribute}'
if ($AddSid -or $RemoveSid) {
	$sd = (Get-ADComputer -Identity $Target -Properties $attribute).$attribute
	if ($AddSid) {
		if ($null -eq $sd) { Set-ADComputer -Identity $Target -PrincipalsAllowedToDelegateToAccount $Delegate }
		else {
			$sd.SetSecurityDescriptorSddlForm(($sd.GetSecurityDescriptorSddlForm('All') -replace '${daclEndPattern}', ('$1' + '(A;;${delegateRights};;;' + $AddSid + ')')))
			Set-ADComputer -Identity $Target -Replace @{$attribute = $sd}
		}
	} elseif ($null -ne $sd) {
		$sddl = $sd.GetSecurityDescriptorSddlForm('All') -replace ('\(A;[^;()]*;[^;()]*;;;' + [regex]::Escape($RemoveSid) + '\)'), ''
		if ($sddl -notmatch 'D:[A-Z]*\(') { Set-ADComputer -Identity $Target -PrincipalsAllowedToDelegateToAccount $null }
		else { $sd.SetSecurityDescriptorSddlForm($sddl); Set-ADComputer -Identity $Target -Replace @{$attribute = $sd} }
	}
} elseif ($null -eq $Principals -or $Principals.Count -eq 0) {
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
	parameters: ['Target', 'Principals', 'Delegate', 'AddSid', 'RemoveSid'],
	remote: false,
	parse: parseCommandOutput('set-resource-delegation'),
};
