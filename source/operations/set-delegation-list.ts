// Undo of the delegation half of enable-client-credssp: rewrites "Allow delegating fresh
// credentials" to exactly the given values, in order, non-wsman entries (TERMSRV/*) included.
// Disable-WSManCredSSP -Role Client cannot do this (it deletes every wsman* value). The list is
// rewritten where Enable-WSManCredSSP -Role Client writes it, the local Group Policy object's
// Registry.pol, so a policy refresh (gpupdate) cannot bring an entry back and the next
// Enable-WSManCredSSP appends to the undone list; then HKLM is set to match, as the refresh
// would set it, so the change holds at once. Also used to add an entry where a GPO enables client
// CredSSP, as Enable-WSManCredSSP would fail there before it wrote the list.
import type {CommandOutput} from '../windows/records.js';
import {psQuote} from '../safety/names.js';
import {parseCommandOutput} from './command-output.js';
import type {OperationScript} from './operation.js';
import {registryPolFunctions} from './registry-pol.js';

const delegationKey = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation';
const localGpoFile = '$env:SystemRoot\\System32\\GroupPolicy\\Machine\\Registry.pol';

/** What the script does, as an admin would read it (the Registry.pol edit has no cmdlet of its own). */
export function setDelegationListCommands(values: string[]): string[] {
	const list = `${delegationKey}\\AllowFreshCredentials`;
	const clear = `Remove-Item -Path '${list}' -Recurse -Force -ErrorAction SilentlyContinue`;
	const gpo = `# Local Group Policy (${localGpoFile}), Allow delegating fresh credentials: ${values.length === 0 ? 'no entries (switch removed)' : values.join(', ')}; gpt.ini Version raised`;
	if (values.length === 0) {
		return [
			gpo,
			clear,
			`Remove-ItemProperty -Path '${delegationKey}' -Name AllowFreshCredentials, ConcatenateDefaults_AllowFresh`,
		];
	}
	return [
		gpo,
		clear,
		`New-ItemProperty -Path '${delegationKey}' -Name AllowFreshCredentials -PropertyType DWord -Value 1 -Force`,
		`New-ItemProperty -Path '${delegationKey}' -Name ConcatenateDefaults_AllowFresh -PropertyType DWord -Value 1 -Force`,
		`New-Item -Path '${list}' -Force`,
		...values.map(
			(value, index) =>
				`New-ItemProperty -Path '${list}' -Name ${index + 1} -PropertyType String -Value ${psQuote(value)}`,
		),
	];
}

const setDelegationListScript = String.raw`param([string[]]$Values)
$ErrorActionPreference = 'Stop'
if ($null -eq $Values) { $Values = [string[]]@() }
${registryPolFunctions}
# 1. The local GPO: every other record stays as it was; the list is values 1..n with both switches
# on, or, with no entry left, no list and no switches (as Disable-WSManCredSSP leaves it).
$switches = @('AllowFreshCredentials', 'ConcatenateDefaults_AllowFresh')
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
$parent = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\CredentialsDelegation'
$list = $parent + '\AllowFreshCredentials'
if (Test-Path -Path $list) { Remove-Item -Path $list -Recurse -Force }
if ($Values.Count -eq 0) {
	Remove-ItemProperty -Path $parent -Name $switches -ErrorAction SilentlyContinue
} else {
	if (-not (Test-Path -Path $parent)) { $null = New-Item -Path $parent -Force }
	foreach ($name in $switches) { $null = New-ItemProperty -Path $parent -Name $name -PropertyType DWord -Value 1 -Force }
	$null = New-Item -Path $list -Force
	for ($index = 0; $index -lt $Values.Count; $index++) {
		$null = New-ItemProperty -Path $list -Name ([string]($index + 1)) -PropertyType String -Value $Values[$index]
	}
}
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
