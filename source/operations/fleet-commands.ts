// The commands a run over many first hops shows: one Invoke-Command to all the chosen hosts at
// once, as an admin would type it (PowerShell fans out itself, -ThrottleLimit sessions at a time).
// Hosts that answer only on 5986 get a second one with -UseSSL, which sets one scheme for every
// -ComputerName of a call (PowerShell's PSRemotingCmdlet.cs, CreateHelpersForSpecifiedComputerNames).
import {psQuote} from '../safety/names.js';

/** `$hosts = 'a', 'b'` then one Invoke-Command over them; `$httpsHosts` likewise with -UseSSL. */
export function fanOutCommand(
	hosts: readonly string[],
	scriptBlock: string,
	throttle: number,
	authentication: 'Default' | 'CredSSP' = 'Default',
	overHttps: readonly string[] = [],
): string {
	const auth = authentication === 'CredSSP' ? ' -Authentication CredSSP' : '';
	const https = new Set(overHttps.map((name) => name.toLowerCase()));
	const groups: [string, string, string[]][] = [
		['$hosts', '', hosts.filter((name) => !https.has(name.toLowerCase()))],
		['$httpsHosts', ' -UseSSL', hosts.filter((name) => https.has(name.toLowerCase()))],
	];
	return groups
		.filter(([, , names], index) => names.length > 0 || (index === 0 && https.size === 0))
		.flatMap(([variable, ssl, names]) => [
			`${variable} = ${names.map(psQuote).join(', ')}`,
			`Invoke-Command -ComputerName ${variable}${ssl} -Credential $cred${auth} -ThrottleLimit ${throttle} -ScriptBlock { ${scriptBlock} }`,
		])
		.join('\n');
}
