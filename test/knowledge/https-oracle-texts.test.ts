// Issue 14: the HTTPS listener and certificate failures as WinRM (wsmerror.h) and other WinRM
// clients word them, the CredSSP update mismatch (CVE-2018-0886) as localised Remote Desktop prints
// it, and errors a log wrote a prefix before each line of. Each text is a transcript from the source
// named beside it, or a message text of the Windows SDK's wsmerror.h.
import {describe, expect, test} from 'vitest';
import {diagnose} from '../../source/knowledge/diagnose.js';
import {ambiguousDiagnosis, expectNotRemotingFirst, firstCause} from './answers.js';

describe('the HTTPS listener refusing its certificate (wsmerror.h)', () => {
	test.each([
		// ERROR_WSMAN_CERT_THUMBPRINT_NOT_BLANK 0x803380E6
		'The WinRM client cannot process the request. The CertificateThumbprint property must be empty when the SSL configuration will be shared with another service.',
		// ERROR_WSMAN_CERT_NOT_FOUND 0x80338082
		'The WS-Management service cannot find the certificate that was requested.',
	])('%s', (text) => {
		expect(firstCause(text)).toBe('https-listener');
	});
});

describe('no TLS session, and certificates other clients refuse beside WinRM', () => {
	test('HTTPS sent to a port that is not an HTTPS listener: the SSL library error', () => {
		// https://github.com/Azure/azure-sdk-tools-samples/issues/48
		expect(
			firstCause(
				'New-PSSession : [_.cloudapp.net] Connecting to remote server *.cloudapp.net failed with the following error message : The server certificate on the destination computer (_.cloudapp.net:80) has the following errors: Encountered an internal error in the SSL library. For more information, see the about_Remote_Troubleshooting Help topic.',
			),
		).toBe('https-listener');
	});

	test("Go's x509 refusal on a /wsman URL is the listener certificate", () => {
		// https://github.com/taliesins/terraform-provider-hyperv/issues/69
		expect(
			firstCause(
				'error uploading shell script: unknown error Post "https://winsrv01.nomupro.local:5986/wsman": x509: certificate signed by unknown authority',
			),
		).toBe('https-listener');
	});

	test("Go's x509 refusal with no WinRM beside it is first not a remoting problem", () => {
		// https://github.com/actions/runner-images/issues/628
		expectNotRemotingFirst('X509: CERTIFICATE SIGNED BY UNKNOWN AUTHORITY', 'https-listener');
	});

	test('a time-out over -UseSSL: the network or the HTTPS listener, and how to tell', () => {
		const diagnosis = ambiguousDiagnosis(
			'PS C:\\> Enter-PSSession -ComputerName hyperv1 -UseSSL\n' +
				'Enter-PSSession : Connecting to remote server hyperv1 failed with the following error message : WinRM cannot complete the operation. Verify that the specified computer name is valid, that the computer is accessible over the network, and that a firewall exception for the WinRM service is enabled and allows access from this computer.',
		);
		expect(diagnosis.causes.slice(0, 2)).toEqual(['unreachable', 'https-listener']);
		expect(diagnosis.question).toContain('without -UseSSL');
	});

	test('the same time-out over HTTP stays the network', () => {
		expect(
			firstCause(
				'Connecting to remote server hyperv1 failed with the following error message : WinRM cannot complete the operation. Verify that the specified computer name is valid, that the computer is accessible over the network.',
			),
		).toBe('unreachable');
	});
});

describe('the CredSSP update mismatch in Remote Desktop on localised Windows', () => {
	test.each([
		// https://megalodon.jp/ref/2018-0509-2211-16/https://qiita.com:443/fjtter/items/be213ff906b17809bf92
		[
			'ja',
			'認証エラーが発生しました。\n要求された関数はサポートされていません\nリモート コンピューター: remotehostname\n原因は CredSSP 暗号化オラクルの修復である可能性があります。',
		],
		// https://altarena.ru/network-location-awareness-na-russkom-windows-10/
		['ru', 'Произошла ошибка проверки подлинности. Указанная функция не поддерживается'],
		// https://blog.impressive-it.de/authentifizierungsfehler-die-angeforderte-funktion-wird-nicht-unterstuetzt
		['de', 'Authentifizierungsfehler.\n\nDie angeforderte Funktion wird nicht unterstützt.'],
		// https://tech.18miaoxing.cn/archives/68099
		['zh', '出现身份验证错误\n要求的函数不受支持'],
		// https://itlabz10.tk/archives/1364 (the dialog without its CredSSP line)
		['it', 'Errore di autenticazione.\nLa funzione richiesta non è supportata.'],
		// Microsoft's "Troubleshooting Remote Desktop connections" (windowsserverdocs, 2019, translated
		// by people: ms.translationtype HT), French and Spanish, and its Brazilian Portuguese copy: the
		// dialog's two lines as each quotes them.
		[
			'fr',
			'Une erreur d’authentification s’est produite. La fonction demandée n’est pas prise en charge',
		],
		['fr', 'Cela peut être dû à la correction d’oracle de chiffrement CredSSP'],
		['es', 'Se ha producido un error de autenticación. No se admite la función solicitada.'],
		['es', 'Esto puede deberse a la corrección de oráculo de cifrado de CredSSP'],
		['pt-BR', 'Ocorreu um erro de autenticação. A função solicitada não é compatível.'],
		['pt-BR', 'Isso pode ser devido a Correção de Oráculo de Criptografia CredSSP'],
		// Korean: the same article (windowsserverdocs.ko-kr), and Alibaba Cloud's and Tencent Cloud's
		// Korean help pages for the Remote Desktop error, which quote the first line alike.
		['ko', '인증 오류가 발생했습니다. 요청한 함수가 지원되지 않습니다.'],
		['ko', 'CredSSP 암호화 오라클 수정이 원인일 수 있습니다.'],
	])('%s', (_language, text) => {
		expect(firstCause(text)).toBe('encryption-oracle');
	});
});

describe('words a log split with a prefix on every line', () => {
	test('an MSI custom action log: the Group Policy refusal is read through "CAQuietExec64:"', () => {
		// https://cloudadministrator.net/2014/01/27/installing-system-center-service-management-automation-worker-role-fails-with-msi-error-1603/
		expect(
			firstCause(
				'CAQuietExec64:  Enable-WSManCredSSP : This command cannot be executed because the setting\nCAQuietExec64:  cannot be enabled.\nCAQuietExec64:  At line:1 char:1\nCAQuietExec64:  + Enable-WSManCredSSP -Role client -DelegateComputer \\*.contoso.com',
			),
		).toBe('gpo-controlled');
	});

	test('three WARNING lines are PowerShell output, not a log prefix: their words still count', () => {
		expect(
			firstCause(
				'WARNING: TCP connect to (10.0.0.21 : 5985) failed\nWARNING: Ping to 10.0.0.21 failed with status: TimedOut\nWARNING: Name resolution of hyperv1 succeeded',
			),
		).toBe('unreachable');
	});
});

test('an unknown authentication package in the remoting frame is authentication to the first hop', () => {
	// https://github.com/aws-quickstart/quickstart-microsoft-sql/issues/14
	expect(
		firstCause(
			'[KWSFCNode1] Connecting to remote server KWSFCNode1 failed with the following error message : A specified authentication package is unknown. For more information, see the about_Remote_Troubleshooting Help topic.',
		),
	).toBe('trustedhosts-or-auth');
});

test('a refusal on 5986: the service not listening, or no HTTPS listener, and how to tell', () => {
	// https://github.com/jborean93/pypsrp/issues/143 (the maintainer asks for the HTTPS listener first)
	const diagnosis = ambiguousDiagnosis(
		"HTTPSConnectionPool(host='hostname', port=5986): Max retries exceeded with url: /wsman (Caused by NewConnectionError('<urllib3.connection.VerifiedHTTPSConnection object at 0x7fe373ac9da0>: Failed to establish a new connection: [Errno 111] Connection refused',))",
	);
	expect(diagnosis.causes.slice(0, 2)).toEqual(['unreachable', 'https-listener']);
	expect(diagnosis.question).toContain('HTTPS listener');
});

describe('a share path not found: the second hop only inside a remote session', () => {
	test('on this machine (a Configuration Manager site drive): not remoting is among the first two', () => {
		// https://github.com/EUCPilots/vcredist/issues/47
		const diagnosis = ambiguousDiagnosis(
			"Get-Item : Cannot find path '\\\\sccm\\source$\\Misc\\Dependencies\\' because it does not exist.\n    + CategoryInfo          : ObjectNotFound: (\\\\sccm\\source$\\Misc\\Dependencies\\:String) [Get-Item], ItemNotFoundException\n    + FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand",
		);
		expect(diagnosis.causes.slice(0, 2)).toEqual(['second-hop-denied', 'unrelated']);
	});

	test('raised on the first hop (+ PSComputerName): the second hop', () => {
		const diagnosis = diagnose(
			"Cannot find path '\\\\fs01\\share\\' because it does not exist.\n    + CategoryInfo          : ObjectNotFound: (\\\\fs01\\share\\:String) [Get-ChildItem], ItemNotFoundException\n    + FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.GetChildItemCommand\n    + PSComputerName        : hyperv1",
		);
		expect(diagnosis.status).toBe('recognised');
		expect(diagnosis.best?.class).toBe('second-hop-denied');
	});
});

test('PowerShell on Linux refusing -UseSSL without -SkipCACheck and -SkipCNCheck is the certificate check, on this client', () => {
	// real-powershell-pr-8279 (tune): the maintainer's example in the pull request that added the text
	const diagnosis = diagnose(
		'New-PSSession : HTTPS on Unix does not support CA or CN checks. Use the PSSessionOption -SkipCACheck and -SkipCNCheck if you are certain of the server you are connecting to.\nAt line:1 char:1\n+ New-PSSession -cn paulhig-2 -Credential $cred -Authentication Basic - ...\n+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n+ CategoryInfo          : ResourceUnavailable: (:) [New-PSSession], PSRemotingTransportException\n+ FullyQualifiedErrorId : System.Management.Automation.Remoting.PSRemotingDataStructureException,Microsoft.PowerShell.Commands.NewPSSessionCommand',
	);
	expect(diagnosis.status).toBe('recognised');
	expect(diagnosis.best?.id).toBe('https-on-unix-no-certificate-checks');
	expect(diagnosis.best?.nextCommand).toContain('-SkipCACheck -SkipCNCheck');
});

test('PowerShell on Linux refusing Basic authentication over HTTP is a matter of the HTTPS listener, with -UseSSL', () => {
	// RemotingErrorIdStrings.resx, BasicAuthOverHttpNotSupported, as PowerShell ships it
	const diagnosis = diagnose('Basic authentication is not supported over HTTP on Unix.');
	expect(diagnosis.status).toBe('recognised');
	expect(diagnosis.best?.id).toBe('basic-over-http-on-unix');
	expect(diagnosis.best?.class).toBe('https-listener');
	expect(diagnosis.best?.nextCommand).toContain('-UseSSL -Authentication Basic');
});

test("Basic, Digest or CredSSP without -Credential, in PowerShell's own words, needs -Credential", () => {
	// RemotingErrorIdStrings.resx, AuthenticationMechanismRequiresCredential, {0} = CredSSP
	const diagnosis = diagnose(
		'CredSSP authentication requires an explicit user name and password.  Specify the user name and password by using the -Credential parameter and try the command again.',
	);
	expect(diagnosis.status).toBe('recognised');
	expect(diagnosis.best?.id).toBe('auth-mechanism-needs-credential');
	expect(diagnosis.best?.class).toBe('credential-required');
});

test('a text that names CVE-2018-0886 is the CredSSP update mismatch', () => {
	// real-pywinrm-221: an issue titled by the patch alone (diyan/pywinrm#221)
	expect(firstCause('CreddSSP Patch CVE-2018-0886')).toBe('encryption-oracle');
});
