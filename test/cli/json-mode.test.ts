// --json: no prompts, one JSON document on stdout that matches the published schema, and the
// documented exit codes. The password arrives on stdin only.
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {runJsonDocument} from '../helpers/json-run.js';

const run = (args: string[], input: string) =>
	runJsonDocument(['--json', ...args], {
		input,
		stateDir: mkdtempSync(join(tmpdir(), 'doublehop-json-')),
		timeout: 10_000,
	});

describe('--json', () => {
	test('diagnosis only: reports the needed changes, changes nothing, exits 1', () => {
		const {code, report} = run(['--lab', 'classic', '--password-stdin'], 'Passw0rd!\n');
		expect(code).toBe(1);
		expect(report.verdict).toBe('needs-changes');
		expect(report.exitCode).toBe(1);
		expect(report.changes).toEqual([]);
		const failing = report.steps.find((s: {stage: string}) => s.stage === 'second-hop');
		expect(failing.error.fullyQualifiedErrorId).toBe(
			'AccessDenied,Microsoft.HyperV.PowerShell.Commands.GetVMCommand',
		);
		expect(report.leftUndone[0]).toContain('Enable-WSManCredSSP -Role Client');
		// A CI job reads what to add to make them.
		// CredSSP is only --json's default: the method that changes nothing is named beside it.
		expect(report.nextSteps).toEqual([
			'To make them: run the same command again with --yes --steps client,server (added to any --steps it has).',
			'Or change nothing: the same command with --method using-cred --yes runs your command with $using:cred (recommended here).',
		]);
		const chosen = run(
			['--lab', 'classic', '--password-stdin', '--method', 'credssp'],
			'Passw0rd!\n',
		);
		expect(chosen.report.nextSteps).toEqual([
			'To make them: run the same command again with --yes --steps client,server (added to any --steps it has).',
		]);
	});

	test("an HTTPS-only first hop: 'next time' is this run's own command with --use-ssl", () => {
		const {report} = run(['--lab', 'https-only', '--password-stdin'], 'Passw0rd!\n');
		const details = (report.steps as {details: string[]}[]).flatMap((step) => step.details);
		// Before: "doublehop --use-ssl", which on this lab runs against real PowerShell instead.
		// A --json run's own command: --json and the password as it took it.
		expect(details).toContain(
			'Next time, start with: doublehop --lab https-only --json --password-stdin --use-ssl',
		);
	});

	test('--yes without --steps: refused before anything runs, with the steps to name, exit 2', () => {
		const {code, report} = run(['--lab', 'classic', '--password-stdin', '--yes'], 'Passw0rd!\n');
		// Before: the run went through, changed nothing and ended "needs changes" (exit 1), silent
		// about --steps.
		expect(code).toBe(2);
		expect(report.verdict).toBe('error');
		expect(report.changes).toEqual([]);
		expect(report.headline).toContain(
			'--yes makes only the changes --steps names, and it names none',
		);
		expect(report.headline).toContain('Add --steps client,server');
	});

	test.each([
		['fix', ['--lab', 'classic', '--password-stdin', '--steps', 'client,server']],
		['undo', ['undo', '--lab', 'classic', '--password-stdin', '--steps', 'client']],
	])('%s: --steps without --yes is refused before anything runs, exit 2', (_mode, args) => {
		const {code, report} = run(args, 'Passw0rd!\n');
		// Before: --steps was silently ignored; the run changed nothing and ended "needs changes".
		expect(code).toBe(2);
		expect(report.verdict).toBe('error');
		expect(report.changes).toEqual([]);
		expect(report.headline).toContain('--steps names the changes --yes may make');
		expect(report.headline).toContain('add --yes');
	});

	test('with --yes and named steps: makes exactly those changes and exits 0', () => {
		const {code, report} = run(
			['--lab', 'classic', '--password-stdin', '--yes', '--steps', 'client,server'],
			'Passw0rd!\n',
		);
		expect(code).toBe(0);
		expect(report.verdict).toBe('fixed');
		expect(report.changes.map((c: {stage: string}) => c.stage)).toEqual(['client', 'server']);
	});

	test('--yes with only the client step stops before the server change, exit 1', () => {
		const {code, report} = run(
			['--lab', 'classic', '--password-stdin', '--yes', '--steps', 'client'],
			'Passw0rd!\n',
		);
		expect(code).toBe(1);
		expect(report.changes.map((c: {stage: string}) => c.stage)).toEqual(['client']);
		expect(report.steps.at(-1).title).toContain('Not made without --yes --steps server');
	});

	test('already working: exit 0 and no changes', () => {
		const {code, report} = run(['--lab', 'already-working', '--password-stdin'], 'Passw0rd!\n');
		expect(code).toBe(0);
		expect(report.verdict).toBe('already-fixed');
	});

	test('blocked by Group Policy: exit 2', () => {
		const {code, report} = run(['--lab', 'gpo-client', '--password-stdin'], 'Passw0rd!\n');
		expect(code).toBe(2);
		expect(report.verdict).toBe('blocked');
	});

	test('no password on stdin: a clear error document, exit 2, nothing asked', () => {
		const {code, report, stdout} = run(['--lab', 'classic'], '');
		expect(code).toBe(2);
		expect(report.verdict).toBe('error');
		expect(report.headline).toContain('--password-stdin');
		expect(stdout.trim().startsWith('{')).toBe(true);
	});

	test('a malformed host name in a flag: refused by name, exit 2', () => {
		const {code, report} = run(
			['--lab', 'classic', '--password-stdin', '--hop1', 'bad name;x'],
			'Passw0rd!\n',
		);
		expect(code).toBe(2);
		expect(report.headline).toMatch(/^--hop1: /);
	});

	test('--hop2 naming the first hop itself: refused by name before any host is asked, exit 2', () => {
		const {code, report} = run(
			[
				'--lab',
				'classic',
				'--password-stdin',
				'--hop1',
				'hyperv1.contoso.com',
				'--hop2',
				'hyperv1',
			],
			'Passw0rd!\n',
		);
		expect(code).toBe(2);
		expect(report.verdict).toBe('error');
		expect(report.headline).toMatch(/^--hop2: hyperv1 is the first hop itself: /);
		expect(report.steps.map((step: {stage: string}) => step.stage)).not.toContain('first-hop');
	});

	test("--hop2 the short --hop1's own full name: refused once step 3 reads hop 1's name, exit 2", () => {
		const {code, report} = run(
			[
				'--lab',
				'classic',
				'--password-stdin',
				'--hop1',
				'hyperv1',
				'--hop2',
				'hyperv1.contoso.com',
			],
			'Passw0rd!\n',
		);
		// Before: "already-works", exit 0: a CI gate passed on a command that never left hyperv1.
		expect(code).toBe(2);
		expect(report.verdict).toBe('error');
		expect(report.headline).toMatch(
			/^--hop2: hyperv1\.contoso\.com is the first hop itself: hyperv1 is hyperv1\.contoso\.com, /,
		);
		const stages = report.steps.map((step: {stage: string}) => step.stage);
		expect(stages).toContain('first-hop');
		expect(stages).not.toContain('second-hop');
		expect(report.changes).toEqual([]);
	});

	test("a workgroup first hop's name has no domain: a full second hop with its label is still tried", () => {
		const {report} = run(
			[
				'--lab',
				'workgroup-first-hop',
				'--password-stdin',
				'--yes',
				'--steps',
				'trusted-hosts',
				'--hop2',
				'lab-hv1.fabrikam.com',
			],
			'Passw0rd!\n',
		);
		// lab-hv1 says it is "lab-hv1" (no domain): lab-hv1.fabrikam.com may be another machine.
		expect(report.headline).not.toContain('the first hop itself');
		expect(report.steps.map((step: {stage: string}) => step.stage)).toContain('second-hop');
	});
});

describe('--json on a first hop that listens only over HTTPS', () => {
	type Step = {stage: string; status: string; title: string; command?: string};
	type Change = {stage: string; command: string; undoCommand: string};

	test('5986 found on its own: said in the steps, every session with -UseSSL, fixed, exit 0', () => {
		const {code, report} = run(
			['--lab', 'https-only', '--password-stdin', '--yes', '--steps', 'client,server'],
			'Passw0rd!\n',
		);
		expect(code).toBe(0);
		expect(report.verdict).toBe('fixed');
		const steps = report.steps as Step[];
		const found = steps.find((s) => s.title.includes('answers only over HTTPS'));
		expect(found?.status).toBe('info');
		const server = (report.changes as Change[]).find((c) => c.stage === 'server');
		expect(server?.command).toBe(
			'Invoke-Command -ComputerName hyperv1.contoso.com -UseSSL -Credential $cred -ScriptBlock { Enable-WSManCredSSP -Role Server -Force }',
		);
		expect(server?.undoCommand).toContain(
			'Invoke-Command -ComputerName hyperv1.contoso.com -UseSSL',
		);
		expect(steps.at(-1)?.command).toContain('-UseSSL -Credential $cred -Authentication CredSSP');
	});

	test('--use-ssl: the first session is already -UseSSL, so nothing is found on the way', () => {
		const {code, report} = run(
			['--lab', 'https-only', '--use-ssl', '--password-stdin'],
			'Passw0rd!\n',
		);
		expect(code).toBe(1);
		const steps = report.steps as Step[];
		expect(steps.some((s) => s.title.includes('answers only over HTTPS'))).toBe(false);
		expect(steps.find((s) => s.stage === 'first-hop')?.command).toContain(
			'Invoke-Command -ComputerName hyperv1.contoso.com -UseSSL',
		);
	});

	test('an untrusted certificate: failed, exit 2, the reason and the fixes, skipping the check named as no fix', () => {
		const {code, report} = run(['--lab', 'https-untrusted', '--password-stdin'], 'Passw0rd!\n');
		expect(code).toBe(2);
		expect(report.verdict).toBe('failed');
		expect(report.headline).toBe("This machine refuses hyperv1.contoso.com's HTTPS certificate");
		expect(report.details[0]).toBe(
			'The SSL certificate is signed by an unknown certificate authority.',
		);
		expect(report.nextSteps.at(-1)).toMatch(/^Not a fix: New-PSSessionOption -SkipCACheck/);
		expect(report.changes).toEqual([]);
	});
});

describe('--json and a first hop Kerberos cannot find (a typo, or outside the domain)', () => {
	test('--yes --steps trusted-hosts takes the name as given, and the entry is made for it', () => {
		const {report} = run(
			['--lab', 'workgroup-first-hop', '--password-stdin', '--yes', '--steps', 'trusted-hosts'],
			'Passw0rd!\n',
		);
		expect(report.verdict).not.toBe('error');
		expect(report.changes.map((c: {setting: string}) => c.setting)).toContain('TrustedHosts');
	});
});
