// A run over many first hops in a terminal: the fleet screen (ui/fleet-app.tsx) on the fleet
// runner. Like the one-host flow, it needs a terminal and never waits on a question nobody sees.
import type {FleetState} from '../tree/fleet/state.js';
import {exitCodeFor, exitCodes} from './exit-codes.js';
import {earlierRunUndo, fleetRunner, type FleetRunOptions} from './fleet.js';
import {handleInterrupts} from './interrupts.js';

export type FleetGuidedOptions = FleetRunOptions & {
	color: boolean;
	ascii: boolean;
	screenReader: boolean;
	stdinIsTTY: boolean;
	hint?: string;
	writeError: (text: string) => void;
	writeOutput: (text: string) => void;
};

export async function runFleetGuided(options: FleetGuidedOptions): Promise<number> {
	const ended = await runFleetScreen(options);
	if (ended === undefined) return exitCodes.failed;
	if (ended.undoEarlier !== true) return exitCodeFor(ended.conclusion?.verdict);
	// The admin chose undo at the offer of an earlier run: the one-host undo flow takes its
	// changes back, each asked for, as doublehop undo does (it disposes of the host at the end).
	const {runGuided} = await import('./guided.js');
	const {initial, hooks} = earlierRunUndo(options.setup);
	return runGuided({
		host: options.setup.host,
		initial,
		hooks,
		color: options.color,
		ascii: options.ascii,
		screenReader: options.screenReader,
		stdinIsTTY: options.stdinIsTTY,
		writeError: options.writeError,
		writeOutput: options.writeOutput,
		headingShown: true,
		...(options.hint === undefined ? {} : {hint: options.hint}),
		...(options.exitNow === undefined ? {} : {exitNow: options.exitNow}),
	});
}

/** The fleet screen until the run ends; undefined when there is no terminal to ask in. */
async function runFleetScreen(options: FleetGuidedOptions): Promise<FleetState | undefined> {
	const {host} = options.setup;
	if (!options.stdinIsTTY) {
		options.writeError(
			'doublehop: each change is asked for, so this needs an interactive terminal, and standard input is not one.\n' +
				'  Without prompts: doublehop --json --password-stdin --hop1 <list> (see doublehop --help). Nothing was changed.\n',
		);
		options.setup.release();
		await host.dispose();
		return undefined;
	}
	// Plain lines keep one row per host (a screen reader reads a row at a time); the screen fits
	// the table to the terminal, since a terminal that wraps a row breaks it anywhere.
	const plain = options.screenReader || process.env.TERM === 'dumb';
	const width = plain ? undefined : process.stdout.columns;
	const runner = fleetRunner(width === undefined ? options : {...options, width});
	const interrupts = handleInterrupts(runner, host, options.exitNow);
	try {
		// A screen reader, or a dumb terminal that moves no cursor: plain lines, never redrawn.
		if (options.screenReader || process.env.TERM === 'dumb') {
			const {renderFleetPlain} = await import('../ui/fleet-plain.js');
			await renderFleetPlain(runner, {
				input: process.stdin,
				output: process.stdout,
				onInterrupt: interrupts.interrupt,
				hostDescription: host.description,
				...(options.hint === undefined ? {} : {hint: options.hint}),
			});
			return runner.getState();
		}
		process.env.CI = 'false';
		process.env.FORCE_COLOR = options.color ? '1' : '0';
		const {renderFleetInteractive} = await import('../ui/fleet-render.js');
		await renderFleetInteractive(runner, {
			theme: {color: options.color, ascii: options.ascii},
			hostDescription: host.description,
			...(options.hint === undefined ? {} : {hint: options.hint}),
			onInterrupt: interrupts.interrupt,
		});
	} finally {
		// Handed over to undo: the one-host flow goes on with the same host.
		if (runner.getState().undoEarlier !== true) await host.dispose();
		interrupts.release();
	}
	return runner.getState();
}
