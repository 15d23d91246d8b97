// Matchers and texts that several cause classes share.
import {hresult, supporting, type PatternMatcher} from '../entry.js';

export const winrmPort: PatternMatcher = {
	regex: /port[=: ]+598[56]\b/,
	weight: supporting,
	what: 'WinRM port',
};

// Shared tail of E1 and E2 (T-AFC): both messages end with it, so alone it cannot tell them apart.
export const allowDelegatingFreshTail =
	'Credentials Delegation -> Allow Delegating Fresh Credentials';

export const accessDeniedHresult = hresult('0x80070005', supporting);

export const explicitInnerCredential =
	'The first hop holds no credential it can pass on (Kerberos gave it a ticket for itself only, NTLM ' +
	'gives it nothing), so its connection to the second hop is refused or made anonymously.';

export const elevate = 'Start-Process powershell -Verb RunAs';

// A 5.1 error block raised inside Invoke-Command: the message, then + CategoryInfo and
// + FullyQualifiedErrorId, then + PSComputerName naming the first hop (on the spaced view).
export function remoteErrorBlock(message: string): RegExp {
	return new RegExp(
		`(?<message>${message})\\.?(?: for more information, see the about_remote_troubleshooting help topic\\.)?` +
			' \\+ categoryinfo ?:[^+]*\\+ fullyqualifiederrorid ?:[^+]*\\+ (?<where>pscomputername) ?:',
	);
}
