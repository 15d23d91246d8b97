// The `$using:cred` method: the admin's command, rewritten to hand the credential to the cmdlet
// that reaches the second hop, run on hop 1 as the admin would type it:
//   Invoke-Command -ComputerName hop1 -Credential $cred -ScriptBlock { ... -Credential $using:cred }
// Invoke-Command reads each $using: variable from the scope that calls it (about_Remote_Variables),
// so the script names the run's credential $cred and lets Invoke-Command send it with the block.
// The block is parsed here but runs only on hop 1; nothing the admin typed runs on this machine.
import type {RemoteOutput} from '../windows/records.js';
import {shownOnFirstHop, type OperationScript} from './operation.js';
import {parseRemoteOutput} from './run-on-first-hop.js';

export function runWithCredentialCommand(hop1: string, command: string): string {
	return shownOnFirstHop(hop1, command);
}

const runWithCredentialScript = String.raw`param([string]$ComputerName, $Session, [string]$Command, [pscredential]$Credential)
$ErrorActionPreference = 'Stop'
$cred = $Credential
$output = Invoke-Command -Session $Session -ScriptBlock ([scriptblock]::Create($Command))
@{output = [string]($output | Out-String -Width 160)}
`;

export const runWithCredential: OperationScript<RemoteOutput> = {
	name: 'run-with-credential',
	runsOn: 'hop1',
	script: runWithCredentialScript,
	parameters: ['ComputerName', 'Command', 'Credential'],
	remote: true,
	takesCredential: true,
	parse: parseRemoteOutput,
};
