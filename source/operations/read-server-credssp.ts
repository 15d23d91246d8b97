// Reads hop 1's CredSSP service state and the policy that may own it.
import {psArgument} from '../safety/names.js';

export function readServerCredSspCommand(hop1: string): string {
	return `Invoke-Command -ComputerName ${psArgument(hop1)} -Credential $cred -ScriptBlock { Get-Item WSMan:\\localhost\\Service\\Auth\\CredSSP }`;
}
