// npx tsx test/tools/bench-fleet.ts: many first hops, figures only (npm run bench runs it as (h)).
//   1. the built CLI, --json --yes --steps client,server: one first hop (the one-host flow) against
//      a fleet run over 20 and 50 lab hosts, wall time and peak RSS (goal: 50 hosts in <= 3x the
//      time of one, memory flat);
//   2. the real host on real pwsh with the lab stubs, the whole fleet flow over 20 hosts: the
//      PowerShell processes started (goal 1) and the fan-outs (one Invoke-Command per call).
// Asserts nothing. Options: --runs N (default 5).
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {performance} from 'node:perf_hooks';
import {parseArgs} from 'node:util';
import {findPowerShell} from '../../source/hosts/powershell/find-powershell.js';
import {createPowerShellHost} from '../../source/hosts/powershell/powershell-host.js';
// @ts-expect-error: a plain ES module without types, shared with the lab's generator.
import {fleetLab} from './fleet-lab.mjs';
import {approveEveryFleetChange} from '../helpers/fleet-approve.js';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/cli.js');
const {values} = parseArgs({options: {runs: {type: 'string', default: '5'}}});
const runs = Math.max(1, Number(values.runs) || 5);
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const timeBinary = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

type Lab = {defaults: {hop1: string}};

// Every lab file and state folder of the bench lives here, and goes when it exits.
const scratch = mkdtempSync(join(tmpdir(), 'dh-bench-fleet-'));
process.on('exit', () => rmSync(scratch, {recursive: true, force: true}));

function labFile(count: number): string {
	const file = join(scratch, `fleet-${count}.json`);
	writeFileSync(file, JSON.stringify(fleetLab(count, `fleet-${count}`)));
	return file;
}

/** One --json run from a fresh state: wall time (ms) and peak RSS (KiB, with /usr/bin/time). */
function run(args: string[]): {ms: number; rssKiB?: number; code: number | null} {
	const state = mkdtempSync(join(scratch, 'state-'));
	const argv = [
		process.execPath,
		cli,
		'--json',
		'--password-stdin',
		'--yes',
		'--steps',
		'client,server',
		...args,
	];
	const timed = timeBinary === undefined ? argv : [timeBinary, '-f', '%M', ...argv];
	const started = performance.now();
	const result = spawnSync(timed[0]!, timed.slice(1), {
		input: 'Passw0rd!\n',
		encoding: 'utf8',
		env: {...process.env, DOUBLEHOP_STATE_DIR: state, CI: 'true'},
	});
	const ms = performance.now() - started;
	const rss = Number(result.stderr.trim().split('\n').at(-1));
	return {ms, code: result.status, ...(Number.isFinite(rss) && timeBinary ? {rssKiB: rss} : {})};
}

function measure(label: string, args: string[]) {
	run(args); // warm the file cache
	const results = Array.from({length: runs}, () => run(args));
	const ms = median(results.map((r) => r.ms));
	const rss = results.every((r) => r.rssKiB !== undefined)
		? median(results.map((r) => r.rssKiB!))
		: undefined;
	console.log(
		`  ${label.padEnd(44)} ${(ms / 1000).toFixed(2)} s${rss === undefined ? '' : `, peak RSS ${(rss / 1024).toFixed(0)} MB`} (exit ${results[0]!.code})`,
	);
	return {ms, rss};
}

console.log(`\n(h) many first hops, --json --yes --steps client,server (median of ${runs})`);
const lab50 = labFile(50);
const one = measure('one first hop (the one-host flow)', [
	'--lab',
	lab50,
	'--hop1',
	'hv13.contoso.com',
]);
const twenty = measure('20 first hops (fleet lab)', ['--lab', labFile(20)]);
const fifty = measure('50 first hops (fleet lab)', ['--lab', lab50]);
const ratio = fifty.ms / one.ms;
console.log(
	`  50 hosts / one host: ${ratio.toFixed(2)}x (goal <= 3x: ${ratio <= 3 ? 'met' : 'NOT met'})`,
);
if (one.rss !== undefined && fifty.rss !== undefined)
	console.log(
		`  peak RSS 50 hosts / one host: ${(fifty.rss / one.rss).toFixed(2)}x (goal: flat)${twenty.rss === undefined ? '' : `; 20 hosts ${(twenty.rss / one.rss).toFixed(2)}x`}`,
	);

// The real host: the whole fleet flow over 20 hosts on real pwsh with the stubs.
const found = await findPowerShell({use: 'pwsh'});
if (!found.found) {
	console.log(`  real host: ${found.message} Not measured.`);
	process.exit(0);
}
const state = labFile(20);
const lab = JSON.parse(readFileSync(state, 'utf8')) as Lab;
process.env.DOUBLEHOP_LAB_STATE = state;
const host = createPowerShellHost({
	powershell: found,
	testOnlyModule: resolve('fixtures/pwsh/DoublehopLabStubs.psm1'),
	// The stubs wait the whole open time-out for a host where nothing answers.
	connectTimeoutSeconds: 1,
});
const started = performance.now();
const end = await approveEveryFleetChange(host, {
	hosts: lab.defaults.hop1.split(','),
	hop2: 'hvlib.contoso.com',
	runId: 'bench',
});
const seconds = (performance.now() - started) / 1000;
await host.dispose();
const fanOuts = readFileSync(`${state}.fanouts`, 'utf8').trim().split('\n');
console.log(
	`  real host, 20 first hops, whole flow on stubbed pwsh: ${seconds.toFixed(1)} s, ${host.processesStarted} PowerShell process(es) started (goal 1: ${host.processesStarted === 1 ? 'met' : 'NOT met'}), ${fanOuts.length} fan-outs (hosts, throttle: ${fanOuts.join('; ')}), verdict ${end.conclusion?.verdict}`,
);
