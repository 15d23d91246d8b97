// Real pwsh against the stubs: the delegation lists doublehop writes itself (the client list where
// Group Policy already turns client CredSSP on, and the NTLM-only list), as an --export script
// writes them. Each Group Policy refresh rewrites HKLM\SOFTWARE\Policies from the GPOs, so the run
// writes the local GPO's Registry.pol as well as HKLM; the export must too, or the entry is gone at
// the next gpupdate. Its Undo must take it out of both, so a refresh does not bring it back.
import {describe, expect, test} from 'vitest';
import {createLabHost} from '../../source/hosts/lab/lab-host.js';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import {loadScenario} from '../../source/hosts/lab/scenarios.js';
import {exportScript} from '../../source/report/export-script.js';
import {runLab} from '../report/lab-run.js';
import {exportedUndo, noPwshReason, pwsh, runWithStubs, scenarioCopy} from './pwsh.js';

const meta = {generatedAt: new Date(0), version: '0.0.0', hostDescription: 'simulated lab'};

// Snapshots of this machine: both lists and their switches in HKLM (the model's registry) and in
// the local GPO (the Registry.pol file the stubs keep under $env:SystemRoot).
const driver = String.raw`param([string]$Module, [string]$ExportPath, [string]$ChangePath, [string]$UndoPath)
$ErrorActionPreference = 'Stop'
Import-Module $Module
function Get-Snapshot {
	& (Get-Module DoublehopLabStubs) {
		$machine = (Get-LabContext).Machine
		@{
			hklm = @(Get-List $machine.allowFreshCredentials)
			hklmSwitches = @(Get-LabHklmSwitches $machine)
			gpo = @(Get-LabLocalGpoList)
			gpoSwitches = @(Get-LabLocalGpoSwitches)
			hklmNtlmOnly = @(Get-List $machine.allowFreshCredentialsNtlmOnly)
			hklmNtlmOnlySwitches = @(Get-LabNtlmOnlySwitches $machine)
			gpoNtlmOnly = @(Get-List (Get-LabLocalGpoNtlmOnly))
			client = [bool]$machine.credssp.client
		}
	}
}
# The export's function definitions, as running their section defines them.
$tokens = $null; $errors = $null
$ast = [System.Management.Automation.Language.Parser]::ParseFile($ExportPath, [ref]$tokens, [ref]$errors)
foreach ($definition in $ast.EndBlock.Statements | Where-Object { $_ -is [System.Management.Automation.Language.FunctionDefinitionAst] }) {
	. ([scriptblock]::Create($definition.Extent.Text))
}
$start = Get-Snapshot
$null = . ([scriptblock]::Create([IO.File]::ReadAllText($ChangePath)))
$changed = Get-Snapshot
$null = gpupdate /target:computer /force
$changedRefreshed = Get-Snapshot
# Each Undo line that is PowerShell (a line of prose for the reader does not parse).
foreach ($line in [IO.File]::ReadAllLines($UndoPath)) {
	$null = [System.Management.Automation.Language.Parser]::ParseInput($line, [ref]$tokens, [ref]$errors)
	if ($errors.Count -eq 0) { $null = . ([scriptblock]::Create($line)) }
}
$undone = Get-Snapshot
$null = gpupdate /target:computer /force
$refreshed = Get-Snapshot
ConvertTo-Json -Depth 5 -Compress -InputObject @{start = $start; changed = $changed; changedRefreshed = $changedRefreshed; undone = $undone; refreshed = $refreshed}
`;

type Snapshot = {
	hklm: string[];
	gpo: string[];
	hklmNtlmOnly: string[];
	gpoNtlmOnly: string[];
	client: boolean;
};
type Read = Record<'start' | 'changed' | 'changedRefreshed' | 'undone' | 'refreshed', Snapshot>;

/** A change's section: its code (the lines that are not comments) and its Undo lines, uncommented. */
function changeAndUndo(script: string, setting: string): {change: string; undo: string} {
	const lines = script.split('\n');
	const at = lines.findIndex((line) => line.startsWith('# ==== Change') && line.includes(setting));
	const undoAt = lines.findIndex((line, index) => index > at && line === '# Undo:');
	if (at < 0 || undoAt < 0) throw new Error(`no ${setting} change in the export`);
	const change = lines.slice(at + 1, undoAt).filter((line) => !line.startsWith('#'));
	return {change: change.join('\n'), undo: exportedUndo(lines, undoAt)};
}

/** The scenario, edited, as both the lab run and the stubs read it. */
function edited(name: string, edit: (scenario: Scenario) => void) {
	const found = loadScenario(name);
	if (!found.ok) throw new Error(found.message);
	const scenario = structuredClone(found.scenario);
	edit(scenario);
	return {host: createLabHost({scenario}), state: scenarioCopy(name, edit)};
}

const title = `--export: the delegation lists doublehop writes itself, run under pwsh on the stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;

describe.skipIf(pwsh === undefined)(title, () => {
	test('the NTLM-only list, where the local GPO configures it: the exported change writes Registry.pol too, so the entry outlasts gpupdate; its Undo leaves both as before', async () => {
		const kept = 'wsman/192.168.7.5';
		const entry = 'wsman/10.0.0.21';
		const {host, state} = edited('ip-first-hop', (lab) => {
			lab.machines['admin-ws']!.localGpoAllowFreshCredentialsNtlmOnly = [kept];
		});
		const answers = {
			'trusted-hosts': true,
			'ntlm-only': true,
			risk: true,
			client: true,
			server: true,
		};
		const {final} = await runLab('ip-first-hop', {answers, host});
		await host.dispose();
		const script = exportScript(final, meta);
		const {change, undo} = changeAndUndo(script, 'NTLM-only delegation list');
		const read = JSON.parse(runWithStubs(driver, [script, change, undo], state)) as Read;
		expect(read.start.gpoNtlmOnly).toEqual([kept]);
		expect(read.changed.hklmNtlmOnly).toEqual([kept, entry]);
		expect(read.changed.gpoNtlmOnly).toEqual([kept, entry]);
		// A refresh rewrites HKLM's list from the local GPO's: the entry is still there.
		expect(read.changedRefreshed.hklmNtlmOnly).toEqual([kept, entry]);
		expect(read.undone).toEqual(read.start);
		expect(read.refreshed).toEqual(read.start);
	}, 120_000);

	test('the client list where a GPO turns client CredSSP on (delegation only): the exported change writes Registry.pol too, so the entry outlasts gpupdate; its Undo leaves both as before', async () => {
		const {final} = await runLab('gpo-client-enabled', {
			answers: {risk: true, client: true, server: true},
		});
		const script = exportScript(final, meta);
		const {change, undo} = changeAndUndo(script, 'delegation list, on ADMIN-WS');
		const read = JSON.parse(
			runWithStubs(driver, [script, change, undo], scenarioCopy('gpo-client-enabled')),
		) as Read;
		const entry = 'wsman/hyperv1.contoso.com';
		expect(read.changed.hklm).toContain(entry);
		expect(read.changed.gpo).toContain(entry);
		expect(read.changedRefreshed.hklm).toContain(entry);
		expect(read.undone).toEqual(read.start);
		expect(read.refreshed).toEqual(read.start);
	}, 120_000);
});
