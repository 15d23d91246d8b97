// Tier (a): every operation's script is valid PowerShell. Two grammars: tree-sitter-powershell
// (its wasm build, so it needs no install script and no pwsh) always, and PowerShell's own
// parser ([System.Management.Automation.Language.Parser]::ParseInput) when pwsh is installed.
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {beforeAll, describe, expect, test} from 'vitest';
import {Language, Parser} from 'web-tree-sitter';
import type {Node} from 'web-tree-sitter';
import {allOperations} from '../../source/operations/all.js';
import {runtimeScript} from '../../source/hosts/powershell/runtime.js';
import {noPwshReason, pwsh, stubModule} from '../powershell/pwsh.js';

const scripts: {name: string; script: string}[] = [
	...allOperations.map(({name, script}) => ({name, script})),
	{name: 'host runtime', script: runtimeScript},
	{name: 'lab stub module', script: readFileSync(stubModule, 'utf8')},
];

function syntaxErrors(node: Node): string[] {
	const here =
		node.type === 'ERROR' || node.isMissing
			? [
					`line ${node.startPosition.row + 1}: ${node.isMissing ? 'missing' : 'unexpected'} ${JSON.stringify(node.text.slice(0, 60))}`,
				]
			: [];
	return [
		...here,
		...node.children.flatMap((child) => (child === null ? [] : syntaxErrors(child))),
	];
}

describe('scripts parse under tree-sitter-powershell', () => {
	let parser: Parser;
	beforeAll(async () => {
		const require = createRequire(import.meta.url);
		await Parser.init();
		parser = new Parser();
		parser.setLanguage(
			await Language.load(require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm')),
		);
	});

	test.each(scripts)('$name', ({script}) => {
		const tree = parser.parse(script);
		expect(tree).not.toBeNull();
		expect(syntaxErrors(tree!.rootNode)).toEqual([]);
	});

	test('the grammar does reject broken PowerShell', () => {
		expect(syntaxErrors(parser.parse('if ($x) { Get-Item ')!.rootNode)).not.toEqual([]);
	});
});

describe.skipIf(pwsh === undefined)(
	`scripts parse under PowerShell's own parser${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`,
	() => {
		let errors: Record<string, string[]> = {};
		beforeAll(() => {
			// One pwsh for all scripts: they go in as JSON on stdin, never on the command line.
			const program = [
				'$scripts = [Console]::In.ReadToEnd() | ConvertFrom-Json',
				'$result = @{}',
				'foreach ($entry in $scripts) {',
				'  $tokens = $null; $parseErrors = $null',
				'  $null = [System.Management.Automation.Language.Parser]::ParseInput($entry.script, [ref]$tokens, [ref]$parseErrors)',
				'  $result[$entry.name] = @($parseErrors | ForEach-Object { "line $($_.Extent.StartLineNumber): $($_.Message)" })',
				'}',
				'ConvertTo-Json -InputObject $result -Depth 4 -Compress',
			].join('\n');
			const output = execFileSync(
				pwsh!.executable,
				['-NoProfile', '-NonInteractive', '-Command', program],
				{
					input: JSON.stringify(scripts),
					encoding: 'utf8',
				},
			);
			errors = JSON.parse(output) as Record<string, string[]>;
		}, 60_000);

		test.each(scripts)('$name', ({name}) => {
			expect(errors[name]).toEqual([]);
		});
	},
);
