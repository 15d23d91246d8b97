// Which processes a test's program started, and whether they are gone (Linux/macOS `ps`, `pgrep`).
import {spawnSync} from 'node:child_process';

const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

/** Children of `pid`, or only those whose command line contains `name`. */
function childrenOf(pid: string, name?: string): string[] {
	const args = name === undefined ? ['-P', pid] : ['-P', pid, '-f', name];
	return lines(spawnSync('pgrep', args, {encoding: 'utf8'}).stdout).map((line) => line.trim());
}

/**
 * `pid`'s PowerShell and every process under it. The dotnet-tool pwsh is a launcher whose child
 * (dotnet pwsh.dll) is the real PowerShell: killing the launcher alone would leave it running.
 */
export function powerShellTree(pid: string): string[] {
	const all = childrenOf(pid, 'pwsh');
	for (let i = 0; i < all.length; i++) all.push(...childrenOf(all[i]!));
	return all;
}

/**
 * Those of `pids` still alive, one per line. A zombie (state Z) is dead and only waits to be
 * reaped; in a container whose PID 1 does not reap, a killed orphan stays one.
 */
export function stillRunning(pids: string[]): string {
	const listed = spawnSync('ps', ['-o', 'pid=,stat=', '-p', pids.join(',')], {encoding: 'utf8'});
	return lines(listed.stdout)
		.filter((line) => !/\sZ/.test(line))
		.join('\n')
		.trim();
}
