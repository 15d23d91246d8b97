// Undo of create-https-listener: delete the HTTPS listener on hop 1 and, when this tool created
// it, the 5986 firewall rule, by its unique Name. -DisplayName would also remove every other rule
// with that display name, an admin's own included; a rule that was there before stays.
import type {CommandOutput} from '../windows/records.js';
import {psQuote} from '../safety/names.js';
import {parseCommandOutput} from './command-output.js';
import {shownOnFirstHop, type OperationScript} from './operation.js';

/** The undo shown for create-https-listener. `firewallRule` is the rule's Name (InstanceID). */
export function removeHttpsListenerCommand(hop1: string, firewallRule: string | undefined): string {
	const rule =
		firewallRule === undefined ? '' : `; Remove-NetFirewallRule -Name ${psQuote(firewallRule)}`;
	return shownOnFirstHop(
		hop1,
		`Get-ChildItem WSMan:\\localhost\\Listener | Where-Object Keys -Contains 'Transport=HTTPS' | Remove-Item -Recurse${rule}`,
	);
}

/** What runs on hop 1 (also in the scheduled revert there): the listener, then the rule by Name. */
export const removeHttpsListenerScriptBlock = String.raw`{
	param([string]$RuleName)
	$ErrorActionPreference = 'Stop'
	Remove-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet @{Address = '*'; Transport = 'HTTPS'}
	if ($RuleName) { Remove-NetFirewallRule -Name $RuleName }
}`;

const removeHttpsListenerScript = String.raw`param([string]$ComputerName, $Session, [string]$FirewallRuleName)
$ErrorActionPreference = 'Stop'
$text = Invoke-Command -Session $Session -ArgumentList $FirewallRuleName -ScriptBlock ${removeHttpsListenerScriptBlock} | Out-String -Width 160
@{output = [string]$text}
`;

export const removeHttpsListener: OperationScript<CommandOutput> = {
	name: 'remove-https-listener',
	runsOn: 'hop1',
	script: removeHttpsListenerScript,
	parameters: ['ComputerName', 'FirewallRuleName'],
	remote: true,
	parse: parseCommandOutput('remove-https-listener'),
};
