// TEST ONLY. Runs a doublehop fix on the real PowerShell host over pwsh with the lab stubs
// (fixtures/pwsh), wired as the CLI wires a run: the same runGuided / runNonInteractive, the same
// journal hooks and the same Ctrl+C and signal handling (source/cli/interrupts.ts). The built CLI
// cannot load the stubs (only the host API can, by design), so the Ctrl+C tests and the bench run
// this instead of dist/cli.js. Node runs it with --import tsx, in one process.
//
//   node --import tsx test/tools/interrupt-harness.ts [--json] <scenario.json> <state dir>
//
// The stubs read the scenario copy (DOUBLEHOP_LAB_STATE is set here); DOUBLEHOP_STUB_HANG_SECONDS
// makes every Invoke-Command hang. With --json it says "running <operation>" on stderr as each
// operation starts, so a test knows when to send its signal, and answers yes to every change.
import {resolve} from 'node:path';
import {runGuided} from '../../source/cli/guided.js';
import {runNonInteractive} from '../../source/cli/non-interactive.js';
import {combineHooks} from '../../source/flow/runner.js';
import {findPowerShell} from '../../source/hosts/powershell/find-powershell.js';
import {createPowerShellHost} from '../../source/hosts/powershell/powershell-host.js';
import {journalHooks, journalPath} from '../../source/report/journal.js';
import {Secret} from '../../source/safety/secret.js';
import {initialState} from '../../source/tree/reducer.js';

const args = process.argv.slice(2);
const json = args[0] === '--json';
// Anything after the state folder is ignored: tests pass a marker that names their process.
const [scenarioFile, stateDir] = json ? args.slice(1) : args;
if (scenarioFile === undefined || stateDir === undefined) {
	process.stderr.write('usage: interrupt-harness.ts [--json] <scenario.json> <state dir>\n');
	process.exit(2);
}
const found = await findPowerShell({use: 'pwsh'});
if (!found.found) {
	process.stderr.write(`interrupt-harness: ${found.message}\n`);
	process.exit(2);
}
process.env.DOUBLEHOP_LAB_STATE = scenarioFile;
const host = createPowerShellHost({
	powershell: found,
	testOnlyModule: resolve(import.meta.dirname, '../../fixtures/pwsh/DoublehopLabStubs.psm1'),
});
const runId = `${new Date().toISOString()}-harness`;
const initial = initialState({
	inputs: {
		hop1: 'hyperv1.contoso.com',
		hop2: 'hyperv2.contoso.com',
		user: 'CONTOSO\\admin',
		command: 'Get-VM -ComputerName hyperv2.contoso.com',
	},
	runId,
});
const journal = journalHooks(journalPath(stateDir, 'powershell'), runId);
const progress = combineHooks(journal, {
	onEvent(event) {
		if (json && event.type === 'operation-started')
			process.stderr.write(`running ${event.operation.name}\n`);
	},
});

const write = (text: string) => process.stdout.write(text);
const exitNow = (code: number) => process.exit(code);
process.exitCode = json
	? await runNonInteractive({
			host,
			initial,
			hooks: progress,
			policy: {yes: true, steps: ['client', 'server'], password: new Secret('Passw0rd!')},
			version: 'harness',
			write,
			exitNow,
		})
	: await runGuided({
			host,
			initial,
			hooks: progress,
			color: false,
			ascii: false,
			screenReader: false,
			stdinIsTTY: process.stdin.isTTY === true,
			writeError: (text) => process.stderr.write(text),
			writeOutput: write,
			exitNow,
		});
// As the CLI does: a PowerShell child or a stdin listener must not keep the process alive.
process.exit();
