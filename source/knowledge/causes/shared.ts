// Matchers and texts that several cause classes share.
import {
	hresult,
	placePhrase,
	supporting,
	type PatternMatcher,
	type PhraseMatcher,
} from '../entry.js';

export const winrmPort: PatternMatcher = {
	regex: /port[=: ]+598[56]\b/,
	weight: supporting,
	what: 'WinRM port',
	place: true,
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

// The frame every PowerShell remoting error carries, whatever the display language (the help topic
// name and the exception type stay English: RemotingErrorIdStrings.resx, "... see the
// about_Remote_Troubleshooting Help topic"). Alone it names nothing; beside a generic Windows text
// (a Win32 or .NET message any program can print, weighted `network`) it says the text came from
// remoting, which is what lets that text name a cause. Like a port, it says where the failure
// happened, not what failed (placePhrase): one matcher short of an entry, the words of what failed
// come first (real-ansible-13416).
export const remotingFrame: PhraseMatcher[] = [
	placePhrase('about_Remote_Troubleshooting', 1),
	placePhrase('PSRemotingTransportException', 1),
	// pywinrm's and pypsrp's CredSSP transport (https://github.com/jborean93/requests-credssp), named in
	// the exceptions it raises: the same frame for a Python WinRM client.
	placePhrase('requests_credssp', 1),
];

// The same for WinRM clients that are not PowerShell: pywinrm's WinRMTransportError (Ansible prints
// "WINRM CONNECTION ERROR: 500 WinRMTransport."), and the WS-Management endpoint path /wsman
// (https://github.com/ansible/ansible/issues/10294, https://github.com/saltstack/salt/issues/60281).
export const winrmClientFrame: PhraseMatcher[] = [
	// Any mention of WinRM beside the error (salt-cloud's "winrm failing with : [SSL: ...]",
	// https://github.com/saltstack/salt/issues/34783).
	placePhrase('WinRM', 1),
	placePhrase('WinRMTransport', 1),
	placePhrase('/wsman', 1),
];
