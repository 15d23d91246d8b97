// Undo of create-https-listener: delete the HTTPS listener on hop 1 and, when this tool created
// it, the 5986 firewall rule, by its unique Name. -DisplayName would also remove every other rule
// with that display name, an admin's own included; a rule that was there before stays.
import type {CommandOutput} from '../windows/records.js';
import {psArgument, psQuote} from '../safety/names.js';
import {parseCommandOutput} from './command-output.js';
import type {Operation} from './operation.js';

/** `firewallRule` is the rule's Name (InstanceID), not its display name. */
export function removeHttpsListenerCommands(
	hop1: string,
	firewallRule: string | undefined,
): string[] {
	const on = `Invoke-Command -ComputerName ${psArgument(hop1)} -Credential $cred -ScriptBlock`;
	return [
		`${on} { winrm delete winrm/config/Listener?Address=*+Transport=HTTPS }`,
		...(firewallRule === undefined
			? []
			: [`${on} { Remove-NetFirewallRule -Name ${psQuote(firewallRule)} }`]),
	];
}

export const removeHttpsListenerScript = String.raw`param([string]$ComputerName, $Session, [string]$FirewallRuleName)
$ErrorActionPreference = 'Stop'
$text = Invoke-Command -Session $Session -ArgumentList $FirewallRuleName -ScriptBlock {
	param([string]$RuleName)
	$ErrorActionPreference = 'Stop'
	Remove-WSManInstance -ResourceURI winrm/config/Listener -SelectorSet @{Address = '*'; Transport = 'HTTPS'}
	if ($RuleName) { Remove-NetFirewallRule -Name $RuleName }
} | Out-String -Width 160
@{output = [string]$text}
`;

export const removeHttpsListener: Operation<CommandOutput> = {
	name: 'remove-https-listener',
	runsOn: 'hop1',
	script: removeHttpsListenerScript,
	parameters: ['ComputerName', 'FirewallRuleName'],
	remote: true,
	parse: parseCommandOutput('remove-https-listener'),
};
