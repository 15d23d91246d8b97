// Ctrl+C, and every other way an admin stops a run, for every renderer (Ink, screen reader,
// --json): the flow ends at once as interrupted (the journal marks a change whose call was
// running as maybe made), PowerShell gets a short grace and is then ended, and the process exits
// 130 within 2 s even if something still hangs.
import {closeSync, openSync} from 'node:fs';
import type {Host} from '../hosts/host.js';
import {exitCodes} from './exit-codes.js';

/** Past this, the process exits 130 whatever is still running (the goal is ≤ 2 s). */
const interruptDeadlineMs = 1500;

/**
 * Node's names for the ways a run is told to stop. On Windows: Ctrl+C (SIGINT), Ctrl+Break
 * (SIGBREAK) and closing the console window (SIGHUP; Windows ends the process about 10 s later
 * whatever it does). Windows never raises SIGTERM. Elsewhere: SIGINT, SIGTERM and SIGHUP (a
 * closed terminal or SSH session). Ink reads Ctrl+C as a key in raw mode and calls interrupt().
 */
export function stopSignals(platform: NodeJS.Platform = process.platform): NodeJS.Signals[] {
	return platform === 'win32' ? ['SIGINT', 'SIGBREAK', 'SIGHUP'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
}

/**
 * After a hangup the terminal is gone, and on its way out Node resets the modes of the terminal
 * it started on: that fails (EIO) and Node aborts with an assertion and a core dump. Node skips
 * a descriptor that no longer is the file it started with, so stdin, stdout and stderr are
 * reopened on the null device, lowest descriptor first so each lands on its own number; what
 * is still drawn goes nowhere. Pipes and files are left as they are. Windows has no such reset.
 */
function detachFromClosedTerminal(platform: NodeJS.Platform = process.platform): void {
	if (platform === 'win32') return;
	const streams = [process.stdin, process.stdout, process.stderr];
	for (const [fd, flags] of [
		[0, 'r'],
		[1, 'w'],
		[2, 'w'],
	] as const) {
		// Only the terminal: a --json report piped to a file or a CI log still arrives whole.
		if (streams[fd]?.isTTY !== true) continue;
		try {
			closeSync(fd);
			openSync('/dev/null', flags);
		} catch {
			// Nothing more can be done for a descriptor that will not reopen; exit goes on.
		}
	}
}

export type Interrupts = {
	/** What Ctrl+C does; the renderers call it for the key, the signals call it themselves. */
	interrupt(): void;
	/** The terminal is gone (SIGHUP, or its input ended under Ink): interrupt, drawing nowhere. */
	hangup(): void;
	/** Stops listening for the signals (the exit deadline, once started, stays). */
	release(): void;
};

/**
 * `exitNow` ends the process (only source/cli.ts may, so it hands the function down); without it
 * there is no deadline and a second Ctrl+C does nothing more.
 */
export function handleInterrupts(
	/** Any run that takes an interrupt: the one-host flow, or the fleet's (tree/fleet). */
	runner: {dispatch(action: {type: 'interrupt'}): void},
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
	let hungUp = false;
	const hangup = () => {
		if (hungUp) return;
		hungUp = true;
		detachFromClosedTerminal();
		// Ink leaves raw mode as it unmounts; on a terminal that is gone that throws (EIO) and would
		// end the process with code 1 before the interruption is reported as 130.
		const stdin = process.stdin as NodeJS.ReadStream & {setRawMode?: (mode: boolean) => unknown};
		if (typeof stdin.setRawMode === 'function') stdin.setRawMode = () => stdin;
		interrupt();
	};
	const handlers = stopSignals().map(
		(signal) => [signal, signal === 'SIGHUP' ? hangup : interrupt] as const,
	);
	for (const [signal, handler] of handlers) process.on(signal, handler);
	return {
		interrupt,
		hangup,
		release() {
			for (const [signal, handler] of handlers) process.off(signal, handler);
		},
	};
}
