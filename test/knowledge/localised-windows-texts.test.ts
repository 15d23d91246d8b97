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
