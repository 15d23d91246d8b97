// The journal of a run over many first hops: the same file and lines as one host's run
// (journal.ts), one change per host, so `doublehop undo` (all) and `doublehop undo --hop1 <name>`
// (one host) read them like any other. Each change is on disk before the call that makes it.
import type {FleetHooks} from '../flow/fleet-runner.js';
import {appendEvent} from './journal.js';

export function fleetJournalHooks(path: string, runId: string, now = () => new Date()): FleetHooks {
	const at = () => now().toISOString();
	let started = false;
	let finished = false;
	const journalled = new Set<string>();
	// The changes whose call runs now, until its answer arrives.
	let running: string[] = [];
	// The account goes with the run, so `doublehop undo` offers it as the default.
	const start = (user: string | undefined) => {
		if (started) return;
		started = true;
		appendEvent(path, {type: 'run-started', runId, at: at(), mode: 'fix', ...(user ? {user} : {})});
	};
	return {
		beforeCall(state, call) {
			if (state.dryRun || !('changes' in call)) return;
			try {
				start(state.user);
				for (const change of call.changes)
					appendEvent(path, {type: 'change-started', runId, at: at(), change});
				running = call.changes.map((change) => change.id);
			} catch (error) {
				const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
				throw new Error(
					`the change journal ${path} cannot be written (${code}), and no change is made unjournalled. Free space or fix the folder's permissions (or set DOUBLEHOP_STATE_DIR to a writable folder), then run again.`,
				);
			}
		},
		onState(state) {
			try {
				// Interrupted while the call ran: which hosts have the change is not known.
				if (state.pending.kind !== 'run' && running.length > 0) {
					if (state.conclusion?.verdict === 'interrupted')
						for (const id of running)
							appendEvent(path, {type: 'change-interrupted', runId, at: at(), id});
					running = [];
				}
				for (const change of state.changes) {
					if (change.dryRun || journalled.has(change.id)) continue;
					journalled.add(change.id);
					appendEvent(path, {type: 'change-done', runId, at: at(), change});
				}
				if (state.pending.kind === 'finished' && started && !finished) {
					finished = true;
					appendEvent(path, {
						type: 'run-finished',
						runId,
						at: at(),
						verdict: state.conclusion?.verdict ?? 'failed',
					});
				}
			} catch {
				// Its change-started line is on disk: the next run treats the change as maybe made.
			}
		},
	};
}
