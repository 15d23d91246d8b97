// Where doublehop keeps its state between runs: the lab's machines, the change journal and
// transcripts. DOUBLEHOP_STATE_DIR overrides it (tests use a temporary folder).
import {homedir} from 'node:os';
import {join} from 'node:path';

export function stateDirectory(env: NodeJS.ProcessEnv = process.env): string {
	if (env.DOUBLEHOP_STATE_DIR) return env.DOUBLEHOP_STATE_DIR;
	if (process.platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'doublehop');
	return join(env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'doublehop');
}

export function labStateFile(scenarioName: string, env: NodeJS.ProcessEnv = process.env): string {
	const safe = scenarioName.replace(/[^A-Za-z0-9._-]/g, '_');
	return join(stateDirectory(env), 'lab', `${safe}.json`);
}
