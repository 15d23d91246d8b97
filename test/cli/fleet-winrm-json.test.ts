// --json over many first hops on a workstation whose WinRM service is stopped (Windows 10/11 ship
// it Manual): as for one host, it is started only with --yes --steps winrm, journalled, and
// doublehop undo stops it again; Disabled ends blocked before any host is touched.
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {runJsonDocument} from '../helpers/json-run.js';
import {scenario} from '../helpers/session.js';

function doublehop(args: string[], stateDir: string) {
	const {code, report} = runJsonDocument(args, {stateDir});
	return {code, report};
}

/** The fleet lab after a restart of the workstation: WinRM stopped, with this start type. */
function stoppedFleet(startType: 'Manual' | 'Disabled') {
	const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-winrm-json-'));
	const lab = scenario('fleet');
	lab.machines['admin-ws']!.winrmRunning = false;
	lab.machines['admin-ws']!.winrmStartType = startType;
	writeFileSync(join(dir, 'fleet-stopped.json'), JSON.stringify(lab));
	const state = join(dir, 'lab-state.json');
	const adminWs = () =>
		existsSync(state)
			? JSON.parse(readFileSync(state, 'utf8')).machines['admin-ws']
			: lab.machines['admin-ws']!;
	return {
		dir,
		adminWs,
		run: (args: string[]) =>
			doublehop(
				[
					...args,
					'--json',
					'--password-stdin',
					'--lab',
					join(dir, 'fleet-stopped.json'),
					'--lab-state',
					state,
				],
				dir,
			),
	};
}

describe('--json fleet, this machine WinRM service stopped', () => {
	test('--yes without winrm in --steps: not started, no host read, the run says how to go on', () => {
		const lab = stoppedFleet('Manual');
		const {code, report} = lab.run(['--yes', '--steps', 'client,server']);
		// Nobody said no: as for one host, the step to add (needs-changes, exit 1).
		expect(report.verdict).toBe('needs-changes');
		expect(code).toBe(1);
		expect(report.details).toEqual([
			"This computer's WinRM service is Stopped: Get-WSManCredSSP and Enable-WSManCredSSP need it, so no host was read. Nothing was changed.",
		]);
		expect(report.nextSteps).toEqual([
			'To start it: run the same command again with --yes --steps winrm (added to any --steps it has).',
			'In an elevated PowerShell: Start-Service WinRM, then run doublehop again.',
		]);
		expect(JSON.stringify(report)).not.toContain('WSManFault');
		expect(report.changes).toEqual([]);
		expect(lab.adminWs().winrmRunning).toBe(false);
	});

	test('--yes --steps winrm,client,server: started once for every host, the fleet fixed; undo stops it again', () => {
		const lab = stoppedFleet('Manual');
		const dsc = join(lab.dir, 'fleet.ps1');
		const {report} = lab.run(['--yes', '--steps', 'winrm,client,server', '--export-dsc', dsc]);
		expect(JSON.stringify(report)).not.toContain("Could not read this machine's CredSSP settings");
		expect(report.fleet).toMatchObject({fixed: 14, 'left-out': 0});
		const started = report.changes.filter((change: {stage: string}) => change.stage === 'winrm');
		expect(started).toHaveLength(1);
		expect(started[0]).toMatchObject({
			machine: 'ADMIN-WS (this machine)',
			before: 'Stopped (start type Manual)',
			after: 'Running (start type Manual)',
			command: 'Start-Service WinRM',
		});
		expect(lab.adminWs().winrmRunning).toBe(true);
		// The handover carries it too, as one host's does.
		expect(readFileSync(dsc, 'utf8')).toContain('WinRM service running');

		const undone = lab.run(['undo', '--yes']);
		expect(undone.report.verdict).toBe('undone');
		expect(undone.code).toBe(0);
		expect(lab.adminWs().winrmRunning).toBe(false);
		expect(lab.adminWs().winrmStartType).toBe('Manual');
	});

	test('Disabled: blocked (exit 2) before any host is touched, with the commands to enable it', () => {
		const lab = stoppedFleet('Disabled');
		const {code, report} = lab.run(['--yes', '--steps', 'winrm,client,server']);
		expect(report.verdict).toBe('blocked');
		expect(code).toBe(2);
		expect(report.headline).toBe('The WinRM service on ADMIN-WS is disabled');
		expect(report.nextSteps[0]).toBe(
			'In an elevated PowerShell: Set-Service WinRM -StartupType Manual; Start-Service WinRM',
		);
		expect(JSON.stringify(report)).not.toContain('WSManFault');
		expect(report.changes).toEqual([]);
		expect(lab.adminWs().winrmRunning).toBe(false);
	});
});

describe('undo --hop1 of one host of a fleet whose run started this machine WinRM service', () => {
	test("one host's undo leaves the WinRM start and says so, with the undo that takes it back; the last host's takes it back", () => {
		const lab = stoppedFleet('Manual');
		const fix = lab.run([
			'--hop1',
			'hv05.contoso.com,hv13.contoso.com',
			'--yes',
			'--steps',
			'winrm,client,server',
		]);
		expect(fix.report.verdict).toBe('fixed');
		expect(lab.adminWs().winrmRunning).toBe(true);

		// Asked first without --yes (changes nothing): the same lines.
		const asked = lab.run(['undo', '--hop1', 'hv05.contoso.com']);
		expect(asked.report.verdict).toBe('declined');
		expect(asked.report.details).toEqual([
			'Left in place for the other first hops: hv13.contoso.com (2 changes)',
			"Left in place for every first hop, taken back with the last one's changes: WinRM service on ADMIN-WS (this machine)",
		]);
		expect(asked.report.nextSteps[1]).toMatch(
			/^To take back the rest, with what serves every first hop: doublehop undo .* --json --yes --password-stdin$/,
		);

		const first = lab.run(['undo', '--yes', '--hop1', 'hv05.contoso.com']);
		expect(first.report.verdict).toBe('undone');
		expect(first.code).toBe(0);
		expect(lab.adminWs().winrmRunning).toBe(true);
		// Before: "1 change taken back", and not a word of what this undo left, nor of its undo.
		expect(first.report.details).toEqual([
			'Left in place for the other first hops: hv13.contoso.com (2 changes)',
			"Left in place for every first hop, taken back with the last one's changes: WinRM service on ADMIN-WS (this machine)",
		]);
		expect(first.report.nextSteps).toEqual([
			`To take back the rest, with what serves every first hop: doublehop undo --lab '${join(lab.dir, 'fleet-stopped.json')}' --lab-state '${join(lab.dir, 'lab-state.json')}' --json --yes --password-stdin`,
		]);

		const last = lab.run(['undo', '--yes', '--hop1', 'hv13.contoso.com']);
		expect(last.report.verdict).toBe('undone');
		expect(last.report.details).toEqual([]);
		expect(last.report.changes.map((change: {setting: string}) => change.setting)).toContain(
			'WinRM service',
		);
		expect(lab.adminWs().winrmRunning).toBe(false);
	});
});
