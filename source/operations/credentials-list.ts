// A "Credentials Delegation" list in HKLM (AllowFreshCredentials, AllowFreshCredentialsWhenNTLMOnly)
// written to exactly the given values, 1..n, with its two switches on; with no value left, no list
// and no switches. Both list operations write HKLM this way: as the commands an admin would type,
// and as the PowerShell function their scripts run.
import {psQuote} from '../safety/names.js';
import type {DelegationSwitches} from '../windows/records.js';

const parent = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation';

export type CredentialsList = {name: string; switches: readonly [string, string]};

/** The two switch values in `list.switches` order. */
export const switchPair = (s: DelegationSwitches) => [s.allowFresh, s.concatenateDefaults] as const;

/** The two switch values as a script parameter takes them: each DWORD as text, '' for one removed. */
export const switchTexts = (s: DelegationSwitches): string[] =>
	switchPair(s).map((v) => (v === null ? '' : String(v)));

/** `ConvertTo-SwitchValues <texts>`: a switch parameter's texts back to DWORDs ($null: removed). */
export const switchValuesFunction = String.raw`# An undo's switch values: each DWORD, or $null for one that was not set ('' given).
function ConvertTo-SwitchValues([string[]]$Given) {
	if ($null -eq $Given) { return $null }
	$result = New-Object 'object[]' $Given.Count
	for ($index = 0; $index -lt $Given.Count; $index++) { if ($Given[$index] -ne '') { $result[$index] = [int]$Given[$index] } }
	return ,$result
}`;

/**
 * What writing the list does, as an admin would type it. `switches`: the two switch values to leave
 * (null: removed), in `list.switches` order, as an undo puts them back; without it, as
 * Enable-WSManCredSSP and Disable-WSManCredSSP leave them.
 */
export function credentialsListCommands(
	list: CredentialsList,
	values: readonly string[],
	switches?: readonly [number | null, number | null],
): string[] {
	const path = `${parent}\\${list.name}`;
	const clear = `Remove-Item -Path '${path}' -Recurse -Force -ErrorAction SilentlyContinue`;
	const entries = [
		`New-Item -Path '${path}' -Force`,
		...values.map(
			(value, index) =>
				`New-ItemProperty -Path '${path}' -Name ${index + 1} -PropertyType String -Value ${psQuote(value)}`,
		),
	];
	if (switches !== undefined) {
		const gone = list.switches.filter((_, index) => switches[index] === null);
		return [
			clear,
			...(gone.length === 0
				? []
				: [
						`Remove-ItemProperty -Path '${parent}' -Name ${gone.join(', ')} -ErrorAction SilentlyContinue`,
					]),
			...list.switches.flatMap((name, index) => {
				const value = switches[index];
				return value === null || value === undefined
					? []
					: [
							`New-ItemProperty -Path '${parent}' -Name ${name} -PropertyType DWord -Value ${value} -Force`,
						];
			}),
			...(values.length === 0 ? [] : entries),
		];
	}
	if (values.length === 0) {
		return [clear, `Remove-ItemProperty -Path '${parent}' -Name ${list.switches.join(', ')}`];
	}
	return [
		clear,
		...list.switches.map(
			(name) =>
				`New-ItemProperty -Path '${parent}' -Name ${name} -PropertyType DWord -Value 1 -Force`,
		),
		...entries,
	];
}

/**
 * `Set-HklmCredentialsList <list> <switches> <values> [<switch values>]`, for a script to call.
 * The switch values (one per switch, $null: removed) are an undo's; without them, both are 1 while
 * entries remain and removed once none do.
 */
export const setHklmCredentialsListFunction = String.raw`function Set-HklmCredentialsList([string]$List, [string[]]$Switches, [string[]]$Values, [object[]]$SwitchValues) {
	$parent = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\CredentialsDelegation'
	$path = $parent + '\' + $List
	if (Test-Path -Path $path) { Remove-Item -Path $path -Recurse -Force }
	if ($null -eq $SwitchValues) {
		$SwitchValues = @($null) * $Switches.Count
		if ($Values.Count -gt 0) { $SwitchValues = @(1) * $Switches.Count }
	}
	$needed = $Values.Count -gt 0 -or @($SwitchValues | Where-Object { $null -ne $_ }).Count -gt 0
	if ($needed -and -not (Test-Path -Path $parent)) { $null = New-Item -Path $parent -Force }
	for ($index = 0; $index -lt $Switches.Count; $index++) {
		if ($null -eq $SwitchValues[$index]) {
			Remove-ItemProperty -Path $parent -Name $Switches[$index] -ErrorAction SilentlyContinue
		} else {
			$null = New-ItemProperty -Path $parent -Name $Switches[$index] -PropertyType DWord -Value ([int]$SwitchValues[$index]) -Force
		}
	}
	if ($Values.Count -eq 0) { return }
	$null = New-Item -Path $path -Force
	for ($index = 0; $index -lt $Values.Count; $index++) {
		$null = New-ItemProperty -Path $path -Name ([string]($index + 1)) -PropertyType String -Value $Values[$index]
	}
}`;
