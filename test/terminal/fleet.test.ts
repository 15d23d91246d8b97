// Many first hops in a real terminal (tmux): the built CLI with --hop1 as a list, driven by keys,
// to the result table and its exit code; then undo --hop1 for one host in the same terminal.
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, test} from 'vitest';
import {
	asConsoleReadsIt,
	commandRowsAt,
	fold,
	labMachines,
	labPassword,
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
	`many first hops in a real terminal${missing ? ` (skipped: ${missing})` : ''}`,
	() => {
		const state = stateFolder();
		// The one-host undo the first run names, run as printed by the undo test.
		let printedUndo: string | undefined;
		afterAll(() => rmSync(state, {recursive: true, force: true}));

		test('--hop1 a,b,c: the table, one question per kind of change, results, exit 0', async () => {
			terminal = start({
				cols: 100,
				rows: 30,
				args: ['--lab', 'fleet', '--hop1', 'hv05.contoso.com,hv13.contoso.com,hv01.contoso.com'],
				env: {DOUBLEHOP_STATE_DIR: state},
			});
			await terminal.answer('User name', '');
			await terminal.answer('Password for CONTOSO\\admin', labPassword);
			await terminal.answer("Add this host to this machine's delegation list?", 'y');
			await terminal.answer('Enable the CredSSP server role on these 2 hosts?', 'y');
			expect(await terminal.exitCode()).toBe(0);
			const seen = fold(terminal.joinedHistory());
			expect(seen).toMatch(
				/2 hv13\.contoso\.com needs both not in the delegation list; server role off/,
			);
			expect(seen).toMatch(/2 hv13\.contoso\.com FIXED/);
			expect(seen).toContain('Result: FIXED. 3 first hops: 2 fixed, 1 already working');
			expect(terminal.modesRestored()).toBe(true);
			expect(labMachines(state, 'fleet').hv13?.credssp.server).toBe(true);
			printedUndo = seen.match(/PS> (doublehop undo --lab fleet --hop1 \S+)/)?.[1];
		});

		test('a narrow terminal: each host row keeps its columns, the cause and plan on a line under it', async () => {
			terminal = start({
				cols: 60,
				rows: 30,
				args: ['--lab', 'fleet', '--dry-run', '--hop1', 'hv13.contoso.com,hv01.contoso.com'],
				env: {DOUBLEHOP_STATE_DIR: stateFolder()},
			});
			await terminal.answer('User name', '');
			await terminal.answer('Password for CONTOSO\\admin', labPassword);
			await terminal.waitForPrompt("Add this host to this machine's delegation list?");
			const rows = terminal.joinedHistory().split('\n');
			const at = rows.findIndex((row) => /^1\s+hv13\.contoso\.com\s+needs both$/.test(row));
			// Before: the row ran on past 60 columns and was broken wherever a word ended.
			expect(at).toBeGreaterThan(-1);
			expect(rows[at + 1]).toMatch(/^ {6}not in the delegation list; server role off;/);
			expect(rows.every((row) => row.length <= 60)).toBe(true);
			terminal.press('C-c');
		});

		test('60 columns: a command is cut where a console still reads it as one (after a comma in a list of names), and each next command has rows of its own', async () => {
			terminal = start({
				cols: 60,
				rows: 40,
				args: ['--lab', 'fleet'],
				env: {DOUBLEHOP_STATE_DIR: stateFolder(), NO_COLOR: '1'},
			});
			await terminal.answer('User name', '');
			await terminal.answer('Password for CONTOSO\\admin', labPassword);
			await terminal.answer("Add these 10 hosts to this machine's delegation list?", 'y');
			await terminal.answer('Enable the CredSSP server role on these 10 hosts?', 'y');
			await terminal.exitCode();
			const rows = terminal.history().split('\n');
			const first = rows.findIndex((row) => row.startsWith('  PS> Enable-WSManCredSSP'));
			expect(first).toBeGreaterThan(-1);
			const command = commandRowsAt(rows, first, 60);
			// Before: one 207-character word broken as prose, in the middle of host names.
			expect(command.length).toBeGreaterThan(2);
			const hosts = Array.from(
				{length: 10},
				(_, index) => `hv${String(index + 9).padStart(2, '0')}.contoso.com`,
			);
			// As a console reads the rows, where "a, b" is the same list as "a,b".
			expect(asConsoleReadsIt(command).replace(/, /g, ',')).toBe(
				`Enable-WSManCredSSP -Role Client -DelegateComputer ${hosts.join(',')} -Force`,
			);
			// A real host's name: a `<name>` placeholder pasted as printed is a PowerShell parse error.
			const takeBack = rows.indexOf("Next: To take back one host's changes, name it (here");
			expect(takeBack).toBeGreaterThan(-1);
			// Its second row hangs under its text, after "Next: ".
			expect(rows.slice(takeBack + 1, takeBack + 5)).toEqual([
				'      hv09.contoso.com):',
				'  PS> doublehop undo --lab fleet --hop1 hv09.contoso.com',
				'Next: All of them:',
				'  PS> doublehop undo --lab fleet',
			]);
			// hv21, where nothing answers on the port, is checked as its own line says, not with Test-WSMan.
			const check = rows.findIndex((row) => row.startsWith("Next: Nothing answered on WinRM's"));
			expect(check).toBeGreaterThan(-1);
			const ps = rows.findIndex((row, index) => index > check && row.startsWith('  PS> '));
			expect(asConsoleReadsIt(commandRowsAt(rows, ps, 60))).toBe(
				'Test-NetConnection -ComputerName hv21.contoso.com -Port 5985',
			);
		});

		test('70 columns, WinRM stopped here: the undo of its start is a command cut at a space, its rows indented and ending in a continuation', async () => {
			const folder = stateFolder();
			// The fleet lab on a workstation just restarted: its Manual WinRM service is stopped.
			const lab = JSON.parse(
				readFileSync(
					join(import.meta.dirname, '../../source/hosts/lab/scenarios/fleet.json'),
					'utf8',
				),
			);
			lab.machines['admin-ws'].winrmRunning = false;
			lab.machines['admin-ws'].winrmStartType = 'Manual';
			const file = join(folder, 'fleet-winrm-stopped.json');
			writeFileSync(file, JSON.stringify(lab));
			terminal = start({
				cols: 70,
				rows: 40,
				args: ['--lab', file, '--hop1', 'hv05.contoso.com,hv13.contoso.com'],
				env: {DOUBLEHOP_STATE_DIR: join(folder, 'state'), NO_COLOR: '1'},
			});
			await terminal.answer('User name', '');
			await terminal.waitForPrompt('Start the WinRM service on ADMIN-WS? [y/n]');
			const rows = terminal.history().split('\n');
			const undo = rows.indexOf('Undo:');
			expect(undo).toBeGreaterThan(-1);
			// Before: "Undo: if ((Get-Service WinRM).StartType -eq 'Manual') { Stop-Service" and
			// "WinRM }" at the margin: two rows a console runs as two broken commands.
			const command = commandRowsAt(rows, undo + 1, 70);
			expect(command.length).toBeGreaterThan(1);
			expect(rows[undo + 2]).toMatch(/^ {6}\S/);
			expect(asConsoleReadsIt(command)).toBe(
				"if ((Get-Service WinRM).StartType -eq 'Manual') { Stop-Service WinRM }",
			);
			terminal.press('C-c');
			// Its transcript is written on the way out: removed once the run has ended, not during.
			await terminal.exitCode();
			rmSync(folder, {recursive: true, force: true});
		});

		test("the one-host undo the run names, run as printed: only that host's changes are offered and taken back", async () => {
			expect(printedUndo).toBe('doublehop undo --lab fleet --hop1 hv13.contoso.com');
			terminal = start({
				cols: 100,
				rows: 30,
				args: printedUndo!.split(' ').slice(1),
				env: {DOUBLEHOP_STATE_DIR: state},
			});
			await terminal.answer('User name [CONTOSO\\admin]', '');
			await terminal.answer('Password for CONTOSO\\admin', labPassword);
			await terminal.answer('Undo this change on hv13.contoso.com?', 'y');
			await terminal.answer('Undo this change on ADMIN-WS', 'y');
			expect(await terminal.exitCode()).toBe(0);
			const lab = labMachines(state, 'fleet');
			expect(lab.hv13?.credssp.server).toBe(false);
			expect(lab.hv05?.credssp.server).toBe(true);
			expect(lab['admin-ws']?.allowFreshCredentials).not.toContain('wsman/hv13.contoso.com');
		});

		test('an earlier run stopped part-way: undo at the offer hands over to the undo questions, and the lab is as it started', async () => {
			const folder = stateFolder();
			const args = ['--lab', 'fleet', '--hop1', 'hv05.contoso.com,hv13.contoso.com'];
			terminal = start({cols: 100, rows: 30, args, env: {DOUBLEHOP_STATE_DIR: folder}});
			await terminal.answer('User name', '');
			await terminal.answer('Password for CONTOSO\\admin', labPassword);
			await terminal.answer("Add this host to this machine's delegation list?", 'y');
			await terminal.waitForPrompt('Enable the CredSSP server role on these 2 hosts?');
			terminal.press('C-c');
			expect(await terminal.exitCode()).toBe(130);
			terminal.close();
			terminal = start({cols: 100, rows: 30, args, env: {DOUBLEHOP_STATE_DIR: folder}});
			await terminal.answer('Resume or undo? [r/u]', 'u');
			await terminal.answer('Undo this change on ADMIN-WS', 'y');
			expect(await terminal.exitCode()).toBe(0);
			const seen = fold(terminal.joinedHistory());
			expect(seen).toMatch(
				/A run started \d{4}-\d\d-\d\d \d\d:\d\d \(UTC[+-]\d\d:\d\d\) stopped part-way after these changes:/,
			);
			expect(seen).toContain(
				'hv13.contoso.com (1 change): delegation entry on ADMIN-WS (this machine)',
			);
			expect(seen).toContain('Result: UNDONE.');
			// The fleet screen said what this is; the undo questions after it do not say it again.
			expect(seen.split('Simulated lab: the password for CONTOSO\\admin is').length - 1).toBe(1);
			expect(seen).not.toContain('doublehop: PowerShell remoting double hop, step by step');
			expect(terminal.modesRestored()).toBe(true);
			expect(labMachines(folder, 'fleet')).toEqual(scenarioMachines('fleet'));
			rmSync(folder, {recursive: true, force: true});
		});
	},
);
