// Two runs on one set of machines at once would lose an update (the lab) or add an entry twice
// (the real delegation list): the second run is told which run holds the machines and stops,
// or with --json --wait waits for it.
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {runCli, runJsonDocument} from '../helpers/json-run.js';
import {cells, fold, start, tmuxMissing} from '../terminal/terminal.js';

const cli = join(import.meta.dirname, '../../dist/cli.js');
let stateDir: string;

beforeEach(() => {
	stateDir = mkdtempSync(join(tmpdir(), 'doublehop-lock-'));
});
afterEach(() => rmSync(stateDir, {recursive: true, force: true}));

const env = () => ({...process.env, DOUBLEHOP_STATE_DIR: stateDir, CI: 'true'});

const runNow = (args: string[], input = '') => runCli(args, {input, stateDir, timeout: 30_000});
/** A --json run: its document, checked against the schema. */
const jsonNow = (args: string[], input = '') =>
	runJsonDocument(args, {input, stateDir, timeout: 30_000});

/** A --json diagnosis of the slow-link lab: its first-hop test takes 4 s. */
function startSlowRun() {
	const child = spawn(process.execPath, [cli, '--json', '--lab', 'slow-link', '--password-stdin'], {
		env: env(),
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	child.stdin.end('Passw0rd!\n');
	let stdout = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	const ended = new Promise<{code: number | null; stdout: string}>((resolve) =>
		child.on('exit', (code) => resolve({code, stdout})),
	);
	return {pid: child.pid, ended};
}

async function until(check: () => boolean, timeoutMs = 10_000) {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > timeoutMs) throw new Error('timed out');
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}

/** A lock held by a live process for as long as the test needs: no race with a run that ends. */
function holdLock(name: string) {
	const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30_000)']);
	mkdirSync(join(stateDir, 'locks'), {recursive: true});
	writeFileSync(
		join(stateDir, 'locks', name),
		JSON.stringify({pid: holder.pid, startedAt: new Date().toISOString()}),
	);
	return holder;
}

const locked = () =>
	existsSync(join(stateDir, 'locks')) && readdirSync(join(stateDir, 'locks')).length > 0;

describe('one run at a time per set of machines', () => {
	test('a second run says which run holds the machines and exits 2; --json --wait waits', async () => {
		const first = startSlowRun();
		await until(locked);

		const guided = runNow(['--lab', 'slow-link']);
		expect(guided.code).toBe(2);
		expect(guided.stderr).toContain(`pid ${first.pid}`);
		expect(guided.stderr).toMatch(/started \d{4}-\d\d-\d\dT/);

		const json = jsonNow(['--json', '--lab', 'slow-link', '--password-stdin'], 'Passw0rd!\n');
		expect(json.code).toBe(2);
		const refused = json.report as {
			verdict: string;
			headline: string;
			nextSteps: string[];
		};
		expect(refused.verdict).toBe('error');
		// Before: "another doublehop run ..." with the way out inside it, and no nextSteps.
		expect(refused.headline).toMatch(
			new RegExp(
				`^Another doublehop run \\(pid ${first.pid}, started .*\\. Nothing was changed\\.$`,
			),
		);
		expect(refused.nextSteps).toEqual([
			'Wait for it to end and run this again, or add --wait <seconds> (e.g. --wait 600): this run then waits up to that long for it.',
			`If pid ${first.pid} is no doublehop run any more (Get-Process -Id ${first.pid} names another program), delete ${join(stateDir, 'locks', 'lab-slow-link.lock')} and run this again.`,
		]);

		// Waits for the first run to end, then runs on what it left.
		const waited = jsonNow(
			['--json', '--wait', '30', '--lab', 'slow-link', '--password-stdin'],
			'Passw0rd!\n',
		);
		const done = await first.ended;
		expect(done.code).toBe(1);
		expect(waited.code).toBe(1);
		expect((waited.report as {verdict: string}).verdict).toBe('needs-changes');
		expect(locked()).toBe(false);
	}, 40_000);

	test('--json --wait gives up after its seconds with the reason', async () => {
		// The lock is held by a live process for as long as the test needs: no race with a run
		// that might end before the wait does.
		const holder = holdLock('lab-slow-link.lock');
		try {
			const started = Date.now();
			const json = jsonNow(
				['--json', '--wait', '1', '--lab', 'slow-link', '--password-stdin'],
				'x\n',
			);
			expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
			expect(json.code).toBe(2);
			const refused = json.report as {headline: string; nextSteps: string[]};
			expect(refused.headline).toContain(`pid ${holder.pid}`);
			expect(refused.headline).toContain('and still did after 1 s');
			expect(refused.nextSteps[0]).toBe(
				'Run this again with a longer --wait <seconds> (up to 3600), or once it has ended.',
			);
		} finally {
			holder.kill();
		}
	}, 40_000);

	test.skipIf(tmuxMissing() !== undefined)(
		'in a 40-column terminal the refusal is cut at spaces to fit, each next step on its own',
		async () => {
			const holder = holdLock('lab-classic.lock');
			const terminal = start({
				cols: 40,
				rows: 30,
				args: ['--lab', 'classic'],
				env: {DOUBLEHOP_STATE_DIR: stateDir},
			});
			try {
				expect(await terminal.exitCode()).toBe(2);
				// One written line per line: the terminal's own wraps are joined, so a line longer
				// than the terminal (broken mid-word by it) shows as one.
				const lines = terminal.joinedHistory().trimEnd().split('\n');
				// Before: one line of 400 characters. A word wider than the terminal (the lock's
				// path) stands on a line of its own.
				for (const line of lines.filter((row) => row.trim().includes(' ')))
					expect(cells(line)).toBeLessThan(40);
				expect(lines[0]).toMatch(/^doublehop: Another doublehop run \(pid/);
				expect(lines.find((line) => line.startsWith('  Wait for it'))).toBeDefined();
				expect(fold(lines.join(' '))).toContain(
					'Wait for it to end and run this again (a --json run waits for it with --wait <seconds>).',
				);
			} finally {
				terminal.close();
				holder.kill();
			}
		},
		40_000,
	);

	test('a lock left by a run that is gone is taken over', () => {
		const gone = spawnSync(process.execPath, ['-e', 'process.pid'], {encoding: 'utf8'});
		expect(gone.status).toBe(0);
		mkdirSync(join(stateDir, 'locks'), {recursive: true});
		writeFileSync(
			join(stateDir, 'locks', 'lab-classic.lock'),
			JSON.stringify({pid: gone.pid, startedAt: '2020-01-01T00:00:00.000Z'}),
		);
		const run = jsonNow(['--json', '--lab', 'classic', '--password-stdin'], 'Passw0rd!\n');
		expect(run.code).toBe(1);
	});

	test('--wait takes whole seconds', () => {
		const run = jsonNow(['--json', '--wait', 'soon', '--lab', 'classic']);
		expect(run.code).toBe(2);
		expect((run.report as {headline: string}).headline).toContain('--wait takes whole seconds');
	});
});
