// Reads this machine's CredSSP client state: the WSMan setting, the effective delegation
// lists, the local Group Policy object's list (where Enable-WSManCredSSP -Role Client writes),
// the Group Policy values that override them, and the encryption-oracle setting.
import type {ClientCredSsp} from '../windows/records.js';
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
# A damaged Registry.pol is reported as unreadable here; the change that must write it says why.
$localGpo = [string[]]@()
$localGpoUnreadable = $false
try { $localGpo = [string[]]@(Get-LocalGpoDelegationList) } catch { $localGpoUnreadable = $true }
$result = @{
	getWSManCredSspText = $lines
	enabled = $enabled
	allowFreshCredentials = [string[]]@(Read-List 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\CredentialsDelegation\AllowFreshCredentials')
	allowFreshCredentialsNtlmOnly = [string[]]@(Read-List 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\CredentialsDelegation\AllowFreshCredentialsWhenNTLMOnly')
	localGpoAllowFreshCredentials = $localGpo
	localGpoUnreadable = $localGpoUnreadable
}
foreach ($reader in $PolicyReader, $OracleReader) {
	$part = & ([scriptblock]::Create($reader))
	foreach ($key in $part.Keys) { $result[$key] = $part[$key] }
}
$result
`;

export function parseClientCredSsp(value: unknown) {
	return parseWith('read-client-credssp', (): ClientCredSsp => {
		const object = record(value);
		const policies = policiesFrom(object);
		const oracle = encryptionOracleFrom(object);
		return {
			enabled: flag(object, 'enabled'),
			allowFreshCredentials: texts(object, 'allowFreshCredentials'),
			allowFreshCredentialsNtlmOnly: texts(object, 'allowFreshCredentialsNtlmOnly'),
			...(object.localGpoUnreadable === true
				? {}
				: {localGpoAllowFreshCredentials: texts(object, 'localGpoAllowFreshCredentials')}),
			getWSManCredSspText: texts(object, 'getWSManCredSspText'),
			...(policies.clientAllowCredSsp ? {policyAllowCredSsp: policies.clientAllowCredSsp} : {}),
			...(policies.allowFreshCredentials ? {policyDelegation: policies.allowFreshCredentials} : {}),
			...(policies.allowFreshCredentialsDisabled
				? {policyDelegationDisabled: policies.allowFreshCredentialsDisabled}
				: {}),
			...(policies.denyFreshCredentials
				? {policyDenyDelegation: policies.denyFreshCredentials}
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
