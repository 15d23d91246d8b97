// The change journal: every change is written down before it is made, and again once made, in
// an append-only JSON-lines file. A run killed at any point (Ctrl+C, SIGKILL, a closed SSH
// session) leaves a journal from which the next start knows what may have changed. A change cut
// short by Ctrl+C while its call ran is marked as such on the way out: it may or may not be made.
import {
	closeSync,
	existsSync,
	fsyncSync,
	mkdirSync,
	openSync,
	readFileSync,
	writeSync,
} from 'node:fs';
import {dirname, join} from 'node:path';
import type {FlowHooks} from '../flow/runner.js';
import type {ChangeRecord, EarlierRun, FlowState, Verdict} from '../tree/state.js';

export type JournalEvent =
	| {
			type: 'run-started';
			runId: string;
			at: string;
			mode: 'fix' | 'undo';
			hop1?: string;
			user?: string;
	  }
	| {type: 'change-started'; runId: string; at: string; change: ChangeRecord}
	| {type: 'change-done'; runId: string; at: string; change: ChangeRecord}
	| {type: 'undone'; runId: string; at: string; id: string}
	/**
	 * The run was interrupted while the call making (or, with undo, taking back) this change ran:
	 * whether the machine has it is not known.
	 */
	| {type: 'change-interrupted'; runId: string; at: string; id: string; undo?: true}
	| {type: 'run-finished'; runId: string; at: string; verdict: Verdict};

export function journalPath(stateDirectory: string, hostKey: string): string {
	return join(stateDirectory, 'journal', `${hostKey.replace(/[^A-Za-z0-9._-]/g, '_')}.jsonl`);
}

export function appendEvent(path: string, event: JournalEvent): void {
	mkdirSync(dirname(path), {recursive: true});
	const fd = openSync(path, 'a', 0o600);
	try {
		writeSync(fd, `${JSON.stringify(event)}\n`);
		// On disk before the change runs: a crash right after must still find this line.
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}

export function readJournal(path: string): JournalEvent[] {
	if (!existsSync(path)) return [];
	const events: JournalEvent[] = [];
	for (const line of readFileSync(path, 'utf8').split('\n')) {
		if (line.trim() === '') continue;
		try {
			events.push(JSON.parse(line) as JournalEvent);
		} catch {
			// A torn last line from a kill mid-write: everything before it still counts.
		}
	}
	return events;
}

/**
 * The changes that were made (or started, so perhaps made) and not undone since, oldest first,
 * with the run they belong to. Undefined when there is nothing to take back.
 */
export function openChanges(events: readonly JournalEvent[]): EarlierRun | undefined {
	const open = new Map<string, ChangeRecord>();
	const runs = new Map<string, {at: string; finished?: Verdict; hop1?: string; user?: string}>();
	// Changes whose call was cut short (interrupted, or killed before it answered), by run.
	const unsure = new Map<string, string>();
	let latestRun: string | undefined;
	for (const event of events) {
		switch (event.type) {
			case 'run-started':
				runs.set(event.runId, {at: event.at, hop1: event.hop1, user: event.user});
				break;
			case 'change-started':
				open.set(event.change.id, event.change);
				unsure.set(event.change.id, event.runId);
				latestRun = event.runId;
				break;
			case 'change-done':
				open.set(event.change.id, event.change);
				unsure.delete(event.change.id);
				latestRun = event.runId;
				break;
			case 'change-interrupted':
				unsure.set(event.id, '');
				break;
			case 'undone':
				open.delete(event.id);
				unsure.delete(event.id);
				break;
			case 'run-finished': {
				const run = runs.get(event.runId);
				if (run !== undefined) run.finished = event.verdict;
				break;
			}
		}
	}
	if (open.size === 0 || latestRun === undefined) return undefined;
	const run = runs.get(latestRun);
	const changes = [...open.values()];
	// A change started in a run that then finished normally got its answer (a failure, say);
	// one from a run that never finished, or marked interrupted (run ''), did not.
	const maybeMade = changes
		.filter((change) => {
			const runId = unsure.get(change.id);
			return runId === '' || (runId !== undefined && runs.get(runId)?.finished === undefined);
		})
		.map((change) => change.id);
	const hop1 = changes.map((c) => ('hop1' in c.undo ? c.undo.hop1 : undefined)).findLast(Boolean);
	return {
		startedAt: run?.at ?? '',
		finished: run?.finished !== undefined && run.finished !== 'interrupted',
		...(hop1 === undefined ? (run?.hop1 ? {hop1: run.hop1} : {}) : {hop1}),
		...(run?.user ? {user: run.user} : {}),
		changes,
		...(maybeMade.length === 0 ? {} : {maybeMade}),
	};
}

/** Runner hooks that journal a run: each change before it runs and once it is made or undone. */
export function journalHooks(path: string, runId: string, now = () => new Date()): FlowHooks {
	let started = false;
	let finished = false;
	// The change whose call is running now (being made, or undone), until its answer arrives.
	let running: {id: string; undo: boolean} | undefined;
	const at = () => now().toISOString();
	// Only runs that change something are journalled, so the file stays a list of changes.
	const write = (state: FlowState, event: JournalEvent) => {
		if (!started) {
			started = true;
			appendEvent(path, {
				type: 'run-started',
				runId,
				at: at(),
				mode: state.mode,
				...(state.inputs.hop1 ? {hop1: state.inputs.hop1} : {}),
				...(state.inputs.user ? {user: state.inputs.user} : {}),
			});
		}
		appendEvent(path, event);
	};
	return {
		onEvent(event) {
			switch (event.type) {
				case 'operation-started': {
					const {operation, state} = event;
					if (operation.change === undefined || state.dryRun) return;
					if (state.mode === 'fix') {
						write(state, {type: 'change-started', runId, at: at(), change: operation.change});
					}
					running = {id: operation.change.id, undo: state.mode === 'undo'};
					return;
				}
				case 'operation-ended':
					if (event.operation.change?.id === running?.id) running = undefined;
					return;
				case 'change-done': {
					const {change, state} = event;
					if (change.dryRun) return;
					write(
						state,
						state.mode === 'undo'
							? {type: 'undone', runId, at: at(), id: change.id}
							: {type: 'change-done', runId, at: at(), change},
					);
					return;
				}
				case 'finished': {
					const {state} = event;
					// A change whose call was running at Ctrl+C: written at once, synchronously, since
					// the process ends moments later.
					if (running !== undefined && state.conclusion?.verdict === 'interrupted') {
						write(state, {
							type: 'change-interrupted',
							runId,
							at: at(),
							id: running.id,
							...(running.undo ? {undo: true as const} : {}),
						});
					}
					running = undefined;
					if (started && !finished) {
						finished = true;
						appendEvent(path, {
							type: 'run-finished',
							runId,
							at: at(),
							verdict: state.conclusion?.verdict ?? 'failed',
						});
					}
					return;
				}
			}
		},
	};
}
