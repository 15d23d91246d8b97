// explain compiles its knowledge base from dist/explain.script.js with V8's code cache beside it
// (cli/load-explain.ts). The cache only saves time: without it, or with one V8 refuses (another
// Node version, a damaged file), the answer must be the same, byte for byte.
import {spawnSync} from 'node:child_process';
import {cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {cliPath} from '../terminal/terminal.js';

const dist = dirname(cliPath);
const transcript =
	'Connecting to remote server hyperv1 failed with the following error message : Access is denied.\n' +
	'    + FullyQualifiedErrorId : AccessDenied,PSSessionStateBroken\n';

function explainWith(cli: string, args: string[]) {
	const result = spawnSync(process.execPath, [cli, 'explain', ...args], {
		input: transcript,
		encoding: 'utf8',
		timeout: 10_000,
	});
	return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

/** A copy of dist/ whose code cache is changed by `spoil`. */
function distWith(spoil: (cache: string) => void): string {
	const copy = join(mkdtempSync(join(tmpdir(), 'doublehop-dist-')), 'dist');
	cpSync(dist, copy, {recursive: true});
	spoil(join(copy, 'explain.cache'));
	return join(copy, 'cli.js');
}

describe("explain's code cache changes nothing but the time", () => {
	const spoiled = {
		'no cache': (cache: string) => rmSync(cache),
		'a truncated cache': (cache: string) => truncateSync(cache, 1000),
		'a cache of other bytes': (cache: string) =>
			writeFileSync(cache, Buffer.alloc(readFileSync(cache).length, 0x5a)),
	};
	test.each(Object.entries(spoiled))('with %s, the same answer', (_, spoil) => {
		const cli = distWith(spoil);
		for (const args of [[], ['--json'], ['--hop1', 'hyperv1', '--command', 'Get-VM']]) {
			const expected = explainWith(cliPath, args);
			expect(expected.status).not.toBeNull();
			expect(expected.stdout).toContain('AccessDenied');
			expect(explainWith(cli, args)).toEqual(expected);
		}
	});

	test('the cache the build wrote is one this Node accepts', () => {
		const check = `
			const {readFileSync} = require('node:fs');
			const {Script} = require('node:vm');
			const script = new Script(readFileSync(${JSON.stringify(join(dist, 'explain.script.js'))}, 'utf8'), {
				cachedData: readFileSync(${JSON.stringify(join(dist, 'explain.cache'))}),
			});
			process.stdout.write(String(script.cachedDataRejected));
		`;
		const result = spawnSync(process.execPath, ['-e', check], {encoding: 'utf8'});
		expect(result.stdout).toBe('false');
	});
});
