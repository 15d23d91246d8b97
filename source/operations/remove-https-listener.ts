// Undo of create-https-listener: delete the HTTPS listener on hop 1 and, when this tool created
// it, the 5986 firewall rule, by its unique Name. -DisplayName would also remove every other rule
// with that display name, an admin's own included; a rule that was there before stays.
// The listener goes by its selectors, Address=* and Transport=HTTPS, the one create-https-listener
// made: an HTTPS listener an admin bound to one address (Address=IP:...) stays. Picking listeners
// from WSMan:\localhost\Listener by 'Transport=HTTPS' alone would remove those too (the WSMan:
// provider's Remove-Item deletes each piped listener by its Address and Transport).
// Undo reads before it changes: Remove-WSManInstance throws for a listener that is not there
// (WsManError, "cannot find the resource identified by the resource URI and selectors"), and
// Remove-NetFirewallRule for a rule that is not; under 'Stop' the first would leave the rule behind.
// What is already gone counts as undone, and the result says so.
// A listener there now with another CertificateThumbprint than the one doublehop made it with was
// re-bound since (an admin's renewed certificate) and is relied on: it is left, and the result
// says which certificate it has. The rule, by its Name doublehop's own, goes as before.
import type {ListenerRemoved} from '../windows/records.js';
import {psQuote} from '../safety/names.js';
import {consoleText, flag, optionalText, parseWith, record, text} from './parse.js';
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

/**
 * The listener, only if it is there and still has $Thumbprint (when given: older journals have no
 * certificate); $listener is what was found, $rebound its thumbprint when it was left for that.
 * Thumbprints compare as sameThumbprint does: case and spaces aside.
 */
export const removeOurListenerIfThere = String.raw`$listener = @(Get-WSManInstance -ResourceURI winrm/config/Listener -Enumerate | Where-Object { $_.Address -eq '*' -and $_.Transport -eq 'HTTPS' })
$rebound = ''
if ($listener.Count -gt 0 -and $Thumbprint) {
	$now = [string]$listener[0].CertificateThumbprint
	if (($now -replace '\s', '') -ne ($Thumbprint -replace '\s', '')) { $rebound = $now }
}
if ($listener.Count -gt 0 -and -not $rebound) { ${removeOurListener} }`;

/**
 * The rule named $RuleName, only if it is there; $rule is what was found. Get-NetFirewallRule
 * -Name reports a missing rule as ObjectNotFound; any other error (access denied) is thrown.
 */
export const removeRuleIfThere = String.raw`$rule = @()
if ($RuleName) {
	try { $rule = @(Get-NetFirewallRule -Name $RuleName) }
	catch { if ($_.CategoryInfo.Category -ne 'ObjectNotFound') { throw } }
	if ($rule.Count -gt 0) { Remove-NetFirewallRule -Name $RuleName }
}`;

/** What runs on hop 1 for undo: the listener, then the rule by Name, each only if it is there. */
const removeHttpsListenerScriptBlock = String.raw`{
	param([string]$RuleName, [string]$Thumbprint)
	$ErrorActionPreference = 'Stop'
	${removeOurListenerIfThere}
	${removeRuleIfThere}
	@{listenerWasGone = $listener.Count -eq 0; firewallRuleWasGone = $RuleName -ne '' -and $rule.Count -eq 0; listenerRebound = $rebound}
}`;

// Over HTTPS (-UseSSL) the session may ride on the very listener this removes: WinRM applies a
// listener's deletion at once, and the reply does not come back (a transport error). That cut is
// kept, not thrown; the flow then reads the listeners again over HTTP, and that read decides, as
// after the session-configuration undo. Any other error is the undo's own.
const removeHttpsListenerScript = String.raw`param([string]$ComputerName, $Session, [string]$FirewallRuleName, [string]$Thumbprint)
$ErrorActionPreference = 'Stop'
$found = $null
$cut = ''
try {
	$found = @(Invoke-Command -Session $Session -ArgumentList $FirewallRuleName, $Thumbprint -ScriptBlock ${removeHttpsListenerScriptBlock})[-1]
} catch {
	if ($_.Exception -isnot [System.Management.Automation.Remoting.PSRemotingTransportException]) { throw }
	$cut = [string]$_.Exception.Message
}
@{output = ''; listenerWasGone = [bool]$found.listenerWasGone; firewallRuleWasGone = [bool]$found.firewallRuleWasGone; listenerRebound = [string]$found.listenerRebound; cut = $cut}
`;

function parseListenerRemoved(value: unknown) {
	return parseWith('remove-https-listener', (): ListenerRemoved => {
		const object = record(value);
		const rebound = optionalText(object, 'listenerRebound') ?? '';
		const cut = optionalText(object, 'cut') ?? '';
		return {
			output: consoleText(text(object, 'output')),
			...(flag(object, 'listenerWasGone') ? {listenerWasGone: true as const} : {}),
			...(flag(object, 'firewallRuleWasGone') ? {firewallRuleWasGone: true as const} : {}),
			...(rebound === '' ? {} : {listenerRebound: rebound}),
			...(cut === '' ? {} : {cut}),
		};
	});
}

export const removeHttpsListener: OperationScript<ListenerRemoved> = {
	name: 'remove-https-listener',
	runsOn: 'hop1',
	script: removeHttpsListenerScript,
	parameters: ['ComputerName', 'FirewallRuleName', 'Thumbprint'],
	remote: true,
	parse: parseListenerRemoved,
};
