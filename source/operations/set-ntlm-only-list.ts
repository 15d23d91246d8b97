// "Allow delegating fresh credentials with NTLM-only server authentication"
// (AllowFreshCredentialsWhenNTLMOnly): the list CredSSP reads when the server was authenticated
// only by NTLM, as with an IP address or a workgroup host. "Allow delegating fresh credentials"
// does not apply then: its policy help says it "applies when server authentication was achieved
// via a trusted X509 certificate or Kerberos", and this one "when server authentication was
// achieved via NTLM" (CredSsp.admx, as quoted in Microsoft's Policy CSP ADMX_CredSsp pages).
// Enable-WSManCredSSP never writes it, so doublehop writes it in HKLM, the values 1..n with both
// switches on, as `reg add` would; with no entry left, no list and no switches. HKLM\SOFTWARE\
// Policies is Group Policy's, though: where a GPO configures this policy, each refresh rewrites
// HKLM's list from it, so the list is also written where the client list lives, the local GPO's
// Registry.pol (as Enable-WSManCredSSP writes its own: CredSSP.cs UpdateGPORegistrySettings), and a
// refresh keeps the entry; a domain GPO's is left to its owner (tree/ntlm-only.ts). The same script
// is the change (the merged list) and its undo (the list without doublehop's entry, and, once the
// list is as it was, the two switches as they were: a policy set to Disabled delegates nothing,
// one Not configured allows TERMSRV/* by default, so neither may come back as another).
import type {CommandOutput, DelegationKeys, DelegationSwitches} from '../windows/records.js';
import {
	listText,
	sameList,
	sameSwitches,
	switchesText,
	switchesWith,
	withoutAdded,
} from '../windows/delegation.js';
import {parseCommandOutput} from './command-output.js';
import {registryPolFunctions} from './registry-pol.js';
import {
	credentialsListCommands,
	keysBeforeTexts,
	setHklmCredentialsListFunction,
	switchPair,
	switchTexts,
	switchValuesFunction,
	type CredentialsList,
} from './credentials-list.js';
import {scriptAsFunction, scriptFunctionCall, type OperationScript} from './operation.js';

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
	localGpo?: readonly string[],
): string[] {
	return [
		...(localGpo === undefined ? [] : [localGpoLine(localGpo)]),
		...credentialsListCommands(ntlmOnly, values, switches && switchPair(switches), keysBefore),
	];
}

/** The Registry.pol edit, which has no cmdlet of its own, as a comment an admin can read. */
const localGpoLine = (values: readonly string[]) =>
	`# Local Group Policy ($env:SystemRoot\\System32\\GroupPolicy\\Machine\\Registry.pol), Allow delegating fresh credentials with NTLM-only server authentication: ${values.length === 0 ? 'Not configured (its values removed)' : values.join(', ')}; gpt.ini Version raised, registry extension listed`;

/** -LocalGpoWrite and -LocalGpoValues: the local GPO's list to write; none: left as it is. */
export const ntlmOnlyLocalGpoParameters = (
	localGpo?: readonly string[],
): {LocalGpoWrite?: boolean; LocalGpoValues?: string[]} =>
	localGpo === undefined ? {} : {LocalGpoWrite: true, LocalGpoValues: [...localGpo]};

/** What the change recorded of the local GPO's list: its entries added, and the list before (null: not configured). */
export type NtlmOnlyLocalGpoUndo = {added: string[]; listBefore: string[] | null};

/**
 * Undo in the local GPO: only doublehop's entries come out; none of them there (taken out since),
 * it is left as it is. Where the change configured the policy there (not before) and the list left
 * is the one HKLM held before, it is not configured again: `[]`. Undefined: not written.
 */
function restoreLocalGpoNtlmOnly(
	now: readonly string[] | undefined,
	undo: NtlmOnlyLocalGpoUndo,
	hklmListBefore: readonly string[],
): string[] | undefined {
	if (now === undefined) return undefined;
	const left = withoutAdded(now, undo.added);
	// Checked first: a change that added nothing there (the entry listed under a policy set to
	// Disabled) still configured the policy.
	if (undo.listBefore === null && sameList(left, hklmListBefore)) return [];
	if (left.length === now.length) return undefined;
	return left;
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

/** The NTLM-only list as the undo finds it: HKLM's list and switches, and the local GPO's list. */
export type NtlmOnlyNow = {
	list: readonly string[];
	switches?: DelegationSwitches;
	localGpo?: readonly string[];
};

/** What the change recorded for its undo (tree/state.ts restore-ntlm-only). */
export type NtlmOnlyUndo = {
	added: readonly string[];
	listBefore: readonly string[];
	switchesBefore?: DelegationSwitches;
	keysBefore?: DelegationKeys;
	localGpo?: NtlmOnlyLocalGpoUndo;
};

/** set-ntlm-only-list's arguments: HKLM's list and switches, the keys before, the local GPO's list. */
export type NtlmOnlyWrite = {
	values: string[];
	switches?: DelegationSwitches;
	keysBefore?: DelegationKeys;
	localGpo?: string[];
};

/**
 * The write `doublehop undo` makes from the list as it finds it (flow/execute.ts), and an exported
 * undo from the list as the change leaves it: doublehop's entries out of HKLM and of the local
 * GPO, which a refresh would otherwise copy back into HKLM. Undefined: nothing to write.
 */
export function restoreNtlmOnlyWrite(
	now: NtlmOnlyNow,
	undo: NtlmOnlyUndo,
): NtlmOnlyWrite | undefined {
	const {list, switches} = restoreNtlmOnlyPlan(
		now.list,
		undo.added,
		undo.listBefore,
		undo.switchesBefore,
	);
	const localGpo =
		undo.localGpo && restoreLocalGpoNtlmOnly(now.localGpo, undo.localGpo, undo.listBefore);
	const gpo = localGpo === undefined ? {} : {localGpo};
	if (list === undefined && localGpo === undefined) return undefined;
	// HKLM without doublehop's entry already: written back as it is.
	if (list === undefined)
		return {
			values: [...now.list],
			...(now.switches === undefined ? {} : {switches: now.switches}),
			...gpo,
		};
	return {
		values: list,
		...(switches === undefined ? {} : {switches}),
		...(undo.keysBefore === undefined ? {} : {keysBefore: undo.keysBefore}),
		...gpo,
	};
}

/** The undo shown: the list as it was, and its switches with it when they were unusual. */
export function restoreNtlmOnlyCommands(
	listBefore: readonly string[],
	switchesBefore?: DelegationSwitches,
	keysBefore?: DelegationKeys,
	localGpo?: NtlmOnlyLocalGpoUndo,
): string[] {
	const keep =
		switchesBefore !== undefined && !sameSwitches(switchesBefore, switchesWith(listBefore));
	return setNtlmOnlyListCommands(
		listBefore,
		keep ? switchesBefore : undefined,
		keysBefore,
		localGpo === undefined ? undefined : (localGpo.listBefore ?? []),
	);
}

// -LocalGpoWrite: the local GPO's list is rewritten first (its numbered values and the two
// switches; other records, such as gpedit's **delvals., stay while entries remain); no entry left,
// every record under its key and the switches go: the policy is Not configured there.
const setNtlmOnlyListScript = String.raw`param([string[]]$Values, [string[]]$Switches, [string[]]$KeysBefore, [bool]$LocalGpoWrite, [string[]]$LocalGpoValues)
$ErrorActionPreference = 'Stop'
if ($null -eq $Values) { $Values = [string[]]@() }
if ($null -eq $LocalGpoValues) { $LocalGpoValues = [string[]]@() }
${switchValuesFunction}
${setHklmCredentialsListFunction}
${registryPolFunctions}
if ($LocalGpoWrite) {
	$listKey = $DelegationPolKey + '\AllowFreshCredentialsWhenNTLMOnly'
	$names = @('${ntlmOnly.switches.join("', '")}')
	$records = New-Object System.Collections.ArrayList
	foreach ($record in @(Read-RegistryPol $LocalGpoFile)) {
		if ($record.Key -eq $listKey -and ($LocalGpoValues.Count -eq 0 -or $record.Name -match '^\d+$')) { continue }
		if ($record.Key -eq $DelegationPolKey -and $names -contains $record.Name) { continue }
		$null = $records.Add($record)
	}
	if ($LocalGpoValues.Count -gt 0) {
		foreach ($name in $names) { $null = $records.Add((New-Object psobject -Property @{Key = $DelegationPolKey; Name = $name; Type = 4; Data = [BitConverter]::GetBytes([int]1)})) }
		for ($index = 0; $index -lt $LocalGpoValues.Count; $index++) {
			$data = [Text.Encoding]::Unicode.GetBytes($LocalGpoValues[$index] + [char]0)
			$null = $records.Add((New-Object psobject -Property @{Key = $listKey; Name = [string]($index + 1); Type = 1; Data = $data}))
		}
	}
	Write-RegistryPol $LocalGpoFile $records.ToArray()
	Step-LocalGpoVersion
}
Set-HklmCredentialsList '${ntlmOnly.name}' @('${ntlmOnly.switches.join("', '")}') $Values (ConvertTo-SwitchValues $Switches) $KeysBefore
@{output = ''}
`;

export const setNtlmOnlyList: OperationScript<CommandOutput> = {
	name: 'set-ntlm-only-list',
	runsOn: 'client',
	script: setNtlmOnlyListScript,
	parameters: ['Values', 'Switches', 'KeysBefore', 'LocalGpoWrite', 'LocalGpoValues'],
	remote: false,
	parse: parseCommandOutput('set-ntlm-only-list'),
};

/** The name an exported script gives set-ntlm-only-list's script, defined once as a function. */
export const setNtlmOnlyListFunctionName = 'Set-DoublehopNtlmOnlyList';

/** The function an exported script defines: the script doublehop runs, unchanged, as its body. */
export function setNtlmOnlyListFunctionLines(): string[] {
	return scriptAsFunction(setNtlmOnlyListFunctionName, setNtlmOnlyListScript);
}

/** The exported call of that function, with the arguments the host passes (hosts/powershell). */
function setNtlmOnlyListCall(write: NtlmOnlyWrite): string {
	return scriptFunctionCall(setNtlmOnlyListFunctionName, {
		Values: write.values,
		...(write.switches === undefined ? {} : ntlmOnlySwitchParameter(write.switches)),
		...(write.keysBefore === undefined ? {} : {KeysBefore: keysBeforeTexts(write.keysBefore)}),
		...ntlmOnlyLocalGpoParameters(write.localGpo),
	});
}

/**
 * The list written in an exported script: what the write does, then the call of the function the
 * script defines (setNtlmOnlyListFunctionLines), as doublehop runs it.
 */
export function setNtlmOnlyListExported(write: NtlmOnlyWrite): string[] {
	const hklm = `HKLM: ${listText(write.values, 'no entries')}${write.switches === undefined ? '' : ` (${switchesText(write.switches, ntlmOnly.switches)})`}`;
	return [
		write.localGpo === undefined
			? `# Allow delegating fresh credentials with NTLM-only server authentication, local Group Policy left as it is; ${hklm}`
			: `${localGpoLine(write.localGpo)}; ${hklm}`,
		setNtlmOnlyListCall(write),
	];
}
