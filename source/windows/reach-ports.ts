// The TCP ports a second hop must answer on for the admin's command to reach it, by protocol
// (second-hop-reach.ts). A port that answers says the machine is on and its service listens; a
// name that does not resolve, or no port that answers, is a problem no delegation fixes.
import type {SecondHopProtocol} from './second-hop-reach.js';

export type ReachPorts = {
	ports: number[];
	/** What the look cannot tell, said with its result. */
	note?: string;
	/**
	 * The command may use another port (a SQL named instance's): no answer on these tells
	 * nothing, so it is said, and never ends the run.
	 */
	notDecisive?: true;
};

export function reachPorts(protocol: SecondHopProtocol): ReachPorts {
	switch (protocol) {
		case 'smb':
			return {ports: [445]};
		// The RPC endpoint mapper: DCOM (WMI) and the -ComputerName cmdlets start there.
		case 'rpc':
		case 'dcom':
			return {ports: [135]};
		// HTTP and HTTPS both: a command with -UseSSL (or a host with only an HTTPS listener)
		// answers on 5986 alone.
		case 'winrm':
		case 'cim':
			return {ports: [5985, 5986]};
		// Hyper-V's -ComputerName makes a CIM session to the host ("Enter a computer name or a
		// session object, such as the output of a New-CimSession",
		// https://learn.microsoft.com/powershell/module/hyper-v/get-vmhost); the docs do not say
		// whether it goes by WS-Man or DCOM, so both are looked at and the one that answers is named.
		case 'hyper-v':
			return {ports: [135, 5985]};
		case 'sql':
			return {
				ports: [1433],
				note: "Only SQL Server's default port (1433) was looked at: a named instance may listen on another port.",
				notDecisive: true,
			};
		// Active Directory Web Services, which the ActiveDirectory module's -Server talks to.
		case 'active-directory':
			return {ports: [9389]};
	}
}
