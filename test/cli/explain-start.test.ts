// explain must answer about as fast as node starts: it loads neither Ink nor meow (whose bundled
// package-data and licence tables cost more than the diagnosis), and its own reading of the
// command line gives what meow's would.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, openSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {basename, dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, test} from 'vitest';
import {parseExplainLine} from '../../source/cli/flags.js';
import {parseCommandLine} from '../../source/cli/meow-line.js';
import {cliPath} from '../terminal/terminal.js';

const transcript =
	'Connecting to remote server hyperv1 failed with the following error message : Access is denied.\n' +
	'    + FullyQualifiedErrorId : AccessDenied,PSSessionStateBroken\n';

/**
 * The files of dist/ that an explain run loads: CommonJS modules from require.cache, read at
 * exit by a preloaded hook, and modules from Node's own module-loading log.
 */
function loadedFiles(args: string[]): string[] {
	const folder = mkdtempSync(join(tmpdir(), 'doublehop-loads-'));
	const hook = join(folder, 'hook.cjs');
	const list = join(folder, 'loaded.json');
	writeFileSync(
		hook,
		`process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify(Object.keys(require.cache))));`,
	);
	const result = spawnSync(process.execPath, ['--require', hook, cliPath, 'explain', ...args], {
		input: transcript,
		encoding: 'utf8',
		env: {...process.env, NODE_DEBUG: 'esm'},
		timeout: 10_000,
	});
	expect(result.status).toBe(0);
	const modules = new Set(result.stderr.match(/file:\/\/\S+?\.m?js/g) ?? []);
	const required = (JSON.parse(readFileSync(list, 'utf8')) as string[]).filter(
		(file) => file !== hook,
	);
	return [...[...modules].map((url) => fileURLToPath(url)), ...required];
}

describe('explain starts light', () => {
	test.each([[[]], [['--json']], [['--ascii', '--hop1', 'hyperv1']]])(
		'explain %j loads neither meow nor Ink, nor the guided flow',
		(args) => {
			const files = loadedFiles(args);
			expect(files).toContain(cliPath);
			for (const file of files) {
				expect(basename(file), file).not.toMatch(/^(main|chunk-.*)\.mjs$/);
				const code = readFileSync(file, 'utf8');
				// meow's bundle carries normalize-package-data's SPDX tables and yargs-parser.
				expect(code, file).not.toMatch(/spdx|yargs/i);
				// Ink's reconciler.
				expect(code, file).not.toContain('react-reconciler');
			}
		},
	);

	// Output to files, as a CI job redirects it: a pipe on stdout would load them to write to it.
	test.each([[[]], [['--hop1', 'hyperv1', '--hop2', '10.0.0.5']]])(
		'explain %j with the error piped in loads no socket or stream module of Node',
		(args) => {
			const folder = mkdtempSync(join(tmpdir(), 'doublehop-builtins-'));
			const [out, log] = [join(folder, 'out.txt'), join(folder, 'log.txt')];
			const result = spawnSync(process.execPath, [cliPath, 'explain', ...args], {
				input: transcript,
				env: {...process.env, NODE_DEBUG: 'module'},
				stdio: ['pipe', openSync(out, 'w'), openSync(log, 'w')],
				timeout: 10_000,
			});
			expect(result.status).toBe(0);
			expect(readFileSync(out, 'utf8')).toContain('AccessDenied');
			const builtins = readFileSync(log, 'utf8').match(/load built-in module \S+/g) ?? [];
			expect(builtins.length).toBeGreaterThan(0);
			expect(builtins.join('\n')).not.toMatch(/node:(net|stream|tty|readline)\b/);
		},
	);

	test('the knowledge base explain compiles carries neither meow nor Ink', () => {
		const script = readFileSync(join(dirname(cliPath), 'explain.script.js'), 'utf8');
		expect(script).toContain('credential-required');
		expect(script).not.toMatch(/spdx|yargs|react-reconciler/i);
	});
});

describe("explain's command line reads as meow reads it", () => {
	test.each([
		[['explain']],
		[['explain', 'error.txt']],
		[['explain', '--json']],
		[['explain', '--file', 'error.txt', '--json', '--ascii']],
		[['explain', '--file=error.txt']],
		[['--json', 'explain', '--hop1', 'hyperv1.contoso.com']],
		[['explain', '--hop1=hyperv1', '--hop2', 'hyperv2', '--command', 'Get-VM']],
		[['explain', '--no-color']],
	])('%j', async (argv) => {
		const fast = parseExplainLine(argv);
		const meow = await parseCommandLine(argv);
		expect(fast).toBeDefined();
		expect(fast!.input).toEqual(meow.input);
		expect(fast!.flags).toEqual(meow.flags);
	});

	test.each([
		[['explain', '--ascii=false']],
		[['explain', '--file', 'a', '--file', 'b']],
		[['explain', '--hop1', '-x']],
		[['explain', '--help']],
		[['explain', '--', '--json']],
		[['--lab', 'classic']],
		[['undo']],
	])('%j is left to meow', (argv) => {
		expect(parseExplainLine(argv)).toBeUndefined();
	});
});
