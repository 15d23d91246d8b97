// "Allow delegating fresh credentials with NTLM-only server authentication"
// (AllowFreshCredentialsWhenNTLMOnly): the list CredSSP reads when the server was authenticated
// only by NTLM, as with an IP address or a workgroup host. "Allow delegating fresh credentials"
// does not apply then: its policy help says it "applies when server authentication was achieved
// via a trusted X509 certificate or Kerberos", and this one "when server authentication was
// achieved via NTLM" (CredSsp.admx, as quoted in Microsoft's Policy CSP ADMX_CredSsp pages).
// Enable-WSManCredSSP never writes it, so doublehop writes it in HKLM, the values 1..n with both
// switches on, as `reg add` would; with no entry left, no list and no switches. The same script
// is the change (the merged list) and its undo (the list without doublehop's entry, and, once the
// list is as it was, the two switches as they were: a policy set to Disabled delegates nothing,
// one Not configured allows TERMSRV/* by default, so neither may come back as another).
import type {CommandOutput, DelegationKeys, DelegationSwitches} from '../windows/records.js';
import {sameList, sameSwitches, switchesWith, withoutAdded} from '../windows/delegation.js';
import {parseCommandOutput} from './command-output.js';
import {
	credentialsListCommands,
	setHklmCredentialsListFunction,
	switchPair,
	switchTexts,
	switchValuesFunction,
	type CredentialsList,
} from './credentials-list.js';
import type {OperationScript} from './operation.js';

export const ntlmOnly: CredentialsList = {
	name: 'AllowFreshCredentialsWhenNTLMOnly',
	switches: ['AllowFreshCredentialsWhenNTLMOnly', 'ConcatenateDefaults_AllowFreshNTLMOnly'],
};

/**
 * What the script does, as an admin would type it. `switches`: written back as they were (an
 * undo); without it, both 1 while entries remain and removed once none do.
 */
export function setNtlmOnlyListCommands(
	values: readonly string[],
	switches?: DelegationSwitches,
	keysBefore?: DelegationKeys,
): string[] {
	return credentialsListCommands(ntlmOnly, values, switches && switchPair(switches), keysBefore);
}

/** -Switches: each switch's DWORD as text, '' for one that is removed. */
export const ntlmOnlySwitchParameter = (switches: DelegationSwitches) => ({
	Switches: switchTexts(switches),
});

export type NtlmOnlyRestore = {
	/** The list to write (doublehop's entries taken out), or none to write. */
	list?: string[];
	/** The switches written with it, as they were before the change, when not what the list implies. */
	switches?: DelegationSwitches;
};

/**
 * `doublehop undo` takes out only the entries it added. The switches go back as they were
 * (`switchesBefore`) only when the list is then as it was (`listBefore`): with other entries left
 * (added since), the switches that let them work stay; with doublehop's entries already gone,
 * whoever took them out owns the switches. Both the run (flow/execute.ts) and the shown undo read it.
 */
export function restoreNtlmOnlyPlan(
	now: readonly string[],
	added: readonly string[],
	listBefore: readonly string[],
	switchesBefore?: DelegationSwitches,
): NtlmOnlyRestore {
	const list = withoutAdded(now, added);
	const keep =
		switchesBefore !== undefined &&
		sameList(list, listBefore) &&
		!sameSwitches(switchesBefore, switchesWith(list));
	// Nothing to take out. Where the change added nothing (the entry was there before, under a
	// policy set to Disabled), the switches alone go back; where its entry is already gone, someone
	// else took it out, and the switches are theirs now: nothing is written.
	if (list.length === now.length && !(keep && added.length === 0)) return {};
	return {list, ...(keep ? {switches: switchesBefore} : {})};
}

/** The undo shown: the list as it was, and its switches with it when they were unusual. */
export function restoreNtlmOnlyCommands(
	listBefore: readonly string[],
	switchesBefore?: DelegationSwitches,
	keysBefore?: DelegationKeys,
): string[] {
	const keep =
		switchesBefore !== undefined && !sameSwitches(switchesBefore, switchesWith(listBefore));
	return setNtlmOnlyListCommands(listBefore, keep ? switchesBefore : undefined, keysBefore);
}

const setNtlmOnlyListScript = String.raw`param([string[]]$Values, [string[]]$Switches, [string[]]$KeysBefore)
$ErrorActionPreference = 'Stop'
if ($null -eq $Values) { $Values = [string[]]@() }
${switchValuesFunction}
${setHklmCredentialsListFunction}
Set-HklmCredentialsList '${ntlmOnly.name}' @('${ntlmOnly.switches.join("', '")}') $Values (ConvertTo-SwitchValues $Switches) $KeysBefore
@{output = ''}
`;

export const setNtlmOnlyList: OperationScript<CommandOutput> = {
	name: 'set-ntlm-only-list',
	runsOn: 'client',
	script: setNtlmOnlyListScript,
	parameters: ['Values', 'Switches', 'KeysBefore'],
	remote: false,
	parse: parseCommandOutput('set-ntlm-only-list'),
};
