// Undo of enable-server-credssp: WinRM service auth CredSSP back to false on hop 1.
// Disable-WSManCredSSP -Role Server touches only the service setting and prints nothing.
import type {CommandOutput} from '../windows/records.js';
import {parseCommandOutput} from './command-output.js';
import {shownOnFirstHop, type OperationScript} from './operation.js';

export const disableServerCredSspScriptBlock = 'Disable-WSManCredSSP -Role Server';

export function disableServerCredSspCommand(hop1: string): string {
	return shownOnFirstHop(hop1, disableServerCredSspScriptBlock);
}

const disableServerCredSspScript = String.raw`param([string]$ComputerName, $Session)
$ErrorActionPreference = 'Stop'
$result = Invoke-Command -Session $Session -ScriptBlock {
	Disable-WSManCredSSP -Role Server
}
@{output = [string]($result | Out-String -Width 160)}
`;

export const disableServerCredSsp: OperationScript<CommandOutput> = {
	name: 'disable-server-credssp',
	runsOn: 'hop1',
	script: disableServerCredSspScript,
	parameters: ['ComputerName'],
	remote: true,
	parse: parseCommandOutput('disable-server-credssp'),
};
