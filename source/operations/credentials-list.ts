// A "Credentials Delegation" list in HKLM (AllowFreshCredentials, AllowFreshCredentialsWhenNTLMOnly)
// written to exactly the given values, 1..n, with its two switches on; with no value left, no list
// and no switches. Both list operations write HKLM this way: as the commands an admin would type,
// and as the PowerShell function their scripts run.
import {psQuote} from '../safety/names.js';
import type {DelegationKeys, DelegationSwitches, SwitchValue} from '../windows/records.js';

const parent = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation';

export type CredentialsList = {name: string; switches: readonly [string, string]};

/** The two switch values in `list.switches` order. */
export const switchPair = (s: DelegationSwitches) => [s.allowFresh, s.concatenateDefaults] as const;

/**
 * The two switch values as a script parameter takes them: each DWORD as its digits, a REG_SZ as
 * 'sz:' and its text, '' for one removed.
 */
export const switchTexts = (s: DelegationSwitches): string[] =>
	switchPair(s).map((v) => (v === null ? '' : typeof v === 'string' ? `sz:${v}` : String(v)));

/**
 * -KeysBefore: which keys existed before the change ('parent:1', 'list:0'); none given (a journal
 * from an older doublehop), the keys are left as the write leaves them.
 */
export const keysBeforeTexts = (keys: DelegationKeys): string[] => [
	`parent:${keys.parent ? 1 : 0}`,
	`list:${keys.list ? 1 : 0}`,
];

/** `ConvertTo-SwitchValues <texts>`: a switch parameter's texts back to values ($null: removed). */
export const switchValuesFunction = String.raw`# An undo's switch values: a DWORD, a REG_SZ ('sz:' given), or $null for one not set ('').
function ConvertTo-SwitchValues([string[]]$Given) {
	if ($null -eq $Given) { return $null }
	$result = New-Object 'object[]' $Given.Count
	for ($index = 0; $index -lt $Given.Count; $index++) {
		$text = $Given[$index]
		if ($text.StartsWith('sz:')) { $result[$index] = $text.Substring(3) } elseif ($text -ne '') { $result[$index] = [int]$text }
	}
	return ,$result
}`;

/** The line that writes one switch as the registry held it: a REG_SZ as a String, else a DWord. */
const switchLine = (path: string, name: string, value: Exclude<SwitchValue, null>) =>
	typeof value === 'string'
		? `New-ItemProperty -Path '${path}' -Name ${name} -PropertyType String -Value ${psQuote(value)} -Force`
		: `New-ItemProperty -Path '${path}' -Name ${name} -PropertyType DWord -Value ${value} -Force`;

/**
 * What writing the list does, as an admin would type it. `switches`: the two switch values to leave
 * (null: removed), in `list.switches` order, as an undo puts them back; without it, as
 * Enable-WSManCredSSP and Disable-WSManCredSSP leave them. `keysBefore`: an undo's keys as they were.
 */
export function credentialsListCommands(
	list: CredentialsList,
	values: readonly string[],
	switches?: readonly [SwitchValue, SwitchValue],
	keysBefore?: DelegationKeys,
): string[] {
	const lines = listWriteCommands(list, values, switches);
	if (keysBefore === undefined) return lines;
	return [...lines, ...keysBackCommands(`${parent}\\${list.name}`, values, keysBefore)];
}

function listWriteCommands(
	list: CredentialsList,
	values: readonly string[],
	switches?: readonly [SwitchValue, SwitchValue],
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
				return value === null || value === undefined ? [] : [switchLine(parent, name, value)];
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

/** The keys as they were: an empty list key that was there comes back; a parent made, once empty, goes. */
function keysBackCommands(path: string, values: readonly string[], keys: DelegationKeys): string[] {
	return [
		...(keys.list && values.length === 0 ? [`New-Item -Path '${path}' -Force`] : []),
		...(keys.parent
			? []
			: [
					`$key = Get-Item -Path '${parent}' -ErrorAction SilentlyContinue; if ($key -and $key.ValueCount -eq 0 -and $key.SubKeyCount -eq 0) { Remove-Item -Path '${parent}' }`,
				]),
	];
}

/**
 * `Set-HklmCredentialsList <list> <switches> <values> [<switch values>] [<keys before>]`, for a script to call.
 * A switch value that is a [string] is written back a REG_SZ, as it was read. With keys before (an
 * undo's): Enable-WSManCredSSP and the change create the keys (CredSSP.cs UpdateGPORegistrySettings
 * CreateSubKey), and an empty one left behind is not the machine as it was; a list key that was
 * there stays, even empty; a parent the change made goes only while it holds nothing (no value,
 * no subkey), so whatever else came to live there stays. (The comments are here, not in the
 * script: the revert task's command line has no room to spare.)
 * The switch values (one per switch, $null: removed) are an undo's; without them, both are 1 while
 * entries remain and removed once none do.
 */
export const setHklmCredentialsListFunction = String.raw`function Set-HklmCredentialsList([string]$List, [string[]]$Switches, [string[]]$Values, [object[]]$SwitchValues, [string[]]$KeysBefore) {
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
			$kind = if ($SwitchValues[$index] -is [string]) { 'String' } else { 'DWord' }
			$null = New-ItemProperty -Path $parent -Name $Switches[$index] -PropertyType $kind -Value $SwitchValues[$index] -Force
		}
	}
	if ($Values.Count -gt 0) {
		$null = New-Item -Path $path -Force
		for ($index = 0; $index -lt $Values.Count; $index++) {
			$null = New-ItemProperty -Path $path -Name ([string]($index + 1)) -PropertyType String -Value $Values[$index]
		}
	}
	if ($Values.Count -eq 0 -and $KeysBefore -contains 'list:1') { $null = New-Item -Path $path -Force }
	if ($KeysBefore -contains 'parent:0' -and (Test-Path -Path $parent)) {
		$key = Get-Item -Path $parent
		if ($key.ValueCount + $key.SubKeyCount -eq 0) { Remove-Item -Path $parent -Force }
	}
}`;
