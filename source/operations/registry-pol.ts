// The local Group Policy object's computer settings live in %SystemRoot%\System32\GroupPolicy\
// Machine\Registry.pol, the file Enable-WSManCredSSP -Role Client writes through
// IGroupPolicyObject (PowerShell's CredSSP.cs, UpdateCurrentUserRegistrySettings) and Group
// Policy copies into HKLM\SOFTWARE\Policies. These PowerShell functions read and rewrite it the
// way PolicyFileEditor and LGPO.exe do: the PReg format (MS-GPREG 2.2.1: 'PReg', version 1, then
// [key;value;type;size;data] records in UTF-16LE), then the GPO's version in gpt.ini is raised so
// Group Policy sees the change. Windows PowerShell 5.1 syntax only. Spliced as a constant into
// the scripts that need it; no value is ever spliced into it.
//
// gpt.ini's gPCMachineExtensionNames names the client-side extensions that process this GPO, as
// [{CSE}{tool}...] groups in CSE GUID order, tools in order within (MS-GPOD, Group Policy
// extensions: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-gpod/896f59a5-5b72-4fb5-b1d4-8d007fdd6cb3;
// gpedit's own merge, GPRegistryPolicyDsc#40). Without the registry extension's CSE there the
// registry extension skips the local GPO (MS-GPREG 3.2.5.1.2 reads registry.pol only from GPOs the
// core protocol found to hold registry settings), so Registry.pol is not applied at refresh. Its
// pair is added where missing (gpedit's and LGPO.exe's Computer tool GUID, MS-GPREG standards
// assignments: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-gpreg/f0dba6b8-704f-45d5-999f-1a0a694a6df9), other
// groups and lines kept as they are. An undo leaves it listed, as gpedit and Enable-WSManCredSSP
// (IGroupPolicyObject::Save) do: Registry.pol then holds what it held before, and taking the
// extension out would stop the refresh applying what other tools keep in it.

// Add-RegistryExtension: gpt.ini's extension list with the registry pair in it (groups and tools
// compared as text, ignoring case: GUIDs in braces order so); the list as it was if already there.
export const registryExtensionFunction = String.raw`function Get-OrderedIndex($Items, [string]$Item) { @($Items | Where-Object { [string]::CompareOrdinal($_.ToUpperInvariant(), $Item) -lt 0 }).Count }
function Add-RegistryExtension([string]$Names) {
	$cse = '[{35378EAC-683F-11D2-A89A-00C04FBBCFA2}'; $tool = '{D02B1F72-3407-48AE-BA88-E8213C6761F1}'
	$groups = New-Object Collections.ArrayList
	foreach ($m in [regex]::Matches($Names, '\[[^\]]*')) { $null = $groups.Add($m.Value) }
	$i = Get-OrderedIndex $groups $cse
	if ($i -ge $groups.Count -or -not $groups[$i].ToUpperInvariant().StartsWith($cse)) { $groups.Insert($i, $cse + $tool) }
	elseif ($groups[$i] -notlike "*$tool*") {
		$tools = New-Object Collections.ArrayList
		foreach ($m in [regex]::Matches($groups[$i].Substring(39), '\{[^}]*\}')) { $null = $tools.Add($m.Value) }
		$tools.Insert((Get-OrderedIndex $tools $tool), $tool)
		$groups[$i] = $groups[$i].Substring(0, 39) + ($tools -join '')
	}
	@($groups | ForEach-Object { $_ + ']' }) -join ''
}`;

/**
 * In place of Add-RegistryExtension where a script must stay short (the time box's revert task,
 * bounded by CreateProcess's command line): the list as it is. That task undoes a write doublehop
 * made, which listed the pair, and an undo leaves it listed anyway.
 */
export const registryExtensionLeftAsItIs =
	'function Add-RegistryExtension([string]$Names) { $Names }';

export const registryPolFunctions = String.raw`
$LocalGpoFolder = Join-Path $env:SystemRoot 'System32\GroupPolicy'
$LocalGpoFile = Join-Path $LocalGpoFolder 'Machine\Registry.pol'
$DelegationPolKey = 'Software\Policies\Microsoft\Windows\CredentialsDelegation'
$DelegationPolListKey = $DelegationPolKey + '\AllowFreshCredentials'
function Read-PolString([byte[]]$Bytes, [int]$Start) {
	$end = $Start
	while ($end + 1 -lt $Bytes.Length -and ($Bytes[$end] -ne 0 -or $Bytes[$end + 1] -ne 0)) { $end += 2 }
	New-Object psobject -Property @{Text = [Text.Encoding]::Unicode.GetString($Bytes, $Start, $end - $Start); Next = $end + 4}
}
function Read-RegistryPol([string]$Path) {
	if (-not [IO.File]::Exists($Path)) { return }
	$bytes = [IO.File]::ReadAllBytes($Path)
	if ($bytes.Length -lt 8 -or [Text.Encoding]::ASCII.GetString($bytes, 0, 4) -ne 'PReg' -or [BitConverter]::ToInt32($bytes, 4) -ne 1) {
		throw ('The local Group Policy file ' + $Path + ' is not in the Registry.pol (PReg) format; open gpedit.msc to repair it.')
	}
	$at = 8
	while ($at -lt $bytes.Length) {
		$key = Read-PolString $bytes ($at + 2)
		$name = Read-PolString $bytes $key.Next
		$type = [BitConverter]::ToInt32($bytes, $name.Next)
		$size = [BitConverter]::ToInt32($bytes, $name.Next + 6)
		$data = New-Object byte[] $size
		[Array]::Copy($bytes, $name.Next + 12, $data, 0, $size)
		$at = $name.Next + 12 + $size + 2
		New-Object psobject -Property @{Key = $key.Text; Name = $name.Text; Type = $type; Data = $data}
	}
}
function Write-RegistryPol([string]$Path, [object[]]$Records) {
	$unicode = [Text.Encoding]::Unicode
	$stream = New-Object IO.MemoryStream
	$stream.Write([byte[]](0x50, 0x52, 0x65, 0x67, 1, 0, 0, 0), 0, 8)
	foreach ($record in $Records) {
		$data = [byte[]]$record.Data
		$chunks = @(
			$unicode.GetBytes('[' + $record.Key + [char]0 + ';' + $record.Name + [char]0 + ';'),
			[BitConverter]::GetBytes([int]$record.Type), $unicode.GetBytes(';'),
			[BitConverter]::GetBytes([int]$data.Length), $unicode.GetBytes(';'),
			$data, $unicode.GetBytes(']'))
		foreach ($chunk in $chunks) { $stream.Write($chunk, 0, $chunk.Length) }
	}
	$null = [IO.Directory]::CreateDirectory([IO.Path]::GetDirectoryName($Path))
	[IO.File]::WriteAllBytes($Path, $stream.ToArray())
}
function Get-LocalGpoDelegationList {
	@(Read-RegistryPol $LocalGpoFile) | Where-Object { $_.Key -eq $DelegationPolListKey -and $_.Name -match '^\d+$' } |
		Sort-Object { [int]$_.Name } | ForEach-Object { [Text.Encoding]::Unicode.GetString([byte[]]$_.Data).TrimEnd([char]0) }
}
# The list's two switches (AllowFreshCredentials, ConcatenateDefaults_AllowFresh) as DWORDs, or
# $null for one the file does not set.
function Get-LocalGpoDelegationSwitches {
	$found = @{AllowFreshCredentials = $null; ConcatenateDefaults_AllowFresh = $null}
	foreach ($record in @(Read-RegistryPol $LocalGpoFile)) {
		if ($record.Key -eq $DelegationPolKey -and $found.ContainsKey($record.Name) -and $record.Type -eq 4 -and ([byte[]]$record.Data).Length -ge 4) {
			$found[$record.Name] = [BitConverter]::ToInt32([byte[]]$record.Data, 0)
		}
	}
	@($found.AllowFreshCredentials, $found.ConcatenateDefaults_AllowFresh)
}
# The computer half of the GPO version is the low 16 bits of Version in gpt.ini.
function Step-LocalGpoVersion {
	$ini = Join-Path $LocalGpoFolder 'gpt.ini'
	$lines = New-Object System.Collections.ArrayList
	if ([IO.File]::Exists($ini)) { $lines.AddRange([IO.File]::ReadAllLines($ini)) }
	$general = 0
	while ($general -lt $lines.Count -and $lines[$general] -notmatch '^\s*\[General\]\s*$') { $general++ }
	if ($general -eq $lines.Count) { $lines.Insert(0, '[General]'); $general = 0 }
	$version = $false
	$extensions = $false
	for ($i = 0; $i -lt $lines.Count; $i++) {
		if ($lines[$i] -match '^\s*Version\s*=\s*(\d+)\s*$') {
			$number = [uint32]$Matches[1]
			$machine = ($number -band 0xFFFF) + 1
			if ($machine -gt 0xFFFF) { $machine = 1 }
			$lines[$i] = 'Version=' + ([uint32]($number - ($number -band 0xFFFF)) + $machine)
			$version = $true
		} elseif ($lines[$i] -match '^\s*gPCMachineExtensionNames\s*=(.*)$') {
			$listed = $Matches[1].Trim()
			$names = Add-RegistryExtension $listed
			if ($names -cne $listed) { $lines[$i] = 'gPCMachineExtensionNames=' + $names }
			$extensions = $true
		}
	}
	if (-not $version) { $lines.Insert($general + 1, 'Version=1') }
	if (-not $extensions) { $lines.Insert($general + 1, 'gPCMachineExtensionNames=' + (Add-RegistryExtension '')) }
	[IO.File]::WriteAllLines($ini, [string[]]$lines.ToArray(), [Text.Encoding]::ASCII)
}
${registryExtensionFunction}
`;
