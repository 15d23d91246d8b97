// A very small window and a dumb terminal, in a real terminal (tmux). Ink clears the whole screen
// and the scrollback whenever its live area is as tall as the window; the log must survive that
// size, and a terminal that says it understands no cursor codes (TERM=dumb) must get none.
import {describe, expect, test} from 'vitest';
import {
	cleanUpAfterEach,
	cliPath,
	drive,
	fold,
	labPassword,
	start,
	stateFolder,
	tmuxMissing,
	type Terminal,
} from './terminal.js';

const missing = tmuxMissing();
let terminal: Terminal | undefined;
let state: string | undefined;
cleanUpAfterEach(() => ({terminal, state}));

/** Erase display (2J), erase scrollback (3J), full reset (ESC c). */
const clears = (bytes: string) => bytes.match(/\x1b\[[23]J|\x1bc/g) ?? [];

describe.skipIf(missing !== undefined)(
	`small and dumb terminals${missing ? ` (skipped: ${missing})` : ''}`,
	() => {
		test('at 20x8 the screen is never cleared and the whole log stays in scrollback', async () => {
			state = stateFolder();
			terminal = start({
				cols: 20,
				rows: 8,
				args: ['--lab', 'classic'],
				env: {DOUBLEHOP_STATE_DIR: state},
				recordOutput: true,
			});
			await drive(terminal);
			expect(await terminal.exitCode()).toBe(0);
			expect(clears(terminal.output())).toEqual([]);
			const log = fold(terminal.history());
			// Every step's line, from the first to the summary, is still there to scroll back to.
			for (const step of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
				expect(log).toMatch(new RegExp(`Step ${step}/10`));
			expect(log).toContain('Result: FIXED.');
		}, 60_000);

		test('TERM=dumb gets the plain screen-reader lines: no cursor or colour codes', async () => {
			state = stateFolder();
			terminal = start({
				cols: 80,
				rows: 24,
				program: ['env', 'TERM=dumb', process.execPath, cliPath],
				args: ['--lab', 'classic'],
				env: {DOUBLEHOP_STATE_DIR: state},
				recordOutput: true,
			});
			const answers: [string, string][] = [
				['First hop (the computer you connect to), Enter for', ''],
				['Second hop', ''],
				['Command to run', ''],
				['User name', ''],
				['not shown as you type:', labPassword],
				['Which method? Type u for using-cred or j for jea or a for runas or c for credssp', 'c'],
				['Continue with CredSSP to hyperv1.contoso.com only? Type y', 'y'],
				['Make this change on ADMIN-WS (this machine)? Type y', 'y'],
				['Make this change on hyperv1.contoso.com? Type y', 'y'],
				['Create an HTTPS listener on hyperv1.contoso.com? (optional) Type y', 'n'],
			];
			for (const [prompt, answer] of answers) await terminal.answer(prompt, answer);
			expect(await terminal.exitCode()).toBe(0);
			expect(terminal.screen()).toContain('Result: fixed.');
			const bytes = terminal.output();
			// No escape sequence at all: no cursor movement, no erase, no colour.
			expect(bytes.match(/\x1b[^\n]{0,8}/g) ?? []).toEqual([]);
		}, 60_000);
	},
);
