// `undo --json` without --yes (a CI job asking what an undo would do) changes nothing, but says
// what an undo would actually do: this machine's WinRM service is read, as the guided undo reads
// it, so doublehop's start of it, undone since by a restart (the service is Manual on Windows
// 10/11), is not listed as still to take back.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {runJsonDocument} from '../helpers/json-run.js';

const doublehop = (args: string[], stateDir: string) => runJsonDocument(args, {stateDir});

/** The winrm-stopped lab, fixed with doublehop's start of WinRM among the changes. */
function fixedWithWinRMStart() {
	const dir = mkdtempSync(join(tmpdir(), 'dh-json-undo-list-'));
	const state = join(dir, 'lab.json');
	const lab = ['--lab', 'winrm-stopped', '--lab-state', state];
	const steps = ['--steps', 'winrm,client,server'];
	expect(doublehop(['--json', '--password-stdin', ...lab, '--yes', ...steps], dir).code).toBe(0);
	/** This workstation as it is now: a restart, or a start type changed since. */
	const workstation = (running: boolean, startType: 'Manual' | 'Automatic' = 'Manual') => {
		const saved = JSON.parse(readFileSync(state, 'utf8'));
		saved.machines['admin-ws'].winrmRunning = running;
		saved.machines['admin-ws'].winrmStartType = startType;
		writeFileSync(state, JSON.stringify(saved));
	};
	const machines = () => JSON.parse(readFileSync(state, 'utf8')).machines;
	return {dir, lab, workstation, machines};
}

const startLine =
	'ADMIN-WS (this machine): WinRM service: still Running (start type Manual) (was Stopped (start type Manual))';

describe('undo --json without --yes, after the workstation restarted', () => {
	test('the WinRM start, found stopped, is not listed as still in place; the rest is', () => {
		const {dir, lab, workstation, machines} = fixedWithWinRMStart();
		workstation(false);
		const before = machines();

		const {code, report} = doublehop(['undo', '--json', ...lab], dir);
		expect(report.verdict).toBe('declined');
		expect(code).toBe(1);
		// Before: "3 changes ... still in place", the WinRM start among them as "still Running".
		expect(report.headline).toBe(
			'Nothing was undone: 2 changes by doublehop are still in place. Under --json, undo takes them back only with --yes.',
		);
		expect(report.leftUndone).toHaveLength(2);
		expect(report.leftUndone).not.toContain(startLine);
		expect(JSON.stringify(report.leftUndone)).not.toContain('WinRM service:');
		expect(report.details).toEqual([
			'Already as before: WinRM service on ADMIN-WS (this machine): read just now, Stopped (start type Manual). A restart stops a service whose start type is Manual; the undo has nothing to run for it.',
		]);
		// Read only: nothing changed.
		expect(machines()).toEqual(before);
	});

	test('only the WinRM start left, found stopped: nothing to undo (exit 0), not "1 change still in place"', () => {
		const {dir, lab, workstation, machines} = fixedWithWinRMStart();
		// Enable-PSRemoting since: the undo takes the rest back and leaves the start open.
		workstation(true, 'Automatic');
		expect(doublehop(['undo', '--json', '--yes', '--password-stdin', ...lab], dir).code).toBe(2);
		// Then the start type is Manual again, and a restart stops the service.
		workstation(false);
		const before = machines();

		const {code, report} = doublehop(['undo', '--json', ...lab], dir);
		// Before: "declined", exit 1, "still Running (start type Manual)".
		expect(report.verdict).toBe('nothing-to-undo');
		expect(code).toBe(0);
		expect(report.leftUndone).toEqual([]);
		expect(report.headline).toBe(
			"Nothing to undo: this machine's WinRM service, which doublehop started, is already stopped, as it was before (a restart stops a service whose start type is Manual).",
		);
		expect(machines()).toEqual(before);
		// Its next step closes it in the journal, running nothing; then the journal holds none.
		expect(report.nextSteps).toEqual([
			`To close it in the journal (nothing is run): doublehop undo --lab winrm-stopped --lab-state '${lab[3]}' --json --yes`,
		]);
		const closed = doublehop(['undo', '--json', '--yes', ...lab], dir);
		expect(closed.report.verdict).toBe('nothing-to-undo');
		expect(machines()).toEqual(before);
		expect(doublehop(['undo', '--json', ...lab], dir).report.headline).toBe(
			'Nothing to undo: the journal holds no change by doublehop that is still in place.',
		);
	});

	test('still running: listed as in place, as before', () => {
		const {dir, lab} = fixedWithWinRMStart();
		const {code, report} = doublehop(['undo', '--json', ...lab], dir);
		expect(code).toBe(1);
		expect(report.leftUndone).toContain(startLine);
		expect(report.details).toEqual([]);
	});
});
