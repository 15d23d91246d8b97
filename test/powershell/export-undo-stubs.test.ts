// Real pwsh against the stubs: the client change's Undo in an --export script, run as an approver
// would (the function section, then the Undo lines), after the change. Enable-WSManCredSSP writes
// the list into the local GPO's Registry.pol as well as HKLM, and gpupdate copies Registry.pol's
// list back into HKLM: an undo of HKLM alone comes back at the next refresh.
import {describe, expect, test} from 'vitest';
import {exportScript} from '../../source/report/export-script.js';
import {runLab} from '../report/lab-run.js';
import {exportedUndo, noPwshReason, pwsh, runWithStubs, scenarioCopy} from './pwsh.js';

const meta = {generatedAt: new Date(0), version: '0.0.0', hostDescription: 'simulated lab'};

// Snapshots of this machine after each step: HKLM's list and switches (the model's registry), the
// local GPO's (the Registry.pol file the stubs keep under $env:SystemRoot), and client CredSSP.
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
			client = [bool]$machine.credssp.client
		}
	}
}
$start = Get-Snapshot
$null = . ([scriptblock]::Create([IO.File]::ReadAllText($ChangePath)))
$changed = Get-Snapshot
# The export's function definitions, as running their section defines them.
$tokens = $null; $errors = $null
$ast = [System.Management.Automation.Language.Parser]::ParseFile($ExportPath, [ref]$tokens, [ref]$errors)
foreach ($definition in $ast.EndBlock.Statements | Where-Object { $_ -is [System.Management.Automation.Language.FunctionDefinitionAst] }) {
	. ([scriptblock]::Create($definition.Extent.Text))
}
# Each Undo line that is PowerShell (a line of prose for the reader does not parse).
foreach ($line in [IO.File]::ReadAllLines($UndoPath)) {
	$null = [System.Management.Automation.Language.Parser]::ParseInput($line, [ref]$tokens, [ref]$errors)
	if ($errors.Count -eq 0) { $null = . ([scriptblock]::Create($line)) }
}
$undone = Get-Snapshot
$null = gpupdate /target:computer /force
$refreshed = Get-Snapshot
ConvertTo-Json -Depth 5 -Compress -InputObject @{start = $start; changed = $changed; undone = $undone; refreshed = $refreshed}
`;

type Snapshot = {
	hklm: string[];
	hklmSwitches: (number | null)[];
	gpo: string[];
	gpoSwitches: (number | null)[];
	client: boolean;
};

/** The client change's command and its Undo lines, uncommented, as the approver runs them. */
function clientChangeAndUndo(script: string): {change: string; undo: string} {
	const lines = script.split('\n');
	const at = lines.findIndex((line) => line.startsWith('Enable-WSManCredSSP -Role Client'));
	if (at < 0 || lines[at + 1] !== '# Undo:') throw new Error('no client change in the export');
	return {change: lines[at] ?? '', undo: exportedUndo(lines, at + 1)};
}

const title = `--export: the client change's Undo run under pwsh on the stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;

describe.skipIf(pwsh === undefined)(title, () => {
	// The switches each scenario starts with, in both places: the undo must put them back.
	test.each([
		['classic', 'an empty list', [null, null]],
		['existing-delegation', 'entries that were there before', [1, 1]],
		['local-delegation-disabled', 'the policy set to Disabled', [0, null]],
	])(
		'%s (%s): after the Undo lines, HKLM and Registry.pol (lists and switches) are as before the change, and stay so after gpupdate',
		async (scenario, _, switches) => {
			const {final} = await runLab(scenario, {answers: {risk: true, client: true, server: true}});
			const script = exportScript(final, meta);
			const {change, undo} = clientChangeAndUndo(script);
			const state = scenarioCopy(scenario);
			const output = runWithStubs(driver, [script, change, undo], state);
			const read = JSON.parse(output) as Record<
				'start' | 'changed' | 'undone' | 'refreshed',
				Snapshot
			>;
			expect([read.start.hklmSwitches, read.start.gpoSwitches]).toEqual([switches, switches]);
			// The change was made, in both places.
			expect(read.changed.gpo).toContain('wsman/hyperv1.contoso.com');
			expect(read.changed.hklm).toContain('wsman/hyperv1.contoso.com');
			expect(read.changed.client).toBe(true);
			expect(read.undone).toEqual(read.start);
			expect(read.refreshed).toEqual(read.start);
		},
		120_000,
	);
});
