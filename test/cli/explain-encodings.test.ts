// An error saved or piped the ways Windows does it reaches explain as the same text: Windows
// PowerShell 5.1's `$Error[0] > err.txt` and Out-File write UTF-16LE with a byte-order mark,
// Start-Transcript UTF-8 with one, Set-Content the ANSI code page, and a pipe to a program turns
// every letter outside ASCII into "?" (about_Character_Encoding and about_Preference_Variables,
// 5.1). Real localised transcripts from fixtures/errors, each with its source thread there.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {cells, cliPath, fold, start, tmuxMissing} from '../terminal/terminal.js';
import {fixtureRows} from '../knowledge/answers.js';
import {inCodePage} from '../helpers/code-page.js';

const row = (file: string, id: string) => {
	const found = fixtureRows(file).find((candidate) => candidate.id === id);
	if (found === undefined) throw new Error(`no row ${id} in ${file}`);
	return found.text;
};
// Japanese: Office's remote PowerShell refusing the account (the first hop).
const japanese = row('localised.jsonl', 'loc-officedocs-enterprise-237');
// German: AutomatedLab meeting a delegation policy with no matching entry.
const german = row('real-tune.jsonl', 'real-automatedlab-1078');

const folder = mkdtempSync(join(tmpdir(), 'doublehop-encodings-'));
function saved(name: string, bytes: Buffer): string {
	const file = join(folder, name);
	writeFileSync(file, bytes);
	return file;
}

function explain(args: string[], input?: Buffer) {
	const result = spawnSync(process.execPath, [cliPath, 'explain', '--json', ...args], {
		...(input === undefined ? {} : {input}),
		encoding: 'utf8',
		timeout: 30_000,
	});
	return {
		...result,
		answer: JSON.parse(result.stdout) as {
			class: string;
			evidence: {text: string}[];
			input: {codePage: string | null};
		},
	};
}

const utf16le = (text: string) =>
	Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

describe('a file as Windows PowerShell 5.1 saves it', () => {
	test.each([
		['Japanese', japanese, 'remote-access-denied'],
		['German', german, 'delegation-policy'],
	])(
		'%s through `> err.txt` (UTF-16LE): the same answer as the text, evidence without stray zeros',
		(_, text, cause) => {
			const plain = explain([], Buffer.from(text, 'utf8')).answer;
			const result = explain([saved(`${cause}.txt`, utf16le(text))]);
			expect(result.answer.class).toBe(cause);
			expect(result.answer).toEqual(plain);
			expect(JSON.stringify(result.answer.evidence)).not.toContain('\\u0000');
			expect(result.stderr).toBe('');
		},
	);

	test('piped through cmd (`type err.txt | doublehop explain`): the mark is read on stdin too', () => {
		const plain = explain([], Buffer.from(japanese, 'utf8')).answer;
		expect(explain([], utf16le(japanese)).answer).toEqual(plain);
	});

	test('Start-Transcript (UTF-8 with a mark): the mark is not part of the text', () => {
		const plain = explain([], Buffer.from(german, 'utf8')).answer;
		const file = saved(
			'transcript.txt',
			Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(german)]),
		);
		expect(explain([file]).answer).toEqual(plain);
	});

	test('Set-Content on Western European Windows (Windows-1252): read in that code page, and said so', () => {
		const file = saved('ansi.txt', Buffer.from(german, 'latin1'));
		const result = explain([file]);
		expect(result.answer.class).toBe('delegation-policy');
		expect(result.stderr).toContain('read as Windows-1252');
		expect(result.stderr).toContain('Out-File');
	});
});

// Set-Content writes the system's ANSI code page: on Russian, Japanese or Chinese Windows the
// words are the cause's only evidence, and read in Windows-1252 they are gone ("Ïîäêëþ÷åíèå").
describe('Set-Content on Windows of another display language (its ANSI code page)', () => {
	test.each([
		[
			'Russian',
			'real-tune.jsonl',
			'real-windoro-credssp-ru',
			'windows-1251',
			'windows-1251',
			'Windows-1251',
		],
		[
			'Japanese',
			'real-tune.jsonl',
			'real-qiita-credssp-ja',
			'shift_jis',
			'shift_jis',
			'Shift-JIS (932)',
		],
		[
			'Simplified Chinese',
			'real-tune.jsonl',
			'real-generals-note-psremote-1',
			'gbk',
			'gb2312',
			'GBK (936)',
		],
		[
			'Traditional Chinese',
			'localised.jsonl',
			'loc-ps2-help-zhtw-elevation',
			'big5',
			'big5',
			'Big5 (950)',
		],
	])(
		'%s: read in its code page, the same answer as the text, and stderr names the code page',
		(_, file, id, label, codePage, named) => {
			const text = row(file, id);
			const plain = explain([], Buffer.from(text, 'utf8')).answer;
			const result = explain([saved(`${id}.txt`, inCodePage(text, label))]);
			expect(result.answer).toEqual({...plain, input: {...result.answer.input, codePage}});
			expect(result.answer.evidence.map((e) => e.text)).toEqual(plain.evidence.map((e) => e.text));
			expect(result.stderr).toContain(`read as ${named}`);
		},
	);

	// No Korean transcript is in the corpus yet: Microsoft's Korean page on WinRM's set-up
	// (learn.microsoft.com/ko-kr/windows/win32/winrm/installation-and-configuration-for-windows-remote-management).
	test('Korean: read in code page 949, the same answer as the text', () => {
		const korean =
			'기본적으로 WinRM 수신기 는 구성되지 않습니다. WinRM 서비스가 실행 중인 경우에도 데이터를 요청하는 프로토콜 메시지를 WS-Management 받거나 보낼 수 없습니다.';
		const plain = explain([], Buffer.from(korean, 'utf8')).answer;
		const result = explain([saved('korean-949.txt', inCodePage(korean, 'euc-kr'))]);
		expect(result.answer).toEqual({
			...plain,
			input: {...result.answer.input, codePage: 'ks_c_5601-1987'},
		});
		expect(result.stderr).toContain('read as code page 949');
	});

	test('German in Windows-1252 stays Windows-1252: its accents are not read as Cyrillic', () => {
		const result = explain([saved('german-1252.txt', Buffer.from(german, 'latin1'))]);
		expect(result.answer.input.codePage).toBe('windows-1252');
	});
});

describe('a pipe from Windows PowerShell 5.1 ($OutputEncoding ASCII)', () => {
	const asAscii = (text: string) => Buffer.from(text.replace(/[^\x00-\x7f]/gu, '?'), 'ascii');

	test('letters lost to "?" are said, with how to pipe the words whole', () => {
		const result = explain([], asAscii(japanese));
		expect(result.stderr).toContain('some letters arrived as "?"');
		expect(result.stderr).toContain('$OutputEncoding = [System.Text.UTF8Encoding]::new()');
	});

	test('German words with "?" for their umlauts still name the cause, as the whole text does', () => {
		const result = explain([], asAscii(german));
		expect(german).toMatch(/[äöüß]/);
		expect(result.answer.class).toBe('delegation-policy');
	});

	test('Japanese, all its letters lost: the ids and codes still name the cause', () => {
		expect(explain([], asAscii(japanese)).answer.class).toBe('remote-access-denied');
	});

	test('an English error with a question mark in it is not taken for one', () => {
		const result = explain(
			[],
			Buffer.from(
				'Connecting to remote server hyperv1 failed with the following error message : Access is denied. Did you mean hyperv1.contoso.com? For more information, see the about_Remote_Troubleshooting Help topic.',
			),
		);
		expect(result.stderr).toBe('');
	});
});

// The notices are sentences for the admin on stderr: in a narrow terminal they are cut at spaces,
// as refusals are, not broken mid-word by the terminal.
describe('a notice on stderr in a 40-column terminal', () => {
	test.skipIf(tmuxMissing() !== undefined)(
		'the code page notice is cut at spaces to fit',
		async () => {
			const text = row('real-tune.jsonl', 'real-windoro-credssp-ru');
			const file = saved('narrow-1251.txt', inCodePage(text, 'windows-1251'));
			const terminal = start({cols: 40, rows: 40, args: ['explain', file]});
			try {
				expect(await terminal.exitCode()).toBe(0);
				const lines = terminal.joinedHistory().trimEnd().split('\n');
				const notice = lines.slice(
					0,
					lines.findIndex((line) => line.startsWith('Recognised')),
				);
				expect(notice[0]).toMatch(/^doublehop: the error is neither /);
				expect(notice.length).toBeGreaterThan(3);
				for (const line of notice) expect(cells(line)).toBeLessThan(40);
				expect(fold(notice.join(' '))).toContain('read as Windows-1251, the code page');
			} finally {
				terminal.close();
			}
		},
		40_000,
	);
});
