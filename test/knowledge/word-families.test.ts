// The last resort for a text inside a remote session or WinRM connection that no entry matches
// (source/knowledge/word-families.ts): the words of a failed logon, a TLS failure or a network failure
// name the family, ranked before "not a remoting problem", with a check that tells the two apart.
// Without a remote session in sight the same words put "not a remoting problem" first and the family
// second; with another program's address in sight they name nothing. Texts verbatim from public
// threads outside the measure set.
import {expect, test} from 'vitest';
import {diagnose} from '../../source/knowledge/diagnose.js';
import {ambiguousDiagnosis, expectNotRemotingFirst, tuneRow} from './answers.js';

test('an HTTP 401 from a WinRM client no entry knows is a logon failure, or no remoting problem, with a check', () => {
	// https://github.com/jborean93/pypsrp/issues/159 (pypsrp 1.0 over httpx, port 5985)
	const text =
		"httpx.HTTPStatusError: Client error '401 ' for url 'http://dc.darksys.com:5985/wsman'\nFor more information check: https://httpstatuses.com/401";
	const diagnosis = ambiguousDiagnosis(text);
	expect(diagnosis.causes).toEqual(['trustedhosts-or-auth', 'unrelated']);
	expect(diagnosis.confidence).toBe('low');
	expect(diagnosis.question).toMatch(/Test-WSMan -ComputerName <hop1> -Authentication Negotiate/);
	expect(diagnosis.evidence.map((found) => found.text)).toEqual(['401', '401']);
});

test('a TLS handshake failure on a WinRM connection no entry knows is the HTTPS listener, or no remoting problem', () => {
	// https://github.com/ansible/ansible/issues/16818 (Ansible over pywinrm, port 5986)
	const text =
		'<192.168.119.204> WINRM CONNECTION ERROR: ("bad handshake: SysCallError(104, \'ECONNRESET\')",)';
	const diagnosis = ambiguousDiagnosis(text);
	expect(diagnosis.causes).toEqual(['https-listener', 'unrelated']);
	expect(diagnosis.question).toMatch(/Test-WSMan -ComputerName <hop1> -UseSSL/);
});

test('the same words with no remote session in sight are first not a remoting problem, then the family', () => {
	// real-xebialabs-docs-102 (a Java WinRM client's refused connection, bare), real-pypsexec-13 (SMB's
	// service manager)
	expectNotRemotingFirst('java.net.ConnectException: Connection refused', 'unreachable');
	expectNotRemotingFirst(
		' SCMRException: Exception calling ROpenSCManagerW. Code: 5, Msg: ERROR_ACCESS_DENIED',
		'trustedhosts-or-auth',
	);
});

test("the same words beside another program's address name nothing", () => {
	// curl's own refusal (its man page, exit code 7) and a Python client naming port 443
	for (const text of [
		'curl: (7) Failed to connect to localhost port 8080: Connection refused',
		"HTTPSConnectionPool(host='pypi.org', port=443): Max retries exceeded with url: /simple/pip/",
	]) {
		expect(diagnose(text).status).toBe('not-recognised');
	}
});

test('a remote command failing in words of no family stays unrecognised', () => {
	// real-powershell-14738: Invoke-Command returning an object the caller cannot cast
	expect(
		diagnose("Invoke-Command: Unable to cast object of type 'System.String' to type 'VMState'.")
			.status,
	).toBe('not-recognised');
});

test("an Ansible ad-hoc run's failure (`host | UNREACHABLE! =>`) is read as a remote run", () => {
	// real-ansible-33347: a Kerberos library error on the Ansible controller, labelled unrelated, so
	// the check that tells a logon failure from the program's own error comes with it
	const diagnosis = ambiguousDiagnosis(
		'Test-Machine | UNREACHABLE! => {\n    "changed": false,\n    "msg": "kerberos: __init__() got an unexpected keyword argument \'hostname_override\'",\n    "unreachable": true',
	);
	expect(diagnosis.causes).toEqual(['trustedhosts-or-auth', 'unrelated']);
});

test(".NET's UnauthorizedAccessException is a path's permissions, not the words of a failed logon", () => {
	// real-pastebin-94smztpr: New-Item refused on a path, no remote session in sight
	const text =
		"Access to the path '\\vue2dvpahs5sapmntHS5SYSprofiletest.txt' is denied.\n+ CategoryInfo : PermissionDenied: (\\vue2dvpahs5s...rofiletest.txt:String) [New-Item], UnauthorizedAccessException\n+ FullyQualifiedErrorId : NewItemUnauthorizedAccessError,Microsoft.PowerShell.Commands.NewItemCommand";
	expect(diagnose(`[hyperv1]: PS C:\\> ${text}`).best?.id).not.toBe('words-logon-failure');
});

test("a WinRM Kerberos code one matcher short of naming its entry is that entry's cause first, or no remoting problem", () => {
	// https://github.com/MicrosoftDocs/SupportArticles-docs/blob/72533e976302c1a6156c3352500846e2b3e51628/support/system-center/vmm/add-managed-host-error-2927.md
	const diagnosis = ambiguousDiagnosis(
		'> Error (2927)  \n> A Hardware Management error has occurred trying to contact server \\<server>.  \n> (Unknown error 0x8033809d))\n>\n> Recommended Actions  \n> Check that WinRM is installed and running on server \\<server>. For more information use the command "winrm helpmsg hrresult".',
	);
	expect(diagnosis.causes).toEqual(['trustedhosts-or-auth', 'unrelated']);
	expect(diagnosis.evidence.map((found) => found.text)).toEqual(['0x8033809d']);
});

test('a CredSSP tool saying the session is not elevated is this shell first, or no remoting problem', () => {
	// https://github.com/dataplat/dbatools/blob/ad86b331bfaff1b6dae2e1bf1f43229b89c96f3a/private/functions/Initialize-CredSSP.ps1
	const diagnosis = ambiguousDiagnosis(
		'Failed to configure CredSSP because the PowerShell session is not elevated',
	);
	expect(diagnosis.causes).toEqual(['needs-elevation', 'unrelated']);
	expect(diagnosis.question).toMatch(/Run as administrator/);
});

test("WinRM's lead-in cut short, as a guide's heading quotes it, is a logon the client cannot make, or no remoting problem", () => {
	// https://github.com/torivarm/dcst1005/blob/ae45974e11a156ca038525140ec0cf3cf7461d28/Guides/01-06-RemoteInstallPowerShell.md
	const diagnosis = ambiguousDiagnosis(
		'### Problem: "The WinRM client cannot process the request"',
	);
	expect(diagnosis.causes).toEqual(['trustedhosts-or-auth', 'unrelated']);
});

test('a port alone one matcher short does not outrank the words of what failed', () => {
	// real-ansible-12324 (tune): Basic over HTTPS on 5986 refused with HTTP 401; the port is where
	// the connection went, the 401 what failed
	const diagnosis = ambiguousDiagnosis(
		'<192.168.199.93> ESTABLISH WINRM CONNECTION FOR USER:  on PORT 5986 TO 192.168.199.93\n<192.168.199.93> WINRM CONNECT: transport=plaintext endpoint=https://192.168.199.93:5986/wsman\n<192.168.199.93> WINRM CONNECTION ERROR: 401 Unauthorized. basic auth failed\n192.168.199.93 | FAILED => 401 Unauthorized. basic auth failed',
	);
	expect(diagnosis.causes).toEqual(['trustedhosts-or-auth', 'unrelated']);
	expect(diagnosis.evidence.map((found) => found.text)).toContain('401');
});

test("a WinRM client's own frame words (/wsman, WinRMTransport) beside a port do not outrank the words of what failed", () => {
	// real-ansible-13416 (tune): HTTP 401 for a domain account over Basic, then HTTPS spoken to 5985
	const diagnosis = ambiguousDiagnosis(tuneRow('real-ansible-13416'));
	expect(diagnosis.causes).toEqual(['trustedhosts-or-auth', 'unrelated']);
	expect(diagnosis.evidence.map((found) => found.text)).toContain('401');
});

test('a port alone one matcher short, with no words of what failed, is still the first guess', () => {
	const diagnosis = ambiguousDiagnosis(
		'<hyperv1> ESTABLISH WINRM CONNECTION FOR USER: admin on PORT 5986 TO hyperv1\nhyperv1 | FAILED! => {"msg": "the connection closed"}',
	);
	expect(diagnosis.causes).toEqual(['unreachable', 'unrelated']);
});

test('a WMI or DCOM call refused, no remote session in sight, is first not a remoting problem, then the target refusing the account', () => {
	// real-zbxwmi-6 (wmic on a Linux Zabbix server: DCE RPC's status name), real-driverautomationtool-788
	// (SCCM's driver tool falling back to DCOM)
	for (const text of [
		'[root@zabmon externalscripts]# ./zbxwmi -action get WMI 10.XX.XX.XX\nAn error occured: rpc_s_access_denied',
		'[WMI] Short name DCOM also failed for <siteservername>: Access Denied',
	]) {
		expectNotRemotingFirst(text, 'remote-access-denied', 'Get-CimInstance Win32_OperatingSystem');
	}
});

test("a CIM cmdlet's 'Access denied' is a WMI call refused too, not a failed logon", () => {
	for (const id of ['real-icinga-powershell-plugins-25', 'real-vscode-remote-release-2648']) {
		expectNotRemotingFirst(
			tuneRow(id),
			'remote-access-denied',
			'Get-CimInstance Win32_OperatingSystem',
		);
	}
});

test('words of a refused logon from a session command that logs on to a third machine put the second hop first', () => {
	// real-powershell-3129: Invoke-RestMethod -UseDefaultCredentials inside a PSSession, closed by
	// design (the session's logon cannot be passed on to the web server)
	const diagnosis = ambiguousDiagnosis(tuneRow('real-powershell-3129'));
	expect(diagnosis.causes).toEqual(['second-hop-denied', 'trustedhosts-or-auth']);
	expect(diagnosis.because[0]).toMatch(/reaches a third machine: Invoke-RestMethod/);
	expect(diagnosis.question).toMatch(/third machine[\s\S]*Or: Does Test-WSMan answer/);
});

test('an I/O operation aborted under a remote command is the connection cut, or no remoting problem', () => {
	// real-cisa-sparrow-40: Exchange Online's remote session dropped under a running command
	const diagnosis = ambiguousDiagnosis(
		'Starting a command on the remote server failed with the following error message : The I/O operation has been aborted because of\neither a thread exit or an application request. For more information, see the about_Remote_Troubleshooting Help topic.\n    + CategoryInfo          : OperationStopped: (outlook.office365.com:String) [], PSRemotingTransportException\n    + FullyQualifiedErrorId : JobFailure\n    + PSComputerName        : outlook.office365.com',
	);
	expect(diagnosis.causes).toEqual(['unreachable', 'unrelated']);
	expect(diagnosis.question).toMatch(/Test-NetConnection -ComputerName <hop1> -Port 5985/);
});

test('a text that speaks of the double hop, no remote session in sight, is first not a remoting problem, then the second hop', () => {
	// real-technet-rob-ssrs-kerberos (Reporting Services' anonymous login, called the double hop by
	// its writer), real-technetwiki-11566-powerpivot (Excel Services' data connection)
	for (const text of [
		'Login failed for User ‘NT Authority\\Anonymous’ (“double-hop”) error',
		'Error message :"The data connection uses Windows Authentication and user credentials could not be delegated. The following connection failed to refresh: PowerPivot Data"',
	]) {
		expectNotRemotingFirst(text, 'second-hop-denied', 'third machine');
	}
});

test('a flag named for a password in the command line is not the words of a failed logon', () => {
	// real-windows-stemcell-concourse-30: stembuild's command line (-vm-password) and its own
	// "host ... is unreachable. Please ensure WinRM is enabled"
	const diagnosis = ambiguousDiagnosis(
		"/tmp/build/b012113a/stembuild/stembuild-linux-x86_64-2019.15 construct -vm-ip '<IP>' -vm-username 'administrator' -vm-password 'XXXXX' -vcenter-url 'XXXXXX' -vcenter-username 'XXXXX' -vcenter-password 'XXXXXX' -vm-inventory-path '/BBBBB/vm/AAAA/2019.15' -vcenter-ca-certs '/tmp/tmp.XcJDGxPiLq'\n\nValidating connection to vm...Could not prepare VM: host 10.162.252.188 is unreachable. Please ensure WinRM is enabled and the IP is correct\n[ERROR]: running construct",
	);
	expect(diagnosis.causes).toEqual(['unreachable', 'unrelated']);
	expect(diagnosis.evidence.map((found) => found.text)).toEqual(['is unreachable']);
});

test("OpenSSL's SSL_connect in a Ruby client's error is the words of a TLS failure", () => {
	// real-inspec-2882: inspec over WinRM HTTPS, the handshake reset by the target
	expectNotRemotingFirst(
		"D:/inspec/inspec/embedded/lib/ruby/gems/2.4.0/gems/httpclient-2.7.2/lib/httpclient/ssl_socket.rb:46:in `connect': An existing connection w\nas forcibly closed by the remote host. - SSL_connect (Errno::ECONNRESET)",
		'https-listener',
	);
});

test("a WinRM client's own words for an address not in TrustedHosts are the words of a refused logon", () => {
	// real-gh-naos-winrm-2: Naos.WinRM (.NET) refusing an IP address outside the trusted hosts list
	expectNotRemotingFirst(
		'Cannot execute a remote command with out the IP address being added to the trusted hosts list.  Please set MachineManager to handle this automatically or add the address manually:',
		'trustedhosts-or-auth',
	);
});

test("doublehop's own error id (its name after the comma) is not the words of the double hop", () => {
	// What doublehop itself prints when a configuration it registered could not be taken back.
	const text =
		'Doublehop.JEA is still registered on hyperv1.contoso.com.\n    + FullyQualifiedErrorId : SessionConfigurationStillRegistered,doublehop';
	const diagnosis = diagnose(text);
	const named = diagnosis.status === 'ambiguous' ? diagnosis.causes : [diagnosis.best?.class];
	expect(named).not.toContain('second-hop-denied');
	// The words themselves still count: "the doublehop problem", as threads write it.
	expect(ambiguousDiagnosis('Invoke-Command fails with the doublehop problem').causes[0]).toBe(
		'second-hop-denied',
	);
});
