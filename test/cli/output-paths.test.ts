// Every file a run writes (--export, --export-dsc, --export-ansible, --transcript, --lab-state) is checked before anything runs:
// one that cannot be written is named with the reason, nothing is changed, exit 2, and under
// --json the one document is the error. Tests run as root, whom a read-only folder does not stop,
// so a path is made unwritable by a file where a folder is needed.
import {existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {runCli, runJsonDocument} from '../helpers/json-run.js';

let stateDir: string;
let blocker: string;
beforeEach(() => {
	stateDir = mkdtempSync(join(tmpdir(), 'doublehop-outputs-'));
	blocker = join(stateDir, 'file.txt');
	writeFileSync(blocker, 'a file, not a folder');
});
afterEach(() => {
	rmSync(stateDir, {recursive: true, force: true});
});

const run = (args: string[]) => runCli(args, {stateDir});
const json = (args: string[]) => runJsonDocument(args, {stateDir});
const fixClassic = (...more: string[]) =>
	json([
		'--json',
		'--yes',
		'--steps',
		'client,server',
		'--lab',
		'classic',
		'--password-stdin',
		...more,
	]);
// A run that changes nothing: the classic lab still needs every change.
const labUntouched = () => {
	const again = json(['--json', '--lab', 'classic', '--password-stdin']);
	return (again.report as {verdict: string}).verdict === 'needs-changes';
};

type Document = {verdict: string; headline: string; changes: unknown[]};

describe('output paths are checked before the first change', () => {
	test.each([
		['--export', 'out.ps1'],
		['--export-dsc', 'out.ps1'],
		['--export-ansible', 'out.yml'],
		['--transcript', 'run.md'],
	])(
		'%s under a file: named with the reason, --json error document, exit 2, nothing changed',
		(flag, name) => {
			const path = join(blocker, name);
			const result = fixClassic(flag, path);
			expect(result.code).toBe(2);
			expect(result.stderr).not.toMatch(/\n\s+at /);
			const report = result.report as Document;
			expect(report.verdict).toBe('error');
			expect(report.changes).toEqual([]);
			expect(report.headline).toContain(flag);
			expect(report.headline).toContain(path);
			expect(report.headline).toMatch(/is a file, not a folder/);
			expect(report.headline).toMatch(/Nothing was changed/);
			expect(labUntouched()).toBe(true);
		},
	);

	test.each(['--export', '--export-dsc', '--transcript'])(
		'%s in a folder that takes no files (/proc, where root passes every permission check): refused before any change',
		(flag) => {
			// Before: the changes were made, then the write failed with a stack trace and exit 1.
			const result = fixClassic(flag, '/proc/doublehop-out.ps1');
			expect(result.code).toBe(2);
			expect(result.stderr).not.toMatch(/\n\s+at /);
			const report = result.report as Document;
			expect(report.changes).toEqual([]);
			// ENOENT as root; EACCES for anyone else.
			expect(report.headline).toMatch(
				new RegExp(
					`^${flag} /proc/doublehop-out\\.ps1 cannot be written \\((ENOENT|EACCES)\\)\\. Name a file in a folder you can write, then run again\\. Nothing was changed\\.$`,
				),
			);
			expect(labUntouched()).toBe(true);
		},
	);

	test.each([
		['--export', 'x.ps1'],
		['--export-dsc', 'x.ps1'],
		['--export-ansible', 'x.yml'],
		['--transcript', 'run.md'],
	])(
		'%s in a folder that does not exist: refused with the folder and how to make it, nothing made',
		(flag, name) => {
			// Before: the folder was made (as root, anywhere a typo pointed) and the run went on.
			const folder = join(stateDir, 'exprots', 'june');
			const result = fixClassic(flag, join(folder, name));
			expect(result.code).toBe(2);
			const report = result.report as Document;
			expect(report.verdict).toBe('error');
			expect(report.changes).toEqual([]);
			expect(report.headline).toBe(
				`${flag} ${join(folder, name)}: the folder ${folder} does not exist. Check its name, or create it (mkdir -p '${folder}'), then run again. Nothing was changed.`,
			);
			expect(existsSync(join(stateDir, 'exprots'))).toBe(false);
			expect(labUntouched()).toBe(true);
		},
	);

	test('the check leaves nothing in the folder it tried', () => {
		const folder = join(stateDir, 'exports');
		mkdirSync(folder);
		const result = fixClassic('--dry-run', '--export', join(folder, 'plan.ps1'));
		expect(result.code).not.toBe(2);
		expect(readdirSync(folder)).toEqual(['plan.ps1']);
	});

	test('--lab-state naming a folder: refused before the run, nothing changed', () => {
		const folder = join(stateDir, 'a-folder');
		mkdirSync(folder);
		const result = fixClassic('--lab-state', folder);
		expect(result.code).toBe(2);
		const report = result.report as Document;
		expect(report.verdict).toBe('error');
		expect(report.changes).toEqual([]);
		expect(report.headline).toContain(`--lab-state ${folder}`);
		expect(report.headline).toMatch(/is a folder/);
		expect(labUntouched()).toBe(true);
	});

	test('without --json: one line on stderr naming the path, exit 2, no stack, no transcript made', () => {
		const path = join(blocker, 'out.ps1');
		const result = run(['--lab', 'classic', '--export', path]);
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toMatch(/^doublehop: /);
		expect(result.stderr).toContain(path);
		expect(result.stderr).not.toMatch(/\n\s+at /);
		expect(existsSync(join(stateDir, 'transcripts'))).toBe(false);
	});

	test('a dry run is checked too, since it still writes its export', () => {
		const result = json([
			'--json',
			'--dry-run',
			'--lab',
			'classic',
			'--export',
			join(blocker, 'x.ps1'),
		]);
		expect(result.code).toBe(2);
		expect((result.report as Document).headline).toContain('--export');
	});
});
