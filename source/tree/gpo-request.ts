// When Group Policy owns a setting the fix needs, doublehop changes nothing and writes the request
// for the GPO's owner instead: the exact entry, the policy as gpedit.msc names it, and the registry
// values the policy writes, ready to paste into a ticket. The values are those Enable-WSManCredSSP
// writes to the local GPO (CredSSP.cs: AllowFreshCredentials = 1, ConcatenateDefaults_AllowFresh
// = 1, and REG_SZ values 1, 2, ... in the AllowFreshCredentials key).
import type {ClientCredSsp, ServerCredSsp} from '../windows/records.js';
import {coverage} from '../windows/delegation.js';
import {policyPaths} from '../windows/policy-paths.js';

const delegationKey = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation';
const ticket = 'Request for the GPO owner (paste into a ticket):';

/** The list a request adds to: "Allow delegating fresh credentials", or its NTLM-only sibling. */
const lists = {
	allowFresh: {
		title: 'Allow delegating fresh credentials',
		policyPath: policyPaths.allowFreshCredentials.policyPath,
		values: ['AllowFreshCredentials', 'ConcatenateDefaults_AllowFresh'],
		key: 'AllowFreshCredentials',
		check: (hop1: string) => `Get-WSManCredSSP lists wsman/${hop1}`,
	},
	ntlmOnly: {
		title: 'Allow delegating fresh credentials with NTLM-only server authentication',
		policyPath: policyPaths.allowFreshCredentialsNtlmOnly.policyPath,
		values: ['AllowFreshCredentialsWhenNTLMOnly', 'ConcatenateDefaults_AllowFreshNTLMOnly'],
		key: 'AllowFreshCredentialsWhenNTLMOnly',
		check: (hop1: string) =>
			`Get-ItemProperty '${delegationKey.replace('HKLM', 'HKLM:')}\\AllowFreshCredentialsWhenNTLMOnly' lists wsman/${hop1}`,
	},
};

function allowEntry(
	client: string,
	hop1: string,
	present: readonly string[],
	list: (typeof lists)[keyof typeof lists] = lists.allowFresh,
): string[] {
	const entry = `WSMAN/${hop1}`;
	const kept = present.length === 0 ? '' : `, keeping its present entries (${present.join(', ')})`;
	const [allow, concatenate] = list.values;
	return [
		`${ticket} on ${client}, add ${entry} to "${list.title}"${kept}. ${entry} is the name as it is typed in -ComputerName; WSMAN/*.<domain> would cover every computer of that domain.`,
		`Policy: ${list.policyPath}: Enabled, with ${entry} in its list of servers.`,
		`Registry it writes: ${delegationKey}: ${allow} = 1 (DWORD), ${concatenate} = 1 (DWORD); ${delegationKey}\\${list.key}\\${present.length + 1} = ${entry} (REG_SZ).`,
		`Then, on ${client}: gpupdate /force; ${list.check(hop1)}; run doublehop again.`,
	];
}

function allowCredSsp(machine: string, side: 'Client' | 'Service'): string[] {
	const {policyPath, registryPath} =
		side === 'Client' ? policyPaths.clientAllowCredSsp : policyPaths.serviceAllowCredSsp;
	return [
		`${ticket} on ${machine}, set the WinRM ${side} policy "Allow CredSSP authentication" to Enabled (or Not Configured).`,
		`Policy: ${policyPath}: Enabled.`,
		`Registry it writes: ${registryPath} = 1 (DWORD).`,
		`Then, on ${machine}: gpupdate /force; run doublehop again.`,
	];
}

function clientRequest(client: ClientCredSsp, hop1: string, clientName: string): string[] {
	if (client.policyAllowCredSsp?.value === false) return allowCredSsp(clientName, 'Client');
	if (client.policyDelegationDisabled !== undefined) return allowEntry(clientName, hop1, []);
	const deny = client.policyDenyDelegation?.value ?? [];
	const denied = coverage(deny, hop1);
	if (denied.covered) {
		const number = deny.indexOf(denied.entry) + 1;
		return [
			`${ticket} on ${clientName}, remove ${denied.entry} from "Deny delegating fresh credentials" (or list the computers it should deny by name): it covers WSMAN/${hop1}, and a deny entry wins over any allow entry.`,
			`Policy: ${policyPaths.denyFreshCredentials.policyPath}.`,
			`Registry it writes: ${delegationKey}\\DenyFreshCredentials\\${number} = ${denied.entry} (REG_SZ).`,
			`Then, on ${clientName}: gpupdate /force; run doublehop again.`,
		];
	}
	const list = client.policyDelegation?.value;
	if (list !== undefined && !coverage(list, hop1).covered)
		return allowEntry(clientName, hop1, list);
	return [];
}

/** An NTLM session reads the NTLM-only list: a domain GPO's that lacks the first hop. */
function ntlmOnlyRequest(client: ClientCredSsp, hop1: string, clientName: string): string[] {
	if (client.policyAllowCredSsp?.value === false) return allowCredSsp(clientName, 'Client');
	const list = client.policyNtlmOnlyDelegation?.value;
	if (list !== undefined && !coverage(list, hop1).covered)
		return allowEntry(clientName, hop1, list, lists.ntlmOnly);
	return [];
}

/**
 * The request for each setting a GPO owns, on this machine (`clientName`) and on the first hop.
 * `ntlm`: the session to the first hop is NTLM, so the NTLM-only list is the one that counts.
 */
export function gpoRequest(
	client: ClientCredSsp,
	server: ServerCredSsp,
	hop1: string,
	clientName: string,
	ntlm = false,
): string[] {
	return [
		...(ntlm ? ntlmOnlyRequest(client, hop1, clientName) : clientRequest(client, hop1, clientName)),
		...(server.policyAllowCredSsp?.value === false ? allowCredSsp(hop1, 'Service') : []),
	];
}
