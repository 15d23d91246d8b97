// Drives the real Ink UI on a lab host the way an admin would: wait for a prompt to be on
// screen, then type. Keys typed before a prompt is mounted would be lost, so every helper waits.
import {render} from 'ink-testing-library';
import stripAnsi from 'strip-ansi';
import {setUpRun, type RunSetup, type SetupOptions} from '../../source/cli/run-setup.js';
import {startFlow, type FlowHooks, type FlowRunner} from '../../source/flow/runner.js';
import {createLabHost, type LabHost} from '../../source/hosts/lab/lab-host.js';
import {loadScenario} from '../../source/hosts/lab/scenarios.js';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import {initialState} from '../../source/tree/reducer.js';
import type {FlowState, Inputs} from '../../source/tree/state.js';
import {App, decisionSeenMs} from '../../source/ui/app.js';
import type {Theme} from '../../source/ui/theme.js';
import type {MethodId} from '../../source/windows/second-hop-methods.js';

export const labPassword = 'Passw0rd!';

const pauseFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Folds wrapping and padding, so a long line matches however the terminal wrapped it; a command cut
 * into rows ends each row but the last in a line continuation (" `"), which a console reads as a space.
 */
export function fold(text: string): string {
	return text.replace(/ `\n/g, ' ').replace(/\s+/g, ' ');
}

export function scenario(name: string): Scenario {
	const found = loadScenario(name);
	if (!found.ok) throw new Error(found.message);
	return found.scenario;
}

export type Session = {
	host: LabHost;
	runner: FlowRunner;
	/** Everything on screen so far, scrollback included, without ANSI codes. */
	screen(): string;
	/** The live part below the scrollback: banner, current step, prompt. */
	live(): string;
	/** The screen with line wrapping and runs of spaces folded, for matching long lines. */
	flat(): string;
	waitFor(expected: string | RegExp, timeoutMs?: number): Promise<void>;
	/** Waits until `prompt` is the question on screen, then types `text` and Enter. */
	answer(prompt: string | RegExp, text: string): Promise<void>;
	/** Sends keys at once, whatever is on screen (type-ahead, a paste). */
	type(keys: string): void;
	finished(): Promise<void>;
	unmount(): void;
};

export function startSession(
	name: string,
	options: {
		stateFile?: string;
		inputs?: Omit<Inputs, 'password'>;
		theme?: Theme;
		/** Replaces some of the lab's answers, e.g. a call that times out. */
		wrapHost?: (host: LabHost) => LabHost;
		/** --for, in minutes: the fix reverts on its own at a deadline. */
		timeBoxMinutes?: number;
	} = {},
): Session {
	const lab = scenario(name);
	const labHost = createLabHost({
		scenario: lab,
		...(options.stateFile ? {stateFile: options.stateFile} : {}),
	});
	const host = options.wrapHost ? options.wrapHost(labHost) : labHost;
	return mount(
		host,
		initialState({
			defaults: lab.defaults,
			inputs: options.inputs ?? {},
			...(options.timeBoxMinutes === undefined ? {} : {timeBoxMinutes: options.timeBoxMinutes}),
		}),
		{},
		options.theme,
	);
}

/**
 * A session set up exactly as the CLI sets one up (lab state file and journal under
 * DOUBLEHOP_STATE_DIR), so a test can stop it anywhere and start the next one on what it left.
 */
export async function startCliSession(
	name: string,
	stateDir: string,
	options: {
		mode?: 'fix' | 'undo';
		dryRun?: boolean;
		useSsl?: boolean;
		method?: MethodId;
		timeBoxMinutes?: number;
		/** Files the run writes when it ends: --export, --export-dsc, --export-ansible. */
		outputs?: Pick<SetupOptions, 'export' | 'exportDsc' | 'exportAnsible'>;
	} = {},
): Promise<Session & {setup: RunSetup}> {
	process.env.DOUBLEHOP_STATE_DIR = stateDir;
	const prepared = await setUpRun({
		lab: name,
		labReset: false,
		mode: options.mode ?? 'fix',
		dryRun: options.dryRun ?? false,
		...(options.useSsl === undefined ? {} : {useSsl: options.useSsl}),
		inputs: {},
		...(options.method === undefined ? {} : {method: options.method}),
		...(options.timeBoxMinutes === undefined ? {} : {timeBoxMinutes: options.timeBoxMinutes}),
		...options.outputs,
	});
	if (!prepared.ok) throw new Error(prepared.message);
	const {setup} = prepared;
	return {...mount(setup.host as LabHost, setup.initial, setup.hooks), setup};
}

export function mount(host: LabHost, initial: FlowState, hooks: FlowHooks, theme?: Theme): Session {
	const runner = startFlow(host, initial, hooks);
	const ui = render(
		<App
			runner={runner}
			theme={theme ?? {color: false, ascii: false}}
			hostDescription={host.description}
			onInterrupt={() => runner.dispatch({type: 'interrupt'})}
		/>,
	);
	const screen = () => stripAnsi(ui.lastFrame() ?? '');
	const live = () => {
		const text = screen();
		const banner = text.lastIndexOf('Step ');
		const lines = text.split('\n');
		return banner === -1 ? text : lines.slice(-25).join('\n');
	};
	const waitFor = async (expected: string | RegExp, timeoutMs = 4000) => {
		const start = Date.now();
		for (;;) {
			const text = screen();
			if (typeof expected === 'string' ? text.includes(expected) : expected.test(text)) return;
			if (Date.now() - start > timeoutMs) {
				throw new Error(`Timed out waiting for ${String(expected)}. Screen:\n${text}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	};
	const lastLine = () => screen().trimEnd().split('\n').at(-1) ?? '';
	const answer = async (prompt: string | RegExp, text: string) => {
		const start = Date.now();
		for (;;) {
			const line = lastLine();
			if (typeof prompt === 'string' ? line.includes(prompt) : prompt.test(line)) break;
			if (Date.now() - start > 4000)
				throw new Error(`No prompt ${String(prompt)}. Screen:\n${screen()}`);
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		// A yes/no or a choice ([y/N], [r/u]) takes keys only once it has been on screen a moment.
		if (/\[\w+(\/\w+)+\] \S?$/.test(lastLine())) await pauseFor(decisionSeenMs + 20);
		ui.stdin.write(text);
		await pauseFor(5);
		ui.stdin.write('\r');
	};
	return {
		host,
		runner,
		screen,
		live,
		flat: () => fold(screen()),
		waitFor,
		answer,
		type: (keys: string) => ui.stdin.write(keys),
		async finished() {
			await runner.finished;
			await new Promise((resolve) => setTimeout(resolve, 20));
		},
		unmount: () => ui.unmount(),
	};
}

/** Accepts the four prefilled targets and enters the password. */
export async function enterTargets(session: Session, password = labPassword): Promise<void> {
	await session.answer('First hop', '');
	await session.answer('Second hop', '');
	await session.answer('Command to run', '');
	await session.answer('User name', '');
	await session.answer('Password for', password);
}

/** Chooses CredSSP at the methods, unless that question was answered already. */
export async function chooseCredSsp(session: Session): Promise<void> {
	await session.waitFor(/Which method\?|Continue with CredSSP/);
	const {pending} = session.runner.getState();
	if (pending.kind === 'ask' && pending.prompt.kind === 'choice' && pending.prompt.id === 'method')
		await session.answer('Which method?', 'c');
}

/** Chooses CredSSP, says yes to the risk and to every change, and `listener` to the HTTPS listener. */
export async function acceptEveryChange(session: Session, listener: 'y' | 'n'): Promise<void> {
	await chooseCredSsp(session);
	await session.answer('Continue with CredSSP', 'y');
	await session.answer('Make this change on ADMIN-WS', 'y');
	await session.answer('Make this change on hyperv1', 'y');
	await session.answer('Create an HTTPS listener', listener);
}
