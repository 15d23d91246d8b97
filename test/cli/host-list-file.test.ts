// --hop1 @file as Windows writes it, and a list that names one host twice. Windows PowerShell
// 5.1's `>` and Out-File write UTF-16LE with a byte-order mark and CRLF lines (about_Character_
// Encoding, 5.1: "Out-File and the redirection operators > and >> create UTF-16LE"; -Encoding
// BigEndianUnicode writes UTF-16BE with its mark): such a list is read as text, as explain reads it.
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {cliPath} from '../terminal/terminal.js';

let folder: string;
beforeEach(() => {
	folder = mkdtempSync(join(tmpdir(), 'doublehop-host-list-'));
});
afterEach(() => rmSync(folder, {recursive: true, force: true}));

type Report = {verdict: string; exitCode: number; headline: string; nextSteps: string[]};

function run(...args: string[]) {
	const result = spawnSync(process.execPath, [cliPath, '--json', '--password-stdin', ...args], {
		input: 'Passw0rd!\n',
		encoding: 'utf8',
		env: {...process.env, DOUBLEHOP_STATE_DIR: join(folder, 'state'), CI: 'true'},
		timeout: 30_000,
	});
	return {code: result.status, report: JSON.parse(result.stdout) as Report};
}

/** The bytes `'hv09','hv10' > hosts.txt` writes in Windows PowerShell 5.1 (or BigEndianUnicode). */
function savedByWindows(name: string, order: 'le' | 'be'): string {
	const utf16le = Buffer.from('\uFEFFhv09\r\nhv10\r\n', 'utf16le');
	const path = join(folder, name);
	writeFileSync(path, order === 'le' ? utf16le : Buffer.from(utf16le).swap16());
	return path;
}

describe('--hop1 @file saved by Windows', () => {
	test.each(['le', 'be'] as const)(
		'UTF-16 %s with a mark and CRLF: its names are read',
		(order) => {
			// Before: "line 1: ... "\uFFFD" (U+FFFD) is not an ASCII character.", exit 2.
			const path = savedByWindows(`hosts-${order}.txt`, order);
			const fixed = run(
				'--lab',
				'fleet',
				'--hop1',
				`@${path}`,
				'--yes',
				'--steps',
				'client,server',
			);
			expect(fixed.report.headline).toMatch(/^2 first hops: /);
			expect(fixed.report.verdict).toBe('fixed');
			const undone = run('undo', '--lab', 'fleet', '--hop1', `@${path}`, '--yes');
			expect(undone.report.verdict).toBe('undone');
		},
	);

	test('a file that is not text says what it is and how to save the list as text', () => {
		const path = join(folder, 'hosts.png');
		writeFileSync(path, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
		const refused = run('--lab', 'fleet', '--hop1', `@${path}`);
		expect(refused.code).toBe(2);
		expect(refused.report.headline).toBe(
			`--hop1 @${path}: a picture (PNG), not text. Save the list as UTF-8 or ASCII text, one computer name a line, e.g. Get-Content old.txt | Set-Content -Encoding ascii hosts.txt`,
		);
	});
});

describe('one host by its short and its full name', () => {
	test('is refused before anything runs, naming both and where they stand', () => {
		// Before: "2 first hops: 2 fixed", the server role turned on twice on one machine, at once.
		const listed = run(
			'--lab',
			'fleet',
			'--hop1',
			'hv13,hv13.contoso.com',
			'--yes',
			'--steps',
			'client,server',
		);
		expect(listed.code).toBe(2);
		expect(listed.report.headline).toBe(
			'--hop1 entry 1 ("hv13") and entry 2 ("hv13.contoso.com") may be one computer, by its short and its full name: a run would change it twice at once. List it once, by its full name (hv13.contoso.com); if they are two computers, give each by its full name.',
		);
		const path = join(folder, 'hosts.txt');
		writeFileSync(path, 'hv12.contoso.com\nHV13.contoso.com\n\nhv13 # the same\n');
		const filed = run('undo', '--lab', 'fleet', '--hop1', `@${path}`, '--yes');
		expect(filed.code).toBe(2);
		expect(filed.report.headline).toMatch(
			new RegExp(
				`^--hop1 @${path}, line 2 \\(HV13\\.contoso\\.com\\) and line 4 \\(hv13\\) may be one computer`,
			),
		);
		// Nothing ran: the lab was never made.
		expect(existsSync(join(folder, 'state', 'lab'))).toBe(false);
	});
});
