// A --json run's undo next step is run as written by a CI job, with no terminal: it must be the
// non-interactive undo (--json --yes, the password as the run took it), not the guided one, which
// refuses without a terminal. Run exactly as printed, it takes the run's changes back.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {runCli, runJsonDocument} from '../helpers/json-run.js';

const root = join(import.meta.dirname, '../..');

/** A run with no --json: its exit code, stdout and stderr. */
const doublehop = (args: string[], stateDir: string) => runCli(args, {stateDir});
/** A --json run: its document, checked against the schema. */
const json = (args: string[], stateDir: string) => runJsonDocument(args, {stateDir});

/** The words of a printed command: PowerShell's single quotes ('' inside) taken off. */
function words(command: string): string[] {
	return [...command.matchAll(/'((?:[^']|'')*)'|(\S+)/g)].map((m) =>
		m[1] === undefined ? m[2]! : m[1].replaceAll("''", "'"),
	);
}

/** The undo next step as printed, from "doublehop undo" to the end of the line. */
function printedUndo(nextSteps: string[], say: string): string[] {
	const step = nextSteps.find((line) => line.startsWith(say));
	expect(step, JSON.stringify(nextSteps)).toBeDefined();
	const command = step!.slice(step!.indexOf('doublehop undo'));
	return words(command).slice(1);
}

const runs = [
	{
		what: 'one first hop',
		lab: 'classic',
		fix: ['--steps', 'client,server,listener'],
		say: 'When the work is done, turn CredSSP off again:',
	},
	{
		what: 'many first hops',
		lab: 'fleet',
		fix: ['--hop1', 'hv05.contoso.com,hv13.contoso.com', '--steps', 'client,server'],
		say: 'All of them:',
	},
];

describe('the undo next step of a --json fix', () => {
	for (const run of runs) {
		test(`${run.what}: run as printed, without a terminal, it takes the changes back (exit 0, lab as before)`, () => {
			const dir = mkdtempSync(join(tmpdir(), 'dh-json-undo-'));
			const state = join(dir, 'lab.json');
			const labFile = join(root, 'source/hosts/lab/scenarios', `${run.lab}.json`);
			const before = JSON.parse(readFileSync(labFile, 'utf8')).machines;
			const fix = json(
				['--json', '--password-stdin', '--lab', run.lab, '--lab-state', state, '--yes', ...run.fix],
				dir,
			);
			expect(fix.code).toBe(0);
			const report = fix.report;
			expect(report.changes.length).toBeGreaterThan(0);
			const undo = printedUndo(report.nextSteps, run.say);
			expect(undo[0]).toBe('undo');

			const undone = json(undo, dir);
			expect(undone.code).toBe(0);
			expect(undone.report.verdict).toBe('undone');
			expect(JSON.parse(readFileSync(state, 'utf8')).machines).toEqual(before);
		});
	}
});

describe('undo without a terminal and without --json', () => {
	test('the refusal names the undo without prompts (before: a fix, "doublehop --json"), and that runs as printed', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-json-undo-'));
		const state = join(dir, 'lab.json');
		const before = JSON.parse(
			readFileSync(join(root, 'source/hosts/lab/scenarios/classic.json'), 'utf8'),
		).machines;
		const lab = ['--lab', 'classic', '--lab-state', state];
		expect(
			json(['--json', '--password-stdin', ...lab, '--yes', '--steps', 'client,server'], dir).code,
		).toBe(0);
		const refused = doublehop(['undo', ...lab], dir);
		expect(refused.code).toBe(2);
		const hint = /without prompts: (doublehop undo [^(]+) \(with --password-stdin/.exec(
			refused.stderr,
		);
		expect(hint?.[1]).toBe(`doublehop undo --lab classic --lab-state '${state}' --json --yes`);
		const undone = json([...words(hint![1]!).slice(1), '--password-stdin'], dir);
		expect(undone.report.verdict).toBe('undone');
		expect(JSON.parse(readFileSync(state, 'utf8')).machines).toEqual(before);
	});
});

describe('undo --json after the --for revert tasks fired', () => {
	test('without --yes it reads each machine and says nothing is left to undo, not "still CredSSP on" (exit 0)', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-json-undo-'));
		const state = join(dir, 'lab.json');
		const lab = ['--lab', 'classic', '--lab-state', state];
		const steps = ['--steps', 'client,server,listener,revert', '--for', '2h'];
		const fix = json(['--json', '--password-stdin', ...lab, '--yes', ...steps], dir);
		expect(fix.code).toBe(0);
		const revertsAt: string = fix.report.timeBox.revertsAt;
		expect(doublehop([...lab, '--lab-advance', '2h'], dir).code).toBe(0);

		const read = json(['undo', '--json', '--password-stdin', ...lab], dir);
		const report = read.report;
		// Before: "declined", exit 1, "still CredSSP on ... still HTTPS listener", as the journal had them.
		expect(read.code).toBe(0);
		expect(report.verdict).toBe('nothing-to-undo');
		expect(report.headline).toBe(
			`The --for revert tasks took back the 3 changes at ${revertsAt.slice(11, 16)} UTC and removed themselves; read just now, nothing by doublehop is left in place.`,
		);
		expect(report.details).toEqual([
			expect.stringMatching(
				/^hyperv1\.contoso\.com: HTTPS listener and firewall rule: no HTTPS listener on 5986 \(its task, gone, removed firewall rule doublehop-WinRM-HTTPS-In-\w+ before itself\)$/,
			),
			'hyperv1.contoso.com: WinRM service CredSSP: off',
			'ADMIN-WS (this machine): CredSSP client and delegation list: CredSSP off; list: (empty)',
		]);
		expect(report.leftUndone).toEqual([]);
		expect(report.changes).toEqual([]);
		expect(JSON.stringify(report)).not.toMatch(/still CredSSP on|still HTTPS listener/);
		// Nothing was run: the lab is as the tasks left it, the start.
		expect(JSON.parse(readFileSync(state, 'utf8')).machines).toEqual(
			JSON.parse(readFileSync(join(root, 'source/hosts/lab/scenarios/classic.json'), 'utf8'))
				.machines,
		);
	});
});

describe('undo --json after the workstation restarted, its Manual WinRM service stopped again', () => {
	test('the client undo starts WinRM, takes CredSSP back, and stops it again: lab as before', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-json-undo-'));
		const state = join(dir, 'lab.json');
		const lab = ['--lab', 'winrm-stopped', '--lab-state', state];
		const before = JSON.parse(
			readFileSync(join(root, 'source/hosts/lab/scenarios/winrm-stopped.json'), 'utf8'),
		).machines;
		const steps = ['--steps', 'winrm,client,server'];
		expect(json(['--json', '--password-stdin', ...lab, '--yes', ...steps], dir).code).toBe(0);
		const saved = JSON.parse(readFileSync(state, 'utf8'));
		expect(saved.machines['admin-ws'].winrmRunning).toBe(true);
		saved.machines['admin-ws'].winrmRunning = false;
		writeFileSync(state, JSON.stringify(saved));

		const undone = json(['undo', '--json', '--yes', '--password-stdin', ...lab], dir);
		const report = undone.report;
		// Before: "failed", "Could not undo CredSSP client and delegation list", Start-Service WinRM.
		expect(report.verdict).toBe('undone');
		expect(undone.code).toBe(0);
		const client = report.changes.find((change: {command: string}) =>
			change.command.includes('Set-Item WSMan:'),
		);
		expect(client.command.split('\n')[0]).toBe('Start-Service WinRM');
		expect(client.command.split('\n').at(-1)).toBe('Stop-Service WinRM');
		expect(JSON.parse(readFileSync(state, 'utf8')).machines).toEqual(before);
	});
});

describe('undo --json of a run over many first hops, after the workstation restarted', () => {
	test('undo --hop1 a,b starts the stopped WinRM for the delegation entries and stops it again, as for one host', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-json-undo-'));
		const state = join(dir, 'lab.json');
		const lab = ['--lab', 'fleet', '--lab-state', state];
		const hosts = ['--hop1', 'hv13.contoso.com,hv14.contoso.com'];
		const before = JSON.parse(
			readFileSync(join(root, 'source/hosts/lab/scenarios/fleet.json'), 'utf8'),
		).machines;
		const steps = ['--steps', 'client,server'];
		const fix = json(['--json', '--password-stdin', ...lab, ...hosts, '--yes', ...steps], dir);
		expect(fix.code).toBe(0);
		// The restart: this workstation's Manual WinRM service is stopped again.
		const saved = JSON.parse(readFileSync(state, 'utf8'));
		saved.machines['admin-ws'].winrmRunning = false;
		saved.machines['admin-ws'].winrmStartType = 'Manual';
		writeFileSync(state, JSON.stringify(saved));

		const undone = json(['undo', '--json', '--yes', '--password-stdin', ...lab, ...hosts], dir);
		const report = undone.report;
		expect(report.verdict).toBe('undone');
		expect(undone.code).toBe(0);
		const entries = report.changes.filter((change: {stage: string}) => change.stage === 'client');
		expect(entries).toHaveLength(2);
		for (const entry of entries) {
			expect(entry.command.split('\n')[0]).toBe('Start-Service WinRM');
			expect(entry.command.split('\n').at(-1)).toBe('Stop-Service WinRM');
		}
		const adminWs = {...before['admin-ws'], winrmRunning: false, winrmStartType: 'Manual'};
		expect(JSON.parse(readFileSync(state, 'utf8')).machines).toEqual({
			...before,
			'admin-ws': adminWs,
		});
	});
});

describe('undo --json of the WinRM start, its start type made Automatic since (Enable-PSRemoting)', () => {
	test('left running by design: "blocked" with its reason and exit 2, not "declined" (nobody said no)', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-json-undo-'));
		const state = join(dir, 'lab.json');
		const lab = ['--lab', 'winrm-stopped', '--lab-state', state];
		const steps = ['--steps', 'winrm,client,server'];
		expect(json(['--json', '--password-stdin', ...lab, '--yes', ...steps], dir).code).toBe(0);
		// Enable-PSRemoting since: the service runs and starts on its own.
		const saved = JSON.parse(readFileSync(state, 'utf8'));
		saved.machines['admin-ws'].winrmRunning = true;
		saved.machines['admin-ws'].winrmStartType = 'Automatic';
		writeFileSync(state, JSON.stringify(saved));

		const undone = json(['undo', '--json', '--yes', '--password-stdin', ...lab], dir);
		const report = undone.report;
		// Before: "declined", exit 1, as if the admin had said no; leftUndone "still Running (start type Manual)".
		expect(report.verdict).toBe('blocked');
		expect(undone.code).toBe(2);
		expect(report.exitCode).toBe(2);
		expect(report.headline).toBe('Undone: 2 changes taken back; 1 left in place');
		expect(report.details).toEqual([
			'Left running: WinRM service on ADMIN-WS (this machine), its start type is now Automatic',
		]);
		expect(report.leftUndone).toEqual([
			'ADMIN-WS (this machine): WinRM service: now Running (start type Automatic), as its undo left it (was Stopped (start type Manual))',
		]);
		const left = report.steps.find((step: {title: string}) =>
			step.title.startsWith('Left running'),
		);
		expect(left.status).toBe('blocked');
		expect(JSON.stringify(report)).not.toContain('declined');
		const machines = JSON.parse(readFileSync(state, 'utf8')).machines;
		expect(machines['admin-ws'].winrmRunning).toBe(true);
		expect(machines['admin-ws'].credssp.client).toBe(false);
		expect(machines['hyperv1'].credssp.server).toBe(false);
	});
});

describe('undo --json of the client change, a delegation entry added by hand since', () => {
	test('CredSSP left on for it: "blocked", exit 2, and leftUndone says the list as the undo left it', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-json-undo-'));
		const state = join(dir, 'lab.json');
		const lab = ['--lab', 'classic', '--lab-state', state];
		const steps = ['--steps', 'client,server'];
		expect(json(['--json', '--password-stdin', ...lab, '--yes', ...steps], dir).code).toBe(0);
		const saved = JSON.parse(readFileSync(state, 'utf8'));
		saved.machines['admin-ws'].allowFreshCredentials.push('wsman/sql07.contoso.com');
		writeFileSync(state, JSON.stringify(saved));

		const undone = json(['undo', '--json', '--yes', '--password-stdin', ...lab], dir);
		const report = undone.report;
		expect(report.verdict).toBe('blocked');
		expect(undone.code).toBe(2);
		expect(report.details).toEqual([
			'Left on: WinRM client CredSSP on ADMIN-WS (this machine), which other delegation entries need',
		]);
		// Before: "still CredSSP on; list: wsman/hyperv1.contoso.com", an entry the undo took out.
		expect(report.leftUndone).toEqual([
			'ADMIN-WS (this machine): CredSSP client and delegation list: now CredSSP on; list: wsman/sql07.contoso.com, as its undo left it (was CredSSP off; list: (empty))',
		]);
		const client = JSON.parse(readFileSync(state, 'utf8')).machines['admin-ws'];
		expect(client.credssp.client).toBe(true);
		expect(client.allowFreshCredentials).toEqual(['wsman/sql07.contoso.com']);
	});
});
