import {psArgument} from '../safety/names.js';

export function listCertificatesCommand(hop1: string): string {
	return `Invoke-Command -ComputerName ${psArgument(hop1)} -Credential $cred -ScriptBlock { Get-ChildItem Cert:\\LocalMachine\\My }`;
}
