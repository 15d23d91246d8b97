// WinRM clients that are not Windows PowerShell name a logon or connection failure by their own
// codes and messages (issue 14, tune-set misses): OMI's MI result names under PowerShell on Linux
// and macOS, Java's Kerberos under a Java WinRM client, Puppet Bolt's WinRM transport. Each rule is
// the library's documented behaviour (its source, cited in the cause files); the texts are
// real-tune.jsonl rows or public threads outside the measure set, quoted verbatim, or the library's
// own source where a negative case is needed.
import {expect, test} from 'vitest';
import {diagnose} from '../../source/knowledge/diagnose.js';
import {expectNotRemotingFirst, firstCauses} from './answers.js';

test("OMI's MI_RESULT_ACCESS_DENIED in the remoting wrapper is a logon the first hop refused", () => {
	// real-omi-11 (https://github.com/jborean93/omi/issues/11)
	const text =
		'New-PSSession: [xxxxxx.xxxxx.domain] Connecting to remote server xxxxxx.xxxxx.domain failed with the following error message : MI_RESULT_ACCESS_DENIED For more information, see the about_Remote_Troubleshooting Help topic.';
	const diagnosis = diagnose(text);
	expect(diagnosis.status).toBe('ambiguous');
	expect(firstCauses(text)).toEqual(['trustedhosts-or-auth', 'remote-access-denied']);
});

test('the same code printed by Enter-PSSession without the wrapper is the same logon failure', () => {
	// https://github.com/PowerShell/PowerShell/issues/7425 (PowerShell 6.0.2 on CentOS)
	const text = 'Enter-PSSession : MI_RESULT_ACCESS_DENIED\nAt line:1 char:2';
	expect(firstCauses(text)[0]).toBe('trustedhosts-or-auth');
});

test("OMI's MI_RESULT_INVALID_PARAMETER from New-PSSession is its authentication failing", () => {
	// real-powershell-12316 (Kerberos from CentOS with no -Credential)
	expect(firstCauses('New-PSSession: MI_RESULT_INVALID_PARAMETER')[0]).toBe('trustedhosts-or-auth');
});

test("omicli's MI_RESULT_ACCESS_DENIED (an OMI server, no remoting cmdlet) is first not a remoting problem", () => {
	// microsoft/omi's own omicli test expectation (Unix/tests/omicli), the CLI of the CIM server
	expectNotRemotingFirst('omicli: result: MI_RESULT_ACCESS_DENIED', 'trustedhosts-or-auth');
});

test("Java's 'Cannot locate KDC' from a Java WinRM client is a logon failure", () => {
	// real-rundeck-winrm-plugin-41
	const text =
		'[overthere-winrm:fids-chef-nish.ediscovery.local] failed: WinRM Error: Login failure sending message on http://fids-chef-nish.ediscovery.local:5985/wsman error: Cannot locate KDCRequest:';
	expect(firstCauses(text)[0]).toBe('trustedhosts-or-auth');
});

test("Java's 'Cannot locate KDC' with no WinRM in sight is first not a remoting problem", () => {
	// sun.security.krb5.Config.getKDCList: `new KrbException("Cannot locate KDC")`
	expectNotRemotingFirst('KrbException: Cannot locate KDC', 'trustedhosts-or-auth');
});

test("Bolt's time-out on the HTTPS port is unreachable or no HTTPS listener, and says how to tell", () => {
	// real-bolt-868
	const text =
		"Failed on wwgmxp5nablefwt.delivery.puppetlabs.net:\n  Timeout after 10 seconds connecting to https://wwgmxp5nablefwt.delivery.puppetlabs.net:5986/wsmanVerify that required WinRM ports are open, or use --no-ssl if this host isn't configured to use SSL for WinRM.";
	const diagnosis = diagnose(text);
	expect(diagnosis.status).toBe('ambiguous');
	expect(new Set(firstCauses(text))).toEqual(new Set(['unreachable', 'https-listener']));
});

test("Bolt's time-out over HTTP is the first hop not answering", () => {
	// Bolt's WinRM transport (puppetlabs/bolt lib/bolt/transport/winrm/connection.rb): "Timeout after
	// #{connect-timeout} seconds connecting to #{endpoint}", the endpoint http://host:5985/wsman
	const text = 'Timeout after 10 seconds connecting to http://winserver01:5985/wsman';
	expect(firstCauses(text)[0]).toBe('unreachable');
});

test("Service Fabric's deployer refused by another machine's service manager is a second hop or no remoting problem", () => {
	// real-service-fabric-728: fails through Invoke-Command, works over RDP. The same text without a
	// remote session: https://github.com/microsoft/service-fabric-issues/issues/360
	const text =
		'2018/07/19-02:56:07.262,Verbose,8176,SystemFabricDeployer.SFDeployer,Validating each machine has RemoteRegistry service enabled.\n2018/07/19-02:56:07.283,Error,1572,FabricDeployer.FabricDeployer,Unable to change open service manager handle because Error 5: Access is denied';
	expect(firstCauses(text)).toEqual(['second-hop-denied', 'unrelated']);
	const standalone =
		'Unable to change open service manager handle because Error 5: Access is denied\nUnable to change open service manager handle because Error 5: Access is denied';
	expect(firstCauses(standalone)).toEqual(['second-hop-denied', 'unrelated']);
});
