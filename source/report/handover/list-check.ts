// The PowerShell both exports run before they write a delegation list: it reads the list in force
// (HKLM, values 1..n in order) and stops unless it is the list doublehop read or the merged one,
// so a list that changed since the export was written is never written over. And the small
// scripts for the client's TrustedHosts and CredSSP switch, shared by both exports.
import {setTrustedHostsCommand} from '../../operations/trusted-hosts.js';
/** The list in force, as one string (entries joined by newlines), for the key in $Key. */
const readList =
	String.raw`$item = Get-Item -Path $Key -ErrorAction SilentlyContinue
$now = ''
if ($null -ne $item) {
	$names = @($item.GetValueNames() | Where-Object { $_ -match '^\d+$' } | Sort-Object { [int]$_ })
	$now = @($names | ForEach-Object { [string]$item.GetValue($_) }) -join "` +
	'`n' +
	String.raw`"
}`;

/** HKLM's path of a list, as Get-Item takes it. */
export const hklmListKey = (name: string) =>
	`HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\${name}`;

/** The refusal, with the list as it is now. */
export const listRefusal =
	String.raw`"$Key is now: $($now -replace "` +
	'`n' +
	String.raw`", ', '). It is neither the list doublehop read nor the merged list, so nothing is written over it. Run doublehop again (with --dry-run) to compute the export from the list as it is now."`;

/**
 * Lines that set $Key, $Before and $After, read the list, and set $inState. The DSC Script resource
 * cannot take parameters, so its script blocks start with these; Ansible passes them as parameters.
 */
export function listCheckLines(): string[] {
	return [
		...readList.split('\n'),
		`$inState = ($now -eq ($Before -join "\`n")) -or ($now -eq ($After -join "\`n"))`,
	];
}

/** The WinRM client's TrustedHosts entries, as $entries. */
export const trustedHostsRead = String.raw`$entries = @(([string](Get-Item -Path WSMan:\localhost\Client\TrustedHosts).Value -split ',') | ForEach-Object { $_.Trim() } | Where-Object { $_ -ne '' })`;

/** Set (from $entries and $Entry): the list without $Entry, every other entry kept, as doublehop's undo writes it. */
export const trustedHostsWithout = [
	'$rest = @($entries | Where-Object { $_ -ne $Entry })',
	`if ($rest.Count -eq 0) { ${setTrustedHostsCommand([])} } else { Set-Item WSMan:\\localhost\\Client\\TrustedHosts -Value ($rest -join ',') -Force }`,
];

/** The WinRM client's CredSSP as text ('true' or 'false'). */
export const clientCredSspValue =
	'[string](Get-Item -Path WSMan:\\localhost\\Client\\Auth\\CredSSP).Value';
