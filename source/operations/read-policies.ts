// The Group Policy values that override the local CredSSP settings, read where they live.
// A value is absent (null) when its policy is "Not Configured". The script is also passed, as a
// value, to read-client-credssp and read-server-credssp, which run it locally or on hop 1.
import type {PolicySetting} from '../windows/records.js';
import {policyPaths} from '../windows/policy-paths.js';
import type {OperationScript} from './operation.js';
import {optionalInteger, parseWith, record, texts} from './parse.js';
import type {Json} from './parse.js';

export const readPoliciesCommands = [
	"Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\DenyFreshCredentials'",
	"Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Client' -Name AllowCredSSP",
	"Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Service' -Name AllowCredSSP",
	'Get-CimInstance -Namespace root\\rsop\\computer -ClassName RSOP_RegistryPolicySetting',
];

export const readPoliciesScript = String.raw`param()
$ErrorActionPreference = 'Stop'
function Read-Dword([string]$Path, [string]$Name) {
	$item = Get-ItemProperty -Path $Path -Name $Name -ErrorAction SilentlyContinue
	if ($null -eq $item) { return $null }
	[int]$item.$Name
}
# A domain GPO that configures "Allow delegating fresh credentials" replaces the local list (and
# reverts edits to it). Resultant Set of Policy names the GPO that won each value; reading it needs
# an elevated shell, and without it the answer stays unknown (null) rather than wrong.
$delegationGpo = $null
$ntlmOnlyGpo = $null
$delegationDisabledGpo = $false
try {
	# "Allow delegating fresh credentials" set to Disabled by a domain GPO: AllowFreshCredentials = 0.
	$switch = @(Get-CimInstance -Namespace root\rsop\computer -ClassName RSOP_RegistryPolicySetting -ErrorAction Stop |
		Where-Object { $_.registryKey -like '*\CredentialsDelegation' -and $_.valueName -eq 'AllowFreshCredentials' -and $_.precedence -eq 1 -and $_.GPOID -notlike '*LocalGPO*' })
	foreach ($setting in $switch) {
		$bytes = [byte[]]$setting.value
		if ($bytes.Length -ge 4 -and [BitConverter]::ToInt32($bytes, 0) -eq 0) { $delegationDisabledGpo = $true }
	}
	$settings = @(Get-CimInstance -Namespace root\rsop\computer -ClassName RSOP_RegistryPolicySetting -ErrorAction Stop |
		Where-Object { $_.registryKey -like '*\CredentialsDelegation\AllowFreshCredentials' -and $_.precedence -eq 1 -and $_.GPOID -notlike '*LocalGPO*' -and $_.valueName -match '^\d+$' })
	if ($settings.Count -gt 0) {
		$delegationGpo = [string[]]@($settings | Sort-Object { [int]$_.valueName } | ForEach-Object {
			[Text.Encoding]::Unicode.GetString([byte[]]$_.value).TrimEnd([char]0)
		})
	}
	# The same for "Allow delegating fresh credentials with NTLM-only server authentication".
	$ntlmOnly = @(Get-CimInstance -Namespace root\rsop\computer -ClassName RSOP_RegistryPolicySetting -ErrorAction Stop |
		Where-Object { $_.registryKey -like '*\CredentialsDelegation\AllowFreshCredentialsWhenNTLMOnly' -and $_.precedence -eq 1 -and $_.GPOID -notlike '*LocalGPO*' -and $_.valueName -match '^\d+$' })
	if ($ntlmOnly.Count -gt 0) {
		$ntlmOnlyGpo = [string[]]@($ntlmOnly | Sort-Object { [int]$_.valueName } | ForEach-Object {
			[Text.Encoding]::Unicode.GetString([byte[]]$_.value).TrimEnd([char]0)
		})
	}
} catch {
	$delegationGpo = $null
	$ntlmOnlyGpo = $null
}
# "Deny delegating fresh credentials": its entries refuse delegation whatever allows it.
$denyGpo = $null
$delegation = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\CredentialsDelegation'
if ((Read-Dword $delegation 'DenyFreshCredentials') -eq 1) {
	$denyKey = Get-ItemProperty -Path ($delegation + '\DenyFreshCredentials') -ErrorAction SilentlyContinue
	if ($null -ne $denyKey) {
		$denyGpo = [string[]]@($denyKey.PSObject.Properties | Where-Object { $_.Name -match '^\d+$' } | Sort-Object { [int]$_.Name } | ForEach-Object { [string]$_.Value })
	}
}
@{
	delegationDisabledGpo = $delegationDisabledGpo
	denyGpo = $denyGpo
	clientAllowCredSsp = Read-Dword 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM\Client' 'AllowCredSSP'
	serviceAllowCredSsp = Read-Dword 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WinRM\Service' 'AllowCredSSP'
	delegationGpo = $delegationGpo
	ntlmOnlyGpo = $ntlmOnlyGpo
}
`;

export type Policies = {
	clientAllowCredSsp?: PolicySetting<boolean>;
	serviceAllowCredSsp?: PolicySetting<boolean>;
	allowFreshCredentials?: PolicySetting<string[]>;
	allowFreshCredentialsDisabled?: PolicySetting<true>;
	denyFreshCredentials?: PolicySetting<string[]>;
	allowFreshCredentialsNtlmOnly?: PolicySetting<string[]>;
};

/** Reads the policy fields from the flat object that readPoliciesScript (or a merge of it) returns. */
export function policiesFrom(object: Json): Policies {
	const policies: Policies = {};
	const client = optionalInteger(object, 'clientAllowCredSsp');
	if (client !== undefined) {
		policies.clientAllowCredSsp = {value: client !== 0, ...policyPaths.clientAllowCredSsp};
	}
	const service = optionalInteger(object, 'serviceAllowCredSsp');
	if (service !== undefined) {
		policies.serviceAllowCredSsp = {value: service !== 0, ...policyPaths.serviceAllowCredSsp};
	}
	if (object.delegationGpo !== null && object.delegationGpo !== undefined) {
		policies.allowFreshCredentials = {
			value: texts(object, 'delegationGpo'),
			...policyPaths.allowFreshCredentials,
		};
	}
	if (object.delegationDisabledGpo === true) {
		policies.allowFreshCredentialsDisabled = {
			value: true,
			...policyPaths.allowFreshCredentialsSwitch,
		};
	}
	if (object.ntlmOnlyGpo !== null && object.ntlmOnlyGpo !== undefined) {
		policies.allowFreshCredentialsNtlmOnly = {
			value: texts(object, 'ntlmOnlyGpo'),
			...policyPaths.allowFreshCredentialsNtlmOnly,
		};
	}
	if (object.denyGpo !== null && object.denyGpo !== undefined) {
		policies.denyFreshCredentials = {
			value: texts(object, 'denyGpo'),
			...policyPaths.denyFreshCredentials,
		};
	}
	return policies;
}

export const readPolicies: OperationScript<Policies> = {
	name: 'read-policies',
	runsOn: 'client',
	script: readPoliciesScript,
	parameters: [],
	remote: false,
	parse: (value) => parseWith('read-policies', () => policiesFrom(record(value))),
};
