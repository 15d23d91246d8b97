// Ctrl+C while a call is running, in a real terminal: the process is gone within 2 s with exit
// code 130, no PowerShell is left behind, and the journal marks the change whose call was cut
// short, so the next start says it may or may not have been made and undo still restores the lab.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, readdirSync, realpathSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {labFileName} from '../../source/cli/paths.js';
import {powerShellTree, stillRunning} from '../helpers/processes.js';
import {noPwshReason, pwsh} from '../powershell/pwsh.js';
import {
	classicQuestions,
	drive,
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

/** The classic lab with one slow call, as a scenario file of its own. */
function slowClassic(slowCalls: Record<string, {seconds: number; madeFirst?: boolean}>): string {
	const scenario = JSON.parse(
		readFileSync(resolve('source/hosts/lab/scenarios/classic.json'), 'utf8'),
	) as Record<string, unknown>;
	const file = join(mkdtempSync(join(tmpdir(), 'dh-slow-')), 'classic-slow.json');
	writeFileSync(file, JSON.stringify({...scenario, slowCalls}));
	return file;
}

type JournalLine = {type: string; id?: string; change?: {id: string; stage: string}};

function journal(state: string): JournalLine[] {
	const folder = join(state, 'journal');
	return readdirSync(folder).flatMap((name) =>
		readFileSync(join(folder, name), 'utf8')
			.split('\n')
			.filter(Boolean)
			.map((line) => JSON.parse(line) as JournalLine),
	);
}

/** Presses Ctrl+C and returns the exit code and how long the program took to end after it. */
async function pressCtrlC(running: Terminal): Promise<{code: number; ms: number}> {
	const pressed = Date.now();
	running.press('C-c');
	const code = await running.exitCode(10_000);
	return {code, ms: Date.now() - pressed};
}

describe.skipIf(missing !== undefined)(
	`Ctrl+C during a running call, in a real terminal${missing ? ` (skipped: ${missing})` : ''}`,
	() => {
		test('on the lab, while the server change runs: exit 130 at once; the next start says it may or may not have been made, and undo restores the lab', async () => {
			const state = stateFolder();
			// Windows' Enable-WSManCredSSP writes its setting, then polls policy for up to 60 s.
			const lab = slowClassic({enableServerCredSsp: {seconds: 60, madeFirst: true}});
			terminal = start({
				cols: 100,
				rows: 30,
				args: ['--lab', lab],
				env: {DOUBLEHOP_STATE_DIR: state},
			});
			await drive(terminal, classicQuestions, 'Create an HTTPS listener');
			await terminal.waitFor('Waiting for hyperv1.contoso.com');
			const {code, ms} = await pressCtrlC(terminal);
			expect(code).toBe(130);
			expect(ms).toBeLessThanOrEqual(2000);
			expect(fold(terminal.history())).toContain(
				'WinRM service CredSSP on hyperv1.contoso.com was interrupted while it ran: it may or may not have been made.',
			);
			const serverChange = journal(state).find(
				(line) => line.type === 'change-started' && line.change?.stage === 'server',
			);
			expect(journal(state)).toContainEqual(
				expect.objectContaining({type: 'change-interrupted', id: serverChange?.change?.id}),
			);
			terminal.close();

			terminal = start({
				cols: 100,
				rows: 40,
				args: ['--lab', lab],
				env: {DOUBLEHOP_STATE_DIR: state},
			});
			const offer = fold(await terminal.waitForPrompt('Resume or undo? [r/u]'));
			expect(offer).toContain(
				'hyperv1.contoso.com: WinRM service CredSSP: off -> on (interrupted while it ran)',
			);
			expect(offer).toContain(
				"WinRM service CredSSP on hyperv1.contoso.com was interrupted while it ran: it may or may not have been made. Undo checks the machine's state first",
			);
			terminal.type('u');
			terminal.press('Enter');
			await drive(terminal, classicQuestions.slice(3, 5));
			for (;;) {
				const screen = await terminal.waitFor(/Undo this change on .*\[y\/N\] █?\s*$|Result:/);
				if (screen.includes('Result:')) break;
				terminal.type('y');
				terminal.press('Enter');
				await terminal.waitFor(/Undone: [^\n]*\n(?:.*\n)*.*(Undo this change|Result:)/);
			}
			expect(await terminal.exitCode()).toBe(0);
			expect(terminal.screen()).toContain('Result: UNDONE.');
			expect(labMachines(state, labFileName(realpathSync(lab)))).toEqual(scenarioMachines());
		});

		test('on the lab, the first change interrupted as it ran: the summary lists it as perhaps made, not "Nothing on any machine was changed", with the undo', async () => {
			const state = stateFolder();
			const lab = slowClassic({enableClientCredSsp: {seconds: 60, madeFirst: true}});
			terminal = start({
				cols: 100,
				rows: 40,
				args: ['--lab', lab],
				env: {DOUBLEHOP_STATE_DIR: state},
			});
			await drive(terminal, classicQuestions, 'Make this change on hyperv1');
			await terminal.waitFor('Waiting for ADMIN-WS');
			expect((await pressCtrlC(terminal)).code).toBe(130);
			// It was made: the summary must not say that nothing was.
			expect(labMachines(state, labFileName(realpathSync(lab)))['admin-ws']?.credssp.client).toBe(
				true,
			);
			const end = fold(terminal.history());
			expect(end).not.toContain('Nothing on any machine was changed');
			expect(end).toContain(
				'Changes made: - ADMIN-WS (this machine): CredSSP client and delegation list: CredSSP off; list: (empty) -> CredSSP on; list: wsman/hyperv1.contoso.com (interrupted while it ran: it may or may not have been made)',
			);
			expect(end).not.toMatch(/Left undone:[^]*Allow delegation on this client/);
			expect(end).toMatch(
				/Next: - To take back the change made: PS> doublehop undo --lab '\S*classic-slow\.json'/,
			);
		});

		test('on the lab, a change interrupted before it was made: undo finds nothing there and still ends with the lab as it was', async () => {
			const state = stateFolder();
			const lab = slowClassic({enableServerCredSsp: {seconds: 60}});
			terminal = start({
				cols: 100,
				rows: 30,
				args: ['--lab', lab],
				env: {DOUBLEHOP_STATE_DIR: state},
			});
			await drive(terminal, classicQuestions, 'Create an HTTPS listener');
			await terminal.waitFor('Waiting for hyperv1.contoso.com');
			expect((await pressCtrlC(terminal)).code).toBe(130);
			expect(labMachines(state, labFileName(realpathSync(lab)))['hyperv1']?.credssp.server).toBe(
				false,
			);
			terminal.close();

			terminal = start({
				cols: 100,
				rows: 40,
				args: ['undo', '--lab', lab],
				env: {DOUBLEHOP_STATE_DIR: state},
			});
			await drive(terminal, classicQuestions.slice(3, 5));
			const first = fold(
				await terminal.waitForPrompt('Undo this change on hyperv1.contoso.com? [y/N]'),
			);
			expect(first).toContain(
				'WinRM service CredSSP: not read yet: the change was interrupted while it ran, so it is on or still off',
			);
			terminal.type('y');
			terminal.press('Enter');
			await terminal.answer('Undo this change on ADMIN-WS (this machine)? [y/N]', 'y');
			expect(await terminal.exitCode()).toBe(0);
			expect(terminal.screen()).toContain('Result: UNDONE.');
			expect(labMachines(state, labFileName(realpathSync(lab)))).toEqual(scenarioMachines());
		});

		test.skipIf(pwsh === undefined)(
			`on real pwsh with the lab stubs, while Invoke-Command hangs: exit 130 within 2 s and no PowerShell left${pwsh === undefined ? ` (skipped: ${noPwshReason})` : ''}`,
			async () => {
				const state = stateFolder();
				const lab = join(state, 'classic.json');
				writeFileSync(lab, readFileSync(resolve('source/hosts/lab/scenarios/classic.json')));
				const marker = join(state, 'marker');
				terminal = start({
					cols: 100,
					rows: 30,
					program: [
						process.execPath,
						'--import',
						'tsx',
						resolve('test/tools/interrupt-harness.ts'),
					],
					args: [lab, state, marker],
					env: {DOUBLEHOP_STUB_HANG_SECONDS: '60'},
				});
				await terminal.answer('Password for CONTOSO\\admin (hidden):', labPassword);
				await terminal.waitFor('Waiting for hyperv1.contoso.com', 20_000);
				// The harness is the child of the pane's shell, whose command line holds this test's folder.
				const shell = execFileSync('pgrep', ['-f', `^sh -c .*${marker}`], {
					encoding: 'utf8',
				}).trim();
				const harness = execFileSync('pgrep', ['-P', shell], {encoding: 'utf8'}).trim();
				const powershell = powerShellTree(harness);
				expect(powershell.length).toBeGreaterThanOrEqual(1);
				const {code, ms} = await pressCtrlC(terminal);
				expect(code).toBe(130);
				expect(ms).toBeLessThanOrEqual(2000);
				expect(stillRunning(powershell)).toBe('');
				expect(terminal.screen()).toContain('Result: INTERRUPTED.');
			},
			30_000,
		);
	},
);
