// HTTPS listener on hop 1. quickconfig picks a certificate itself and refuses unless one has a
// CN matching the host name, Server Authentication, and is not expired, revoked or self-signed.
import {psArgument} from '../safety/names.js';

export const httpsFirewallRuleName = 'Windows Remote Management (HTTPS-In)';

export function createHttpsListenerCommands(hop1: string): string[] {
	const on = `Invoke-Command -ComputerName ${psArgument(hop1)} -Credential $cred -ScriptBlock`;
	return [
		`${on} { winrm quickconfig -transport:https -quiet }`,
		`${on} { New-NetFirewallRule -DisplayName '${httpsFirewallRuleName}' -Direction Inbound -Protocol TCP -LocalPort 5986 -Action Allow -Group 'Windows Remote Management' }`,
	];
}
