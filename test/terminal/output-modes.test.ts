// Output modes in a real terminal (tmux): colour by default, none with NO_COLOR or --no-color,
// ASCII only with --ascii. capture-pane -e keeps the escape codes the terminal was given.
import {describe, expect, test} from 'vitest';
import {
	cleanUpAfterEach,
	colourCodes,
	drive,
	start,
	stateFolder,
	tmuxMissing,
	type StartOptions,
	type Terminal,
} from './terminal.js';

const missing = tmuxMissing();
let terminal: Terminal | undefined;
let state: string | undefined;
cleanUpAfterEach(() => ({terminal, state}));

/** Runs the classic lab to its end at 100x30 and returns the scrollback with escapes. */
async function fullRun(args: string[], env: StartOptions['env'] = {}) {
	state = stateFolder();
	terminal = start({
		cols: 100,
		rows: 30,
		args: ['--lab', 'classic', ...args],
		env: {DOUBLEHOP_STATE_DIR: state, ...env},
	});
	await drive(terminal);
	const code = await terminal.exitCode();
	expect(terminal.screen()).toContain('Result: FIXED.');
	expect(code).toBe(0);
	return {escaped: terminal.historyWithEscapes(), plain: terminal.history()};
}

/** Runs the classic lab up to its first question and returns the screen with escapes. */
async function firstScreen(args: string[], env: StartOptions['env'] = {}) {
	state = stateFolder();
	terminal = start({
		cols: 100,
		rows: 30,
		args: ['--lab', 'classic', ...args],
		env: {DOUBLEHOP_STATE_DIR: state, ...env},
	});
	await terminal.waitForPrompt('First hop');
	return terminal.historyWithEscapes();
}

describe.skipIf(missing !== undefined)(
	`in a real terminal${missing ? ` (skipped: ${missing})` : ''}`,
	() => {
		test('colour: the banner and the hint are coloured by default (no CI, no FORCE_COLOR)', async () => {
			const escaped = await firstScreen([], {CI: undefined});
			expect(colourCodes(escaped).length).toBeGreaterThan(0);
		});

		test('colour: FORCE_COLOR=1 colours the screen (so the checks below can see colour)', async () => {
			const escaped = await firstScreen([], {FORCE_COLOR: '1'});
			expect(colourCodes(escaped).length).toBeGreaterThan(0);
		});

		test('NO_COLOR=1: a full run puts no colour code on the screen', async () => {
			const {escaped, plain} = await fullRun([], {NO_COLOR: '1'});
			expect(colourCodes(escaped)).toEqual([]);
			expect(escaped).not.toMatch(/\x1b\[(3|9)\d/);
			expect(plain).toContain('Step 10/10 Verify with CredSSP');
		});

		test('NO_COLOR=1 wins over FORCE_COLOR=1', async () => {
			const escaped = await firstScreen([], {NO_COLOR: '1', FORCE_COLOR: '1'});
			expect(colourCodes(escaped)).toEqual([]);
		});

		test('--no-color wins over FORCE_COLOR=1', async () => {
			const escaped = await firstScreen(['--no-color'], {FORCE_COLOR: '1'});
			expect(colourCodes(escaped)).toEqual([]);
		});

		test('--ascii: a full run puts only ASCII characters on the screen', async () => {
			const {plain} = await fullRun(['--ascii']);
			const offending = plain.split('\n').filter((line) => /[^\x20-\x7e]/.test(line));
			expect(offending).toEqual([]);
			expect(plain).toContain('[OK] Step 1/10 Check this shell');
			expect(plain).toMatch(/^=+$/m);
		});

		test('LANG=C (a locale that is not UTF-8): ASCII as with --ascii, unasked', async () => {
			const {plain} = await fullRun([], {LANG: 'C', LC_ALL: 'C'});
			const offending = plain.split('\n').filter((line) => /[^\x20-\x7e]/.test(line));
			expect(offending).toEqual([]);
			expect(plain).toContain('[OK] Step 1/10 Check this shell');
		});
	},
);
