// The lab's saved machines are what earlier runs changed: a state file that cannot be read, or
// that holds another lab, is refused with the way out, and never overwritten by a fresh lab.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {runJsonDocument} from '../helpers/json-run.js';

let stateDir: string;
beforeEach(() => {
	stateDir = mkdtempSync(join(tmpdir(), 'doublehop-lab-state-'));
});
afterEach(() => {
	rmSync(stateDir, {recursive: true, force: true});
});

const run = (...args: string[]) =>
	runJsonDocument(
		[
			'--json',
			'--yes',
			'--steps',
			'client,server',
			'--lab',
			'classic',
			'--password-stdin',
			...args,
		],
		{stateDir},
	);

type Document = {verdict: string; headline: string; changes: unknown[]};

describe('the lab state file', () => {
	test.each([
		['cut short mid-write', '{"name": "classic", "client": "ad', /not valid JSON/],
		[
			'another lab',
			'{"name": "gpo-client", "client": "x", "machines": {}}',
			/"gpo-client", not "classic"/,
		],
		['not a lab at all', '[1, 2, 3]', /not a doublehop lab's saved machines/],
	])('%s: refused with the way out, exit 2, the file kept as it was', (_what, text, reason) => {
		const file = join(stateDir, 'lab.json');
		writeFileSync(file, text);
		const result = run('--lab-state', file);
		expect(result.code).toBe(2);
		const report = result.report as Document;
		expect(report.verdict).toBe('error');
		expect(report.changes).toEqual([]);
		expect(report.headline).toContain(file);
		expect(report.headline).toMatch(reason);
		expect(report.headline).toContain('doublehop --lab classic --lab-reset');
		expect(readFileSync(file, 'utf8')).toBe(text);
	});

	test('--lab-reset starts the lab again from its scenario', () => {
		const file = join(stateDir, 'lab.json');
		writeFileSync(file, '{"name": "classic", "client": "ad');
		const result = run('--lab-state', file, '--lab-reset');
		expect((result.report as Document).verdict).toBe('fixed');
		expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({name: 'classic'});
	});

	test('a missing file is a fresh lab', () => {
		const result = run('--lab-state', join(stateDir, 'new.json'));
		expect((result.report as Document).verdict).toBe('fixed');
	});

	test('the undo command a run names keeps its --lab-state, and run as named it takes the changes back in that file', () => {
		const file = join(stateDir, 'kept here.json');
		const fixed = run('--lab-state', file).report as Document & {nextSteps: string[]};
		expect(fixed.verdict).toBe('fixed');
		const named = fixed.nextSteps.find((step) => step.includes('doublehop undo'));
		// Before: "doublehop undo --lab classic", which takes back nothing in this file.
		expect(named).toContain(`doublehop undo --lab classic --lab-state '${file}'`);
		// The command as a PowerShell prompt reads it: words, and one single-quoted path.
		const words = [
			...named!.slice(named!.indexOf('doublehop undo')).matchAll(/'([^']*)'|(\S+)/g),
		].map((match) => match[1] ?? match[2]!);
		expect(words.slice(0, 2)).toEqual(['doublehop', 'undo']);
		const undone = runJsonDocument([...words.slice(1), '--json', '--yes', '--password-stdin'], {
			stateDir,
		});
		expect((undone.report as Document).verdict).toBe('undone');
		const lab = JSON.parse(readFileSync(file, 'utf8')) as {
			machines: Record<string, {credssp: {client: boolean; server: boolean}}>;
		};
		expect(lab.machines['admin-ws']?.credssp.client).toBe(false);
		expect(lab.machines.hyperv1?.credssp.server).toBe(false);
	});

	test('each --lab-state file has its own journal: a fresh file is a fresh lab, not changes "still in place"', () => {
		const first = join(stateDir, 'first.json');
		expect((run('--lab-state', first).report as Document).verdict).toBe('fixed');
		const second = run('--lab-state', join(stateDir, 'second.json')).report as Document & {
			steps: {title: string}[];
		};
		// Before: the first file's changes were reported in place, and the second run changed nothing.
		expect(second.steps.map((step) => step.title).join('\n')).not.toMatch(/still in place/);
		expect(second.verdict).toBe('fixed');
		expect(second.changes.length).toBeGreaterThan(0);
		// And undo with the first file still takes back that file's changes.
		const undone = runJsonDocument(
			['undo', '--lab', 'classic', '--lab-state', first, '--json', '--yes', '--password-stdin'],
			{stateDir},
		);
		expect((undone.report as Document).verdict).toBe('undone');
	});
});
