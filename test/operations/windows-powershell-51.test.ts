// Item 10: every script doublehop runs and every command it shows must work on Windows PowerShell
// 5.1, its default target. pwsh's own parser ([Parser]::ParseInput) reads PowerShell 7 syntax too,
// so each script is parsed and its AST searched for what 5.1 lacks. The scripts and commands are
// read through their exports, never copied. Sources for each rejection are in `rules` below.
import {
	readClockCommand,
	readRevertTaskCommand,
	registerRevertTaskCommand,
	unregisterRevertTaskCommand,
} from '../../source/operations/revert-task.js';
import {revertTaskScript} from '../../source/operations/revert-task-script.js';
import type {RevertTask} from '../../source/windows/time-box.js';
import {execFileSync} from 'node:child_process';
import {beforeAll, describe, expect, test} from 'vitest';
import {runtimeScript} from '../../source/hosts/powershell/runtime.js';
import {catalog} from '../../source/knowledge/catalog.js';
import {allOperations} from '../../source/operations/all.js';
import {
	createHttpsListenerCommands,
	httpsFirewallRuleName,
} from '../../source/operations/create-https-listener.js';
import {disableServerCredSspCommand} from '../../source/operations/disable-server-credssp.js';
import {enableClientCredSspCommand} from '../../source/operations/enable-client-credssp.js';
import {enableServerCredSspCommand} from '../../source/operations/enable-server-credssp.js';
import {listCertificatesCommand} from '../../source/operations/list-certificates.js';
import {listListenersCommand} from '../../source/operations/list-listeners.js';
import {localContextCommand} from '../../source/operations/local-context.js';
import {readClientCredSspCommand} from '../../source/operations/read-client-credssp.js';
import {readEncryptionOracleCommand} from '../../source/operations/read-encryption-oracle.js';
import {readPoliciesCommands} from '../../source/operations/read-policies.js';
import {readServerCredSspCommand} from '../../source/operations/read-server-credssp.js';
import {removeHttpsListenerCommand} from '../../source/operations/remove-https-listener.js';
import {
	defaultSecondHopCommand,
	runOnFirstHopCommand,
} from '../../source/operations/run-on-first-hop.js';
import {setClientCredSspCommand} from '../../source/operations/set-client-credssp.js';
import {
	setDelegationListCommands,
	setDelegationListFunctionLines,
} from '../../source/operations/set-delegation-list.js';
import {
	setNtlmOnlyListExported,
	setNtlmOnlyListFunctionLines,
} from '../../source/operations/set-ntlm-only-list.js';
import {testFirstHopCommand} from '../../source/operations/test-first-hop.js';
import {overHttps} from '../../source/operations/operation.js';
import * as winrmService from '../../source/operations/winrm-service.js';
import {undoCommandFor} from '../../source/tree/undo-commands.js';
import {noPwshReason, pwsh} from '../powershell/pwsh.js';

type Script = {name: string; script: string};

const hop1 = 'hyperv1.contoso.com';
const hop2 = 'hyperv2.contoso.com';
const rule = httpsFirewallRuleName('2026-01-01T00:00:00.000Z-a1b2c3');

/** Catalog commands are templates; the admin sees them with the names filled in. */
const filled = (command: string) =>
	command
		.replaceAll('<hop1>', hop1)
		.replaceAll('<hop2>', hop2)
		.replaceAll('<user>', 'CONTOSO\\admin');

const revertTasks: RevertTask[] = [
	{
		taskName: 'doublehop-revert-20260101T000000000Za1b2c3-hop1',
		atUtc: '2026-01-01T02:00:00Z',
		revert: {machine: 'hop1', serverRole: true, httpsListener: {firewallRule: rule}},
	},
	{
		taskName: 'doublehop-revert-20260101T000000000Za1b2c3-client',
		atUtc: '2026-01-01T02:00:00Z',
		revert: {
			machine: 'client',
			addedEntries: ['wsman/hyperv1.contoso.com'],
			clientWasEnabled: false,
		},
	},
	// CredSSP off only if the list is then as it was (-ListBefore): read even with no entry to take out.
	{
		taskName: 'doublehop-revert-20260101T000000000Za1b2c3-client',
		atUtc: '2026-01-01T02:00:00Z',
		revert: {
			machine: 'client',
			addedEntries: [],
			clientWasEnabled: false,
			listBefore: ['wsman/hyperv1.contoso.com'],
		},
	},
	// The switches go back only if the list is then as it was (-ListBefore).
	{
		taskName: 'doublehop-revert-20260101T000000000Za1b2c3-client',
		atUtc: '2026-01-01T02:00:00Z',
		revert: {
			machine: 'client',
			addedEntries: ['wsman/hyperv1.contoso.com'],
			clientWasEnabled: true,
			switchesBefore: {
				hklm: {allowFresh: 1, concatenateDefaults: 0},
				localGpo: {allowFresh: 1, concatenateDefaults: 0},
			},
			listBefore: ['TERMSRV/rds1.contoso.com'],
		},
	},
];

const shown: string[] = [
	localContextCommand,
	testFirstHopCommand(hop1),
	runOnFirstHopCommand(hop1, defaultSecondHopCommand(hop2), 'Default'),
	runOnFirstHopCommand(hop1, defaultSecondHopCommand(hop2), 'CredSSP'),
	readClientCredSspCommand,
	readServerCredSspCommand(hop1),
	readEncryptionOracleCommand,
	...readPoliciesCommands,
	listListenersCommand(hop1),
	listCertificatesCommand(hop1),
	enableClientCredSspCommand([hop1, '*.contoso.com']),
	setClientCredSspCommand(true),
	enableServerCredSspCommand(hop1),
	// A first hop that listens only over HTTPS: the same commands with -UseSSL.
	overHttps(enableServerCredSspCommand(hop1)),
	overHttps(runOnFirstHopCommand(hop1, defaultSecondHopCommand(hop2), 'CredSSP')),
	...createHttpsListenerCommands(hop1, rule, {
		thumbprint: '3E5C9A7B1D2F4E6A8B0C1D2E3F4A5B6C7D8E9F01',
		hostname: hop1,
	}),
	setClientCredSspCommand(false),
	...setDelegationListCommands(['wsman/sql01.contoso.com', 'TERMSRV/*']),
	...setDelegationListCommands([]),
	disableServerCredSspCommand(hop1),
	removeHttpsListenerCommand(hop1, rule),
	undoCommandFor(
		{undo: {kind: 'restore-client', enabledBefore: false, added: ['wsman/hyperv1.contoso.com']}},
		{
			enabled: true,
			allowFreshCredentials: ['wsman/sql01.contoso.com', 'wsman/hyperv1.contoso.com'],
		},
	),
	// --export's undo: the list written by the function the script defines, switches as they were.
	setDelegationListFunctionLines().join('\n'),
	undoCommandFor(
		{
			undo: {
				kind: 'restore-client',
				enabledBefore: false,
				added: ['wsman/hyperv1.contoso.com'],
				switchesBefore: {
					hklm: {allowFresh: 0, concatenateDefaults: null},
					localGpo: {allowFresh: 0, concatenateDefaults: null},
				},
				listBefore: [],
			},
		},
		{enabled: true, allowFreshCredentials: ['wsman/hyperv1.contoso.com']},
		true,
	),
	// --export's NTLM-only change and undo: the function the script defines, and its calls.
	setNtlmOnlyListFunctionLines().join('\n'),
	...setNtlmOnlyListExported({values: ['wsman/10.0.0.21'], localGpo: ['wsman/10.0.0.21']}),
	...setNtlmOnlyListExported({
		values: [],
		switches: {allowFresh: 0, concatenateDefaults: null},
		keysBefore: {parent: false, list: false},
		localGpo: [],
	}),
	undoCommandFor({undo: {kind: 'disable-server', hop1}}, undefined),
	undoCommandFor(
		{undo: {kind: 'remove-listener', hop1, port: 5986, firewallRule: rule}},
		undefined,
	),
	...Object.values(winrmService).flatMap((value) =>
		typeof value === 'string' || Array.isArray(value) ? value : [],
	),
	...catalog.map((entry) => filled(entry.nextCommand)),
	// Time-boxed CredSSP: the registrations shown, their undo and read, and what each task runs
	// (under powershell.exe, Windows PowerShell 5.1, as SYSTEM).
	...revertTasks.flatMap((task) => [
		registerRevertTaskCommand(task, hop1),
		revertTaskScript(task),
		unregisterRevertTaskCommand(task.taskName, task.revert.machine === 'hop1' ? hop1 : undefined),
		readRevertTaskCommand(task.taskName, task.revert.machine === 'hop1' ? hop1 : undefined),
	]),
	readClockCommand,
].filter((command): command is string => typeof command === 'string');

const scripts: Script[] = [
	...allOperations.map(({name, script}) => ({name: `operation ${name}`, script})),
	{name: 'host runtime', script: runtimeScript},
	...shown.map((script, index) => ({name: `shown #${index + 1}: ${script.slice(0, 70)}`, script})),
];

/**
 * The checker, in PowerShell: parse, then find what Windows PowerShell 5.1 does not have.
 * Syntax (about_Operators, about_Pipeline_Chain_Operators, about_Functions_Advanced_Methods):
 * ternary, ??, ??=, ?. and ?[] and && / || are PowerShell 7.0 (?. and ?[] GA in 7.1); the clean
 * block is 7.3. Commands and parameters absent from PowerShell-Docs reference/5.1: Get-Error (7.0),
 * Join-String (6.2), Test-Json (6.1), ForEach-Object -Parallel (7.0), ConvertFrom-Json -AsHashtable,
 * -Depth, -NoEnumerate (5.1 has -InputObject only), Get-/Set-/Add-Content -AsByteStream (5.1 uses
 * -Encoding Byte), Invoke-WebRequest/Invoke-RestMethod -SkipCertificateCheck (6.0). Not rejected
 * because 5.1 has them: Import-PowerShellDataFile (5.0), classes and `using` (5.0),
 * [InitialSessionState]::CreateDefault2() (3.0).
 */
const checker = String.raw`
$scripts = [Console]::In.ReadToEnd() | ConvertFrom-Json
$newCommands = @{ 'Get-Error' = '7.0'; 'Join-String' = '6.2'; 'Test-Json' = '6.1' }
$newParameters = @{
	'ForEach-Object' = @('Parallel'); '%' = @('Parallel'); 'foreach' = @('Parallel')
	'ConvertFrom-Json' = @('AsHashtable', 'Depth', 'NoEnumerate')
	'Get-Content' = @('AsByteStream'); 'gc' = @('AsByteStream'); 'cat' = @('AsByteStream'); 'type' = @('AsByteStream')
	'Set-Content' = @('AsByteStream'); 'Add-Content' = @('AsByteStream')
	'Invoke-WebRequest' = @('SkipCertificateCheck'); 'iwr' = @('SkipCertificateCheck')
	'Invoke-RestMethod' = @('SkipCertificateCheck'); 'irm' = @('SkipCertificateCheck')
}
$result = @{}
foreach ($entry in $scripts) {
	$tokens = $null; $parseErrors = $null
	$ast = [System.Management.Automation.Language.Parser]::ParseInput($entry.script, [ref]$tokens, [ref]$parseErrors)
	$found = [System.Collections.Generic.List[string]]::new()
	foreach ($e in @($parseErrors)) { if ($null -ne $e) { $found.Add('line ' + $e.Extent.StartLineNumber + ': does not parse: ' + $e.Message) } }
	$nodes = $ast.FindAll({ $true }, $true)
	foreach ($node in $nodes) {
		$why = $null
		if ($node -is [System.Management.Automation.Language.TernaryExpressionAst]) { $why = 'ternary operator ? : (7.0)' }
		elseif ($node -is [System.Management.Automation.Language.PipelineChainAst]) { $why = 'pipeline chain operator ' + $node.Operator + ' (7.0)' }
		elseif ($node -is [System.Management.Automation.Language.BinaryExpressionAst] -and [string]$node.Operator -eq 'QuestionQuestion') { $why = 'null-coalescing operator ?? (7.0)' }
		elseif ($node -is [System.Management.Automation.Language.AssignmentStatementAst] -and [string]$node.Operator -eq 'QuestionQuestionEquals') { $why = 'null-coalescing assignment ??= (7.0)' }
		elseif ($node -is [System.Management.Automation.Language.MemberExpressionAst] -and $node.NullConditional) { $why = 'null-conditional member access ?. (7.1)' }
		elseif ($node -is [System.Management.Automation.Language.IndexExpressionAst] -and $node.NullConditional) { $why = 'null-conditional index ?[] (7.1)' }
		elseif ($node -is [System.Management.Automation.Language.ScriptBlockAst] -and $null -ne $node.CleanBlock) { $why = 'clean block (7.3)' }
		elseif ($node -is [System.Management.Automation.Language.CommandAst]) {
			$name = $node.GetCommandName()
			if ($name -and $newCommands.ContainsKey($name)) { $why = $name + ' (' + $newCommands[$name] + ')' }
			elseif ($name -and $newParameters.ContainsKey($name)) {
				foreach ($element in $node.CommandElements) {
					if ($element -isnot [System.Management.Automation.Language.CommandParameterAst]) { continue }
					# PowerShell accepts any unambiguous prefix of a parameter name.
					$given = $element.ParameterName
					foreach ($newer in $newParameters[$name]) {
						if ($given.Length -ge 2 -and $newer.StartsWith($given, [StringComparison]::OrdinalIgnoreCase)) { $why = $name + ' -' + $newer + ' (6+)' }
					}
				}
			}
		}
		if ($why) { $found.Add('line ' + $node.Extent.StartLineNumber + ': ' + $why + ': ' + $node.Extent.Text.Split([char]10)[0]) }
	}
	$result[$entry.name] = @($found)
}
ConvertTo-Json -InputObject $result -Depth 4 -Compress
`;

function check(entries: Script[]): Record<string, string[]> {
	// The scripts go in as JSON on stdin, never on the command line.
	const output = execFileSync(
		pwsh!.executable,
		['-NoProfile', '-NonInteractive', '-Command', checker],
		{input: JSON.stringify(entries), encoding: 'utf8', maxBuffer: 16 * 1024 * 1024},
	);
	return JSON.parse(output) as Record<string, string[]>;
}

const newerThan51: Script[] = [
	['ternary', '$a = $true ? 1 : 2'],
	['null-coalescing', '$a = $b ?? 1'],
	['null-coalescing assignment', '$a ??= 1'],
	['null-conditional member', '${a}?.Length'],
	['null-conditional index', '${a}?[0]'],
	['&&', 'Get-Item a && Get-Item b'],
	['||', 'Get-Item a || Get-Item b'],
	['clean block', 'function f { process { $_ } clean { 1 } }'],
	['ForEach-Object -Parallel', '1..3 | ForEach-Object -Parallel { $_ }'],
	['% -Par', '1..3 | % -Par { $_ }'],
	['ConvertFrom-Json -AsHashtable', "'{}' | ConvertFrom-Json -AsHashtable"],
	['Get-Error', 'Get-Error -Newest 1'],
	['Join-String', "'a', 'b' | Join-String -Separator ','"],
	['Test-Json', "Test-Json -Json '{}'"],
	['Get-Content -AsByteStream', 'Get-Content -Path x -AsByteStream'],
	['Invoke-RestMethod -SkipCertificateCheck', 'Invoke-RestMethod https://x -SkipCertificateCheck'],
	['inside a script block', 'Invoke-Command -ScriptBlock { $x ?? 0 }'],
].map(([name, script]) => ({name: name!, script: script!}));

const fineIn51: Script[] = [
	['if as a value', '$a = if ($b) { 1 } else { 2 }'],
	['a ? in a string and a name', "Get-Item 'a?b'; $h = @{}; $h['k']"],
	['ForEach-Object -Process', '1..3 | ForEach-Object -Process { $_ }'],
	['ConvertFrom-Json as 5.1 has it', "'{}' | ConvertFrom-Json"],
	['Import-PowerShellDataFile (5.0)', 'Import-PowerShellDataFile -Path x.psd1'],
	[
		'CreateDefault2 (3.0)',
		'[System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()',
	],
	['a class (5.0)', 'class C { [int] $N }'],
].map(([name, script]) => ({name: name!, script: script!}));

describe.skipIf(pwsh === undefined)(
	`Windows PowerShell 5.1 compatibility${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`,
	() => {
		let found: Record<string, string[]> = {};
		let selfTest: Record<string, string[]> = {};
		beforeAll(() => {
			found = check(scripts);
			selfTest = check([...newerThan51, ...fineIn51]);
		}, 60_000);

		test('it reads every operation, the runtime and the commands shown', () => {
			expect(Object.keys(found)).toHaveLength(scripts.length);
			expect(scripts.length).toBeGreaterThan(allOperations.length + 60);
		});

		test.each(scripts)('$name', ({name}) => {
			expect(found[name]).toEqual([]);
		});

		test.each(newerThan51)('the check rejects PowerShell 6+: $name', ({name}) => {
			expect(selfTest[name]).toHaveLength(1);
			expect(selfTest[name]![0]).not.toContain('does not parse');
		});

		test.each(fineIn51)('the check accepts what 5.1 has: $name', ({name}) => {
			expect(selfTest[name]).toEqual([]);
		});
	},
);

// .NET Framework 4.x (Windows PowerShell 5.1) keeps API contracts that .NET (pwsh 7, which every
// test here runs on) relaxed: these are checked in the scripts' text, since no test host has them.
describe('.NET Framework contracts the scripts rely on', () => {
	test('the credential pipe is opened Asynchronous: .NET Framework refuses BeginWaitForConnection otherwise', () => {
		// NamedPipeServerStream.BeginWaitForConnection: "InvalidOperationException: The pipe was not
		// opened asynchronously" (learn.microsoft.com/dotnet/api/system.io.pipes.namedpipeserverstream.beginwaitforconnection;
		// .NET Framework's Pipe.cs throws InvalidOperation_PipeNotAsync unless IsAsync). .NET Core
		// turns the call into a task and never checks, so under pwsh 7 both forms work.
		expect(runtimeScript).toContain('BeginWaitForConnection');
		const opened = runtimeScript
			.split('\n')
			.filter((line) => line.includes('NamedPipeServerStream]::new('));
		expect(opened.length).toBeGreaterThanOrEqual(2);
		for (const line of opened) expect(line, line.trim()).toMatch(/Asynchronous/);
	});
});
