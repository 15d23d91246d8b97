// Undo of the delegation half of enable-client-credssp: rewrites "Allow delegating fresh
// credentials" to exactly the given values, in order, non-wsman entries (TERMSRV/*) included.
// Disable-WSManCredSSP -Role Client cannot do this (it deletes every wsman* value). The list is
// rewritten where Enable-WSManCredSSP -Role Client writes it, the local Group Policy object's
// Registry.pol, so a policy refresh (gpupdate) cannot bring an entry back and the next
// Enable-WSManCredSSP appends to the undone list; then HKLM is set to match, as the refresh
// would set it, so the change holds at once. Also used to add an entry where a GPO enables client
// CredSSP, as Enable-WSManCredSSP would fail there before it wrote the list.
import type {CommandOutput} from '../windows/records.js';
import {parseCommandOutput} from './command-output.js';
import type {OperationScript} from './operation.js';
import {registryPolFunctions} from './registry-pol.js';
import {
	credentialsListCommands,
	setHklmCredentialsListFunction,
	type CredentialsList,
} from './credentials-list.js';

const localGpoFile = '$env:SystemRoot\\System32\\GroupPolicy\\Machine\\Registry.pol';

export const allowFresh: CredentialsList = {
	name: 'AllowFreshCredentials',
	switches: ['AllowFreshCredentials', 'ConcatenateDefaults_AllowFresh'],
};

/** What the script does, as an admin would read it (the Registry.pol edit has no cmdlet of its own). */
export function setDelegationListCommands(values: string[]): string[] {
	const gpo = `# Local Group Policy (${localGpoFile}), Allow delegating fresh credentials: ${values.length === 0 ? 'no entries (switch removed)' : values.join(', ')}; gpt.ini Version raised`;
	return [gpo, ...credentialsListCommands(allowFresh, values)];
}

const setDelegationListScript = String.raw`param([string[]]$Values, [string[]]$Remove)
$ErrorActionPreference = 'Stop'
if ($null -eq $Values) { $Values = [string[]]@() }
${registryPolFunctions}
${setHklmCredentialsListFunction}
# -Remove (a scheduled revert, run when the time box ends): the list as it is then, without the
# last of each entry named, as doublehop's undo takes them out (windows/delegation.ts withoutAdded);
# every other entry stays, even one added since. With none of them left anywhere, nothing is written.
if ($null -ne $Remove) {
	$list = New-Object System.Collections.ArrayList
	foreach ($entry in @(Get-LocalGpoDelegationList)) { $null = $list.Add([string]$entry) }
	$key = Get-ItemProperty -Path ('HKLM:\' + $DelegationPolListKey) -ErrorAction SilentlyContinue
	$hklm = @(if ($null -ne $key) { $key.PSObject.Properties | Where-Object { $_.Name -match '^\d+$' } | ForEach-Object { [string]$_.Value } })
	$taken = $false
	foreach ($entry in $Remove) {
		for ($index = $list.Count - 1; $index -ge 0; $index--) {
			if ($list[$index] -eq $entry) { $list.RemoveAt($index); $taken = $true; break }
		}
	}
	if (-not $taken -and @($hklm | Where-Object { $Remove -contains $_ }).Count -eq 0) { return @{output = ''} }
	$Values = [string[]]$list.ToArray()
}
# 1. The local GPO: every other record stays as it was; the list is values 1..n with both switches
# on, or, with no entry left, no list and no switches (as Disable-WSManCredSSP leaves it).
$switches = @('${allowFresh.switches.join("', '")}')
$records = New-Object System.Collections.ArrayList
foreach ($record in @(Read-RegistryPol $LocalGpoFile)) {
	if ($record.Key -eq $DelegationPolListKey -and $record.Name -match '^\d+$') { continue }
	if ($record.Key -eq $DelegationPolKey -and $switches -contains $record.Name) { continue }
	$null = $records.Add($record)
}
if ($Values.Count -gt 0) {
	foreach ($name in $switches) {
		$null = $records.Add((New-Object psobject -Property @{Key = $DelegationPolKey; Name = $name; Type = 4; Data = [BitConverter]::GetBytes([int]1)}))
	}
	for ($index = 0; $index -lt $Values.Count; $index++) {
		$data = [Text.Encoding]::Unicode.GetBytes($Values[$index] + [char]0)
		$null = $records.Add((New-Object psobject -Property @{Key = $DelegationPolListKey; Name = [string]($index + 1); Type = 1; Data = $data}))
	}
}
Write-RegistryPol $LocalGpoFile $records.ToArray()
Step-LocalGpoVersion
# 2. HKLM, as the next policy refresh would leave it.
Set-HklmCredentialsList '${allowFresh.name}' $switches $Values
@{output = ''}
`;

export const setDelegationList: OperationScript<CommandOutput> = {
	name: 'set-delegation-list',
	runsOn: 'client',
	script: setDelegationListScript,
	parameters: ['Values'],
	remote: false,
	parse: parseCommandOutput('set-delegation-list'),
};
