// Client side of the fix, on this machine. Enable-WSManCredSSP -Role Client appends
// wsman/<name> values to the local-GPO AllowFreshCredentials list without de-duplicating,
// so callers pass only the names that the list does not already cover.
import type {
	ClientCredSsp,
	CommandOutput,
	DelegationKeys,
	DelegationSwitchesBoth,
	HklmDelegationWrite,
} from '../windows/records.js';
import {
	entriesAddedSince,
	listAsItWas,
	listText,
	sameList,
	sameSwitches,
	switchesWith,
	withoutAdded,
} from '../windows/delegation.js';
import {psArgument} from '../safety/names.js';
import {parseCommandOutput} from './command-output.js';
import type {OperationScript} from './operation.js';
import {setClientCredSspCommand} from './set-client-credssp.js';
import {setDelegationListCommands, setDelegationListExported} from './set-delegation-list.js';

export function enableClientCredSspCommand(delegateComputers: string[]): string {
	return `Enable-WSManCredSSP -Role Client -DelegateComputer ${delegateComputers.map(psArgument).join(',')} -Force`;
}

/** What taking the client change back does, given the machine's state when it runs. */
export type ClientRestore = {
	/** The delegation list to write (the entries doublehop added taken out), or none to write. */
	list?: string[];
	/** The switches written with it, as they were before the change (when the change kept them). */
	switches?: DelegationSwitchesBoth;
	/**
	 * HKLM's copy, when it is not `list`: HKLM as it is now without the entries doublehop added (an
	 * entry only HKLM holds stays), or left to Group Policy where a domain GPO owns the list.
	 */
	hklm?: HklmDelegationWrite;
	/** Which HKLM keys existed before the change, given to the list write (one it made goes once empty). */
	keysBefore?: DelegationKeys;
	/** Whether client CredSSP is turned back off (it was off before, is on now, and the list is as
	 * it was before the change). */
	turnOff: boolean;
	/**
	 * Client CredSSP was off before and stays on: the list is not as it was before the change
	 * (`listBefore`), `addedSince` holds the entries added since, which need it.
	 */
	switchStaysOn?: {addedSince: string[]; listBefore: string[]};
};

/** The switch's half of the plan: off, or on for the entries added since (and which). */
function switchPlan(
	left: readonly string[],
	enabledNow: boolean,
	enabledBefore: boolean,
	listBefore?: readonly string[],
): Pick<ClientRestore, 'turnOff' | 'switchStaysOn'> {
	if (enabledBefore || !enabledNow) return {turnOff: false};
	if (listBefore === undefined || listAsItWas(left, listBefore)) return {turnOff: true};
	const addedSince = entriesAddedSince(left, listBefore);
	return {turnOff: false, switchStaysOn: {addedSince, listBefore: [...listBefore]}};
}

/**
 * `doublehop undo` takes out only the entries it appended (Disable-WSManCredSSP -Role Client would
 * remove every wsman entry), puts the list's two switches back as they were (a Disabled policy,
 * or one without the OS defaults, must not come back Enabled with TERMSRV/* allowed), and turns
 * the setting off only if it was off before. The switches go back with the entries, and only when
 * the list is back as it was (`listBefore`): if the entries are already gone, whoever took them
 * out owns the switches now; if others remain (another host's of a fleet run, or added since),
 * the switches that let them work stay. The client's CredSSP switch follows the same rule
 * (listAsItWas): an entry added since, say by a second time-boxed run, needs it on. Both the run
 * (flow/execute.ts), the scheduled revert and the screen read this one plan.
 */
export function restoreClientPlan(
	now: Pick<
		ClientCredSsp,
		'enabled' | 'allowFreshCredentials' | 'localGpoAllowFreshCredentials' | 'policyDelegation'
	>,
	added: readonly string[],
	enabledBefore: boolean,
	switchesBefore?: DelegationSwitchesBoth,
	listBefore?: readonly string[],
	keysBefore?: DelegationKeys,
): ClientRestore {
	// Each place loses exactly the entries doublehop added, as it is now: the local GPO's list
	// (Enable-WSManCredSSP writes it there), and HKLM's, which may hold more (a reg add, a domain
	// GPO's entries). Where a domain GPO owns the list (RSOP), HKLM is its copy: not rewritten from
	// the local list, which would wipe the GPO's entries and switch until the next refresh.
	const {allowFreshCredentials: hklm, localGpoAllowFreshCredentials: gpo = hklm} = now;
	const list = withoutAdded(gpo, added);
	const domainOwned = now.policyDelegation !== undefined;
	const hklmLeft = domainOwned ? hklm : withoutAdded(hklm, added);
	// Named only when not what the list alone would get (both 1 with entries, neither without).
	const ordinary = switchesWith(list);
	const keep =
		switchesBefore !== undefined &&
		listAsItWas(list, listBefore) &&
		!(
			sameSwitches(switchesBefore.hklm, ordinary) && sameSwitches(switchesBefore.localGpo, ordinary)
		);
	// HKLM's switches go back only with HKLM's list as it was; entries left there keep them on.
	const switches =
		keep && !listAsItWas(hklmLeft, listBefore)
			? {...switchesBefore, hklm: switchesWith(hklmLeft)}
			: switchesBefore;
	// Written when an entry goes, or when the change added none (the entry was there before, under
	// a policy set to Disabled) and only the switches go back.
	const write =
		list.length !== gpo.length || hklmLeft.length !== hklm.length || (keep && added.length === 0);
	const hklmWrite: HklmDelegationWrite | undefined = domainOwned
		? 'group-policy'
		: sameList(hklmLeft, list)
			? undefined
			: {values: hklmLeft};
	return {
		...(write
			? {
					list,
					...(keep && switches !== undefined ? {switches} : {}),
					...(hklmWrite === undefined ? {} : {hklm: hklmWrite}),
					...(keysBefore === undefined || domainOwned ? {} : {keysBefore}),
				}
			: {}),
		...switchPlan(list, now.enabled, enabledBefore, listBefore),
	};
}

/**
 * The undo shown: the PowerShell of set-delegation-list and set-client-credssp that will run.
 * `exported`: for a script that defines set-delegation-list as a function (report/export-script):
 * the list is written by calling it, in the local Group Policy object and HKLM, as undo does.
 */
export function restoreClientCommands(restore: ClientRestore, exported = false): string[] {
	const {list, switches, hklm, keysBefore} = restore;
	const lines = [
		...(list === undefined
			? []
			: exported
				? setDelegationListExported(list, switches, hklm)
				: setDelegationListCommands(list, switches, hklm, keysBefore)),
		...(restore.turnOff ? [setClientCredSspCommand(false)] : []),
		...(restore.switchStaysOn === undefined ? [] : [switchStaysOnComment(restore.switchStaysOn)]),
	];
	return lines.length > 0
		? lines
		: ['# Nothing to run: the entries doublehop added are gone, and client CredSSP is as it was.'];
}

/** Why client CredSSP, off before the run, is not turned off: in the admin's words, no full stop. */
export function switchStaysOnText(stays: NonNullable<ClientRestore['switchStaysOn']>): string {
	const {addedSince, listBefore} = stays;
	const need =
		addedSince.length === 0
			? ''
			: `: ${addedSince.join(', ')}, added since, ${addedSince.length === 1 ? 'needs' : 'need'} it`;
	return `WinRM client CredSSP stays on: the delegation list is not as it was before the run (${listText(listBefore, 'empty')})${need}`;
}

function switchStaysOnComment(stays: NonNullable<ClientRestore['switchStaysOn']>): string {
	return `# ${switchStaysOnText(stays)}. The change stays open: doublehop undo turns it off once the list is as it was.`;
}

const enableClientCredSspScript = String.raw`param([string[]]$DelegateComputer)
$ErrorActionPreference = 'Stop'
$result = Enable-WSManCredSSP -Role Client -DelegateComputer $DelegateComputer -Force
@{output = [string]($result | Out-String -Width 160)}
`;

export const enableClientCredSsp: OperationScript<CommandOutput> = {
	name: 'enable-client-credssp',
	runsOn: 'client',
	script: enableClientCredSspScript,
	parameters: ['DelegateComputer'],
	remote: false,
	parse: parseCommandOutput('enable-client-credssp'),
};
