// Client side of the fix, on this machine. Enable-WSManCredSSP -Role Client appends
// wsman/<name> values to the local-GPO AllowFreshCredentials list without de-duplicating,
// so callers pass only the names that the list does not already cover.
import type {CommandOutput} from '../windows/records.js';
import {psArgument, psQuote} from '../safety/names.js';
import {parseCommandOutput} from './command-output.js';
import type {OperationScript} from './operation.js';
import {setClientCredSspCommand} from './set-client-credssp.js';

export function enableClientCredSspCommand(delegateComputers: string[]): string {
	return `Enable-WSManCredSSP -Role Client -DelegateComputer ${delegateComputers.map(psArgument).join(',')} -Force`;
}

/**
 * The undo shown: `doublehop undo` takes out only the entries it appended (Disable-WSManCredSSP
 * -Role Client would remove every wsman entry), and turns the setting off if it was off before.
 */
export function restoreClientCommand(added: readonly string[], enabledBefore: boolean): string {
	const parts = added.map(
		(entry) =>
			`remove ${psQuote(entry)} from Allow delegating fresh credentials (Disable-WSManCredSSP -Role Client would remove every wsman entry)`,
	);
	if (!enabledBefore) parts.push(setClientCredSspCommand(false));
	return parts.length === 0 ? 'nothing to undo' : `doublehop undo: ${parts.join('; ')}`;
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
