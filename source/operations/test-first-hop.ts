// First hop: can this machine open a session on hop 1 with these credentials?
import {psArgument} from '../safety/names.js';

export function testFirstHopCommand(hop1: string): string {
	return `Invoke-Command -ComputerName ${psArgument(hop1)} -Credential $cred -ScriptBlock { [System.Net.Dns]::GetHostEntry('').HostName }`;
}
