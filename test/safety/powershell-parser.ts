// The real PowerShell parser, for tests that must prove generated text parses as intended.
// All scripts go to ONE pwsh process (start-up costs about a second), as JSON files, so NUL,
// quotes and newlines travel intact. Tests skip, saying why, when pwsh is not installed.
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {homedir, tmpdir} from 'node:os';
import {join} from 'node:path';

export type ParsedScript = {
	errors: string[];
	/** Every command name, nested script blocks included, in source order. */
	commands: string[];
	statementCount: number;
	/** Set when the script is exactly `$x = <one string constant>`. */
	assignedString?: {stringType: string; value: string; text: string};
	/**
	 * The tokens as the parser reads them (kind and text), line continuations left out: two texts
	 * with the same tokens are the same command however they are laid out.
	 */
	tokens: string[];
	/** Set when the script is exactly one command: its elements after the name. */
	commandArguments?: {kind: string; value: string | null; text: string}[];
};

export function findPwsh(): string | undefined {
	const installed = join(homedir(), '.dotnet', 'tools', 'pwsh');
	if (existsSync(installed)) return installed;
	const found = spawnSync('sh', ['-c', 'command -v pwsh'], {encoding: 'utf8'});
	const path = found.stdout.trim();
	return found.status === 0 && path !== '' ? path : undefined;
}

const parserScript = String.raw`param([string]$InPath, [string]$OutPath)
$ErrorActionPreference = 'Stop'
$json = [System.IO.File]::ReadAllText($InPath, [System.Text.UTF8Encoding]::new($false))
$scripts = [System.Text.Json.JsonSerializer]::Deserialize($json, [string[]])
$results = foreach ($script in $scripts) {
	$tokens = $null
	$errors = $null
	$ast = [System.Management.Automation.Language.Parser]::ParseInput($script, [ref]$tokens, [ref]$errors)
	$statements = @($ast.EndBlock.Statements)
	$commands = @($ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true) |
		ForEach-Object { [string]$_.GetCommandName() })
	$assigned = $null
	$arguments = $null
	$only = if ($statements.Count -eq 1) { $statements[0] } else { $null }
	if ($only -is [System.Management.Automation.Language.AssignmentStatementAst] -and
		$only.Right -is [System.Management.Automation.Language.CommandExpressionAst] -and
		$only.Right.Expression -is [System.Management.Automation.Language.StringConstantExpressionAst]) {
		$constant = $only.Right.Expression
		$assigned = @{stringType = [string]$constant.StringConstantType; value = $constant.Value; text = $constant.Extent.Text}
	}
	if ($only -is [System.Management.Automation.Language.PipelineAst] -and @($only.PipelineElements).Count -eq 1 -and
		$only.PipelineElements[0] -is [System.Management.Automation.Language.CommandAst]) {
		$arguments = @($only.PipelineElements[0].CommandElements | Select-Object -Skip 1 | ForEach-Object {
			$value = if ($_ -is [System.Management.Automation.Language.StringConstantExpressionAst]) { $_.Value }
				elseif ($_ -is [System.Management.Automation.Language.CommandParameterAst]) { $_.ParameterName }
				else { $null }
			@{kind = $_.GetType().Name; value = $value; text = $_.Extent.Text}
		})
	}
	@{
		tokens = @($tokens | Where-Object { $_.Kind -ne 'LineContinuation' } | ForEach-Object { [string]$_.Kind + ':' + $_.Text })
		errors = @($errors | ForEach-Object { $_.ErrorId + ': ' + $_.Message })
		commands = $commands
		statementCount = $statements.Count
		assignedString = $assigned
		commandArguments = $arguments
	}
}
$out = ConvertTo-Json -InputObject @($results) -Depth 6 -Compress
[System.IO.File]::WriteAllText($OutPath, $out, [System.Text.UTF8Encoding]::new($false))
`;

/** Parses every script with [Parser]::ParseInput in a single pwsh process. */
export function parsePowerShell(pwsh: string, scripts: readonly string[]): ParsedScript[] {
	const folder = mkdtempSync(join(tmpdir(), 'doublehop-parse-'));
	try {
		const scriptPath = join(folder, 'parse.ps1');
		const inPath = join(folder, 'in.json');
		const outPath = join(folder, 'out.json');
		writeFileSync(scriptPath, parserScript, 'utf8');
		writeFileSync(inPath, JSON.stringify(scripts), 'utf8');
		execFileSync(pwsh, ['-NoProfile', '-NonInteractive', '-File', scriptPath, inPath, outPath], {
			stdio: ['ignore', 'ignore', 'pipe'],
			timeout: 120_000,
		});
		const parsed = JSON.parse(readFileSync(outPath, 'utf8')) as ParsedScript[];
		if (parsed.length !== scripts.length)
			throw new Error(`pwsh parsed ${parsed.length} of ${scripts.length} scripts`);
		// ConvertTo-Json writes empty arrays and missing objects as null.
		return parsed.map((result) => ({
			...result,
			errors: result.errors ?? [],
			commands: result.commands ?? [],
			tokens: result.tokens ?? [],
			...(result.assignedString ? {} : {assignedString: undefined}),
			...(result.commandArguments ? {} : {commandArguments: undefined}),
		}));
	} finally {
		rmSync(folder, {recursive: true, force: true});
	}
}
