// What kind of shell this is: edition, version, elevation (the *-WSManCredSSP cmdlets refuse
// to run unelevated), and the domain the machine belongs to.
import type {LocalContext} from '../windows/records.js';
import type {OperationScript} from './operation.js';
import {flag, optionalText, parseWith, record, ShapeError, text} from './parse.js';

export const localContextCommand =
	'$PSVersionTable.PSVersion; ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)';

const localContextScript = String.raw`param()
$ErrorActionPreference = 'Stop'
if ($PSVersionTable.PSEdition -eq 'Desktop' -or $IsWindows) {
	$identity = [Security.Principal.WindowsIdentity]::GetCurrent()
	$elevated = ([Security.Principal.WindowsPrincipal]$identity).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
	$user = $identity.Name
} else {
	# Not Windows: root is the nearest thing to an elevated shell.
	$elevated = [string](id -u) -eq '0'
	$user = if ($env:USERDOMAIN) { $env:USERDOMAIN + '\' + $env:USERNAME } else { [Environment]::UserName }
}
$system = $null
$os = $null
try {
	$system = Get-CimInstance -ClassName Win32_ComputerSystem
	$os = Get-CimInstance -ClassName Win32_OperatingSystem
} catch {
	# No CIM (PowerShell 7 off Windows): the fields below fall back to what .NET knows.
}
$osText = [string]$PSVersionTable.OS
if ($null -ne $os) { $osText = [string]$os.Caption + ' ' + [string]$os.Version }
if (-not $osText) { $osText = [Environment]::OSVersion.VersionString }
$domain = $null
if ($null -ne $system -and $system.PartOfDomain) { $domain = [string]$system.Domain }
$computerName = $env:COMPUTERNAME
if (-not $computerName) { $computerName = [Environment]::MachineName }
# The *-WSManCredSSP cmdlets and WSMan: need this machine's WinRM service (Manual on Windows 10/11).
$winrm = $null
try {
	$service = Get-Service -Name WinRM -ErrorAction Stop
	$winrm = @{status = [string]$service.Status; startType = [string]$service.StartType}
} catch {
	# No WinRM service here (PowerShell 7 off Windows): nothing to report.
}
@{
	computerName = [string]$computerName
	domain = $domain
	psEdition = [string]$PSVersionTable.PSEdition
	psVersion = [string]$PSVersionTable.PSVersion
	os = $osText
	elevated = [bool]$elevated
	user = [string]$user
	winrmService = $winrm
}
`;

export function parseLocalContext(value: unknown) {
	return parseWith('local-context', (): LocalContext => {
		const object = record(value);
		const psEdition = text(object, 'psEdition');
		if (psEdition !== 'Desktop' && psEdition !== 'Core') {
			throw new ShapeError(`psEdition is "${psEdition}", not Desktop or Core`);
		}
		const domain = optionalText(object, 'domain');
		const winrm = object['winrmService'];
		const service =
			winrm === null || winrm === undefined ? undefined : record(winrm, 'winrmService');
		return {
			computerName: text(object, 'computerName'),
			...(domain === undefined ? {} : {domain}),
			psEdition,
			psVersion: text(object, 'psVersion'),
			os: text(object, 'os'),
			elevated: flag(object, 'elevated'),
			user: text(object, 'user'),
			...(service === undefined
				? {}
				: {
						winrmService: {
							status: text(service, 'status'),
							startType: optionalText(service, 'startType') ?? '',
						},
					}),
		};
	});
}

export const localContext: OperationScript<LocalContext> = {
	name: 'local-context',
	runsOn: 'client',
	script: localContextScript,
	parameters: [],
	remote: false,
	parse: parseLocalContext,
};
