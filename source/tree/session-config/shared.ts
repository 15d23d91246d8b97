// What the session configuration's steps share (read.ts, register.ts, verify.ts): its state, and
// the read of the first hop, made once before the registration and again after WinRM's restart.
import {readSessionConfigurationsCommand} from '../../operations/session-configuration.js';
import {ask, hop1Of, run} from '../common.js';
import type {FlowState, SessionConfigurationState} from '../state.js';

export function configOf(state: FlowState): SessionConfigurationState {
	return state.sessionConfig ?? {kind: 'jea'};
}

/** `pauseSeconds`: a read again while WinRM on hop 1 comes back from its restart, after a pause. */
export function readHop1(state: FlowState, pauseSeconds = 0): FlowState {
	const hop1 = hop1Of(state);
	const {kind, account} = configOf(state);
	const gmsa = kind === 'jea' ? account : undefined;
	const pending = run(
		'read-session-configurations',
		{hop1, ...(gmsa === undefined ? {} : {gmsa}), ...(pauseSeconds > 0 ? {pauseSeconds} : {})},
		hop1,
		readSessionConfigurationsCommand(hop1, gmsa),
	);
	return {
		...state,
		view: undefined,
		pending:
			pauseSeconds > 0 && pending.kind === 'run'
				? {...pending, operation: {...pending.operation, waitingFor: winrmBack(hop1)}}
				: pending,
	};
}

/** What the waiting line names while WinRM on hop 1 restarts: "Waiting for WinRM on hyperv1 to come back..." */
export const winrmBack = (hop1: string) => `WinRM on ${hop1} to come back`;

/**
 * The RunAs account's password, asked once hop 1 was read, and again when WinRM refused the two:
 * then Enter alone goes back to the account, which may be the one mistyped (as the admin's own
 * password prompt goes back to the user name).
 */
export function askRunAsPassword(state: FlowState, error?: string): FlowState {
	const {account = '', runAsRefusals = 0} = configOf(state);
	// Asked again, where it is stored was said already: the line offers the way back instead.
	const label =
		runAsRefusals > 0
			? `Password for ${account}, or Enter alone for another account`
			: `Password for ${account} (stored on ${hop1Of(state)} by the configuration)`;
	return {
		...state,
		pending: ask({
			kind: 'password',
			purpose: 'run-as',
			label,
			...(error === undefined ? {} : {error}),
		}),
	};
}
