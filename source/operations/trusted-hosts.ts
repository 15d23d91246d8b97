// This machine's WinRM client TrustedHosts list: read it, add one entry to it (Set-Item
// -Concatenate keeps the entries already there), and, to undo, write it back without that entry.
// A host in the list is reached with NTLM over HTTP, which does not authenticate the server.
import type {CommandOutput, TrustedHosts} from '../windows/records.js';
import {trustedHostEntries} from '../windows/trusted-hosts.js';
import {psQuote} from '../safety/names.js';
import {parseCommandOutput} from './command-output.js';
import type {OperationScript} from './operation.js';
import {parseWith, record, text} from './parse.js';

const path = 'WSMan:\\localhost\\Client\\TrustedHosts';

export const readTrustedHostsCommand = `Get-Item ${path}`;

/** The change shown: the one entry appended to what is there (Set-Item's -Concatenate). */
export function addTrustedHostCommand(entry: string): string {
	return `Set-Item ${path} -Value ${psQuote(entry)} -Concatenate -Force`;
}

/**
 * The undo as an admin would type it: the list as it is when pasted, without the entry; others
 * stay, even ones added since, as the undo itself leaves them (it reads first). Not the list as it
 * was, which pasted later would drop an entry added since.
 */
export function removeTrustedHostCommand(entry: string): string {
	return `Set-Item ${path} -Value ((@((Get-Item ${path}).Value -split ',') | Where-Object { $_ -ne ${psQuote(entry)} }) -join ',') -Force`;
}

/** Writing the whole list, as the undo does: Clear-Item when nothing is left. */
export function setTrustedHostsCommand(entries: readonly string[]): string {
	return entries.length === 0
		? `Clear-Item ${path} -Force`
		: `Set-Item ${path} -Value ${psQuote(entries.join(','))} -Force`;
}

// PowerShell 7 creates the WSMan: drive only once its module is loaded.
const wsmanDrive = String.raw`if (-not (Get-PSDrive -Name WSMan -ErrorAction SilentlyContinue)) {
	Import-Module -Name Microsoft.WSMan.Management -ErrorAction SilentlyContinue
}`;

const readTrustedHostsScript = String.raw`param()
$ErrorActionPreference = 'Stop'
${wsmanDrive}
$item = Get-Item -Path WSMan:\localhost\Client\TrustedHosts
@{value = [string]$item.Value; sourceOfValue = [string]$item.SourceOfValue}
`;

function parseTrustedHosts(value: unknown) {
	return parseWith('read-trusted-hosts', (): TrustedHosts => {
		const object = record(value);
		return {
			entries: trustedHostEntries(text(object, 'value')),
			setByPolicy: text(object, 'sourceOfValue').toUpperCase() === 'GPO',
		};
	});
}

const addTrustedHostScript = String.raw`param([string]$Entry)
$ErrorActionPreference = 'Stop'
${wsmanDrive}
Set-Item -Path WSMan:\localhost\Client\TrustedHosts -Value $Entry -Concatenate -Force
@{output = ''}
`;

const setTrustedHostsScript = String.raw`param([string[]]$Entries)
$ErrorActionPreference = 'Stop'
${wsmanDrive}
if ($null -eq $Entries -or $Entries.Count -eq 0) {
	Clear-Item -Path WSMan:\localhost\Client\TrustedHosts -Force
} else {
	Set-Item -Path WSMan:\localhost\Client\TrustedHosts -Value ($Entries -join ',') -Force
}
@{output = ''}
`;

export const readTrustedHosts: OperationScript<TrustedHosts> = {
	name: 'read-trusted-hosts',
	runsOn: 'client',
	script: readTrustedHostsScript,
	parameters: [],
	remote: false,
	parse: parseTrustedHosts,
};

export const addTrustedHost: OperationScript<CommandOutput> = {
	name: 'add-trusted-host',
	runsOn: 'client',
	script: addTrustedHostScript,
	parameters: ['Entry'],
	remote: false,
	parse: parseCommandOutput('add-trusted-host'),
};

export const setTrustedHosts: OperationScript<CommandOutput> = {
	name: 'set-trusted-hosts',
	runsOn: 'client',
	script: setTrustedHostsScript,
	parameters: ['Entries'],
	remote: false,
	parse: parseCommandOutput('set-trusted-hosts'),
};
