// What the admin must understand before CredSSP is switched on, and what else would work, filled
// in with the admin's own command and machines. Shown at the risk step, when the admin says no,
// when CredSSP cannot work for the account, and in `--tree`. Microsoft's ranking and examples are
// in PS-remoting-second-hop.md (PowerShell-Docs).
import {passCredential} from '../windows/credential-rewrite.js';
import {secondHopReaches} from '../windows/second-hop-reach.js';
import {ask, hop1Of, methodFits, rankingOf, targetsOf, userOf} from './common.js';
import {ntlmRiskLine, ntlmSession} from './ntlm-only.js';
import type {FlowState, NextStep} from './state.js';

export function riskLines(hop1: string, user: string, undoCommand = 'doublehop undo'): string[] {
	return [
		`With CredSSP, ${hop1} receives ${user}'s reusable credentials and keeps them while the session lives.`,
		`Anyone who controls ${hop1} (another admin, malware) can then act as ${user} anywhere on the network.`,
		`Use it only if ${hop1} is as trusted as the machines ${user} administers, and turn it off when done (${undoCommand}).`,
		// PS-remoting-second-hop.md: CredSSP "doesn't work with the Protected Users group".
		'It does not work for members of Protected Users.',
	];
}

export type Targets = {hop1: string; hop2: string; command: string};

/**
 * The $using:cred alternative for this command, written by the same rewrite the $using:cred method
 * runs (source/windows/credential-rewrite.ts); for a command that names no other machine (or the
 * --tree placeholder), the general form.
 */
function passedCredentialLine(hop1: string, command: string): NextStep {
	const say = 'Pass a credential to the inner command (no setup)';
	const start = `Invoke-Command -ComputerName ${hop1} -Credential $cred -ScriptBlock`;
	const rewrite = passCredential(command);
	if (rewrite.fits) return {say: `${say}:`, run: `${start} { ${rewrite.command} }`};
	if (secondHopReaches(command).length === 0)
		return {
			say: `${say}, for commands that take -Credential:`,
			run: `${start} { ${command} -Credential $using:cred }`,
		};
	return `${say}: ${start} { ... -Credential $using:cred }, where the cmdlet takes a Windows credential; not this command: ${rewrite.why}`;
}

/** The computer's name in Active Directory (its first label), as Get-ADComputer -Identity takes it. */
function adName(host: string): string {
	return /^\d+(\.\d+){3}$/.test(host) ? host : (host.split('.')[0] ?? host);
}

/**
 * `delegable: false` (Protected Users, a sensitive account) leaves out Kerberos delegation, and so
 * does `rbkcdFits: false` (a second hop it does not carry, WinRM above all).
 */
export function alternativesFor(
	{hop1, hop2, command}: Targets,
	{delegable = true, rbkcdFits = true}: {delegable?: boolean; rbkcdFits?: boolean} = {},
): NextStep[] {
	const all: NextStep[] = [
		passedCredentialLine(hop1, command),
		{say: 'Avoid the hop: run the command from this machine:', run: command},
		`JEA on ${hop1} with a group managed service account (GroupManagedServiceAccount in its session configuration), which makes the second hop as that account.`,
		`A RunAs session configuration on ${hop1} (Register-PSSessionConfiguration -RunAsCredential), then Invoke-Command -ComputerName ${hop1} -ConfigurationName <its name>.`,
		// The parameter replaces the whole list: doublehop's method writes it merged (tree/rbkcd.ts).
		`Resource-based Kerberos constrained delegation: doublehop --method rbkcd adds ${adName(hop1)} to who may delegate to ${adName(hop2)} (Set-ADComputer ${adName(hop2)} -PrincipalsAllowedToDelegateToAccount, merged with the principals already there, since it replaces the whole list): safer, but it does not carry a WinRM second hop; it works for SMB, WMI and similar.`,
	];
	return delegable && rbkcdFits ? all : all.slice(0, -1);
}

/** The alternatives for this run: RBKCD only where the method question would offer it. */
export function alternativesHere(state: FlowState): NextStep[] {
	return alternativesFor(targetsOf(state), {rbkcdFits: methodFits(rankingOf(state), 'rbkcd')});
}

/** What CredSSP still needs here, said once CredSSP is chosen (the diagnosis names the cause). */
function credSspNeeds(state: FlowState): string[] {
	const plan = state.plan;
	if (plan === undefined) return [];
	const needs = [
		plan.ntlmOnly ? 'an NTLM-only delegation entry on this machine (last resort)' : '',
		plan.client.action !== 'skip' ? 'the client side on this machine' : '',
		plan.server.action !== 'skip' ? `the server side on ${hop1Of(state)}` : '',
	].filter(Boolean);
	if (needs.length === 0) return [];
	return [
		`${needs.join(' and ')}, ${needs.length === 1 ? 'asked for at its step' : 'each asked for at its own step'}.`,
	];
}

/** The same, with placeholders, for `--tree`. */
export const alternatives: readonly NextStep[] = alternativesFor({
	hop1: '<hop1>',
	hop2: '<hop2>',
	command: '<command>',
});

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
					lines: [
						...riskLines(hop1, userOf(state), state.undoCommand),
						...(ntlmSession(state) ? [ntlmRiskLine(hop1)] : []),
					],
					kind: 'warning',
				},
				{
					title: 'Safer alternatives (no CredSSP):',
					lines: alternativesHere(state),
				},
				// Last, beside the question: what a yes leads to.
				{title: 'CredSSP needs:', lines: credSspNeeds(state)},
			],
		},
		pending: ask({
			kind: 'confirm',
			id: 'risk',
			question: `I understand the risk. Continue with CredSSP to ${hop1} only?`,
		}),
	};
}
