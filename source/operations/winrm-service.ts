// This machine's WinRM service. Windows 10/11 ship it Manual, so it is often stopped, and the
// *-WSManCredSSP cmdlets and the WSMan: drive need it. Starting it is a change of its own,
// undone by stopping it again; its start type is never changed here.
import type {CommandOutput, WinRMStopped} from '../windows/records.js';
import {parseCommandOutput} from './command-output.js';
import {consoleText, parseWith, record, text} from './parse.js';
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

/**
 * The undo as shown: with the start type doublehop left (journals from before it was kept have
 * none), it stops the service only if that is still its start type.
 */
export function stopWinRMServiceCommandFor(startType: string | undefined): string {
	if (startType === undefined || startType === '') return stopWinRMServiceCommand;
	return `if ((Get-Service WinRM).StartType -eq '${startType.replaceAll("'", "''")}') { ${stopWinRMServiceCommand} }`;
}

// A start type changed since doublehop started it means something else now wants WinRM running:
// it is left running. Enable-PSRemoting and winrm quickconfig "set the WinRM service type to auto
// start" (learn.microsoft.com/dotnet/api/microsoft.wsman.management.setwsmanquickconfigcommand), as
// a GPO's System Services setting can. StartType is a ServiceStartMode: 'Automatic', 'Manual', ...
export const stopWinRMServiceScript = String.raw`param([string]$StartType)
$ErrorActionPreference = 'Stop'
$service = Get-Service -Name WinRM
if ($StartType -and [string]$service.StartType -ne $StartType) {
	@{output = ''; startTypeNow = [string]$service.StartType}
	return
}
if ($service.Status -ne 'Stopped') { Stop-Service -Name WinRM }
@{output = ''}
`;

function parseWinRMStopped(value: unknown) {
	return parseWith('stop-winrm-service', (): WinRMStopped => {
		const object = record(value);
		const output = consoleText(text(object, 'output'));
		const now = object.startTypeNow;
		return typeof now === 'string' && now !== '' ? {output, startTypeNow: now} : {output};
	});
}

export const startWinRMService: OperationScript<CommandOutput> = {
	name: 'start-winrm-service',
	runsOn: 'client',
	script: startWinRMServiceScript,
	parameters: [],
	remote: false,
	parse: parseCommandOutput('start-winrm-service'),
};

export const stopWinRMService: OperationScript<WinRMStopped> = {
	name: 'stop-winrm-service',
	runsOn: 'client',
	script: stopWinRMServiceScript,
	parameters: ['StartType'],
	remote: false,
	parse: parseWinRMStopped,
};
