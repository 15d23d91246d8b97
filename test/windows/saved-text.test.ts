// How saved or piped bytes are read (source/windows/saved-text.ts), beside the whole-command tests
// in test/cli/explain-encodings.test.ts.
import {describe, expect, test} from 'vitest';
import {decodeSavedText, lettersLostToAscii} from '../../source/windows/saved-text.js';

const text = 'Zugriff verweigert: Überprüfen Sie "WSMan:\\localhost\\Client\\TrustedHosts".';

describe('decodeSavedText', () => {
	test.each([
		['UTF-8', Buffer.from(text), 'utf-8'],
		[
			'UTF-8 with a mark',
			Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
			'utf-8',
		],
		[
			'UTF-16LE with a mark',
			Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
			'utf-16le',
		],
		['UTF-16LE without one', Buffer.from(text, 'utf16le'), 'utf-16le'],
		[
			'UTF-16BE with a mark',
			Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
			'utf-16be',
		],
		['Windows-1252', Buffer.from(text, 'latin1'), 'windows-1252'],
	])('%s', (_, bytes, encoding) => {
		expect(decodeSavedText(bytes)).toEqual({text, encoding});
	});

	// Exchange Online's refusal on a Japanese Windows (MicrosoftDocs/OfficeDocs-Enterprise#237,
	// fixtures/errors/localised.jsonl): most of its letters have no zero byte in UTF-16.
	const japanese =
		'New-PSSession : [outlook.office365.com] リモート サーバー outlook.office365.com への接続に失敗し、次のエラー メッセージが返されました: アクセスが拒否されました。詳細については、about_Remote_Troubleshooting の\nヘルプ トピックを参照してください。';
	test.each([
		['UTF-16LE', Buffer.from(japanese, 'utf16le'), 'utf-16le'],
		['UTF-16BE', Buffer.from(japanese, 'utf16le').swap16(), 'utf-16be'],
	])('Japanese in %s without a mark is read as the text it is', (_, bytes, encoding) => {
		// Before: too few zero bytes for UTF-16, so "not text (it holds NUL bytes)".
		expect(decodeSavedText(bytes)).toEqual({text: japanese, encoding});
	});

	test('bytes with zeros that read as control characters are not taken for UTF-16', () => {
		const binary = Buffer.from(Array.from({length: 256}, (_, i) => (i % 2 === 1 ? 0 : i % 7)));
		expect(decodeSavedText(binary).encoding).not.toMatch(/^utf-16/);
	});

	test("Windows-1252's quotes and dash, where Latin-1 has control characters", () => {
		expect(decodeSavedText(Buffer.from([0x93, 0x61, 0x94, 0x20, 0x96, 0xfc])).text).toBe(
			'\u201ca\u201d \u2013ü',
		);
	});

	test('UTF-8 cut inside its last character (the read limit) is still UTF-8', () => {
		const bytes = Buffer.from(`${text} 認証`);
		expect(decodeSavedText(bytes.subarray(0, bytes.length - 1)).encoding).toBe('utf-8');
	});
});

describe('lettersLostToAscii', () => {
	test.each([
		['French through a 5.1 pipe', 'La connexion au serveur distant a ?chou? : Acc?s refus?.', true],
		['Japanese through a 5.1 pipe', 'Enter-PSSession : ??????? hv1 ?????????????', true],
		['English with a question', 'Is WinRM running? Is the firewall open? Access is denied.', false],
		['one query string', 'See https://example.com/page?id=3 for details.', false],
		['letters outside ASCII left', 'Acc?s refusé ??? ', false],
	])('%s', (_, sample, lost) => {
		expect(lettersLostToAscii(sample)).toBe(lost);
	});
});
