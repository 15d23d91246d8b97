// Texts that name their cause by the program that printed them (issue 14, tune-set misses): the
// WinRM client libraries' own messages (masterzen/winrm in Go, OMI's PSRP client under PowerShell on
// Linux, Java's Kerberos under a Java WinRM client), WinRM's own Kerberos text, and the WSMan: drive
// of this computer. Each text is a real-tune.jsonl row, quoted verbatim.
import {expect, test} from 'vitest';
import {ambiguousDiagnosis, expectNotRemotingFirst, firstCauses, tuneRow} from './answers.js';
import {messages} from './messages.js';

test("masterzen/winrm's HTTP 401 (Packer, Terraform) is the first hop refusing the logon", () => {
	// https://github.com/vmware/packer-examples-for-vsphere/issues/491
	const text =
		'2023/02/23 20:22:47 packer-plugin-vsphere_v1.1.1_x5.0_linux_amd64 plugin: 2023/02/23 20:22:47 [INFO] Attempting WinRM connection...\n2023/02/23 20:22:47 packer-plugin-vsphere_v1.1.1_x5.0_linux_amd64 plugin: 2023/02/23 20:22:47 [DEBUG] connecting to remote shell using WinRM\n2023/02/23 20:22:47 packer-plugin-vsphere_v1.1.1_x5.0_linux_amd64 plugin: 2023/02/23 20:22:47 [ERROR] connection error: http response error: 401 - invalid content type';
	expect(firstCauses(text)[0]).toBe('trustedhosts-or-auth');
});

test("OMI's Basic 401 under PowerShell on Linux is the first hop refusing the logon", () => {
	// https://github.com/PowerShell/psl-omi-provider/issues/118
	const text =
		'New-PSSession : [dantradesk] Connecting to remote server dantradesk failed with the following error message : Basic Authorization failed for user psrptest@dantradesk For more information, see the about_Remote_Troubleshooting Help topic.\nAt line:1 char:12\n+ $session = New-PSSession -ComputerName dantradesk -Credential $cred - ...\n+            ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n+ CategoryInfo          : OpenError: (System.Manageme....RemoteRunspace:RemoteRunspace) [New-PSSession], PSRemotingTransportException\n+ FullyQualifiedErrorId : 2,PSSessionOpenFailed';
	expect(firstCauses(text)[0]).toBe('trustedhosts-or-auth');
});

test("OMI's Kerberos failure with -Credential under PowerShell on Linux is a logon failure", () => {
	// https://github.com/NETWAYS/check_by_powershell/issues/7
	const text =
		'OpenError: [%fqdn%] Connecting to remote server %fqdn% failed with the following error message : Kerberos verify cred with password failed No credentials were supplied, or the credentials were unavailable or inaccessible For more information, see the about_Remote_Troubleshooting Help topic.';
	expect(firstCauses(text)[0]).toBe('trustedhosts-or-auth');
});

test("WinRM's 'unknown to Kerberos' is Kerberos to the first hop, with the name itself as the other cause", () => {
	// https://pastebin.com/Ax5Bi4f3
	const text =
		'New-PSSession : [mail.mailserver.se] Connecting to remote server mail.bluestep.se failed with the following error message : WinRM cannot process the request. The following error occurred while using Kerberos\nauthentication: The computer mail.bluestep.se is unknown to Kerberos. Verify that the computer exists on the network, that the name provided is spelled correctly, and that the Kerberos configuration for a\nccessing the computer is correct. The most common Kerberos configuration issue is that an SPN with the format HTTP/mail.mailserver.se is not configured for the target. If Kerberos is not required, specify th\ne Negotiate authentication mechanism and resubmit the operation. For more information, see the about_Remote_Troubleshooting Help topic.';
	expect(firstCauses(text)).toEqual(['trustedhosts-or-auth', 'unreachable']);
});

test('a time-out posting to /wsman is the first hop not answering', () => {
	// https://gist.github.com/nasamin/e87226dc (Terraform remote-exec)
	const text =
		'019-03-19T17:01:11.072Z [DEBUG] plugin.terraform.exe: remote-exec-provisioner (internal) 2019/03/19 17:01:11 [WARN] retryable error: unknown error Post http://10.249.198.227:5985/wsman: dial tcp 10.249.198.227:5985: connectex: A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond.';
	expect(firstCauses(text)[0]).toBe('unreachable');
});

test("Java's 'Cannot locate default realm' from a Java WinRM client is a logon failure", () => {
	// https://github.com/rundeck-plugins/rundeck-winrm-plugin/issues/29
	const text =
		'[overthere-winrm:xxxxxxxxxx] failed: WinRM Error: Login failure sending message on http://xxxxxx.xxxxxx.xxxx:5985/wsman error: Cannot locate default realmRequest:';
	expect(firstCauses(text)[0]).toBe('trustedhosts-or-auth');
});

test('the same Java text with no WinRM in sight is first not a remoting problem', () => {
	// A Java HBase client (https://blog.csdn.net/blackc16/article/details/104594055)
	expectNotRemotingFirst(
		'Caused by: KrbException: Cannot locate default realm',
		'trustedhosts-or-auth',
	);
});

test("Set-Item on WSMan:\\localhost that cannot connect is this computer's WinRM service", () => {
	// https://github.com/MicrosoftDocs/windowsserverdocs/issues/1492 (Windows PowerShell's
	// System.InvalidOperationException id for the provider's error)
	const text =
		'PS C:\\Windows\\system32&gt; Set-Item WSMan:\\localhost\\Client\\TrustedHosts -Value "fqdn-of-hyper-v-host"\nSet-Item : The client cannot connect to the destination specified in the request. Verify that the service on the destination is running and is accepting requests. \nConsult the logs and documentation for the WS-Management service running on the destination, most commonly IIS or WinRM. If the destination is the WinRM service, run \nthe following command on the destination to analyze and configure the WinRM service: "winrm quickconfig". \nAt line:1 char:1\n+ Set-Item WSMan:\\localhost\\Client\\TrustedHosts -Value "fqdn-of-hyper-v ...\n+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n    + CategoryInfo          : NotSpecified: (:) [Set-Item], InvalidOperationException\n    + FullyQualifiedErrorId : System.InvalidOperationException,Microsoft.PowerShell.Commands.SetItemCommand';
	expect(firstCauses(text)[0]).toBe('local-winrm-stopped');
});

test('the WSMan: drive named inside a session that could not open is still the first hop', () => {
	// Reference 2.3 E12 after the remoting wrapper: the session to web01 failed before the command ran.
	const text =
		'PS C:\\> Invoke-Command -ComputerName web01 { Get-Item WSMan:\\localhost\\Service\\Auth\\CredSSP }\n' +
		`[web01] Connecting to remote server web01 failed with the following error message : ${messages.cannotConnect} ` +
		'For more information, see the about_Remote_Troubleshooting Help topic.';
	expect(firstCauses(text)[0]).toBe('unreachable');
});

test('MIT Kerberos finding no ticket for the account on a Linux WinRM client is the logon to the first hop', () => {
	// real-pywinrm-150 (tune): pywinrm's Kerberos transport on a controller where kinit was not run
	// Any Kerberos client prints it: with no WinRM client in sight, "no remoting problem" is second.
	const diagnosis = ambiguousDiagnosis(
		"authGSSClientInit() failed: (('Unspecified GSS failure.  Minor code may provide more information', 851968), (\"Can't find client principal USER@DOMAIN in cache collection\", -1765328243))",
	);
	expect(diagnosis.causes).toEqual(['trustedhosts-or-auth', 'unrelated']);
	expect(diagnosis.best.id).toBe('kerberos-no-ticket-on-client');
	expect(diagnosis.question).toMatch(/klist/);
	// Inside an Ansible run it is the logon to the first hop.
	const inAnsible = firstCauses(
		'fatal: [hyperv1]: UNREACHABLE! => {"changed": false, "msg": "kerberos: authGSSClientInit() failed: ((\'Unspecified GSS failure.  Minor code may provide more information\', 851968), (\"Can\'t find client principal admin@CONTOSO.COM in cache collection\", -1765328243))", "unreachable": true}',
	);
	expect(inAnsible[0]).toBe('trustedhosts-or-auth');
});

test("krb5's own text for the same missing ticket, as evil-winrm's GSSAPI error prints it, is the logon to the first hop", () => {
	// real-gh-r0hna-krb5config-1 (tune)
	// Any Kerberos client prints it, evil-winrm's error frame is not a remote run: ambiguous.
	const diagnosis = ambiguousDiagnosis(
		'    Error: An error of type GSSAPI::GssApiError happened, message is gss_init_sec_context did not return GSS_S_COMPLETE: Unspecified GSS failure.  Minor code may provide more information Matching credential not found',
	);
	expect(diagnosis.causes[0]).toBe('trustedhosts-or-auth');
	expect(diagnosis.best.id).toBe('kerberos-no-ticket-on-client');
});

test("MIT krb5's 'Message stream modified' is a ticket the first hop could not read: the logon, and how to tell", () => {
	// real-overthere-101 (tune): a Java WinRM client's Kerberos error 41 for a realm in the wrong case.
	// Any Kerberos client prints it, so with no WinRM in sight "no remoting problem" is second.
	const diagnosis = ambiguousDiagnosis(tuneRow('real-overthere-101'));
	expect(diagnosis.causes).toEqual(['trustedhosts-or-auth', 'unrelated']);
	expect(diagnosis.best.id).toBe('kerberos-ticket-unreadable');
	expect(diagnosis.question).toMatch(/setspn -Q HTTP\/<hop1>.*krb5\.conf/s);
});

test("Windows' own KRB_AP_ERR_MODIFIED event is the same unreadable ticket, on Windows' side: the SPN entry", () => {
	// https://pastebin.com/7aPMSKqX (event 4 of the Kerberos client): no session in sight, so ambiguous.
	const diagnosis = ambiguousDiagnosis(
		'The kerberos client received a KRB_AP_ERR_MODIFIED error from the server host/server1.datastream.local. The target name used was DATASTREAM\\SERVER1$. This indicates that the password used to encrypt the kerberos service ticket is different than that on the target server. Commonly, this is due to identically named machine accounts in the target realm (DATASTREAM.LOCAL), and the client realm. Please contact your system administrator.',
	);
	expect(diagnosis.causes).toEqual(['trustedhosts-or-auth', 'unrelated']);
	expect(diagnosis.best.id).toBe('kerberos-spn');
});
