// A fleet with one first hop whose computer account has no WSMAN SPNs: CredSSP asks Kerberos for
// WSMAN/<name as typed>, so on that host it could only NTLM-authenticate the server (0x803381A4).
// As for one host (missing-spn.test.tsx), each first hop's SPNs are read before any change, one
// read per host, each shown; that host is blocked with the setspn -S a domain admin runs, nothing
// is changed on it, and the others are fixed.
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import type {LabHost} from '../../source/hosts/lab/lab-host.js';
import {fold, labPassword, scenario} from '../helpers/session.js';
import {machine, pause, startFleet} from '../helpers/fleet-session.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe('a fleet with one first hop missing its WSMAN SPNs', () => {
	test('each host is read once, shown; hv02 is blocked with setspn -S and left as it was, and the others are fixed', async () => {
		const reads: string[][] = [];
		const run = await startFleet(
			mkdtempSync(join(tmpdir(), 'dh-fleet-spn-')),
			false,
			undefined,
			'fleet-missing-spn',
			(host: LabHost) => {
				const read = host.readWsmanSpn.bind(host);
				host.readWsmanSpn = async (spns) => {
					reads.push(spns);
					return read(spns);
				};
			},
		);
		unmount = run.unmount;
		await run.answer('User name', '');
		await run.answer('Password for CONTOSO\\admin', labPassword);
		// Only hv01 and hv03 are offered: hv02 is blocked before any question.
		await run.answer('Add these 2 hosts', 'y');
		await run.answer('Enable the CredSSP server role on these 2 hosts?', 'y');
		const end = await run.runner.finished;
		await pause(30);
		const screen = fold(run.screen());
		expect(reads).toEqual([
			['WSMAN/hv01.contoso.com', 'WSMAN/hv01'],
			['WSMAN/hv02.contoso.com', 'WSMAN/hv02'],
			['WSMAN/hv03.contoso.com', 'WSMAN/hv03'],
		]);
		// Each read as the admin would type it, and what it found.
		expect(screen).toContain(
			"PS> ([adsisearcher]'(servicePrincipalName=WSMAN/hv02.contoso.com)').FindAll()",
		);
		expect(screen).toContain(
			"1 hv01.contoso.com: WSMAN/hv01.contoso.com and WSMAN/hv01 are registered for HV01's computer account: CredSSP can authenticate hv01.contoso.com with Kerberos.",
		);
		expect(screen).toContain(
			'2 hv02.contoso.com: no account holds WSMAN/hv02.contoso.com and WSMAN/hv02: CredSSP cannot authenticate it; blocked, nothing will be changed on it.',
		);
		expect(screen).toContain(
			"someone allowed to write the servicePrincipalName of HV02's computer account",
		);
		expect(screen).toContain(
			"Next: Blocked (no WSMAN SPN): hv02.contoso.com; what to do: the host's line under the table. From here, for it: PS> setspn -S WSMAN/hv02.contoso.com HV02; setspn -S WSMAN/hv02 HV02",
		);
		expect(screen).toContain('Result: BLOCKED. 3 first hops: 2 fixed, 1 blocked');
		expect(screen).not.toContain('still failing with CredSSP');
		const result = (name: string) => end.hosts.find((row) => row.name === name)?.result;
		expect([
			result('hv01.contoso.com'),
			result('hv02.contoso.com'),
			result('hv03.contoso.com'),
		]).toEqual(['fixed', 'blocked', 'fixed']);
		// Nothing changed for hv02: its server role, and this machine's list has no entry for it.
		expect(end.changes.filter((change) => change.fleetHost === 'hv02.contoso.com')).toEqual([]);
		expect(machine(run.host, 'hv02')).toEqual(scenario('fleet-missing-spn').machines['hv02']);
		expect(machine(run.host, 'admin-ws').allowFreshCredentials).toEqual([
			'wsman/hv01.contoso.com',
			'wsman/hv03.contoso.com',
		]);
		expect(machine(run.host, 'hv01').credssp.server).toBe(true);
		expect(machine(run.host, 'hv03').credssp.server).toBe(true);
	});
});
