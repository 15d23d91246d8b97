// Runs once before any test file. The process-level tests run the built CLI, so it is built here.
// Every test run gets a temporary folder of its own (TMPDIR, TEMP, TMP for the CLI, pwsh and .NET
// they start), removed when the run ends: a CI agent that runs the suite daily keeps nothing of it.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export default function setup(): () => void {
	execFileSync(process.execPath, ['source/build.js'], {stdio: 'inherit'});
	const runFolder = mkdtempSync(join(tmpdir(), 'doublehop-tests-'));
	for (const name of ['TMPDIR', 'TEMP', 'TMP']) process.env[name] = runFolder;
	return () => rmSync(runFolder, {recursive: true, force: true, maxRetries: 3});
}
