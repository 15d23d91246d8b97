// Cause class https-listener (§2.3 E12, E15, E16): the entries that recognise it.
import {
	decisive,
	hresult,
	phrase,
	strong,
	supporting,
	win32,
	genericPhrase,
	type Entry,
} from '../entry.js';
import {remotingFrame, winrmClientFrame, winrmPort} from './shared.js';
import {basicOverHttpOnUnix, inEveryLanguage} from './translations.js';

export const httpsListener: Entry[] = [
	{
		id: 'https-ssl-not-established',
		class: 'https-listener',
		name: 'No usable HTTPS listener on the first hop',
		cause:
			'The HTTPS port answered but no TLS session could be set up: no HTTPS listener, a listener whose ' +
			'certificate was removed, or TLS spoken to the HTTP port.',
		notToBeConfusedWith: [
			{
				entry: 'unreachable-timeout',
				howToTell: '"WinRM cannot complete the operation" with -UseSSL is 5986 being filtered.',
			},
			{
				entry: 'unreachable-not-listening',
				howToTell: '"cannot connect to the destination" is HTTP with nothing listening.',
			},
		],
		nextCommand: 'winrm enumerate winrm/config/listener',
		runOn: 'hop1',
		stage: 'listener',
		reference: '2.3 E12',
		matchers: {
			phrases: [
				phrase('The SSL connection cannot be established', decisive),
				phrase('properly configured to listen for HTTPS requests', strong),
				phrase('WRONG_VERSION_NUMBER', strong),
				// WinRM's words after "The server certificate on the destination computer (...) has the following
				// errors:" when no TLS session could be made: HTTPS to a port that is not an HTTPS listener
				// (https://github.com/Azure/azure-sdk-tools-samples/issues/48), a TLS version the two sides do
				// not share (https://github.com/microsoft/azure-pipelines-tasks/issues/14663).
				phrase('Encountered an internal error in the SSL library', strong),
				phrase('SSLError', supporting),
			],
			codes: [hresult('0x803381BA')],
		},
	},
	{
		id: 'https-on-unix-no-certificate-checks',
		class: 'https-listener',
		name: 'PowerShell on Linux or macOS cannot check a WinRM HTTPS certificate',
		cause:
			'PowerShell on Linux or macOS speaks WinRM through OMI, which cannot check the certificate of an ' +
			'HTTPS listener, so PowerShell refuses -UseSSL unless both checks are skipped. Skip them only when ' +
			'you trust the first hop and the network in between, or use SSH remoting from Linux instead.',
		notToBeConfusedWith: [
			{
				entry: 'https-untrusted-certificate',
				howToTell:
					'on Windows the client does check the certificate: there the error names what is wrong with it.',
			},
		],
		nextCommand:
			'New-PSSession -ComputerName <hop1> -UseSSL -Credential $cred -SessionOption (New-PSSessionOption -SkipCACheck -SkipCNCheck)',
		runOn: 'client',
		stage: 'listener',
		reference: 'fixtures',
		matchers: {
			// PowerShell's own text (RemotingErrorIdStrings.resx, UnixOnlyHttpsWithoutSkipCACheckNotSupported,
			// thrown in WSManTransportManager.cs; "does not currently support" since its first wording,
			// https://github.com/PowerShell/PowerShell/pull/8279).
			phrases: [
				phrase(
					'support CA or CN checks. Use the PSSessionOption -SkipCACheck and -SkipCNCheck',
					decisive,
				),
				phrase('HTTPS on Unix does not', supporting),
			],
		},
	},
	{
		id: 'basic-over-http-on-unix',
		class: 'https-listener',
		name: 'PowerShell on Linux or macOS refuses Basic authentication over HTTP',
		cause:
			'PowerShell on Linux or macOS will not send a password with Basic authentication over plain HTTP ' +
			'(port 5985), so it stops before connecting. Connect over HTTPS (-UseSSL, port 5986) to an HTTPS ' +
			'listener on the first hop, or use SSH remoting from Linux instead.',
		notToBeConfusedWith: [
			{
				entry: 'https-on-unix-no-certificate-checks',
				howToTell:
					'that one is the next refusal, once -UseSSL is given without the two skip options.',
			},
		],
		nextCommand:
			'New-PSSession -ComputerName <hop1> -UseSSL -Authentication Basic -Credential $cred -SessionOption (New-PSSessionOption -SkipCACheck -SkipCNCheck)',
		runOn: 'client',
		stage: 'listener',
		reference: 'fixtures',
		matchers: {
			// PowerShell's own text (RemotingErrorIdStrings.resx, BasicAuthOverHttpNotSupported, thrown by
			// WSManTransportManager.cs under #if UNIX for -Authentication Basic without -UseSSL or https://).
			phrases: inEveryLanguage(basicOverHttpOnUnix, decisive),
		},
	},
	{
		id: 'https-no-certificate',
		class: 'https-listener',
		name: 'No certificate fit for an HTTPS listener',
		cause:
			'winrm quickconfig -transport:https needs a certificate in LocalMachine\\My whose CN (or SAN) is the ' +
			'host name, with the Server Authentication EKU, valid dates, not revoked and not self-signed.',
		notToBeConfusedWith: [
			{
				entry: 'https-untrusted-certificate',
				howToTell: 'that one is the client distrusting a certificate the listener already has.',
			},
		],
		nextCommand:
			'Get-ChildItem Cert:\\LocalMachine\\My | Format-List Subject, DnsNameList, EnhancedKeyUsageList, NotAfter, Issuer',
		runOn: 'hop1',
		stage: 'listener',
		reference: '2.3 E15',
		matchers: {
			phrases: [
				phrase(
					'Cannot create a WinRM listener on HTTPS because this machine does not have an appropriate certificate',
					decisive,
				),
				phrase(
					'The Enhanced Key Usage (EKU) field of the certificate is not set to "Server Authentication"',
					decisive,
				),
				// Japanese Windows; github.com/Wintus/Ansible-WSL/issues/13
				phrase(
					'このコンピューターには適切な証明書がないため、HTTPS 上に WinRM リスナーを作成できません',
					decisive,
					'ja',
				),
			],
			codes: [hresult('0x80338115'), hresult('0x803380EE')],
		},
	},
	{
		id: 'https-listener-certificate-setting',
		class: 'https-listener',
		name: 'The HTTPS listener refused the certificate it was given',
		cause:
			'Creating or changing the HTTPS listener (winrm create, New-WSManInstance, Set-Item WSMan:\\...\\Listener) ' +
			'failed on its certificate: the thumbprint is empty, names no certificate in LocalMachine\\My, is not ' +
			'a usable certificate, or the IP address and port already have an SSL binding owned by another service.',
		notToBeConfusedWith: [
			{
				entry: 'https-no-certificate',
				howToTell:
					'that one is winrm quickconfig -transport:https finding no certificate on its own; here a thumbprint was given.',
			},
		],
		nextCommand:
			'Get-ChildItem Cert:\\LocalMachine\\My | Format-List Subject, Thumbprint, HasPrivateKey, EnhancedKeyUsageList, NotAfter; netsh http show sslcert',
		runOn: 'hop1',
		stage: 'listener',
		reference: 'wsmerror.h',
		// The Windows SDK's wsmerror.h, MessageText of each code below.
		matchers: {
			phrases: [
				phrase(
					'The CertificateThumbprint property must be empty when the SSL configuration will be shared with another service',
					decisive,
				),
				phrase('The CertificateThumbprint property must not be', decisive),
				phrase(
					'the SSL configuration for that pair is owned by another service and cannot be shared',
					decisive,
				),
				phrase('When HTTP is the transport, the Certificate thumbprint must be blank', decisive),
				phrase('The WS-Management service cannot find the certificate that was requested', strong),
				phrase('The certificate structure was incomplete', strong),
			],
			codes: [
				// ERROR_WSMAN_CERT_THUMBPRINT_NOT_BLANK, _BLANK, CONFIG_CANNOT_SHARE_SSL_CONFIG,
				// CONFIG_THUMBPRINT_SHOULD_BE_EMPTY, CERT_NOT_FOUND, CLIENT_INVALID_CERT.
				hresult('0x803380E6'),
				hresult('0x803380E7'),
				hresult('0x803380E8'),
				hresult('0x803380EB'),
				hresult('0x80338082'),
				hresult('0x803380B7'),
			],
		},
	},
	{
		id: 'https-untrusted-certificate',
		class: 'https-listener',
		name: 'This client does not trust the HTTPS certificate',
		cause:
			'The listener certificate is signed by a certificate authority this client does not trust (often ' +
			'self-signed), or its revocation could not be checked. Import the issuing CA into Trusted Root on ' +
			'this client, or reissue the certificate from a CA it trusts.',
		notToBeConfusedWith: [
			{
				entry: 'https-name-mismatch',
				howToTell: '"common name (CN) that does not match" is the name, not the issuer.',
			},
		],
		// On hop 1 itself (its console): this client cannot open an HTTPS session there to read it.
		nextCommand:
			'Get-ChildItem Cert:\\LocalMachine\\My | Format-List Subject, Issuer, NotAfter, Thumbprint',
		runOn: 'hop1',
		// The client checks the certificate when it opens the session: the first hop fails.
		stage: 'first-hop',
		reference: '2.3 E16',
		matchers: {
			phrases: [
				phrase('The SSL certificate is signed by an unknown certificate authority', decisive),
				phrase('The server certificate on the destination computer', strong),
				// Japanese Windows (winrs over HTTPS); github.com/Wintus/Ansible-WSL/issues/13
				phrase('SSL 証明書が不明の証明機関によって署名されています', decisive, 'ja'),
				phrase('のサーバー証明書に次のエラーがあります', strong, 'ja'),
				phrase('The SSL certificate could not be checked for revocation', decisive),
				phrase('HTTPS on Unix does not currently support CA or CN checks', decisive),
				// OpenSSL's verify texts (Python requests/pywinrm, Ruby winrm): every HTTPS client prints them
				// (pip, git, a REST call), so they name this cause only with WinRM beside them (port 5986, /wsman).
				genericPhrase('certificate verify failed'),
				// OpenSSL's reasons, printed after "certificate verify failed": the same fact, no weight of their own.
				phrase('self signed certificate in certificate chain', 0),
				phrase('unable to get local issuer certificate', 0),
				phrase('Max retries exceeded with url: /wsman', supporting),
				// The same fact as other HTTPS clients print it, so again only with WinRM beside them: Go's
				// crypto/x509 (Packer, Terraform; https://github.com/taliesins/terraform-provider-hyperv/issues/69),
				// WinHTTP's 12045 and 12037 texts (winhttp.dll message table), .NET's WebException and
				// AuthenticationException, and WinRM's own expired-certificate line
				// (https://github.com/microsoft/omi/issues/750, https://github.com/PowerShell/psl-omi-provider/issues/122).
				genericPhrase('x509: certificate signed by unknown authority'),
				genericPhrase('x509: certificate has expired or is not yet valid'),
				genericPhrase('The certificate authority is invalid or incorrect'),
				genericPhrase('The date in the certificate is invalid or has expired'),
				genericPhrase('Could not establish trust relationship for the SSL/TLS secure channel'),
				genericPhrase('The remote certificate is invalid according to the validation procedure'),
				genericPhrase('The SSL certificate is expired'),
				...remotingFrame,
				...winrmClientFrame,
			],
			// 12175 ERROR_WINHTTP_SECURE_FAILURE; CIM sessions print its HRESULT, FQID "HRESULT 0x80072f8f"
			// (https://github.com/microsoft/omi/issues/750).
			codes: [win32(12175, strong), hresult('0x80072F8F')],
			patterns: [winrmPort],
		},
	},
	{
		id: 'https-name-mismatch',
		class: 'https-listener',
		name: 'The HTTPS certificate does not carry the name you connected to',
		cause:
			"The name you typed (or the IP address) is not among the listener certificate's DNS names (SAN), " +
			'or, when it has none, not its CN. Connect with a name the certificate carries, or reissue it with the FQDN. ' +
			"Creating a listener (0x803380E9): -HostName must be the certificate's CN; a SAN name does not do.",
		notToBeConfusedWith: [
			{
				entry: 'https-untrusted-certificate',
				howToTell: '"unknown certificate authority" is the issuer, not the name.',
			},
		],
		nextCommand:
			'Invoke-Command -ComputerName <hop1> -ScriptBlock { Get-ChildItem Cert:\\LocalMachine\\My | Format-List Subject, DnsNameList, Thumbprint }',
		runOn: 'client',
		stage: 'first-hop',
		reference: '2.3 E15, E16',
		matchers: {
			phrases: [
				phrase(
					'The SSL certificate contains a common name (CN) that does not match the hostname',
					decisive,
				),
				phrase('The certificate CN and the hostname that were provided do not match', decisive),
				// Japanese Windows (winrs over HTTPS); github.com/Wintus/Ansible-WSL/issues/13
				phrase('SSL 証明書にホスト名と一致しない共通名 (CN) が含まれています', decisive, 'ja'),
				phrase('certificate verify failed: Hostname mismatch', decisive),
				phrase('certificate verify failed: IP address mismatch', decisive),
				// Go's crypto/x509 HostnameError texts and WinHTTP's 12038 text: any HTTPS client prints them, so
				// they name this cause only with WinRM beside them (the frame below).
				genericPhrase('x509: certificate is valid for'),
				genericPhrase("because it doesn't contain any IP SANs"),
				genericPhrase('The host name in the certificate is invalid or does not match'),
				...remotingFrame,
				...winrmClientFrame,
			],
			codes: [hresult('0x803380E9'), win32(12175, supporting)],
			patterns: [
				{regex: /hostname '[^']+' doesn't match/, weight: strong, what: 'name mismatch'},
				winrmPort,
			],
		},
	},
];
