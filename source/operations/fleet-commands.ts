// The commands a run over many first hops shows: one Invoke-Command to all the chosen hosts at
// once, as an admin would type it (PowerShell fans out itself, -ThrottleLimit sessions at a time).
import {psQuote} from '../safety/names.js';

/** `$hosts = 'a', 'b'` then one Invoke-Command over them with this script block. */
export function fanOutCommand(
	hosts: readonly string[],
	scriptBlock: string,
	throttle: number,
	authentication: 'Default' | 'CredSSP' = 'Default',
): string {
	const auth = authentication === 'CredSSP' ? ' -Authentication CredSSP' : '';
	return [
		`$hosts = ${hosts.map(psQuote).join(', ')}`,
		`Invoke-Command -ComputerName $hosts -Credential $cred${auth} -ThrottleLimit ${throttle} -ScriptBlock { ${scriptBlock} }`,
	].join('\n');
}
