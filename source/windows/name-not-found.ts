// Which errors say that a typed computer name was not found, and which name: a typo, or a name
// DNS or Active Directory does not know. Each text is Windows' own (the lab's windows-errors.ts
// cites where each was seen); the name is read from the text, as the admin typed it.
import type {ErrorRecord} from './records.js';

const notFoundTexts: RegExp[] = [
	// WinRM from a domain member: Kerberos finds no computer by that name (NetworkPathNotFound).
	/Cannot find the computer (\S+?)\.? Verify that the computer exists on the network/,
	// WinRM without Kerberos (a workgroup client, NTLM): 0x803381B9 ComputerNotFound.
	/Connecting to remote server (\S+) failed with the following error message : The WinRM client cannot process the request because the server name cannot be resolved/,
	// Hyper-V's cmdlets (Get-VM -ComputerName, New-VHD).
	/The computer '([^']+)' could not be resolved\. Make sure you typed the machine name correctly/,
];

/** The computer name an error says was not found, or undefined when it says something else. */
export function nameNotFound(error: ErrorRecord): string | undefined {
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
