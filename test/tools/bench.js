// npm run bench: how doublehop feels in a real terminal. Prints figures, asserts nothing.
//
// Everything runs in a private tmux server (a real pseudo-terminal, 100x30), the way the
// real-terminal tests do:
//   (a) time to first frame: from starting the command until its first output (the heading,
//       written before Ink loads) reaches the terminal, and until the first question does,
//       against a bare `node -e` start measured the same way; and `--help` likewise;
//   (b) a full scripted lab session, driven through the UI (wait for each question on the
//       rendered screen, then type), from start to exit;
//   (c) the bytes that session wrote to the terminal (tmux pipe-pane);
//   (d) the peak RSS of that session (/usr/bin/time, else process.resourceUsage());
//   (h) many first hops: one host against 20 and 50 lab hosts, and the real host's process
//       count on stubbed pwsh (test/tools/bench-fleet.ts).
//
// Options: --runs N (default 7), --no-build (use dist/ as it is), --cli <file> (measure another
// build of the CLI). Needs tmux.
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {parseArgs} from 'node:util';

const root = join(import.meta.dirname, '../..');
const {values: options} = parseArgs({
	options: {
		runs: {type: 'string', default: '7'},
		'no-build': {type: 'boolean', default: false},
		cli: {type: 'string'},
	},
});
// --cli <file> measures another build (implies --no-build), e.g. to compare bundling options.
const cli = options.cli ?? join(root, 'dist/cli.js');
const runs = Math.max(1, Number(options.runs) || 7);
const cols = 100;
const rows = 30;

if (spawnSync('tmux', ['-V']).status !== 0) {
	console.log('bench: tmux is not installed (apt-get install tmux); nothing was measured.');
	process.exit(1);
}
if (!options['no-build'] && options.cli === undefined)
	execFileSync(process.execPath, [join(root, 'source/build.js')]);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const quote = (word) => `'${String(word).replace(/'/g, `'\\''`)}'`;
const folder = mkdtempSync(join(os.tmpdir(), 'dh-bench-'));
const socket = join(folder, 'sock');
const config = join(folder, 'tmux.conf');
writeFileSync(
	config,
	['set -g remain-on-exit on', 'set -g status off', 'set -g default-shell /bin/sh', ''].join('\n'),
);
// An admin's terminal: no CI, no forced or disabled colour, no outer tmux.
const env = {...process.env, LANG: 'C.UTF-8'};
for (const name of ['CI', 'FORCE_COLOR', 'NO_COLOR', 'TMUX', 'TMUX_PANE', 'LC_ALL'])
	delete env[name];
const tmux = (...args) =>
	execFileSync('tmux', ['-u', '-S', socket, '-f', config, ...args], {encoding: 'utf8', env});
// One long-lived session keeps the server up, so no measurement pays for starting tmux.
tmux('new-session', '-d', '-s', 'keep', '-x', String(cols), '-y', String(rows), 'sleep 86400');
const cleanup = () => {
	spawnSync('tmux', ['-S', socket, 'kill-server'], {stdio: 'ignore'});
	rmSync(folder, {recursive: true, force: true});
};
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));

const timeBinary = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
// Without /usr/bin/time, a preloaded module records the peak RSS as the process exits.
const rssHook = (file) =>
	`data:text/javascript,${encodeURIComponent(
		`import {writeFileSync} from 'node:fs'; process.on('exit', () => { const u = process.resourceUsage(); writeFileSync(${JSON.stringify(file)}, u.maxRSS + ' ' + (u.userCPUTime + u.systemCPUTime) / 1000); });`,
	)}`;

/** Peak RSS in KiB and CPU time in ms, from /usr/bin/time ("%M %U %S") or the exit hook. */
function resources(file) {
	const [rssKiB, ...cpu] = readFileSync(file, 'utf8')
		.trim()
		.split('\n')
		.at(-1)
		.split(' ')
		.map(Number);
	const cpuMs = timeBinary ? (cpu[0] + cpu[1]) * 1000 : cpu[0];
	return {rssKiB, cpuMs};
}

const exitedTitle = 'doublehop-bench-exited';
const exitedMarker = `\x1b]2;${exitedTitle}`;
let sequence = 0;

/** Starts `argv` in a new session at 100x30 with its output piped to a file. */
function launch(argv, {measureRss = false} = {}) {
	const name = `run${++sequence}`;
	const dir = mkdtempSync(join(folder, `${name}-`));
	const files = {
		output: join(dir, 'output'),
		status: join(dir, 'status'),
		rss: join(dir, 'rss'),
		state: join(dir, 'state'),
	};
	let command = argv.map(quote).join(' ');
	if (measureRss) {
		command = timeBinary
			? `${timeBinary} -f '%M %U %S' -o ${quote(files.rss)} ${command}`
			: [argv[0], '--import', rssHook(files.rss), ...argv.slice(1)].map(quote).join(' ');
	}
	// The title is set after the program has ended: once it is in the piped output, so is every
	// byte the program wrote.
	const shell = [
		command,
		`echo $? > ${quote(`${files.status}.tmp`)}`,
		`printf '\\033]2;${exitedTitle}\\033\\\\'`,
		`mv ${quote(`${files.status}.tmp`)} ${quote(files.status)}`,
	].join('; ');
	const started = performance.now();
	tmux(
		'new-session',
		'-d',
		'-s',
		name,
		'-x',
		String(cols),
		'-y',
		String(rows),
		'-e',
		`DOUBLEHOP_STATE_DIR=${files.state}`,
		shell,
		';',
		'pipe-pane',
		'-O',
		'-t',
		`${name}:0.0`,
		`cat > ${quote(files.output)}`,
	);
	return {name, files, started};
}

function written(run) {
	try {
		return readFileSync(run.files.output, 'latin1');
	} catch {
		return '';
	}
}

async function until(what, check, timeoutMs = 15_000, pollMs = 1) {
	const started = performance.now();
	while (!check()) {
		if (performance.now() - started > timeoutMs)
			throw new Error(`bench: timed out waiting for ${what}`);
		await sleep(pollMs);
	}
	return performance.now();
}

function finish(run) {
	tmux('kill-session', '-t', run.name);
}

/** (a) Time until each of `texts` has reached the terminal, in order. */
async function firstText(argv, ...texts) {
	const run = launch(argv);
	const times = [];
	for (const text of texts) {
		const at = await until(`"${text}"`, () => written(run).includes(text));
		times.push(at - run.started);
	}
	finish(run);
	return times;
}

const fold = (text) => text.replace(/\s+/g, ' ').trim();
const lastParagraph = (screen) =>
	screen
		.trimEnd()
		.split(/\n\s*\n/)
		.at(-1) ?? '';
const screenOf = (run) => tmux('capture-pane', '-p', '-t', `${run.name}:0.0`);

const questions = [
	['First hop', ''],
	['Second hop', ''],
	['Command to run on the first hop', ''],
	['User name', ''],
	['Password for CONTOSO\\admin (hidden):', 'Passw0rd!'],
	['Which method? [u/j/a/c]', 'c'],
	['I understand the risk. Continue with CredSSP to hyperv1.contoso.com only? [y/N]', 'y'],
	['Make this change on ADMIN-WS (this machine)? [y/N]', 'y'],
	['Make this change on hyperv1.contoso.com? [y/N]', 'y'],
	['Create an HTTPS listener on hyperv1.contoso.com? (optional) [y/N]', 'n'],
];

// A yes/no or a choice takes only keys typed after it was on screen this long (decisionSeenMs in
// source/ui/answer-line.ts): the bench waits it out, as a reader would, and leaves it out of (b).
const decisionSeenMs = 150;
const isDecision = (prompt) => /\[(?:y\/N|[a-z](?:\/[a-z])+)\]$/.test(prompt);

/** (b), (c), (d): the classic lab from start to exit, each question answered once it is on screen. */
async function session() {
	const run = launch([process.execPath, cli, '--lab', 'classic'], {measureRss: true});
	let waited = 0;
	for (const [prompt, answer] of questions) {
		await until(
			`the question "${prompt}"`,
			() => fold(lastParagraph(screenOf(run))).includes(fold(prompt)),
			15_000,
			5,
		);
		if (isDecision(prompt)) {
			const pause = decisionSeenMs + 20;
			await sleep(pause);
			waited += pause;
		}
		if (answer !== '') tmux('send-keys', '-t', `${run.name}:0.0`, '-l', answer);
		tmux('send-keys', '-t', `${run.name}:0.0`, 'Enter');
	}
	const ended = await until('the program to exit', () => existsSync(run.files.status));
	const code = Number(readFileSync(run.files.status, 'utf8'));
	await until('the last output', () => written(run).includes(exitedMarker));
	const size = written(run).indexOf(exitedMarker);
	await until(
		'the peak RSS',
		() => existsSync(run.files.rss) && readFileSync(run.files.rss, 'utf8').trim() !== '',
	);
	// process.resourceUsage().maxRSS is in KiB, as is /usr/bin/time's %M.
	const {rssKiB, cpuMs} = resources(run.files.rss);
	const fixed = screenOf(run).includes('Result: FIXED.');
	finish(run);
	return {ms: ended - run.started - waited, bytes: size, rssKiB, cpuMs, code, fixed};
}

async function bareRss() {
	const run = launch([process.execPath, '-e', '0'], {measureRss: true});
	await until('node -e 0 to exit', () => existsSync(run.files.status));
	await until(
		'the peak RSS',
		() => existsSync(run.files.rss) && readFileSync(run.files.rss, 'utf8').trim() !== '',
	);
	const {rssKiB} = resources(run.files.rss);
	finish(run);
	return rssKiB;
}

function stats(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	return {min: sorted[0], median, max: sorted.at(-1)};
}

const ms = (n) => `${n.toFixed(0)} ms`;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const mb = (kib) => `${(kib / 1024).toFixed(1)} MB`;
const line = (label, values, format) => {
	const s = stats(values);
	console.log(
		`  ${label.padEnd(44)} ${format(s.min).padStart(9)} ${format(s.median).padStart(9)} ${format(s.max).padStart(9)}`,
	);
	return s;
};
const goal = (ok) => (ok ? 'met' : 'NOT met');

const bare = [process.execPath, '-e', "process.stdout.write('ready\\n')"];
const tmuxVersion = execFileSync('tmux', ['-V'], {encoding: 'utf8'}).trim();
const cpus = os.cpus();
console.log('doublehop bench');
console.log(
	`  machine: ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory (${(os.freemem() / 2 ** 30).toFixed(1)} GiB free)`,
);
console.log(`  ${os.type()} ${os.release()} ${os.arch()}, node ${process.version}, ${tmuxVersion}`);
console.log(
	`  terminal: tmux pane ${cols}x${rows}; ${runs} runs each (after one warm-up), min / median / max`,
);
console.log(`  measured: ${cli}`);
const load = () =>
	os
		.loadavg()
		.map((n) => n.toFixed(2))
		.join(' ');
console.log(`  load average at start: ${load()} (other work on the machine skews every figure)`);

// Warm-up: the file cache, the first start of node and of the bundle.
await firstText(bare, 'ready');
await firstText([process.execPath, cli, '--lab', 'classic'], 'First hop');
await session();

const samples = {
	bare: [],
	exitOnly: [],
	title: [],
	first: [],
	help: [],
	session: [],
	bytes: [],
	rss: [],
	cpu: [],
	bareRss: [],
};
const failures = [];
for (let i = 0; i < runs; i++) {
	// Interleaved, so drift in the machine's load touches every figure alike.
	samples.bare.push(...(await firstText(bare, 'ready')));
	const [title, first] = await firstText(
		[process.execPath, cli, '--lab', 'classic'],
		'doublehop: PowerShell remoting',
		'First hop',
	);
	samples.title.push(title);
	samples.first.push(first);
	samples.help.push(...(await firstText([process.execPath, cli, '--help'], 'Usage')));
	const exitRun = launch([process.execPath, '-e', '0']);
	samples.exitOnly.push(
		(await until('node -e 0 to exit', () => existsSync(exitRun.files.status))) - exitRun.started,
	);
	finish(exitRun);
	const result = await session();
	if (result.code !== 0 || !result.fixed)
		failures.push(`run ${i + 1}: exit ${result.code}, fixed: ${result.fixed}`);
	samples.session.push(result.ms);
	samples.bytes.push(result.bytes);
	samples.rss.push(result.rssKiB);
	samples.cpu.push(result.cpuMs);
	samples.bareRss.push(await bareRss());
}

console.log(
	`\n  ${''.padEnd(44)} ${'min'.padStart(9)} ${'median'.padStart(9)} ${'max'.padStart(9)}`,
);
console.log('(a) start');
const bareStats = line(`node -e (prints "ready"): until on screen`, samples.bare, ms);
line('node -e 0: until it has exited', samples.exitOnly, ms);
const titleStats = line('doublehop --lab classic: first frame (heading)', samples.title, ms);
const firstStats = line('doublehop --lab classic: first question', samples.first, ms);
const helpStats = line('doublehop --help: usage on screen', samples.help, ms);
const ratio = titleStats.median / bareStats.median;
const questionRatio = firstStats.median / bareStats.median;
const helpRatio = helpStats.median / bareStats.median;
console.log(
	`  first frame / bare node start (medians):    ${ratio.toFixed(2)}x (goal <= 2.5x: ${goal(ratio <= 2.5)})`,
);
console.log(
	`  first question / bare node start (medians): ${questionRatio.toFixed(2)}x (Ink loaded)`,
);
console.log(`  --help / bare node start (medians):         ${helpRatio.toFixed(2)}x`);
console.log(
	`(b) full scripted lab session (classic, ${questions.length} questions, to "Result: FIXED."; less the ${decisionSeenMs} ms each yes/no or choice must be on screen)`,
);
const sessionStats = line('wall time, start to exit', samples.session, ms);
line('CPU time of the CLI (user + system)', samples.cpu, ms);
console.log(`  goal <= 1.5 s (median): ${goal(sessionStats.median <= 1500)}`);
console.log('(c) bytes written to the terminal in that session');
const bytesStats = line('bytes (tmux pipe-pane)', samples.bytes, kb);
console.log(`  goal <= 64 KB (max): ${goal(bytesStats.max <= 64 * 1024)}`);
console.log(
	`(d) peak RSS (${timeBinary ? '/usr/bin/time -f %M' : 'process.resourceUsage().maxRSS'})`,
);
line('doublehop, full session', samples.rss, mb);
line('node -e 0', samples.bareRss, mb);
console.log(`\n  load average at end: ${load()}`);
if (failures.length > 0)
	console.log(`\n  note: some sessions did not end fixed: ${failures.join('; ')}`);

// explain on big input: whole-process time against input size (goal: linear; 1 MB <= 2 s).
{
	const publicRows = readFileSync(join(root, 'fixtures/errors/public.jsonl'), 'utf8')
		.trim()
		.split('\n')
		.map((row) => JSON.parse(row).text)
		.join('\n');
	console.log('\n(f) doublehop explain --file on pasted logs (whole process, median of 3)');
	const sizes = [
		['100 KB', 100 * 1024],
		['1 MB', 1024 * 1024],
		['10 MB (read up to its 2 MB limit)', 10 * 1024 * 1024],
	];
	const medians = [];
	for (const [label, bytes] of sizes) {
		const file = join(folder, `explain-${bytes}.txt`);
		writeFileSync(file, publicRows.repeat(Math.ceil(bytes / publicRows.length)).slice(0, bytes));
		const times = [];
		for (let i = 0; i < 3; i++) {
			const started = performance.now();
			spawnSync(process.execPath, [cli, 'explain', '--file', file], {stdio: 'ignore'});
			times.push(performance.now() - started);
		}
		const median = times.sort((a, b) => a - b)[1];
		medians.push(median);
		console.log(`  ${label.padEnd(36)} ${(median / 1000).toFixed(2)} s`);
	}
	console.log(
		`  1 MB / 100 KB: ${(medians[1] / medians[0]).toFixed(1)}x for 10x the text; goal 1 MB <= 2 s: ${medians[1] <= 2000 ? 'met' : 'NOT met'}`,
	);
}

// explain's start: one short transcript piped in, the whole process against a bare `node -e 0`,
// run in turn (A B A B ...) so drift in the machine's load touches both alike; the ratio is taken
// pair by pair and its median quoted (goal <= 1.5x).
{
	const transcript = JSON.parse(
		readFileSync(join(root, 'fixtures/errors/public.jsonl'), 'utf8').split('\n')[0],
	).text;
	const timed = (argv, input) => {
		const started = performance.now();
		spawnSync(argv[0], argv.slice(1), {input, stdio: ['pipe', 'ignore', 'ignore']});
		return performance.now() - started;
	};
	const explainArgv = [process.execPath, cli, 'explain'];
	const bareArgv = [process.execPath, '-e', '0'];
	timed(explainArgv, transcript);
	timed(bareArgv, '');
	const explainTimes = [];
	const bareTimes = [];
	const ratios = [];
	for (let i = 0; i < Math.max(runs, 15); i++) {
		explainTimes.push(timed(explainArgv, transcript));
		bareTimes.push(timed(bareArgv, ''));
		ratios.push(explainTimes.at(-1) / bareTimes.at(-1));
	}
	console.log(`\n(g) explain's start (whole process, ${ratios.length} pairs in turn)`);
	line('doublehop explain < one transcript', explainTimes, ms);
	line('node -e 0', bareTimes, ms);
	const ratio = stats(ratios).median;
	console.log(
		`  explain / bare node start (median of the pairs): ${ratio.toFixed(2)}x (goal <= 1.5x: ${goal(ratio <= 1.5)})`,
	);
}

// The real-PowerShell path's figures (processes per run, per-operation overhead, unreachable).
console.log('\n(e) the real PowerShell host, on real pwsh against the lab stubs');
spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test/tools/bench-powershell.ts')], {
	stdio: 'inherit',
	cwd: root,
});

// Many first hops: one host against 20 and 50 lab hosts, and the real host's process count.
spawnSync(
	process.execPath,
	['--import', 'tsx', join(root, 'test/tools/bench-fleet.ts'), '--runs', String(Math.min(runs, 5))],
	{stdio: 'inherit', cwd: root},
);
