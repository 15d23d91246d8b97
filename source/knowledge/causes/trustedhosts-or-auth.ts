// Cause class trustedhosts-or-auth (§2.3 E13, E14): the entries that recognise it.
import {
	genericCode,
	decisive,
	enough,
	hresult,
	network,
	phrase,
	strong,
	supporting,
	genericPhrase,
	type Entry,
} from '../entry.js';
import {remotingFrame, winrmClientFrame} from './shared.js';

export const trustedhostsOrAuth: Entry[] = [
	{
		id: 'trustedhosts-required',
		class: 'trustedhosts-or-auth',
		name: 'An IP address or workgroup target needs TrustedHosts (or HTTPS)',
		cause:
			'Without Kerberos (an IP address, a workgroup, a name outside the domain) WinRM cannot authenticate ' +
			'the server, so it requires HTTPS or the target in TrustedHosts, with explicit credentials. Prefer the ' +
			'domain name: CredSSP needs Kerberos later anyway.',
		notToBeConfusedWith: [
			{
				entry: 'delegation-ntlm-only',
				howToTell:
					'that one is CredSSP refusing an NTLM-only server; this one fails before any CredSSP.',
			},
			{
				entry: 'gpo-trustedhosts-setting',
				howToTell: 'that one is the TrustedHosts change being refused by policy.',
			},
		],
		nextCommand:
			"Set-Item WSMan:\\localhost\\Client\\TrustedHosts -Value '<hop1>' -Concatenate -Force",
		runOn: 'client',
		stage: 'first-hop',
		reference: '2.3 E13',
		matchers: {
			phrases: [
				phrase(
					'Default authentication may be used with an IP address under the following conditions',
					decisive,
				),
				phrase(
					'then HTTPS transport must be used or the destination machine must be added to the TrustedHosts',
					decisive,
				),
				phrase(
					'Default credentials with Negotiate over HTTP can be used only if the target machine is part of the TrustedHosts list',
					decisive,
				),
				phrase(
					'Kerberos authentication cannot be used when the destination is an IP address',
					decisive,
				),
			],
			codes: [
				hresult('0x803381BB'),
				hresult('0x803380E4'),
				hresult('0x803380E5'),
				hresult('0x8033810B'),
			],
			fqids: [
				{id: 'CannotUseIPAddress', weight: strong},
				{id: 'ServerNotTrusted', weight: strong},
				{id: 'ExplicitCredentialsRequired', weight: strong},
			],
		},
	},
	{
		id: 'trustedhosts-pattern-invalid',
		class: 'trustedhosts-or-auth',
		name: 'The TrustedHosts value is invalid',
		cause:
			'TrustedHosts holds a value WinRM cannot parse together with the new one (for example "*" followed ' +
			'by an address). Replace the list instead of appending to it.',
		notToBeConfusedWith: [
			{
				entry: 'trustedhosts-required',
				howToTell: 'that one asks for an entry; this one rejects the list.',
			},
		],
		nextCommand: "Set-Item WSMan:\\localhost\\Client\\TrustedHosts -Value '<hop1>' -Force",
		runOn: 'client',
		stage: 'first-hop',
		reference: '2.3 E13',
		matchers: {
			phrases: [phrase('The hostname pattern is invalid', decisive)],
		},
	},
	{
		id: 'kerberos-spn',
		class: 'trustedhosts-or-auth',
		name: 'Kerberos found the wrong service account for the first hop (SPN)',
		cause:
			'0x80090322 (the target principal name is incorrect): the HTTP/<name> SPN belongs to another account ' +
			'(often an IIS or SQL Reporting service account) or is duplicated, or a short name was used where the ' +
			'FQDN is registered. Use the FQDN, check the SPN, or add -SessionOption (New-PSSessionOption ' +
			'-IncludePortInSPN).',
		notToBeConfusedWith: [
			{
				entry: 'second-hop-nested-winrm',
				howToTell:
					'errorcode 0x8009030e (logon session does not exist) is the second hop, not an SPN.',
			},
		],
		nextCommand: 'setspn -Q HTTP/<hop1>',
		runOn: 'client',
		stage: 'first-hop',
		reference: '2.3 E14',
		matchers: {
			phrases: [
				phrase('errorcode 0x80090322 occurred while using Kerberos authentication', decisive),
				phrase('The target principal name is incorrect', strong),
				// The same Windows text (SEC_E_WRONG_PRINCIPAL) as Microsoft's localised troubleshooting pages
				// quote it; their translations differ between revisions, and each wording is kept:
				// https://docs.microsoft.com/de-DE/troubleshoot/sql/connect/cannot-generate-sspi-context-error,
				// https://support.microsoft.com/kb/811889/fr,
				// https://learn.microsoft.com/fr-fr/troubleshoot/sql/database-engine/connect/cannot-generate-sspi-context-error,
				// https://docs.microsoft.com/ja-JP/troubleshoot/sql/connect/cannot-generate-sspi-context-error (both
				// Japanese revisions), https://docs.microsoft.com/es-es/troubleshoot/windows-server/identity/replication-error-2146893022
				// (both Spanish wordings on one page), and the es-ES and pt-BR SSPI pages as mirrored at
				// https://learn-microsoft-com.rtu-tc.ru/es-es/troubleshoot/sql/database-engine/connect/cannot-generate-sspi-context-error
				// and https://learn-microsoft-com.rtu-tc.ru/pt-br/troubleshoot/sql/database-engine/connect/cannot-generate-sspi-context-error.
				phrase('Der Zielprinzipalname ist falsch', strong, 'de'),
				phrase('Le nom principal de la cible n’est pas correct', strong, 'fr'),
				phrase('Le principal nom cible est incorrect', strong, 'fr'),
				phrase('ターゲット プリンシパル名が正しくありません', strong, 'ja'),
				phrase('対象のプリンシパル名が間違っています', strong, 'ja'),
				phrase('El nombre principal de destino es incorrecto', strong, 'es'),
				phrase('el nombre de la entidad de seguridad de destino es incorrecto', strong, 'es'),
				phrase('O nome da entidade de destino está incorreto', strong, 'pt-BR'),
				phrase('Server not found in Kerberos database', strong),
				// The Kerberos error a server returns when it cannot decrypt the ticket (MS-KILE 3.4.5), which
				// Windows' event 4 names: the SPN is on another account than the one the service runs as.
				phrase('KRB_AP_ERR_MODIFIED', strong),
				// The Windows text of 0x80090303 (SEC_E_TARGET_UNKNOWN, reference 2.2 TargetUnknown).
				phrase('The specified target is unknown or unreachable', supporting),
			],
			codes: [hresult('0x80090322'), hresult('0x8033809D', 5), hresult('0x80090303', 5)],
			fqids: [{id: 'TargetUnknown', weight: 5}],
		},
	},
	{
		// WinRM's Kerberos text for ERROR_BAD_NETPATH (winrm.cmd prints it with "Error number:
		// -2147024843 0x80070035", microsoft/omi Unix/doc Kerberos notes; https://pastebin.com/Ax5Bi4f3):
		// the KDC knows no computer by that name, a missing SPN or a name that is not the host's.
		id: 'kerberos-unknown-computer',
		class: 'trustedhosts-or-auth',
		name: 'Kerberos does not know the first hop by that name',
		cause:
			'The domain controller found no account for the name you connected to: no HTTP/ or WSMAN/ SPN ' +
			'for it (an alias, a redirected or load-balanced name, an IP address), or a name that is not the ' +
			"computer's at all. Connect with the computer's own FQDN, register the SPN, or use Negotiate.",
		notToBeConfusedWith: [
			{
				entry: 'kerberos-spn',
				howToTell: 'errorcode 0x80090322 is an SPN owned by another account, not a missing one.',
			},
		],
		nextCommand: 'setspn -Q HTTP/<hop1>',
		runOn: 'client',
		stage: 'first-hop',
		reference: '2.3 E14',
		alternatives: ['unreachable'],
		tellApart:
			'Does Resolve-DnsName <hop1> return the computer you meant? If not, the name is wrong or not ' +
			'reachable; if it does, Kerberos has no SPN for that name (setspn -Q HTTP/<hop1>).',
		matchers: {
			phrases: [
				phrase('is unknown to Kerberos. Verify that the computer exists on the network', strong),
			],
		},
	},
	{
		id: 'auth-error-unspecified',
		class: 'trustedhosts-or-auth',
		name: 'Kerberos or Negotiate authentication to the first hop failed',
		cause:
			'WinRM could not authenticate to the first hop and gives no specific reason. Usual causes: a wrong ' +
			'or local user name with Kerberos, no SPN for the name and port, no trust between the domains, or an ' +
			'IP address without TrustedHosts.',
		notToBeConfusedWith: [
			{
				entry: 'second-hop-nested-winrm',
				howToTell:
					'with errorcode 0x8009030e ("logon session does not exist") it is the second hop.',
			},
			{
				entry: 'kerberos-spn',
				howToTell: 'with errorcode 0x80090322 it is an SPN owned by another account.',
			},
		],
		nextCommand:
			'Test-WSMan -ComputerName <hop1> -Authentication Negotiate -Credential (Get-Credential)',
		runOn: 'client',
		stage: 'first-hop',
		reference: '2.3 E14, 2.4',
		matchers: {
			phrases: [
				phrase('occurred while using Kerberos authentication', supporting),
				phrase('occurred while using Negotiate authentication', supporting),
				phrase('An unknown security error occurred', supporting),
				phrase('Possible causes are: -The user name or password specified are invalid', supporting),
			],
		},
	},
	{
		id: 'kerberos-access-denied',
		class: 'trustedhosts-or-auth',
		name: 'Kerberos authentication to the first hop was refused',
		cause:
			'The first hop answered the Kerberos attempt with "access denied": the SPN, the account or the ' +
			'authentication mechanisms of the service do not fit. Check the SPN and the name used.',
		notToBeConfusedWith: [
			{
				entry: 'first-hop-access-denied',
				howToTell:
					'a plain "Access is denied" after the connecting prefix is the account being refused.',
			},
		],
		nextCommand: 'setspn -Q HTTP/<hop1>',
		runOn: 'client',
		stage: 'first-hop',
		reference: '2.3 E14',
		alternatives: ['remote-access-denied'],
		tellApart:
			'Does Test-WSMan -ComputerName <hop1> -Authentication Negotiate -Credential (Get-Credential) work ' +
			'with the same account? Then Kerberos (the SPN or the name used) is the problem; if it is refused ' +
			'too, the account has no rights on the first hop.',
		matchers: {
			phrases: [
				phrase(
					'tried to use Kerberos authentication mechanism, but the destination computer',
					decisive,
				),
				phrase("returned an 'access denied' error", strong),
			],
		},
	},
	{
		id: 'logon-failure',
		class: 'trustedhosts-or-auth',
		name: 'The user name or password was rejected',
		cause:
			'The first hop could not log you on: wrong password, wrong domain prefix (DOMAIN\\user), a local ' +
			'account used with Kerberos, or no domain controller reachable.',
		notToBeConfusedWith: [
			{
				entry: 'first-hop-access-denied',
				howToTell: '"Access is denied" means the logon worked and the account was refused.',
			},
		],
		nextCommand:
			'Test-WSMan -ComputerName <hop1> -Authentication Negotiate -Credential (Get-Credential)',
		runOn: 'client',
		stage: 'targets',
		reference: '2.2, 2.4',
		matchers: {
			phrases: [
				// Win32 logon texts (ERROR_LOGON_FAILURE 1326, SEC_E_LOGON_DENIED, ERROR_NO_LOGON_SERVERS 1311)
				// that net use, SQL, RDP and scheduled tasks print too: they need the remoting frame or an FQID.
				genericPhrase('The user name or password is incorrect'),
				genericPhrase('unknown user name or bad password'),
				genericPhrase('There are currently no logon servers available'),
				genericPhrase("because your domain isn't available"),
				// More Win32/SSPI logon failures, the same rule: ERROR_NO_SUCH_PACKAGE (1364; a script run as
				// SYSTEM with an explicit credential, https://github.com/aws-quickstart/quickstart-microsoft-sql/issues/14),
				// SEC_E_LOGON_DENIED, and the broken computer trust (1789, 0x800706FD), as winerror.h words them.
				genericPhrase('A specified authentication package is unknown'),
				genericPhrase('The logon attempt failed'),
				genericPhrase(
					'The trust relationship between this workstation and the primary domain failed',
				),
				// OMI's HTTP client (PowerShell on Linux and macOS) when its Kerberos library cannot get a
				// ticket with the -Credential password (microsoft/omi Unix/http/httpclientauth.c,
				// _Krb5VerifyInitCreds; NETWAYS/check_by_powershell#7).
				phrase('Kerberos verify cred with password failed', strong),
				// Java's Kerberos (sun.security.krb5 KrbException) with no default_realm in krb5.conf: any Java
				// Kerberos client prints it, so only with WinRM beside it (a Java WinRM client: overthere,
				// rundeck-plugins/rundeck-winrm-plugin#29).
				genericPhrase('Cannot locate default realm'),
				// Its sibling when krb5.conf names no KDC for the realm and DNS finds none
				// (sun.security.krb5.Config.getKDCList: `new KrbException("Cannot locate KDC")`), the same rule.
				genericPhrase('Cannot locate KDC'),
				...remotingFrame,
				...winrmClientFrame,
			],
			codes: [
				// ERROR_LOGON_FAILURE's HRESULT: the first text above, as a code.
				genericCode('0x8007052E'),
				hresult('0x80090311', 5),
				hresult('0x80070554', 0),
				hresult('0x8009030C', 0),
				hresult('0x800706FD', 0),
				// STATUS_LOGON_FAILURE, the NTSTATUS of a refused logon (MS-ERREF 2.3.1), as pywinrm's CredSSP
				// transport passes it on (https://github.com/diyan/pywinrm/issues/235); SMB clients print it
				// too, so it needs the remoting frame like the texts above.
				hresult('0xC000006D', network),
			],
			fqids: [
				{id: 'LogonFailure,PSSession', weight: strong},
				{id: 'AuthenticationFailed,PSSession', weight: 5},
			],
		},
	},
	{
		id: 'credentials-rejected',
		class: 'trustedhosts-or-auth',
		name: 'The server rejected the credentials (HTTP 401)',
		cause:
			'pywinrm/psrp got HTTP 401: the password is wrong, the transport does not fit the account (Basic ' +
			'works only for local accounts), or the first hop refuses the account (not an administrator, no ' +
			'network logon right). The text alone cannot tell which.',
		notToBeConfusedWith: [
			{
				entry: 'first-hop-access-denied',
				howToTell:
					'if the same account works on another host and fails only here, the host refuses it.',
			},
		],
		nextCommand:
			'Test-WSMan -ComputerName <hop1> -Authentication Negotiate -Credential (Get-Credential)',
		runOn: 'client',
		stage: 'targets',
		reference: 'fixtures',
		alternatives: ['remote-access-denied'],
		tellApart:
			'Does the same user name and password work against another host, or in Test-WSMan -Authentication ' +
			'Negotiate? Then this host refuses the account (not an administrator, no network logon right); if ' +
			'it fails everywhere, the password or the transport (Basic only for local accounts) is wrong.',
		matchers: {
			phrases: [
				phrase('the specified credentials were rejected by the server', strong),
				// Vagrant's WinRM communicator on the same HTTP 401
				// (https://github.com/dbroeglin/windows-lab/issues/1).
				phrase('An authorization error occurred while connecting to WinRM', strong),
				// pywinrm raises this on HTTP 401 (winrm/transport.py: `if ex.code == 401: raise
				// UnauthorizedError(...)`; https://github.com/diyan/pywinrm/issues/93, #107,
				// https://github.com/jtallieu/dell-wsman-client-api-python/issues/6).
				phrase('UnauthorizedError: 401 Unauthorized', strong),
				// masterzen/winrm (Go: Packer, Terraform's remote-exec) on HTTP 401: the reply is not SOAP, so
				// http.go's body() fails and the client prints `http response error: %d - %s` with "invalid
				// content type" (vmware/packer-examples-for-vsphere#491, gist justdan96/5d5ee795).
				phrase('http response error: 401 - invalid content type', strong),
				// OMI's HTTP client, the WinRM transport of PowerShell on Linux and macOS, on HTTP 401 to Basic
				// (microsoft/omi Unix/http/httpclientauth.c, BASIC_AUTH_FAIL_MSG).
				phrase('Basic Authorization failed for user', strong),
			],
			// The Ruby winrm gem (Vagrant, Chef, Packer, evil-winrm) raises WinRM::WinRMAuthorizationError on
			// HTTP 401 (https://github.com/dbroeglin/windows-lab/issues/1,
			// https://github.com/hashicorp/vagrant/issues/12734).
			exceptions: [{type: 'WinRMAuthorizationError', weight: strong}],
			patterns: [
				{
					// The Java WinRM client (overthere: Rundeck, XL Deploy) prints the endpoint's HTTP 401
					// this way (xebialabs/overthere#135, #193, WinRb/WinRM#142,
					// rundeck-plugins/rundeck-winrm-plugin#44, #46). Other statuses (500) are not this.
					regex: /unexpected http response on \S+\/wsman:? \(401\)/,
					weight: strong,
					what: 'HTTP 401 from the WS-Management endpoint',
				},
			],
		},
	},
	{
		id: 'omi-client-auth',
		class: 'trustedhosts-or-auth',
		name: 'PowerShell on Linux or macOS could not log on to the first hop',
		cause:
			"PowerShell on Linux and macOS speaks WinRM through OMI, which reports a failure by its result code's " +
			'name instead of a Windows message. MI_RESULT_ACCESS_DENIED is an HTTP 401, or a credential or ' +
			'-Authentication it cannot use (no -Credential, a mechanism it does not support); ' +
			'MI_RESULT_INVALID_PARAMETER is a credential it could not read (Kerberos without -Credential).',
		notToBeConfusedWith: [
			{
				entry: 'first-hop-access-denied',
				howToTell:
					'if the same account opens a session from a Windows computer, the Linux client is the problem.',
			},
		],
		nextCommand:
			'New-PSSession -ComputerName <hop1> -Authentication Negotiate -Credential (Get-Credential)',
		runOn: 'client',
		stage: 'targets',
		reference: 'fixtures',
		alternatives: ['remote-access-denied'],
		tellApart:
			'Does the same account open a session to this host from a Windows computer? Then the Linux or macOS ' +
			'client cannot authenticate: pass -Credential user@DOMAIN with -Authentication Negotiate (the ' +
			'gssntlmssp package), or Basic over HTTPS for a local account. Is it refused there too? Then the ' +
			'first hop refuses the account (not an administrator, no network logon right).',
		matchers: {
			phrases: [],
			// OMI's HTTP and WS-Management client (microsoft/omi Unix/wsman/wsmanclient.c: HTTP 401 posts
			// MI_RESULT_ACCESS_DENIED; Unix/http/httpclient.c _UnpackDestinationOptions: no credential or an
			// unsupported mechanism is MI_RESULT_ACCESS_DENIED, a credential it cannot read
			// MI_RESULT_INVALID_PARAMETER). PowerShell prints the name as the message
			// (https://github.com/PowerShell/PowerShell/issues/6647, #7425, #12219, #12316,
			// PowerShell/psl-omi-provider#114, #118). omicli, the CLI of an OMI server, prints the same names
			// about a CIM server, so only after a remoting cmdlet or the remoting wrapper.
			patterns: [
				{
					regex:
						/\b(?:new-pssession|enter-pssession|invoke-command|connecting to remote server)\b[^]{0,300}?\b(?<code>mi_result_access_denied)\b/,
					weight: strong,
					what: "OMI's access denied from a remoting cmdlet",
				},
				{
					regex:
						/\b(?:new-pssession|enter-pssession|invoke-command|connecting to remote server)\b[^]{0,300}?\b(?<code>mi_result_invalid_parameter)\b/,
					weight: enough,
					what: "OMI's invalid parameter from a remoting cmdlet",
				},
			],
		},
	},
	{
		id: 'client-auth-mechanism-disabled',
		class: 'trustedhosts-or-auth',
		name: 'The requested authentication mechanism is off in this client',
		cause:
			'The WinRM client configuration of this computer disables the mechanism (or unencrypted traffic) ' +
			'that the command asked for.',
		notToBeConfusedWith: [
			{
				entry: 'client-credssp-disabled',
				howToTell: '"CredSSP authentication is currently disabled" is the CredSSP client role.',
			},
		],
		nextCommand: 'Get-ChildItem WSMan:\\localhost\\Client\\Auth',
		runOn: 'client',
		stage: 'first-hop',
		reference: 'wsmerror.h',
		matchers: {
			phrases: [
				phrase('Basic authentication is currently disabled in the client configuration', decisive),
				phrase('Digest authentication is currently disabled in the client configuration', decisive),
				phrase(
					'Negotiate authentication is currently disabled in the client configuration',
					decisive,
				),
				phrase(
					'Kerberos authentication is currently disabled in the client configuration',
					decisive,
				),
				phrase(
					'Certificate authentication is currently disabled in the client configuration',
					decisive,
				),
				phrase('Unencrypted traffic is currently disabled in the client configuration', decisive),
			],
			codes: [
				hresult('0x803380DE'),
				hresult('0x803380DF'),
				hresult('0x803380E0'),
				hresult('0x803380E1'),
				hresult('0x803380E2'),
				hresult('0x803380E3'),
			],
			fqids: [{id: 'ClientKerberosDisabled', weight: strong}],
		},
	},
	{
		id: 'workgroup-kerberos',
		class: 'trustedhosts-or-auth',
		name: 'Kerberos with implicit credentials from a workgroup computer',
		cause:
			'This computer is not in a domain, so it has no Kerberos credentials of its own. Pass -Credential, ' +
			'or use another authentication mechanism.',
		notToBeConfusedWith: [
			{entry: 'trustedhosts-required', howToTell: 'that one is about authenticating the server.'},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop1> -Credential (Get-Credential) -ScriptBlock { hostname }',
		runOn: 'client',
		stage: 'targets',
		reference: '2.2',
		matchers: {
			phrases: [
				phrase(
					'Kerberos authentication cannot be used with implicit credentials if the client computer is not joined to a domain',
					decisive,
				),
			],
			codes: [hresult('0x8033810C')],
			fqids: [{id: 'WorkgroupCannotUseKerberos', weight: strong}],
		},
	},
];
