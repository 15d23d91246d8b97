// A "Credentials Delegation" list in HKLM (AllowFreshCredentials, AllowFreshCredentialsWhenNTLMOnly)
// written to exactly the given values, 1..n, with its two switches on; with no value left, no list
// and no switches. Both list operations write HKLM this way: as the commands an admin would type,
// and as the PowerShell function their scripts run.
import {psQuote} from '../safety/names.js';

const parent = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation';

export type CredentialsList = {name: string; switches: readonly [string, string]};

/** What writing the list does, as an admin would type it. */
export function credentialsListCommands(
	list: CredentialsList,
	values: readonly string[],
): string[] {
	const path = `${parent}\\${list.name}`;
	const clear = `Remove-Item -Path '${path}' -Recurse -Force -ErrorAction SilentlyContinue`;
	if (values.length === 0) {
		return [clear, `Remove-ItemProperty -Path '${parent}' -Name ${list.switches.join(', ')}`];
	}
	return [
		clear,
		...list.switches.map(
			(name) =>
				`New-ItemProperty -Path '${parent}' -Name ${name} -PropertyType DWord -Value 1 -Force`,
		),
		`New-Item -Path '${path}' -Force`,
		...values.map(
			(value, index) =>
				`New-ItemProperty -Path '${path}' -Name ${index + 1} -PropertyType String -Value ${psQuote(value)}`,
		),
	];
}

/** `Set-HklmCredentialsList <list> <switches> <values>`, for a script to call. */
export const setHklmCredentialsListFunction = String.raw`function Set-HklmCredentialsList([string]$List, [string[]]$Switches, [string[]]$Values) {
	$parent = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\CredentialsDelegation'
	$path = $parent + '\' + $List
	if (Test-Path -Path $path) { Remove-Item -Path $path -Recurse -Force }
	if ($Values.Count -eq 0) {
		Remove-ItemProperty -Path $parent -Name $Switches -ErrorAction SilentlyContinue
		return
	}
	if (-not (Test-Path -Path $parent)) { $null = New-Item -Path $parent -Force }
	foreach ($name in $Switches) { $null = New-ItemProperty -Path $parent -Name $name -PropertyType DWord -Value 1 -Force }
	$null = New-Item -Path $path -Force
	for ($index = 0; $index -lt $Values.Count; $index++) {
		$null = New-ItemProperty -Path $path -Name ([string]($index + 1)) -PropertyType String -Value $Values[$index]
	}
}`;
