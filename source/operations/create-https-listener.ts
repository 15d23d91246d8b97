// HTTPS listener on hop 1, and nothing else there: New-Item on WSMan:\localhost\Listener with the
// certificate doublehop chose (windows/certificates.ts). Not `winrm quickconfig -transport:https`:
// quickconfig also does every other quickconfig step not yet done on that machine (the service's
// start type, a firewall exception, LocalAccountTokenFilterPolicy=1, which gives local accounts a
// full administrator token over the network), none of which the admin was shown or doublehop undoes.
import type {ListenerCreated, Outcome} from '../windows/records.js';
import {psQuote} from '../safety/names.js';
import {listenerFrom} from './list-listeners.js';
import {shownOnFirstHop, type OperationScript} from './operation.js';
import {consoleText, optionalText, parseWith, record, text} from './parse.js';

/** What the admin sees in wf.msc. Windows does not keep display names unique, so it identifies nothing. */
export const httpsFirewallRuleDisplayName = 'Windows Remote Management (HTTPS-In)';

/** Domain only: the rule must not open 5986 on a Private or Public network. */
export const httpsFirewallRuleProfile = 'Domain';

/**
 * The rule's unique Name (its InstanceID), from the run: undo removes exactly this rule, never an
 * admin's own rule with the same display name (Remove-NetFirewallRule -DisplayName removes them all).
 */
export function httpsFirewallRuleName(runId: string): string {
	const suffix = /[A-Za-z0-9]+$/.exec(runId)?.[0] ?? 'run';
	return `doublehop-WinRM-HTTPS-In-${suffix}`;
}

/** The certificate the listener is made with, and its CN, which WinRM requires as the HostName. */
export type ListenerCertificate = {thumbprint: string; hostname: string};

/**
 * ConfigProvider.cs NewItem on the Listener container: Address and Transport are the listener's
 * keys (undo removes Address=* Transport=HTTPS), Port defaults to 5986 for HTTPS. -HostName must
 * be the certificate's CN (a DNS name in its SAN does not do), or WinRM refuses it (0x803380E9).
 * -Force: no question.
 */
function newHttpsListenerCommand(certificate: ListenerCertificate): string {
	return `New-Item -Path WSMan:\\localhost\\Listener -Transport HTTPS -Address * -HostName ${psQuote(certificate.hostname)} -CertificateThumbPrint ${psQuote(certificate.thumbprint)} -Force`;
}

export function createHttpsListenerCommands(
	hop1: string,
	firewallRule: string,
	certificate: ListenerCertificate,
): string[] {
	return [
		shownOnFirstHop(hop1, newHttpsListenerCommand(certificate)),
		shownOnFirstHop(
			hop1,
			`New-NetFirewallRule -Name ${psQuote(firewallRule)} -DisplayName ${psQuote(httpsFirewallRuleDisplayName)} -Profile ${httpsFirewallRuleProfile} -Direction Inbound -Protocol TCP -LocalPort 5986 -Action Allow -Group 'Windows Remote Management'`,
		),
	];
}

const createHttpsListenerScript = String.raw`param([string]$ComputerName, $Session, [string]$FirewallRuleName, [string]$HostName, [string]$CertificateThumbprint)
$ErrorActionPreference = 'Stop'
$remote = Invoke-Command -Session $Session -ArgumentList $FirewallRuleName, $HostName, $CertificateThumbprint -ScriptBlock {
	param([string]$RuleName, [string]$HostName, [string]$Thumbprint)
	$ErrorActionPreference = 'Stop'
	# The command shown to the admin, with the values it showed. WinRM refuses a thumbprint it
	# cannot find or a certificate without Server Authentication: the error ends the script here.
	$item = New-Item -Path WSMan:\localhost\Listener -Transport HTTPS -Address * -HostName $HostName -CertificateThumbPrint $Thumbprint -Force
	$result = @{output = [string]($item | Out-String -Width 160)}
	$listener = Get-WSManInstance -ResourceURI winrm/config/listener -SelectorSet @{Address = '*'; Transport = 'HTTPS'}
	foreach ($name in 'Transport', 'Address', 'Port', 'Hostname', 'CertificateThumbprint', 'Enabled') {
		$value = $listener.$name
		if ($value -is [System.Xml.XmlNode]) { $value = $value.InnerText }
		$result['listener' + $name] = [string]$value
	}
	$result.listenerSource = 'Local'
	if ($listener.PSObject.Properties['Source'] -and $listener.Source) { $result.listenerSource = [string]$listener.Source }
	# Open 5986 unless an enabled inbound rule already allows it on the profile ours would use.
	# The display name and profile are the module's constants, so what runs is what the admin saw.
	# Profile reads 'Any' or a list such as 'Domain, Private'.
	$open = @(Get-NetFirewallPortFilter -Protocol TCP | Where-Object { @($_.LocalPort) -contains '5986' } | Get-NetFirewallRule |
		Where-Object { [string]$_.Enabled -eq 'True' -and [string]$_.Direction -eq 'Inbound' -and [string]$_.Action -eq 'Allow' } |
		Where-Object { [string]$_.Profile -eq 'Any' -or (([string]$_.Profile -split ',\s*') -contains '${httpsFirewallRuleProfile}') })
	if ($open.Count -eq 0) {
		# -Name makes the rule ours alone: undo removes it by that Name.
		$null = New-NetFirewallRule -Name $RuleName -DisplayName ${psQuote(httpsFirewallRuleDisplayName)} -Profile ${httpsFirewallRuleProfile} -Direction Inbound -Protocol TCP -LocalPort 5986 -Action Allow -Group 'Windows Remote Management'
		$result.firewallRule = $RuleName
	}
	$result
}
$copy = @{}
foreach ($key in $remote.Keys) { $copy[$key] = $remote[$key] }
$copy.computerName = $ComputerName
$copy
`;

export function parseListenerCreated(value: unknown): Outcome<ListenerCreated> {
	return parseWith('create-https-listener', (): ListenerCreated => {
		const object = record(value);
		const listener = listenerFrom({
			transport: object.listenerTransport,
			address: object.listenerAddress,
			port: object.listenerPort,
			hostname: object.listenerHostname,
			certificateThumbprint: object.listenerCertificateThumbprint,
			enabled: object.listenerEnabled,
			source: object.listenerSource,
		});
		const firewallRule = optionalText(object, 'firewallRule');
		return {
			output: consoleText(text(object, 'output')),
			listener,
			...(firewallRule === undefined ? {} : {firewallRule}),
		};
	});
}

export const createHttpsListener: OperationScript<ListenerCreated> = {
	name: 'create-https-listener',
	runsOn: 'hop1',
	script: createHttpsListenerScript,
	parameters: ['ComputerName', 'FirewallRuleName', 'HostName', 'CertificateThumbprint'],
	remote: true,
	parse: parseListenerCreated,
};
