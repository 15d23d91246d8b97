// A first hop reached by a domain name with Kerberos, yet CredSSP could only NTLM-authenticate it
// (0x803381A4, "because the computer is not trusted"): CredSSP asks Kerberos for WSMAN/<name>, and
// the computer account has no such SPN (reference 2.3 E3, seen on a DC and fixed by
// `setspn -S wsman/server1.domain.com server1` and `setspn -S wsman/server1 server1`). Registering
// them changes Active Directory, so doublehop shows them as the next step of whoever may write
// the account's servicePrincipalName, and runs nothing. TrustedHosts is no help: the session is
// already Kerberos, and CredSSP would still not trust the server.
import {isIPAddress} from '../windows/ip-address.js';
import type {ErrorRecord} from '../windows/records.js';
import {conclusion} from './conclusions.js';
import type {FlowState} from './state.js';

const ntlmOnlyCode = -2144108124;

/** Whether this verify failure is the missing-SPN case: 0x803381A4 on a Kerberos session by name. */
export function missingWsmanSpn(state: FlowState, error: ErrorRecord): boolean {
	const hop1 = state.inputs.hop1 ?? '';
	const code = error.hresult ?? Number(error.fullyQualifiedErrorId.split(',')[0]);
	return (
		code === ntlmOnlyCode &&
		state.facts.firstHop?.authentication === 'Kerberos' &&
		!isIPAddress(hop1)
	);
}

/** The setspn commands for the first hop's computer account, as its admin would type them. */
function setspnCommands(fqdn: string, account: string): string[] {
	const short = fqdn.split('.')[0] ?? fqdn;
	return [`setspn -S WSMAN/${fqdn} ${account}`, `setspn -S WSMAN/${short} ${account}`];
}

export function missingSpnConclusion(state: FlowState): Pick<FlowState, 'conclusion'> {
	const hop1 = state.inputs.hop1 ?? '';
	const firstHop = state.facts.firstHop;
	const fqdn = firstHop?.fqdn || hop1;
	const account = firstHop?.computerName || (fqdn.split('.')[0] ?? fqdn).toUpperCase();
	const [forFqdn = '', forShort = ''] = setspnCommands(fqdn, account);
	return conclusion('failed', `${fqdn} has no WSMAN SPNs: CredSSP cannot authenticate it`, {
		details: [
			`${hop1} was reached by name with Kerberos, yet CredSSP could only authenticate it with NTLM: it asks Kerberos for WSMAN/${fqdn}, and ${account}'s computer account has no such SPN ("because the computer is not trusted").`,
			'The changes made here are still needed once the SPNs exist; they stay until you undo them.',
		],
		nextSteps: [
			{
				say: `Ask a domain admin, or someone allowed to write the servicePrincipalName of ${account}'s computer account, to run on any domain-joined machine:`,
				run: forFqdn,
			},
			{say: 'And:', run: forShort},
			{
				say: `Check that it lists WSMAN/${fqdn} and WSMAN/${fqdn.split('.')[0] ?? fqdn}:`,
				run: `setspn -L ${account}`,
			},
			`The WinRM service on ${account} may also have logged that it could not create the SPN (Event Viewer).`,
			`Then run doublehop again. Not TrustedHosts: the session is already Kerberos, and a TrustedHosts entry would not make CredSSP trust ${hop1}.`,
		],
	});
}
