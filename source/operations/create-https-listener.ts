// HTTPS listener on hop 1. quickconfig picks a certificate itself and refuses unless one has a
// CN matching the host name, Server Authentication, and is not expired, revoked or self-signed.
import type {ErrorRecord, ListenerCreated, Outcome} from '../windows/records.js';
import {psQuote} from '../safety/names.js';
import {listenerFrom} from './list-listeners.js';
import {shownOnFirstHop, type OperationScript} from './operation.js';
import {consoleText, integer, optionalText, parseWith, record, text} from './parse.js';

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

export function createHttpsListenerCommands(hop1: string, firewallRule: string): string[] {
	return [
		shownOnFirstHop(hop1, 'winrm quickconfig -transport:https -quiet'),
		shownOnFirstHop(
			hop1,
			`New-NetFirewallRule -Name ${psQuote(firewallRule)} -DisplayName ${psQuote(httpsFirewallRuleDisplayName)} -Profile ${httpsFirewallRuleProfile} -Direction Inbound -Protocol TCP -LocalPort 5986 -Action Allow -Group 'Windows Remote Management'`,
		),
	];
}

const createHttpsListenerScript = String.raw`param([string]$ComputerName, $Session, [string]$FirewallRuleName)
$ErrorActionPreference = 'Stop'
$remote = Invoke-Command -Session $Session -ArgumentList $FirewallRuleName -ScriptBlock {
	param([string]$RuleName)
	# winrm.cmd reports failure on stderr and in its exit code; Windows PowerShell would turn
	# redirected stderr into a terminating error under 'Stop', so collect the text first.
	$ErrorActionPreference = 'Continue'
	$lines = @(winrm quickconfig -transport:https -quiet 2>&1 | ForEach-Object {
		if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.Exception.Message } else { [string]$_ }
	})
	$result = @{output = ($lines -join [Environment]::NewLine); exitCode = [int]$LASTEXITCODE}
	if ($result.exitCode -ne 0) { return $result }
	$ErrorActionPreference = 'Stop'
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

/** quickconfig's failure as PowerShell reports the native command's error on hop 1. */
export function quickconfigFailure(output: string, computerName: string): ErrorRecord {
	const lines = consoleText(output)
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '');
	// "Error number:  -2144108267 0x80338115": the words are localised ("エラー番号:"), the two
	// numbers are not.
	const numbered = /^\S.*?\s(-\d+)\s+0x[0-9A-Fa-f]{8}$/;
	const number = lines.map((line) => numbered.exec(line)).find((match) => match !== null);
	const message =
		lines.filter((line) => !numbered.test(line)).at(-1) ?? 'winrm quickconfig failed.';
	return {
		message,
		fullyQualifiedErrorId: 'NativeCommandError',
		categoryInfo: 'NotSpecified: (WSManFault:String) [], RemoteException',
		exceptionType: 'System.Management.Automation.RemoteException',
		...(number?.[1] === undefined ? {} : {hresult: Number(number[1])}),
		psComputerName: computerName,
	};
}

export function parseListenerCreated(value: unknown): Outcome<ListenerCreated> {
	const parsed = parseWith('create-https-listener', () => {
		const object = record(value);
		const output = text(object, 'output');
		if (integer(object, 'exitCode') !== 0) {
			return {
				kind: 'failed' as const,
				error: quickconfigFailure(output, text(object, 'computerName')),
			};
		}
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
		const created: ListenerCreated = {
			output: consoleText(output),
			listener,
			...(firewallRule === undefined ? {} : {firewallRule}),
		};
		return {kind: 'created' as const, created};
	});
	if (!parsed.ok) return parsed;
	const result = parsed.value;
	return result.kind === 'failed'
		? {ok: false, error: result.error}
		: {ok: true, value: result.created};
}

export const createHttpsListener: OperationScript<ListenerCreated> = {
	name: 'create-https-listener',
	runsOn: 'hop1',
	script: createHttpsListenerScript,
	parameters: ['ComputerName', 'FirewallRuleName'],
	remote: true,
	parse: parseListenerCreated,
};
