// SIGKILL mid-flow, in a real terminal: no cleanup runs at all. The next start must find what
// the killed run changed, offer resume or undo, and undo must put the lab back as it was.
import {execFileSync} from 'node:child_process';
import {rmSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {
	classicQuestions,
	drive,
	labMachines,
	scenarioMachines,
	start,
	stateFolder,
	tmuxMissing,
	type Terminal,
} from './terminal.js';

const missing = tmuxMissing();
let terminal: Terminal | undefined;
afterEach(() => terminal?.close());

describe.skipIf(missing !== undefined)(
	`in a real terminal${missing ? ` (skipped: ${missing})` : ''}`,
	() => {
		test('killed with SIGKILL after the client change: the next start offers undo, which restores the lab', async () => {
			const state = stateFolder();
			// A transcript path unique to this test names the process to kill, and no other.
			const marker = join(state, 'killed-run.md');
			terminal = start({
				cols: 100,
				rows: 30,
				args: ['--lab', 'classic', '--transcript', marker],
				env: {DOUBLEHOP_STATE_DIR: state},
			});
			await drive(terminal, classicQuestions, 'Make this change on hyperv1');
			await terminal.waitForPrompt('Make this change on hyperv1.contoso.com? [y/N]');
			expect(labMachines(state)['admin-ws']?.credssp.client).toBe(true);
			// Only the node process itself: the tmux server's own command line holds the marker too.
			// The CLI names itself "doublehop" (process.title), so find it as the child of the pane's shell,
			// whose command line holds this test's unique transcript path.
			const shell = execFileSync('pgrep', ['-f', `^sh -c .*${marker}`], {encoding: 'utf8'}).trim();
			execFileSync('pkill', ['-KILL', '-P', shell]);
			expect(await terminal.exitCode()).toBe(137);
			terminal.close();

			terminal = start({
				cols: 100,
				rows: 30,
				args: ['--lab', 'classic'],
				env: {DOUBLEHOP_STATE_DIR: state},
			});
			const offer = await terminal.waitForPrompt('Resume or undo? [r/u]');
			expect(offer).toContain('stopped part-way after these changes');
			terminal.type('u');
			terminal.press('Enter');
			// Only the client change was made, and undoing it needs no account: no User name question.
			for (;;) {
				const screen = await terminal.waitFor(/Undo this change on .*\[y\/N\] █?\s*$|Result:/);
				if (screen.includes('Result:')) break;
				terminal.type('y');
				terminal.press('Enter');
				await terminal.waitFor(/Undone|Result:/);
			}
			expect(await terminal.exitCode()).toBe(0);
			expect(terminal.screen()).toContain('Result: UNDONE.');
			expect(labMachines(state)).toEqual(scenarioMachines());
			rmSync(state, {recursive: true, force: true});
		});
	},
);
