// Real pwsh against the stubs: the HTTPS listener change and its Undo from an --export script, run
// as an approver would, on a first hop where an admin has since bound an HTTPS listener of their
// own to one address (Address=IP:...). The stubs list WSMan:\localhost\Listener and remove a piped
// listener by its Address and Transport, as the WSMan: provider does (ConfigProvider.cs), so an
// Undo that picked listeners by 'Transport=HTTPS' alone would take the admin's too.
import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import type {Listener} from '../../source/windows/records.js';
import {exportScript} from '../../source/report/export-script.js';
import {runLab} from '../report/lab-run.js';
import {exportedUndo, noPwshReason, pwsh, runWithStubs, scenarioCopy} from './pwsh.js';

const meta = {generatedAt: new Date(0), version: '0.0.0', hostDescription: 'simulated lab'};

const driver = String.raw`param([string]$Module, [string]$ChangePath, [string]$UndoPath)
$ErrorActionPreference = 'Stop'
Import-Module $Module
$cred = [pscredential]::new('CONTOSO\admin', (ConvertTo-SecureString 'Passw0rd!' -AsPlainText -Force))
$null = . ([scriptblock]::Create([IO.File]::ReadAllText($ChangePath)))
Copy-Item -LiteralPath $env:DOUBLEHOP_LAB_STATE -Destination ($env:DOUBLEHOP_LAB_STATE + '.changed')
$null = . ([scriptblock]::Create([IO.File]::ReadAllText($UndoPath)))
`;

/** The listener change's commands and its Undo lines, uncommented, as the approver runs them. */
function listenerChangeAndUndo(script: string): {change: string; undo: string} {
	const lines = script.split('\n');
	const at = lines.findIndex((line) => line.includes('New-Item -Path WSMan:\\localhost\\Listener'));
	const undoAt = lines.indexOf('# Undo:', at);
	if (at < 0 || undoAt < 0) throw new Error('no listener change in the export');
	return {change: lines.slice(at, undoAt).join('\n'), undo: exportedUndo(lines, undoAt)};
}

/** An HTTPS listener an admin bound to hyperv1's one address, with the same certificate. */
const adminsListener: Listener = {
	transport: 'HTTPS',
	address: 'IP:10.0.0.21',
	port: 5986,
	hostname: 'hyperv1.contoso.com',
	certificateThumbprint: '3E5C9A7B1D2F4E6A8B0C1D2E3F4A5B6C7D8E9F01',
	enabled: true,
	source: 'Local',
};

const title = `--export: the HTTPS listener's Undo run under pwsh on the stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;

describe.skipIf(pwsh === undefined)(title, () => {
	test("the Undo removes the listener and firewall rule the change made; an admin's HTTPS listener bound to one address stays", async () => {
		const every = {risk: true, client: true, server: true, listener: true};
		const {final} = await runLab('existing-delegation', {answers: every});
		const {change, undo} = listenerChangeAndUndo(exportScript(final, meta));
		const state = scenarioCopy('existing-delegation', (scenario) => {
			scenario.machines.hyperv1!.listeners.push(adminsListener);
		});
		const read = (path = state) =>
			(JSON.parse(readFileSync(path, 'utf8')) as Scenario).machines.hyperv1!;
		const before = read();
		runWithStubs(driver, [change, undo], state);
		// The change made its listener (Address=*) and a rule of its own.
		const changed = read(`${state}.changed`);
		expect(changed.listeners).toEqual([
			...before.listeners,
			expect.objectContaining({transport: 'HTTPS', address: '*'}),
		]);
		expect(changed.firewallRules).toHaveLength(before.firewallRules.length + 1);
		const after = read();
		expect(after.listeners).toEqual(before.listeners);
		expect(after.listeners).toContainEqual(adminsListener);
		expect(after.firewallRules).toEqual(before.firewallRules);
	}, 120_000);
});
