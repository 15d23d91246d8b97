// The guided flow in a terminal: checks that there is one, starts the run, mounts Ink.
import {startFlow, type FlowHooks} from '../flow/runner.js';
import type {Host} from '../hosts/host.js';
import type {FlowState} from '../tree/state.js';
import {headingLines} from '../report/plain-text.js';
import {wrap} from '../windows/wrap.js';
import {exitCodeFor, exitCodes} from './exit-codes.js';
import {handleInterrupts} from './interrupts.js';
import {showControls} from '../windows/terminal-text.js';

export type GuidedOptions = {
	host: Host;
	initial: FlowState;
	hooks: FlowHooks;
	hint?: string;
	color: boolean;
	ascii: boolean;
	screenReader: boolean;
	stdinIsTTY: boolean;
	writeError: (text: string) => void;
	writeOutput: (text: string) => void;
	/** Another screen (the fleet's, handing over to undo) already said what this is and where. */
	headingShown?: boolean;
	/** Ends the process at once: Ctrl+C's deadline and a second Ctrl+C (source/cli.ts passes it). */
	exitNow?: (code: number) => void;
};

/** Without a terminal: how to run it, and the same run without prompts (an undo stays an undo). */
const noTerminalMessage = (initial: FlowState) =>
	'doublehop: each step asks before it changes anything, so this needs an interactive terminal, and standard input is not one.\n' +
	'  Run it in a terminal (PowerShell, Windows Terminal, an SSH session with a TTY: ssh -t),\n' +
	(initial.mode === 'undo'
		? `  or without prompts: ${initial.undoCommand} --json --yes (with --password-stdin and the password piped in when a first hop's changes are among them; see doublehop --help).\n`
		: '  or without prompts: doublehop --json --password-stdin (see doublehop --help).\n') +
	'  Nothing was changed.\n';

/**
 * Yoga (Ink's layout engine) decodes its embedded WebAssembly through fetch() when fetch exists,
 * which loads Node's whole HTTP client (40 to 80 ms) for bytes already in memory. Without fetch
 * it takes the plain ArrayBuffer path. The import waits for the wasm, so fetch is back after.
 */
async function importWithoutFetch<T>(load: () => Promise<T>): Promise<T> {
	const saved = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
	Reflect.deleteProperty(globalThis, 'fetch');
	try {
		return await load();
	} finally {
		if (saved !== undefined) Object.defineProperty(globalThis, 'fetch', saved);
	}
}

/** chalk's levels from the terminal's colour depth: 1 basic, 2 256 colours, 3 true colour. */
function colourLevel(stdout: NodeJS.WriteStream): number {
	if (!stdout.isTTY) return 0;
	const depth = stdout.getColorDepth();
	return depth >= 24 ? 3 : depth >= 8 ? 2 : depth >= 4 ? 1 : 0;
}

export async function runGuided(options: GuidedOptions): Promise<number> {
	if (!options.stdinIsTTY) {
		options.writeError(noTerminalMessage(options.initial));
		await options.host.dispose();
		return exitCodes.failed;
	}
	const runner = startFlow(options.host, options.initial, options.hooks);
	const interrupts = handleInterrupts(runner, options.host, options.exitNow);
	const interrupt = interrupts.interrupt;
	try {
		// A dumb terminal (TERM=dumb: Emacs shell mode, some serial consoles) moves no cursor and
		// erases nothing, so Ink's redrawn frames would pile up as garbage: it gets plain lines.
		if (options.screenReader || process.env.TERM === 'dumb') {
			const {renderPlain} = await import('../ui/plain.js');
			await renderPlain(runner, {
				input: process.stdin,
				output: process.stdout,
				onInterrupt: interrupt,
				hostDescription: options.host.description,
				...(options.hint === undefined ? {} : {hint: options.hint}),
				headingShown: options.headingShown === true,
			});
			return exitCodeFor(runner.getState().conclusion?.verdict);
		}
		// Ink decides at import time whether it is in CI and then draws only the last frame;
		// this run has a terminal, so it must draw every prompt.
		process.env.CI = 'false';
		process.env.CONTINUOUS_INTEGRATION = 'false';
		// Ink's colour detection also reads CI, and would switch colour off; decide here instead.
		process.env.FORCE_COLOR = String(options.color ? colourLevel(process.stdout) : 0);
		// Say what this is at once; Ink and React take a few hundred milliseconds more to load.
		if (options.headingShown !== true) {
			const width = Math.max(20, (process.stdout.columns || 80) - 1);
			const heading = headingLines(options.host.description, options.hint).flatMap((line) =>
				wrap(line, width),
			);
			options.writeOutput(showControls(`${heading.join('\n')}\n`));
		}
		// In raw mode Ctrl+D is a key: input that ends, or fails, means the terminal went away (a
		// dropped SSH session), and often no SIGHUP comes first. Without this the run would end with
		// exit code 0 and Node would abort resetting a terminal that no longer exists.
		process.stdin.once('end', interrupts.hangup);
		process.stdin.once('error', interrupts.hangup);
		// A frame being written as the terminal went away fails (EIO): that too is the hangup.
		process.stdout.on('error', interrupts.hangup);
		const {renderInteractive} = await importWithoutFetch(() => import('../ui/render.js'));
		await renderInteractive(runner, {
			theme: {color: options.color, ascii: options.ascii},
			...(options.hint === undefined ? {} : {hint: options.hint}),
			hostDescription: options.host.description,
			headingPrinted: true,
			screenReader: options.screenReader,
			onInterrupt: interrupt,
		});
	} finally {
		process.stdin.off('end', interrupts.hangup);
		process.stdin.off('error', interrupts.hangup);
		process.stdout.off('error', interrupts.hangup);
		await options.host.dispose();
		interrupts.release();
	}
	return exitCodeFor(runner.getState().conclusion?.verdict);
}
