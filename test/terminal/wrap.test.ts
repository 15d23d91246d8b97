// Long messages in a real terminal (tmux), NO_COLOR: where a row is filled to the last column and
// the next word goes to the next row, that row starts at the margin, not one space in. (Ink wraps
// with wrap-ansi's trim: false, which kept the space between the two words at the start of the
// next row.) Every indentation the screen uses is even, but for the rows of a list item hanging
// under its text: any other odd one is such a space. A value too long for a narrow row is cut
// after a comma (a delegation list) or a path separator, its later rows further in, and `--tree`
// is cut to the width too: before, each was cut mid-word with nothing to show the cut.
import {mkdirSync, realpathSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {
	asConsoleReadsIt,
	cleanUpAfterEach,
	classicQuestions,
	commandRowsAt,
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

const indentOf = (row: string) => row.length - row.trimStart().length;

// What a row may hang under, at an odd column: a list marker ("3. ", "u  "), or on the fleet's
// screen a host's number before its name ("19 " of "19 hv19.contoso.com: ..."), a label, or a
// command's prompt ("PS> ") under that host.
const leadIn = /^ *(?:\d+\. |[a-z] {2}|\d+ (?=\S+: )|(?:Now|After|Next): |PS> )/;

/**
 * Rows that start one space further in than a margin: a word pushed over with its space. A row
 * that hangs under its line's text after a lead-in of odd width is not one; nor is a fleet
 * question's numbered host ("   10  hv10.contoso.com", its number right-aligned).
 */
const oddIndents = (rows: string[]) =>
	rows
		.filter((row, index) => {
			if (!/^( {2})* \S/.test(row) || /^ +\d+ {2}\S+$/.test(row)) return false;
			// A path cut after a separator: its next row is two columns further in than its line's.
			if (/[\\/]$/.test(rows[index - 1] ?? '')) return false;
			const item = rows.slice(0, index).findLast((above) => indentOf(above) < indentOf(row));
			return item === undefined || leadIn.exec(item)?.[0].length !== indentOf(row);
		})
		.map((row) => JSON.stringify(row));

/**
 * The classic lab's answers up to the question `prompt`, at `cols` columns: the rows so far. Another
 * lab that asks the same questions (existing-delegation) may be named.
 */
async function classicUpTo(
	prompt: string,
	cols: number,
	rows = 60,
	lab = 'classic',
): Promise<string[]> {
	state = stateFolder();
	terminal = start({
		cols,
		rows,
		args: ['--lab', lab],
		env: {DOUBLEHOP_STATE_DIR: state, NO_COLOR: '1'},
	});
	await drive(terminal, classicQuestions, prompt);
	await terminal.waitForPrompt(prompt);
	return terminal.history().split('\n');
}

/** A lab that ends after the opening questions (the diagnosis stops it), at `cols` columns. */
async function openingQuestionsOf(
	lab: string,
	cols: number,
): Promise<{code: number; rows: string[]}> {
	state = stateFolder();
	terminal = start({
		cols,
		rows: 60,
		args: ['--lab', lab],
		env: {DOUBLEHOP_STATE_DIR: state, NO_COLOR: '1'},
	});
	await drive(terminal, classicQuestions.slice(0, 5));
	const code = await terminal.exitCode();
	return {code, rows: terminal.history().split('\n')};
}

const classicUpToTheMethod = (cols: number) => classicUpTo('Which method?', cols);

describe.skipIf(missing !== undefined)(
	`long lines in a real terminal${missing ? ` (skipped: ${missing})` : ''}`,
	() => {
		test('one host at 80 columns: the diagnosis and the result wrap at the margin', async () => {
			state = stateFolder();
			terminal = start({
				cols: 80,
				rows: 40,
				args: ['--lab', 'unreachable', '--dry-run'],
				env: {DOUBLEHOP_STATE_DIR: state, NO_COLOR: '1'},
			});
			// The classic lab's opening questions: the unreachable lab asks the same, then stops.
			await drive(terminal, classicQuestions.slice(0, 5));
			await terminal.exitCode();
			const rows = terminal.history().split('\n');
			// Before: "   answered on the WinRM port" and " a firewall drops the traffic".
			expect(rows).toContain(
				'  answered on the WinRM port (5985, or 5986 with -UseSSL): the computer is off',
			);
			expect(rows.some((row) => row.startsWith('a firewall drops the traffic'))).toBe(true);
			expect(oddIndents(rows)).toEqual([]);
		});

		test("the error block's + rows too long for the screen go on under their value (80 columns) or under their name (60 columns), never at the block's margin", async () => {
			const wide = await classicUpToTheMethod(80);
			const at80 = wide.findIndex((row) => row.includes('+ CategoryInfo'));
			expect(wide[at80]).toBe('      + CategoryInfo          : PermissionDenied: (:) [Get-VM],');
			// Under "PermissionDenied": the block is 2 in, its value 30 further.
			expect(wide[at80 + 1]).toBe(`${' '.repeat(32)}VirtualizationOperationFailedException`);
			terminal?.press('C-c');
			await terminal?.exitCode();
			const narrow = await classicUpToTheMethod(60);
			const at60 = narrow.findIndex((row) => row.includes('+ CategoryInfo'));
			// The exception's name would not fit under the value: the row goes on under the name.
			expect(narrow[at60]).toBe('      + CategoryInfo          : PermissionDenied: (:)');
			expect(narrow[at60 + 1]).toBe('        [Get-VM], VirtualizationOperationFailedException');
			expect(narrow[at60 + 2]).toMatch(/^ {6}\+ FullyQualifiedErrorId :/);
			expect(oddIndents(narrow)).toEqual([]);
		});

		test('many first hops at 60 columns: the errors and the question wrap at the margin', async () => {
			state = stateFolder();
			terminal = start({
				cols: 60,
				rows: 40,
				args: ['--lab', 'fleet-transport', '--dry-run'],
				env: {DOUBLEHOP_STATE_DIR: state, NO_COLOR: '1'},
			});
			await terminal.answer('User name', '');
			await terminal.answer('Password for CONTOSO\\admin', labPassword);
			await terminal.waitForPrompt("Add this host to this machine's delegation list?");
			const rows = terminal.history().split('\n');
			// Before: " remote server closed01.contoso.com failed" and " for 1 host:". The host's
			// rows hang under its text, after its number.
			expect(rows.some((row) => row.startsWith('  remote server closed01.contoso.com'))).toBe(true);
			expect(rows).toContain('for 1 host:');
			expect(oddIndents(rows)).toEqual([]);
			terminal.press('C-c');
		});

		test("many first hops at 50 columns: a wrapped line keeps its indent, its later rows hang under its label or host number, and a host's check is a command on its own line", async () => {
			state = stateFolder();
			terminal = start({
				cols: 50,
				rows: 40,
				args: ['--lab', 'fleet'],
				env: {DOUBLEHOP_STATE_DIR: state, NO_COLOR: '1'},
			});
			await terminal.answer('User name', '');
			await terminal.answer('Password for CONTOSO\\admin', labPassword);
			await terminal.answer('Add these 10 hosts', 'y');
			await terminal.answer('Enable the CredSSP server role on these 10 hosts?', 'y');
			await terminal.exitCode();
			const rows = terminal.history().split('\n');
			// Before: "(AllowFreshCredentials): wsman/hv10.contoso.com" at the margin, under nothing.
			const entry = rows.indexOf('  delegation entry for hv10.contoso.com');
			expect(entry).toBeGreaterThan(-1);
			expect(rows[entry + 1]).toBe('  (AllowFreshCredentials): wsman/hv10.contoso.com');
			expect(rows.some((row) => row.startsWith('(AllowFreshCredentials)'))).toBe(false);
			// Under the label, and under the host's text after its number.
			const now = rows.findIndex((row) => row.startsWith('Now: CredSSP on; list:'));
			expect(rows[now + 1]).toMatch(/^ {5}wsman\//);
			const host = rows.findIndex((row) => row.startsWith('19 hv19.contoso.com: '));
			expect(rows[host + 1]).toMatch(/^ {3}\S/);
			const next = rows.findIndex((row) =>
				row.startsWith("Next: Nothing answered on WinRM's port"),
			);
			expect(next).toBeGreaterThan(-1);
			expect(rows[next + 1]).toMatch(/^ {6}\S/);
			// A host's check on a line of its own, cut as a command (a backtick, then the rest under
			// it): pasted, it runs as one. Before: inside the prose, "-Port 5985" on the next row.
			const check = rows.indexOf('   PS> Test-NetConnection -ComputerName `');
			expect(check).toBeGreaterThan(
				rows.findIndex((row) => row.startsWith('21 hv21.contoso.com: ')),
			);
			expect(rows[check + 1]).toBe('       hv21.contoso.com -Port 5985');
			expect(oddIndents(rows)).toEqual([]);
		});

		test('40 columns: a list item or a choice goes on under its own text, not under its marker', async () => {
			const rows = await classicUpToTheMethod(40);
			const choice = rows.findIndex((row) => row.startsWith('  u  $using:cred:'));
			const ranked = rows.findIndex((row) => row.startsWith('  5. CredSSP'));
			expect(choice).toBeGreaterThan(-1);
			expect(ranked).toBeGreaterThan(-1);
			// Before: "  command, then run it on", under the key.
			expect(rows[choice + 1]).toMatch(/^ {5}\S/);
			expect(rows[ranked + 1]).toMatch(/^ {5}\S/);
			expect(oddIndents(rows)).toEqual([]);
			terminal?.press('C-c');
		});

		test('40 columns: a path too long for a row is cut after a folder, so the file name, which fits on a row, is whole', async () => {
			state = stateFolder();
			terminal = start({
				cols: 40,
				rows: 60,
				args: ['--lab', 'classic'],
				env: {DOUBLEHOP_STATE_DIR: state, NO_COLOR: '1'},
			});
			await drive(terminal, classicQuestions);
			await terminal.exitCode();
			const rows = terminal.history().split('\n');
			const label = rows.findIndex((row) => row.startsWith('  - Transcript:'));
			expect(label).toBeGreaterThan(-1);
			// Before: cut at the row's last column, wherever that fell in the file's name. A row
			// that goes on with a path cut after a separator is two columns further in.
			const name = rows.findIndex(
				(row, index) => index > label && /^ {6}\d{4}-\d\d-\d\dT[\w-]+\.md$/.test(row),
			);
			expect(name).toBeGreaterThan(label);
			expect(rows[name - 1]).toMatch(/\/transcripts\/$/);
			const path = rows
				.slice(label, name + 1)
				.map((row) => row.trim())
				.join('')
				.replace(/^- Transcript: ?/, '');
			expect(path).toBe(join(realpathSync(state), 'transcripts', rows[name]!.trim()));
		});

		test('60 columns: a command too wide is cut between words, each row but the last ending in a backtick, so its rows paste as one command', async () => {
			const rows = await classicUpToTheMethod(60);
			const first = rows.findIndex((row) => row.trimStart().startsWith('PS> Invoke-Command'));
			expect(first).toBeGreaterThan(-1);
			const command = commandRowsAt(rows, first, 60);
			expect(command.length).toBeGreaterThan(1);
			expect(asConsoleReadsIt(command)).toBe(
				"Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { [System.Net.Dns]::GetHostEntry('').HostName }",
			);
			terminal?.press('C-c');
		});

		test("60 columns: a failed step's diagnosis gives its next command rows of its own, cut the same way", async () => {
			const {code, rows} = await openingQuestionsOf('https-untrusted', 60);
			expect(code).toBe(2);
			const next = rows.indexOf('  Next: Run on hyperv1.contoso.com:');
			// Before: "  Next: Run on hyperv1.contoso.com: Get-ChildItem" and the rest broken as prose.
			expect(next).toBeGreaterThan(-1);
			const command = commandRowsAt(rows, next + 1, 60);
			expect(command.length).toBeGreaterThan(1);
			expect(asConsoleReadsIt(command)).toBe(
				'Get-ChildItem Cert:\\LocalMachine\\My | Format-List Subject, Issuer, NotAfter, Thumbprint',
			);
		});

		test('60 columns: the undo\'s "Will run" pastes as it will run: a comment on every row of a comment, a long registry path cut into a sum of its parts', async () => {
			state = stateFolder();
			terminal = start({
				cols: 100,
				rows: 60,
				args: ['--lab', 'classic'],
				env: {DOUBLEHOP_STATE_DIR: state, NO_COLOR: '1'},
			});
			await drive(terminal, classicQuestions.slice(0, 8));
			terminal.press('C-c');
			expect(await terminal.exitCode()).toBe(130);
			terminal.close();
			terminal = start({
				cols: 60,
				rows: 80,
				args: ['undo', '--lab', 'classic'],
				env: {DOUBLEHOP_STATE_DIR: state, NO_COLOR: '1'},
			});
			await terminal.waitForPrompt('Undo this change on ADMIN-WS');
			const rows = terminal.history().split('\n');
			const comment = rows.findIndex((row) => row.startsWith('  PS> # Local Group Policy'));
			expect(comment).toBeGreaterThan(-1);
			// Before: only the first row started with "#"; the next ran as a command when pasted.
			for (let at = comment + 1; !rows[at]!.startsWith('  PS> '); at++)
				expect(rows[at], rows[at]).toMatch(/^ {6}# /);
			const remove = rows.findIndex((row) => row.startsWith('  PS> Remove-Item'));
			const command = commandRowsAt(rows, remove, 60);
			// Before: the quoted path was broken by the terminal inside its quotes.
			expect(asConsoleReadsIt(command)).toBe(
				"Remove-Item -Path ('HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\' + 'CredentialsDelegation\\AllowFreshCredentials') -Recurse -Force -ErrorAction SilentlyContinue",
			);
			terminal.press('C-c');
		});

		test('--dry-run says so before the first question, not after the first yes', async () => {
			state = stateFolder();
			terminal = start({
				cols: 80,
				rows: 40,
				args: ['--lab', 'classic', '--dry-run'],
				env: {DOUBLEHOP_STATE_DIR: state, NO_COLOR: '1'},
			});
			await terminal.waitForPrompt('First hop');
			expect(fold(terminal.history())).toContain(
				'Dry run (--dry-run): every step is shown and asked as usual; whatever you answer, nothing is changed.',
			);
			// A line of its own, not the tail of the lab's password hint before it.
			expect(terminal.history().split('\n')).toContainEqual(
				expect.stringMatching(/^Dry run \(--dry-run\): every step/),
			);
			terminal.press('C-c');
		});

		test("60 columns: the risk step's safer alternatives give their commands rows of their own, cut so they paste whole", async () => {
			const rows = await classicUpTo('I understand the risk.', 60, 80);
			const words = rows.findIndex((row) =>
				row.includes('Pass a credential to the inner command (no setup):'),
			);
			// Before: the command followed its words as prose, broken at the margin mid-command.
			expect(words).toBeGreaterThan(-1);
			expect(asConsoleReadsIt(commandRowsAt(rows, words + 1, 60))).toBe(
				'Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Get-VM -ComputerName hyperv2.contoso.com -Credential $using:cred }',
			);
			terminal?.press('C-c');
		});

		test("60 columns: a change's undo is a command on rows of its own, cut so it pastes whole", async () => {
			const rows = await classicUpTo('Create an HTTPS listener', 60, 80);
			const undo = rows.findLastIndex((row) => row.trim() === 'Undo:');
			// Before: "Undo: Invoke-Command ... { Disable-WSManCredSSP" and "-Role Server }" as prose.
			expect(undo).toBeGreaterThan(-1);
			const command = commandRowsAt(rows, undo + 1, 60);
			expect(asConsoleReadsIt(command)).toBe(
				'Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Disable-WSManCredSSP -Role Server }',
			);
			terminal?.press('C-c');
		});

		test('60 columns: the summary gives each next command rows of its own under its words, cut the same way', async () => {
			state = stateFolder();
			terminal = start({
				cols: 60,
				rows: 60,
				args: ['--lab', 'classic', '--method', 'using-cred'],
				env: {DOUBLEHOP_STATE_DIR: state, NO_COLOR: '1'},
			});
			await drive(terminal, classicQuestions.slice(0, 5));
			await terminal.answer('to prove it? [y/N]', 'y');
			expect(await terminal.exitCode()).toBe(0);
			const rows = terminal.history().split('\n');
			const next = rows.indexOf('Next:');
			expect(next).toBeGreaterThan(-1);
			// Before: "  - Then: Invoke-Command -ComputerName hyperv1.contoso.com" and the rest of the
			// command broken as prose, which a console runs as two broken statements.
			expect(rows.slice(next + 1, next + 4)).toEqual([
				'  - At your console:',
				"    PS> $cred = Get-Credential 'CONTOSO\\admin'",
				'  - Then:',
			]);
			const command = commandRowsAt(rows, next + 4, 60);
			expect(command.length).toBeGreaterThan(1);
			expect(asConsoleReadsIt(command)).toBe(
				'Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Get-VM -ComputerName hyperv2.contoso.com -Credential $using:cred }',
			);
		});

		test.each([40, 45, 60])(
			'%i columns: the delegation list Get-WSManCredSSP reads is cut after a comma, every entry whole on its row',
			async (cols) => {
				const rows = await classicUpTo('Which method?', cols, 60, 'existing-delegation');
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
			// The diagnosis finds Group Policy in the way, and the run ends.
			const {rows} = await openingQuestionsOf('gpo-client', 40);
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

		test('--tree at 40 columns: every line of the tree fits, a branch hangs under its text', async () => {
			terminal = start({cols: 40, rows: 30, args: ['--tree'], env: {NO_COLOR: '1'}});
			expect(await terminal.exitCode()).toBe(0);
			const lines = terminal.joinedHistory().split('\n');
			const tree = lines.slice(0, lines.indexOf('```mermaid'));
			expect(tree.length).toBeGreaterThan(50);
			// Before: lines of up to 190 characters, broken by the terminal mid-word at the margin.
			expect(tree.filter((line) => line.length > 40)).toEqual([]);
			const branch = tree.findIndex((line) => line.startsWith('   - wrong password or account'));
			expect(tree[branch + 1]).toMatch(/^ {5}\S/);
		});
	},
);
