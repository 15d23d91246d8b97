// The built CLI in a real terminal: a private tmux server per test, one window of a fixed size.
// Helpers poll the rendered screen (capture-pane) until a prompt is there, then type, the way a
// person would; nothing sleeps and hopes. Every test ends with close(), which kills the server.
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, expect} from 'vitest';

export const cliPath = join(import.meta.dirname, '../../dist/cli.js');
export const labPassword = 'Passw0rd!';

/** Why tmux cannot run here, if it cannot; the tests then skip and say so on stderr. */
export function tmuxMissing(): string | undefined {
	const found = spawnSync('tmux', ['-V'], {encoding: 'utf8'});
	if (found.error === undefined && found.status === 0) return undefined;
	const reason = 'tmux is not installed (apt-get install tmux); the real-terminal tests need it';
	console.warn(`Skipping the real-terminal tests: ${reason}.`);
	return reason;
}

/** Folds wrapping and runs of spaces, so a long line matches however the terminal wrapped it. */
export function fold(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/**
 * The command at a `PS>` row and the rows it goes on in (each but the last ending in a backtick),
 * checked to fit `width` columns.
 */
export function commandRowsAt(rows: string[], first: number, width: number): string[] {
	expect(rows[first]).toMatch(/^ *PS> /);
	const command = [rows[first]!.trimStart().slice('PS> '.length)];
	for (let at = first; rows[at]!.endsWith(' `'); at++) command.push(rows[at + 1]!.trim());
	for (const row of rows.slice(first, first + command.length))
		expect(row.length).toBeLessThanOrEqual(width);
	return command;
}

/** The rows of a cut command as a console reads them: each continuation is a space. */
export const asConsoleReadsIt = (rows: string[]) => rows.join('\n').replace(/ `\n/g, ' ');

/** Terminal cells a line takes (every character the CLI prints is one cell wide). */
export function cells(line: string): number {
	return [...line].length;
}

export type StartOptions = {
	cols: number;
	rows: number;
	/** Arguments after `node dist/cli.js`. */
	args: string[];
	/** Run this instead of `node dist/cli.js` (a test harness); `args` follow it. */
	program?: string[];
	/**
	 * Added to a clean environment (no FORCE_COLOR/NO_COLOR from the runner, CI=true as in .ci/run);
	 * undefined removes a variable.
	 */
	env?: Record<string, string | undefined>;
	/** Save every byte the program writes to the terminal (pipe-pane), for bytesWritten(). */
	recordOutput?: boolean;
};

export type Terminal = {
	/** The visible screen, one row per line, trailing spaces trimmed. */
	screen(): string;
	/** Scrollback and screen, one terminal row per line. */
	history(): string;
	/** Scrollback and screen with the terminal's own soft wraps joined: one written line per line. */
	joinedHistory(): string;
	/** Scrollback and screen with escape sequences (colours, bold) kept. */
	historyWithEscapes(): string;
	/** Waits until `expected` is on the visible screen; returns that screen. */
	waitFor(expected: string | RegExp, timeoutMs?: number): Promise<string>;
	/** Waits until the question at the cursor (the last paragraph on screen) contains `prompt`. */
	waitForPrompt(prompt: string, timeoutMs?: number): Promise<string>;
	/** Waits for the prompt, then types `text` and Enter. */
	answer(prompt: string, text: string): Promise<void>;
	/** Types literal text (no Enter). */
	type(text: string): void;
	/** Presses keys by tmux name: Enter, C-c, BSpace. */
	press(...keys: string[]): void;
	resize(cols: number, rows: number): void;
	size(): {cols: number; rows: number};
	/** Waits for the program to end and its last screen to be drawn; returns its exit status. */
	exitCode(timeoutMs?: number): Promise<number>;
	/** After exit: whether the terminal's modes (raw, echo, ...) are as they were before the run. */
	modesRestored(): boolean;
	/** What the program wrote to the terminal so far, byte for byte (recordOutput only; complete
	 * once exitCode() has returned). */
	output(): string;
	/** Bytes the program wrote to the terminal so far (recordOutput only). */
	bytesWritten(): number;
	/** Kills the tmux server and removes its folder. Safe to call twice. */
	close(): void;
};

const pollMs = 15;
const exitedTitle = 'doublehop-test-exited';
const exitedMarker = `\x1b]2;${exitedTitle}`;

function cleanEnvironment(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {...process.env};
	// The test runner sets FORCE_COLOR=0; an outer tmux would leak its socket. Neither belongs here.
	for (const name of ['FORCE_COLOR', 'NO_COLOR', 'TMUX', 'TMUX_PANE', 'COLUMNS', 'LINES'])
		delete env[name];
	// .ci/run exports CI=true; the CLI must still draw every prompt in a terminal.
	env.CI = 'true';
	env.LANG = 'C.UTF-8';
	delete env.LC_ALL;
	for (const [name, value] of Object.entries(extra)) {
		if (value === undefined) delete env[name];
		else env[name] = value;
	}
	return env;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A yes/no or a choice ([y/N], [r/u]) takes keys only once it has been on screen for 150 ms
 * (source/ui/app.tsx), so a question seen at the cursor is read for a moment before typing.
 */
async function readDecision(screen: string): Promise<void> {
	// The cursor may have wrapped onto a row of its own: read the question's paragraph.
	if (/\[\w+(\/\w+)+\] ?\S?$/.test(fold(lastParagraph(screen)))) await sleep(180);
}

function lastParagraph(screen: string): string {
	const paragraphs = screen.trimEnd().split(/\n\s*\n/);
	return paragraphs.at(-1) ?? '';
}

export function start(options: StartOptions): Terminal {
	const folder = mkdtempSync(join(tmpdir(), 'dh-tmux-'));
	const socket = join(folder, 'sock');
	const output = join(folder, 'output');
	const config = join(folder, 'tmux.conf');
	// remain-on-exit keeps the last screen and the exit status readable after the program ends.
	// The status line is off, so the program gets every row of the window.
	writeFileSync(
		config,
		[
			'set -g remain-on-exit on',
			'set -g status off',
			'set -g history-limit 50000',
			'set -g default-terminal tmux-256color',
			'set -g default-shell /bin/sh',
			'',
		].join('\n'),
	);
	const env = cleanEnvironment(options.env);
	const tmux = (args: string[]) =>
		execFileSync('tmux', ['-u', '-S', socket, '-f', config, ...args], {
			encoding: 'utf8',
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
	const target = 'doublehop:0.0';
	const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
	// tmux 3.3a sometimes never reports a dead pane's exit status (#{pane_dead_status} stays
	// empty), so a shell around the program writes it to a file instead.
	// The terminal's modes (raw, echo) are saved before and after the run, to prove they are restored.
	const status = join(folder, 'status');
	const modesBefore = join(folder, 'stty-before');
	const modesAfter = join(folder, 'stty-after');
	const program = [...(options.program ?? [process.execPath, cliPath]), ...options.args]
		.map(quote)
		.join(' ');
	const command = [
		`stty -g > ${quote(modesBefore)}`,
		program,
		`echo $? > ${quote(`${status}.tmp`)}`,
		`stty -g > ${quote(modesAfter)}`,
		// Written to the terminal after everything the program wrote, so once tmux shows this title
		// the last screen is complete.
		`printf '\\033]2;${exitedTitle}\\033\\\\'`,
		`mv ${quote(`${status}.tmp`)} ${quote(status)}`,
	].join('; ');
	const startArgs = [
		'new-session',
		'-d',
		'-s',
		'doublehop',
		'-x',
		String(options.cols),
		'-y',
		String(options.rows),
		command,
	];
	// In the same command queue, so the pipe is open before the program's first byte arrives.
	if (options.recordOutput) startArgs.push(';', 'pipe-pane', '-O', '-t', target, `cat > ${output}`);
	tmux(startArgs);
	let closed = false;

	// With remain-on-exit, tmux writes "Pane is dead (status N, <date>)" under the last screen.
	const capture = (extra: string[]) =>
		tmux(['capture-pane', '-p', '-t', target, ...extra])
			.split('\n')
			.filter((line) => !/^Pane is dead \(/.test(line))
			.join('\n');
	const screen = () =>
		capture([])
			.split('\n')
			.map((line) => line.trimEnd())
			.join('\n')
			.trimEnd();
	const history = () =>
		capture(['-S', '-', '-E', '-'])
			.split('\n')
			.map((line) => line.trimEnd())
			.join('\n')
			.trimEnd();

	const recorded = () => (existsSync(output) ? readFileSync(output, 'latin1') : '');
	/** The program has exited and tmux has drawn (and piped) everything it wrote. */
	const settled = () =>
		existsSync(status) &&
		tmux(['display-message', '-p', '-t', target, '#{pane_title}']).trim() === exitedTitle &&
		(!options.recordOutput || recorded().includes(exitedMarker));

	async function poll(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
		const started = Date.now();
		for (;;) {
			// Settled first: if the program had already ended before this check, nothing will change.
			const ended = settled();
			if (check()) return;
			const timedOut = Date.now() - started > timeoutMs;
			if (ended || timedOut) {
				const why = ended
					? `the program exited with status ${readFileSync(status, 'utf8').trim()}`
					: `timed out after ${timeoutMs} ms`;
				throw new Error(`Waiting for ${what}: ${why}. Screen:\n${screen()}`);
			}
			await sleep(pollMs);
		}
	}

	const terminal: Terminal = {
		screen,
		history,
		joinedHistory: () =>
			capture(['-J', '-S', '-', '-E', '-'])
				.split('\n')
				.map((line) => line.trimEnd())
				.join('\n')
				.trimEnd(),
		historyWithEscapes: () => capture(['-e', '-S', '-', '-E', '-']),
		async waitFor(expected, timeoutMs = 8000) {
			let last = '';
			await poll(
				String(expected),
				() => {
					last = screen();
					return typeof expected === 'string' ? last.includes(expected) : expected.test(last);
				},
				timeoutMs,
			);
			await readDecision(last);
			return last;
		},
		async waitForPrompt(prompt, timeoutMs = 8000) {
			let last = '';
			await poll(
				`the prompt "${prompt}"`,
				() => {
					last = screen();
					return fold(lastParagraph(last)).includes(fold(prompt));
				},
				timeoutMs,
			);
			await readDecision(last);
			return last;
		},
		async answer(prompt, text) {
			await terminal.waitForPrompt(prompt);
			if (text !== '') terminal.type(text);
			terminal.press('Enter');
		},
		type(text) {
			tmux(['send-keys', '-t', target, '-l', text]);
		},
		press(...keys) {
			tmux(['send-keys', '-t', target, ...keys]);
		},
		resize(cols, rows) {
			tmux(['resize-window', '-t', 'doublehop:0', '-x', String(cols), '-y', String(rows)]);
		},
		size() {
			const [cols, rows] = tmux([
				'display-message',
				'-p',
				'-t',
				target,
				'#{pane_width} #{pane_height}',
			])
				.trim()
				.split(' ')
				.map(Number);
			return {cols: cols ?? 0, rows: rows ?? 0};
		},
		async exitCode(timeoutMs = 8000) {
			const started = Date.now();
			while (!settled()) {
				if (Date.now() - started > timeoutMs)
					throw new Error(`The program did not exit within ${timeoutMs} ms. Screen:\n${screen()}`);
				await sleep(pollMs);
			}
			return Number(readFileSync(status, 'utf8').trim());
		},
		modesRestored() {
			if (!existsSync(status)) throw new Error('The program is still running.');
			return readFileSync(modesBefore, 'utf8') === readFileSync(modesAfter, 'utf8');
		},
		output() {
			const text = recorded();
			const end = text.indexOf(exitedMarker);
			return end === -1 ? text : text.slice(0, end);
		},
		bytesWritten() {
			return terminal.output().length;
		},
		close() {
			if (closed) return;
			closed = true;
			spawnSync('tmux', ['-S', socket, 'kill-server'], {stdio: 'ignore'});
			rmSync(folder, {recursive: true, force: true});
		},
	};
	return terminal;
}

/** One question of the classic lab, the answer typed, and the step its banner must show. */
export type Question = {prompt: string; answer: string; step: number};

/** The classic lab, answered yes to every change and no to the optional HTTPS listener. */
export const classicQuestions: Question[] = [
	{prompt: 'First hop', answer: '', step: 2},
	{prompt: 'Second hop', answer: '', step: 2},
	{prompt: 'Command to run on the first hop', answer: '', step: 2},
	{prompt: 'User name', answer: '', step: 2},
	{prompt: 'Password for CONTOSO\\admin (hidden):', answer: labPassword, step: 2},
	{prompt: 'Which method? [u/j/a/c]', answer: 'c', step: 5},
	{
		prompt: 'I understand the risk. Continue with CredSSP to hyperv1.contoso.com only? [y/N]',
		answer: 'y',
		step: 6,
	},
	{prompt: 'Make this change on ADMIN-WS (this machine)? [y/N]', answer: 'y', step: 7},
	{prompt: 'Make this change on hyperv1.contoso.com? [y/N]', answer: 'y', step: 8},
	{
		prompt: 'Create an HTTPS listener on hyperv1.contoso.com? (optional) [y/N]',
		answer: 'n',
		step: 9,
	},
];

/** The screen as it was when a question was waiting for its answer. */
export type PromptScreen = Question & {screen: string};

/**
 * Answers `questions` in order, each once it is the question at the cursor, and returns the
 * screen seen at each. Stops before the question whose prompt starts with `stopAt`.
 */
export async function drive(
	terminal: Terminal,
	questions: Question[] = classicQuestions,
	stopAt?: string,
): Promise<PromptScreen[]> {
	const seen: PromptScreen[] = [];
	for (const question of questions) {
		if (stopAt !== undefined && question.prompt.startsWith(stopAt)) break;
		const screen = await terminal.waitForPrompt(question.prompt);
		seen.push({...question, screen});
		if (question.answer !== '') terminal.type(question.answer);
		terminal.press('Enter');
	}
	return seen;
}

/** What the lab keeps between runs, as far as these tests look at it. */
export type LabMachines = Record<
	string,
	{
		credssp: {client: boolean; server: boolean};
		allowFreshCredentials: string[];
		listeners: {transport: string}[];
	}
>;

export function labMachines(stateDir: string, scenario = 'classic'): LabMachines {
	const file = join(stateDir, 'lab', `${scenario}.json`);
	return (JSON.parse(readFileSync(file, 'utf8')) as {machines: LabMachines}).machines;
}

export function scenarioMachines(scenario = 'classic'): LabMachines {
	const file = join(import.meta.dirname, '../../source/hosts/lab/scenarios', `${scenario}.json`);
	return (JSON.parse(readFileSync(file, 'utf8')) as {machines: LabMachines}).machines;
}

/** Every SGR sequence that sets a foreground or background colour (39 and 49 only reset it). */
export function colourCodes(text: string): string[] {
	const found: string[] = [];
	for (const match of text.matchAll(/\x1b\[([0-9;:]*)m/g)) {
		const parameters = (match[1] ?? '').split(/[;:]/).map(Number);
		const colour = parameters.some(
			(n) =>
				(n >= 30 && n <= 38) ||
				(n >= 40 && n <= 48) ||
				(n >= 90 && n <= 97) ||
				(n >= 100 && n <= 107),
		);
		if (colour) found.push(match[0].replace('\x1b', '\\x1b'));
	}
	return found;
}

/** A fresh state folder for one test's lab. */
export function stateFolder(): string {
	return mkdtempSync(join(tmpdir(), 'dh-state-'));
}

/**
 * After each test of the calling file: close the terminal it started and remove its state folder.
 * `current` reads the file's own variables as they are then.
 */
export function cleanUpAfterEach(
	current: () => {terminal: Terminal | undefined; state: string | undefined},
): void {
	afterEach(() => {
		const {terminal, state} = current();
		terminal?.close();
		if (state !== undefined) rmSync(state, {recursive: true, force: true});
	});
}
