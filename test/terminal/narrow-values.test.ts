// Values too long for a narrow terminal (40 to 60 columns, over SSH or a screen share), in a real
// terminal (tmux), NO_COLOR: a delegation list is cut after a comma, a registry or file path after
// a separator with its later rows further in. Before, each was
// cut mid-word (wrap-ansi's hard break, or the terminal's own) with nothing to show the cut.
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {
	cleanUpAfterEach,
	classicQuestions,
	drive,
	start,
	stateFolder,
	tmuxMissing,
	type Terminal,
} from './terminal.js';

const missing = tmuxMissing();
let terminal: Terminal | undefined;
let state: string | undefined;
cleanUpAfterEach(() => ({terminal, state}));

const indentOf = (row: string) => row.length - row.trimStart().length;

/** A lab run at `cols` columns, answered as the classic lab is, up to the question `prompt`. */
async function upTo(lab: string, prompt: string, cols: number): Promise<string[]> {
	state = stateFolder();
	terminal = start({
		cols,
		rows: 60,
		args: ['--lab', lab],
		env: {DOUBLEHOP_STATE_DIR: state, NO_COLOR: '1'},
	});
	await drive(terminal, classicQuestions, prompt);
	await terminal.waitForPrompt(prompt);
	return terminal.history().split('\n');
}

describe.skipIf(missing !== undefined)(
	`long values in a narrow terminal${missing ? ` (skipped: ${missing})` : ''}`,
	() => {
		test.each([40, 45, 60])(
			'%i columns: the delegation list Get-WSManCredSSP reads is cut after a comma, every entry whole on its row',
			async (cols) => {
				const rows = await upTo('existing-delegation', 'Which method?', cols);
				const first = rows.findIndex((row) => row.includes('Get-WSManCredSSP: The machine is'));
				expect(first).toBeGreaterThan(-1);
				const said = rows.slice(first, rows.indexOf('', first));
				// Before (45): "target(s): wsm" and "an/*.fabrikam.com,wsman/sql01.contoso.com";
				// (40): "...,wsman/" and "sql01.contoso.com".
				for (const entry of ['wsman/*.fabrikam.com', 'wsman/sql01.contoso.com'])
					expect(said.some((row) => row.includes(entry))).toBe(true);
				expect(said.every((row) => row.length <= cols)).toBe(true);
				// An indented detail keeps its indent on every row, not only the first.
				const detail = said.slice(1, said.findIndex((row) => row.includes('target(s)')) + 1);
				for (const row of detail) expect(indentOf(row)).toBe(indentOf(said[0]!));
				terminal!.press('C-c');
			},
		);

		test('40 columns: a registry path is cut after a separator, its next row further in', async () => {
			state = stateFolder();
			terminal = start({
				cols: 40,
				rows: 60,
				args: ['--lab', 'gpo-client'],
				env: {DOUBLEHOP_STATE_DIR: state, NO_COLOR: '1'},
			});
			// The opening questions: then the diagnosis finds Group Policy in the way, and the run ends.
			await drive(terminal, classicQuestions.slice(0, 5));
			await terminal.exitCode();
			const rows = terminal!.history().split('\n');
			const at = rows.findIndex((row) => row.endsWith('(HKLM\\SOFTWARE\\Policies\\Microsoft\\'));
			expect(at).toBeGreaterThan(-1);
			// Before: "Windows\WinRM\Client\AllowCredSSP = 0)." at the margin, as a line of its own.
			expect(rows[at + 1]).toMatch(/^ {2}Windows\\WinRM\\Client\\AllowCredSSP/);
			expect(indentOf(rows[at + 1]!)).toBeGreaterThan(indentOf(rows[at]!));
			// The transcript's path: a row of its own under its label, its later rows further in.
			const label = rows.findIndex((row) => row.endsWith('- Transcript:'));
			expect(label).toBeGreaterThan(-1);
			expect(rows[label + 1]).toMatch(/^ {4}\/tmp\//);
			expect(rows[label + 2]).toMatch(/^ {6}\S/);
		});

		test("40 columns: the journal's warning is cut to the width, the path after its separators and further in", async () => {
			state = stateFolder();
			mkdirSync(join(state, 'journal'));
			writeFileSync(join(state, 'journal', 'lab-classic.jsonl'), 'not a journal line\n');
			terminal = start({
				cols: 40,
				rows: 30,
				args: ['--lab', 'classic'],
				env: {DOUBLEHOP_STATE_DIR: state, NO_COLOR: '1'},
			});
			await terminal.waitForPrompt('First hop');
			// One written line per line: a line the terminal broke itself shows as one, too long.
			const lines = terminal.joinedHistory().split('\n');
			const first = lines.findIndex((line) => line.startsWith('doublehop: skipped in the'));
			const warning = lines.slice(first, lines.findIndex((line) => line.includes('not JSON')) + 2);
			// Before: one line of 120 characters, which the terminal broke at "jo" / "urnal".
			expect(warning.length).toBeGreaterThan(2);
			expect(warning.every((line) => line.length <= 40)).toBe(true);
			const cut = warning.findIndex((line) => /[\\/]$/.test(line));
			expect(cut).toBeGreaterThan(0);
			expect(indentOf(warning[cut + 1]!)).toBe(4);
			expect(warning.join('\n').replace(/\/\n +/g, '/')).toContain(
				`${state}/journal/lab-classic.jsonl, line 1`,
			);
			terminal.press('C-c');
		});
	},
);
