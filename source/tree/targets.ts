// Stage 2: which machines, which command, which account. Every value, typed or given as a flag,
// is checked before any command is built from it; a refused value is asked for again with why.
import {defaultSecondHopCommand} from '../operations/run-on-first-hop.js';
import type {Secret} from '../safety/secret.js';
import {checkHostName, checkUserName, type Checked} from '../safety/names.js';
import {addLog, ask, clientName, userOf} from './common.js';
import {startFirstHopTest} from './first-hop-trust.js';
import type {FlowState, Inputs, Prompt, TextField} from './state.js';
import {needsCredential, startUndo} from './undo.js';

const fieldOrder: TextField[] = ['hop1', 'hop2', 'command', 'user'];

const fieldLabels: Record<TextField, string> = {
	hop1: 'First hop (the computer you connect to)',
	hop2: 'Second hop (the computer the command reaches from there)',
	command: 'Command to run on the first hop',
	user: 'User name',
};

function defaultFor(state: FlowState, field: TextField): string {
	if (field === 'command') {
		return state.defaults.command ?? defaultSecondHopCommand(state.inputs.hop2 ?? '');
	}
	return state.defaults[field] ?? '';
}

function checkCommand(value: string): Checked {
	if (value === '') {
		return {
			ok: false,
			reason: 'Enter the command that fails on the first hop, e.g. Get-VM -ComputerName hyperv2.',
		};
	}
	if (/[\r\n]/.test(value)) return {ok: false, reason: 'Enter the command on one line.'};
	return {ok: true, value};
}

function checkField(field: TextField, value: string): Checked {
	if (field === 'user') return checkUserName(value);
	if (field === 'command') return checkCommand(value);
	return checkHostName(value);
}

/** Values from flags are checked like typed ones; the first bad one is asked for again. */
export function checkGivenInputs(given: Omit<Inputs, 'password'> = {}): {
	inputs: Inputs;
	rejected?: FlowState['rejected'];
} {
	const inputs: Inputs = {};
	let rejected: FlowState['rejected'];
	for (const field of fieldOrder) {
		const value = given[field];
		if (value === undefined) continue;
		const checked = checkField(field, value.trim());
		if (checked.ok) inputs[field] = checked.value;
		else rejected ??= {field, message: checked.reason};
	}
	return rejected === undefined ? {inputs} : {inputs, rejected};
}

export function askNextInput(
	current: FlowState,
	rejected?: {field: TextField; message: string},
): FlowState {
	const {rejected: fromFlags, ...state} = current;
	const error = rejected ?? fromFlags;
	// Undo needs only the account, and only for a change on the first hop.
	if (!needsCredential(state)) return startUndo(state);
	const fields: TextField[] = state.mode === 'undo' ? ['user'] : fieldOrder;
	const field = error?.field ?? fields.find((f) => state.inputs[f] === undefined);
	if (field !== undefined) {
		const prompt: Prompt = {
			kind: 'text',
			field,
			label: fieldLabels[field],
			initial: defaultFor(state, field),
			...(error === undefined ? {} : {error: error.message}),
		};
		return {...state, stage: 'targets', pending: ask(prompt)};
	}
	if (state.inputs.password === undefined) {
		return {
			...state,
			stage: 'targets',
			pending: ask({kind: 'password', label: `Password for ${userOf(state)}`}),
		};
	}
	return state.mode === 'undo' ? startUndo(state) : startFirstHop(state);
}

export function submitText(state: FlowState, field: TextField, raw: string): FlowState {
	const value = raw.trim() === '' ? defaultFor(state, field) : raw.trim();
	const checked = checkField(field, value);
	if (!checked.ok) return askNextInput(state, {field, message: checked.reason});
	return askNextInput({...state, inputs: {...state.inputs, [field]: checked.value}});
}

export function submitPassword(state: FlowState, password: Secret): FlowState {
	if (password.length === 0) {
		return {
			...state,
			pending: ask({
				kind: 'password',
				label: `Password for ${userOf(state)}`,
				error: 'Enter the password (it is not shown as you type).',
			}),
		};
	}
	return askNextInput({...state, inputs: {...state.inputs, password}});
}

function startFirstHop(state: FlowState): FlowState {
	const {hop1 = '', hop2 = '', command = '', user = ''} = state.inputs;
	const log =
		state.passwordAttempts === 0
			? addLog(state, {
					stage: 'targets',
					status: 'passed',
					title: `${clientName(state)} -> ${hop1} -> ${hop2}, as ${user}`,
					details: [`Command on ${hop1}: ${command}`],
				})
			: state.log;
	return startFirstHopTest({...state, log});
}
