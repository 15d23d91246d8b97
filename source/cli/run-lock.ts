// One run at a time per set of machines: two runs at once would lose an update in the lab and
// add a delegation entry twice on a real client. A run holds a lock file, created exclusively
// (O_EXCL) and holding its pid and start time, in the state folder, named like its journal, for
// the whole run. A lock whose pid is gone was left by a killed run and is taken over; so is one
// of this very process (an earlier run in it that never ended, as tests start several).
import {closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync} from 'node:fs';
import {dirname, join} from 'node:path';

type LockHolder = {pid: number; startedAt: string};

export type RunLock =
	{ok: true; path: string; release(): void} | {ok: false; path: string; holder?: LockHolder};

export function lockPath(stateDirectory: string, key: string): string {
	return join(stateDirectory, 'locks', `${key.replace(/[^A-Za-z0-9._-]/g, '_')}.lock`);
}

function readHolder(path: string): LockHolder | undefined {
	try {
		const holder = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
		if (typeof holder.pid === 'number' && typeof holder.startedAt === 'string')
			return {pid: holder.pid, startedAt: holder.startedAt};
	} catch {
		// Unreadable: being written this very moment, or torn by a kill while it was.
	}
	return undefined;
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it exists and belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Takes the lock once, or says who holds it. */
function tryLock(path: string, now = new Date()): RunLock {
	mkdirSync(dirname(path), {recursive: true});
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			const fd = openSync(path, 'wx', 0o600);
			try {
				writeSync(fd, JSON.stringify({pid: process.pid, startedAt: now.toISOString()}));
			} finally {
				closeSync(fd);
			}
			let held = true;
			const release = () => {
				if (!held) return;
				held = false;
				process.off('exit', release);
				if (readHolder(path)?.pid === process.pid) rmSync(path, {force: true});
			};
			// Every way out of the process ends here (the CLI always calls process.exit).
			process.on('exit', release);
			return {ok: true, path, release};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		const holder = readHolder(path);
		// A lock that cannot be read is being written now, or was torn by a kill long ago.
		if (holder === undefined && !tornLongAgo(path)) return {ok: false, path};
		if (holder !== undefined && holder.pid !== process.pid && alive(holder.pid))
			return {ok: false, path, holder};
		rmSync(path, {force: true});
	}
	const holder = readHolder(path);
	return {ok: false, path, ...(holder === undefined ? {} : {holder})};
}

function tornLongAgo(path: string): boolean {
	try {
		return Date.now() - statSync(path).mtimeMs > 5000;
	} catch {
		return true;
	}
}

/** Takes the lock, trying again for up to `waitSeconds` while another run holds it. */
export async function takeLock(path: string, waitSeconds = 0): Promise<RunLock> {
	const deadline = Date.now() + waitSeconds * 1000;
	for (;;) {
		const lock = tryLock(path);
		if (lock.ok || Date.now() >= deadline) return lock;
		await new Promise((resolve) => setTimeout(resolve, Math.min(250, deadline - Date.now())));
	}
}

/** Why the run cannot start, and what to do: a refusal's message and its next steps. */
export type LockRefusal = {message: string; nextSteps: string[]};

/**
 * `json`: only a --json run waits (--wait); `waited`: the seconds it waited in vain. The lock's
 * path is named only to delete when the pid no longer is a doublehop run: a live pid is why the
 * run is refused (a dead one's lock is taken over), but Windows gives a dead run's pid to the next
 * process, so the check comes first.
 */
export function lockedRefusal(
	lock: RunLock & {ok: false},
	what: string,
	{json, waited}: {json: boolean; waited?: number | undefined},
): LockRefusal {
	const who =
		lock.holder === undefined
			? 'Another doublehop run'
			: `Another doublehop run (pid ${lock.holder.pid}, started ${lock.holder.startedAt})`;
	const after = waited === undefined ? '' : ` and still did after ${waited} s`;
	const wait = !json
		? 'Wait for it to end and run this again (a --json run waits for it with --wait <seconds>).'
		: waited === undefined
			? 'Wait for it to end and run this again, or add --wait <seconds> (e.g. --wait 600): this run then waits up to that long for it.'
			: 'Run this again with a longer --wait <seconds> (up to 3600), or once it has ended.';
	const pid = lock.holder?.pid;
	return {
		message: `${who} is working on ${what}${after}; two runs at once could undo each other's changes. Nothing was changed.`,
		nextSteps: [
			wait,
			...(pid === undefined
				? []
				: [
						`If pid ${pid} is no doublehop run any more (Get-Process -Id ${pid} names another program), delete ${lock.path} and run this again.`,
					]),
		],
	};
}
