// The KDC "caches denied-access attempts (negative cache) for 15 minutes. If ServerB has
// previously attempted to access ServerC, you need to clear the cache on ServerB"
// (PS-remoting-second-hop.md), with `klist purge -li 0x3e7`: the tickets of hop 1's LocalSystem
// logon session (0x3e7), which the computer account's delegation uses. It changes nothing that
// lasts: Windows asks the KDC for fresh tickets on next use.
import type {CommandOutput} from '../windows/records.js';
import {parseCommandOutput} from './command-output.js';
import {shownOnFirstHop, type OperationScript} from './operation.js';

export const purgeKerberosTicketsCommand = (hop1: string) =>
	shownOnFirstHop(hop1, 'klist purge -li 0x3e7');

// klist is a native command: a failed purge (an account that is not an administrator on hop 1
// may not purge LocalSystem's tickets) sets $LASTEXITCODE and prints why, but stops nothing, not
// even under ErrorActionPreference Stop. So the exit code is read, and klist's own lines thrown.
const purgeKerberosTicketsScript = String.raw`param([string]$ComputerName, $Session)
$ErrorActionPreference = 'Stop'
$output = Invoke-Command -Session $Session -ScriptBlock {
	$ErrorActionPreference = 'Stop'
	$lines = klist purge -li 0x3e7
	if ($LASTEXITCODE -ne 0) {
		$said = ($lines | Out-String -Width 160).Trim()
		throw $(if ($said) { $said } else { 'klist purge -li 0x3e7 exited with ' + $LASTEXITCODE })
	}
	$lines
}
@{output = [string]($output | Out-String -Width 160)}
`;

export const purgeKerberosTickets: OperationScript<CommandOutput> = {
	name: 'purge-kerberos-tickets',
	runsOn: 'hop1',
	script: purgeKerberosTicketsScript,
	parameters: ['ComputerName'],
	remote: true,
	parse: parseCommandOutput('purge-kerberos-tickets'),
};
