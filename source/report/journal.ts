// The change journal: every change is written down before it is made, and again once made, in
// an append-only JSON-lines file. A run killed at any point (Ctrl+C, SIGKILL, a closed SSH
// session) leaves a journal from which the next start knows what may have changed. A change cut
// short by Ctrl+C while its call ran is marked as such on the way out: it may or may not be made.
import {
	closeSync,
	existsSync,
	fstatSync,
	fsyncSync,
	mkdirSync,
	openSync,
	readFileSync,
	readSync,
	writeSync,
} from 'node:fs';
import {dirname, join} from 'node:path';
import type {FlowHooks} from '../flow/runner.js';
import {parseTimeBox} from '../windows/time-box.js';
import type {ChangeRecord, EarlierRun, FlowState, Verdict} from '../tree/state.js';
import {switchLeft, wholeId} from '../tree/undo-hosts.js';

export type JournalEvent =
	| {
			type: 'run-started';
			runId: string;
			at: string;
			mode: 'fix' | 'undo';
			hop1?: string;
			user?: string;
			/** --for, in minutes: a resume keeps the time box (tree/earlier-run.ts). */
			forMinutes?: number;
	  }
	| {type: 'change-started'; runId: string; at: string; change: ChangeRecord}
	| {type: 'change-done'; runId: string; at: string; change: ChangeRecord}
	| {type: 'undone'; runId: string; at: string; id: string}
	/** An undo's call is about to run: on disk before the machine is touched. */
	| {type: 'undo-started'; runId: string; at: string; id: string}
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
	const fd = openSync(path, 'a+', 0o600);
	try {
		// A run killed mid-write left a torn last line: end it, or this event would be glued onto it.
		const {size} = fstatSync(fd);
		const last = Buffer.alloc(1);
		const torn = size > 0 && readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a;
		writeSync(fd, `${torn ? '\n' : ''}${JSON.stringify(event)}\n`);
		// On disk before the change runs: a crash right after must still find this line.
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}

const text = (value: unknown) => typeof value === 'string';
const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const isChange = (value: unknown) =>
	isRecord(value) && text(value.id) && text(value.setting) && isRecord(value.undo);

/** Whether a parsed line is a journal event this version reads: type, run, time and its fields. */
function isJournalEvent(value: unknown): value is JournalEvent {
	if (!isRecord(value) || !text(value.runId) || !text(value.at)) return false;
	switch (value.type) {
		case 'run-started':
			return value.mode === 'fix' || value.mode === 'undo';
		case 'change-started':
		case 'change-done':
			return isChange(value.change);
		case 'undone':
		case 'undo-started':
		case 'change-interrupted':
			return text(value.id);
		case 'run-finished':
			return text(value.verdict);
		default:
			return false;
	}
}

export type JournalRead = {
	events: JournalEvent[];
	/** Lines skipped, as "<file>, line <n>: <why>". */
	problems: string[];
	/** Lines that held something, read or not. */
	lines: number;
};

/** The journal's events; lines that are not one (torn by a kill, edited, garbage) are named. */
export function readJournalLines(path: string): JournalRead {
	if (!existsSync(path)) return {events: [], problems: [], lines: 0};
	const events: JournalEvent[] = [];
	const problems: string[] = [];
	let lines = 0;
	let content: string;
	try {
		content = readFileSync(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
		return {events, problems: [`${path}: cannot be read (${code})`], lines: 1};
	}
	content.split('\n').forEach((line, index) => {
		if (line.trim() === '') return;
		lines += 1;
		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch {
			problems.push(`${path}, line ${index + 1}: not JSON (cut short, or not a journal line)`);
			return;
		}
		if (isJournalEvent(value)) events.push(value);
		else problems.push(`${path}, line ${index + 1}: not a journal entry`);
	});
	return {events, problems, lines};
}

/**
 * The changes that were made (or started, so perhaps made) and not undone since, oldest first,
 * with the run they belong to. Undefined when there is nothing to take back.
 */
export function openChanges(events: readonly JournalEvent[]): EarlierRun | undefined {
	const open = new Map<string, ChangeRecord>();
	const runs = new Map<
		string,
		{at: string; finished?: Verdict; hop1?: string; user?: string; forMinutes?: number}
	>();
	// Changes whose call was cut short (interrupted, or killed before it answered), by run.
	const unsure = new Map<string, string>();
	// Of those, the ones whose undo (not the change) was the call cut short.
	const undoing = new Set<string>();
	// The run that made each change, for the first hop it was made for.
	const madeBy = new Map<string, string>();
	// Changes whose part for one host was taken back: what is left serves every host.
	const shared = new Set<string>();
	let latestRun: string | undefined;
	for (const event of events) {
		switch (event.type) {
			case 'run-started':
				runs.set(event.runId, {
					at: event.at,
					hop1: event.hop1,
					user: event.user,
					// A hand-edited value --for would refuse is not kept.
					...(typeof event.forMinutes === 'number' && parseTimeBox(`${event.forMinutes}m`).ok
						? {forMinutes: event.forMinutes}
						: {}),
				});
				break;
			case 'change-started':
				open.set(event.change.id, event.change);
				unsure.set(event.change.id, event.runId);
				undoing.delete(event.change.id);
				madeBy.set(event.change.id, event.runId);
				shared.delete(event.change.id);
				latestRun = event.runId;
				break;
			case 'change-done':
				open.set(event.change.id, event.change);
				unsure.delete(event.change.id);
				madeBy.set(event.change.id, event.runId);
				shared.delete(event.change.id);
				latestRun = event.runId;
				break;
			case 'change-interrupted':
				unsure.set(wholeId(event.id), '');
				break;
			case 'undo-started': {
				// Until its 'undone' line, the change may or may not have been taken back.
				const id = wholeId(event.id);
				if (open.has(id)) {
					unsure.set(id, event.runId);
					undoing.add(id);
				}
				break;
			}
			case 'undone': {
				const id = wholeId(event.id);
				const change = open.get(id);
				unsure.delete(id);
				undoing.delete(id);
				// One host's entries taken back (tree/undo-hosts.ts): the client switch stays open.
				if (id !== event.id && change !== undefined) {
					open.set(id, switchLeft(change));
					shared.add(id);
				} else open.delete(id);
				break;
			}
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
	const undoCut = maybeMade.filter((id) => undoing.has(id));
	const hop1 = changes.map((c) => ('hop1' in c.undo ? c.undo.hop1 : undefined)).findLast(Boolean);
	// A run for one first hop made every change for its --hop1, but for what serves every host:
	// this machine's WinRM service, and a client switch whose entries went with their host.
	const madeFor = Object.fromEntries(
		changes.flatMap((change) => {
			if (change.undo.kind === 'stop-winrm' || shared.has(change.id)) return [];
			const host =
				change.fleetHost ??
				runs.get(madeBy.get(change.id) ?? '')?.hop1 ??
				('hop1' in change.undo ? change.undo.hop1 : undefined);
			return host === undefined ? [] : [[change.id, host]];
		}),
	);
	return {
		startedAt: run?.at ?? '',
		finished: run?.finished !== undefined && run.finished !== 'interrupted',
		...(hop1 === undefined ? (run?.hop1 ? {hop1: run.hop1} : {}) : {hop1}),
		...(run?.user ? {user: run.user} : {}),
		...(run?.forMinutes === undefined ? {} : {timeBoxMinutes: run.forMinutes}),
		changes,
		...(Object.keys(madeFor).length === 0 ? {} : {madeFor}),
		...(maybeMade.length === 0 ? {} : {maybeMade}),
		...(undoCut.length === 0 ? {} : {undoCut}),
	};
}

/** Why the journal cannot be written, checked before a run that may change something; else undefined. */
export function journalUnwritable(path: string): string | undefined {
	try {
		mkdirSync(dirname(path), {recursive: true});
		closeSync(openSync(path, 'a', 0o600));
		return undefined;
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
		return `the change journal ${path} cannot be written (${code}). doublehop writes each change down before it makes it, so it changes nothing without one. Fix the folder's permissions or free space (or set DOUBLEHOP_STATE_DIR to a writable folder), then run again. Nothing was changed.`;
	}
}

/** Runner hooks that journal a run: each change before it runs and once it is made or undone. */
export function journalHooks(path: string, runId: string, now = () => new Date()): FlowHooks {
	let started = false;
	let finished = false;
	// The change whose call is running now (being made, or undone), until its answer arrives.
	let running: {id: string; undo: boolean} | undefined;
	const at = () => now().toISOString();
	// Only runs that change something are journalled, so the file stays a list of changes.
	// Every write is on disk before the call it announces; one that fails stops that call (the
	// runner does not run an operation whose announcement threw).
	const write = (state: FlowState, event: JournalEvent) => {
		try {
			record(state, event);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
			throw new Error(
				`the change journal ${path} cannot be written (${code}), and no change is made unjournalled. Free space or fix the folder's permissions (or set DOUBLEHOP_STATE_DIR to a writable folder), then run again.`,
			);
		}
	};
	/** For lines after a call: its announcement is on disk already, so a failure here is not fatal. */
	const writeAfter = (state: FlowState, event: JournalEvent) => {
		try {
			record(state, event);
		} catch {
			// The next run reads the announcement and treats the change as maybe made.
		}
	};
	const record = (state: FlowState, event: JournalEvent) => {
		if (!started) {
			started = true;
			appendEvent(path, {
				type: 'run-started',
				runId,
				at: at(),
				mode: state.mode,
				...(state.inputs.hop1 ? {hop1: state.inputs.hop1} : {}),
				...(state.inputs.user ? {user: state.inputs.user} : {}),
				...(state.timeBox === undefined ? {} : {forMinutes: state.timeBox.minutes}),
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
					// On disk before the call: a change, or an undo, is never made unjournalled.
					write(
						state,
						state.mode === 'fix'
							? {type: 'change-started', runId, at: at(), change: operation.change}
							: {type: 'undo-started', runId, at: at(), id: operation.change.id},
					);
					running = {id: operation.change.id, undo: state.mode === 'undo'};
					return;
				}
				case 'operation-ended':
					if (event.operation.change?.id === running?.id) running = undefined;
					return;
				case 'change-done': {
					const {change, state} = event;
					if (change.dryRun) return;
					writeAfter(
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
						writeAfter(state, {
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
						try {
							appendEvent(path, {
								type: 'run-finished',
								runId,
								at: at(),
								verdict: state.conclusion?.verdict ?? 'failed',
							});
						} catch {
							// Without it the next run reads this one as cut short: the safe side.
						}
					}
					return;
				}
			}
		},
	};
}
