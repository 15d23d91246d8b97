// The built CLI as a process: what a CI job or an admin without a terminal sees.
import {spawnSync} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';

const cli = join(import.meta.dirname, '../../dist/cli.js');
const stateDir = mkdtempSync(join(tmpdir(), 'doublehop-cli-'));

function run(args: string[], input = '') {
	const result = spawnSync(process.execPath, [cli, ...args], {
		input,
		encoding: 'utf8',
		env: {...process.env, DOUBLEHOP_STATE_DIR: stateDir, CI: 'true'},
		timeout: 10_000,
	});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

describe('doublehop as a process', () => {
	test('without a terminal, the guided flow explains itself and exits 2', () => {
		const result = run(['--lab', 'classic']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('needs an interactive terminal');
		expect(result.stderr).toContain('Nothing was changed.');
		expect(result.stderr).not.toMatch(/Raw mode|at .*\.js:\d+/);
	});

	test('--help lists the flags and exit codes', () => {
		const result = run(['--help']);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('--lab <scenario|file.json>');
		expect(result.stdout).toContain('130  interrupted (Ctrl+C)');
	});

	test('--version prints the package version', () => {
		const result = run(['--version']);
		expect(result.code).toBe(0);
		expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
	});

	test('an unknown lab scenario is refused with the list of built-in ones', () => {
		const result = run(['--lab', 'nosuch']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('No lab scenario named "nosuch". Built-in scenarios: classic,');
	});

	test('a --connect-timeout that is not whole seconds is refused with an example', () => {
		for (const bad of ['abc', '0', '2.5', '-5', '99999']) {
			const result = run(['--lab', 'classic', '--connect-timeout', bad]);
			expect(result.code).toBe(2);
			expect(result.stderr).toBe(
				`doublehop: --connect-timeout takes whole seconds from 1 to 3600, e.g. --connect-timeout 120; not: ${bad}.\n`,
			);
		}
	});

	test('an unknown flag is refused', () => {
		const result = run(['--frobnicate']);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(
			'doublehop: unknown flag --frobnicate. Run doublehop --help for the flags.\n',
		);
	});
});
