// The journal is what the next run trusts to know what may have changed: a torn or wrong line
// must not hide the rest or crash later runs, a journal that cannot be read must not be taken
// for "nothing to undo", and a run that cannot write it must change nothing.
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {runCli, runJsonDocument} from '../helpers/json-run.js';
import {runLab} from './lab-run.js';
import {
	appendEvent,
	journalHooks,
	journalPath,
	openChanges,
	readJournalLines,
} from '../../source/report/journal.js';

let stateDir: string;
beforeEach(() => {
	stateDir = mkdtempSync(join(tmpdir(), 'doublehop-journal-'));
});
afterEach(() => {
	rmSync(stateDir, {recursive: true, force: true});
});

const run = (args: string[]) => runCli(args, {stateDir});
/** A --json run: its document, checked against the schema. */
const json = (args: string[]) => runJsonDocument(args, {stateDir});

const labJournal = () => journalPath(stateDir, 'lab-classic');
const fixClassic = () =>
	json(['--json', '--yes', '--steps', 'client,server', '--lab', 'classic', '--password-stdin']);

describe('journal faults', () => {
	test('a torn last line is ended before the next line is appended', () => {
		const path = labJournal();
		mkdirSync(join(stateDir, 'journal'), {recursive: true});
		writeFileSync(path, '{"type":"run-started","runId":"a","at":"x","mo');
		appendEvent(path, {type: 'run-finished', runId: 'b', at: 'y', verdict: 'fixed'});
		const lines = readFileSync(path, 'utf8').split('\n');
		expect(lines[1]).toBe('{"type":"run-finished","runId":"b","at":"y","verdict":"fixed"}');
	});

	test('lines of the wrong shape are skipped and named by file and line; the rest counts', () => {
		const fixed = fixClassic();
		expect(fixed.code).toBe(0);
		const path = labJournal();
		const good = readFileSync(path, 'utf8');
		writeFileSync(path, `null\n${good}{"type":"change-done"}\n[1]\n`);
		const read = readJournalLines(path);
		expect(read.problems).toEqual([
			`${path}, line 1: not a journal entry`,
			expect.stringMatching(new RegExp(`line ${good.split('\n').length + 1}: not a journal entry`)),
			expect.stringMatching(/line \d+: not a journal entry/),
		]);
		expect(openChanges(read.events)?.changes.length).toBe(2);
		// Later runs still work and say what they skipped.
		const undo = json(['undo', '--json', '--yes', '--lab', 'classic', '--password-stdin']);
		expect(undo.stderr).toContain(`${path}, line 1`);
		expect(undo.stderr).not.toContain('unexpected error');
		expect(undo.report.verdict).toBe('undone');
	});

	test('a journal of garbage is not "nothing to undo"', () => {
		const path = labJournal();
		mkdirSync(join(stateDir, 'journal'), {recursive: true});
		writeFileSync(path, 'garbage\n\u0000\u0001\u0002\nmore garbage\n');
		const undo = run(['undo', '--lab', 'classic']);
		expect(undo.code).toBe(2);
		expect(undo.stdout + undo.stderr).not.toContain('Nothing to undo');
		expect(undo.stderr).toContain(path);
		expect(undo.stderr).toMatch(/cannot read|could not read/i);
	});

	test('a journal that cannot be written: nothing is changed, a clear message, no stack', () => {
		// The journal folder cannot be made (a file is in its place): a read-only folder as root,
		// whom permissions do not stop, sees the same.
		writeFileSync(join(stateDir, 'journal'), '');
		const fixed = fixClassic();
		rmSync(join(stateDir, 'journal'));
		expect(fixed.code).toBe(2);
		expect(fixed.stdout + fixed.stderr).not.toMatch(/\n\s+at /);
		const report = fixed.report as {changes: unknown[]; headline: string};
		expect(report.changes).toEqual([]);
		expect(report.headline).toMatch(/journal/i);
		// The lab's machines are as they were: a second run still finds everything to change.
		const again = json(['--json', '--lab', 'classic', '--password-stdin']);
		expect(again.report.verdict).toBe('needs-changes');
	});

	test('a journal write that fails mid-run (a full disk) stops that change before it is made', async () => {
		writeFileSync(join(stateDir, 'journal'), '');
		const hooks = journalHooks(labJournal(), 'full-disk');
		const {final} = await runLab('classic', {
			answers: {risk: true, client: true, server: true},
			onEvent: (event) => hooks.onEvent?.(event),
		});
		expect(final.changes).toEqual([]);
		const failed = final.log.find((entry) => entry.error?.message.includes('cannot be written'));
		expect(failed?.error?.message).toContain(labJournal());
		expect(final.conclusion?.verdict).not.toBe('fixed');
	});
});
