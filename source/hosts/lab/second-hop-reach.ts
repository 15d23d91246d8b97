// How the lab answers test-second-hop-reach, as hop 1 would: a name none of the lab's machines
// has does not resolve (Dns.GetHostAddresses throws SocketException WSAHOST_NOT_FOUND, "No such
// host is known"); a machine that is not reachable, or whose firewall drops the port, leaves the
// connect unanswered. WinRM's ports answer where a listener is (as the first hop's port look does,
// fixtures/pwsh New-Object TcpClient), and are refused at once where none is; the lab's machines
// run the other services the command may use (RPC's endpoint mapper and SMB are on by default on
// Windows Server; SQL Server and AD Web Services where the lab names them), so those answer.
import type {SecondHopReachRead} from '../../windows/records.js';
import type {LabMachine} from './scenario.js';
import {listens, resolve, silent, type LabState} from './simulate.js';

const winrmTransports: Record<number, 'HTTP' | 'HTTPS'> = {5985: 'HTTP', 5986: 'HTTPS'};

function answer(machine: LabMachine, port: number): 'open' | 'refused' | 'silent' {
	if (silent(machine, port)) return 'silent';
	const transport = winrmTransports[port];
	if (transport === undefined) return 'open';
	// As the first hop's own port look (simulate.ts): an enabled listener, WinRM running.
	return listens(machine, transport) ? 'open' : 'refused';
}

export function secondHopReach(state: LabState, hop2: string, ports: number[]): SecondHopReachRead {
	const found = resolve(state, hop2);
	if (found === undefined) return {resolved: false, reason: 'No such host is known'};
	return {
		resolved: true,
		addresses: [...found.machine.addresses],
		ports: ports.map((port) => ({port, answer: answer(found.machine, port)})),
	};
}
