// Many first hops on the real host: each fleet call is one Invoke-Command -ComputerName <many>
// -ThrottleLimit in the run's one PowerShell process, run against the stubs, and it answers as
// the lab does, host by host (errors sorted to their host by TargetObject or OriginInfo).
import {existsSync, readFileSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {Host} from '../../source/hosts/host.js';
import {fleetCallsOf} from '../../source/hosts/fleet-calls.js';
import {createLabHost} from '../../source/hosts/lab/lab-host.js';
import type {PowerShellHost} from '../../source/hosts/powershell/powershell-host.js';
import {Secret} from '../../source/safety/secret.js';
import {noPwshReason, pwsh, scenarioCopy, stubbedHost} from './pwsh.js';
import {scenario} from '../helpers/session.js';
import {approveEveryFleetChange} from '../helpers/fleet-approve.js';

const lab = scenario('fleet');
const hosts = lab.defaults.hop1.split(',');
const credential = {user: 'CONTOSO\\admin', password: new Secret('Passw0rd!')};

/** What must agree: each host's answer, with the error's id and first line. */
function shape(outcome: {
	ok: boolean;
	value?: unknown;
	error?: {fullyQualifiedErrorId: string; message: string};
}) {
	return outcome.ok
		? {ok: true, value: outcome.value}
		: {
				ok: false,
				// The lab opens a session first (New-PSSession: <Id>,PSSessionOpenFailed); one
				// Invoke-Command over many hosts words the same failure <Id>,PSSessionStateBroken.
				id: outcome.error?.fullyQualifiedErrorId.split(',')[0],
				message: outcome.error?.message.split('\n')[0],
			};
}

const title = `fleet calls on the real host over stubbed pwsh${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;

describe.skipIf(pwsh === undefined)(title, () => {
	let real: PowerShellHost;
	let labHost: Host;
	let state: string;
	beforeAll(async () => {
		state = scenarioCopy('fleet');
		real = await stubbedHost(state);
		labHost = createLabHost({scenario: structuredClone(lab)});
	}, 30_000);
	afterAll(async () => {
		await real?.dispose();
		await labHost?.dispose();
	});

	test('the survey of 23 hosts is one fan-out (the silent host told by the port look), and each host answers as in the lab', async () => {
		const fromReal = await real.fleet.survey(hosts, credential, 32);
		const fromLab = await fleetCallsOf(labHost).survey(hosts, credential, 32);
		// Where nothing answers, both look at WinRM's ports first: the port look's own record, in
		// the lab and in the real fan-out alike, and the host is not handed to WinRM.
		const silent = fromReal['hv21.contoso.com']!.firstHop;
		expect(silent.ok ? '' : silent.error.fullyQualifiedErrorId).toBe(
			'WinRMPortNotAnswering,doublehop',
		);
		for (const host of hosts) {
			const r = fromReal[host]!;
			const l = fromLab[host]!;
			expect({host, firstHop: shape(r.firstHop)}).toEqual({host, firstHop: shape(l.firstHop)});
			expect({host, server: r.server && shape(r.server)}).toEqual({
				host,
				server: l.server && shape(l.server),
			});
		}
		expect(readFileSync(`${state}.fanouts`, 'utf8').trim().split('\n')).toEqual(['22 32']);
	}, 60_000);

	test('the whole fleet flow with every change approved: one PowerShell process, results per host', async () => {
		const end = await approveEveryFleetChange(real, {
			hosts,
			hop2: lab.defaults.hop2,
			runId: 'stubs',
		});
		const results = Object.fromEntries(
			end.hosts.map((row) => [row.name.split('.')[0], row.result]),
		);
		expect(results).toMatchObject({
			hv01: 'already-fixed',
			hv05: 'fixed',
			hv09: 'fixed',
			hv13: 'fixed',
			hv19: 'blocked',
			hv21: 'unreachable',
			hv22: 'unreachable',
			hv23: 'unreachable',
		});
		const after = JSON.parse(readFileSync(state, 'utf8'));
		expect(after.machines.hv13.credssp.server).toBe(true);
		expect(after.machines['admin-ws'].allowFreshCredentials).toContain('wsman/hv13.contoso.com');
		expect(after.machines.hv19.credssp.server).toBe(false);
		// Survey (the password tried on one host, then the other 21 at once), server role, verify:
		// fan-outs, never one process per host.
		expect(readFileSync(`${state}.fanouts`, 'utf8').trim().split('\n').slice(1)).toEqual([
			'1 32',
			'21 32',
			'10 32',
			'18 32',
		]);
		expect(real.processesStarted).toBe(1);
		expect(existsSync(state)).toBe(true);
	}, 120_000);
});
