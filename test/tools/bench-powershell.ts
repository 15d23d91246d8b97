// npx tsx test/tools/bench-powershell.ts: the real-PowerShell path's figures, on real pwsh with
// the lab stubs (fixtures/pwsh) standing in for the Windows-only cmdlets:
//   1. PowerShell processes started for a full guided run (goal: 1), and the remote sessions it
//      opened to the first hop (goal: ≤ 2 per hop);
//   2. mean per-operation overhead: a no-op operation's round trip through the host (goal: ≤ 20 ms);
//   3. time to report a first hop where nothing listens (closed port, goal: ≤ 3 s) and one where
//      nothing answers at all (filtered or down), and a slow host (15 s to open) with the defaults;
//   4. Ctrl+C during a hung call (goal: ≤ 2 s).
// Prints figures, asserts nothing. Without pwsh it says so (.ci/install-pwsh.sh installs it).
import {copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {performance} from 'node:perf_hooks';
import type {Credential} from '../../source/hosts/host.js';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import {findPowerShell} from '../../source/hosts/powershell/find-powershell.js';
import type {FoundPowerShell} from '../../source/hosts/powershell/find-powershell.js';
import {createPowerShellHost} from '../../source/hosts/powershell/powershell-host.js';
import {PowerShellSession} from '../../source/hosts/powershell/session.js';
import {httpsFirewallRuleName} from '../../source/operations/create-https-listener.js';
import type {OperationScript} from '../../source/operations/operation.js';
import {Secret} from '../../source/safety/secret.js';

const found = await findPowerShell({use: 'pwsh'});
if (!found.found) {
	console.log(`bench-powershell: ${found.message} Nothing was measured.`);
	for (const way of found.howToGet) console.log(`  ${way}`);
	process.exit(0);
}

const stubs = resolve('fixtures/pwsh/DoublehopLabStubs.psm1');
const hop1 = 'hyperv1.contoso.com';
const credential: Credential = {user: 'CONTOSO\\admin', password: new Secret('Passw0rd!')};

// Every scenario copy of the bench lives here, and goes when it exits.
const scratch = mkdtempSync(join(tmpdir(), 'doublehop-bench-'));
process.on('exit', () => rmSync(scratch, {recursive: true, force: true}));

function scenarioCopy(name: string, edit?: (scenario: Scenario) => void): string {
	const path = join(mkdtempSync(join(scratch, 'scenario-')), `${name}.json`);
	copyFileSync(resolve('source/hosts/lab/scenarios', `${name}.json`), path);
	if (edit !== undefined) {
		const scenario = JSON.parse(readFileSync(path, 'utf8')) as Scenario;
		edit(scenario);
		writeFileSync(path, JSON.stringify(scenario));
	}
	return path;
}

console.log(`bench-powershell: ${found.executable}`);

// 1. A full run: every step of the guided flow, the fix, and its undo.
const fullRun = scenarioCopy('classic');
process.env.DOUBLEHOP_LAB_STATE = fullRun;
const host = createPowerShellHost({powershell: found, testOnlyModule: stubs});
const runStarted = performance.now();
const command = 'Get-VM -ComputerName hyperv2.contoso.com';
const steps = [
	() => host.localContext(),
	() => host.testFirstHop(hop1, credential),
	() => host.runOnFirstHop(hop1, credential, command, 'Default'),
	() => host.readClientCredSsp(),
	() => host.readServerCredSsp(hop1, credential),
	() => host.listListeners(hop1, credential),
	() => host.listCertificates(hop1, credential),
	() => host.enableClientCredSsp([hop1]),
	() => host.enableServerCredSsp(hop1, credential),
	() =>
		host.createHttpsListener(hop1, credential, httpsFirewallRuleName('bench'), {
			thumbprint: '3E5C9A7B1D2F4E6A8B0C1D2E3F4A5B6C7D8E9F01',
			hostname: hop1,
		}),
	() => host.runOnFirstHop(hop1, credential, command, 'CredSSP'),
	() => host.setClientCredSsp(false),
	() => host.setDelegationList([]),
	() => host.disableServerCredSsp(hop1, credential),
	() => host.removeHttpsListener(hop1, credential, httpsFirewallRuleName('bench')),
];
let failed = 0;
for (const step of steps) if (!(await step()).ok && step !== steps[2]) failed++;
const runMs = performance.now() - runStarted;
console.log(
	`1. PowerShell processes started for a full run (${steps.length} operations, ${failed} unexpected failures, ${(runMs / 1000).toFixed(1)} s): ${host.processesStarted} (goal: 1)`,
);
// What hop 1 saw (the stubs log each New-PSSession), beside what the host counted.
const opened = readFileSync(`${fullRun}.sessions`, 'utf8').trim().split('\n');
console.log(
	`   Remote sessions opened to the first hop for the full fix and undo: ${opened.length} (${opened.map((line) => line.split(' ')[1]).join(', ')}; host counted ${host.sessionsOpened}; goal: ≤ 2 per hop)`,
);
await host.dispose();

// 2. Overhead: an operation that does nothing, so the time is the host's own.
const noop: OperationScript<unknown> = {
	name: 'noop',
	runsOn: 'client',
	script: 'param([string]$Text) @{echo = $Text}',
	parameters: ['Text'],
	remote: false,
	parse: (value) => ({ok: true, value}),
};
const session = new PowerShellSession({powershell: found, connectTimeoutMs: 8000});
const call = () =>
	session.run({operation: noop, parameters: {Text: 'x'}, target: 'localhost', timeoutMs: 10_000});
const startMs = performance.now();
await call();
const startup = performance.now() - startMs;
// Warm up: .NET compiles hot paths after the first few hundred calls.
for (let i = 0; i < 100; i++) await call();
const samples: number[] = [];
for (let i = 0; i < 200; i++) {
	const started = performance.now();
	await call();
	samples.push(performance.now() - started);
}
await session.dispose();
samples.sort((a, b) => a - b);
const mean = samples.reduce((sum, ms) => sum + ms, 0) / samples.length;
console.log(
	`2. Mean per-operation overhead on real pwsh: ${mean.toFixed(1)} ms (median ${samples[100]!.toFixed(1)}, p95 ${samples[190]!.toFixed(1)}; goal: ≤ 20 ms; process start ${(startup / 1000).toFixed(2)} s, once per run)`,
);

// 3. First hops that cannot be reached, and one that is merely slow, all with the default limits.
async function timeFirstHop(label: string, state: string, goal: string): Promise<void> {
	process.env.DOUBLEHOP_LAB_STATE = state;
	const probe = createPowerShellHost({powershell: found as FoundPowerShell, testOnlyModule: stubs});
	await probe.localContext();
	const started = performance.now();
	const result = await probe.testFirstHop(hop1, credential);
	const ms = performance.now() - started;
	await probe.dispose();
	const outcome = result.ok ? 'session opened' : result.error.fullyQualifiedErrorId;
	console.log(`   ${label}: ${(ms / 1000).toFixed(1)} s (${outcome}; goal: ${goal})`);
}
console.log('3. First hops with the default limits (60 s connect time-out, 3 s TCP look at 5985):');
await timeFirstHop(
	'closed port (host up, nothing listens on 5985)',
	scenarioCopy('classic', (scenario) => {
		scenario.machines.hyperv1!.winrmRunning = false;
	}),
	'≤ 3 s',
);
await timeFirstHop(
	'nothing answers at all (filtered or down)',
	scenarioCopy('unreachable'),
	'≤ 4 s',
);
await timeFirstHop(
	'a slow host that answers, 15 s to open a session',
	scenarioCopy('classic', (scenario) => {
		scenario.machines.hyperv1!.openDelaySeconds = 15;
	}),
	'opens, ~15 s',
);
console.log(
	'   (the stubs model the TCP look and WinRM honouring -OpenTimeout; real WinRM honours the same option)',
);

// 4. Ctrl+C while PowerShell hangs in a call: the run wired as the CLI wires it (the harness),
// Invoke-Command asleep in the stub, then SIGINT; the time until the process has exited.
{
	const {spawn} = await import('node:child_process');
	const lab = scenarioCopy('classic');
	const child = spawn(
		process.execPath,
		['--import', 'tsx', resolve('test/tools/interrupt-harness.ts'), '--json', lab, dirname(lab)],
		{env: {...process.env, DOUBLEHOP_STUB_HANG_SECONDS: '60'}, stdio: ['ignore', 'ignore', 'pipe']},
	);
	const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
	let stderr = '';
	await new Promise<void>((ready) => {
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
			if (stderr.includes('running test-first-hop')) ready();
		});
	});
	await new Promise((wait) => setTimeout(wait, 500));
	const sent = performance.now();
	child.kill('SIGINT');
	const code = await exited;
	console.log(
		`4. Ctrl+C during a hung call: ${Math.round(performance.now() - sent)} ms to exit (exit code ${code}; goal: ≤ 2 s)`,
	);
}
