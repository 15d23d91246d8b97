// The Windows console and captured output: ASCII on its own where ✓ ✗ ─ █ would not show
// (output captured by PowerShell 5.1 or a CI log, the legacy console host's fonts), unless
// --ascii or --no-ascii says otherwise; and the whole output arrives even when the reader is slow.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {givenBoolean} from '../../source/cli/flags.js';
import {explain as explainText} from '../../source/commands/explain.js';
import {
	chooseJsonAscii,
	consoleShowsLetters,
	consoleShowsUnicode,
} from '../../source/ui/console-unicode.js';

const root = join(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli.js');
const nonAscii = /[^\x00-\x7f]/;

const errorFile = join(mkdtempSync(join(tmpdir(), 'doublehop-console-')), 'error.txt');
writeFileSync(
	errorFile,
	'Connecting to remote server hyperv2 failed with the following error message : WinRM cannot process the request. The following error with errorcode 0x8009030e occurred while using Negotiate authentication: A specified logon session does not exist. It may already have been terminated.\n',
);

function explain(args: string[]) {
	return spawnSync(process.execPath, [cli, 'explain', errorFile, ...args], {
		encoding: 'utf8',
		env: {...process.env, CI: 'true'},
		timeout: 10_000,
	});
}

describe('output captured (not a terminal)', () => {
	test('explain prints ASCII only, since the reader may decode with another code page', () => {
		const result = explain([]);
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('second-hop-denied');
		expect(result.stdout).not.toMatch(nonAscii);
	});

	test('in ASCII, a letter of a script it cannot spell is one "?" (Hangul was three), and Latin keeps its letters', () => {
		const file = join(mkdtempSync(join(tmpdir(), 'doublehop-console-')), 'ko.txt');
		// The Remote Desktop dialog in Korean (Microsoft's Korean troubleshooting article) and in French.
		writeFileSync(
			file,
			'인증 오류가 발생했습니다. 요청한 함수가 지원되지 않습니다.\nUne erreur d’authentification s’est produite.\n',
		);
		const result = spawnSync(process.execPath, [cli, 'explain', file], {
			encoding: 'utf8',
			env: {...process.env, CI: 'true'},
			timeout: 10_000,
		});
		expect(result.stdout).not.toMatch(nonAscii);
		// 인증 오류가: two words of 2 and 3 syllables.
		expect(result.stdout).toContain('?? ???');
		expect(result.stdout).not.toContain('????????');
		expect(result.stdout).toContain("d'authentification");
	});

	test('--no-ascii keeps the Unicode marks', () => {
		const result = explain(['--no-ascii']);
		expect(result.status).toBe(0);
		expect(result.stdout).toMatch(nonAscii);
	});
});

describe('which consoles show ✓ ✗ ─ █', () => {
	const tty = {isTTY: true};
	test.each([
		['a Linux terminal emulator', {...tty, platform: 'linux', env: {TERM: 'xterm-256color'}}, true],
		['the Linux kernel console', {...tty, platform: 'linux', env: {TERM: 'linux'}}, false],
		[
			'a UTF-8 locale',
			{...tty, platform: 'linux', env: {TERM: 'xterm-256color', LANG: 'en_US.UTF-8'}},
			true,
		],
		['LANG=C', {...tty, platform: 'linux', env: {TERM: 'xterm-256color', LANG: 'C'}}, false],
		[
			'LC_ALL=POSIX over a UTF-8 LANG',
			{...tty, platform: 'darwin', env: {LANG: 'en_US.UTF-8', LC_ALL: 'POSIX'}},
			false,
		],
		['a Latin-1 locale', {...tty, platform: 'linux', env: {LC_CTYPE: 'de_DE.ISO-8859-1'}}, false],
		['any output that is not a terminal', {isTTY: false, platform: 'linux', env: {}}, false],
		['Windows Terminal', {...tty, platform: 'win32', env: {WT_SESSION: 'a-guid'}}, true],
		[
			"VS Code's terminal on Windows",
			{...tty, platform: 'win32', env: {TERM_PROGRAM: 'vscode'}},
			true,
		],
		['the legacy Windows console host', {...tty, platform: 'win32', env: {}}, false],
		['captured on Windows', {isTTY: false, platform: 'win32', env: {WT_SESSION: 'a-guid'}}, false],
	] as const)('%s: %s', (_name, facts, shows) => {
		expect(consoleShowsUnicode(facts)).toBe(shows);
	});
});

describe('which consoles show the letters of any script, marks or not', () => {
	const tty = {isTTY: true};
	test.each([
		// WriteConsoleW draws any letter the console font has; the marks are what it may lack.
		['the legacy Windows console host', {...tty, platform: 'win32', env: {}}, true],
		[
			'a Linux terminal under a UTF-8 locale',
			{...tty, platform: 'linux', env: {LANG: 'de_DE.UTF-8'}},
			true,
		],
		['the Linux kernel console', {...tty, platform: 'linux', env: {TERM: 'linux'}}, true],
		['LANG=C', {...tty, platform: 'linux', env: {LANG: 'C'}}, false],
		['captured on Windows', {isTTY: false, platform: 'win32', env: {}}, false],
	] as const)('%s: %s', (_name, facts, shows) => {
		expect(consoleShowsLetters(facts)).toBe(shows);
	});

	// Windows PowerShell 2.0's French about_Remote_Troubleshooting (fixtures/errors/localised.jsonl).
	const french = 'ERREUR : accès refusé. Vous devez exécuter cette applet de commande à part';
	test('where the letters show, explain keeps them and puts only its marks in ASCII', () => {
		const kept = explainText(french, {json: false, ascii: true, keepLetters: true, width: 80});
		// Before: "acces refuse", as in captured output.
		expect(kept.stdout).toContain('accès refusé');
		expect(kept.stdout).not.toMatch(/[•·«»…’“”─✓✗]/);
		const captured = explainText(french, {json: false, ascii: true, width: 80});
		expect(captured.stdout).toContain('acces refuse');
		expect(captured.stdout).not.toMatch(nonAscii);
	});
});

describe('a --json document', () => {
	// PowerShell 5.1 decodes a captured program's output with the OEM code page, a Jenkins agent
	// with its own charset: there the document is written in ASCII, its other letters as \u escapes.
	test.each([
		['captured on Windows: ASCII', {isTTY: false, platform: 'win32', env: {}}, undefined, true],
		['on a Windows console: as it is', {isTTY: true, platform: 'win32', env: {}}, undefined, false],
		['captured on Linux: as it is', {isTTY: false, platform: 'linux', env: {}}, undefined, false],
		[
			'captured on Windows with --no-ascii: as it is',
			{isTTY: false, platform: 'win32', env: {}},
			false,
			false,
		],
		['on Linux with --ascii: ASCII', {isTTY: false, platform: 'linux', env: {}}, true, true],
	] as const)('%s', (_name, facts, flag, ascii) => {
		expect(chooseJsonAscii(flag, facts)).toBe(ascii);
	});

	test('of a run with --ascii escapes what is not ASCII, and reads back the same', () => {
		const run = (args: string[]) =>
			spawnSync(
				process.execPath,
				[cli, '--lab', 'classic', '--json', '--hop1', 'hypérv1', ...args],
				{
					encoding: 'utf8',
					env: {
						...process.env,
						CI: 'true',
						DOUBLEHOP_STATE_DIR: mkdtempSync(join(tmpdir(), 'doublehop-json-')),
					},
					timeout: 10_000,
				},
			).stdout;
		const escaped = run(['--ascii']);
		expect(escaped).not.toMatch(nonAscii);
		expect(escaped).toContain('\\u00e9');
		// The same document but for its transcript's own path, and the --ascii its next step's
		// command line repeats (the command as typed, with the refused --hop1 mended).
		const withoutRecords = (text: string) => {
			const document = JSON.parse(text) as {nextSteps: string[]};
			return {
				...document,
				records: undefined,
				nextSteps: document.nextSteps.map((step) => step.replace(/ --ascii\b/, '')),
			};
		};
		expect(escaped).toContain(' --ascii');
		expect(withoutRecords(escaped)).toEqual(withoutRecords(run([])));
	});
});

test('--ascii and --no-ascii are told apart from not given (the last wins)', () => {
	expect(givenBoolean(['explain'], 'ascii')).toBeUndefined();
	expect(givenBoolean(['--ascii'], 'ascii')).toBe(true);
	expect(givenBoolean(['--no-ascii'], 'ascii')).toBe(false);
	expect(givenBoolean(['--ascii', '--ascii=false'], 'ascii')).toBe(false);
	expect(givenBoolean(['--', '--ascii'], 'ascii')).toBeUndefined();
});

test('a reader slower than the writer still gets the whole JSON document before the exit', () => {
	// A document larger than a pipe holds (64 KB on Linux), read only after a pause: process.exit
	// right after the write would cut it (to 64 KB here), as it cuts console output on Windows.
	const name = 'x'.repeat(100_000);
	const result = spawnSync(
		'sh',
		['-c', '"$0" "$1" --json "$2" | (sleep 1; cat)', process.execPath, cli, name],
		{
			encoding: 'utf8',
			env: {...process.env, CI: 'true', DOUBLEHOP_STATE_DIR: mkdtempSync(join(tmpdir(), 'dh-'))},
			timeout: 15_000,
			maxBuffer: 1024 * 1024,
		},
	);
	const report = JSON.parse(result.stdout) as {headline: string; exitCode: number};
	expect(report.headline).toBe(`unknown command "${name}". Run doublehop --help.`);
	expect(report.exitCode).toBe(2);
});
