// The admin's own command, run on hop 1: without CredSSP it reproduces the second hop failure,
// with -Authentication CredSSP it verifies the fix. The command is free PowerShell text by
// design; it travels as a string value and becomes a script block only on hop 1.
import type {RemoteOutput} from '../windows/records.js';
import {psArgument} from '../safety/names.js';
import {shownOnFirstHop, type OperationScript} from './operation.js';
import {consoleText, parseWith, record, text} from './parse.js';

export function defaultSecondHopCommand(hop2: string): string {
	return `Get-VM -ComputerName ${psArgument(hop2)}`;
}

export function runOnFirstHopCommand(
	hop1: string,
	command: string,
	authentication: 'Default' | 'CredSSP',
): string {
	return shownOnFirstHop(hop1, command, authentication);
}

const runOnFirstHopScript = String.raw`param([string]$ComputerName, $Session, [string]$Command)
$ErrorActionPreference = 'Stop'
$output = Invoke-Command -Session $Session -ArgumentList $Command -ScriptBlock {
	param([string]$CommandText)
	& ([scriptblock]::Create($CommandText))
}
@{output = [string]($output | Out-String -Width 160)}
`;

export function parseRemoteOutput(value: unknown) {
	return parseWith('run-on-first-hop', (): RemoteOutput => ({
		output: consoleText(text(record(value), 'output')),
	}));
}

export const runOnFirstHop: OperationScript<RemoteOutput> = {
	name: 'run-on-first-hop',
	runsOn: 'hop1',
	script: runOnFirstHopScript,
	parameters: ['ComputerName', 'Command'],
	remote: true,
	parse: parseRemoteOutput,
};
