// Stage 3: open a session on the first hop; a refused password is asked again, up to a limit.
import {testFirstHopCommand} from '../operations/test-first-hop.js';
import {overHttps} from '../operations/operation.js';
import {
	addLog,
	ask,
	errorDetails,
	finish,
	hop1Of,
	run,
	runCommandOnFirstHop,
	userOf,
} from './common.js';
import {concludeFailure, conclusion} from './conclusions.js';
import type {ErrorRecord} from '../windows/records.js';
import {httpOnlyId, httpsOnlyId} from '../hosts/port-probe.js';
import type {FlowState, OperationResult} from './state.js';
import {askNameAgain, passwordLabel, secondHopIsFirstHop} from './targets.js';
import {nameNotFound, sameComputerName} from '../windows/name-not-found.js';
import {psArgument} from '../safety/names.js';
import {certificateRefusedConclusion, noHttpsListenerConclusion} from './transport.js';
import {readTrustedHostsFor, wantsTrustedHosts} from './first-hop-trust.js';
import {pipedAsAsciiHint} from '../windows/piped-password.js';

const maxPasswordAttempts = 3;

export function onFirstHop(state: FlowState, result: OperationResult<'test-first-hop'>): FlowState {
	const hop1 = hop1Of(state);
	if (result.ok) {
		const firstHop = result.value;
		const log = addLog(state, {
			status: 'passed',
			title: `${hop1} answers: remote session opened (${firstHop.authentication})`,
			details:
				firstHop.fqdn.toLowerCase() === hop1.toLowerCase() ? [] : [`${hop1} is ${firstHop.fqdn}`],
			machine: hop1,
			command: testFirstHopCommand(hop1),
		});
		const itself = secondHopIsFirstHop({...state, log}, firstHop.fqdn);
		if (itself !== undefined) return itself;
		return {
			...state,
			log,
			facts: {...state.facts, firstHop},
			stage: 'second-hop',
			pending: runCommandOnFirstHop(state, 'Default'),
		};
	}
	const {error} = result;
	if (error.fullyQualifiedErrorId === httpsOnlyId && state.useSsl !== true)
		return overHttpsFromNow(state, error);
	const id = error.fullyQualifiedErrorId.split(',')[0];
	if (id === 'LogonFailure') {
		const attempts = state.passwordAttempts + 1;
		const tries = state.passwordTries ?? maxPasswordAttempts;
		// "Attempt 1 of 3" only where a second one will be asked for (not with --json).
		const log = addLog(state, {
			status: 'failed',
			title:
				tries === 1
					? `${hop1} refused the credentials`
					: `${hop1} refused the credentials (attempt ${attempts} of ${tries})`,
			details: [],
			error,
			machine: hop1,
		});
		if (attempts < tries) {
			const {password: _password, ...inputs} = state.inputs;
			return {
				...state,
				log,
				inputs,
				passwordAttempts: attempts,
				stage: 'targets',
				pending: ask({
					kind: 'password',
					label: passwordLabel({...state, passwordAttempts: attempts}),
					error: `The user name or password is incorrect. Check the password, and that ${userOf(state)} is the right account (DOMAIN\\user or user@domain).`,
				}),
			};
		}
		return finish(
			{...state, log, passwordAttempts: attempts},
			conclusion(
				'failed',
				tries === 1
					? `${hop1} refused the credentials: the user name or password is incorrect`
					: `${hop1} refused the credentials ${tries} times`,
				{
					details: [
						'Nothing was changed.',
						// Read once from a pipe (--json): the pipe may have changed it.
						...(tries === 1 && state.inputs.password?.contains('?') === true
							? [pipedAsAsciiHint]
							: []),
					],
					nextSteps: [
						{
							say: 'Check the account and password; try:',
							run: `Test-WSMan -ComputerName ${hop1} -Credential (Get-Credential) -Authentication Default`,
						},
						'If the account may be locked out after repeated failures, ask your domain admin to check it before trying again.',
					],
				},
			),
		);
	}
	const log = addLog(state, {
		status: 'failed',
		title: `The first hop fails: this machine cannot open a session on ${hop1}`,
		details: errorDetails(state, error),
		error,
		machine: hop1,
		command: testFirstHopCommand(hop1),
	});
	const missing = nameNotFound(error);
	if (missing !== undefined && sameComputerName(missing, hop1)) {
		const fix = `check the spelling, or use the full name; Resolve-DnsName ${psArgument(hop1)} shows what this machine finds.`;
		// DNS has no such name: nothing to do but type it again.
		if (!wantsTrustedHosts(error))
			return askNameAgain({...state, log}, 'hop1', `${hop1} was not found: ${fix}`);
		// Kerberos words a typo and a host outside the domain alike: the admin corrects the name,
		// or keeps it (Enter), and the ways to reach a host outside the domain follow.
		if (
			state.facts.hop1Questioned === undefined ||
			!sameComputerName(state.facts.hop1Questioned, hop1)
		) {
			const questioned = {
				...state,
				facts: {...state.facts, hop1Questioned: hop1},
				log: addLog(state, {
					status: 'failed',
					title: `The first hop fails: Kerberos found no computer named ${hop1}`,
					details: [
						...errorDetails(state, error),
						`A typo, or a host outside the domain (a workgroup machine): correct the name below (${fix.replace(/\.$/, '')}), or press Enter to keep ${hop1}; then the ways to reach a host outside the domain are offered.`,
					],
					error,
					machine: hop1,
					command: testFirstHopCommand(hop1),
				}),
			};
			// Without a terminal nobody can say which: the run stops rather than keep a typo and
			// go on to a TrustedHosts entry for it.
			return askNameAgain(questioned, 'hop1', undefined, hop1, {
				message: `Kerberos found no computer named ${hop1}: a typo, or a host outside the domain (a workgroup machine). ${fix.charAt(0).toUpperCase()}${fix.slice(1)}`,
				nextSteps: [
					{
						say: 'See what this machine finds for the name:',
						run: `Resolve-DnsName ${psArgument(hop1)}`,
					},
					'Then run the same command again with --hop1 and the right name.',
					`Only if ${hop1} is right and outside the domain: --yes --steps trusted-hosts takes it as given, with the TrustedHosts entry it needs.`,
				],
			});
		}
	}
	// Not Kerberos and not in TrustedHosts: the entry is offered once, with the better ways first.
	if (wantsTrustedHosts(error) && state.facts.trustedHosts === undefined) {
		return readTrustedHostsFor({...state, log}, error);
	}
	const refused = state.useSsl === true && error.fullyQualifiedErrorId.startsWith('12175,');
	return finish(
		{...state, log},
		refused
			? certificateRefusedConclusion(hop1, error)
			: error.fullyQualifiedErrorId === httpOnlyId
				? noHttpsListenerConclusion(hop1)
				: concludeFailure('first-hop', error, state.inputs),
	);
}

/**
 * Port 5985 refused (or stayed silent) and 5986 answered: hop 1 listens for WinRM only over HTTPS.
 * Said, and the first hop is tried again with -UseSSL; every later session there uses it too.
 * Nothing changes on any machine, and HTTPS only adds the certificate's proof of hop 1's identity.
 */
function overHttpsFromNow(state: FlowState, error: ErrorRecord): FlowState {
	const hop1 = hop1Of(state);
	const log = addLog(state, {
		status: 'info',
		title: `${hop1} answers only over HTTPS (port 5986): every session there uses -UseSSL from now on`,
		details: [
			error.message,
			`WinRM over HTTPS encrypts with TLS and proves ${hop1}'s identity with its certificate, which this machine must trust and which must carry the name ${hop1}.`,
			// The run's own place (--lab, --lab-state, --powershell), as its undo command names it;
			// not a --json undo's --yes, which a fix takes only with --steps.
			`Next time, start with: ${state.undoCommand.replace(/^doublehop undo\b/, 'doublehop').replace(/ --yes\b/, '')} --use-ssl`,
		],
		machine: hop1,
		command: testFirstHopCommand(hop1),
	});
	const next: FlowState = {...state, log, useSsl: true};
	return {
		...next,
		pending: run('test-first-hop', {hop1}, hop1, overHttps(testFirstHopCommand(hop1))),
	};
}
