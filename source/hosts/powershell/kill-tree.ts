// Ends a process and every process it started, at once. Used when the admin interrupts a run:
// ChildProcess.kill() ends only PowerShell itself, and on Windows it is TerminateProcess, which
// leaves the processes PowerShell started (gpupdate, winrm.cmd, a cmd /c) running on their own.
import {spawnSync} from 'node:child_process';
import {join} from 'node:path';

/** The pids below `pid` in the process tree (children, grandchildren, ...), from `ps`. */
function descendantsOf(pid: number): number[] {
	const listed = spawnSync('ps', ['-A', '-o', 'pid=,ppid='], {encoding: 'utf8', timeout: 1000});
	if (listed.status !== 0 || typeof listed.stdout !== 'string') return [];
	const children = new Map<number, number[]>();
	for (const line of listed.stdout.split('\n')) {
		const [child, parent] = line.trim().split(/\s+/).map(Number);
		if (child === undefined || parent === undefined || Number.isNaN(child)) continue;
		children.set(parent, [...(children.get(parent) ?? []), child]);
	}
	const found: number[] = [];
	const visit = (parent: number) => {
		for (const child of children.get(parent) ?? []) {
			found.push(child);
			visit(child);
		}
	};
	visit(pid);
	return found;
}

export function killProcessTree(pid: number): void {
	if (process.platform === 'win32') {
		// taskkill /T ends the process and every process it started; /F forces it. The full path,
		// so that a taskkill.exe earlier on PATH is not run instead.
		const taskkill = join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'taskkill.exe');
		spawnSync(taskkill, ['/T', '/F', '/PID', String(pid)], {
			stdio: 'ignore',
			windowsHide: true,
			timeout: 1500,
		});
		return;
	}
	// Listed before the kill: once PowerShell is gone, its children belong to init and look unrelated.
	const tree = [pid, ...descendantsOf(pid)];
	for (const each of tree) {
		try {
			process.kill(each, 'SIGKILL');
		} catch {
			// Already gone.
		}
	}
	waitUntilGone(tree);
}

// A killed .NET process takes a moment to give its memory back (longer on a busy machine): the
// run ends once they are gone, so no PowerShell is left when doublehop exits. Bounded: the
// interrupt must end within its 2 s.
const goneWithinMs = 1000;

/** Waits until none of `pids` runs any more; a zombie (state Z) is gone, only not yet reaped. */
function waitUntilGone(pids: number[]): void {
	const pause = new Int32Array(new SharedArrayBuffer(4));
	const deadline = Date.now() + goneWithinMs;
	while (Date.now() < deadline) {
		const listed = spawnSync('ps', ['-o', 'stat=', '-p', pids.join(',')], {
			encoding: 'utf8',
			timeout: 500,
		});
		const running = (listed.stdout ?? '').split('\n').filter((stat) => /^\s*[^\sZ]/.test(stat));
		if (running.length === 0) return;
		Atomics.wait(pause, 0, 0, 20);
	}
}
