// --export-dsc and --export-ansible through the built CLI with --json: the files are written when
// the run ends, named in the document's records, and carry what the run changed on the lab.
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {runJsonDocument} from '../helpers/json-run.js';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'doublehop-handover-'));
});
afterEach(() => rmSync(dir, {recursive: true, force: true}));

const run = (args: string[]) => runJsonDocument(args, {stateDir: join(dir, 'state')});

describe('--json with --export-dsc and --export-ansible', () => {
	test('a fix writes both, names them in records, and they carry the changes made', () => {
		const dsc = join(dir, 'out', 'credssp.ps1');
		const playbook = join(dir, 'out', 'credssp.yml');
		// The folder must exist (one that does not is refused before the run: output-paths.test.ts).
		mkdirSync(join(dir, 'out'));
		const script = join(dir, 'out', 'changes.ps1');
		const result = run([
			'--json',
			'--yes',
			'--steps',
			'client,server',
			'--lab',
			'existing-delegation',
			'--password-stdin',
			'--export-dsc',
			dsc,
			'--export-ansible',
			playbook,
			'--export',
			script,
		]);
		expect(result.code).toBe(0);
		const {report} = result;
		expect(report.verdict).toBe('fixed');
		expect(report.records).toMatchObject({export: script, exportDsc: dsc, exportAnsible: playbook});
		expect(existsSync(script)).toBe(true);
		const text = readFileSync(dsc, 'utf8');
		expect(text).toMatch(/^Configuration DoublehopCredSsp \{$/m);
		expect(text).toContain("ValueData  = @('wsman/hyperv1.contoso.com')");
		expect(text).toContain("ValueData  = @('wsman/sql01.contoso.com')");
		expect(text).toContain("Node 'hyperv1.contoso.com' {");
		// --steps left the listener out: no listener in either export.
		expect(text).not.toContain('WSManListener');
		const yaml = readFileSync(playbook, 'utf8');
		expect(yaml).toContain('  hosts: "hyperv1.contoso.com"');
		expect(yaml).toContain('        ValueData: ["wsman/hyperv1.contoso.com"]');
		expect(yaml).not.toContain('WSManListener');
	});

	test('a dry run writes them too, labelled, and changes nothing', () => {
		const dsc = join(dir, 'dry.ps1');
		const result = run([
			'--json',
			'--dry-run',
			'--yes',
			'--steps',
			'client,server',
			'--lab',
			'classic',
			'--password-stdin',
			'--export-dsc',
			dsc,
		]);
		expect(existsSync(dsc)).toBe(true);
		const text = readFileSync(dsc, 'utf8');
		expect(text).toContain('# DRY RUN: the values doublehop planned.');
		// The planned changes are in it, not "nothing to apply".
		expect(text).toContain("ValueData  = @('wsman/hyperv1.contoso.com')");
		expect(text).toContain("Role           = 'Server'");
		const {changes} = result.report as {changes: {dryRun?: boolean}[]};
		expect(changes.length).toBeGreaterThan(0);
		expect(changes.every((change) => change.dryRun)).toBe(true);
	});
});

/** A .ps1 read as Windows PowerShell 5.1 reads it: UTF-8 after a BOM, else the ANSI code page. */
function readAsWindowsPowerShell(path: string): string {
	const bytes = readFileSync(path);
	const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
	return bom
		? new TextDecoder('utf-8').decode(bytes.subarray(3))
		: new TextDecoder('windows-1252').decode(bytes);
}

describe('scripts as Windows PowerShell 5.1 reads them', () => {
	test('a command with letters beyond ASCII reads back whole from --export and --export-dsc', () => {
		const script = join(dir, 'changes.ps1');
		const dsc = join(dir, 'credssp.ps1');
		const command =
			"Get-VM -ComputerName hyperv2.contoso.com | Where-Object Notes -like '*Kőszegi — próba*'";
		const result = run([
			...['--json', '--yes', '--steps', 'client,server', '--lab', 'classic', '--password-stdin'],
			...['--command', command, '--export', script, '--export-dsc', dsc],
		]);
		expect(result.code).toBe(0);
		// Before: UTF-8 without a BOM, read by 5.1 as cp1252: "KÅ‘szegi â€” prÃ³ba", whose 0x91
		// and 0x94 bytes are quotes to PowerShell's tokenizer, so the script no longer parsed.
		expect(readAsWindowsPowerShell(script)).toContain(command);
		expect(readAsWindowsPowerShell(dsc)).toBe(readFileSync(dsc, 'utf8').replace(/^\uFEFF/, ''));
		expect(readAsWindowsPowerShell(dsc)).toMatch(/^# /);
	});
});
