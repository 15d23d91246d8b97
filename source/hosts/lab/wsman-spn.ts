// How the lab answers read-wsman-spn, as [adsisearcher] would on the admin's machine: it searches
// this machine's domain, so a workgroup machine has none to search ("The specified domain either
// does not exist or could not be contacted.", ERROR_NO_SUCH_DOMAIN 1355), and neither has a member
// that reaches no domain controller; a controller whose LDAP port refuses gives "The server is not
// operational." (ERROR_DS_SERVER_DOWN 8250). Texts: the Win32 system error messages,
// https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--1300-1699- and
// --8200-8999-. A machine with wsmanSpn holds WSMAN/<fqdn> and WSMAN/<short> on its computer
// account (SHORT$), as the WinRM service registers them (DsServerRegisterSpn: the DNS and NetBIOS
// names); the match is case-insensitive, as LDAP matches a directory string.
import type {WsmanSpnRead} from '../../windows/records.js';
import type {LabMachine} from './scenario.js';
import {clientMachine, type LabState} from './simulate.js';

const noSuchDomain = {
	readable: false as const,
	reason: 'The specified domain either does not exist or could not be contacted.',
	hresult: 0x8007054b | 0,
};
const serverDown = {
	readable: false as const,
	reason: 'The server is not operational.',
	hresult: 0x8007203a | 0,
};

function registered(machine: LabMachine): string[] {
	if (!machine.wsmanSpn) return [];
	const short = machine.fqdn.split('.')[0] ?? machine.fqdn;
	return [`WSMAN/${machine.fqdn}`, `WSMAN/${short}`].map((spn) => spn.toLowerCase());
}

const accountOf = (machine: LabMachine) =>
	`${(machine.fqdn.split('.')[0] ?? machine.fqdn).toUpperCase()}$`;

export function wsmanSpn(state: LabState, spns: string[]): WsmanSpnRead {
	const domain = clientMachine(state).domain;
	if (domain === null || state.directory?.ldap === 'no-domain-controller') return noSuchDomain;
	if (state.directory?.ldap === 'refused') return serverDown;
	// The search covers this machine's domain only.
	const members = Object.values(state.machines).filter(
		(machine) => machine.domain?.toLowerCase() === domain.toLowerCase(),
	);
	return {
		readable: true,
		spns: spns.map((spn) => ({
			spn,
			accounts: members
				.filter((machine) => registered(machine).includes(spn.toLowerCase()))
				.map(accountOf),
		})),
	};
}
