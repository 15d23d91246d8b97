// Whether CredSSP may delegate this account's credentials at all, read on this machine before any
// change: membership of Protected Users (the group with RID 525; PS-remoting-second-hop.md: CredSSP
// "doesn't work with the Protected Users group"), "Account is sensitive and cannot be delegated"
// (userAccountControl NOT_DELEGATED, 0x100000; Get-ADUser's AccountNotDelegated), and whether
// Credential Guard runs here (Win32_DeviceGuard.SecurityServicesRunning contains 1).
// The credential's user may not be the user this shell runs as: the token answers only for the
// shell's own user; the ActiveDirectory module, where it is installed, answers for any account.
import type {DelegationLimits} from '../windows/records.js';
import {psArgument} from '../safety/names.js';
import type {OperationScript} from './operation.js';
import {flag, optionalText, parseWith, record, ShapeError, text, type Json} from './parse.js';

export const readDelegationLimitsCommand = (user: string) =>
	`whoami /groups; Get-ADUser ${psArgument(user)} -Properties AccountNotDelegated; (Get-CimInstance -Namespace root\\Microsoft\\Windows\\DeviceGuard -ClassName Win32_DeviceGuard).SecurityServicesRunning`;

const readDelegationLimitsScript = String.raw`param([string]$User)
$ErrorActionPreference = 'Stop'
$result = @{user = $User; protectedUsers = $null; protectedUsersSid = $null; protectedUsersFrom = $null; notDelegated = $null; credentialGuard = $null}
try {
	$guard = Get-CimInstance -Namespace root\Microsoft\Windows\DeviceGuard -ClassName Win32_DeviceGuard
	# SecurityServicesRunning: 1 = Credential Guard, 2 = memory integrity (HVCI).
	$result.credentialGuard = @($guard.SecurityServicesRunning) -contains 1
} catch {
	# No Device Guard class here (older Windows, PowerShell off Windows): not known.
}
try {
	$me = @(whoami '/user' '/fo' 'csv' '/nh' | ConvertFrom-Csv -Header @('Name', 'Sid'))[0]
	$same = if ($User -like '*@*') { [string](whoami '/upn') -eq $User } else { $me.Name -eq $User }
	if ($same -and $me.Sid -match '^(S-1-5-21-\d+-\d+-\d+)-\d+$') {
		# This shell runs as the credential's user: its token lists every group, nested ones too.
		$wanted = $Matches[1] + '-525'
		$groups = @(whoami '/groups' '/fo' 'csv' '/nh' | ConvertFrom-Csv -Header @('Name', 'Type', 'Sid', 'Attributes'))
		$result.protectedUsers = @($groups | Where-Object { $_.Sid -eq $wanted }).Count -gt 0
		$result.protectedUsersSid = $wanted
		$result.protectedUsersFrom = 'token'
	}
} catch {
	# whoami could not say (not Windows): the token is not read.
}
if (Get-Command -Name Get-ADUser -ErrorAction SilentlyContinue) {
	try {
		# DOMAIN\name or name@domain: the name part, which is the SAM account name in most domains.
		$name = if ($User -match '^[^\\]+\\(.+)$') { $Matches[1] } else { ($User -split '@')[0] }
		$account = Get-ADUser -Identity $name -Properties AccountNotDelegated
		$result.notDelegated = [bool]$account.AccountNotDelegated
		if ($null -eq $result.protectedUsers) {
			$wanted = $account.SID.AccountDomainSid.Value + '-525'
			$members = @(Get-ADGroupMember -Identity $wanted -Recursive | Where-Object { $_.SID.Value -eq $account.SID.Value })
			$result.protectedUsers = $members.Count -gt 0
			$result.protectedUsersSid = $wanted
			$result.protectedUsersFrom = 'active-directory'
		}
	} catch {
		# The module is there but the directory did not answer: the flags stay unknown.
	}
}
$result
`;

function optionalFlag(object: Json, field: string): boolean | undefined {
	const value = object[field];
	return value === null || value === undefined ? undefined : flag(object, field);
}

function parseDelegationLimits(value: unknown) {
	return parseWith('read-delegation-limits', (): DelegationLimits => {
		const object = record(value);
		const protectedUsers = optionalFlag(object, 'protectedUsers');
		const sid = optionalText(object, 'protectedUsersSid');
		const from = optionalText(object, 'protectedUsersFrom');
		if (from !== undefined && from !== 'token' && from !== 'active-directory')
			throw new ShapeError(`protectedUsersFrom is "${from}"`);
		const notDelegated = optionalFlag(object, 'notDelegated');
		const credentialGuard = optionalFlag(object, 'credentialGuard');
		return {
			user: text(object, 'user'),
			...(protectedUsers === undefined ? {} : {protectedUsers}),
			...(sid === undefined ? {} : {protectedUsersSid: sid}),
			...(from === undefined ? {} : {protectedUsersFrom: from}),
			...(notDelegated === undefined ? {} : {notDelegated}),
			...(credentialGuard === undefined ? {} : {credentialGuard}),
		};
	});
}

export const readDelegationLimits: OperationScript<DelegationLimits> = {
	name: 'read-delegation-limits',
	runsOn: 'client',
	script: readDelegationLimitsScript,
	parameters: ['User'],
	remote: false,
	parse: parseDelegationLimits,
};
