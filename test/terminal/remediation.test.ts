// The built CLI in a real terminal (tmux), driven as an admin would: wait for each question on
// the screen, then type. A full fix of the classic lab, the run after it, and Ctrl+C mid-flow.
import {rmSync} from 'node:fs';
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {
	classicQuestions,
	drive,
	labPassword,
	fold,
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
		describe('the classic lab at 100x30, fixed, then run again', () => {
			const state = stateFolder();
			afterAll(() => rmSync(state, {recursive: true, force: true}));

			test('a full remediation reaches "Result: FIXED." and exits 0', async () => {
				terminal = start({
					cols: 100,
					rows: 30,
					args: ['--lab', 'classic'],
					env: {DOUBLEHOP_STATE_DIR: state},
				});
				const seen = await drive(terminal);
				expect(seen.map((question) => question.prompt)).toEqual(
					classicQuestions.map((question) => question.prompt),
				);
				expect(await terminal.exitCode()).toBe(0);

				const end = terminal.screen();
				expect(end).toContain(
					'Result: FIXED. hyperv1.contoso.com can now reach hyperv2.contoso.com',
				);
				expect(end).toMatch(/sql01\s+Running/);
				expect(fold(end)).toContain('hyperv1.contoso.com: WinRM service CredSSP: off -> on');
				expect(terminal.modesRestored()).toBe(true);

				const lab = labMachines(state);
				expect(lab['admin-ws']?.credssp.client).toBe(true);
				expect(lab['admin-ws']?.allowFreshCredentials).toEqual(['wsman/hyperv1.contoso.com']);
				expect(lab.hyperv1?.credssp.server).toBe(true);
				expect(lab.hyperv1?.listeners.map((listener) => listener.transport)).toEqual(['HTTP']);
			});

			test('a second run on the same state finds it already fixed, asks nothing, exits 0', async () => {
				terminal = start({
					cols: 100,
					rows: 30,
					args: ['--lab', 'classic'],
					env: {DOUBLEHOP_STATE_DIR: state},
				});
				await drive(terminal, classicQuestions.slice(0, 4));
				// The password is masked as it is typed.
				await terminal.waitForPrompt('Password for CONTOSO\\admin (hidden):');
				terminal.type(labPassword);
				const typed = await terminal.waitForPrompt(
					'Password for CONTOSO\\admin (hidden): *********',
				);
				expect(typed.split('\n').at(-1)).not.toContain(labPassword);
				terminal.press('Enter');
				expect(await terminal.exitCode()).toBe(0);
				const end = terminal.screen();
				expect(end).toContain('Result: ALREADY-FIXED. CredSSP to hyperv1.contoso.com');
				// Said once, by the result's own line (not again as an empty list of changes).
				expect(end).toContain('Nothing was changed.');
				expect(end).not.toContain('None. Nothing on any machine was changed.');
				expect(terminal.history()).not.toContain('[y/N]');
				expect(labMachines(state).hyperv1?.credssp.server).toBe(true);
			});
		});

		describe('Ctrl+C at a [y/N] question', () => {
			let state: string;
			let screen: string;
			let code: number;
			let output: string;
			let modesRestored: boolean;

			beforeAll(async () => {
				state = stateFolder();
				terminal = start({
					cols: 100,
					rows: 30,
					args: ['--lab', 'classic'],
					env: {DOUBLEHOP_STATE_DIR: state},
					recordOutput: true,
				});
				await drive(terminal, classicQuestions, 'Make this change on ADMIN-WS');
				await terminal.waitForPrompt('Make this change on ADMIN-WS (this machine)? [y/N]');
				// A "y" typed but not yet confirmed with Enter must not count.
				terminal.type('y');
				await terminal.waitForPrompt('Make this change on ADMIN-WS (this machine)? [y/N] y');
				terminal.press('C-c');
				code = await terminal.exitCode();
				screen = terminal.screen();
				output = terminal.output();
				modesRestored = terminal.modesRestored();
				terminal.close();
			}, 20_000);
			afterAll(() => {
				terminal?.close();
				rmSync(state, {recursive: true, force: true});
			});

			test('exits 130', () => {
				expect(code).toBe(130);
			});

			test('the screen says the fix was stopped, once, and that nothing was changed', () => {
				expect(screen).toContain('Result: INTERRUPTED. Stopped before the fix was finished');
				expect(screen).not.toContain('INTERRUPTED. Interrupted');
				// Said once: the result's line, not also an empty "Changes made" list.
				expect(screen).toContain('Nothing was changed.');
				expect(screen).not.toContain('None. Nothing on any machine was changed.');
				expect(fold(screen)).toContain(
					'Allow delegation on this client (Enable-WSManCredSSP -Role Client on this machine)',
				);
			});

			test('the lab state file shows nothing changed', () => {
				const lab = labMachines(state);
				const before = scenarioMachines();
				for (const name of ['admin-ws', 'hyperv1', 'hyperv2']) {
					expect(lab[name]?.credssp, name).toEqual(before[name]?.credssp);
					expect(lab[name]?.allowFreshCredentials, name).toEqual(
						before[name]?.allowFreshCredentials,
					);
					expect(lab[name]?.listeners, name).toEqual(before[name]?.listeners);
				}
			});

			test('the terminal is given back as it was: modes restored, cursor shown', () => {
				expect(modesRestored).toBe(true);
				const hidden = output.lastIndexOf('\x1b[?25l');
				expect(hidden).toBeGreaterThan(-1);
				expect(output.lastIndexOf('\x1b[?25h')).toBeGreaterThan(hidden);
			});
		});

		describe('keys that arrive together, as over a laggy SSH link', () => {
			const state = stateFolder();
			afterAll(() => rmSync(state, {recursive: true, force: true}));

			test('two Backspaces in one burst erase two characters', async () => {
				terminal = start({
					cols: 100,
					rows: 30,
					args: ['--lab', 'classic'],
					env: {DOUBLEHOP_STATE_DIR: state},
				});
				await terminal.waitForPrompt('First hop');
				terminal.type('abcd');
				await terminal.waitForPrompt('[hyperv1.contoso.com]: abcd█');
				// One write: Backspace, Backspace, X. The X on screen proves the burst was read.
				terminal.type('\x7f\x7fX');
				const screen = await terminal.waitForPrompt('X█');
				expect(screen.split('\n').at(-1)).toBe(
					'First hop (the computer you connect to) [hyperv1.contoso.com]: abX█',
				);
				terminal.press('C-c');
				expect(await terminal.exitCode()).toBe(130);
			});
		});
	},
);
