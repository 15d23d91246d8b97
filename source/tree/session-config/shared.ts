// What the session configuration's steps share (read.ts, register.ts, verify.ts): its state, and
// the read of the first hop, made once before the registration and again after WinRM's restart.
import {readSessionConfigurationsCommand} from '../../operations/session-configuration.js';
import {hop1Of, run} from '../common.js';
import type {FlowState, SessionConfigurationState} from '../state.js';

export function configOf(state: FlowState): SessionConfigurationState {
	return state.sessionConfig ?? {kind: 'jea'};
}

export function readHop1(state: FlowState): FlowState {
	const hop1 = hop1Of(state);
	const {kind, account} = configOf(state);
	const gmsa = kind === 'jea' ? account : undefined;
	return {
		...state,
		view: undefined,
		pending: run(
			'read-session-configurations',
			{hop1, ...(gmsa === undefined ? {} : {gmsa})},
			hop1,
			readSessionConfigurationsCommand(hop1, gmsa),
		),
	};
}
