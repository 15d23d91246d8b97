// Issue 14, precision: a Win32, .NET or OpenSSL text that any program prints names a remoting cause
// only when the remoting frame (about_Remote_Troubleshooting, PSRemotingTransportException) or a WinRM
// client (WinRM, /wsman, port 5985/5986) is beside it; alone, "not a remoting problem" comes first
// and the remoting cause second, or, with another program's address in sight, nothing is guessed.
// Messages whose text names no mechanism, or an HTTP 401, are answered as ambiguous with the
// question that decides.
import {describe, expect, test} from 'vitest';
import {diagnose} from '../../source/knowledge/diagnose.js';
import {ambiguousDiagnosis, expectNotRemotingFirst, firstCause} from './answers.js';

describe('a generic text without remoting beside it names "not a remoting problem" first', () => {
	test.each([
		// net.exe mapping a drive with a wrong password (Win32 1326).
		[
			'System error 1326 has occurred.\n\nThe user name or password is incorrect.',
			'trustedhosts-or-auth',
		],
		// Get-WmiObject over DCOM: the RPC endpoint mapper did not answer.
		[
			'Get-WmiObject : The RPC server is unavailable. (Exception from HRESULT: 0x800706BA)',
			'unreachable',
		],
		// The AD module's WCF call to a DC whose name does not resolve
		// (https://github.com/Orange-Cyberdefense/GOAD/issues/19).
		[
			'System.ServiceModel.EndpointNotFoundException: No DNS entries exist for host north.sevenkingdoms.local.',
			'unreachable',
		],
		// A .NET web client's TLS failure and its inner exception: two generic phrases of one
		// failure count once, so together they still need remoting beside them to come first
		// (https://support.oneidentity.com/kb/4383529/rsts-configuration-fails-with-ssl-tls-trust-error-when-using-default-port-443).
		[
			'"Could not retrieve an access token for RSTS API."\n"The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel."\n"The remote certificate is invalid according to the validation procedure."',
			'https-listener',
		],
	])('%s', (text, cause) => {
		expectNotRemotingFirst(text, cause);
	});

	test("with another program's address in sight (pip to port 443) nothing is guessed", () => {
		// pip behind a TLS-inspecting proxy: OpenSSL's verify failure, no WinRM anywhere.
		expect(
			firstCause(
				"Could not fetch URL https://pypi.org/simple/pip/: There was a problem confirming the ssl certificate: HTTPSConnectionPool(host='pypi.org', port=443): Max retries exceeded with url: /simple/pip/ (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1108)'))) - skipping",
			),
		).toBe('not recognised');
	});
});

describe('the same texts inside a remoting error name their cause', () => {
	test('a logon failure in the remoting frame is an authentication failure at the first hop', () => {
		expect(
			firstCause(
				'[srv01] Connecting to remote server srv01 failed with the following error message : The user name or password is incorrect. For more information, see the about_Remote_Troubleshooting Help topic.',
			),
		).toBe('trustedhosts-or-auth');
	});

	test('OpenSSL refusing the certificate of a WinRM HTTPS listener is the listener certificate', () => {
		// https://github.com/ansible/ansible/issues/14710, https://github.com/saltstack/salt/issues/34783
		expect(
			firstCause(
				'ssl: 500 WinRMTransport. [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed (_ssl.c:590)',
			),
		).toBe('https-listener');
		expect(
			firstCause(
				'salt-cloud and winrm failing with : [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed',
			),
		).toBe('https-listener');
	});

	test("WinHTTP's certificate failure as a CIM session prints it (HRESULT of 12175) is the certificate", () => {
		expect(
			firstCause(
				'+ FullyQualifiedErrorId : HRESULT 0x80072f8f,Microsoft.Management.Infrastructure.CimCmdlets.NewCimSessionCommand',
			),
		).toBe('https-listener');
	});
});

describe('messages that name no mechanism or no reason are answered as ambiguous', () => {
	// §2.3 E4, as https://github.com/michaellwest/powershell-remoting-explorer/issues/2 printed it.
	const mechanismNotOffered =
		'Connecting to remote server Windows-2010 failed with the following error message : The WinRM client cannot process the request. The authentication mechanism requested by the client is not supported by the server or unencrypted traffic is disabled in the service configuration. Verify the unencrypted traffic setting in the service configuration or specify one of the authentication mechanisms supported by the server.  To use Kerberos, specify the computer name as the remote destination. Also verify that the client computer and the destination computer are joined to a domain. To use Basic, specify the computer name as the remote destination, specify Basic authentication and provide user name and password. Possible authentication mechanisms reported by server:     Negotiate For more information, see the about_Remote_Troubleshooting Help topic.';

	test('"mechanism requested by the client is not supported": CredSSP off on the first hop, or another mechanism', () => {
		const diagnosis = ambiguousDiagnosis(mechanismNotOffered);
		expect(diagnosis.causes.slice(0, 2)).toEqual([
			'credssp-server-disabled',
			'trustedhosts-or-auth',
		]);
		expect(diagnosis.question).toContain('-Authentication CredSSP');
	});

	test("Ruby winrm's HTTP 401 (Vagrant): wrong credentials, or the first hop refuses the account", () => {
		// https://github.com/dbroeglin/windows-lab/issues/1
		const diagnosis = ambiguousDiagnosis(
			'ERROR warden: Error occurred: An authorization error occurred while connecting to WinRM.\n\nUser: vagrant\nEndpoint: http://127.0.0.1:5985/wsman\nMessage: WinRM::WinRMAuthorizationError',
		);
		expect(diagnosis.causes.slice(0, 2)).toEqual(['trustedhosts-or-auth', 'remote-access-denied']);
		expect(diagnosis.question.length).toBeGreaterThan(0);
	});
});

describe('access denied by WMI or CIM: the text cannot say from where the call was made', () => {
	test('E_ACCESSDENIED from Get-WmiObject -ComputerName run on this computer: both places, with the question', () => {
		// https://pastebin.com/m4EZMDp9
		const diagnosis = ambiguousDiagnosis(
			'C:\\> gwmi -namespace “root\\cimv2” -computer\nmediaserver -list\nGet-WmiObject : Access is denied. (Exception from HRESULT: 0x80070005 (E_ACCESSDENIED))\nAt line:1 char:5',
		);
		expect(diagnosis.causes.slice(0, 2).sort()).toEqual([
			'remote-access-denied',
			'second-hop-denied',
		]);
		expect(diagnosis.question).toContain('inside a remote session');
	});

	test('a CIM refusal alone: the second hop or the target refusing you', () => {
		const diagnosis = ambiguousDiagnosis(
			'Access to a CIM resource was not available to the client',
		);
		expect(diagnosis.causes.slice(0, 2)).toEqual(['second-hop-denied', 'remote-access-denied']);
	});

	test("the WinRM WMI plugin's access denied (0x80338104) on localhost: this shell among the first two", () => {
		// https://github.com/markosamuli/windows-machine/blob/master/docs/troubleshooting.md
		const diagnosis = ambiguousDiagnosis(
			"The WS-Management service cannot process the request. The WMI service returned an 'access denied' error.\n+ CategoryInfo : PermissionDenied: (root/Microsoft/...gurationManager:String) [], CimException\n+ FullyQualifiedErrorId : HRESULT 0x80338104\n+ PSComputerName : localhost",
		);
		expect(diagnosis.causes.slice(0, 2)).toContain('needs-elevation');
	});
});

test('a session to localhost refused on localhost is this computer refusing the account, not a second hop', () => {
	// https://github.com/PowerShell/PSPrivateGallery/issues/41 (a DSC resource opening a runspace to localhost)
	const diagnosis = diagnose(
		'Connecting to remote server localhost failed with the following error message : Access is denied. For more\ninformation, see the about_Remote_Troubleshooting Help topic.\n    + CategoryInfo          : OpenError: (:) [], CimException\n    + FullyQualifiedErrorId : RemoteRunspaceCreationFailed\n    + PSComputerName        : localhost',
	);
	expect(diagnosis.best?.class).toBe('remote-access-denied');
	expect(diagnosis.alternatives.map((alternative) => alternative.class)).toContain(
		'needs-elevation',
	);
});

test('AD Web Services unreachable: delegation or the domain controller itself, and how to tell', () => {
	const diagnosis = ambiguousDiagnosis(
		'Get-ADForest : Unable to contact the server. This may be because this server does not exist, it is currently down, or it does not have the Active Directory Web Services running.',
	);
	// Run with no remote session in sight, it may be no remoting problem at all (issue 14).
	expect(diagnosis.causes).toEqual(['second-hop-denied', 'unrelated', 'unreachable']);
	expect(diagnosis.question).toContain('TCP 9389');
});
