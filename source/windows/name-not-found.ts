// Which errors say that a typed computer name was not found, and which name: a typo, or a name
// DNS or Active Directory does not know. WinRM's say it by their id, and name the computer they were
// opened to; the English texts (the lab's windows-errors.ts cites where each was seen) are read for
// records with no such id (Hyper-V's), the name as the admin typed it.
import type {ErrorRecord} from './records.js';

const notFoundTexts: RegExp[] = [
	// WinRM from a domain member: Kerberos finds no computer by that name (NetworkPathNotFound).
	/Cannot find the computer (\S+?)\.? Verify that the computer exists on the network/,
	// WinRM without Kerberos (a workgroup client, NTLM): 0x803381B9 ComputerNotFound.
	/Connecting to remote server (\S+) failed with the following error message : The WinRM client cannot process the request because the server name cannot be resolved/,
	// Hyper-V's cmdlets (Get-VM -ComputerName, New-VHD).
	/The computer '([^']+)' could not be resolved\. Make sure you typed the machine name correctly/,
];

/**
 * WinRM's "no such name" codes, as the id PowerShell gives them (reference 2.2): 0x803381B9
 * ComputerNotFound (DNS) and 53 NetworkPathNotFound (Kerberos). The same in every display
 * language, where the texts above are not ("找不到電腦 pmd", fixtures/localised).
 */
const notFoundIds = ['ComputerNotFound', 'NetworkPathNotFound'];

/** The name a failed connection was opened to: its target, else the `[name]` PowerShell puts first. */
function connectionName(error: ErrorRecord): string | undefined {
	const target = error.targetObject;
	// New-PSSession's target is the runspace, not the name.
	if (target !== undefined && target !== '' && !target.endsWith('.RemoteRunspace')) return target;
	return /^\[([^\]\s]+)\] /.exec(error.message)?.[1];
}

/** The computer name an error says was not found, or undefined when it says something else. */
export function nameNotFound(error: ErrorRecord): string | undefined {
	if (notFoundIds.includes(error.fullyQualifiedErrorId.split(',')[0] ?? '')) {
		const name = connectionName(error);
		if (name !== undefined) return name;
	}
	const text = error.message.replace(/\s+/g, ' ');
	for (const pattern of notFoundTexts) {
		const name = pattern.exec(text)?.[1];
		if (name !== undefined) return name;
	}
	return undefined;
}

/** Names compare as Windows compares them: without regard to case, and a trailing dot ignored. */
export function sameComputerName(a: string, b: string): boolean {
	const plain = (name: string) => name.toLowerCase().replace(/\.$/, '');
	return plain(a) === plain(b);
}
