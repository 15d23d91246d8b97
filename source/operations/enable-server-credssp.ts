// Server side of the fix, run on hop 1 through a normal (Kerberos/NTLM) session.
import {psArgument} from '../safety/names.js';

export const enableServerCredSspScriptBlock = 'Enable-WSManCredSSP -Role Server -Force';

export function enableServerCredSspCommand(hop1: string): string {
	return `Invoke-Command -ComputerName ${psArgument(hop1)} -Credential $cred -ScriptBlock { ${enableServerCredSspScriptBlock} }`;
}
