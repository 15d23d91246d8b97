// A closed terminal (a dropped SSH session, a closed tmux window) during a question: the run ends
// as interrupted with exit code 130, and Node does not abort while resetting a terminal that is
// gone (before the fix: "Assertion failed" in node::ResetStdio, exit 134 and a core dump).
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {describe, expect, test} from 'vitest';
import {cliPath, stateFolder, tmuxMissing} from './terminal.js';

const recordExit = resolve('test/tools/record-exit.mjs');
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe.skipIf(tmuxMissing() !== undefined)('the terminal closes under a run', () => {
	test('at a question: exit 130, and no abort on the way out', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'dh-hangup-'));
		const socket = join(folder, 'sock');
		const exitFile = join(folder, 'exit');
		const errors = join(folder, 'stderr');
		const state = stateFolder();
		// exec: the program owns the terminal, as a login shell's child does when SSH drops.
		const command = `exec env DOUBLEHOP_STATE_DIR=${state} DOUBLEHOP_TEST_EXIT_FILE=${exitFile} ${process.execPath} --import ${recordExit} ${cliPath} --lab classic 2>${errors}`;
		const tmux = (...args: string[]) =>
			spawnSync('tmux', ['-S', socket, ...args], {
				encoding: 'utf8',
				env: {...process.env, TMUX: ''},
			});
		tmux('new-session', '-d', '-x', '80', '-y', '24', command);
		for (let i = 0; i < 200 && !tmux('capture-pane', '-p').stdout.includes('First hop'); i++)
			await sleep(25);
		expect(tmux('capture-pane', '-p').stdout).toContain('First hop');
		tmux('kill-server');
		for (let i = 0; i < 200 && !existsSync(exitFile); i++) await sleep(25);
		await sleep(500);
		const recorded = readFileSync(exitFile, 'utf8');
		expect(recorded).not.toContain('uncaught');
		expect(recorded.trim()).toBe('exit 130');
		expect(readFileSync(errors, 'utf8')).not.toContain('Assertion failed');
	}, 20_000);
});
