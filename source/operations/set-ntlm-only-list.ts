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
import {parseCommandOutput} from './command-output.js';
import {
	credentialsListCommands,
	setHklmCredentialsListFunction,
	type CredentialsList,
} from './credentials-list.js';
import type {OperationScript} from './operation.js';

export const ntlmOnly: CredentialsList = {
	name: 'AllowFreshCredentialsWhenNTLMOnly',
	switches: ['AllowFreshCredentialsWhenNTLMOnly', 'ConcatenateDefaults_AllowFreshNTLMOnly'],
};

/** What the script does, as an admin would type it. */
export function setNtlmOnlyListCommands(values: readonly string[]): string[] {
	return credentialsListCommands(ntlmOnly, values);
}

const setNtlmOnlyListScript = String.raw`param([string[]]$Values)
$ErrorActionPreference = 'Stop'
if ($null -eq $Values) { $Values = [string[]]@() }
${setHklmCredentialsListFunction}
Set-HklmCredentialsList '${ntlmOnly.name}' @('${ntlmOnly.switches.join("', '")}') $Values
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
