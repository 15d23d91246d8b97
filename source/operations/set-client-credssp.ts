// Undo of the client half of enable-client-credssp: only the WinRM client setting. The
// delegation list is restored separately (set-delegation-list), because Disable-WSManCredSSP
// -Role Client would also delete every wsman/ entry, including ones that were there before.
import type {CommandOutput} from '../windows/records.js';
import {parseCommandOutput} from './command-output.js';
import type {OperationScript} from './operation.js';

/** The command shown: turning the client setting on (a change), or off (the undo's half). */
export function setClientCredSspCommand(enabled: boolean): string {
	return `Set-Item WSMan:\\localhost\\Client\\Auth\\CredSSP -Value $${enabled} -Force`;
}

const setClientCredSspScript = String.raw`param([bool]$Enabled)
$ErrorActionPreference = 'Stop'
# PowerShell 7 creates the WSMan: drive only once its module is loaded.
if (-not (Get-PSDrive -Name WSMan -ErrorAction SilentlyContinue)) {
	Import-Module -Name Microsoft.WSMan.Management -ErrorAction SilentlyContinue
}
$text = Set-Item -Path WSMan:\localhost\Client\Auth\CredSSP -Value $Enabled -Force | Out-String -Width 160
@{output = [string]$text}
`;

export const setClientCredSsp: OperationScript<CommandOutput> = {
	name: 'set-client-credssp',
	runsOn: 'client',
	script: setClientCredSspScript,
	parameters: ['Enabled'],
	remote: false,
	parse: parseCommandOutput('set-client-credssp'),
};
