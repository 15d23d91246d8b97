// The signals that stop a run (SIGINT from Ctrl+C outside raw mode or from `kill -INT`, SIGTERM,
// SIGHUP from a closed terminal or SSH session), while PowerShell is stuck in a call: the process
// ends within 2 s with exit code 130, the --json report says interrupted, and no PowerShell
// process is left. The real host over real pwsh with the lab stubs, through the CLI's own
// wiring (test/tools/interrupt-harness.ts: the built CLI cannot load the stubs).
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {describe, expect, test} from 'vitest';
import {powerShellTree, stillRunning} from '../helpers/processes.js';
import {noPwshReason, pwsh} from './pwsh.js';

const harness = resolve('test/tools/interrupt-harness.ts');

type Ended = {code: number | null; ms: number; stdout: string; powershell: string[]};

/** Starts a --json fix whose Invoke-Command hangs, sends `signal` once it hangs, and waits. */
async function interruptHungCall(signal: NodeJS.Signals): Promise<Ended> {
	const state = mkdtempSync(join(tmpdir(), 'dh-interrupt-'));
	const lab = join(state, 'classic.json');
	writeFileSync(lab, readFileSync(resolve('source/hosts/lab/scenarios/classic.json')));
	const child = spawn(process.execPath, ['--import', 'tsx', harness, '--json', lab, state], {
		env: {...process.env, DOUBLEHOP_STUB_HANG_SECONDS: '60'},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
	await new Promise<void>((ready, fail) => {
		const timer = setTimeout(() => fail(new Error(`No hung call after 20 s:\n${stderr}`)), 20_000);
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
			if (stderr.includes('running test-first-hop')) {
				clearTimeout(timer);
				ready();
			}
		});
	});
	// The request line has reached PowerShell and Invoke-Command is asleep in the stub.
	await new Promise((wait) => setTimeout(wait, 500));
	const powershell = powerShellTree(String(child.pid));
	const sent = Date.now();
	child.kill(signal);
	const code = await exited;
	return {code, ms: Date.now() - sent, stdout, powershell};
}

describe.skipIf(pwsh === undefined)(
	`a signal while PowerShell hangs in a call${pwsh === undefined ? ` (skipped: ${noPwshReason})` : ''}`,
	() => {
		for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
			test(`${signal}: exit 130 within 2 s, the report says interrupted, no PowerShell left`, async () => {
				const ended = await interruptHungCall(signal);
				expect(ended.powershell.length).toBeGreaterThanOrEqual(1);
				expect(ended.code).toBe(130);
				expect(ended.ms).toBeLessThanOrEqual(2000);
				expect(JSON.parse(ended.stdout)).toMatchObject({verdict: 'interrupted', exitCode: 130});
				expect(stillRunning(ended.powershell)).toBe('');
			}, 30_000);
		}
	},
);
