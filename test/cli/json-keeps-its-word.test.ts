// --json keeps its word: every run prints exactly one document valid against the shipped schema,
// whatever happens (bad flags, an unknown scenario, no PowerShell, nothing to undo), and the
// verdict never claims what did not happen (an undo without --yes undoes nothing and says so).
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {expectValidDocument, runCli, runJsonDocument} from '../helpers/json-run.js';
import {pwsh} from '../powershell/pwsh.js';

const root = join(import.meta.dirname, '../..');
const password = 'Passw0rd!\n';
// Against the schema the build ships (dist/result.schema.json): the one a CI job's document names.
const run = (args: string[], input: string, stateDir: string) =>
	runJsonDocument(args, {input, stateDir, timeout: 15_000, schema: 'shipped'});
const freshState = () => mkdtempSync(join(tmpdir(), 'doublehop-json-word-'));

describe('undo --json', () => {
	test('without --yes: undoes nothing, reports both changes still in place, exit 1', () => {
		const state = freshState();
		const fix = run(
			['--lab', 'classic', '--json', '--password-stdin', '--yes', '--steps', 'client,server'],
			password,
			state,
		);
		expect(fix.report.verdict).toBe('fixed');

		const undo = run(['undo', '--lab', 'classic', '--json', '--password-stdin'], password, state);
		expect(undo.code).toBe(1);
		expect(undo.report.exitCode).toBe(1);
		expect(undo.report.verdict).not.toBe('undone');
		expect(undo.report.verdict).toBe('declined');
		expect(undo.report.changes).toEqual([]);
		const left = undo.report.leftUndone as string[];
		// What is there now, in the journal's order; never "off -> on", which reads as an action.
		expect(left).toEqual([
			'ADMIN-WS (this machine): CredSSP client and delegation list: still CredSSP on; list: wsman/hyperv1.contoso.com (was CredSSP off; list: (empty))',
			'hyperv1.contoso.com: WinRM service CredSSP: still on (was off)',
		]);
		expect(undo.report.nextSteps as string[]).toEqual([
			expect.stringContaining('doublehop undo --lab classic --json --yes'),
		]);

		// Still in place: a diagnosis afterwards finds the double hop fixed.
		const after = run(['--lab', 'classic', '--json', '--password-stdin'], password, state);
		expect(after.report.verdict).toBe('already-fixed');
		// And an undo with --yes still finds both to take back.
		const undoYes = run(
			['undo', '--lab', 'classic', '--json', '--password-stdin', '--yes'],
			password,
			state,
		);
		expect(undoYes.code).toBe(0);
		expect(undoYes.report.verdict).toBe('undone');
		expect(undoYes.report.changes).toHaveLength(2);
		// Each step numbered as the screen numbers it: the changes as "Undo 1 of 2", "Undo 2 of 2";
		// the check of this shell, which the undo screen does not number, 0 (before: every undo 0,
		// and the check 1, the fix's "Step 1 of 10").
		const steps = undoYes.report.steps as {step: number; stage: string}[];
		expect(steps.map(({step, stage}) => `${step} ${stage}`)).toEqual([
			'0 preflight',
			'1 undo',
			'2 undo',
		]);
		// Each change taken back names the command that ran: the undo, not the change it took back.
		const server = (undoYes.report.changes as {command: string; undoCommand: string}[]).find(
			(change) => change.command.includes('-Role Server'),
		);
		expect(server?.command).toContain('Disable-WSManCredSSP -Role Server');
		expect(server?.undoCommand).toContain('Enable-WSManCredSSP -Role Server');
	});

	test('without --yes, one change in place: its next step says "To take it back"', () => {
		const state = freshState();
		run(
			['--lab', 'classic', '--json', '--password-stdin', '--yes', '--steps', 'client'],
			password,
			state,
		);
		const undo = run(['undo', '--lab', 'classic', '--json', '--password-stdin'], password, state);
		expect(undo.report.leftUndone).toHaveLength(1);
		expect(undo.report.nextSteps).toEqual([
			// As this undo took its password (--password-stdin), so it works as written.
			expect.stringMatching(
				/^To take it back: doublehop undo --lab classic .*--json --yes --password-stdin$/,
			),
		]);
	});

	test('with nothing to undo: a JSON document that says so, exit 0', () => {
		const {code, report} = run(['undo', '--lab', 'classic', '--json'], '', freshState());
		expect(code).toBe(0);
		expect(report.verdict).toBe('nothing-to-undo');
		expect(report.headline).toContain('Nothing to undo');
		expect(report.changes).toEqual([]);
		expect(report.steps).toEqual([]);
	});
});

describe('setup errors under --json: one failed document with the message, exit 2', () => {
	test.each([
		[['--lab', 'classic', '--connect-timeout', 'abc'], '--connect-timeout takes whole seconds'],
		[['--lab', 'classic', '--steps', 'nope'], '--steps takes winrm, client, server, listener'],
		[['--lab', 'no-such-scenario'], 'No lab scenario named "no-such-scenario"'],
		[['--powershell', '/nonexistent/pwsh'], 'No PowerShell found'],
		[['--lab', 'classic', '--frobnicate'], 'unknown flag --frobnicate'],
		[['frobnicate', '--lab', 'classic'], 'unknown command "frobnicate"'],
		[['undo', '--lab', 'classic', '--steps', 'nope'], '--steps takes'],
	])('%j', (args, message) => {
		const {code, report, stderr} = run(['--json', ...args], '', freshState());
		expect(code).toBe(2);
		expect(report.exitCode).toBe(2);
		expect(report.verdict).toBe('error');
		expect(report.headline).toContain(message);
		expect(report.changes).toEqual([]);
		expect(report.steps).toEqual([]);
		// And on stderr, for a CI console whose job sent the document to a file.
		expect(stderr).toMatch(/^doublehop: /);
		expect(stderr).toContain(message);
	});

	test('a run stopped for want of an answer (no --password-stdin): the reason on stderr too', () => {
		const {code, report, stderr} = run(
			['--json', '--lab', 'classic', '--yes', '--steps', 'client'],
			'',
			freshState(),
		);
		expect(code).toBe(2);
		expect(report.headline).toBe(
			'Pass the password on standard input with --password-stdin (never as a flag).',
		);
		expect(stderr).toBe(`doublehop: ${String(report.headline)}\n`);
	});

	test('--tree: refused in the document, with the way to see the tree', () => {
		// Before: the text tree and its Mermaid flowchart on stdout, exit 0.
		const {code, report} = run(['--json', '--lab', 'classic', '--tree'], password, freshState());
		expect(code).toBe(2);
		expect(report.headline).toBe(
			'--tree draws the decision tree as text and a Mermaid flowchart; it has no --json form.',
		);
		expect(report.nextSteps).toEqual(['Leave out --json to see the tree: doublehop --tree']);
	});

	test('explain --json --tree: the diagnosis document says the same', () => {
		const result = runCli(['explain', '--json', '--tree', 'Access is denied.'], {
			input: '',
			timeout: 15_000,
		});
		expect(result.code).toBe(2);
		expect(JSON.parse(result.stdout)).toMatchObject({
			status: 'bad-input',
			message:
				'--tree draws the decision tree as text and a Mermaid flowchart; it has no --json form. Leave out --json to see the tree: doublehop --tree',
		});
	});

	test('an unknown secret-like flag: the document never repeats its value', () => {
		const {code, report} = run(
			['--json', '--lab', 'classic', '--password=Hunter2-canary'],
			'',
			freshState(),
		);
		expect(code).toBe(2);
		expect(JSON.stringify(report)).not.toContain('Hunter2-canary');
		expect(report.headline).toContain('--password-stdin');
	});

	test.skipIf(pwsh === undefined)('a missing --hop1 on real PowerShell: one error document', () => {
		const {code, report} = run(
			['--json', '--powershell', pwsh?.executable ?? 'pwsh', '--password-stdin'],
			password,
			freshState(),
		);
		expect(code).toBe(2);
		expect(report.verdict).toBe('error');
		expect(report.headline).toBe('Give --hop1: there is no default for it.');
	});
});

describe('--json interrupted while a change runs', () => {
	test('the change is listed as maybe made, with the undo to run: a CI cleanup that reads changes finds it', async () => {
		const state = freshState();
		const lab = join(state, 'slow.json');
		const classic = JSON.parse(
			readFileSync(join(root, 'source/hosts/lab/scenarios/classic.json'), 'utf8'),
		) as Record<string, unknown>;
		// The change is made at once, then the call hangs (as Enable-WSManCredSSP polls policy).
		const slowCalls = {enableClientCredSsp: {seconds: 60, madeFirst: true}};
		writeFileSync(lab, JSON.stringify({...classic, slowCalls}));
		const child = spawn(
			process.execPath,
			[join(root, 'dist/cli.js'), '--lab', lab, '--json', '--password-stdin', '--yes'].concat([
				'--steps',
				'client,server',
			]),
			{env: {...process.env, DOUBLEHOP_STATE_DIR: state, CI: 'true'}},
		);
		child.stdin.end(password);
		let stdout = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		// The journal announces the change before the call: then it is running.
		const journal = join(state, 'journal');
		for (let waited = 0; waited < 15_000; waited += 100) {
			const announced =
				existsSync(journal) &&
				readdirSync(journal).some((name) =>
					readFileSync(join(journal, name), 'utf8').includes('"change-started"'),
				);
			if (announced) break;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		child.kill('SIGINT');
		const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
		expect(code).toBe(130);
		const report = JSON.parse(stdout) as {
			verdict: string;
			changes: {stage: string; maybeMade?: boolean}[];
			nextSteps: string[];
		};
		expectValidDocument(report, 'shipped');
		expect(report.verdict).toBe('interrupted');
		expect(report.changes).toEqual([expect.objectContaining({stage: 'client', maybeMade: true})]);
		expect(report.nextSteps.join('\n')).toContain('doublehop undo');
	});
});
