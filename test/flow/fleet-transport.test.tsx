// A fleet whose first hops are reached different ways (--lab fleet-transport), by keystrokes: the
// table says which host is reached over HTTPS (5986), which answers on no port and which refuses;
// the HTTPS-only host is fixed like the others, and undo --hop1 takes back its changes alone.
import {spawnSync} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {render} from 'ink-testing-library';
import stripAnsi from 'strip-ansi';
import {afterEach, describe, expect, test} from 'vitest';
import {setUpRun} from '../../source/cli/run-setup.js';
import {fleetRunner} from '../../source/cli/fleet.js';
import type {LabHost} from '../../source/hosts/lab/lab-host.js';
import {createLabHost} from '../../source/hosts/lab/lab-host.js';
import {FleetApp} from '../../source/ui/fleet-app.js';
import {decisionSeenMs} from '../../source/ui/app.js';
import {fold, labPassword, scenario} from '../helpers/session.js';

const root = join(import.meta.dirname, '../..');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe('first hops over HTTP, HTTPS, NTLM or none (--lab fleet-transport)', () => {
	test('the HTTPS-only host is shown, fixed over HTTPS and undone on its own', async () => {
		const stateDir = mkdtempSync(join(tmpdir(), 'dh-fleet-transport-'));
		process.env.DOUBLEHOP_STATE_DIR = stateDir;
		const prepared = await setUpRun({
			lab: 'fleet-transport',
			labReset: false,
			mode: 'fix',
			dryRun: false,
			inputs: {},
		});
		if (!prepared.ok) throw new Error(prepared.message);
		const {setup} = prepared;
		const runner = fleetRunner({
			setup,
			hosts: (setup.defaults.hop1 ?? '').split(','),
			inputs: {},
			dryRun: false,
			undoCommand: 'doublehop undo --lab fleet-transport',
		});
		const ui = render(
			<FleetApp
				runner={runner}
				theme={{color: false, ascii: true}}
				hostDescription={setup.host.description}
				onInterrupt={() => runner.dispatch({type: 'interrupt'})}
			/>,
		);
		unmount = () => ui.unmount();
		const screen = () => stripAnsi(ui.lastFrame() ?? '');
		const answer = async (prompt: string, text: string) => {
			const start = Date.now();
			while (!fold(screen().trimEnd().split('\n').slice(-3).join(' ')).includes(prompt)) {
				if (Date.now() - start > 4000) throw new Error(`No prompt ${prompt}. Screen:\n${screen()}`);
				await pause(10);
			}
			await pause(decisionSeenMs + 20);
			ui.stdin.write(text);
			await pause(5);
			ui.stdin.write('\r');
		};

		await answer('User name', '');
		await answer('Password for CONTOSO\\admin', labPassword);
		await answer('Add this host to this machine', 'y');
		const table = fold(screen());
		expect(table).toMatch(
			/2 sec01\.contoso\.com \(HTTPS\) needs both not in the delegation list; server role off; over HTTPS \(5986\)/,
		);
		expect(table).toMatch(/3 dark01\.contoso\.com unreachable no answer \(network, firewall\)/);
		expect(table).toMatch(/4 closed01\.contoso\.com unreachable WinRM not listening/);
		expect(table).toMatch(/5 10\.0\.2\.50 blocked reached with NTLM, not Kerberos/);
		await answer('Enable the CredSSP server role on these 2 hosts?', 'y');
		const end = await runner.finished;
		await pause(30);
		// The server role's command, shown before the yes: the HTTPS-only host by -UseSSL.
		expect(fold(screen())).toMatch(/Invoke-Command -ComputerName \$httpsHosts -UseSSL/);
		expect(fold(screen())).toMatch(/2 sec01\.contoso\.com \(HTTPS\) FIXED/);
		expect(end.hosts.map((row) => row.result)).toEqual([
			'fixed',
			'fixed',
			'unreachable',
			'unreachable',
			'blocked',
		]);
		const lab = scenario('fleet-transport');
		const host = setup.host as LabHost;
		expect(host.snapshot().machines.sec01!.credssp.server).toBe(true);
		expect(host.snapshot().machines['admin-ws']!.allowFreshCredentials).toEqual([
			'wsman/web01.contoso.com',
			'wsman/sec01.contoso.com',
		]);
		for (const key of ['dark01', 'closed01', 'ntlm01'])
			expect(host.snapshot().machines[key]).toEqual(lab.machines[key]);

		// Undo for sec01 alone, as an admin types it later: over HTTPS again, web01 untouched.
		const undo = spawnSync(
			process.execPath,
			[
				join(root, 'dist/cli.js'),
				'undo',
				'--lab',
				'fleet-transport',
				'--hop1',
				'sec01.contoso.com',
				'--yes',
				'--json',
				'--password-stdin',
			],
			{
				input: `${labPassword}\n`,
				encoding: 'utf8',
				env: {...process.env, DOUBLEHOP_STATE_DIR: stateDir, CI: 'true'},
				timeout: 20_000,
			},
		);
		expect(undo.status, undo.stdout + undo.stderr).toBe(0);
		const after = createLabHost({
			scenario: lab,
			stateFile: join(stateDir, 'lab', 'fleet-transport.json'),
		}).snapshot();
		expect(after.machines.sec01!.credssp.server).toBe(false);
		expect(after.machines['admin-ws']!.allowFreshCredentials).toEqual(['wsman/web01.contoso.com']);
		expect(after.machines.web01!.credssp.server).toBe(true);
	});
});
