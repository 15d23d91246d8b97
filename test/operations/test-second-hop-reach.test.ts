// test-second-hop-reach: the ports looked at by protocol, the command shown on hop 1 (the name
// quoted for PowerShell, never spliced bare), and the parser of the script's flat answer.
import {expect, test} from 'vitest';
import {
	testSecondHopReach,
	testSecondHopReachCommand,
} from '../../source/operations/test-second-hop-reach.js';
import {reachPorts} from '../../source/windows/reach-ports.js';

test("the ports by protocol: Hyper-V looks at both DCOM and WS-Man, WinRM at HTTP and HTTPS; SQL Server's default port decides nothing", () => {
	expect(reachPorts('smb').ports).toEqual([445]);
	expect(reachPorts('rpc').ports).toEqual([135]);
	expect(reachPorts('dcom').ports).toEqual([135]);
	expect(reachPorts('hyper-v').ports).toEqual([135, 5985]);
	expect(reachPorts('sql')).toEqual({
		ports: [1433],
		note: expect.stringContaining('named instance'),
		notDecisive: true,
	});
	expect(reachPorts('active-directory').ports).toEqual([9389]);
	expect(reachPorts('winrm')).toEqual({ports: [5985, 5986]});
	expect(reachPorts('cim')).toEqual({ports: [5985, 5986]});
});

test('the command shown quotes the name as PowerShell reads it', () => {
	expect(testSecondHopReachCommand('hyperv1', "o'brien", [445])).toBe(
		"Invoke-Command -ComputerName hyperv1 -Credential $cred -ScriptBlock { [System.Net.Dns]::GetHostAddresses('o''brien'); foreach ($port in 445) { $tcp = New-Object System.Net.Sockets.TcpClient; $tcp.ConnectAsync('o''brien', $port).Wait(3000); $tcp.Dispose() } }",
	);
});

test('the parser: resolved with each port, one address sent as a single string, not resolved, and a bad answer', () => {
	expect(
		testSecondHopReach.parse({
			resolved: true,
			addresses: '10.0.0.22',
			answers: ['135:silent', '5985:open'],
		}),
	).toEqual({
		ok: true,
		value: {
			resolved: true,
			addresses: ['10.0.0.22'],
			ports: [
				{port: 135, answer: 'silent'},
				{port: 5985, answer: 'open'},
			],
		},
	});
	expect(testSecondHopReach.parse({resolved: false, reason: 'No such host is known'})).toEqual({
		ok: true,
		value: {resolved: false, reason: 'No such host is known'},
	});
	expect(testSecondHopReach.parse({resolved: true, addresses: [], answers: ['135:maybe']}).ok).toBe(
		false,
	);
});
