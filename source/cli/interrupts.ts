// Ctrl+C, and every other way an admin stops a run, for every renderer (Ink, screen reader,
// --json): the flow ends at once as interrupted (the journal marks a change whose call was
// running as maybe made), PowerShell gets a short grace and is then ended, and the process exits
// 130 within 2 s even if something still hangs.
import type {FlowRunner} from '../flow/runner.js';
import type {Host} from '../hosts/host.js';
import {exitCodes} from './exit-codes.js';

/** Past this, the process exits 130 whatever is still running (the goal is ≤ 2 s). */
export const interruptDeadlineMs = 1500;

/**
 * Node's names for the ways a run is told to stop. On Windows: Ctrl+C (SIGINT), Ctrl+Break
 * (SIGBREAK) and closing the console window (SIGHUP; Windows ends the process about 10 s later
 * whatever it does). Windows never raises SIGTERM. Elsewhere: SIGINT, SIGTERM and SIGHUP (a
 * closed terminal or SSH session). Ink reads Ctrl+C as a key in raw mode and calls interrupt().
 */
export function stopSignals(platform: NodeJS.Platform = process.platform): NodeJS.Signals[] {
	return platform === 'win32' ? ['SIGINT', 'SIGBREAK', 'SIGHUP'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
}

export type Interrupts = {
	/** What Ctrl+C does; the renderers call it for the key, the signals call it themselves. */
	interrupt(): void;
	/** Stops listening for the signals (the exit deadline, once started, stays). */
	release(): void;
};

/**
 * `exitNow` ends the process (only source/cli.ts may, so it hands the function down); without it
 * there is no deadline and a second Ctrl+C does nothing more.
 */
export function handleInterrupts(
	runner: FlowRunner,
	host: Host,
	exitNow?: (code: number) => void,
): Interrupts {
	const exit = exitNow ?? (() => {});
	let interrupted = false;
	const interrupt = () => {
		// A second Ctrl+C: the admin wants out now. The journal is already written.
		if (interrupted) {
			exit(exitCodes.interrupted);
			return;
		}
		interrupted = true;
		// Synchronous: the reducer finishes and the journal is written before anything else runs.
		runner.dispatch({type: 'interrupt'});
		void host.interrupt();
		setTimeout(() => exit(exitCodes.interrupted), interruptDeadlineMs).unref();
	};
	const signals = stopSignals();
	for (const signal of signals) process.on(signal, interrupt);
	return {
		interrupt,
		release() {
			for (const signal of signals) process.off(signal, interrupt);
		},
	};
}
