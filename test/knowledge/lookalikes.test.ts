// Classes that share words, told apart: each pair is one fixture of each side, asserting the class,
// the entry and (where the fixes differ) the next command.
import {describe, expect, test} from 'vitest';
import {diagnose} from '../../source/knowledge/diagnose.js';
import {ambiguousDiagnosis, tuneRow} from './answers.js';
import type {Diagnosis} from '../../source/knowledge/diagnose.js';
import {messages} from './messages.js';

/** A cause was named: recognised, or ambiguous with the matched entry first among its causes. */
function recognised(text: string): Exclude<Diagnosis, {status: 'not-recognised'}> {
	const diagnosis = diagnose(text);
	if (diagnosis.status === 'not-recognised')
		throw new Error(`not recognised: ${text.slice(0, 80)}`);
	return diagnosis;
}

function alternativeClasses(diagnosis: Diagnosis): string[] {
	return diagnosis.alternatives.map((alternative) => alternative.class);
}

describe('CredSSP client disabled / delegation policy / not trusted', () => {
	test('client disabled wins over the "Allow Delegating Fresh Credentials" tail it shares with E2', () => {
		const diagnosis = recognised(messages.clientCredSspDisabled);
		expect(diagnosis.best.id).toBe('client-credssp-disabled');
		expect(diagnosis.confidence).toBe('high');
		expect(alternativeClasses(diagnosis)).not.toContain('delegation-policy');
	});

	test('no matching delegation entry', () => {
		const diagnosis = recognised(messages.delegationNoMatch);
		expect(diagnosis.best.class).toBe('delegation-policy');
		expect(alternativeClasses(diagnosis)).not.toContain('credssp-client-disabled');
	});

	test('"because the computer is not trusted" beats the generic delegation text it contains', () => {
		const diagnosis = recognised(messages.delegationNtlmOnly);
		expect(diagnosis.best.class).toBe('not-trusted-for-delegation');
		expect(diagnosis.best.nextCommand).toBe('setspn -Q WSMAN/<hop1>');
		expect(alternativeClasses(diagnosis)).not.toContain('delegation-policy');
	});

	test('the shared tail alone cannot rule out client-disabled', () => {
		const tail =
			'Computer Configuration -> Administrative Templates -> System -> Credentials Delegation -> Allow Delegating Fresh Credentials.';
		const diagnosis = recognised(tail);
		expect(diagnosis.best.class).toBe('delegation-policy');
		expect(alternativeClasses(diagnosis)).toContain('credssp-client-disabled');
		expect(diagnosis.confidence).not.toBe('high');
	});

	test('Basic disabled in the client configuration is not CredSSP disabled', () => {
		const basic =
			'The WinRM client cannot process the request. Basic authentication is currently disabled in the client configuration.';
		expect(recognised(basic).best.class).toBe('trustedhosts-or-auth');
		expect(recognised(messages.clientCredSspDisabled).best.class).toBe('credssp-client-disabled');
	});

	test('server side: mechanism not supported by the server', () => {
		const diagnosis = recognised(messages.serverCredSspDisabled);
		expect(diagnosis.best.class).toBe('credssp-server-disabled');
		expect(diagnosis.best.nextCommand).toContain('Enable-WSManCredSSP -Role Server');
	});

	test('no -Credential is neither side being disabled', () => {
		expect(recognised(messages.credentialRequired).best.class).toBe('credential-required');
	});

	test('-DelegateComputer missing for the client role vs given for the server role', () => {
		expect(recognised(messages.delegateComputerMandatory).best.class).toBe(
			'credssp-client-disabled',
		);
		expect(recognised(messages.delegateComputerNotForServer).best.class).toBe(
			'credssp-server-disabled',
		);
	});
});

describe('unreachable variants vs the HTTPS listener', () => {
	test.each([
		['timeout', messages.timeout, 'unreachable', 'unreachable-timeout'],
		['refused', messages.refused, 'unreachable', 'unreachable-not-listening'],
		['cannot connect', messages.cannotConnect, 'unreachable', 'unreachable-not-listening'],
		['name not resolved', messages.nameNotResolved, 'unreachable', 'unreachable-name'],
		['SSL connection', messages.sslNotEstablished, 'https-listener', 'https-ssl-not-established'],
		['no certificate', messages.noCertificate, 'https-listener', 'https-no-certificate'],
		['unknown CA', messages.unknownCa, 'https-listener', 'https-untrusted-certificate'],
	])('%s', (_name, text, expectedClass, expectedEntry) => {
		const diagnosis = recognised(text);
		expect(diagnosis.best.class).toBe(expectedClass);
		expect(diagnosis.best.id).toBe(expectedEntry);
	});

	test('quickconfig run without elevation: the "cannot connect" that follows is a consequence', () => {
		const transcript =
			'Error: One or more update steps could not be completed.\nCould not change the WinRM service type: Access is denied.\n' +
			'Could not start the WinRM service: Access is denied.\n\n' +
			messages.cannotConnect +
			'\n\nError number:  -2144108526 0x80338012';
		const diagnosis = recognised(transcript);
		expect(diagnosis.best.class).toBe('needs-elevation');
		expect(alternativeClasses(diagnosis)).not.toContain('unreachable');
	});
});

describe('"Access is denied" in four places', () => {
	test('inside the session, from Hyper-V: second hop', () => {
		const diagnosis = recognised(messages.hyperVSecondHop);
		expect(diagnosis.best.id).toBe('second-hop-hyperv');
		expect(diagnosis.best.stage).toBe('risk');
	});

	test('WMI from the session (E_ACCESSDENIED): second hop', () => {
		const text = 'Access is denied. (Exception from HRESULT: 0x80070005 (E_ACCESSDENIED))';
		expect(recognised(text).best.class).toBe('second-hop-denied');
	});

	test('in the "Connecting to remote server" prefix: the first hop refuses the account', () => {
		const diagnosis = recognised(messages.firstHopAccessDenied);
		expect(diagnosis.best.class).toBe('remote-access-denied');
		expect(diagnosis.best.stage).toBe('first-hop');
	});

	test('the same block raised on the first hop (+ PSComputerName): second hop', () => {
		const nested =
			messages.firstHopAccessDenied.replaceAll('hyperv1', 'hyperv2') +
			'\n    + PSComputerName        : hyperv1';
		expect(recognised(nested).best.class).toBe('second-hop-denied');
	});

	test('a bare "Access is denied" block raised on the first hop: the second hop, or the command\'s own permission there', () => {
		// real-activedirectorydsc-118 (xADUser on a SQL server: New-ADUser refused by AD itself),
		// real-exchangedsc-25 (a scheduled task's stored password refused on the machine itself)
		const elsewhere = ambiguousDiagnosis(tuneRow('real-exchangedsc-25'));
		expect(elsewhere.causes.slice(0, 2)).toEqual(['second-hop-denied', 'unrelated']);
		expect(elsewhere.question).toContain('Run it on the first hop itself');
		// Raised on localhost: the command ran on this machine, so its own failure comes first.
		const here = ambiguousDiagnosis(tuneRow('real-activedirectorydsc-118'));
		expect(here.causes.slice(0, 2)).toEqual(['unrelated', 'second-hop-denied']);
	});

	test('"You need to run this cmdlet from an elevated process": this shell', () => {
		const diagnosis = recognised(messages.notElevated);
		expect(diagnosis.best.class).toBe('needs-elevation');
		expect(diagnosis.best.nextCommand).toBe('Start-Process powershell -Verb RunAs');
	});

	test('bare "Access is denied": ambiguous, the three places ranked, and the question that tells them apart', () => {
		const diagnosis = ambiguousDiagnosis('Access is denied.');
		expect(diagnosis.best.class).toBe('remote-access-denied');
		expect(diagnosis.confidence).toBe('low');
		// No remote session in sight: "not a remoting problem" second (issue 14, the unrelated decision).
		expect(diagnosis.causes).toEqual([
			'remote-access-denied',
			'unrelated',
			'second-hop-denied',
			'needs-elevation',
		]);
		expect(diagnosis.question).toContain('reach a third machine');
		expect(alternativeClasses(diagnosis)).toEqual(
			expect.arrayContaining(['needs-elevation', 'second-hop-denied']),
		);
	});
});

describe('Group Policy', () => {
	test('a WinRM setting owned by policy vs the delegation list that will not stick', () => {
		const owned = recognised(messages.gpoCredSsp);
		const overridden = recognised(messages.gpoSettingCannotBeEnabled);
		expect(owned.best.class).toBe('gpo-controlled');
		expect(overridden.best.class).toBe('gpo-controlled');
		expect(owned.best.id).toBe('gpo-credssp-setting');
		expect(overridden.best.id).toBe('gpo-delegation-list-overridden');
		expect(owned.best.nextCommand).toContain('WinRM');
		expect(overridden.best.nextCommand).toContain('CredentialsDelegation');
	});
});

describe('Kerberos: first-hop SPN vs second-hop logon session', () => {
	test('0x80090322 is the SPN of the first hop', () => {
		const diagnosis = recognised(messages.kerberosSpn);
		expect(diagnosis.best.class).toBe('trustedhosts-or-auth');
		expect(diagnosis.best.id).toBe('kerberos-spn');
	});

	test('0x8009030e is the second hop, even with the "Possible causes" block', () => {
		const text =
			messages.secondHopLogonSession +
			'\n Possible causes are:\n  -The user name or password specified are invalid.\n  -Kerberos is used when no authentication method and no user name are specified.';
		const diagnosis = recognised(text);
		expect(diagnosis.best.class).toBe('second-hop-denied');
		expect(alternativeClasses(diagnosis)).not.toContain('trustedhosts-or-auth');
	});

	test("Kerberos 'access denied' is authentication, not the account being refused", () => {
		const text =
			"The WinRM client cannot process the request. The WinRM client tried to use Kerberos authentication mechanism, but the destination computer (HYPERV1:5985) returned an 'access denied' error.";
		expect(recognised(text).best.id).toBe('kerberos-access-denied');
	});

	test('TrustedHosts for an IP address is not the NTLM-only delegation refusal', () => {
		expect(recognised(messages.ipAddress).best.class).toBe('trustedhosts-or-auth');
		expect(recognised(messages.delegationNtlmOnly).best.class).toBe('not-trusted-for-delegation');
	});
});

describe('other second-hop symptoms and their look-alikes', () => {
	test('SQL: ANONYMOUS LOGON is the second hop, a named login is not', () => {
		expect(recognised("Login failed for user 'NT AUTHORITY\\ANONYMOUS LOGON'.").best.class).toBe(
			'second-hop-denied',
		);
		const named =
			"Login failed for user 'DOMAIN\\User1'. Reason: Could not find a login matching the name provided.";
		expect(diagnose(named).status).toBe('not-recognised');
	});

	test('AD Web Services: delegation, unless DNS failed for the host', () => {
		const adws =
			'Get-ADForest : Unable to contact the server. This may be because this server does not exist, it is currently down, or it does not have the Active Directory Web Services running.';
		expect(recognised(adws).best.class).toBe('second-hop-denied');
		const dns = `${adws} ---> System.ServiceModel.EndpointNotFoundException: No DNS entries exist for host north.sevenkingdoms.local.`;
		expect(recognised(dns).best.class).toBe('unreachable');
	});

	test("another computer's Service Control Manager vs this computer's", () => {
		expect(
			recognised("Cannot open Service Control Manager on computer 'w08r2sql08'.").best.class,
		).toBe('second-hop-denied');
		expect(recognised("Cannot open Service Control Manager on computer '.'.").best.class).toBe(
			'needs-elevation',
		);
	});

	test("this computer's Service Control Manager, refused to a module a remote runner ran there", () => {
		// ansible-collections/ansible.windows#692 (tune set): Ansible over WinRM as a member of Remote
		// Management Users only; the session opened, the host's service manager refused the account.
		const ansible = `FAILED! => {"changed": false, "msg": "Unhandled exception while executing module: Cannot open Service Control Manager on computer '.'. This operation might require other privileges."}`;
		const diagnosis = recognised(ansible);
		expect(diagnosis.best.class).toBe('remote-access-denied');
		expect(diagnosis.status === 'ambiguous' ? diagnosis.causes[0] : diagnosis.best.class).toBe(
			'remote-access-denied',
		);
		// The same words inside an Enter-PSSession prompt, and with + PSComputerName after them.
		const prompt = `[web01]: PS C:\\Users\\ops\\Documents> Get-Service
Get-Service : Cannot open Service Control Manager on computer '.'. This operation might require other privileges.`;
		expect(recognised(prompt).best.class).toBe('remote-access-denied');
		const record = `Cannot open Service Control Manager on computer '.'. This operation might require other privileges.
    + CategoryInfo          : NotSpecified: (:) [Get-Service], InvalidOperationException
    + FullyQualifiedErrorId : System.InvalidOperationException,Microsoft.PowerShell.Commands.GetServiceCommand
    + PSComputerName        : web01`;
		expect(recognised(record).best.class).toBe('remote-access-denied');
	});

	test('HTTP 401 from the WS-Management endpoint, as the Java WinRM client (overthere) prints it', () => {
		// rundeck-plugins/rundeck-winrm-plugin#44 (tune set); the same line in xebialabs/overthere#135.
		const diagnosis = recognised(
			'16:27:34\t\t\tcom.xebialabs.overthere.cifs.winrm.WinRmRuntimeIOException: Unexpected HTTP response on http://domain:5985/wsman:   (401)',
		);
		expect(diagnosis.best.class).toBe('trustedhosts-or-auth');
		expect(alternativeClasses(diagnosis)).toContain('remote-access-denied');
		// Another status on the same endpoint is not an authentication failure.
		expect(
			diagnose(
				'com.xebialabs.overthere.cifs.winrm.WinRmRuntimeIOException: Unexpected HTTP response on http://mywindowsserver:5985/wsman:   (500)',
			).best?.id,
		).not.toBe('credentials-rejected');
	});

	test('credentials rejected: authentication first, the refused account as alternative', () => {
		const diagnosis = recognised('basic: the specified credentials were rejected by the server');
		expect(diagnosis.best.class).toBe('trustedhosts-or-auth');
		expect(alternativeClasses(diagnosis)).toContain('remote-access-denied');
	});

	test('the CredSSP update mismatch: the remoting form needs the connecting prefix', () => {
		expect(
			recognised('This could be due to CredSSP encryption oracle remediation.').best.class,
		).toBe('encryption-oracle');
		expect(recognised(messages.oracleRemoting).best.class).toBe('encryption-oracle');
		expect(diagnose('The request is not supported').status).toBe('not-recognised');
		// Localised dialogs keep "CredSSP" and "oracle" and the fwlink id.
		expect(recognised('CredSSP-Verschluesselungsoracle-Wiederherstellung').best.class).toBe(
			'encryption-oracle',
		);
	});
});
