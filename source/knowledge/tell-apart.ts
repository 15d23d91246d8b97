// How to tell the first two causes of an ambiguous answer apart (issue 14, item 2): one check per
// cause, something the admin can look at or run. An entry's own `tellApart` question comes first;
// these cover entries without one. Paths and settings are those of the domain reference
// (/work/shared/reference/powershell-remoting.md); no Windows message is quoted. Pure, no I/O.
import type {Leaning} from './context.js';
import {causeNames, type CauseId, type Entry} from './entry.js';

const noRemoteSessionQuestion =
	'Did this error come from a command run in a remote session (Invoke-Command, Enter-PSSession, a ' +
	"WinRM tool such as Ansible)? If not, these words are the program's own and not a remoting or " +
	'double-hop problem: doublehop cannot fix it.';

const checks: Record<Exclude<CauseId, 'unrelated'>, string> = {
	'second-hop-denied':
		'does the failing command reach a third machine from inside the remote session (a \\\\server\\share ' +
		'path, -ComputerName or -Server inside the script block, a SQL or AD server)?',
	'remote-access-denied':
		'does it fail as the session opens, before any command runs (an account in neither ' +
		'Administrators nor Remote Management Users on the first hop)?',
	'needs-elevation':
		'did it run on this machine, in a console not started with "Run as administrator"?',
	'credssp-client-disabled': 'on this machine, is WSMan:\\localhost\\Client\\Auth\\CredSSP false?',
	'credssp-server-disabled':
		'on the first hop, is WSMan:\\localhost\\Service\\Auth\\CredSSP false?',
	'credential-required': 'did the command ask for -Authentication CredSSP without -Credential?',
	'gpo-controlled':
		'is the setting set under HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows (WinRM or ' +
		'CredentialsDelegation), so that a local change does not stick?',
	'delegation-policy':
		'on this machine, does HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\' +
		'AllowFreshCredentials lack a WSMAN/ entry matching the first hop?',
	'not-trusted-for-delegation':
		'is the first hop reached by IP address or from outside its domain, so that only NTLM ' +
		'authenticates it (the NTLM-only server authentication policy)?',
	'encryption-oracle':
		'was only one of the two machines updated for CVE-2018-0886 (the Encryption Oracle ' +
		'Remediation policy, AllowEncryptionOracle)?',
	unreachable:
		"does Test-WSMan with the first hop's name fail from this machine (name, network, firewall, " +
		'port 5985 or 5986)?',
	'trustedhosts-or-auth':
		'does Test-WSMan answer, but logging on fails (a machine outside the domain or reached by IP ' +
		'and not in TrustedHosts, a wrong password, a missing WSMAN SPN)?',
	'https-listener':
		"is the connection over HTTPS (-UseSSL, port 5986), and does the first hop's HTTPS listener or " +
		'its certificate not fit (winrm enumerate winrm/config/listener on the first hop)?',
	'local-winrm-stopped': 'on this machine, is the WinRM service stopped (Get-Service WinRM)?',
	'runas-password':
		'does the error name RunAs (registering a RunAs session configuration, or opening a session to ' +
		"one), and did that account's password change or was it mistyped?",
};

// The second hop or "unrelated", for a command seen to run in a remote session and reach another
// computer: whether it came from a session is known; one try tells whether that computer refuses
// the session's missing credentials or the account itself.
const secondHopOrItsOwn =
	'The command ran in a remote session and reached another computer. Does it work inside the ' +
	'session with an explicit credential (-Credential $using:cred), or run from this machine straight ' +
	`to that computer? Then the session had no credentials to pass on: ${causeNames['second-hop-denied']}. ` +
	'Does it fail the same way there too? Then that computer refuses the account itself, or has no ' +
	`such object: ${causeNames.unrelated.toLowerCase()}.`;

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** One cause's check, as a question and what a yes means. */
const checkFor = (cause: Exclude<CauseId, 'unrelated'>) =>
	`${capitalised(checks[cause])} Then: ${causeNames[cause]}.`;

/**
 * The question that tells the first two causes apart: the entry's own, else one check for each.
 * `lean`: where the context says the command ran (a remote session is then not asked about).
 */
export function separatingQuestion(
	best: Entry,
	causes: readonly CauseId[],
	lean: Leaning = {},
): string {
	const firstTwo = causes.slice(0, 2);
	const own = best.tellApart;
	const other = firstTwo.find((cause) => cause !== 'unrelated');
	if (firstTwo.includes('unrelated')) {
		// Seen in a session, so asking whether it came from one would be beside the point.
		if (best.ordinaryInSession === true && own !== undefined) return own;
		if (other === 'second-hop-denied' && lean.inSession !== undefined) return secondHopOrItsOwn;
		const check = own ?? (other === undefined ? undefined : checkFor(other));
		return [noRemoteSessionQuestion, check].filter((part) => part !== undefined).join(' ');
	}
	if (own !== undefined) return own;
	return eachCheck(firstTwo);
}

/** One check for each of the first two causes, "unrelated" aside: for an order the context chose. */
export function eachCheck(causes: readonly CauseId[]): string {
	return causes
		.slice(0, 2)
		.filter((cause): cause is Exclude<CauseId, 'unrelated'> => cause !== 'unrelated')
		.map(checkFor)
		.join(' Or: ');
}
