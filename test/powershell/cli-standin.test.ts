// The built CLI on the real host, as an admin runs it on Windows PowerShell 5.1: --powershell names
// the 5.1 console-host stand-in, which plays the machines with the lab stubs. A credentialed
// diagnosis, then a full --json --yes fix on the classic scenario, checked against the machines'
// state after; and no command text the console host ran holds the password, or left it waiting
// for the empty line that ends a multi-line statement (block mode: it would never have run).
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {describe, expect, test} from 'vitest';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import {
	noPwshReason,
	pwsh,
	scenarioCopy,
	standInBlockModeMark,
	stubModule,
	windowsPowerShellStandIn,
} from './pwsh.js';

const cli = resolve('dist/cli.js');
const password = 'Passw0rd!';
const targets = [
	'--hop1',
	'hyperv1.contoso.com',
	'--hop2',
	'hyperv2.contoso.com',
	'--user',
	'CONTOSO\\admin',
];

type Run = {code: number | null; report: Record<string, unknown>; commands: string};

function runCli(state: string, args: string[]): Promise<Run> {
	const folder = mkdtempSync(join(tmpdir(), 'doublehop-cli-standin-'));
	const commandLog = join(folder, 'commands.log');
	const child = spawn(
		process.execPath,
		[
			cli,
			'--powershell',
			windowsPowerShellStandIn,
			'--json',
			'--password-stdin',
			...targets,
			...args,
		],
		{
			env: {
				...process.env,
				CI: 'true',
				DOUBLEHOP_STATE_DIR: join(folder, 'state'),
				DOUBLEHOP_LAB_STATE: state,
				DOUBLEHOP_STANDIN_STUBS: stubModule,
				DOUBLEHOP_STANDIN_LOG: commandLog,
				DOUBLEHOP_STUB_POLICY_POLL_SECONDS: '0',
			},
		},
	);
	let stdout = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stdin.end(`${password}\n`);
	return new Promise((done) => {
		child.on('close', (code) =>
			done({
				code,
				report: JSON.parse(stdout) as Record<string, unknown>,
				commands: readFileSync(commandLog, 'utf8'),
			}),
		);
	});
}

const title = `the built CLI on the Windows PowerShell 5.1 console host${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;

describe.skipIf(pwsh === undefined)(title, () => {
	test('diagnoses with the credential: the second hop fails, the changes are named, nothing changes', async () => {
		const state = scenarioCopy('classic');
		const before = readFileSync(state, 'utf8');
		const {code, report, commands} = await runCli(state, []);
		expect(code).toBe(1);
		expect(report.verdict).toBe('needs-changes');
		const steps = report.steps as {
			stage: string;
			status: string;
			error?: {fullyQualifiedErrorId: string};
		}[];
		expect(steps.find((step) => step.stage === 'second-hop')?.error?.fullyQualifiedErrorId).toBe(
			'AccessDenied,Microsoft.HyperV.PowerShell.Commands.GetVMCommand',
		);
		expect(readFileSync(state, 'utf8')).toBe(before);
		expect(commands).toContain('Receive-DoublehopCredential');
		expect(commands).not.toContain(standInBlockModeMark);
		expect(commands).not.toContain(password);
		expect(commands).not.toContain(Buffer.from(password).toString('base64'));
	}, 60_000);

	test('fixes with --yes: client, server and verify, one session per hop plus one for CredSSP', async () => {
		const state = scenarioCopy('classic');
		const {code, report, commands} = await runCli(state, ['--yes', '--steps', 'client,server']);
		expect(code).toBe(0);
		expect(report.verdict).toBe('fixed');
		const machines = (JSON.parse(readFileSync(state, 'utf8')) as Scenario).machines;
		expect(machines['admin-ws']!.credssp.client).toBe(true);
		expect(machines['admin-ws']!.allowFreshCredentials).toEqual(['wsman/hyperv1.contoso.com']);
		expect(machines.hyperv1!.credssp.server).toBe(true);
		const opened = readFileSync(`${state}.sessions`, 'utf8').trim().split('\n');
		expect(opened).toEqual(['hyperv1.contoso.com Default', 'hyperv1.contoso.com CredSSP']);
		expect(commands).not.toContain(standInBlockModeMark);
		expect(commands).not.toContain(password);
		expect(commands).not.toContain(Buffer.from(password).toString('base64'));
	}, 90_000);

	test('a slow first hop (4 s to open) is waited for by default, and --connect-timeout 2 gives up as WinRM words it', async () => {
		const slow = await runCli(scenarioCopy('slow-link'), []);
		expect(slow.report.verdict).toBe('needs-changes');
		const patient = await runCli(scenarioCopy('slow-link'), ['--connect-timeout', '2']);
		expect(patient.code).toBe(2);
		const steps = patient.report.steps as {
			stage: string;
			error?: {fullyQualifiedErrorId: string};
		}[];
		expect(steps.find((step) => step.stage === 'first-hop')?.error?.fullyQualifiedErrorId).toBe(
			'WinRMOperationTimeout,PSSessionOpenFailed',
		);
	}, 60_000);
});
