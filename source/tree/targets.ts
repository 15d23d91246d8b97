// Stage 2: which machines, which command, which account. Every value, typed or given as a flag,
// is checked before any command is built from it; a refused value is asked for again with why.
import {defaultSecondHopCommand} from '../operations/run-on-first-hop.js';
import type {Secret} from '../safety/secret.js';
import {checkHostName, checkUserName, type Checked} from '../safety/names.js';
import {addLog, ask, clientName, stepText, userOf} from './common.js';
import {onResolvedName, startFirstHopTest} from './first-hop-trust.js';
import type {
	Defaults,
	FlowState,
	Inputs,
	OperationResult,
	Prompt,
	Rejected,
	TextField,
} from './state.js';
import {needsCredential, startUndo} from './undo.js';
import {reachedInsteadOf, secondHopReaches} from '../windows/second-hop-reach.js';
import {sameMachine} from '../windows/host-names.js';

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

// Names that, typed as the second hop, are the first hop itself once the command runs there.
const thisMachine = new Set(['localhost', '.', '127.0.0.1', '::1']);

/**
 * A second hop that is the first hop itself: the command never leaves it, so there is no second
 * hop to fix, and an answer of "works" would be about the wrong machine. Most often a typo. A
 * short first hop and a full second hop with its name (hyperv1, hyperv1.fabrikam.com) may be two
 * machines in two domains: the same only when the full name is in this machine's own domain.
 * Flags are checked before that domain is read; step 3 checks again with hop 1's own full name.
 */
function firstHopItself(
	hop2: string,
	hop1: string | undefined,
	domain: string | undefined,
): Checked | undefined {
	if (hop1 === undefined) return undefined;
	const local = thisMachine.has(hop2.toLowerCase());
	if (!local && !sameMachine(hop2, hop1)) return undefined;
	const otherDomain =
		!local &&
		!hop1.includes('.') &&
		hop2.includes('.') &&
		hop2.toLowerCase().replace(/\.$/, '') !== `${hop1}.${domain ?? ''}`.toLowerCase();
	if (otherDomain) return undefined;
	return {
		ok: false,
		reason: `${hop2} is the first hop itself: a command run on ${hop1} that reaches ${hop1} never makes a second hop. Enter the computer the command reaches from ${hop1}, e.g. the Hyper-V host or file server.`,
	};
}

function checkField(field: TextField, value: string, inputs: Inputs, domain?: string): Checked {
	if (field === 'user') return checkUserName(value);
	if (field === 'command') return checkCommand(value);
	const checked = checkHostName(value);
	if (!checked.ok || field !== 'hop2') return checked;
	return firstHopItself(checked.value, inputs.hop1, domain) ?? checked;
}

/** A name refused for being the first hop is wrong whole: the field is left empty, not to mend. */
const wrongWhole = (field: TextField, value: string, inputs: Inputs, domain?: string) =>
	field === 'hop2' && firstHopItself(value, inputs.hop1, domain) !== undefined;

/**
 * A refused answer is given back in the field to mend, not retyped; but never a user name: what
 * is refused there is often the password, typed one question early, and must not stay on screen.
 */
function givenBack(field: TextField, typed: string): {typed?: string} {
	return field === 'user' || typed.trim() === '' ? {} : {typed};
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
		const checked = checkField(field, value.trim(), inputs);
		if (checked.ok) inputs[field] = checked.value;
		else
			rejected ??= {
				field,
				message: checked.reason,
				...(wrongWhole(field, value.trim(), inputs) ? {} : givenBack(field, value)),
			};
	}
	return rejected === undefined ? {inputs} : {inputs, rejected};
}

export function askNextInput(current: FlowState, rejected?: Rejected): FlowState {
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
			...(error?.typed === undefined ? {} : {typed: error.typed}),
		};
		return {...state, stage: 'targets', pending: ask(prompt)};
	}
	if (state.inputs.password === undefined) {
		return {
			...state,
			stage: 'targets',
			pending: ask({kind: 'password', label: passwordLabel(state)}),
		};
	}
	return state.mode === 'undo' ? startUndo(state) : startFirstHop(state);
}

export function submitText(state: FlowState, field: TextField, raw: string): FlowState {
	const value = raw.trim() === '' ? defaultFor(state, field) : raw.trim();
	const domain = state.facts.local?.domain;
	const checked = checkField(field, value, state.inputs, domain);
	// What was typed comes back in the field, to mend rather than retype.
	if (!checked.ok)
		return askNextInput(state, {
			field,
			message: checked.reason,
			...(wrongWhole(field, value, state.inputs, domain) ? {} : givenBack(field, raw)),
		});
	const {inputs} = state;
	// A password belongs to its account: another account needs its own (and its own attempts).
	if (field === 'user' && inputs.user !== undefined && inputs.user !== checked.value) {
		const {password: _password, ...rest} = inputs;
		return askNextInput({...state, passwordAttempts: 0, inputs: {...rest, user: checked.value}});
	}
	// A second hop given before the first (--hop2 alone) is checked again once the first is known.
	const hop2 = inputs.hop2;
	const itself =
		field === 'hop1' && hop2 !== undefined
			? firstHopItself(hop2, checked.value, domain)
			: undefined;
	if (itself !== undefined && !itself.ok) {
		const {hop2: _hop2, ...rest} = inputs;
		return askNextInput(
			{...state, inputs: {...rest, hop1: checked.value}},
			{field: 'hop2', message: itself.reason},
		);
	}
	return askNextInput({...state, inputs: {...inputs, [field]: checked.value}});
}

/**
 * A computer name that was not found (a typo): asked for again, with why, and every other answer
 * kept, the password too (it belongs to the account, which did not change). The name that failed
 * is not offered back as the default, unless `keep` says it may be right after all (then Enter
 * keeps it, and no reason is given: the log above says why). A command that was the default for
 * the old second hop follows the new one; a command of the admin's own is asked for again.
 */
export function askNameAgain(
	state: FlowState,
	field: 'hop1' | 'hop2',
	message: string | undefined,
	keep?: string,
	doubt?: Doubt,
): FlowState {
	const failed = state.inputs[field] ?? '';
	const {[field]: _failed, ...inputs} = state.inputs;
	const defaults: Defaults = {...state.defaults};
	if (keep !== undefined) defaults[field] = keep;
	else if (defaults[field]?.toLowerCase() === failed.toLowerCase()) delete defaults[field];
	if (field === 'hop2' && inputs.command !== undefined) {
		if (inputs.command === defaultSecondHopCommand(failed)) delete defaults.command;
		else defaults.command = inputs.command;
		delete inputs.command;
	}
	const next = {...state, inputs, defaults};
	const asked = message === undefined ? askNextInput(next) : askNextInput(next, {field, message});
	const {pending} = asked;
	if (doubt === undefined || pending.kind !== 'ask' || pending.prompt.kind !== 'text') return asked;
	return {...asked, pending: {...pending, prompt: {...pending.prompt, doubt}}};
}

type Doubt = NonNullable<Extract<Prompt, {kind: 'text'}>['doubt']>;

/** After the first hop refused the account, Enter alone at the password goes back to the user name. */
export function passwordLabel(state: FlowState): string {
	const label = `Password for ${userOf(state)}`;
	return state.passwordAttempts > 0 ? `${label}, or Enter alone for another user name` : label;
}

function askUserAgain(state: FlowState): FlowState {
	const user = userOf(state);
	return askNextInput(
		{...state, defaults: {...state.defaults, user}},
		{
			field: 'user',
			message: `Type the account to use (DOMAIN\\user or user@domain); Enter keeps ${user}.`,
		},
	);
}

export function submitPassword(state: FlowState, password: Secret): FlowState {
	if (password.length === 0 && state.passwordAttempts > 0) return askUserAgain(state);
	if (password.length === 0) {
		return {
			...state,
			pending: ask({
				kind: 'password',
				label: passwordLabel(state),
				error: 'Enter the password (it is not shown as you type).',
			}),
		};
	}
	return askNextInput({...state, inputs: {...state.inputs, password}});
}

function startFirstHop(state: FlowState): FlowState {
	const {hop1 = '', hop2 = '', command = '', user = ''} = state.inputs;
	const title = `${clientName(state)} -> ${hop1} -> ${hop2}, as ${user}`;
	// Said first: what is changed for resource-based delegation follows the command, not --hop2.
	const named = reachedInsteadOf(secondHopReaches(command), hop2);
	const elsewhere =
		named.length > 0
			? [
					`The command reaches ${named.join(', ')}, not ${hop2}: the second hop is the machine the command reaches.`,
				]
			: [];
	const details = [`Command on ${hop1}: ${command}`, ...elsewhere];
	// Logged again only when an answer changed (a name retyped), not for a password retried.
	const last = state.log.findLast(
		(entry) => entry.stage === 'targets' && entry.status === 'passed',
	);
	const same =
		last?.title === title && last.details.map(stepText).join('\n') === details.join('\n');
	const log = same
		? state.log
		: addLog(state, {stage: 'targets', status: 'passed', title, details});
	return startFirstHopTest({...state, log});
}

/** Two spellings of one name (a trailing dot, a capital). */
const sameName = (one: string, other: string) =>
	one.toLowerCase().replace(/\.$/, '') === other.toLowerCase().replace(/\.$/, '');

/**
 * Step 3 read the first hop's full name: a second hop with that name is the first hop itself
 * (hyperv1 and hyperv1.contoso.com), which the names alone could not tell (hyperv1.fabrikam.com
 * may be another machine); asked for again as a typed one would be. A workgroup host's name has
 * no domain, so it tells nothing the names did not.
 */
export function secondHopIsFirstHop(state: FlowState, fqdn: string): FlowState | undefined {
	const {hop1 = '', hop2} = state.inputs;
	if (hop2 === undefined || !fqdn.includes('.') || !sameMachine(fqdn, hop2)) return undefined;
	return askNameAgain(
		state,
		'hop2',
		sameName(hop1, fqdn)
			? `${hop2} is the first hop itself: a command run on ${hop1} that reaches ${hop2} never makes a second hop. Enter the computer the command reaches from ${hop1}.`
			: `${hop2} is the first hop itself: ${hop1} is ${fqdn}, so a command run on ${hop1} that reaches ${hop2} never makes a second hop. Enter the computer the command reaches from ${hop1}.`,
	);
}

/**
 * A first hop given as an address, once DNS names it: a second hop with that name is the first
 * hop itself (10.0.0.21 and hyperv1.contoso.com), asked for again as a typed one would be;
 * else step 3 goes on with the name offered.
 */
export function onAddressNamed(
	state: FlowState,
	result: OperationResult<'resolve-name'>,
): FlowState {
	const {hop1 = '', hop2} = state.inputs;
	const name = result.ok ? result.value.names[0] : undefined;
	if (name === undefined || hop2 === undefined || !sameMachine(name, hop2))
		return onResolvedName(state, result);
	// Not kept as the address's name: looked up again with the new second hop, and offered then.
	return askNameAgain(
		state,
		'hop2',
		`${hop2} is the first hop itself: ${hop1} resolves to ${name}, so a command run on ${hop1} that reaches ${hop2} never makes a second hop. Enter the computer the command reaches from ${hop1}.`,
	);
}
