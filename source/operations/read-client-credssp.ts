// Reads this machine's CredSSP client state: the WSMan setting, the effective delegation
// lists, the local Group Policy object's list (where Enable-WSManCredSSP -Role Client writes),
// the Group Policy values that override them, and the encryption-oracle setting.
import type {ClientCredSsp, DelegationSwitches} from '../windows/records.js';
import type {OperationScript} from './operation.js';
import {flag, parseWith, record, texts} from './parse.js';
import {registryPolFunctions} from './registry-pol.js';
import {encryptionOracleFrom} from './read-encryption-oracle.js';
import {policiesFrom} from './read-policies.js';

export const readClientCredSspCommand = 'Get-WSManCredSSP';

const readClientCredSspScript = String.raw`param([string]$PolicyReader, [string]$OracleReader)
$ErrorActionPreference = 'Stop'
# Get-WSManCredSSP first: it refuses an unelevated shell before anything else is read.
$lines = [string[]]@(Get-WSManCredSSP)
$enabled = [string](Get-Item -Path WSMan:\localhost\Client\Auth\CredSSP).Value
function Read-List([string]$Path) {
	$key = Get-ItemProperty -Path $Path -ErrorAction SilentlyContinue
	if ($null -eq $key) { return }
	# Values are named 1..n; registry order is numeric order, which Windows tries in turn.
	$key.PSObject.Properties | Where-Object { $_.Name -match '^\d+$' } | Sort-Object { [int]$_.Name } | ForEach-Object { [string]$_.Value }
}
${registryPolFunctions}
# Whether the list's values are named exactly 1..n: Enable-WSManCredSSP names its new value
# ValueCount+1 (CredSSP.cs UpdateGPORegistrySettings), which replaces an entry when they are not.
# (Here, not in registry-pol.ts: the revert task's command line has no room to spare.)
function Test-LocalGpoDelegationNumbered {
	$names = @(@(Read-RegistryPol $LocalGpoFile) | Where-Object { $_.Key -eq $DelegationPolListKey -and -not $_.Name.StartsWith('**') } | ForEach-Object { [string]$_.Name })
	for ($index = 1; $index -le $names.Count; $index++) { if ($names -notcontains [string]$index) { return $false } }
	$true
}
# A damaged Registry.pol is reported as unreadable here; the change that must write it says why.
# A switch as the registry holds it: a REG_SZ stays text (an undo writes it back a REG_SZ), a DWORD an [int].
function Read-Switch([string]$Path, [string]$Name) {
	$item = Get-ItemProperty -Path $Path -Name $Name -ErrorAction SilentlyContinue
	if ($null -eq $item) { return $null }
	if ($item.$Name -is [string]) { return [string]$item.$Name }
	[int]$item.$Name
}
$localGpo = [string[]]@()
$localGpoSwitches = $null
$localGpoUnreadable = $false
$localGpoNumbered = $true
# The local GPO's NTLM-only list, where it configures that policy (a record under its key, or its
# switch): $null where it does not, so a refresh leaves HKLM's list alone.
$localGpoNtlmOnly = $null
try {
	$localGpo = [string[]]@(Get-LocalGpoDelegationList)
	$localGpoSwitches = @(Get-LocalGpoDelegationSwitches)
	$localGpoNumbered = Test-LocalGpoDelegationNumbered
	$ntlmOnlyKey = $DelegationPolKey + '\AllowFreshCredentialsWhenNTLMOnly'
	$polRecords = @(Read-RegistryPol $LocalGpoFile)
	if (@($polRecords | Where-Object { $_.Key -eq $ntlmOnlyKey -or ($_.Key -eq $DelegationPolKey -and $_.Name -eq 'AllowFreshCredentialsWhenNTLMOnly') }).Count -gt 0) {
		$localGpoNtlmOnly = [string[]]@($polRecords | Where-Object { $_.Key -eq $ntlmOnlyKey -and $_.Name -match '^\d+$' } | Sort-Object { [int]$_.Name } | ForEach-Object { [Text.Encoding]::Unicode.GetString([byte[]]$_.Data).TrimEnd([char]0) })
	}
} catch { $localGpoUnreadable = $true }
# Each list's two switches, which undo writes back as they were: Disabled (0) or "Not configured"
# (absent) must not come back as Enabled.
$delegation = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\CredentialsDelegation'
$result = @{
	getWSManCredSspText = $lines
	enabled = $enabled
	allowFreshCredentials = [string[]]@(Read-List 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\CredentialsDelegation\AllowFreshCredentials')
	allowFreshCredentialsNtlmOnly = [string[]]@(Read-List 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\CredentialsDelegation\AllowFreshCredentialsWhenNTLMOnly')
	localGpoAllowFreshCredentials = $localGpo
	localGpoNtlmOnly = $localGpoNtlmOnly
	localGpoUnreadable = $localGpoUnreadable
	localGpoNumbered = $localGpoNumbered
	allowFreshSwitches = @((Read-Switch $delegation 'AllowFreshCredentials'), (Read-Switch $delegation 'ConcatenateDefaults_AllowFresh'))
	allowFreshNtlmOnlySwitches = @((Read-Switch $delegation 'AllowFreshCredentialsWhenNTLMOnly'), (Read-Switch $delegation 'ConcatenateDefaults_AllowFreshNTLMOnly'))
	# Which keys exist (even empty): an undo removes only the ones its change made.
	delegationKeys = @((Test-Path -Path $delegation), (Test-Path -Path ($delegation + '\AllowFreshCredentials')), (Test-Path -Path ($delegation + '\AllowFreshCredentialsWhenNTLMOnly')))
	localGpoAllowFreshSwitches = $localGpoSwitches
}
foreach ($reader in $PolicyReader, $OracleReader) {
	$part = & ([scriptblock]::Create($reader))
	foreach ($key in $part.Keys) { $result[$key] = $part[$key] }
}
$result
`;

/**
 * A list's [switch, ConcatenateDefaults_...], each a DWORD, a REG_SZ's text or null (absent); not
 * read: undefined.
 */
function switchesFrom(value: unknown): DelegationSwitches | undefined {
	if (!Array.isArray(value)) return undefined;
	const read = (v: unknown) =>
		(typeof v === 'number' && Number.isInteger(v)) || typeof v === 'string' ? v : null;
	return {allowFresh: read(value[0]), concatenateDefaults: read(value[1])};
}

/** [CredentialsDelegation, its AllowFreshCredentials, its NTLM-only key]: whether each exists. */
function keysFrom(value: unknown): ClientCredSsp['delegationKeys'] {
	if (!Array.isArray(value) || !value.every((v) => typeof v === 'boolean') || value.length !== 3)
		return undefined;
	const [parent, allowFresh, ntlmOnly] = value as boolean[];
	return {parent: parent!, allowFresh: allowFresh!, ntlmOnly: ntlmOnly!};
}

export function parseClientCredSsp(value: unknown) {
	return parseWith('read-client-credssp', (): ClientCredSsp => {
		const object = record(value);
		const policies = policiesFrom(object);
		const oracle = encryptionOracleFrom(object);
		const hklmSwitches = switchesFrom(object.allowFreshSwitches);
		const gpoSwitches = switchesFrom(object.localGpoAllowFreshSwitches);
		const ntlmOnlySwitches = switchesFrom(object.allowFreshNtlmOnlySwitches);
		const keys = keysFrom(object.delegationKeys);
		return {
			...(keys === undefined ? {} : {delegationKeys: keys}),
			enabled: flag(object, 'enabled'),
			allowFreshCredentials: texts(object, 'allowFreshCredentials'),
			allowFreshCredentialsNtlmOnly: texts(object, 'allowFreshCredentialsNtlmOnly'),
			...(ntlmOnlySwitches === undefined ? {} : {allowFreshNtlmOnlySwitches: ntlmOnlySwitches}),
			...(object.localGpoUnreadable === true
				? {}
				: {localGpoAllowFreshCredentials: texts(object, 'localGpoAllowFreshCredentials')}),
			...(object.localGpoNumbered === false ? {localGpoListGaps: true as const} : {}),
			...(Array.isArray(object.localGpoNtlmOnly) && object.localGpoUnreadable !== true
				? {localGpoAllowFreshCredentialsNtlmOnly: texts(object, 'localGpoNtlmOnly')}
				: {}),
			...(hklmSwitches === undefined ? {} : {allowFreshSwitches: hklmSwitches}),
			...(gpoSwitches === undefined || object.localGpoUnreadable === true
				? {}
				: {localGpoAllowFreshSwitches: gpoSwitches}),
			getWSManCredSspText: texts(object, 'getWSManCredSspText'),
			...(policies.clientAllowCredSsp ? {policyAllowCredSsp: policies.clientAllowCredSsp} : {}),
			...(policies.allowFreshCredentials ? {policyDelegation: policies.allowFreshCredentials} : {}),
			...(policies.allowFreshCredentialsDisabled
				? {policyDelegationDisabled: policies.allowFreshCredentialsDisabled}
				: {}),
			...(policies.denyFreshCredentials
				? {policyDenyDelegation: policies.denyFreshCredentials}
				: {}),
			...(policies.allowFreshCredentialsNtlmOnly
				? {policyNtlmOnlyDelegation: policies.allowFreshCredentialsNtlmOnly}
				: {}),
			...oracle,
		};
	});
}

export const readClientCredSsp: OperationScript<ClientCredSsp> = {
	name: 'read-client-credssp',
	runsOn: 'client',
	script: readClientCredSspScript,
	parameters: ['PolicyReader', 'OracleReader'],
	remote: false,
	parse: parseClientCredSsp,
};
