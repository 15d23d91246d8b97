// Client side of the fix, on this machine. Enable-WSManCredSSP -Role Client appends
// wsman/<name> values to the local-GPO AllowFreshCredentials list without de-duplicating,
// so callers pass only the names that the list does not already cover.
import type {CommandOutput} from '../windows/records.js';
import {psArgument} from '../safety/names.js';
import {parseCommandOutput} from './command-output.js';
import type {Operation} from './operation.js';

export function enableClientCredSspCommand(delegateComputers: string[]): string {
	return `Enable-WSManCredSSP -Role Client -DelegateComputer ${delegateComputers.map(psArgument).join(',')} -Force`;
}

export const enableClientCredSspScript = String.raw`param([string[]]$DelegateComputer)
$ErrorActionPreference = 'Stop'
$result = Enable-WSManCredSSP -Role Client -DelegateComputer $DelegateComputer -Force
@{output = [string]($result | Out-String -Width 160)}
`;

export const enableClientCredSsp: Operation<CommandOutput> = {
	name: 'enable-client-credssp',
	runsOn: 'client',
	script: enableClientCredSspScript,
	parameters: ['DelegateComputer'],
	remote: false,
	parse: parseCommandOutput('enable-client-credssp'),
};
