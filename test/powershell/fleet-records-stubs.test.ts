// What one Invoke-Command -ComputerName <many> -ErrorAction SilentlyContinue -ErrorVariable gives
// back, as PowerShell's own source builds it, checked on the stubs (fleet-fan-out.ts reads it):
// - each output carries PSComputerName (ConnectionInfo.ComputerName: the name as given, trimmed, an
//   IPv6 address in brackets), RunspaceId and PSShowComputerName (Job.cs HandleOutputReady;
//   RunspaceConnectionInfo.cs ConstructUri);
// - a host whose session fails to open gives ONE plain ErrorRecord: TargetObject the name, FQID
//   <transport id>,PSSessionStateBroken with no command name after it, ErrorDetails "[name] ..."
//   (Job.cs ProcessJobFailure; psstreamobject.cs WriteStreamObject sets PreserveInvocationInfoOnce);
// - a failure on the host gives ONE RemotingErrorRecord whose OriginInfo names the host, and what
//   the host wrote before it still arrives (outputs are written as they come, HandleOutputReady).
import {execFileSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {fleetCallsOf} from '../../source/hosts/fleet-calls.js';
import {createLabHost} from '../../source/hosts/lab/lab-host.js';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import type {PowerShellHost} from '../../source/hosts/powershell/powershell-host.js';
import {Secret} from '../../source/safety/secret.js';
import {noPwshReason, pwsh, scenarioCopy, stubbedHost, stubModule} from './pwsh.js';
import {scenario} from '../helpers/session.js';

// web01 also answers on an IPv6 address, which the admin's TrustedHosts lists (NTLM over HTTP).
const withIPv6 = (scenario: Scenario) => {
	scenario.machines.web01!.addresses.push('fd00::10');
	scenario.machines['admin-ws']!.trustedHosts = ['10.0.2.50', 'fd00::10'];
};

const probe = String.raw`
Import-Module '${stubModule}'
$ErrorActionPreference = 'Stop'
$credential = [pscredential]::new('CONTOSO\admin', (ConvertTo-SecureString 'Passw0rd!' -AsPlainText -Force))
$option = [System.Management.Automation.Remoting.PSSessionOption]::new()
$option.OpenTimeout = [TimeSpan]::FromSeconds(1)
$names = 'WEB01.contoso.com', 'closed01.contoso.com', 'nosuch.contoso.com', '10.0.2.50', 'fd00::10'
$problems = $null
$answers = @(Invoke-Command -ComputerName $names -Credential $credential -ThrottleLimit 8 -SessionOption $option -ScriptBlock {
	$ErrorActionPreference = 'Stop'
	'before'
	if ($env:COMPUTERNAME -eq 'NTLM01') { throw 'boom' }
	'after'
} -ErrorAction SilentlyContinue -ErrorVariable problems)
@{
	answers = @($answers | ForEach-Object { @{text = [string]$_; from = [string]$_.PSComputerName; runspace = [string]$_.RunspaceId; show = $_.PSShowComputerName} })
	problems = @($problems | ForEach-Object { @{
		type = $_.GetType().Name
		target = [string]$_.TargetObject
		origin = if ($_ -is [System.Management.Automation.Runspaces.RemotingErrorRecord]) { [string]$_.OriginInfo.PSComputerName } else { $null }
		id = $_.FullyQualifiedErrorId
		details = if ($_.ErrorDetails) { $_.ErrorDetails.Message } else { $null }
		message = $_.Exception.Message
	} })
} | ConvertTo-Json -Depth 4
`;

type Probe = {
	answers: {text: string; from: string; runspace: string; show: boolean}[];
	problems: {
		type: string;
		target: string;
		origin: string | null;
		id: string;
		details: string | null;
		message: string;
	}[];
};

const credential = {user: 'CONTOSO\\admin', password: new Secret('Passw0rd!')};
const title = `Invoke-Command over many hosts on the stubs, as PowerShell builds its records${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;

describe.skipIf(pwsh === undefined)(title, () => {
	let result: Probe;
	let real: PowerShellHost;
	let state: string;
	beforeAll(async () => {
		const script = join(tmpdir(), `doublehop-fleet-records-${process.pid}.ps1`);
		writeFileSync(script, probe);
		const probeState = scenarioCopy('fleet-transport', withIPv6);
		const text = execFileSync(
			pwsh!.executable,
			['-NoProfile', '-NonInteractive', '-File', script],
			{
				env: {...process.env, DOUBLEHOP_LAB_STATE: probeState},
				encoding: 'utf8',
			},
		);
		result = JSON.parse(text) as Probe;
		state = scenarioCopy('fleet-transport', withIPv6);
		real = await stubbedHost(state);
	}, 60_000);
	afterAll(async () => {
		await real?.dispose();
	});

	test("outputs carry the name as given (an IPv6 address bracketed), one RunspaceId per host, PSShowComputerName; a failing host's output before its error arrives", () => {
		// Hosts answer in the order they finish, interleaved; each host's own outputs keep their order.
		const byHost: Record<string, string[]> = {};
		for (const answer of result.answers) (byHost[answer.from] ??= []).push(answer.text);
		expect(byHost).toEqual({
			'WEB01.contoso.com': ['before', 'after'],
			'10.0.2.50': ['before'],
			'[fd00::10]': ['before', 'after'],
		});
		expect(result.answers.every((answer) => answer.show === true)).toBe(true);
		const runspaces = new Map<string, Set<string>>();
		for (const answer of result.answers) {
			expect(answer.runspace).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
			runspaces.set(answer.from, (runspaces.get(answer.from) ?? new Set()).add(answer.runspace));
		}
		expect([...runspaces.values()].map((ids) => ids.size)).toEqual([1, 1, 1]);
		expect(new Set([...runspaces.values()].flatMap((ids) => [...ids])).size).toBe(3);
	});

	test('-ErrorVariable holds exactly one record per failed host: a failed open by name, a failure on the host by OriginInfo', () => {
		// In the order the hosts fail, which is not the order given.
		const byHost = Object.fromEntries(
			result.problems.map((problem) => [problem.origin ?? problem.target, problem]),
		);
		expect(result.problems).toHaveLength(3);
		expect(
			Object.values(byHost).map(({type, target, origin, id}) => ({type, target, origin, id})),
		).toEqual(
			expect.arrayContaining([
				{
					type: 'ErrorRecord',
					target: 'closed01.contoso.com',
					origin: null,
					id: 'CannotConnect,PSSessionStateBroken',
				},
				{
					type: 'ErrorRecord',
					target: 'nosuch.contoso.com',
					origin: null,
					id: 'NetworkPathNotFound,PSSessionStateBroken',
				},
				{type: 'RemotingErrorRecord', target: 'boom', origin: '10.0.2.50', id: 'boom'},
			]),
		);
		expect(byHost['closed01.contoso.com']!.details).toMatch(
			/^\[closed01\.contoso\.com\] Connecting to remote server closed01\.contoso\.com failed with the following error message : The client cannot connect/,
		);
		expect(byHost['10.0.2.50']!.message).toBe('boom');
	});

	test('the survey over an IPv6 first hop gives that host its own answer (PSComputerName is the address in brackets)', async () => {
		const hosts = ['fd00::10', 'web01.contoso.com'];
		const fromReal = await real.fleet.survey(hosts, credential, 32);
		const lab = structuredClone(scenario('fleet-transport'));
		withIPv6(lab);
		const labHost = createLabHost({scenario: lab});
		const fromLab = await fleetCallsOf(labHost).survey(hosts, credential, 32);
		await labHost.dispose();
		expect(fromReal['fd00::10']!.firstHop).toMatchObject({
			ok: true,
			value: {authentication: 'NTLM'},
		});
		expect(fromReal['fd00::10']!.firstHop.ok).toBe(fromLab['fd00::10']!.firstHop.ok);
		expect(fromReal['web01.contoso.com']!.firstHop.ok).toBe(true);
	}, 60_000);

	test("a `throw` in the admin's command on the only host of an Invoke-Command is that host's error; the other hosts keep theirs", async () => {
		// web01 alone over HTTP, sec01 alone over HTTPS: two Invoke-Commands of one name each. With
		// one name, PowerShell re-throws a remote `throw` statement as a terminating error.
		const edit = (scenario: Scenario) => {
			scenario.machines.web01!.credssp.server = true;
		};
		const hosts = ['web01.contoso.com', 'sec01.contoso.com'];
		const command = "throw 'not here'";
		const host = await stubbedHost(scenarioCopy('fleet-transport', edit));
		const fromReal = await host.fleet.verify(hosts, credential, command, 32);
		await host.dispose();
		const lab = structuredClone(scenario('fleet-transport'));
		edit(lab);
		const labHost = createLabHost({scenario: lab});
		const fromLab = await fleetCallsOf(labHost).verify(hosts, credential, command, 32);
		await labHost.dispose();
		const web01 = fromReal['web01.contoso.com']!;
		expect(web01.ok ? '' : web01.error.message).toContain('not here');
		const sec01 = fromReal['sec01.contoso.com']!;
		const sec01Lab = fromLab['sec01.contoso.com']!;
		expect(sec01.ok ? '' : sec01.error.message.split('\n')[0]).toBe(
			sec01Lab.ok ? '' : sec01Lab.error.message.split('\n')[0],
		);
		expect(sec01.ok ? '' : sec01.error.message).not.toContain('not here');
	}, 60_000);
});
