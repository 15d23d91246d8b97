// Real pwsh against the stubs: test-second-hop-reach's script resolves hop 2 on hop 1 with
// [System.Net.Dns]::GetHostAddresses and looks at its ports with TcpClient.ConnectAsync and one
// shared 3 s wait, and answers as the lab does: open, refused (WinRM with no listener), silent
// (off, or a port a firewall drops), and a name that does not resolve. GetHostAddresses is .NET's
// own, which no stub can stand in for: hop 2 is named `localhost` here, which every resolver
// knows, and the addresses (this machine's, not the lab's) are left out of the comparison.
import {describe, expect, test} from 'vitest';
import {createLabHost} from '../../source/hosts/lab/lab-host.js';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import type {Host} from '../../source/hosts/host.js';
import {Secret} from '../../source/safety/secret.js';
import {scenario as builtIn} from '../helpers/session.js';
import {noPwshReason, pwsh, scenarioCopy, stubbedHost} from './pwsh.js';

const title = `test-second-hop-reach, real pwsh against the stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;
const credential = {user: 'CONTOSO\\admin', password: new Secret('Passw0rd!')};

const localHop2 = (more?: (hop2: Scenario['machines'][string]) => void) => (scenario: Scenario) => {
	const hop2 = scenario.machines.hyperv2!;
	hop2.fqdn = 'localhost';
	more?.(hop2);
};

/** What both hosts must agree on: resolved, and each port's answer. */
async function look(host: Host, target: string) {
	const outcome = await host.testSecondHopReach(
		'hyperv1.contoso.com',
		credential,
		target,
		[135, 5985],
	);
	if (!outcome.ok) return outcome;
	const read = outcome.value;
	return read.resolved ? {resolved: true, ports: read.ports} : {resolved: false};
}

describe.skipIf(pwsh === undefined)(title, () => {
	test.each<[string, string, (scenario: Scenario) => void, string, unknown]>([
		[
			'hop 2 answers on both ports',
			'classic',
			localHop2(),
			'localhost',
			{
				resolved: true,
				ports: [
					{port: 135, answer: 'open'},
					{port: 5985, answer: 'open'},
				],
			},
		],
		[
			'hop 2 off: neither port answers',
			'hop2-off',
			localHop2(),
			'localhost',
			{
				resolved: true,
				ports: [
					{port: 135, answer: 'silent'},
					{port: 5985, answer: 'silent'},
				],
			},
		],
		[
			'135 dropped by a firewall, WinRM stopped',
			'classic',
			localHop2((hop2) => {
				hop2.filteredPorts = [135];
				hop2.winrmRunning = false;
			}),
			'localhost',
			{
				resolved: true,
				ports: [
					{port: 135, answer: 'silent'},
					{port: 5985, answer: 'refused'},
				],
			},
		],
		[
			'a name that does not resolve',
			'classic',
			localHop2(),
			'nosuchhost.invalid',
			{resolved: false},
		],
	])(
		'%s: the same answer as the lab',
		async (_case, name, edit, target, expected) => {
			const host = await stubbedHost(scenarioCopy(name, edit));
			try {
				const scenario = structuredClone(builtIn(name));
				edit(scenario);
				const lab = await look(createLabHost({scenario}), target);
				expect(lab).toEqual(expected);
				expect(await look(host, target)).toEqual(lab);
			} finally {
				await host.dispose();
			}
		},
		60_000,
	);
});
