// The ways to make a second hop work, safest first, and which of them fit this second hop.
// Microsoft's guide (PS-remoting-second-hop.md, reference §4.1-4.2) ranks them; the Credential
// Guard documentation says CredSSP delegation is not recommended. The order here: a credential
// handed to the inner command (nothing stored, nothing changed), resource-based Kerberos
// constrained delegation (no credential stored; "Doesn't support the second hop for WinRM"),
// JEA or a RunAs configuration on hop 1 (a stored or managed account), then CredSSP (the
// admin's reusable credential held by hop 1).
import {passCredential, type CredentialRewrite} from './credential-rewrite.js';
import {
	reachedInsteadOf,
	secondHopReaches,
	type SecondHopProtocol,
	type SecondHopReach,
} from './second-hop-reach.js';
import {runsInNoLanguage} from './session-configuration.js';

export type MethodId = 'using-cred' | 'rbkcd' | 'jea' | 'runas' | 'credssp';

/** The methods doublehop can apply today; the others are explained and named as not built yet. */
export const builtMethods: readonly MethodId[] = ['using-cred', 'rbkcd', 'jea', 'runas', 'credssp'];

export const methodIds: readonly MethodId[] = ['using-cred', 'rbkcd', 'jea', 'runas', 'credssp'];

type MethodFit = {
	id: MethodId;
	name: string;
	fits: boolean;
	why: string;
	built: boolean;
};

export type MethodRanking = {
	/** What the command reaches, or 'unknown' when it names no machine doublehop recognises. */
	protocol: SecondHopProtocol | 'unknown';
	methods: MethodFit[];
	/** The safest method that fits (CredSSP when nothing safer does). */
	recommended: MethodId;
	rewrite: CredentialRewrite;
};

const protocolNames: Record<SecondHopProtocol, string> = {
	smb: 'SMB (a file share)',
	winrm: 'WinRM (a nested remoting session)',
	cim: 'CIM over WS-Man (WinRM)',
	dcom: 'WMI over DCOM',
	'hyper-v': 'Hyper-V management (CIM)',
	sql: 'SQL Server',
	'active-directory': 'Active Directory Web Services',
	rpc: 'RPC',
};

export function protocolName(protocol: SecondHopProtocol | 'unknown'): string {
	return protocol === 'unknown' ? 'unknown' : protocolNames[protocol];
}

function rbkcdFit(
	protocol: SecondHopProtocol | 'unknown',
	hop2: string,
	reaches: readonly SecondHopReach[],
): {fits: boolean; why: string} {
	// The change is written to the object of the machine the command reaches: a second hop given
	// as another machine would delegate to a computer the command never touches.
	const [other] = reachedInsteadOf(reaches, hop2);
	if (other !== undefined)
		return {
			fits: false,
			why: `The command reaches ${other}, not ${hop2}, the second hop given: the delegation is set on the computer object of the machine the command reaches. To use it, run doublehop with --hop2 ${other}.`,
		};
	switch (protocol) {
		case 'winrm':
		case 'cim':
			return {
				fits: false,
				why: `The second hop is ${protocolNames[protocol]}: Microsoft's guide says resource-based constrained delegation "doesn't support the second hop for WinRM" (the WinRM service on the first hop runs as NetworkService).`,
			};
		case 'hyper-v':
		case 'active-directory':
			return {
				fits: false,
				why: `${protocolNames[protocol]} is not among what Microsoft documents resource-based delegation for (SMB, RPC, WMI over DCOM).`,
			};
		case 'unknown':
			return {
				fits: false,
				why: 'The command does not say which protocol reaches the second hop, and this delegation carries some (SMB, RPC, WMI over DCOM) but not WinRM.',
			};
		default:
			return {
				fits: true,
				why: `${protocolNames[protocol]} is carried${protocol === 'sql' ? ' (not through a linked server)' : ''}: ${hop2}'s computer object names the first hop as allowed to delegate to it (Set-ADComputer -PrincipalsAllowedToDelegateToAccount). No credential is stored. Needs the ActiveDirectory module and the right to write ${hop2}'s object.`,
			};
	}
}

/** Every method with why it fits this second hop or not, safest first, and the one to use. */
export function rankMethods(
	command: string,
	hop2: string,
	chosenProtocol?: SecondHopProtocol,
): MethodRanking {
	const reaches = secondHopReaches(command);
	const protocol = reaches[0]?.protocol ?? chosenProtocol ?? 'unknown';
	const rewrite = passCredential(command);
	const rbkcd = rbkcdFit(protocol, hop2, reaches);
	const noLanguage = runsInNoLanguage(command);
	const winrmOnly =
		protocol === 'winrm' || protocol === 'cim'
			? 'It carries a WinRM second hop.'
			: 'It carries any protocol.';
	const methods: MethodFit[] = [
		{
			id: 'using-cred',
			name: 'Pass the credential to the inner command ($using:cred)',
			fits: rewrite.fits,
			why: rewrite.fits
				? 'The command is rewritten to hand your credential to the cmdlet that reaches the second hop: no setup on any machine, and nothing is stored.'
				: rewrite.why,
			built: true,
		},
		{id: 'rbkcd', name: 'Resource-based Kerberos constrained delegation', ...rbkcd, built: true},
		{
			id: 'jea',
			name: 'JEA on the first hop with a group managed service account',
			fits: noLanguage.ok,
			why: noLanguage.ok
				? `The second hop is made as the gMSA, not as you: the gMSA needs the rights on ${hop2}. ${winrmOnly}`
				: noLanguage.why,
			built: true,
		},
		{
			id: 'runas',
			name: 'A RunAs session configuration on the first hop',
			fits: true,
			why: `The second hop is made as the configuration's account, whose password is stored on the first hop and must be kept up to date. ${winrmOnly}`,
			built: true,
		},
		{
			id: 'credssp',
			name: 'CredSSP',
			fits: true,
			why: "It carries any protocol, but the first hop holds your reusable credential while the session lives: the least safe, and Credential Guard's documentation does not recommend it.",
			built: true,
		},
	];
	const recommended = methods.find((method) => method.fits)?.id ?? 'credssp';
	return {protocol, methods, recommended, rewrite};
}
