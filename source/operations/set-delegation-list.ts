// Undo of the delegation half of enable-client-credssp: rewrites "Allow delegating fresh
// credentials" to exactly the given values, in order, non-wsman entries (TERMSRV/*) included.
// Disable-WSManCredSSP -Role Client cannot do this (it deletes every wsman* value). The list is
// rewritten where Enable-WSManCredSSP -Role Client writes it, the local Group Policy object's
// Registry.pol, so a policy refresh (gpupdate) cannot bring an entry back and the next
// Enable-WSManCredSSP appends to the undone list; then HKLM is set to match, as the refresh
// would set it, so the change holds at once. Also used to add an entry where a GPO enables client
// CredSSP, as Enable-WSManCredSSP would fail there before it wrote the list.
import type {
	CommandOutput,
	DelegationKeys,
	DelegationSwitchesBoth,
	HklmDelegationWrite,
} from '../windows/records.js';
import {listText, switchesText} from '../windows/delegation.js';
import {parseCommandOutput} from './command-output.js';
import {scriptAsFunction, scriptFunctionCall, type OperationScript} from './operation.js';
import {registryPolFunctions} from './registry-pol.js';
import {
	credentialsListCommands,
	setHklmCredentialsListFunction,
	switchPair,
	switchTexts,
	switchValuesFunction,
	type CredentialsList,
} from './credentials-list.js';

const localGpoFile = '$env:SystemRoot\\System32\\GroupPolicy\\Machine\\Registry.pol';

export const allowFresh: CredentialsList = {
	name: 'AllowFreshCredentials',
	switches: ['AllowFreshCredentials', 'ConcatenateDefaults_AllowFresh'],
};

/** -HklmSwitches and -GpoSwitches: each switch's DWORD as text, '' for one that is removed. */
export function switchParameters(switches: DelegationSwitchesBoth): Record<string, string[]> {
	return {HklmSwitches: switchTexts(switches.hklm), GpoSwitches: switchTexts(switches.localGpo)};
}

/**
 * What the script does, as an admin would read it (the Registry.pol edit has no cmdlet of its own).
 * `switches`: written back as they were (an undo); without it, as Enable-WSManCredSSP leaves them.
 */
export function setDelegationListCommands(
	values: string[],
	switches?: DelegationSwitchesBoth,
	hklm?: HklmDelegationWrite,
	keysBefore?: DelegationKeys,
): string[] {
	const entries = values.length === 0 ? 'no entries' : values.join(', ');
	const gpoSwitches =
		switches === undefined
			? values.length === 0
				? ' (switch removed)'
				: ''
			: `; ${switchesText(switches.localGpo)}`;
	const gpo = `# Local Group Policy (${localGpoFile}), Allow delegating fresh credentials: ${entries}${gpoSwitches}; gpt.ini Version raised, registry extension listed`;
	if (hklm === 'group-policy') return [gpo, hklmLeftToGroupPolicyComment];
	return [
		gpo,
		...credentialsListCommands(
			allowFresh,
			hklm?.values ?? values,
			switches && switchPair(switches.hklm),
			keysBefore,
		),
	];
}

/** Why HKLM is not written where a domain GPO owns the list: said on the undo screen. */
const hklmLeftToGroupPolicyComment =
	'# HKLM left as it is: a domain GPO owns Allow delegating fresh credentials (RSOP), and the next policy refresh (or gpupdate /target:computer) recomputes HKLM from it; rewriting it from the local list would remove its entries until then.';

// -Remove (a scheduled revert, run when the time box ends): the list as it is then, without the
// last of each entry named, as doublehop's undo takes them out (windows/delegation.ts withoutAdded);
// every other entry stays, even one added since. With none of them left anywhere, nothing is written.
// -ListBefore (the list before the run): whether the list left is exactly it (same entries, same
// order, case ignored) is the result's listAsBefore, as listAsItWas decides for undo. Only then do
// the switches given go back (and the task turns client CredSSP off); with other entries left, the
// switches a list write leaves stay, so those entries keep working. (These comments are here, not
// in the script: the revert task's command line has no room to spare.)
const setDelegationListScript = String.raw`param([string[]]$Values, [string[]]$Remove, [string[]]$HklmSwitches, [string[]]$GpoSwitches, [string[]]$ListBefore, [string[]]$HklmList, [bool]$LeaveHklm, [string[]]$KeysBefore)
$ErrorActionPreference = 'Stop'
if ($null -eq $Values) { $Values = [string[]]@() }
${switchValuesFunction}
$hklmValues = ConvertTo-SwitchValues $HklmSwitches
$gpoValues = ConvertTo-SwitchValues $GpoSwitches
${registryPolFunctions}
${setHklmCredentialsListFunction}
# -Remove, -ListBefore: a scheduled revert's (see above the script).
$asBefore = $true
if ($null -ne $Remove) {
	$list = New-Object System.Collections.ArrayList
	foreach ($entry in @(Get-LocalGpoDelegationList)) { $null = $list.Add([string]$entry) }
	$key = Get-ItemProperty -Path ('HKLM:\' + $DelegationPolListKey) -ErrorAction SilentlyContinue
	$hklm = @(if ($null -ne $key) { $key.PSObject.Properties | Where-Object { $_.Name -match '^\d+$' } | Sort-Object { [int]$_.Name } | ForEach-Object { [string]$_.Value } })
	$hklmLeft = New-Object System.Collections.ArrayList
	foreach ($entry in $hklm) { $null = $hklmLeft.Add($entry) }
	$taken = $false
	foreach ($entry in $Remove) {
		for ($index = $list.Count - 1; $index -ge 0; $index--) {
			if ($list[$index] -eq $entry) { $list.RemoveAt($index); $taken = $true; break }
		}
		for ($index = $hklmLeft.Count - 1; $index -ge 0; $index--) { if ($hklmLeft[$index] -eq $entry) { $hklmLeft.RemoveAt($index); break } }
	}
	$Values = [string[]]$list.ToArray()
	# HKLM loses them from its own list (a reg add entry stays); a domain GPO's (RSOP) is left to it.
	$HklmList = [string[]]$hklmLeft.ToArray()
	try { $LeaveHklm = @(Get-CimInstance -Namespace root\rsop\computer -ClassName RSOP_RegistryPolicySetting -ErrorAction Stop | Where-Object { $_.registryKey -like '*\AllowFreshCredentials' -and $_.precedence -eq 1 -and $_.GPOID -notlike '*LocalGPO*' -and $_.valueName -match '^\d+$' }).Count -gt 0 } catch { }
	if ($null -ne $ListBefore) {
		$asBefore = ($Values -join '|') -eq ($ListBefore -join '|')
		if (-not $asBefore) { $gpoValues = $null }
		if (($HklmList -join '|') -ne ($ListBefore -join '|')) { $hklmValues = $null }
	}
	if (-not $taken -and ($LeaveHklm -or @($hklm | Where-Object { $Remove -contains $_ }).Count -eq 0)) { return @{output = ''; listAsBefore = $asBefore} }
}
# 1. The local GPO: every other record stays as it was; the list is values 1..n with both switches
# on, or, with no entry left, no list and no switches (as Disable-WSManCredSSP leaves it); an undo
# puts the switches back as they were instead (Disabled, or OS defaults not concatenated, stays so).
$switches = @('${allowFresh.switches.join("', '")}')
$records = New-Object System.Collections.ArrayList
foreach ($record in @(Read-RegistryPol $LocalGpoFile)) {
	if ($record.Key -eq $DelegationPolListKey -and $record.Name -match '^\d+$') { continue }
	if ($record.Key -eq $DelegationPolKey -and $switches -contains $record.Name) { continue }
	$null = $records.Add($record)
}
if ($null -eq $gpoValues) {
	$gpoValues = @($null, $null)
	if ($Values.Count -gt 0) { $gpoValues = @(1, 1) }
}
for ($index = 0; $index -lt $switches.Count; $index++) {
	if ($null -eq $gpoValues[$index]) { continue }
	$value = $gpoValues[$index]
	$record = @{Key = $DelegationPolKey; Name = $switches[$index]; Type = 4}
	if ($value -is [string]) { $record.Type = 1; $record.Data = [Text.Encoding]::Unicode.GetBytes($value + [char]0) } else { $record.Data = [BitConverter]::GetBytes([int]$value) }
	$null = $records.Add((New-Object psobject -Property $record))
}
if ($Values.Count -gt 0) {
	for ($index = 0; $index -lt $Values.Count; $index++) {
		$data = [Text.Encoding]::Unicode.GetBytes($Values[$index] + [char]0)
		$null = $records.Add((New-Object psobject -Property @{Key = $DelegationPolListKey; Name = [string]($index + 1); Type = 1; Data = $data}))
	}
}
Write-RegistryPol $LocalGpoFile $records.ToArray()
Step-LocalGpoVersion
# 2. HKLM: -HklmList (its own list, doublehop's entries out), else as the next refresh leaves it;
# -LeaveHklm: a domain GPO owns it. ($HklmList: names ignore case, so not reused.)
if (-not $LeaveHklm) {
	$hklmEntries = $Values
	if ($null -ne $HklmList) { $hklmEntries = $HklmList }
	Set-HklmCredentialsList '${allowFresh.name}' $switches $hklmEntries $hklmValues $KeysBefore
}
@{output = ''; listAsBefore = $asBefore}
`;

export const setDelegationList: OperationScript<CommandOutput> = {
	name: 'set-delegation-list',
	runsOn: 'client',
	script: setDelegationListScript,
	parameters: ['Values', 'HklmSwitches', 'GpoSwitches', 'HklmList', 'LeaveHklm', 'KeysBefore'],
	remote: false,
	parse: parseCommandOutput('set-delegation-list'),
};

/** The name an exported script gives set-delegation-list's script, defined once as a function. */
export const setDelegationListFunctionName = 'Set-DoublehopDelegationList';

/**
 * The function an exported script defines for the change and its undo: the script doublehop
 * runs, unchanged, as its body. Defining it changes nothing.
 */
export function setDelegationListFunctionLines(): string[] {
	return scriptAsFunction(setDelegationListFunctionName, setDelegationListScript);
}

/** The exported call of that function: the list, and for an undo the switches as they were. */
function setDelegationListCall(
	values: string[],
	switches?: DelegationSwitchesBoth,
	hklm?: HklmDelegationWrite,
): string {
	return scriptFunctionCall(setDelegationListFunctionName, {
		Values: values,
		...(switches === undefined ? {} : switchParameters(switches)),
		...(hklm === undefined || hklm === 'group-policy' ? {} : {HklmList: hklm.values}),
		...(hklm === 'group-policy' ? {LeaveHklm: true} : {}),
	});
}

/**
 * The list written in an exported script: what the write does, then the call of the function
 * the script defines (setDelegationListFunctionLines), as doublehop runs it.
 */
export function setDelegationListExported(
	values: string[],
	switches?: DelegationSwitchesBoth,
	hklm?: HklmDelegationWrite,
): string[] {
	return [
		...setDelegationListCommands(values, switches, hklm)
			.slice(0, 1)
			.map((line) => `${line}${exportedHklmNote(hklm)}`),
		...(hklm === 'group-policy' ? [hklmLeftToGroupPolicyComment] : []),
		setDelegationListCall(values, switches, hklm),
	];
}

/** What the exported first line adds about HKLM: set to match, or its own list. */
function exportedHklmNote(hklm: HklmDelegationWrite | undefined): string {
	if (hklm === undefined) return '; HKLM set to match';
	if (hklm === 'group-policy') return '';
	return `; HKLM (which holds more): ${listText(hklm.values, 'no entries')}`;
}
