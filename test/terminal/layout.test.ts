// Screen-share fit in a real terminal (tmux): narrow and wide windows, and a window resized in the
// middle of the flow. The "Step N of 10" banner must be on screen and readable at every question.
import {rmSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {
	cells,
	classicQuestions,
	drive,
	fold,
	start,
	stateFolder,
	tmuxMissing,
	type PromptScreen,
	type Terminal,
} from './terminal.js';

const missing = tmuxMissing();

/** The banner's rule: one line of ─, never wider than the window (nor than 99). */
const ruleWidth = (cols: number) => Math.min(cols - 1, 40);
const rules = (screen: string) => screen.split('\n').filter((line) => /^─+$/.test(line));

describe.skipIf(missing !== undefined)(
	`in a real terminal${missing ? ` (skipped: ${missing})` : ''}`,
	() => {
		// 60 and 200 columns, and 80x24, the size many terminals open at.
		describe.each([
			[60, 30],
			[200, 30],
			[80, 24],
		])('the classic lab at %ix%i', (cols, rows) => {
			let terminal: Terminal;
			let state: string;
			let seen: PromptScreen[];
			let code: number;
			let end: string;
			let written: string[];
			let output: string;

			beforeAll(async () => {
				state = stateFolder();
				terminal = start({
					cols,
					rows,
					args: ['--lab', 'classic'],
					env: {DOUBLEHOP_STATE_DIR: state},
					recordOutput: true,
				});
				seen = await drive(terminal);
				code = await terminal.exitCode();
				output = terminal.output();
				end = terminal.screen();
				// -J joins the rows the terminal itself wrapped: one line here is one line as written.
				written = terminal.joinedHistory().split('\n');
			}, 30_000);
			afterAll(() => {
				terminal?.close();
				rmSync(state, {recursive: true, force: true});
			});

			test('the flow completes: every question asked, "Result: FIXED.", exit 0', () => {
				expect(seen.map((question) => question.prompt)).toEqual(
					classicQuestions.map((question) => question.prompt),
				);
				expect(end).toContain('Result: FIXED.');
				expect(code).toBe(0);
			});

			test('every line fits the width: nothing is wrapped by the terminal', () => {
				const tooLong = written.filter((line) => cells(line) > cols);
				expect(tooLong).toEqual([]);
				expect(written.length).toBeGreaterThan(40);
			});

			test('the screen is never cleared and the scrollback never erased (no full redraw)', () => {
				// ESC[2J clears the screen, ESC[3J the scrollback: a flash on a screen share, and the log
				// of finished steps is wiped from the viewer's scrollback before it is printed again.
				const clears = output.split('\x1b[2J').length - 1;
				const erasures = output.split('\x1b[3J').length - 1;
				expect({clears, erasures}).toEqual({clears: 0, erasures: 0});
			});

			test('the "Step N of 10" banner is on screen at every question', () => {
				const missingBanner = seen
					.filter(
						(question) => !new RegExp(`^Step ${question.step} of 10: `, 'm').test(question.screen),
					)
					.map(
						(question) =>
							`${question.prompt} (expected Step ${question.step} of 10):\n${question.screen}`,
					);
				expect(missingBanner).toEqual([]);
			});
		});

		describe('a window resized from 100 to 60 columns at a question', () => {
			let terminal: Terminal;
			let state: string;
			let after: string;
			let later: PromptScreen[];
			let code: number;

			beforeAll(async () => {
				state = stateFolder();
				terminal = start({
					cols: 100,
					rows: 30,
					args: ['--lab', 'classic'],
					env: {DOUBLEHOP_STATE_DIR: state},
				});
				await drive(terminal, classicQuestions, 'Make this change on ADMIN-WS');
				await terminal.waitForPrompt('Make this change on ADMIN-WS (this machine)? [y/N]');
				terminal.resize(60, 30);
				expect(terminal.size()).toEqual({cols: 60, rows: 30});
				// A key after the resize: its echo is the proof that a frame at the new width was drawn.
				terminal.type('y');
				after = await terminal.waitForPrompt(
					'Make this change on ADMIN-WS (this machine)? [y/N] y',
				);
				terminal.press('Enter');
				later = await drive(terminal, classicQuestions.slice(8));
				code = await terminal.exitCode();
			}, 30_000);
			afterAll(() => {
				terminal?.close();
				rmSync(state, {recursive: true, force: true});
			});

			test('the live banner is readable, under a rule that fits the new width', () => {
				const lines = after.split('\n');
				// The step's explanation went to scrollback with its own heading; the live banner is the last.
				const banners = lines.flatMap((line, index) =>
					/Step \d+ of 10/.test(line) ? [index] : [],
				);
				expect(banners.length).toBeGreaterThan(0);
				const at = banners.at(-1) ?? 0;
				expect(lines[at]).toMatch(/^Step 7 of 10: Allow delegation on this client/);
				expect(lines[at - 1]).toBe('─'.repeat(ruleWidth(60)));
				// Scrollback printed at 100 columns is reflowed by the terminal, mid-word included.
				expect(fold(after.replaceAll('\n', ''))).toContain(
					'PS> Enable-WSManCredSSP -Role Client -DelegateComputer hyperv1.contoso.com -Force',
				);
			});

			test('no piece of the 100-column frame is left on screen', () => {
				// Each rule on screen belongs to a banner or the summary and has the new width; a rule of
				// another width is what is left of the frame drawn before the resize.
				expect(rules(after).map((rule) => cells(rule))).toEqual([ruleWidth(60)]);
			});

			test('keys after the resize still work: the flow completes with exit 0', () => {
				expect(later.map((question) => question.step)).toEqual([8, 9]);
				for (const question of later) expect(question.screen).toMatch(/^Step [89] of 10: /m);
				expect(terminal.screen()).toContain('Result: FIXED.');
				expect(code).toBe(0);
			});
		});
	},
);
