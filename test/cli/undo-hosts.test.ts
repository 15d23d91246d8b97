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

	test('undo --json without --yes counts one change in the singular', () => {
		expect(run('--lab', 'classic', '--yes', '--steps', 'client').changes).toHaveLength(1);
		expect(run('undo', '--lab', 'classic').headline).toBe(
			'Nothing was undone: 1 change by doublehop is still in place. Under --json, undo takes it back only with --yes.',
		);
	});
});
