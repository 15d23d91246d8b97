import {psArgument} from '../safety/names.js';

export function listListenersCommand(hop1: string): string {
	return `Invoke-Command -ComputerName ${psArgument(hop1)} -Credential $cred -ScriptBlock { winrm enumerate winrm/config/listener }`;
}
