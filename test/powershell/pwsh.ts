// Shared by the real-pwsh tests: where pwsh is (or why it is absent), a private copy of a lab
// scenario for the stubs to read and write, and a host wired to the stub module.
import {execFileSync} from 'node:child_process';
import {copyFileSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import {findPowerShell} from '../../source/hosts/powershell/find-powershell.js';
import type {FoundPowerShell} from '../../source/hosts/powershell/find-powershell.js';
import {createPowerShellHost} from '../../source/hosts/powershell/powershell-host.js';
import type {
	PowerShellHost,
	PowerShellHostOptions,
} from '../../source/hosts/powershell/powershell-host.js';

export const stubModule = resolve('fixtures/pwsh/DoublehopLabStubs.psm1');

const found = await findPowerShell({use: 'pwsh'});
export const pwsh: FoundPowerShell | undefined = found.found ? found : undefined;
export const noPwshReason = found.found
	? ''
	: `${found.message} Run .ci/install-pwsh.sh to enable the real-pwsh tier.`;
if (!found.found) console.warn(`[real-pwsh tier skipped] ${noPwshReason}`);

/** The stand-in for Windows PowerShell 5.1's console host (test/tools/powershell51). */
export const windowsPowerShellStandIn = resolve('test/tools/powershell51/powershell');
/** What the stand-in logs (DOUBLEHOP_STANDIN_LOG) after a line that leaves it in block mode. */
export const standInBlockModeMark = '# stand-in: block mode';
// The stand-in runs the pwsh found here, not one it looks for itself: a test may set HOME to an
// empty folder, and pwsh found only under ~/.dotnet/tools (not on PATH) would then be missing.
if (pwsh !== undefined) process.env.DOUBLEHOP_STANDIN_PWSH ??= pwsh.executable;

export type ConsoleHost = {
	name: string;
	powershell: FoundPowerShell;
};

/**
 * The two ways a console host reads `-Command -` from redirected stdin: pwsh 7 through Console.In,
 * Windows PowerShell 5.1 through its own buffered reader. Every real-pwsh test runs on both.
 */
export const consoleHosts: ConsoleHost[] =
	pwsh === undefined
		? []
		: [
				{name: 'pwsh 7 console host', powershell: pwsh},
				{
					name: 'Windows PowerShell 5.1 console host (stand-in)',
					powershell: {found: true, kind: 'powershell', executable: windowsPowerShellStandIn},
				},
			];

function loadScenario(name: string): Scenario {
	return JSON.parse(
		readFileSync(resolve('source/hosts/lab/scenarios', `${name}.json`), 'utf8'),
	) as Scenario;
}

/** A private copy of a scenario (optionally edited) that the stub module reads and writes. */
export function scenarioCopy(name: string, edit?: (scenario: Scenario) => void): string {
	const path = join(mkdtempSync(join(tmpdir(), 'doublehop-lab-')), `${name}.json`);
	if (edit === undefined) {
		copyFileSync(resolve('source/hosts/lab/scenarios', `${name}.json`), path);
	} else {
		const scenario = loadScenario(name);
		edit(scenario);
		writeFileSync(path, JSON.stringify(scenario, null, 2));
	}
	return path;
}

/**
 * A real host over real pwsh with the stubs imported, its process already started. The stubs read
 * the scenario path (and test controls) from the environment pwsh inherits when it starts.
 */
export async function stubbedHost(
	statePath: string,
	options: Partial<PowerShellHostOptions> = {},
	environment: Record<string, string> = {},
): Promise<PowerShellHost> {
	if (pwsh === undefined) throw new Error(noPwshReason);
	const names = ['DOUBLEHOP_LAB_STATE', ...Object.keys(environment)];
	const saved = names.map((name) => [name, process.env[name]] as const);
	Object.assign(process.env, {DOUBLEHOP_LAB_STATE: statePath, ...environment});
	const host = createPowerShellHost({
		powershell: pwsh,
		testOnlyModule: stubModule,
		connectTimeoutSeconds: 1,
		timeoutSeconds: 20,
		...options,
	});
	try {
		await host.localContext();
	} finally {
		for (const [name, value] of saved) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
	}
	return host;
}

/**
 * `driver` run under pwsh as `-File driver <stub module> <files...>`, each file written to a
 * scratch folder first, against the lab state `state`: what it printed.
 */
export function runWithStubs(driver: string, files: string[], state: string): string {
	const folder = mkdtempSync(join(tmpdir(), 'doublehop-stubs-run-'));
	const paths = [driver, ...files].map((text, index) => {
		const path = join(folder, `${index}.ps1`);
		writeFileSync(path, text, 'utf8');
		return path;
	});
	return execFileSync(
		pwsh?.executable ?? 'pwsh',
		['-NoProfile', '-NonInteractive', '-File', paths[0]!, stubModule, ...paths.slice(1)],
		{
			encoding: 'utf8',
			timeout: 120_000,
			env: {...process.env, DOUBLEHOP_LAB_STATE: state},
			cwd: dirname(state),
		},
	);
}

/** An --export script's "# Undo:" lines after line `undoAt`, uncommented, as an approver runs them. */
export function exportedUndo(lines: readonly string[], undoAt: number): string {
	const undo: string[] = [];
	for (const line of lines.slice(undoAt + 1)) {
		if (!line.startsWith('#   ')) break;
		undo.push(line.slice(4));
	}
	return undo.join('\n');
}
