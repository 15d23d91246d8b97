// --for and --lab-advance through the built CLI: a time-boxed --json fix names its revert time and
// tasks (valid against the schema), the lab clock fires them back to the start, and bad values are
// refused with the forms accepted, exit 2, before anything runs.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {runJsonDocument} from '../helpers/json-run.js';

const root = join(import.meta.dirname, '../..');

function cli(args: string[], stateDir = mkdtempSync(join(tmpdir(), 'doublehop-for-'))) {
	const result = spawnSync(process.execPath, [join(root, 'dist/cli.js'), ...args], {
		input: 'Passw0rd!\n',
		encoding: 'utf8',
		env: {...process.env, DOUBLEHOP_STATE_DIR: stateDir, CI: 'true'},
		timeout: 15_000,
	});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr, stateDir};
}

/** A --json run: its document, checked against the schema. */
function json(args: string[], stateDir = mkdtempSync(join(tmpdir(), 'doublehop-for-'))) {
	return {...runJsonDocument(args, {stateDir, timeout: 15_000}), stateDir};
}

const labMachines = (stateDir: string) =>
	JSON.parse(readFileSync(join(stateDir, 'lab', 'classic.json'), 'utf8')).machines;
const scenarioMachines = () =>
	JSON.parse(readFileSync(join(root, 'source/hosts/lab/scenarios/classic.json'), 'utf8')).machines;

describe('--for: time-boxed CredSSP', () => {
	test('--json shows the revert time and both tasks, and --lab-advance past it fires them back to the start', () => {
		const fix = json([
			'--json',
			'--lab',
			'classic',
			'--password-stdin',
			'--yes',
			'--steps',
			'client,server,revert',
			'--for',
			'2h',
		]);
		const {report} = fix;
		expect(fix.code).toBe(0);
		expect(report.verdict).toBe('fixed');
		const revertsAt: string = report.timeBox.revertsAt;
		expect(report.timeBox).toEqual({
			minutes: 120,
			revertsAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/),
			tasks: [
				{
					machine: 'hyperv1.contoso.com',
					taskName: expect.stringMatching(/^doublehop-revert-.*-hop1$/),
					registered: true,
				},
				{
					machine: 'this machine',
					taskName: expect.stringMatching(/^doublehop-revert-.*-client$/),
					registered: true,
				},
			],
		});
		// After 22:00 UTC the deadline falls on the next day, and the sentence names its date.
		const nextDay = revertsAt.slice(11, 13) < '02' ? ` on ${revertsAt.slice(0, 10)}` : '';
		expect(report.details[0]).toBe(
			`CredSSP reverts at ${revertsAt.slice(11, 16)} UTC${nextDay} (in 2 h) on hyperv1.contoso.com and on this machine`,
		);
		expect(report.changes.map((c: {stage: string}) => c.stage)).toEqual([
			'client',
			'server',
			'revert',
			'revert',
		]);
		expect(labMachines(fix.stateDir).hyperv1.scheduledTasks).toHaveLength(1);

		const early = cli(['--lab', 'classic', '--lab-advance', '1h'], fix.stateDir);
		expect(early.code).toBe(0);
		expect(early.stdout).toContain('No scheduled task was due.');
		const late = cli(['--lab', 'classic', '--lab-advance', '1h30m'], fix.stateDir);
		expect(late.code).toBe(0);
		expect(late.stdout).toMatch(/Fired on hyperv1: doublehop-revert-.*-hop1 \(due \d\d:\d\d UTC/);
		expect(late.stdout).toMatch(/Fired on admin-ws: doublehop-revert-.*-client/);
		expect(labMachines(late.stateDir)).toEqual(scenarioMachines());
	});

	// Two time-boxed runs from this machine through two first hops: the first (1 h) turned client
	// CredSSP on; the second (4 h) added hyperv2 to the delegation list. At the first deadline the
	// switch stays on for hyperv2's entry (before: off, and hyperv2 denied 3 h early); at the second,
	// everything is as the scenario started.
	test('a second time-boxed run through another first hop keeps client CredSSP on until its own deadline, then everything reverts', () => {
		const steps = [
			'--json',
			'--lab',
			'classic',
			'--password-stdin',
			'--yes',
			'--steps',
			'client,server,revert',
		];
		const first = json([...steps, '--for', '1h']);
		expect(first.code).toBe(0);
		const other = ['--hop1', 'hyperv2.contoso.com', '--hop2', 'hyperv1.contoso.com'];
		const second = json([...steps, '--for', '4h', ...other], first.stateDir);
		expect(second.code).toBe(0);
		expect(second.report.verdict).toBe('fixed');

		const firstDeadline = cli(['--lab', 'classic', '--lab-advance', '61m'], first.stateDir);
		expect(firstDeadline.stdout).toMatch(/Fired on admin-ws: doublehop-revert-.*-client/);
		expect(firstDeadline.stdout).toContain(
			'WinRM client CredSSP stays on: the delegation list is not as it was before the run (empty): wsman/hyperv2.contoso.com, added since, needs it.',
		);
		const client = labMachines(first.stateDir)['admin-ws'];
		expect(client.credssp.client).toBe(true);
		expect(client.allowFreshCredentials).toEqual(['wsman/hyperv2.contoso.com']);
		// The second run's targets still work: nothing to change.
		const check = json(
			['--json', '--lab', 'classic', '--password-stdin', '--dry-run', ...other],
			first.stateDir,
		);
		expect(check.report.verdict).toBe('already-fixed');

		const secondDeadline = cli(['--lab', 'classic', '--lab-advance', '3h'], first.stateDir);
		expect(secondDeadline.stdout).toMatch(/Fired on admin-ws: doublehop-revert-.*-client/);
		expect(secondDeadline.stdout).not.toContain('stays on');
		expect(labMachines(first.stateDir)).toEqual(scenarioMachines());
	});

	test.each([
		['soon', 'is not a duration'],
		['2', 'is not a duration'],
		['2x', 'is not a duration'],
		['1d', 'is not a duration'],
		['0m', 'is too short'],
		['5m', 'is too short'],
		['25h', 'is too long'],
	])('--for %s is refused: exit 2 and the forms it takes', (value, why) => {
		const plain = cli(['--lab', 'classic', '--for', value]);
		expect(plain.code).toBe(2);
		expect(plain.stderr).toBe(
			`doublehop: --for ${why}: it takes a duration from 15m to 24h: 90m, 2h, 1h30m; not: ${value}.\n`,
		);
		const asJson = json(['--json', '--lab', 'classic', '--password-stdin', '--for', value]);
		const {report} = asJson;
		expect(asJson.code).toBe(2);
		expect(report.verdict).toBe('error');
		expect(report.headline).toContain(`--for ${why}`);
	});

	test('--for is refused where there is nothing to time-box, and --json --yes needs revert in --steps', () => {
		expect(cli(['undo', '--lab', 'classic', '--for', '2h']).stderr).toBe(
			'doublehop: --for time-boxes a CredSSP fix; undo takes the changes back now.\n',
		);
		const usingCred = cli(['--lab', 'classic', '--method', 'using-cred', '--for', '2h']);
		expect(usingCred.code).toBe(2);
		expect(usingCred.stderr).toContain('--method using-cred changes nothing');
		expect(cli(['--lab', 'classic', '--method', 'rbkcd', '--for', '2h']).stderr).toBe(
			'doublehop: --for time-boxes CredSSP; it does not apply to --method rbkcd.\n',
		);
		const noRevert = json([
			'--json',
			'--lab',
			'classic',
			'--password-stdin',
			'--yes',
			'--steps',
			'client,server',
			'--for',
			'2h',
		]);
		expect(noRevert.code).toBe(2);
		expect(noRevert.report.headline).toBe(
			'--for with --json --yes schedules the revert tasks only when --steps names them: add revert (--steps client,server,revert).',
		);
		// Nothing ran: the lab was never touched.
		expect(() => labMachines(noRevert.stateDir)).toThrow();
	});

	test('--lab-advance is lab-only and takes a duration', () => {
		const real = cli(['--lab-advance', '2h']);
		expect(real.code).toBe(2);
		expect(real.stderr).toContain("--lab-advance moves the simulated lab's clock; it needs --lab");
		const bad = cli(['--lab', 'classic', '--lab-advance', 'later']);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain(
			'--lab-advance takes how far to move the lab clock, from 1m to 30d',
		);
	});
});
