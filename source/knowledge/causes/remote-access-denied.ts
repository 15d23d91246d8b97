// Cause class remote-access-denied: the entries that recognise it.
import {
	decisive,
	enough,
	hresult,
	phrase,
	strong,
	supporting,
	win32,
	type Entry,
} from '../entry.js';
import {accessDeniedHresult} from './shared.js';

export const remoteAccessDenied: Entry[] = [
	{
		id: 'first-hop-access-denied',
		class: 'remote-access-denied',
		name: 'The first hop refused the remote session',
		cause:
			'The first hop accepted the connection but refused your account: it is not an administrator there, ' +
			'not in Remote Management Users, not allowed by the session configuration (Set-PSSessionConfiguration), ' +
			'or denied the network logon right. For a local administrator account, UAC remote restrictions ' +
			'(LocalAccountTokenFilterPolicy) have the same effect.',
		notToBeConfusedWith: [
			{
				entry: 'second-hop-hyperv',
				howToTell:
					'an error from a command inside the session (no "Connecting to remote server" prefix, ' +
					'+ PSComputerName present) is the second hop.',
			},
			{
				entry: 'wsman-cmdlet-not-elevated',
				howToTell:
					'"You need to run this cmdlet from an elevated process" is this shell, not the first hop.',
			},
			{
				entry: 'kerberos-access-denied',
				howToTell:
					'"The WinRM client tried to use Kerberos ... returned an \'access denied\' error" is an authentication problem.',
			},
		],
		nextCommand:
			'Get-PSSessionConfiguration -Name Microsoft.PowerShell | Format-List Name, Permission',
		runOn: 'hop1',
		stage: 'first-hop',
		reference: '2.1, 2.2',
		alternatives: ['needs-elevation', 'trustedhosts-or-auth'],
		matchers: {
			phrases: [
				phrase('failed with the following error message : Access is denied', decisive),
				// Japanese Windows; github.com/MicrosoftDocs/OfficeDocs-Enterprise/issues/237
				phrase(
					'への接続に失敗し、次のエラー メッセージが返されました: アクセスが拒否されました',
					decisive,
					'ja',
				),
				phrase('failed with the following error message : Authorization failed', strong),
				phrase('The authorization of this user failed', strong),
				phrase('The user has not been granted the requested logon type at this computer', strong),
				phrase('NT AUTHORITY\\NETWORK AccessDenied', supporting),
			],
			fqids: [
				{id: 'AccessDenied,PSSessionStateBroken', weight: decisive},
				{id: 'AccessDenied,PSSessionOpenFailed', weight: decisive},
			],
			exceptions: [{type: 'PSRemotingTransportException', weight: 1}],
			patterns: [
				{
					// A session to localhost raised on localhost (a DSC resource, a scheduled script): no
					// second machine is involved, so the refusal is this computer's own WinRM refusing the
					// account, not a second hop (https://github.com/PowerShell/PSPrivateGallery/issues/41).
					regex:
						/connecting to remote server (?<where>localhost|127\.0\.0\.1) failed with the following error message ?: ?(?<message>access is denied)[^+]*(?:\+ [a-z]+ ?:[^+]*){0,3}\+ pscomputername ?: ?(?:localhost|127\.0\.0\.1)\b/,
					weight: decisive,
					what: 'a session to localhost refused, raised on localhost',
				},
			],
		},
	},
	{
		id: 'remote-service-manager-not-admin',
		class: 'remote-access-denied',
		name: "The first hop's service manager refuses this account",
		cause:
			'A command run in a remote session (Enter-PSSession, Invoke-Command, an Ansible module) could not ' +
			"open that computer's own Service Control Manager. A network logon that is not an administrator " +
			'there gets only SC_MANAGER_CONNECT ("Service Security and Access Rights", learn.microsoft.com), so ' +
			'the session opens (Remote Management Users) but listing or changing services is refused. The ' +
			'account needs to be an administrator of that computer; elevating this shell changes nothing.',
		notToBeConfusedWith: [
			{
				entry: 'local-winrm-service',
				howToTell:
					'the same words in a local shell (no remote prompt, no + PSComputerName, no Ansible FAILED!) ' +
					'are this shell not being elevated.',
			},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { whoami /groups }',
		runOn: 'client',
		stage: 'first-hop',
		reference: 'fixtures',
		supersedes: ['local-winrm-service'],
		matchers: {
			phrases: [],
			// "computer '.'" is the computer the command ran on; the marks around it say that was a
			// remote session: Ansible's FAILED! (ansible-collections/ansible.windows#692), a
			// [host]: PS prompt, or + PSComputerName after the record.
			patterns: [
				{
					regex:
						/(?:failed! => \{|^\[[^\]]+\]: ps |\s\[[^\]]+\]: ps )[^]*?cannot open service control manager on computer '\.'/,
					weight: strong,
					what: "a remote session's own Service Control Manager",
				},
				{
					regex:
						/cannot open service control manager on computer '\.'[^]*?\+ pscomputername ?: ?\S/,
					weight: strong,
					what: "a remote session's own Service Control Manager",
				},
			],
		},
	},
	{
		id: 'exchange-no-management-role',
		class: 'remote-access-denied',
		name: 'The remote PowerShell endpoint gives this account no role',
		cause:
			'The endpoint (Exchange, Exchange Online) accepted the logon but the account holds no management ' +
			'role there, so it may not open a session.',
		notToBeConfusedWith: [
			{
				entry: 'logon-failure',
				howToTell: 'a wrong password fails before the account is identified.',
			},
		],
		nextCommand: 'Get-ManagementRoleAssignment -RoleAssignee <user>',
		runOn: 'where-it-failed',
		stage: 'first-hop',
		reference: 'fixtures',
		matchers: {
			phrases: [phrase("isn't assigned to any management roles", strong)],
		},
	},
	{
		id: 'wac-credssp-administrators',
		class: 'remote-access-denied',
		name: 'Windows Admin Center could not enable CredSSP for this user',
		cause:
			'Windows Admin Center enables CredSSP through an endpoint that only members of the local group ' +
			'"Windows Admin Center CredSSP Administrators" may use. Add the user, then sign in again.',
		notToBeConfusedWith: [
			{
				entry: 'client-credssp-disabled',
				howToTell:
					'that one is WinRM itself saying CredSSP is off; this is the gateway refusing the user.',
			},
		],
		nextCommand:
			"Add-LocalGroupMember -Group 'Windows Admin Center CredSSP Administrators' -Member <user>",
		runOn: 'client',
		stage: 'client',
		reference: '5',
		matchers: {
			phrases: [phrase("Couldn't enable CredSSP delegation", strong)],
		},
	},
	{
		id: 'access-denied-unspecified',
		class: 'remote-access-denied',
		// Generic: Win32's ERROR_ACCESS_DENIED text: every Windows program prints it (a DISM cmdlet, a file copy, an installer).
		generic: true,
		name: '"Access is denied", which does not say who refused',
		cause:
			'"Access is denied" does not say who refused. Said alone, it is most often the first hop refusing ' +
			'the account; it can also be a shell that is not elevated or a command refused on the second hop. ' +
			'The lines around it tell which: the command, a [host]: PS prompt or + PSComputerName (a session ' +
			'that opened), a \\\\server\\share path.',
		notToBeConfusedWith: [
			{
				entry: 'first-hop-access-denied',
				howToTell:
					'preceded by "Connecting to remote server ... failed": the first hop refused the session.',
			},
			{
				entry: 'wsman-cmdlet-not-elevated',
				howToTell:
					'followed by "You need to run this cmdlet from an elevated process": this shell.',
			},
			{
				entry: 'second-hop-file-share',
				howToTell: 'a \\\\server\\share path or + PSComputerName: a command on the first hop.',
			},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { whoami /groups }',
		runOn: 'client',
		stage: 'first-hop',
		reference: '1.3, 2.3 E8, E14',
		// In the order the issue names them: the first hop, the second, this shell.
		alternatives: ['second-hop-denied', 'needs-elevation'],
		tellApart:
			'Does the failing command reach a third machine (a \\\\server\\share path, -ComputerName inside ' +
			'the script block, a SQL or AD server)? Then it is the second hop. Does it fail as the session ' +
			'opens, before the command runs? Then the first hop refuses the account. No remote computer at ' +
			'all? Then run it again from an elevated PowerShell.',
		matchers: {
			phrases: [
				phrase('Access is denied', enough),
				phrase('Zugriff verweigert', enough, 'de'),
				phrase('Accès refusé', enough, 'fr'),
				phrase('アクセスが拒否されました', enough, 'ja'),
				phrase('액세스가 거부되었습니다', enough, 'ko'),
				// Chinese Windows; github.com/rootclay/WMIHACKER/issues/2, github.com/PowerShell/PowerShell/issues/8483
				phrase('拒绝访问', enough, 'zh'),
				// The WinRM WMI plugin's access denied (wsmerror.h ERROR_WSMAN_WMI_SVC_ACCESS_DENIED
				// 0x80338104, ERROR_WSMAN_WMI_PROVIDER_ACCESS_DENIED 0x80338105): the same three places; a
				// local DSC run in a shell that is not elevated prints it with PSComputerName localhost
				// (https://github.com/markosamuli/windows-machine/blob/master/docs/troubleshooting.md).
				phrase("The WMI service returned an 'access denied' error", enough),
			],
			patterns: [
				{
					// Not where .NET's path message begins with the same words: "Acceso denegado a la ruta de
					// acceso '...'" is "Access to the path '...' is denied", a path's own permissions
					// (real-gh-xdev05-pivotapi-1), which the English text is not read as either.
					regex: /acceso denegado(?! a la ruta de acceso)/,
					weight: enough,
					what: 'Acceso denegado (es)',
				},
			],
			codes: [
				accessDeniedHresult,
				win32(5),
				hresult('0x80338104', enough),
				hresult('0x80338105', enough),
			],
		},
	},
	{
		// WinRM's Operational log (event 142, on the computer that made the connection) records a
		// refused operation as "WSMan operation CreateShell failed, error code 5": ERROR_ACCESS_DENIED.
		// Exported with Get-WinEvent, as explain advises for an .evtx file.
		id: 'winrm-event-operation-denied',
		class: 'remote-access-denied',
		name: "WinRM's event log: an operation was refused (error code 5)",
		cause:
			'The computer whose WinRM log holds this event asked another for a shell or a command, and was ' +
			'refused: error code 5 is "Access is denied". In your own computer\'s log, the first hop refused ' +
			"your account; in the first hop's log, its connection to the second hop was refused.",
		notToBeConfusedWith: [
			{
				entry: 'first-hop-access-denied',
				howToTell:
					"PowerShell's own error for the same refusal names the first hop it could not open.",
			},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { whoami /groups }',
		runOn: 'client',
		stage: 'first-hop',
		reference: '2.1',
		alternatives: ['second-hop-denied'],
		tellApart:
			"Whose WinRM log holds the event? This computer's (where you ran Invoke-Command): the first hop " +
			"refused your account. The first hop's own log: the connection it made to the second hop was " +
			'refused, the second hop.',
		matchers: {
			phrases: [],
			patterns: [
				{
					regex: /wsman operation \w+ failed, error code 5\b/,
					weight: strong,
					what: 'WinRM event 142, error code 5',
				},
			],
		},
	},
];
