// Stage 8: accept CredSSP on the first hop (Enable-WSManCredSSP -Role Server), proposed and
// asked for.
import {enableServerCredSspCommand} from '../operations/enable-server-credssp.js';
import {addLog, ask, changeView, hop1Of} from './common.js';
import type {FlowState} from './state.js';
import {proposal} from './proposal.js';
import {enterListener} from './listener.js';

export function enterServer(state: FlowState): FlowState {
	const plan = state.plan?.server;
	const hop1 = hop1Of(state);
	if (plan === undefined) return state;
	if (plan.action !== 'enable') {
		const log = addLog(
			{...state, stage: 'server'},
			{status: 'skipped', title: `Server side on ${hop1} already done`, details: [plan.reason]},
		);
		return enterListener({...state, log});
	}
	const command = enableServerCredSspCommand(hop1);
	return {
		...state,
		stage: 'server',
		proposed: proposal(state, {
			stage: 'server',
			machine: hop1,
			setting: 'WinRM service CredSSP',
			before: 'off',
			after: 'on',
			command,
			undo: {kind: 'disable-server', hop1},
		}),
		view: changeView(
			hop1,
			[`WinRM service CredSSP on ${hop1}: off`],
			[command],
			[`WinRM service CredSSP on ${hop1} after: on`],
		),
		pending: ask({kind: 'confirm', id: 'server', question: `Make this change on ${hop1}?`}),
	};
}
