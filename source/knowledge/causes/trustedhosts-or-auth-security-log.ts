// Cause class trustedhosts-or-auth as the first hop's Security log records it: a pasted audit event
// rather than a client's error. Kept apart from trustedhosts-or-auth.ts, which holds the clients' texts.
import {enough, type Entry} from '../entry.js';

export const trustedhostsOrAuthSecurityLog: Entry[] = [
	{
		id: 'failed-network-logon-event',
		class: 'trustedhosts-or-auth',
		// Generic: Remote Desktop with NLA and SMB log the same event, so with no remote session in sight
		// "not a remoting problem" is ranked beside it.
		generic: true,
		name: 'The Security log shows a failed network logon (event 4625)',
		cause:
			'The computer that logged the event refused a network logon: the account, its password, its ' +
			'domain or the authentication package (NTLM, Kerberos) did not work. When the logon came from ' +
			'your WinRM client, the first hop refused to authenticate you; the Status and Sub Status codes ' +
			'of the event say why.',
		notToBeConfusedWith: [
			{
				entry: 'first-hop-access-denied',
				howToTell:
					'a logon that succeeded (event 4624) followed by "Access is denied" is the account being refused.',
			},
		],
		nextCommand:
			'Test-WSMan -ComputerName <hop1> -Authentication Negotiate -Credential (Get-Credential)',
		runOn: 'client',
		stage: 'targets',
		reference: 'fixtures',
		// The event's own failure reason ("Unknown user name or bad password.", STATUS_LOGON_FAILURE)
		// is what logon-failure recognises in a client's error; inside the event it is this entry.
		supersedes: ['logon-failure'],
		matchers: {
			phrases: [],
			patterns: [
				{
					// Event 4625's text with its logon type 3, network ("4625(F): An account failed to log
					// on", learn.microsoft.com, windows/security/threat-protection/auditing/event-4625; a WinRM
					// client's logon is a network logon: https://github.com/cloudsoft/winrm4j/issues/124).
					regex: /(?<event>an account failed to log on)\.?[^]{0,300}?(?<type>logon type: ?3)\b/,
					weight: enough,
					what: 'a failed network logon (event 4625, logon type 3)',
				},
			],
		},
	},
];
