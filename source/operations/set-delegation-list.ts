// Undo of the delegation half of enable-client-credssp: rewrites "Allow delegating fresh
// credentials" to exactly the given values, in order, non-wsman entries (TERMSRV/*) included.
// Disable-WSManCredSSP -Role Client cannot do this (it deletes every wsman* value), so the script
// edits the keys Enable-WSManCredSSP writes: the local policy key in HKLM and, when the local
// Group Policy object has an editing copy under HKCU, that copy too, so a policy refresh agrees.
import type {CommandOutput} from '../hosts/host.js';
import {psQuote} from '../safety/names.js';
import {parseCommandOutput} from './command-output.js';
import type {Operation} from './operation.js';

export const delegationKey = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation';

export function setDelegationListCommands(values: string[]): string[] {
	const list = `${delegationKey}\\AllowFreshCredentials`;
	const clear = `Remove-Item -Path '${list}' -Recurse -Force -ErrorAction SilentlyContinue`;
	if (values.length === 0) {
		return [
			clear,
			`Remove-ItemProperty -Path '${delegationKey}' -Name AllowFreshCredentials, ConcatenateDefaults_AllowFresh`,
		];
	}
	return [
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

export const setDelegationListScript = String.raw`param([string[]]$Values)
$ErrorActionPreference = 'Stop'
if ($null -eq $Values) { $Values = [string[]]@() }
$parents = @('HKLM:\SOFTWARE\Policies\Microsoft\Windows\CredentialsDelegation')
$gpoCopies = 'HKCU:\SOFTWARE\Microsoft\Windows\CurrentVersion\Group Policy Objects'
foreach ($gpo in @(Get-ChildItem -Path $gpoCopies -ErrorAction SilentlyContinue)) {
	if ($gpo.PSChildName -like '*Machine') {
		$copy = $gpoCopies + '\' + $gpo.PSChildName + '\Software\Policies\Microsoft\Windows\CredentialsDelegation'
		if (Test-Path -Path $copy) { $parents += $copy }
	}
}
foreach ($parent in $parents) {
	$list = $parent + '\AllowFreshCredentials'
	if (Test-Path -Path $list) { Remove-Item -Path $list -Recurse -Force }
	if ($Values.Count -eq 0) {
		# As Disable-WSManCredSSP leaves it when no entry remains: no list, no switches.
		Remove-ItemProperty -Path $parent -Name @('AllowFreshCredentials', 'ConcatenateDefaults_AllowFresh') -ErrorAction SilentlyContinue
		continue
	}
	if (-not (Test-Path -Path $parent)) { $null = New-Item -Path $parent -Force }
	$null = New-ItemProperty -Path $parent -Name AllowFreshCredentials -PropertyType DWord -Value 1 -Force
	$null = New-ItemProperty -Path $parent -Name ConcatenateDefaults_AllowFresh -PropertyType DWord -Value 1 -Force
	$null = New-Item -Path $list -Force
	for ($index = 0; $index -lt $Values.Count; $index++) {
		$null = New-ItemProperty -Path $list -Name ([string]($index + 1)) -PropertyType String -Value $Values[$index]
	}
}
@{output = ''}
`;

export const setDelegationList: Operation<CommandOutput> = {
	name: 'set-delegation-list',
	runsOn: 'client',
	script: setDelegationListScript,
	parameters: ['Values'],
	remote: false,
	parse: parseCommandOutput('set-delegation-list'),
};
