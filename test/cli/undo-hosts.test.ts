// `undo --hop1 <hosts>` takes back only those hosts' changes: a host with none is told so, with the
// hosts that have some, and nothing is taken back; a short name is the host's name too.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {cliPath} from '../terminal/terminal.js';

let stateDir: string;
beforeEach(() => {
	stateDir = mkdtempSync(join(tmpdir(), 'doublehop-undo-hosts-'));
});
afterEach(() => rmSync(stateDir, {recursive: true, force: true}));

type Report = {
	verdict: string;
	exitCode: number;
	headline: string;
	changes: unknown[];
	nextSteps: string[];
	leftUndone: string[];
};

function run(...args: string[]): Report {
	const result = spawnSync(process.execPath, [cliPath, '--json', '--password-stdin', ...args], {
		input: 'Passw0rd!\n',
		encoding: 'utf8',
		env: {...process.env, DOUBLEHOP_STATE_DIR: stateDir, CI: 'true'},
		timeout: 30_000,
	});
	return JSON.parse(result.stdout) as Report;
}

/** The machines as the scenario starts them: what undoing every change must leave. */
const startOf = (lab: string) =>
	JSON.parse(
		readFileSync(
			join(import.meta.dirname, '../../source/hosts/lab/scenarios', `${lab}.json`),
			'utf8',
		),
	).machines as unknown;

const labMachines = (lab: string) =>
	JSON.parse(readFileSync(join(stateDir, 'lab', `${lab}.json`), 'utf8')).machines as unknown;

describe('undo --hop1', () => {
	test('a one-host run: another host takes back nothing (before: everything), its own host all', () => {
		expect(run('--lab', 'classic', '--yes', '--steps', 'client,server').verdict).toBe('fixed');
		const fixed = labMachines('classic');
		const other = run('undo', '--lab', 'classic', '--hop1', 'hyperv9', '--yes');
		expect(other.exitCode).toBe(2);
		expect(other.headline).toBe(
			"--hop1 hyperv9: no change by doublehop is in place for that host. 2 changes are in place for hyperv1.contoso.com: doublehop undo --lab classic --json --yes --password-stdin --hop1 hyperv1.contoso.com takes back that host's, doublehop undo --lab classic --json --yes --password-stdin takes back all. Nothing was changed.",
		);
		expect(labMachines('classic')).toEqual(fixed);
		// Its short name is its name.
		expect(run('undo', '--lab', 'classic', '--hop1', 'hyperv1', '--yes').verdict).toBe('undone');
	});

	test('many first hops: a short name picks that host, a host with no change is refused', () => {
		run('--lab', 'fleet', '--yes', '--steps', 'client,server', '--method', 'credssp');
		// Before: "Nothing to undo: the journal holds no change by doublehop that is still in place."
		const short = run('undo', '--lab', 'fleet', '--hop1', 'hv09', '--yes');
		expect(short.verdict).toBe('undone');
		expect(short.headline).toBe('1 change taken back');
		const none = run('undo', '--lab', 'fleet', '--hop1', 'nosuchhost', '--yes');
		expect(none.exitCode).toBe(2);
		expect(none.headline).toMatch(
			/^--hop1 nosuchhost: no change by doublehop is in place for that host\. \d+ changes are in place for hv10\.contoso\.com, /,
		);
	});

	test('a list with one host that has no change is refused whole, naming it, and nothing is taken back', () => {
		run('--lab', 'fleet', '--yes', '--steps', 'client,server', '--method', 'credssp');
		const fixed = labMachines('fleet');
		// Before: hv99 was dropped and hv13's changes taken back.
		const mixed = run('undo', '--lab', 'fleet', '--hop1', 'hv13,hv99', '--yes');
		expect(mixed.exitCode).toBe(2);
		expect(mixed.headline).toMatch(
			/^--hop1 hv13,hv99: no change by doublehop is in place for hv99\. \d+ changes are in place for hv09\.contoso\.com, /,
		);
		expect(mixed.headline).toContain(
			"doublehop undo --lab fleet --json --yes --password-stdin --hop1 hv13 takes back that host's",
		);
		expect(labMachines('fleet')).toEqual(fixed);
	});

	test('one --hop1 that is no computer name is refused as the fix refuses it, exit 2', () => {
		run('--lab', 'fleet', '--yes', '--steps', 'client,server', '--method', 'credssp');
		const spaced = run('undo', '--lab', 'fleet', '--hop1', 'hv 13', '--yes');
		expect(spaced.exitCode).toBe(2);
		expect(spaced.headline).toBe(
			'--hop1: Computer names use ASCII letters, digits, dots and hyphens only; it contains a space.',
		);
	});

	test('undo --hop1 without --yes: the next step keeps --hop1, and run as printed it takes back that host only', () => {
		run('--lab', 'fleet', '--yes', '--steps', 'client,server', '--method', 'credssp');
		// How many changes are still in place, as undo --json without --yes counts them.
		const inPlace = () =>
			Number(/(\d+) changes? by doublehop/.exec(run('undo', '--lab', 'fleet').headline)?.[1] ?? 0);
		const all = inPlace();
		const asked = run('undo', '--lab', 'fleet', '--hop1', 'hv17');
		// Before: no --hop1, so every host's changes.
		expect(asked.nextSteps).toContain(
			'To take them back: doublehop undo --lab fleet --json --yes --password-stdin --hop1 hv17',
		);
		const words = 'undo --lab fleet --json --yes --password-stdin --hop1 hv17'.split(' ');
		const ran = run(...words.filter((word) => word !== '--json' && word !== '--password-stdin'));
		expect(ran.verdict).toBe('undone');
		expect(ran.changes.length).toBeGreaterThan(0);
		expect(inPlace()).toBe(all - ran.changes.length);
	});

	test('two one-host runs: each host gets back exactly its own changes, whichever run made them', () => {
		// The lab as run 2 alone (hyperv2 to hyperv1) leaves it, on a lab of its own.
		const alone = stateDir;
		const secondRun = ['--hop1', 'hyperv2.contoso.com', '--hop2', 'hyperv1.contoso.com'];
		const fix = ['--lab', 'classic', '--yes', '--steps', 'client,server'];
		run(...fix, '--lab-reset', ...secondRun);
		const secondOnly = labMachines('classic');
		stateDir = mkdtempSync(join(tmpdir(), 'doublehop-undo-hosts-'));
		rmSync(alone, {recursive: true, force: true});

		run(...fix, '--lab-reset');
		const second = run(...fix, ...secondRun);
		// Its undo takes back both runs' changes: said before it is run.
		expect(second.nextSteps).toContain(
			"When the work is done, turn CredSSP off again (this also takes back what an earlier run left in place for hyperv1.contoso.com; add --hop1 hyperv2.contoso.com to take back only this host's): doublehop undo --lab classic --json --yes --password-stdin",
		);
		// Before: "no change by doublehop is in place for that host. 4 changes are in place for
		// hyperv2.contoso.com", exit 2.
		const asked = run('undo', '--lab', 'classic', '--hop1', 'hyperv1.contoso.com');
		expect(asked.headline).toBe(
			'Nothing was undone: 2 changes by doublehop are still in place. Under --json, undo takes them back only with --yes.',
		);
		expect(asked.leftUndone).toEqual([
			'ADMIN-WS (this machine): delegation entry for hyperv1.contoso.com (AllowFreshCredentials): still wsman/hyperv1.contoso.com (was not in the list)',
			'hyperv1.contoso.com: WinRM service CredSSP: still on (was off)',
		]);
		// hyperv1's server role and its entry go; hyperv2's stay, with the client switch they need
		// (before: --hop1 hyperv2 took back all four, hyperv1's too).
		const first = run('undo', '--lab', 'classic', '--hop1', 'hyperv1', '--yes');
		expect(first.headline).toBe('2 changes taken back');
		expect(labMachines('classic')).toEqual(secondOnly);
		// The last host takes the client switch with it: the lab is as it started.
		expect(run('undo', '--lab', 'classic', '--hop1', 'hyperv2', '--yes').verdict).toBe('undone');
		expect(labMachines('classic')).toEqual(startOf('classic'));
		expect(run('undo', '--lab', 'classic').verdict).toBe('nothing-to-undo');
	});

	test('two one-host runs, the later host first: the earlier run is left as it made it', () => {
		const fix = ['--lab', 'classic', '--yes', '--steps', 'client,server'];
		run(...fix, '--lab-reset');
		const firstOnly = labMachines('classic');
		run(...fix, '--hop1', 'hyperv2.contoso.com', '--hop2', 'hyperv1.contoso.com');
		const undone = run('undo', '--lab', 'classic', '--hop1', 'hyperv2', '--yes');
		expect(undone.headline).toBe('2 changes taken back');
		expect(labMachines('classic')).toEqual(firstOnly);
		expect(run('undo', '--lab', 'classic', '--yes').headline).toBe('2 changes taken back');
		expect(labMachines('classic')).toEqual(startOf('classic'));
	});

	test('undo --json without --yes counts one change in the singular', () => {
		expect(run('--lab', 'classic', '--yes', '--steps', 'client').changes).toHaveLength(1);
		expect(run('undo', '--lab', 'classic').headline).toBe(
			'Nothing was undone: 1 change by doublehop is still in place. Under --json, undo takes it back only with --yes.',
		);
	});
});
