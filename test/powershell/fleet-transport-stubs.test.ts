// The port look and HTTPS-only hosts in the real fan-out (--lab fleet-transport's hosts, over the
// stubs): before each Invoke-Command over many hosts, 5985 and 5986 of every host are looked at
// under one shared deadline; a host silent on both is told in the probe time, not WinRM's open
// time-out; a host answering only on 5986 is read, fixed and verified by a second Invoke-Command
// -UseSSL in the same script. Still one PowerShell process.
import {readFileSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {fleetCallsOf} from '../../source/hosts/fleet-calls.js';
import {createLabHost} from '../../source/hosts/lab/lab-host.js';
import type {PowerShellHost} from '../../source/hosts/powershell/powershell-host.js';
import {Secret} from '../../source/safety/secret.js';
import {noPwshReason, pwsh, scenarioCopy, stubbedHost} from './pwsh.js';
import {scenario} from '../helpers/session.js';
import {approveEveryFleetChange} from '../helpers/fleet-approve.js';

const lab = scenario('fleet-transport');
const hosts = lab.defaults.hop1.split(',');
const credential = {user: 'CONTOSO\\admin', password: new Secret('Passw0rd!')};
// Long enough that a host told by WinRM's open time-out could not pass for the port look (3 s).
const openTimeoutSeconds = 15;

const shape = (outcome: {ok: boolean; value?: unknown; error?: {message: string}}) =>
	outcome.ok ? {ok: true, value: outcome.value} : {ok: false, message: outcome.error?.message};

const title = `fleet transports on the real host over stubbed pwsh${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;

describe.skipIf(pwsh === undefined)(title, () => {
	let real: PowerShellHost;
	let state: string;
	beforeAll(async () => {
		state = scenarioCopy('fleet-transport');
		real = await stubbedHost(state, {connectTimeoutSeconds: openTimeoutSeconds});
	}, 30_000);
	afterAll(async () => {
		await real?.dispose();
	});

	test('the survey: the silent host told by the port look in ~3 s, the HTTPS-only host read with -UseSSL, as in the lab', async () => {
		const started = Date.now();
		const fromReal = await real.fleet.survey(hosts, credential, 32);
		const elapsed = Date.now() - started;
		expect(elapsed).toBeLessThan(openTimeoutSeconds * 1000 - 5000);
		const silent = fromReal['dark01.contoso.com']!.firstHop;
		expect(silent.ok ? '' : silent.error.fullyQualifiedErrorId).toBe(
			'WinRMPortNotAnswering,doublehop',
		);
		expect(fromReal['sec01.contoso.com']).toMatchObject({
			firstHop: {ok: true, value: {authentication: 'Kerberos'}},
			server: {ok: true},
			overHttps: true,
		});
		const labHost = createLabHost({scenario: structuredClone(lab)});
		const fromLab = await fleetCallsOf(labHost).survey(hosts, credential, 32);
		await labHost.dispose();
		for (const host of hosts) {
			const r = fromReal[host]!;
			const l = fromLab[host]!;
			expect({host, firstHop: shape(r.firstHop), overHttps: r.overHttps}).toEqual({
				host,
				firstHop: shape(l.firstHop),
				overHttps: l.overHttps,
			});
			expect({host, server: r.server && shape(r.server)}).toEqual({
				host,
				server: l.server && shape(l.server),
			});
		}
		// Silent hosts are not handed to WinRM; the HTTPS-only host gets an Invoke-Command of its own.
		expect(readFileSync(`${state}.fanouts`, 'utf8').trim().split('\n')).toEqual([
			'3 32',
			'1 32 UseSSL',
		]);
	}, 60_000);

	test('the whole flow: the HTTPS-only host fixed and verified with -UseSSL, in one PowerShell process', async () => {
		const end = await approveEveryFleetChange(real, {
			hosts,
			hop2: lab.defaults.hop2,
			runId: 'stubs',
		});
		const results = Object.fromEntries(end.hosts.map((row) => [row.name, row.result]));
		expect(results).toEqual({
			'web01.contoso.com': 'fixed',
			'sec01.contoso.com': 'fixed',
			'dark01.contoso.com': 'unreachable',
			'closed01.contoso.com': 'unreachable',
			'10.0.2.50': 'blocked',
		});
		const after = JSON.parse(readFileSync(state, 'utf8'));
		expect(after.machines.sec01.credssp.server).toBe(true);
		expect(after.machines['admin-ws'].allowFreshCredentials).toContain('wsman/sec01.contoso.com');
		// Survey (the password tried on web01 alone, then the others), server role, verify: each
		// one script, its HTTPS-only host by -UseSSL.
		expect(readFileSync(`${state}.fanouts`, 'utf8').trim().split('\n').slice(2)).toEqual([
			'1 32',
			'2 32',
			'1 32 UseSSL',
			'1 32',
			'1 32 UseSSL',
			'1 32',
			'1 32 UseSSL',
		]);
		expect(real.processesStarted).toBe(1);
	}, 120_000);
});
