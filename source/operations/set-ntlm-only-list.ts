// "Allow delegating fresh credentials with NTLM-only server authentication"
// (AllowFreshCredentialsWhenNTLMOnly): the list CredSSP reads when the server was authenticated
// only by NTLM, as with an IP address or a workgroup host. "Allow delegating fresh credentials"
// does not apply then: its policy help says it "applies when server authentication was achieved
// via a trusted X509 certificate or Kerberos", and this one "when server authentication was
// achieved via NTLM" (CredSsp.admx, as quoted in Microsoft's Policy CSP ADMX_CredSsp pages).
// Enable-WSManCredSSP never writes it, so doublehop writes it in HKLM, the values 1..n with both
// switches on, as `reg add` would; with no entry left, no list and no switches. The same script
// is the change (the merged list) and its undo (the list without doublehop's entry).
import type {CommandOutput} from '../windows/records.js';
import {psQuote} from '../safety/names.js';
import {parseCommandOutput} from './command-output.js';
import type {OperationScript} from './operation.js';

const parent = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation';
const list = `${parent}\\AllowFreshCredentialsWhenNTLMOnly`;

/** What the script does, as an admin would type it. */
export function setNtlmOnlyListCommands(values: readonly string[]): string[] {
	const clear = `Remove-Item -Path '${list}' -Recurse -Force -ErrorAction SilentlyContinue`;
	if (values.length === 0) {
		return [
			clear,
			`Remove-ItemProperty -Path '${parent}' -Name AllowFreshCredentialsWhenNTLMOnly, ConcatenateDefaults_AllowFreshNTLMOnly`,
		];
	}
	return [
		clear,
		`New-ItemProperty -Path '${parent}' -Name AllowFreshCredentialsWhenNTLMOnly -PropertyType DWord -Value 1 -Force`,
		`New-ItemProperty -Path '${parent}' -Name ConcatenateDefaults_AllowFreshNTLMOnly -PropertyType DWord -Value 1 -Force`,
		`New-Item -Path '${list}' -Force`,
		...values.map(
			(value, index) =>
				`New-ItemProperty -Path '${list}' -Name ${index + 1} -PropertyType String -Value ${psQuote(value)}`,
		),
	];
}

const setNtlmOnlyListScript = String.raw`param([string[]]$Values)
$ErrorActionPreference = 'Stop'
if ($null -eq $Values) { $Values = [string[]]@() }
$parent = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\CredentialsDelegation'
$list = $parent + '\AllowFreshCredentialsWhenNTLMOnly'
$switches = @('AllowFreshCredentialsWhenNTLMOnly', 'ConcatenateDefaults_AllowFreshNTLMOnly')
if (Test-Path -Path $list) { Remove-Item -Path $list -Recurse -Force }
if ($Values.Count -eq 0) {
	Remove-ItemProperty -Path $parent -Name $switches -ErrorAction SilentlyContinue
} else {
	if (-not (Test-Path -Path $parent)) { $null = New-Item -Path $parent -Force }
	foreach ($name in $switches) { $null = New-ItemProperty -Path $parent -Name $name -PropertyType DWord -Value 1 -Force }
	$null = New-Item -Path $list -Force
	for ($index = 0; $index -lt $Values.Count; $index++) {
		$null = New-ItemProperty -Path $list -Name ([string]($index + 1)) -PropertyType String -Value $Values[$index]
	}
}
@{output = ''}
`;

export const setNtlmOnlyList: OperationScript<CommandOutput> = {
	name: 'set-ntlm-only-list',
	runsOn: 'client',
	script: setNtlmOnlyListScript,
	parameters: ['Values'],
	remote: false,
	parse: parseCommandOutput('set-ntlm-only-list'),
};
