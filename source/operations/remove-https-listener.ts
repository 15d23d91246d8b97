// Undo of create-https-listener: delete the HTTPS listener on hop 1 and, when this tool created
// it, the 5986 firewall rule, by its unique Name. -DisplayName would also remove every other rule
// with that display name, an admin's own included; a rule that was there before stays.
// The listener goes by its selectors, Address=* and Transport=HTTPS, the one create-https-listener
// made: an HTTPS listener an admin bound to one address (Address=IP:...) stays. Picking listeners
// from WSMan:\localhost\Listener by 'Transport=HTTPS' alone would remove those too (the WSMan:
// provider's Remove-Item deletes each piped listener by its Address and Transport).
import type {CommandOutput} from '../windows/records.js';
import {psQuote} from '../safety/names.js';
import {parseCommandOutput} from './command-output.js';
import {shownOnFirstHop, type OperationScript} from './operation.js';

/** Only the listener doublehop creates; the shown undo and the script below both use it. */
const removeOurListener =
	"Remove-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet @{Address = '*'; Transport = 'HTTPS'}";

/**
 * The undo shown for create-https-listener (on screen, in the transcript, under "# Undo:" in
 * --export): what the script below runs. `firewallRule` is the rule's Name (InstanceID).
 */
export function removeHttpsListenerCommand(hop1: string, firewallRule: string | undefined): string {
	const rule =
		firewallRule === undefined ? '' : `; Remove-NetFirewallRule -Name ${psQuote(firewallRule)}`;
	return shownOnFirstHop(hop1, `${removeOurListener}${rule}`);
}

/** What runs on hop 1 (also in the scheduled revert there): the listener, then the rule by Name. */
export const removeHttpsListenerScriptBlock = String.raw`{
	param([string]$RuleName)
	$ErrorActionPreference = 'Stop'
	${removeOurListener}
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
