// Server side of the fix, run on hop 1 through a normal (Kerberos/NTLM) session.
import type {CommandOutput} from '../windows/records.js';
import {parseCommandOutput} from './command-output.js';
import {shownOnFirstHop, type OperationScript} from './operation.js';

export const enableServerCredSspScriptBlock = 'Enable-WSManCredSSP -Role Server -Force';

export function enableServerCredSspCommand(hop1: string): string {
	return shownOnFirstHop(hop1, enableServerCredSspScriptBlock);
}

const enableServerCredSspScript = String.raw`param([string]$ComputerName, $Session)
$ErrorActionPreference = 'Stop'
$result = Invoke-Command -Session $Session -ScriptBlock {
	Enable-WSManCredSSP -Role Server -Force
}
# Formatted here, as the admin's console would show it: with the PSComputerName it came from.
@{output = [string]($result | Out-String -Width 160)}
`;

export const enableServerCredSsp: OperationScript<CommandOutput> = {
	name: 'enable-server-credssp',
	runsOn: 'hop1',
	script: enableServerCredSspScript,
	parameters: ['ComputerName'],
	remote: true,
	parse: parseCommandOutput('enable-server-credssp'),
};
