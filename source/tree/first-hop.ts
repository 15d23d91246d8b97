// Stage 3: open a session on the first hop; a refused password is asked again, up to a limit.
import {runOnFirstHopCommand} from '../operations/run-on-first-hop.js';
import {testFirstHopCommand} from '../operations/test-first-hop.js';
import {addLog, ask, errorDetails, finish, hop1Of, run, userOf} from './common.js';
import {concludeFailure, conclusion} from './conclusions.js';
import type {FlowState, OperationResult} from './state.js';
import {readTrustedHostsFor, wantsTrustedHosts} from './first-hop-trust.js';

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
		const command = state.inputs.command ?? '';
		return {
			...state,
			log,
			facts: {...state.facts, firstHop},
			stage: 'second-hop',
			pending: run(
				'run-on-first-hop',
				{hop1, command, authentication: 'Default'},
				hop1,
				runOnFirstHopCommand(hop1, command, 'Default'),
			),
		};
	}
	const {error} = result;
	const id = error.fullyQualifiedErrorId.split(',')[0];
	if (id === 'LogonFailure') {
		const attempts = state.passwordAttempts + 1;
		const log = addLog(state, {
			status: 'failed',
			title: `${hop1} refused the credentials (attempt ${attempts} of ${maxPasswordAttempts})`,
			details: [],
			error,
			machine: hop1,
		});
		if (attempts < maxPasswordAttempts) {
			const {password: _password, ...inputs} = state.inputs;
			return {
				...state,
				log,
				inputs,
				passwordAttempts: attempts,
				stage: 'targets',
				pending: ask({
					kind: 'password',
					label: `Password for ${userOf(state)}`,
					error: `The user name or password is incorrect. Check the password, and that ${userOf(state)} is the right account (DOMAIN\\user or user@domain).`,
				}),
			};
		}
		return finish(
			{...state, log, passwordAttempts: attempts},
			conclusion('failed', `${hop1} refused the credentials ${maxPasswordAttempts} times`, {
				details: ['Nothing was changed.'],
				nextSteps: [
					`Check the account and password (try: Test-WSMan -ComputerName ${hop1} -Credential (Get-Credential) -Authentication Default).`,
					'If the account may be locked out after repeated failures, ask your domain admin to check it before trying again.',
				],
			}),
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
	// Not Kerberos and not in TrustedHosts: the entry is offered once, with the better ways first.
	if (wantsTrustedHosts(error) && state.facts.trustedHosts === undefined) {
		return readTrustedHostsFor({...state, log}, error);
	}
	return finish({...state, log}, concludeFailure('first-hop', error, state.inputs));
}
