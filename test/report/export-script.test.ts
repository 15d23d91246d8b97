// --export: the PowerShell for a change-approval board. Built from real lab runs, checked line by
// line, and parsed by the real PowerShell parser when pwsh is installed.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, test} from 'vitest';
import {revertTaskScript} from '../../source/operations/revert-task-script.js';
import {exportScript, type ExportMeta} from '../../source/report/export-script.js';
import {setDelegationListFunctionLines} from '../../source/operations/set-delegation-list.js';
import type {ChangeRecord, FlowState} from '../../source/tree/state.js';
import {findPwsh, parsePowerShell, type ParsedScript} from '../safety/powershell-parser.js';
import {labPassword, runLab} from './lab-run.js';

const meta: ExportMeta = {
	generatedAt: new Date('2031-05-06T07:08:09.000Z'),
	version: '9.8.7',
	hostDescription: 'simulated lab: classic',
};

let fixed: FlowState;
let dryRun: FlowState;
let declined: FlowState;

beforeAll(async () => {
	fixed = (await runLab('classic', {answers: {risk: true, client: true, server: true}})).final;
	dryRun = (
		await runLab('existing-delegation', {
			dryRun: true,
			answers: {risk: true, client: true, server: true},
		})
	).final;
	declined = (await runLab('classic', {answers: {risk: false}})).final;
});

/** The first change's Undo lines, uncommented, as an approver would run them. */
function undoLines(script: string): string {
	const lines = script.split('\n');
	const at = lines.indexOf('# Undo:');
	const undo: string[] = [];
	for (const line of lines.slice(at + 1)) {
		if (!line.startsWith('#   ')) break;
		undo.push(line.slice(4));
	}
	return undo.join('\n');
}

/** A change whose recorded texts try to break out of their comments. */
function hostileChange(base: ChangeRecord): ChangeRecord {
	return {
		...base,
		setting: 'setting\nRemove-Item C:\\ -Recurse',
		before: 'before\r\nStop-Computer',
		after: 'after\u2028Restart-Computer\u0000',
		undoCommand: 'undo\nFormat-Volume -DriveLetter C',
	};
}

describe('exportScript', () => {
	test('classic: header, credential prompt, each change in order with its undo, then verify', () => {
		expect(fixed.conclusion?.verdict).toBe('fixed');
		const script = exportScript(fixed, meta);
		const lines = script.split('\n');
		expect(lines[0]).toBe(
			'# doublehop change script: CredSSP for the PowerShell remoting double hop',
		);
		expect(script).toContain('# REVIEW BEFORE RUNNING.');
		// A default Windows 10 or 11 (Restricted) runs no .ps1: how to run it whole is said.
		expect(script).toContain('#   powershell.exe -ExecutionPolicy Bypass -File <this file>');
		expect(script).toContain('# Targets:   ADMIN-WS -> hyperv1.contoso.com -> hyperv2.contoso.com');
		expect(script).toContain('# Account:   CONTOSO\\admin');
		expect(script).toContain(
			'# Generated: 2031-05-06T07:08:09.000Z by doublehop 9.8.7 (simulated lab: classic)',
		);
		expect(script).toMatch(
			/^# Risk: with CredSSP, hyperv1\.contoso\.com receives CONTOSO\\admin's reusable credentials[^\n]*\n# {7}Anyone who controls hyperv1\.contoso\.com/m,
		);
		expect(lines).toContain(
			"$cred = Get-Credential -UserName 'CONTOSO\\admin' -Message 'doublehop: the account for hyperv1.contoso.com'",
		);
		const client = lines.indexOf(
			'Enable-WSManCredSSP -Role Client -DelegateComputer hyperv1.contoso.com -Force',
		);
		const server = lines.indexOf(
			'Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Enable-WSManCredSSP -Role Server -Force }',
		);
		const verify = lines.indexOf(
			"Invoke-Command -ComputerName 'hyperv1.contoso.com' -Credential $cred -Authentication CredSSP -ScriptBlock ([scriptblock]::Create('Get-VM -ComputerName hyperv2.contoso.com'))",
		);
		expect(client).toBeGreaterThan(lines.findIndex((line) => line.startsWith('$cred =')));
		expect(server).toBeGreaterThan(client);
		expect(verify).toBeGreaterThan(server);
		// Each change's undo sits right after its command.
		expect(lines.slice(server + 1, server + 3)).toEqual([
			'# Undo:',
			'#   Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Disable-WSManCredSSP -Role Server }',
		]);
		expect(lines[client + 1]).toBe('# Undo:');
		// The list as it was before (empty in this lab), written as PowerShell.
		expect(lines[client + 2]).toMatch(
			/^# {3}# Local Group Policy .*: no entries \(switch removed\)/,
		);
		expect(lines).toContain(
			'#   Set-Item WSMan:\\localhost\\Client\\Auth\\CredSSP -Value $false -Force',
		);
		// HKLM alone would come back at the next gpupdate: the list is written with the function
		// doublehop undo runs (Registry.pol, then HKLM), defined once before the changes.
		expect(lines[client + 3]).toBe('#   $null = Set-DoublehopDelegationList -Values @()');
		const defined = lines.indexOf('function Set-DoublehopDelegationList {');
		expect(defined).toBeGreaterThan(0);
		expect(defined).toBeLessThan(client);
		expect(lines.lastIndexOf('function Set-DoublehopDelegationList {')).toBe(defined);
		// No step by hand in gpedit.msc (the function's own error for a damaged file may name it).
		expect(lines.filter((line) => line.startsWith('#') && line.includes('gpedit'))).toEqual([]);
		expect(script).toContain(
			'# ==== Change 1 of 2: CredSSP client and delegation list, on ADMIN-WS',
		);
		expect(script).not.toContain(labPassword);
		expect(script).not.toMatch(/-Password|ConvertTo-SecureString/);
	});

	test('dry run: the planned changes, labelled as not made', () => {
		expect(dryRun.changes.every((change) => change.dryRun)).toBe(true);
		const script = exportScript(dryRun, meta);
		expect(script).toContain('# What:      DRY RUN: the changes doublehop would make');
		expect(script.match(/^# \(planned in a dry run; not made yet\)$/gm)).toHaveLength(
			dryRun.changes.length,
		);
		// The existing entries are kept: only the new name is delegated.
		expect(script).toContain(
			'Enable-WSManCredSSP -Role Client -DelegateComputer hyperv1.contoso.com -Force',
		);
	});

	test('no confirmed change: says so, and still gives the verify line', () => {
		const script = exportScript(declined, meta);
		expect(script).toContain('# No change was confirmed in this run: there is nothing to apply.');
		expect(script).not.toContain('# ==== Change');
		expect(script).toContain('-Authentication CredSSP -ScriptBlock ([scriptblock]::Create(');
	});

	test('user-supplied values are single-quoted literals; text in comments cannot start a line', () => {
		const hostile: FlowState = {
			...fixed,
			inputs: {
				...fixed.inputs,
				user: "O'Brien",
				command: "Get-VM }; Remove-Item C:\\ -Recurse; & { 'x‘",
			},
			changes: fixed.changes.map(hostileChange),
		};
		const script = exportScript(hostile, meta);
		expect(script).toContain("-UserName 'O''Brien'");
		expect(script).toContain(
			"([scriptblock]::Create('Get-VM }; Remove-Item C:\\ -Recurse; & { ''x‘‘'))",
		);
		const code = script.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
		for (const line of code) expect(line).not.toMatch(/^(Remove-Item|Stop-Computer|Format-Volume)/);
		expect(script).not.toMatch(/[\u0000\u2028\r]/);
	});
});

const pwsh = findPwsh();
const why = pwsh === undefined ? ' (SKIPPED: pwsh not found in ~/.dotnet/tools or on PATH)' : '';
if (pwsh === undefined) console.log(`export-script: PowerShell parser tests skipped${why}`);

describe.skipIf(pwsh === undefined)(`the real PowerShell parser${why}`, () => {
	let parsed: ParsedScript[];
	const commandsOf = (result: ParsedScript | undefined) => result?.commands;

	beforeAll(() => {
		const hostile: FlowState = {
			...fixed,
			inputs: {...fixed.inputs, command: "Get-VM }; Remove-Item C:\\ -Recurse; & { 'x"},
			changes: fixed.changes.map(hostileChange),
		};
		parsed = parsePowerShell(pwsh as string, [
			exportScript(fixed, meta),
			exportScript(dryRun, meta),
			exportScript(declined, meta),
			exportScript(hostile, meta),
			setDelegationListFunctionLines().join('\n'),
			undoLines(exportScript(fixed, meta)),
		]);
	});

	test('every exported script parses with no errors', () => {
		expect(parsed.slice(0, 4).map((result) => result.errors)).toEqual([[], [], [], []]);
	});

	test('and runs exactly the expected commands, nothing smuggled in through text', () => {
		// The function the client's undo calls: defined, with the commands of its own text only.
		const defined = commandsOf(parsed[4]) ?? [];
		expect(defined).toContain('Set-HklmCredentialsList');
		const classic = [
			'Get-Credential',
			...defined,
			'Enable-WSManCredSSP',
			'Invoke-Command',
			'Enable-WSManCredSSP',
			'Invoke-Command',
		];
		expect(commandsOf(parsed[0])).toEqual(classic);
		// No change: no function to define.
		expect(commandsOf(parsed[2])).toEqual(['Get-Credential', 'Invoke-Command']);
		// The hostile command stays one string argument; the comments stay comments.
		expect(commandsOf(parsed[3])).toEqual(classic);
	});

	test("the client change's Undo, uncommented, is PowerShell that writes the list with the function, with no step left to gpedit.msc", () => {
		const undo = parsed[5];
		expect(undo?.errors).toEqual([]);
		expect(undo?.commands).toEqual(['Set-DoublehopDelegationList', 'Set-Item']);
	});
});

describe('--export of the lists doublehop writes itself (Registry.pol and HKLM)', () => {
	// The run writes these in the local GPO's Registry.pol as well as HKLM: a refresh rewrites HKLM
	// from the GPOs. The shown command names the Registry.pol edit only in a comment; the export
	// runs what the run runs instead (test/powershell/export-list-writes-stubs.test.ts runs it).
	const hklmWrite = /^New-ItemProperty -Path 'HKLM:/m;

	test('the NTLM-only change and its Undo call the function the script defines, once', async () => {
		const answers = {
			'trusted-hosts': true,
			'ntlm-only': true,
			risk: true,
			client: true,
			server: true,
		};
		const script = exportScript((await runLab('ip-first-hop', {answers})).final, meta);
		expect(script).not.toMatch(hklmWrite);
		expect(script.match(/^function Set-DoublehopNtlmOnlyList \{$/gm)).toHaveLength(1);
		expect(script).toContain(
			"\n$null = Set-DoublehopNtlmOnlyList -Values @('wsman/192.168.7.5', 'wsman/10.0.0.21') -LocalGpoWrite $true -LocalGpoValues @('wsman/192.168.7.5', 'wsman/10.0.0.21')\n# Undo:\n",
		);
		expect(script).toContain(
			"\n#   $null = Set-DoublehopNtlmOnlyList -Values @('wsman/192.168.7.5') -KeysBefore @('parent:1', 'list:1') -LocalGpoWrite $true -LocalGpoValues @()\n",
		);
	});

	test('the client list where a GPO turns client CredSSP on: the change calls the function its Undo calls', async () => {
		const run = await runLab('gpo-client-enabled', {
			answers: {risk: true, client: true, server: true},
		});
		const script = exportScript(run.final, meta);
		expect(script).not.toMatch(hklmWrite);
		expect(script.match(/^function Set-DoublehopDelegationList \{$/gm)).toHaveLength(1);
		expect(script).toContain(
			"\n$null = Set-DoublehopDelegationList -Values @('wsman/hyperv1.contoso.com')\n# Undo:\n",
		);
	});
});

describe('--export of a $using:cred run', () => {
	test('the rewritten command with its credential, no CredSSP, no elevation, and nothing to undo', async () => {
		const {final} = await runLab('classic', {method: 'u', answers: {'using-cred': true}});
		expect(final.conclusion?.verdict).toBe('fixed');
		const script = exportScript(final, meta);
		expect(script).toContain(
			"Invoke-Command -ComputerName 'hyperv1.contoso.com' -Credential $cred -ScriptBlock ([scriptblock]::Create('Get-VM -ComputerName hyperv2.contoso.com -Credential $using:cred'))",
		);
		expect(script).toContain("$cred = Get-Credential -UserName 'CONTOSO\\admin'");
		expect(script).toContain('# It changes nothing on any machine');
		expect(script).not.toContain('CredSSP');
		expect(script).not.toContain('#Requires -RunAsAdministrator');
		const pwsh = findPwsh();
		if (pwsh !== undefined) {
			const [parsed] = parsePowerShell(pwsh, [script]);
			expect(parsed?.errors).toEqual([]);
			expect(parsed?.commands).toEqual(['Get-Credential', 'Invoke-Command']);
		}
	});
});

describe('exportScript for resource-based delegation', () => {
	test('the Set-ADComputer change with its exact undo, no CredSSP risk, and a plain verify after the purge', async () => {
		const rbkcd = (
			await runLab('rbkcd', {method: 'r', answers: {rbkcd: true, 'klist-purge': true}})
		).final;
		expect(rbkcd.conclusion?.verdict).toBe('fixed');
		const script = exportScript(rbkcd, meta);
		const lines = script.split('\n');
		expect(lines[0]).toBe(
			'# doublehop change script: resource-based Kerberos constrained delegation for the double hop',
		);
		expect(script).not.toContain('CredSSP');
		expect(lines).toContain(
			"$sd = (Get-ADComputer fs01 -Properties msDS-AllowedToActOnBehalfOfOtherIdentity).'msDS-AllowedToActOnBehalfOfOtherIdentity'; if ($null -eq $sd) { Set-ADComputer fs01 -PrincipalsAllowedToDelegateToAccount 'CN=HYPERV1,CN=Computers,DC=contoso,DC=com' } else { $sd.SetSecurityDescriptorSddlForm(($sd.GetSecurityDescriptorSddlForm('All') -replace '^(.*?D:[A-Z]*(?:\\((?:[^()]|\\([^()]*\\))*\\))*)', '$1(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;S-1-5-21-1004336348-1177238915-682003330-5789)')); Set-ADComputer fs01 -Replace @{'msDS-AllowedToActOnBehalfOfOtherIdentity' = $sd} }",
		);
		expect(lines).toContain(
			"#   $sd = (Get-ADComputer fs01 -Properties msDS-AllowedToActOnBehalfOfOtherIdentity).'msDS-AllowedToActOnBehalfOfOtherIdentity'; if ($null -ne $sd) { $sddl = $sd.GetSecurityDescriptorSddlForm('All') -replace '\\(A;[^;()]*;[^;()]*;;;S-1-5-21-1004336348-1177238915-682003330-5789\\)', ''; if ($sddl -notmatch 'D:[A-Z]*\\(') { Set-ADComputer fs01 -PrincipalsAllowedToDelegateToAccount $null } else { $sd.SetSecurityDescriptorSddlForm($sddl); Set-ADComputer fs01 -Replace @{'msDS-AllowedToActOnBehalfOfOtherIdentity' = $sd} } }",
		);
		expect(lines).toContain(
			"Invoke-Command -ComputerName 'hyperv1.contoso.com' -Credential $cred -ScriptBlock { klist purge -li 0x3e7 }",
		);
		expect(lines.at(-2)).toBe(
			"Invoke-Command -ComputerName 'hyperv1.contoso.com' -Credential $cred -ScriptBlock ([scriptblock]::Create('Get-ChildItem \\\\fs01\\share'))",
		);
	});
});

// Reads an exported script as PowerShell does: its $revert* assignments evaluated in order (pure:
// the deadline and the task scripts), and where each New-ScheduledTaskAction takes -Argument and
// each New-ScheduledTaskTrigger takes -At from.
const revertReader = String.raw`param([string]$Path)
$ErrorActionPreference = 'Stop'
$tokens = $null; $errors = $null
$ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$tokens, [ref]$errors)
$before = Get-Date
foreach ($statement in $ast.EndBlock.Statements) {
	if ($statement -is [System.Management.Automation.Language.AssignmentStatementAst] -and $statement.Left.VariablePath.UserPath -like 'revert*') {
		. ([scriptblock]::Create($statement.Extent.Text))
	}
}
$commands = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] -and $node.GetCommandName() -in 'New-ScheduledTaskAction', 'New-ScheduledTaskTrigger' }, $true)
$uses = foreach ($command in $commands) {
	$elements = @($command.CommandElements)
	for ($i = 0; $i -lt $elements.Count; $i++) {
		if ($elements[$i] -is [System.Management.Automation.Language.CommandParameterAst] -and $elements[$i].ParameterName -in 'Argument', 'At') { [string]$elements[$i].ParameterName + ' ' + $elements[$i + 1].Extent.Text }
	}
}
ConvertTo-Json -Compress -InputObject @{
	errors = @($errors | ForEach-Object { $_.Message })
	minutesAhead = ($revertAt - $before).TotalMinutes
	hop1 = $revertArgumentsHop1
	client = $revertArgumentsClient
	uses = @($uses)
}
`;

describe('--export of a time-boxed (--for) run', () => {
	test.skipIf(findPwsh() === undefined)(
		"registers each task with -EncodedCommand of the same script doublehop's own task runs, due N minutes after the script runs",
		async () => {
			const {final} = await runLab('classic', {
				timeBoxMinutes: 60,
				answers: {risk: true, client: true, server: true, revert: true},
			});
			const tasks = final.timeBox?.tasks.map((entry) => entry.task) ?? [];
			expect(tasks.map((task) => task.revert.machine)).toEqual(['hop1', 'client']);
			const script = exportScript(final, meta);
			expect(script).not.toMatch(/<the lines above|UTF-16LE, Base64>'/);
			expect(script).not.toContain(final.timeBox?.atUtc ?? 'no deadline');

			const folder = mkdtempSync(join(tmpdir(), 'doublehop-export-'));
			const scriptPath = join(folder, 'export.ps1');
			const readerPath = join(folder, 'reader.ps1');
			writeFileSync(scriptPath, script, 'utf8');
			writeFileSync(readerPath, revertReader, 'utf8');
			const read = JSON.parse(
				execFileSync(
					findPwsh() ?? 'pwsh',
					['-NoProfile', '-NonInteractive', '-File', readerPath, scriptPath],
					{
						encoding: 'utf8',
						timeout: 120_000,
					},
				),
			) as {errors: string[]; minutesAhead: number; hop1: string; client: string; uses: string[]};
			expect(read.errors).toEqual([]);
			expect(read.minutesAhead).toBeGreaterThan(59.9);
			expect(read.minutesAhead).toBeLessThan(60.1);
			const decoded = (argumentText: string) => {
				const match =
					/^-NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand (\S+)$/.exec(
						argumentText,
					);
				return Buffer.from(match?.[1] ?? '', 'base64').toString('utf16le');
			};
			const [hop1Task, clientTask] = tasks;
			expect(decoded(read.hop1)).toBe(hop1Task && revertTaskScript(hop1Task));
			expect(decoded(read.client)).toBe(clientTask && revertTaskScript(clientTask));
			// Hop 1's task takes them through the session; this machine's here.
			const atHop1 =
				'-At ([DateTimeOffset]::Parse($using:revertAtUtc, [cultureinfo]::InvariantCulture)).LocalDateTime';
			expect(read.uses).toEqual([
				'Argument $using:revertArgumentsHop1',
				atHop1.replace('-', ''),
				'Argument $revertArgumentsClient',
				atHop1.replace('-', '').replace('$using:', '$'),
			]);
		},
		120_000,
	);
});

// What PowerShell's parser makes of the registration: each VisibleCmdlets value in a hashtable
// literal, and each variable a Register-PSSessionConfiguration inside a script block is given as
// -RunAsCredential (a $using: one reaches the remote side; a plain one is $null there).
const registrationReader = String.raw`param([string]$Path)
$ErrorActionPreference = 'Stop'
$tokens = $null; $errors = $null
$ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$tokens, [ref]$errors)
$pairs = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.HashtableAst] }, $true) | ForEach-Object { $_.KeyValuePairs } | Where-Object { [string]$_.Item1.Value -eq 'VisibleCmdlets' }
$visible = foreach ($pair in $pairs) {
	$expression = $pair.Item2.PipelineElements[0].Expression
	$items = if ($expression -is [System.Management.Automation.Language.ArrayLiteralAst]) { $expression.Elements } else { @($expression) }
	foreach ($item in $items) { $item.GetType().Name + ' ' + $item.Extent.Text }
}
$runAs = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] -and $node.GetCommandName() -eq 'Register-PSSessionConfiguration' }, $true) | ForEach-Object {
	$elements = @($_.CommandElements)
	$inBlock = $null -ne $_.Parent -and $null -ne $_.Parent.Parent -and $_.Parent.Parent.Parent -is [System.Management.Automation.Language.ScriptBlockAst] -and $_.Parent.Parent.Parent.Parent -is [System.Management.Automation.Language.ScriptBlockExpressionAst]
	for ($i = 0; $i -lt $elements.Count; $i++) {
		if ($elements[$i] -is [System.Management.Automation.Language.CommandParameterAst] -and $elements[$i].ParameterName -eq 'RunAsCredential') { [string]$inBlock + ' ' + $elements[$i + 1].GetType().Name + ' ' + $elements[$i + 1].Extent.Text }
	}
}
ConvertTo-Json -Compress -InputObject @{errors = @($errors | ForEach-Object { $_.Message }); visible = @($visible); runAs = @($runAs)}
`;

function readRegistration(script: string): {errors: string[]; visible: string[]; runAs: string[]} {
	const folder = mkdtempSync(join(tmpdir(), 'doublehop-export-'));
	const scriptPath = join(folder, 'export.ps1');
	const readerPath = join(folder, 'reader.ps1');
	writeFileSync(scriptPath, script, 'utf8');
	writeFileSync(readerPath, registrationReader, 'utf8');
	return JSON.parse(
		execFileSync(
			findPwsh() ?? 'pwsh',
			['-NoProfile', '-NonInteractive', '-File', readerPath, scriptPath],
			{
				encoding: 'utf8',
				timeout: 120_000,
			},
		),
	) as {errors: string[]; visible: string[]; runAs: string[]};
}

describe.skipIf(findPwsh() === undefined)(
	"--export of a JEA or RunAs run, read by PowerShell's parser",
	() => {
		test('JEA: VisibleCmdlets is the string Get-VM, not a call of Get-VM; the cut WinRM restart makes is caught and a new session reads the configuration', async () => {
			const {final} = await runLab('jea-runas', {
				method: 'j',
				gmsa: 'CONTOSO\\jea-hv$',
				answers: {'session-config': true},
			});
			expect(final.sessionConfig?.plan?.kind).toBe('jea');
			const script = exportScript(final, meta);
			const read = readRegistration(script);
			expect(read.errors).toEqual([]);
			expect(read.visible).toEqual(["StringConstantExpressionAst 'Get-VM'"]);
			expect(script).toMatch(
				/^try \{\n\tInvoke-Command -ComputerName hyperv1\.contoso\.com -Credential \$cred -ScriptBlock \{ New-PSSessionConfigurationFile [^\n]*Register-PSSessionConfiguration -Name Doublehop\.JEA [^\n]*\n\} catch \{\n(\t#[^\n]*\n)?\tif \(-not \([^\n]*PSRemotingTransportException[^\n]*\)\) \{ throw \}\n\tWrite-Warning \$_\.Exception\.Message\n\}\nInvoke-Command -ComputerName hyperv1\.contoso\.com -Credential \$cred -ScriptBlock \{ Get-PSSessionConfiguration -Name Doublehop\.JEA /m,
			);
		});

		test('RunAs: the credential asked for here reaches the first hop as $using:runAs', async () => {
			const {final} = await runLab('jea-runas', {
				method: 'a',
				runAs: {user: 'CONTOSO\\svc-hvops', password: 'RunAs-Passw0rd!'},
				answers: {'session-config': true},
			});
			expect(final.sessionConfig?.plan?.kind).toBe('runas');
			const script = exportScript(final, meta);
			const read = readRegistration(script);
			expect(read.errors).toEqual([]);
			expect(read.runAs).toEqual(['True UsingExpressionAst $using:runAs']);
			expect(script).toContain("\n$runAs = Get-Credential 'CONTOSO\\svc-hvops'\ntry {\n");
			expect(script).not.toContain('RunAs-Passw0rd!');
		});
	},
);
