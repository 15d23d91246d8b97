// Before resource-based delegation is proposed, on this machine (where Set-ADComputer will run):
// is the ActiveDirectory module there (Get-Module -ListAvailable; Microsoft's troubleshooting page
// for RBCD: "You must use the ActiveDirectory PowerShell module"), hop 2's computer object with
// who may delegate to it now (Get-ADComputer -Properties PrincipalsAllowedToDelegateToAccount, as
// PS-remoting-second-hop.md checks it), whether this shell's account may write it, and hop 1's
// computer object. The right to write is read from allowedAttributesEffective: the attributes "for
// which TO!nTSecurityDescriptor grants RIGHT_DS_WRITE_PROPERTY ... to the requester" (MS-ADTS
// 3.1.1.4.5.7), which the domain controller works out with every group the account is in.
// Microsoft's ADsPropCheckIfWritable notes still advise relying on the server's answer to the write
// itself, so the Set-ADComputer error is handled too (set-resource-delegation.ts).
// The attribute is a security descriptor whose ACEs hold SIDs; Get-ADComputer prints them as the
// DNs their objects have now. The undo matches doublehop's principal by SID (a computer moved to
// another OU keeps it), so each principal's objectSid is read too: Get-ADObject -Identity takes a
// DN, and objectSid is not among its default properties. Hop 1's SID is Get-ADComputer's default
// SID property (learn.microsoft.com Get-ADComputer; TechNet "Get-ADComputer Default and Extended
// Properties": SID is objectSid). The descriptor itself is read too, as SDDL: the change and its
// undo edit it in place (set-resource-delegation.ts), and the admin sees what it holds.
import {psArgument} from '../safety/names.js';
import {
	computerIdentity,
	delegationAttribute,
	type ComputerObject,
	type ResourceDelegation,
} from '../windows/resource-delegation.js';
import type {OperationScript} from './operation.js';
import {flag, optionalText, parseWith, record, text, texts, type Json} from './parse.js';

export function readResourceDelegationCommand(hop1: string, hop2: string): string {
	return [
		'Get-Module -ListAvailable ActiveDirectory',
		`Get-ADComputer ${psArgument(computerIdentity(hop2))} -Properties PrincipalsAllowedToDelegateToAccount, allowedAttributesEffective, ${delegationAttribute}`,
		`Get-ADComputer ${psArgument(computerIdentity(hop1))}`,
		`(Get-ADComputer ${psArgument(computerIdentity(hop2))} -Properties PrincipalsAllowedToDelegateToAccount).PrincipalsAllowedToDelegateToAccount | ForEach-Object { Get-ADObject -Identity $_ -Properties objectSid }`,
	].join('; ');
}

const readResourceDelegationScript = String.raw`param([string]$Target, [string]$Delegate)
$ErrorActionPreference = 'Stop'
$result = @{moduleAvailable = $false; target = $null; delegate = $null}
if (-not (Get-Module -ListAvailable -Name ActiveDirectory)) { return $result }
$result.moduleAvailable = $true
$computer = Get-ADComputer -Identity $Target -Properties @('PrincipalsAllowedToDelegateToAccount', 'allowedAttributesEffective', '${delegationAttribute}')
$descriptor = $computer.'${delegationAttribute}'
$from = Get-ADComputer -Identity $Delegate
$principals = @($computer.PrincipalsAllowedToDelegateToAccount | ForEach-Object { [string]$_ })
$result.target = @{
	name = [string]$computer.Name
	distinguishedName = [string]$computer.DistinguishedName
	sid = [string]$computer.SID
	principals = [string[]]$principals
	principalSids = [string[]]@($principals | ForEach-Object { try { [string](Get-ADObject -Identity $_ -Properties objectSid).objectSid } catch { '' } })
	writable = @($computer.allowedAttributesEffective) -contains '${delegationAttribute}'
	descriptor = $(if ($null -eq $descriptor) { '' } else { [string]$descriptor.GetSecurityDescriptorSddlForm('All') })
}
$result.delegate = @{name = [string]$from.Name; distinguishedName = [string]$from.DistinguishedName; sid = [string]$from.SID}
$result
`;

function computer(object: Json): ComputerObject {
	return {
		name: text(object, 'name'),
		distinguishedName: text(object, 'distinguishedName'),
		sid: text(object, 'sid'),
	};
}

function parseResourceDelegation(value: unknown) {
	return parseWith('read-resource-delegation', (): ResourceDelegation => {
		const object = record(value);
		const moduleAvailable = flag(object, 'moduleAvailable');
		if (!moduleAvailable || object.target === null || object.target === undefined)
			return {moduleAvailable};
		const target = record(object.target, 'target');
		return {
			moduleAvailable,
			target: {
				...computer(target),
				principals: texts(target, 'principals'),
				principalSids: texts(target, 'principalSids'),
				writable: flag(target, 'writable'),
				descriptor: optionalText(target, 'descriptor') ?? '',
			},
			delegate: computer(record(object.delegate, 'delegate')),
		};
	});
}

export const readResourceDelegation: OperationScript<ResourceDelegation> = {
	name: 'read-resource-delegation',
	runsOn: 'client',
	script: readResourceDelegationScript,
	parameters: ['Target', 'Delegate'],
	remote: false,
	parse: parseResourceDelegation,
};
