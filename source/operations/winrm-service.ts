// This machine's WinRM service. Windows 10/11 ship it Manual, so it is often stopped, and the
// *-WSManCredSSP cmdlets and the WSMan: drive need it. Starting it is a change of its own,
// undone by stopping it again; its start type is never changed here.
import type {CommandOutput} from '../windows/records.js';
import {parseCommandOutput} from './command-output.js';
import type {OperationScript} from './operation.js';

export const readWinRMServiceCommand = 'Get-Service WinRM';
export const startWinRMServiceCommand = 'Start-Service WinRM';
export const stopWinRMServiceCommand = 'Stop-Service WinRM';

/** What an admin runs when the start type is Disabled: doublehop never changes the start type. */
export const enableWinRMServiceCommands = [
	'Set-Service WinRM -StartupType Manual',
	startWinRMServiceCommand,
];

export const startWinRMServiceScript = String.raw`param()
$ErrorActionPreference = 'Stop'
# Start-Service waits until the service runs (or fails) and prints nothing without -PassThru.
Start-Service -Name WinRM
@{output = ''}
`;

export const stopWinRMServiceScript = String.raw`param()
$ErrorActionPreference = 'Stop'
if ((Get-Service -Name WinRM).Status -ne 'Stopped') { Stop-Service -Name WinRM }
@{output = ''}
`;

export const startWinRMService: OperationScript<CommandOutput> = {
	name: 'start-winrm-service',
	runsOn: 'client',
	script: startWinRMServiceScript,
	parameters: [],
	remote: false,
	parse: parseCommandOutput('start-winrm-service'),
};

export const stopWinRMService: OperationScript<CommandOutput> = {
	name: 'stop-winrm-service',
	runsOn: 'client',
	script: stopWinRMServiceScript,
	parameters: [],
	remote: false,
	parse: parseCommandOutput('stop-winrm-service'),
};
