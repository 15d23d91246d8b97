// Windows' own messages (not PowerShell's) on Windows in another display language, as Microsoft's
// localised troubleshooting pages quote them: each text is copied from the page named beside it,
// nothing is translated. Each is given the cause its English text is given.
import {describe, expect, test} from 'vitest';
import {firstCause} from './answers.js';

describe('"The target principal name is incorrect" (SEC_E_WRONG_PRINCIPAL) in other languages', () => {
	test('the English text is authentication to the first hop', () => {
		expect(
			firstCause('The target principal name is incorrect. Cannot generate SSPI context.'),
		).toBe('trustedhosts-or-auth');
	});

	test.each([
		// https://docs.microsoft.com/de-DE/troubleshoot/sql/connect/cannot-generate-sspi-context-error
		['de', 'Der Zielprinzipalname ist falsch. SSPI-Kontext kann nicht generiert werden.'],
		// https://support.microsoft.com/kb/811889/fr
		[
			'fr',
			'« Le nom principal de la cible n’est pas correct. » « Impossible de générer un contexte SSPI. »',
		],
		// https://learn.microsoft.com/fr-fr/troubleshoot/sql/database-engine/connect/cannot-generate-sspi-context-error
		['fr', 'Le principal nom cible est incorrect. Impossible de générer un contexte SSPI.'],
		// https://docs.microsoft.com/ja-JP/troubleshoot/sql/connect/cannot-generate-sspi-context-error (two revisions)
		['ja', 'ターゲット プリンシパル名が正しくありません。 SSPI コンテキストを生成できません。'],
		['ja', '対象のプリンシパル名が間違っています。 SSPI コンテキストを生成できません。'],
		// https://learn-microsoft-com.rtu-tc.ru/es-es/troubleshoot/sql/database-engine/connect/cannot-generate-sspi-context-error
		[
			'es',
			'El nombre de la entidad de seguridad de destino es incorrecto. No se puede generar el contexto de SSPI.',
		],
		// https://learn-microsoft-com.rtu-tc.ru/pt-br/troubleshoot/sql/database-engine/connect/cannot-generate-sspi-context-error
		[
			'pt-BR',
			'O nome da entidade de destino está incorreto. Não é possível gerar o contexto SSPI.',
		],
	])('%s: %s', (_language, text) => {
		expect(firstCause(text)).toBe('trustedhosts-or-auth');
	});
});

// A session opened from the first hop, to a third computer, refused: the English block is told by its
// words and the + PSComputerName line after it. On localised Windows the message is translated, but
// the error id and the + labels stay English (property names). The messages below are PowerShell's
// own: Windows PowerShell 5.1's German frame as real transcripts show it (real-automatedlab-1078,
// real-css-exchange-96) and PowerShell 7.6's Korean (RemotingErrorIdStrings.ko.resx,
// ConnectExCallBackError), each with Windows' "Access is denied" in that language.
describe('a session from the first hop refused, on localised Windows', () => {
	const block = (message: string) =>
		`[hyperv2] ${message}\n` +
		'    + CategoryInfo          : OpenError: (hyperv2:String) [], PSRemotingTransportException\n' +
		'    + FullyQualifiedErrorId : AccessDenied,PSSessionStateBroken\n' +
		'    + PSComputerName        : hyperv1\n';

	test.each([
		[
			'en',
			'Connecting to remote server hyperv2 failed with the following error message : Access is denied. For more information, see the about_Remote_Troubleshooting Help topic.',
		],
		[
			'de',
			'Beim Verbinden mit dem Remoteserver "hyperv2" ist folgender Fehler aufgetreten: Zugriff verweigert Weitere Informationen finden Sie im Hilfethema "about_Remote_Troubleshooting".',
		],
		[
			'ko',
			'원격 서버 hyperv2에 연결하지 못했습니다. 다음 오류 메시지가 반환되었습니다. 액세스가 거부되었습니다.',
		],
	])('%s: the second hop, as in English', (_language, message) => {
		expect(firstCause(block(message))).toBe('second-hop-denied');
	});

	test('without + PSComputerName it stays the first hop refusing the account', () => {
		const own = block(
			'Beim Verbinden mit dem Remoteserver "hyperv2" ist folgender Fehler aufgetreten: Zugriff verweigert',
		).replace(/ {4}\+ PSComputerName.*\n/, '');
		expect(firstCause(own)).toBe('remote-access-denied');
	});
});
