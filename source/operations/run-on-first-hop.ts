// The admin's own command, run on hop 1: without CredSSP it reproduces the second hop failure,
// with -Authentication CredSSP it verifies the fix.
import {psArgument} from '../safety/names.js';

export function defaultSecondHopCommand(hop2: string): string {
	return `Get-VM -ComputerName ${psArgument(hop2)}`;
}

export function runOnFirstHopCommand(
	hop1: string,
	command: string,
	authentication: 'Default' | 'CredSSP',
): string {
	const auth = authentication === 'CredSSP' ? ' -Authentication CredSSP' : '';
	return `Invoke-Command -ComputerName ${psArgument(hop1)} -Credential $cred${auth} -ScriptBlock { ${command} }`;
}
