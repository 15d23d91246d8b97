// Where doublehop keeps its state between runs: the lab's machines, the change journal and
// transcripts. DOUBLEHOP_STATE_DIR overrides it (tests use a temporary folder).
import {createHash} from 'node:crypto';
import {homedir} from 'node:os';
import {basename, join} from 'node:path';

export function stateDirectory(env: NodeJS.ProcessEnv = process.env): string {
	if (env.DOUBLEHOP_STATE_DIR) return env.DOUBLEHOP_STATE_DIR;
	if (process.platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'doublehop');
	return join(env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'doublehop');
}

export function labStateFile(scenarioName: string, env: NodeJS.ProcessEnv = process.env): string {
	const safe = scenarioName.replace(/[^A-Za-z0-9._-]/g, '_');
	return join(stateDirectory(env), 'lab', `${safe}.json`);
}

/**
 * The name a scenario file's lab state and journal go by: its file name and a hash of its resolved
 * path. A built-in name has no ".json", so ./classic.json never shares the built-in classic's.
 */
export function labFileName(resolvedPath: string, platform = process.platform): string {
	// Windows paths differ in case only for the same file.
	const key = platform === 'win32' ? resolvedPath.toLowerCase() : resolvedPath;
	return `${basename(resolvedPath)}-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
}
