// A --lab scenario file is checked against the scenario's shape when it is read: a malformed one
// is refused before anything runs, naming the field that is wrong. A file's lab state and journal
// are its own, keyed by its path: a file named like a built-in scenario cannot take over its state.
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {builtInScenarios} from '../../source/hosts/lab/scenarios.js';
import {scenarioProblem} from '../../source/hosts/lab/scenario-check.js';
import {runCli, runJsonDocument} from '../helpers/json-run.js';

const classicFile = join(import.meta.dirname, '../../source/hosts/lab/scenarios/classic.json');
let stateDir: string;
let workDir: string;
beforeEach(() => {
	stateDir = mkdtempSync(join(tmpdir(), 'doublehop-labfile-state-'));
	workDir = mkdtempSync(join(tmpdir(), 'doublehop-labfile-'));
});
afterEach(() => {
	rmSync(stateDir, {recursive: true, force: true});
	rmSync(workDir, {recursive: true, force: true});
});

const run = (args: string[]) => runCli(args, {stateDir, cwd: workDir});
const json = (args: string[]) => runJsonDocument(args, {stateDir, cwd: workDir});
const fix = (lab: string) =>
	json(['--json', '--yes', '--steps', 'client,server', '--lab', lab, '--password-stdin']);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const classic = () => JSON.parse(readFileSync(classicFile, 'utf8')) as Json;

// Each: how the classic scenario is broken, and what the refusal must say.
const malformed: [string, (lab: Json) => unknown, string][] = [
	[
		'a port given as text',
		(lab) => (lab.machines.hyperv1.listeners[0].port = '5985'),
		'machines.hyperv1.listeners[0].port: expected a number',
	],
	['no machines', (lab) => delete lab.machines, 'machines: missing'],
	[
		'a yes/no given as text',
		(lab) => (lab.machines.hyperv2.reachable = 'yes'),
		'machines.hyperv2.reachable: expected true or false',
	],
	[
		'an encryption oracle level Windows does not have',
		(lab) => (lab.machines.hyperv1.encryptionOracle = 5),
		'machines.hyperv1.encryptionOracle: expected one of 0, 1, 2, null',
	],
	['accounts not a list', (lab) => (lab.accounts = {}), 'accounts: expected a list'],
	[
		'a misspelt field, which would be ignored',
		(lab) => (lab.machines.hyperv1.reachabel = false),
		'machines.hyperv1.reachabel: not a field of a lab scenario',
	],
	[
		'a machine that is null',
		(lab) => (lab.machines.hyperv2 = null),
		'machines.hyperv2: expected an object',
	],
	[
		'an account with rights on a machine the lab lacks',
		(lab) => (lab.accounts[0].remoteAccess = ['hyperv1', 'hyperv3']),
		'accounts[0].remoteAccess[1]: "hyperv3" is not one of the machines',
	],
	[
		'a client that names no machine',
		(lab) => (lab.client = 'nowhere'),
		'client: "nowhere" is not one of the machines',
	],
	['no hop 2 default', (lab) => delete lab.defaults.hop2, 'defaults.hop2: missing'],
	[
		"a computer object's principals given as one text",
		(lab) => (lab.directory = {computers: {hyperv2: {principals: 'CN=WEB01'}}}),
		'directory.computers.hyperv2.principals: expected a list',
	],
];

describe('--lab file: checked when it is read', () => {
	test.each(builtInScenarios.map((scenario) => [scenario.name, scenario]))(
		'the built-in scenario %s passes the check',
		(_name, scenario) => {
			expect(scenarioProblem(scenario)).toBeUndefined();
		},
	);

	test.each(malformed)(
		'%s: refused before anything runs, naming the field',
		(_what, breakIt, says) => {
			const lab = classic();
			breakIt(lab);
			const file = join(workDir, 'broken.json');
			writeFileSync(file, JSON.stringify(lab));
			const result = fix(file);
			expect(result.code).toBe(2);
			expect(result.stderr).not.toMatch(/\n\s+at /);
			const report = result.report as {verdict: string; headline: string};
			expect(report.verdict).toBe('error');
			expect(report.headline).toContain(file);
			expect(report.headline).toContain(says);
			// Nothing was started: no journal, no lab state.
			expect(existsSync(join(stateDir, 'journal'))).toBe(false);
			expect(existsSync(join(stateDir, 'lab'))).toBe(false);
		},
	);

	test('a file that is not an object at all is named as such', () => {
		writeFileSync(join(workDir, 'list.json'), '[1, 2]');
		const result = run(['--lab', 'list.json']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('list.json is not a lab scenario: expected an object');
	});
});

describe('--lab file: its own state and journal', () => {
	test('./classic.json fixed does not touch the built-in classic lab or its journal', () => {
		writeFileSync(join(workDir, 'classic.json'), readFileSync(classicFile));
		const fixed = fix('./classic.json');
		expect(fixed.code, fixed.stdout + fixed.stderr).toBe(0);
		expect((fixed.report as {verdict: string}).verdict).toBe('fixed');
		// The built-in classic lab still needs every change, and has nothing to undo.
		const builtIn = json(['--json', '--lab', 'classic', '--password-stdin']);
		expect((builtIn.report as {verdict: string}).verdict).toBe('needs-changes');
		const undo = json(['undo', '--json', '--lab', 'classic']);
		expect((undo.report as {verdict: string}).verdict).toBe('nothing-to-undo');
		// The file's own changes are still its own to undo.
		const undoFile = json([
			'undo',
			'--json',
			'--yes',
			'--lab',
			'./classic.json',
			'--password-stdin',
		]);
		expect((undoFile.report as {verdict: string}).verdict).toBe('undone');
		// The file's journal is its own; the built-in's (opened by its undo above) holds nothing.
		const journals = readdirSync(join(stateDir, 'journal'));
		expect(journals).toContainEqual(
			expect.stringMatching(/^lab-classic\.json-[0-9a-f]{8}\.jsonl$/),
		);
		const builtInJournal = join(stateDir, 'journal', 'lab-classic.jsonl');
		expect(existsSync(builtInJournal) ? readFileSync(builtInJournal, 'utf8') : '').toBe('');
	});

	test('the same file named by another relative path is the same lab', () => {
		writeFileSync(join(workDir, 'mine.json'), readFileSync(classicFile));
		expect(fix('mine.json').code).toBe(0);
		const again = json(['--json', '--lab', join(workDir, '.', 'mine.json'), '--password-stdin']);
		expect((again.report as {verdict: string}).verdict).toBe('already-fixed');
	});
});

describe('--help: the built-in scenarios', () => {
	test('names every scenario --lab accepts, each whole', () => {
		const help = run(['--help']).stdout;
		// The --lab paragraph: from its flag to the next flag's line.
		const paragraph = help.slice(help.indexOf('--lab <scenario'), help.indexOf('--lab-reset'));
		const named = new Set(paragraph.match(/[a-z][a-z0-9-]*[a-z0-9]/g));
		const missing = builtInScenarios.map((s) => s.name).filter((name) => !named.has(name));
		expect(missing).toEqual([]);
	});
});
