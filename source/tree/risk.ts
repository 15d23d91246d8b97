// What the admin must understand before CredSSP is switched on, and what else would work.
// Shown at the risk step and in `--tree`; Microsoft's own ranking is in PS-remoting-second-hop.md.
import {ask, hop1Of, userOf} from './common.js';
import type {FlowState} from './state.js';

export function riskLines(hop1: string, user: string, undoCommand = 'doublehop undo'): string[] {
	return [
		`With CredSSP, ${hop1} receives ${user}'s reusable credentials and keeps them while the session lives.`,
		`Anyone who controls ${hop1} (another admin, malware) can then act as ${user} anywhere on the network.`,
		`Use it only if ${hop1} is as trusted as the machines ${user} administers, and turn it off when done (${undoCommand}).`,
		'It does not work for members of Protected Users, and Credential Guard on this machine blocks it.',
	];
}

export const alternatives: readonly string[] = [
	'Pass a credential to the inner command: Invoke-Command -ComputerName <hop1> -Credential $cred { Get-VM -ComputerName <hop2> -Credential $using:cred } (no setup; only for commands that take -Credential).',
	'Avoid the hop: run the command from this machine (Get-VM -ComputerName <hop2>).',
	'JEA on <hop1> with a group managed service account (GroupManagedServiceAccount), which can make the second hop as that account.',
	'A RunAs session configuration on <hop1> (Register-PSSessionConfiguration -RunAsCredential).',
	'Resource-based Kerberos constrained delegation (Set-ADComputer <hop2> -PrincipalsAllowedToDelegateToAccount <hop1>): safer, but it does not carry a WinRM second hop; it works for SMB, WMI and similar.',
];

function alternativesFor(hop1: string, hop2: string): string[] {
	return alternatives.map((line) => line.replaceAll('<hop1>', hop1).replaceAll('<hop2>', hop2));
}

/** Stage 6: what CredSSP risks, and the admin's yes before any CredSSP change. */
export function askRisk(state: FlowState): FlowState {
	const hop1 = hop1Of(state);
	return {
		...state,
		stage: 'risk',
		view: {
			machine: 'none',
			sections: [
				{
					title: 'The risk:',
					lines: riskLines(hop1, userOf(state), state.undoCommand),
					kind: 'warning',
				},
				{
					title: 'Safer alternatives (no CredSSP):',
					lines: alternativesFor(hop1, state.inputs.hop2 ?? ''),
				},
			],
		},
		pending: ask({
			kind: 'confirm',
			id: 'risk',
			question: `I understand the risk. Continue with CredSSP to ${hop1} only?`,
		}),
	};
}
