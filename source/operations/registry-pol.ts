// The local Group Policy object's computer settings live in %SystemRoot%\System32\GroupPolicy\
// Machine\Registry.pol, the file Enable-WSManCredSSP -Role Client writes through
// IGroupPolicyObject (PowerShell's CredSSP.cs, UpdateCurrentUserRegistrySettings) and Group
// Policy copies into HKLM\SOFTWARE\Policies. These PowerShell functions read and rewrite it the
// way PolicyFileEditor and LGPO.exe do: the PReg format (MS-GPREG 2.2.1: 'PReg', version 1, then
// [key;value;type;size;data] records in UTF-16LE), then the GPO's version in gpt.ini is raised so
// Group Policy sees the change. Windows PowerShell 5.1 syntax only. Spliced as a constant into
// the scripts that need it; no value is ever spliced into it.

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
	$lines = @()
	if ([IO.File]::Exists($ini)) { $lines = @([IO.File]::ReadAllLines($ini)) }
	$found = $false
	for ($i = 0; $i -lt $lines.Count; $i++) {
		if ($lines[$i] -match '^\s*Version\s*=\s*(\d+)\s*$') {
			$version = [uint32]$Matches[1]
			$machine = ($version -band 0xFFFF) + 1
			if ($machine -gt 0xFFFF) { $machine = 1 }
			$lines[$i] = 'Version=' + ([uint32]($version - ($version -band 0xFFFF)) + $machine)
			$found = $true
		}
	}
	if (-not $found -and $lines.Count -gt 0) { $lines += 'Version=1' }
	if (-not $found -and $lines.Count -eq 0) { $lines = @('[General]', 'gPCMachineExtensionNames=[{35378EAC-683F-11D2-A89A-00C04FBBCFA2}{D02B1F72-3407-48AE-BA88-E8213C6761F1}]', 'Version=1') }
	[IO.File]::WriteAllLines($ini, [string[]]$lines, [Text.Encoding]::ASCII)
}
`;
