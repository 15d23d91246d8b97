// A canary password, unique per run, goes in through the only doors a password has (stdin, the
// masked prompt) and must come out of none: not stdout, stderr, the JSON report, the transcript,
// the journal, any file the run wrote, the child's argv or environment, or any UI frame.
import {spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, relative} from 'node:path';
import {inspect} from 'node:util';
import {render} from 'ink-testing-library';
import {createElement} from 'react';
import {afterAll, describe, expect, test} from 'vitest';
import {setUpRun} from '../../source/cli/run-setup.js';
import {startFlow} from '../../source/flow/runner.js';
import {createTranscript} from '../../source/report/transcript.js';
import {App} from '../../source/ui/app.js';

const root = join(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli.js');
const canary = `Canary-${randomBytes(6).toString('hex')}-Pw!`;
const channels: string[] = [];

// ---- looking for the canary -------------------------------------------------------------

/** The canary as raw text and as it would look encoded by a careless logger. */
const encodings = [canary, Buffer.from(canary).toString('base64'), encodeURIComponent(canary)];

function leaksIn(content: string | Buffer): string[] {
	const buffer = typeof content === 'string' ? Buffer.from(content) : content;
	return encodings.flatMap((form) =>
		[Buffer.from(form, 'utf8'), Buffer.from(form, 'utf16le')]
			.filter((needle) => buffer.includes(needle))
			.map((needle) => `${form} (${needle.length === form.length ? 'utf8' : 'utf16le'})`),
	);
}

/** Checks one channel and records that it was checked. */
function expectNoCanary(channel: string, content: string | Buffer): void {
	channels.push(channel);
	expect(leaksIn(content), `canary found in ${channel}`).toEqual([]);
}

function filesUnder(folder: string): string[] {
	return readdirSync(folder, {withFileTypes: true}).flatMap((entry) => {
		const path = join(folder, entry.name);
		return entry.isDirectory() ? filesUnder(path) : [path];
	});
}

/**
 * The lab keeps its machines AND its account database in its state file, as a domain controller
 * keeps passwords: that copy comes from the scenario file, not from what was typed. Only that
 * field is set aside; the rest of the file is checked like any other.
 */
function withoutLabAccounts(path: string, content: Buffer): {text: Buffer; setAside: number} {
	if (!path.endsWith('.json')) return {text: content, setAside: 0};
	let parsed: unknown;
	try {
		parsed = JSON.parse(content.toString('utf8'));
	} catch {
		return {text: content, setAside: 0};
	}
	const accounts = (parsed as {accounts?: {password?: string}[]}).accounts;
	if (!Array.isArray(accounts) || !('machines' in (parsed as object)))
		return {text: content, setAside: 0};
	let setAside = 0;
	for (const account of accounts) {
		if (account.password === canary) {
			delete account.password;
			setAside++;
		}
	}
	return {text: Buffer.from(JSON.stringify(parsed)), setAside};
}

/** Every file the run wrote under `folder`, except the scenario this test wrote itself. */
function expectNoCanaryInFiles(run: string, folder: string, scenarioPath: string): string[] {
	const files = filesUnder(folder).filter((path) => path !== scenarioPath);
	for (const path of files) {
		const {text, setAside} = withoutLabAccounts(path, readFileSync(path));
		const name = relative(folder, path) + (setAside > 0 ? ' (lab account database set aside)' : '');
		expectNoCanary(`${run} file ${name}`, text);
	}
	return files.map((path) => relative(folder, path));
}

// ---- the scenario -----------------------------------------------------------------------

/** classic.json with the canary as the account's password, so the lab accepts only the canary. */
function writeScenario(folder: string): string {
	const scenario = JSON.parse(
		readFileSync(join(root, 'source/hosts/lab/scenarios/classic.json'), 'utf8'),
	);
	scenario.name = 'canary-classic';
	// The built-in hint shows the lab password on screen; this one must not.
	scenario.hint = 'Simulated lab: the password is the canary under test.';
	for (const account of scenario.accounts) account.password = canary;
	const path = join(folder, 'canary-scenario.json');
	writeFileSync(path, JSON.stringify(scenario, null, 2));
	return path;
}

afterAll(() => {
	console.log(
		`canary: ${channels.length} output channels checked, none holds the password (${channels.join('; ')})`,
	);
});

// ---- (i) the built CLI ------------------------------------------------------------------

function helpText(): Promise<string> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [cli, '--help'], {stdio: ['ignore', 'pipe', 'ignore']});
		let text = '';
		child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
		child.on('close', () => resolve(text));
	});
}

/** /proc/<pid>/{cmdline,environ} of the live child, on Linux; undefined elsewhere. */
function procView(pid: number): {cmdline: Buffer; environ: Buffer} | undefined {
	try {
		return {
			cmdline: readFileSync(`/proc/${pid}/cmdline`),
			environ: readFileSync(`/proc/${pid}/environ`),
		};
	} catch {
		return undefined;
	}
}

describe('canary password through the built CLI (--json --password-stdin --yes)', () => {
	test('appears in no output, no file, no argv and no environment', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'doublehop-canary-cli-'));
		const scenarioPath = writeScenario(folder);
		const stateDir = join(folder, 'state');
		const out = join(folder, 'out');
		// Anything the child writes to a temp dir or a home folder lands here too, and is walked.
		for (const dir of [join(folder, 'tmp'), join(folder, 'home'), out]) mkdirSync(dir);
		// Every channel is required: a flag dropped from --help fails here instead of going unchecked.
		const help = await helpText();
		for (const flag of ['--transcript', '--export', '--export-dsc', '--export-ansible'])
			expect(help, `--help lists ${flag}`).toContain(flag);
		const optional = [
			'--transcript',
			join(out, 'transcript.md'),
			'--export',
			join(out, 'change.ps1'),
			'--export-dsc',
			join(out, 'credssp-dsc.ps1'),
			'--export-ansible',
			join(out, 'credssp.yml'),
		];
		const args = [
			cli,
			'--lab',
			scenarioPath,
			'--json',
			'--password-stdin',
			'--yes',
			'--steps',
			'client,server',
			...optional,
		];
		const env = {
			...process.env,
			DOUBLEHOP_STATE_DIR: stateDir,
			TMPDIR: join(folder, 'tmp'),
			HOME: join(folder, 'home'),
			XDG_STATE_HOME: join(folder, 'home', '.local', 'state'),
			CI: 'true',
		};

		// Precondition, not a channel: the test hands the canary over by stdin only.
		expect(leaksIn(args.join('\0'))).toEqual([]);
		expect(leaksIn(Object.values(env).join('\0'))).toEqual([]);

		const child = spawn(process.execPath, args, {env, stdio: ['pipe', 'pipe', 'pipe']});
		// What the OS shows of the live child (its argv, which a process title rewrites, and its
		// environment), read again and again while it runs, after it has the password.
		const views: {cmdline: Buffer; environ: Buffer}[] = [];
		const watching = setInterval(() => {
			const view = child.pid === undefined ? undefined : procView(child.pid);
			if (view !== undefined) views.push(view);
		}, 2);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
		child.stdin.end(`${canary}\n`);
		const code = await exited;
		clearInterval(watching);

		const report = JSON.parse(stdout);
		// The lab accepts only the canary, so a fixed verdict proves the password went all the way.
		expect(report.verdict, stderr).toBe('fixed');
		expect(code).toBe(0);
		expectNoCanary('cli stdout', stdout);
		expectNoCanary('cli stderr', stderr);
		expectNoCanary('cli JSON report (parsed, re-serialised)', JSON.stringify(report));
		if (views.length > 0) {
			expectNoCanary(
				`cli /proc cmdline (${views.length} reads while it ran)`,
				Buffer.concat(views.map((view) => view.cmdline)),
			);
			expectNoCanary(
				`cli /proc environ (${views.length} reads while it ran)`,
				Buffer.concat(views.map((view) => view.environ)),
			);
		} else
			console.log(
				'canary: /proc not readable here; the live argv and environment were not checked',
			);

		const written = expectNoCanaryInFiles('cli', folder, scenarioPath);
		expect(written.some((path) => path.startsWith('state/journal/'))).toBe(true);
		expect(existsSync(join(out, 'transcript.md'))).toBe(true);
		expect(existsSync(join(out, 'change.ps1'))).toBe(true);
		expect(existsSync(join(out, 'credssp-dsc.ps1'))).toBe(true);
		expect(existsSync(join(out, 'credssp.yml'))).toBe(true);
	});
});

// ---- (ii) the interactive UI ------------------------------------------------------------

async function until(check: () => boolean, what: string, screen: () => string): Promise<void> {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > 5000) throw new Error(`Timed out waiting for ${what}:\n${screen()}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

describe('canary password typed into the interactive UI', () => {
	test('never appears in any frame (only its mask), the transcript, the journal or the state', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'doublehop-canary-ui-'));
		const scenarioPath = writeScenario(folder);
		const stateDir = join(folder, 'state');
		const previous = process.env.DOUBLEHOP_STATE_DIR;
		process.env.DOUBLEHOP_STATE_DIR = stateDir;
		const prepared = await setUpRun({
			lab: scenarioPath,
			labReset: true,
			mode: 'fix',
			dryRun: false,
			inputs: {},
		});
		if (previous === undefined) delete process.env.DOUBLEHOP_STATE_DIR;
		else process.env.DOUBLEHOP_STATE_DIR = previous;
		if (!prepared.ok) throw new Error(prepared.message);
		const {setup} = prepared;

		const transcript = createTranscript({
			path: join(folder, 'out', 'transcript.md'),
			hostDescription: setup.host.description,
		});
		const runner = startFlow(setup.host, setup.initial, {
			...setup.hooks,
			onEvent(event) {
				setup.hooks.onEvent?.(event);
				transcript.record(event);
			},
		});
		const ui = render(
			createElement(App, {
				runner,
				theme: {color: false, ascii: false},
				hostDescription: setup.host.description,
				...(setup.hint === undefined ? {} : {hint: setup.hint}),
				onInterrupt: () => runner.dispatch({type: 'interrupt'}),
			}),
		);
		const screen = () => ui.lastFrame() ?? '';
		const lastLine = () => screen().trimEnd().split('\n').at(-1) ?? '';
		const answer = async (prompt: string, text: string) => {
			await until(() => lastLine().includes(prompt), `prompt "${prompt}"`, screen);
			// A yes/no or a choice takes keys once it has been on screen a moment (source/ui/app.tsx).
			if (/\[\w+(\/\w+)+\]/.test(lastLine()))
				await new Promise((resolve) => setTimeout(resolve, 200));
			ui.stdin.write(text);
			await new Promise((resolve) => setTimeout(resolve, 5));
			ui.stdin.write('\r');
		};
		try {
			for (const prompt of ['First hop', 'Second hop', 'Command to run', 'User name'])
				await answer(prompt, '');
			// Typed key by key, as a person would, so every intermediate frame is drawn.
			await until(() => lastLine().includes('Password for'), 'the password prompt', screen);
			for (const char of canary) {
				ui.stdin.write(char);
				await new Promise((resolve) => setTimeout(resolve, 2));
			}
			const mask = '*'.repeat(canary.length);
			await until(() => lastLine().includes(mask), 'one * per typed character', screen);
			const masked = lastLine();
			ui.stdin.write('\r');
			await answer('Which method?', 'c');
			await answer('Continue with CredSSP', 'y');
			await answer('Make this change on ADMIN-WS', 'y');
			await answer('Make this change on hyperv1.contoso.com', 'y');
			await answer('Create an HTTPS listener', 'n');
			const final = await runner.finished;
			transcript.close(final);
			await new Promise((resolve) => setTimeout(resolve, 20));

			expect(final.conclusion?.verdict).toBe('fixed');
			expect(masked).toMatch(/^Password for CONTOSO\\admin \(hidden\): \*+/);
			expect(masked).not.toContain(canary.slice(0, 8));
			const frames = ui.frames;
			expect(frames.length).toBeGreaterThan(20);
			expectNoCanary(`ui: every frame (${frames.length} frames)`, frames.join('\n'));
			expectNoCanary('ui stderr', ui.stderr.frames.join('\n'));
			expectNoCanary('ui final state as JSON', JSON.stringify(final));
			expectNoCanary('ui final state as inspected', inspect(final, {depth: 20}));
		} finally {
			ui.unmount();
			await setup.host.dispose();
		}
		const written = expectNoCanaryInFiles('ui', folder, scenarioPath);
		expect(written).toContain(join('out', 'transcript.md'));
		expect(written.some((path) => path.startsWith(join('state', 'journal')))).toBe(true);
	});
});
