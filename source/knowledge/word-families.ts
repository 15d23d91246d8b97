// The last resort of diagnose.ts, for a text that no catalog entry matches: the words of a shell
// that is not elevated, a failed logon, a TLS failure or a network failure still say which family
// the failure is in, though not which message. The answer is always ambiguous with "unrelated":
// second inside a remote session or WinRM connection (the words may be the admin's own command
// failing), first with none in sight. Pure, no I/O.
//
// Chosen on the tune set only (issue 14): of the tune rows as each was first met (the knowledge base
// of the day before it was added), 45 remoting-framed texts matched no entry; 22 had a remoting
// cause, and these words named it for 14 (one wrong); 23 were unrelated, and 19 of those carry none
// of these words. Words printed by every WinRM client (PowerShell, winrs, pywinrm, Go, Ruby, Java,
// OMI) rather than one message: HTTP 401, "logon failure", Kerberos and its realm; SSL, TLS, x509,
// certificate; time-outs, refused and unreachable connections, failed name lookups. The elevation
// family was added later the same way (one more right of 294), and WinRM's lead-in "The WinRM
// client cannot process the request" to the logon words: cut short there (a heading quoting it),
// it begins mostly the client's refusals of a logon it cannot make (TrustedHosts, an IP address,
// an authentication mechanism, CredSSP; the reference's E1, E4, E5, E13). Not .NET's
// UnauthorizedAccessException: a path's permissions, not a logon.
import type {Entry, PhraseMatcher} from './entry.js';

/** `within`: words the text must also hold anywhere for the family to count (its setting). */
type Family = {words: RegExp; within?: RegExp; entry: Entry};

const runsHere = {runOn: 'client' as const, stage: 'first-hop' as const, notToBeConfusedWith: []};
// Matched by nothing in the catalog: an entry here only carries the words shown to the admin.
const noMatchers = {matchers: {phrases: [] as PhraseMatcher[]}};

const families: Family[] = [
	{
		// The thread's or the program's own name for it: "double hop", "second hop", credentials that
		// "could not be delegated" (Excel Services' data connection). Of the 26 tune and public texts
		// that say "double hop", 25 accept the second hop (the other is the delegation policy).
		// Not doublehop's own names: its error ids (WinRMPortNotAnswering,doublehop), configurations
		// (Doublehop.JEA), tasks and firewall rules (doublehop-revert-..., doublehop-WinRM-HTTPS-In-...).
		words:
			/\bdouble[- ]hop\b|(?<!,)\bdoublehop\b(?![.-])|\bsecond[- ]hop\b|\bcredentials could not be delegated\b/gi,
		entry: {
			id: 'words-double-hop',
			class: 'second-hop-denied',
			name: 'Words of the double hop, in a message doublehop does not know',
			cause:
				'The text names no message doublehop knows, but it speaks of the double hop itself: a command ' +
				'run on one computer reached a third one, and the first had no credential of yours to pass on.',
			nextCommand:
				'Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { <the failing command, with -Credential $using:cred> }',
			tellApart:
				"Does the failing command reach a third machine (a share, a SQL, AD or web server) from a computer you reached over the network (a remote session, a web or SQL server acting for you)? Run it directly on that computer, logged on there: if it works there, it is the double hop (the first computer had no credential of yours to pass on); if it fails there too, the words are the command's own and not a remoting problem.",
			...runsHere,
			stage: 'second-hop',
			...noMatchers,
			ordinaryInSession: true,
		},
	},
	{
		// This machine's shell: "not elevated", "an elevated process", "Run as administrator".
		words:
			/\bnot elevated\b|\belevated (?:process|session|prompt|console|shell|privileges|rights)\b|\brun as administrator\b|\brequires? elevation\b/gi,
		entry: {
			id: 'words-not-elevated',
			class: 'needs-elevation',
			name: 'Words of a shell that is not elevated, in a message doublehop does not know',
			cause:
				'The text names no message doublehop knows, but its words (not elevated, Run as ' +
				'administrator) are those of a command that needs an elevated shell on this machine: the ' +
				'WSMan and CredSSP settings, the WinRM service and its listeners are changed only from one.',
			nextCommand: 'Start-Process powershell -Verb RunAs',
			tellApart:
				'Was the PowerShell window on this machine started with "Run as administrator"? If not, start one that is and run the command again; if it was, the words are the program\'s own and not a remoting problem.',
			...runsHere,
			stage: 'preflight',
			...noMatchers,
			ordinaryInSession: true,
		},
	},
	{
		// A WMI call over DCOM that the target refused: DCE RPC's rpc_s_access_denied (wmic on Linux,
		// real-zbxwmi-6), "[WMI] ... DCOM ... Access Denied" (SCCM's driver tool,
		// real-driverautomationtool-788), WMI's WBEM_E_ACCESS_DENIED. Straight from this machine, the
		// target refused the account (second-hop-wmi-dcom's own note); before the logon words, which
		// hold "access denied" too. The CIM cmdlets are WMI's too: "Get-CimInstance : Access denied" is
		// the target refusing the call (real-icinga-powershell-plugins-25, real-vscode-remote-release-2648).
		words: /rpc_s_access_denied|wbem_e_access_denied|access[ _]denied/gi,
		within:
			/\b(?:wmi|wmic|dcom|wbem)\b|rpc_s_access_denied|wbem_e_access_denied|\b(?:(?:get|set|new|remove)-ciminstance|invoke-cimmethod|new-cimsession)\b/i,
		entry: {
			id: 'words-wmi-access-denied',
			class: 'remote-access-denied',
			name: 'Words of a WMI/DCOM call the target refused, in a message doublehop does not know',
			cause:
				'The text names no message doublehop knows, but its words (WMI or DCOM, access denied) are ' +
				'those of a WMI call the target computer refused: the account is not an administrator there, ' +
				"or lacks DCOM remote access and the WMI namespace's Remote Enable permission.",
			nextCommand: 'Get-CimInstance Win32_OperatingSystem -ComputerName <hop1> -Credential $cred',
			tellApart:
				'Run Get-CimInstance Win32_OperatingSystem -ComputerName <hop1> -Credential $cred on this machine with an account that is an administrator there. If it answers, the first account lacks the rights on the target; if this error came from inside a remote session, the first hop had no credential to pass on.',
			...runsHere,
			...noMatchers,
			ordinaryInSession: true,
		},
	},
	{
		// TrustedHosts named: 138 of the 148 tune and public texts that name it accept this class.
		// 401 only as an HTTP status (after "HTTP", "status", "code"..., before "Unauthorized", or in
		// brackets): "5986 files copied, 401 skipped" is a count, not a refused logon.
		// "credential" and "password" as words, not as a flag or a name in a command line
		// (-Credential, -vm-password, UseDefaultCredentials: real-windows-stemcell-concourse-30).
		// "account restriction(s)": Windows' own words for a logon it refuses by policy (a Protected
		// Users member where NTLM or delegation is tried, logon hours), ERROR_ACCOUNT_RESTRICTION's
		// "Account restrictions are preventing this user from signing in" and RDP's "A user account
		// restriction ... is preventing you from logging on".
		words:
			/(?<=(?:http|status|code|response|error|returned|reason)[^\n\d]{0,25})(?<![a-z\d.])401(?![\d.])|(?<![a-z\d.])401(?=[ \t:-]*unauthori)|\(401\)|unauthori[sz]ed(?!access)|(?<!un)authori[sz]ed|authori[sz]ation|log[io]n[ _]?failure|authenticat\w*|(?<![-\w])credentials?(?![a-z])|kerberos|realm(?![a-z])|trusted ?hosts?\b|security error|winrm client cannot process the request|ntlm|negotiate|(?<![-\w])password|access[ _]denied|account restrictions?/gi,
		entry: {
			id: 'words-logon-failure',
			class: 'trustedhosts-or-auth',
			name: 'Words of a failed logon, in a message doublehop does not know',
			cause:
				'The text names no message doublehop knows, but its words (HTTP 401, logon failure, Kerberos, ' +
				'credentials) are those of a logon the first hop refused: a wrong password, a name outside ' +
				'the domain or an IP address not in TrustedHosts, an authentication method the service does ' +
				'not offer.',
			nextCommand: 'Test-WSMan -ComputerName <hop1> -Authentication Negotiate -Credential $cred',
			tellApart:
				"Run Test-WSMan -ComputerName <hop1> -Authentication Negotiate -Credential $cred on this machine. If it fails to log on, authentication to the first hop failed; if it answers, the words are the command's own and not a remoting problem.",
			...runsHere,
			...noMatchers,
			ordinaryInSession: true,
		},
	},
	{
		words: /\b(?:ssl|tls|x\.?509|certificates?|handshake|ssl_connect)\b/gi,
		entry: {
			id: 'words-tls-failure',
			class: 'https-listener',
			name: 'Words of a TLS failure, in a message doublehop does not know',
			cause:
				'The text names no message doublehop knows, but its words (SSL, TLS, certificate) are those ' +
				'of an HTTPS connection that failed: no HTTPS listener on 5986, or a certificate this machine does not trust or whose name is not the one it connected to.',
			nextCommand: 'Test-WSMan -ComputerName <hop1> -UseSSL',
			tellApart:
				"Run Test-WSMan -ComputerName <hop1> -UseSSL on this machine. If it fails with a certificate or SSL error, the first hop's HTTPS listener or its certificate does not fit; if it answers, the words are the command's own and not a remoting problem.",
			...runsHere,
			...noMatchers,
			ordinaryInSession: true,
		},
	},
	{
		// Not a bare "unreachable": Ansible marks every failed connection `"unreachable": true`,
		// a refused logon too. Win32's ERROR_OPERATION_ABORTED (995) is a connection cut under a
		// running command (real-cisa-sparrow-40, Exchange Online's session; test-kitchen/kitchen-ec2#358).
		words:
			/timed? ?out|timeout|i\/o operation has been aborted|connection refused|refused the connection|(?:network|host) is unreachable|\bis unreachable\b|host unreachable|no route to host|name or service not known|could not resolve|no such host|getaddrinfo|connection reset|econnrefused|etimedout|enotfound|ehostunreach|max retries exceeded/gi,
		entry: {
			id: 'words-network-failure',
			class: 'unreachable',
			name: 'Words of a network failure, in a message doublehop does not know',
			cause:
				'The text names no message doublehop knows, but its words (a time-out, a refused connection, ' +
				'a name that does not resolve) are those of a first hop that could not be reached on the ' +
				'WinRM port.',
			nextCommand: 'Test-NetConnection -ComputerName <hop1> -Port 5985',
			tellApart:
				"Run Test-NetConnection -ComputerName <hop1> -Port 5985 (5986 for HTTPS) on this machine. If TcpTestSucceeded is False, the first hop cannot be reached; if it is True, the words are the command's own and not a remoting problem.",
			...runsHere,
			...noMatchers,
			ordinaryInSession: true,
		},
	},
];

export type FamilyAnswer = {
	/** The family's entry: its class is the cause first guessed. */
	entry: Entry;
	/** Where the family's words are, in the text: what to mark. */
	found: {start: number; end: number; text: string}[];
};

/** The first family (double hop, elevation, WMI, logon, TLS, then network: most specific first) whose words the text has. */
export function wordFamily(text: string): FamilyAnswer | undefined {
	for (const family of families) {
		if (family.within !== undefined && !family.within.test(text)) continue;
		const found = [...text.matchAll(family.words)].map((match) => ({
			start: match.index,
			end: match.index + match[0].length,
			text: match[0],
		}));
		if (found.length > 0) return {entry: family.entry, found};
	}
	return undefined;
}
