// explain must answer about as fast as node starts: it loads neither Ink nor meow (whose bundled
// package-data and licence tables cost more than the diagnosis), and its own reading of the
// command line gives what meow's would.
import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, test} from 'vitest';
import {parseCommandLine, parseExplainLine} from '../../source/cli/flags.js';
import {cliPath} from '../terminal/terminal.js';

const transcript =
	'Connecting to remote server hyperv1 failed with the following error message : Access is denied.\n' +
	'    + FullyQualifiedErrorId : AccessDenied,PSSessionStateBroken\n';

/** The files of dist/ that an explain run loads, from Node's own module-loading log. */
function loadedFiles(args: string[]): string[] {
	const result = spawnSync(process.execPath, [cliPath, 'explain', ...args], {
		input: transcript,
		encoding: 'utf8',
		env: {...process.env, NODE_DEBUG: 'esm'},
		timeout: 10_000,
	});
	expect(result.status).toBe(0);
	const urls = new Set(result.stderr.match(/file:\/\/\S+?\.js/g) ?? []);
	return [...urls].map((url) => fileURLToPath(url));
}

describe('explain starts light', () => {
	test.each([[[]], [['--json']], [['--ascii', '--hop1', 'hyperv1']]])(
		'explain %j loads neither meow nor Ink',
		(args) => {
			const files = loadedFiles(args);
			expect(files.length).toBeGreaterThan(0);
			for (const file of files) {
				const code = readFileSync(file, 'utf8');
				// meow's bundle carries normalize-package-data's SPDX tables and yargs-parser.
				expect(code, file).not.toMatch(/spdx|yargs/i);
				// Ink's reconciler.
				expect(code, file).not.toContain('react-reconciler');
			}
		},
	);
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
