// A run over many first hops in a terminal: the fleet screen (ui/fleet-app.tsx) on the fleet
// runner. Like the one-host flow, it needs a terminal and never waits on a question nobody sees.
import {exitCodeFor, exitCodes} from './exit-codes.js';
import {fleetRunner, type FleetRunOptions} from './fleet.js';
import {handleInterrupts} from './interrupts.js';

export type FleetGuidedOptions = FleetRunOptions & {
	color: boolean;
	ascii: boolean;
	screenReader: boolean;
	stdinIsTTY: boolean;
	hint?: string;
	writeError: (text: string) => void;
};

export async function runFleetGuided(options: FleetGuidedOptions): Promise<number> {
	const {host} = options.setup;
	if (!options.stdinIsTTY) {
		options.writeError(
			'doublehop: each change is asked for, so this needs an interactive terminal, and standard input is not one.\n' +
				'  Without prompts: doublehop --json --password-stdin --hop1 <list> (see doublehop --help). Nothing was changed.\n',
		);
		options.setup.release();
		await host.dispose();
		return exitCodes.failed;
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
			return exitCodeFor(runner.getState().conclusion?.verdict);
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
		await host.dispose();
		interrupts.release();
	}
	return exitCodeFor(runner.getState().conclusion?.verdict);
}
