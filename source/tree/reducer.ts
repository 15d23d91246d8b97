// The guided flow as a reducer: (state, action) → state. No React, no I/O. Each stage either
// asks the admin (pending 'ask'), names the host operation to run next ('run'), or ends with a
// conclusion ('finished'). One file per stage: preflight.ts, targets.ts, first-hop.ts,
// second-hop.ts, diagnose.ts (and the risk), client.ts, server.ts, listener.ts, verify.ts, undo.ts;
// change.ts holds what the changes share.
import {onCredSspOffAnswer, onCredSspOffDone, withCredSspOffStep} from './credssp-off.js';
import {localContextCommand} from '../operations/local-context.js';
import {onChangeAnswer, onChangeDone} from './change.js';
import {onCertificates, onListeners} from './listener.js';
import {onVerify} from './verify.js';
import {clientMachineLabel, finish, run} from './common.js';
import {conclusion, leftUndone} from './conclusions.js';
import {itOrThem} from '../windows/counted.js';
import {onReadClient, onReadServer} from './diagnose.js';
import {onFirstHop} from './first-hop.js';
import {onDelegationLimits} from './account.js';
import {onWsmanSpn} from './missing-spn.js';
import {onSecondHopReach} from './second-hop-reach.js';
import {onTrustedHosts, onUseNameAnswer} from './first-hop-trust.js';
import {onLocalContext} from './preflight.js';
import {onSecondHop} from './second-hop.js';
import {onCredSspToday} from './credssp-today.js';
import type {
	Action,
	Defaults,
	EarlierRun,
	FlowState,
	Inputs,
	OperationDone,
	OperationName,
	OperationResult,
} from './state.js';
import {checkGivenInputs, onAddressNamed, submitPassword, submitText} from './targets.js';
import {onChoose} from './earlier-run.js';
import {onChooseMethod, onChooseProtocol, onUsingCredAnswer, onUsingCredDone} from './method.js';
import type {MethodId} from '../windows/second-hop-methods.js';
import {
	onRevertTaskRead,
	onUndoAnswer,
	onUndoClientRead,
	onUndoRead,
	onUndoDone,
	stillInPlace,
	undoRecord,
	toUndoMode,
} from './undo.js';
import {shownOverHttps} from './transport.js';
import {onClock, onRevertAnswer, onRevertRegistered} from './time-box.js';
import {
	onPurgeAnswer,
	onPurged,
	onRbkcdVerify,
	onResourceDelegation,
	onWriteRefused,
	writeRefused,
} from './rbkcd.js';
import {
	onRunAsPassword,
	onSessionConfigAccount,
	onSessionConfigurations,
} from './session-config/read.js';
import {onRegistered, onSessionConfigAnswer} from './session-config/register.js';
import {onRunInConfiguration} from './session-config/verify.js';

export type InitialOptions = {
	inputs?: Omit<Inputs, 'password'>;
	defaults?: Defaults;
	/** 'undo' takes back `earlier.changes` instead of walking the fix. */
	mode?: 'fix' | 'undo';
	dryRun?: boolean;
	/** --use-ssl: every session to hop 1 uses -UseSSL (port 5986) from the start. */
	useSsl?: boolean;
	earlier?: EarlierRun;
	runId?: string;
	records?: FlowState['records'];
	/** e.g. "doublehop undo --lab classic"; default "doublehop undo". */
	undoCommand?: string;
	/** The undo at a prompt, e.g. "doublehop undo --lab classic" where undoCommand has --json --yes. */
	guidedUndoCommand?: string;
	/** --method: the method to apply, so the choice after the diagnosis is not asked. */
	method?: MethodId;
	/** --gmsa: offered as the answer to the JEA step's question (--json takes it as given). */
	gmsa?: string;
	/** --runas-user: offered as the answer to the RunAs step's question. */
	runAsUser?: string;
	/** --for, in minutes: the verified fix reverts on its own at a deadline. */
	timeBoxMinutes?: number;
	/** This run's command without --dry-run, its targets and method: a dry run's end names it. */
	applyCommand?: string;
	/** --json: a dry run's next run is given --yes and --steps. */
	json?: boolean;
	/** How many passwords the run can be given: 3 at a prompt, 1 with --json (read once). */
	passwordTries?: number;
};

export function initialState(options: InitialOptions = {}): FlowState {
	const {inputs, rejected} = checkGivenInputs(options.inputs);
	const state: FlowState = {
		mode: 'fix',
		dryRun: options.dryRun ?? false,
		...(options.useSsl === true ? {useSsl: true} : {}),
		runId: options.runId ?? 'run',
		stage: 'preflight',
		inputs,
		...(rejected === undefined ? {} : {rejected}),
		defaults: {...options.defaults},
		facts: {},
		log: [],
		changes: [],
		undoQueue: [],
		records: {...options.records},
		undoCommand: options.undoCommand ?? 'doublehop undo',
		...(options.guidedUndoCommand === undefined
			? {}
			: {guidedUndoCommand: options.guidedUndoCommand}),
		...(options.applyCommand === undefined ? {} : {applyCommand: options.applyCommand}),
		...(options.json === true ? {json: true as const} : {}),
		...(options.earlier === undefined ? {} : {earlier: options.earlier}),
		...(options.method === undefined ? {} : {methodGiven: options.method}),
		...(options.gmsa === undefined ? {} : {gmsaGiven: options.gmsa}),
		...(options.runAsUser === undefined ? {} : {runAsUserGiven: options.runAsUser}),
		...(options.timeBoxMinutes === undefined
			? {}
			: {timeBox: {minutes: options.timeBoxMinutes, tasks: []}}),
		passwordAttempts: 0,
		...(options.passwordTries === undefined ? {} : {passwordTries: options.passwordTries}),
		pending: run('local-context', {}, clientMachineLabel, localContextCommand),
	};
	return shownOverHttps(undefined, options.mode === 'undo' ? toUndoMode(state) : state);
}

const resultHandlers: {
	[N in OperationName]: (state: FlowState, result: OperationResult<N>) => FlowState;
} = {
	'local-context': onLocalContext,
	'test-first-hop': onFirstHop,
	'run-on-first-hop': (state, result) =>
		state.stage === 'verify'
			? onVerify(state, result)
			: state.stage === 'rbkcd'
				? onRbkcdVerify(state, result)
				: state.stage === 'diagnose'
					? onCredSspToday(state, result)
					: onSecondHop(state, result),
	'run-with-credential': onUsingCredDone,
	'read-delegation-limits': onDelegationLimits,
	'read-wsman-spn': onWsmanSpn,
	'test-second-hop-reach': onSecondHopReach,
	'read-client-credssp': (state, result) =>
		state.stage === 'undo' ? onUndoClientRead(state, result) : onReadClient(state, result),
	'read-server-credssp': (state, result) =>
		state.stage === 'undo' ? onUndoRead(state, result, 'server') : onReadServer(state, result),
	'list-listeners': (state, result) =>
		state.stage === 'undo' ? onUndoRead(state, result, 'listeners') : onListeners(state, result),
	'list-certificates': onCertificates,
	'start-winrm-service': onChangeDone,
	'enable-client-credssp': onChangeDone,
	'set-delegation-list': onChangeDone,
	'set-client-credssp': onChangeDone,
	'enable-server-credssp': onChangeDone,
	'create-https-listener': onChangeDone,
	'undo-change': onUndoDone,
	'resolve-name': onAddressNamed,
	'read-trusted-hosts': onTrustedHosts,
	'add-trusted-host': onChangeDone,
	'set-ntlm-only-list': onChangeDone,
	'read-session-configurations': onSessionConfigurations,
	'register-session-configuration': onRegistered,
	'run-in-configuration': onRunInConfiguration,
	'read-clock': onClock,
	'register-revert-task': onRevertRegistered,
	'read-revert-task': onRevertTaskRead,
	'read-resource-delegation': onResourceDelegation,
	'set-resource-delegation': (state, result) =>
		writeRefused(result) ? onWriteRefused(state, result) : onChangeDone(state, result),
	'purge-kerberos-tickets': onPurged,
	'remove-delegation-entry': onCredSspOffDone,
	'disable-server-credssp': onCredSspOffDone,
};

function onOperationDone<N extends OperationName>(state: FlowState, done: OperationDone<N>) {
	return resultHandlers[done.name](state, done.result);
}

export function reduce(state: FlowState, action: Action): FlowState {
	return shownOverHttps(state, withCredSspOffStep(reduceAction(state, action)));
}

function reduceAction(state: FlowState, action: Action): FlowState {
	const {pending} = state;
	if (pending.kind === 'finished') return state;
	switch (action.type) {
		case 'submit-text':
			if (pending.kind !== 'ask' || pending.prompt.kind !== 'text') return state;
			if (action.field === 'gmsa' || action.field === 'runas-user')
				return onSessionConfigAccount(state, action.value);
			return submitText(state, action.field, action.value);
		case 'submit-password':
			if (pending.kind !== 'ask' || pending.prompt.kind !== 'password') return state;
			if (pending.prompt.purpose === 'run-as') return onRunAsPassword(state, action.password);
			return submitPassword(state, action.password);
		case 'answer':
			if (pending.kind !== 'ask' || pending.prompt.kind !== 'confirm') return state;
			if (pending.prompt.id !== action.id) return state;
			if (action.id === 'undo') return onUndoAnswer(state, action.yes);
			if (action.id === 'using-cred')
				return onUsingCredAnswer(state, action.yes, action.auto ?? false);
			if (action.id === 'use-name') return onUseNameAnswer(state, action.yes);
			if (action.id === 'session-config')
				return onSessionConfigAnswer(state, action.yes, action.auto ?? false);
			if (action.id === 'revert') return onRevertAnswer(state, action.yes, action.auto ?? false);
			if (action.id === 'credssp-off-client' || action.id === 'credssp-off-server')
				return onCredSspOffAnswer(state, action.id, action.yes);
			if (action.id === 'klist-purge')
				return onPurgeAnswer(state, action.yes, action.auto ?? false);
			return onChangeAnswer(state, action.id, action.yes, action.auto ?? false);
		case 'choose':
			if (pending.kind !== 'ask' || pending.prompt.kind !== 'choice') return state;
			if (pending.prompt.id !== action.id) return state;
			if (!pending.prompt.options.some((option) => option.key === action.key)) return state;
			if (action.id === 'method') return onChooseMethod(state, action.key, action.auto ?? false);
			if (action.id === 'protocol')
				return onChooseProtocol(state, action.key, action.auto ?? false);
			return onChoose(state, action.key);
		case 'operation-done':
			if (pending.kind !== 'run' || pending.operation.name !== action.name) return state;
			return onOperationDone(state, action);
		case 'interrupt': {
			// A change whose call was running when the admin pressed Ctrl+C: nobody knows if it was made.
			const cut = pending.kind === 'run' && !state.dryRun ? pending.operation.change : undefined;
			const maybe =
				cut === undefined
					? []
					: [
							state.mode === 'undo'
								? `Undoing ${cut.setting} on ${cut.machine} was interrupted while it ran: it may or may not have been taken back. ${state.undoCommand} checks the machine's state first.`
								: `${cut.setting} on ${cut.machine} was interrupted while it ran: it may or may not have been made. ${state.undoCommand} checks the machine's state first and takes back only what it finds.`,
						];
			// Counted among the changes (the summary, --json, the undo step): it may be in place, or
			// (an undo cut short) it may be taken back.
			const changes =
				cut === undefined
					? state.changes
					: [
							...state.changes,
							{...(state.mode === 'fix' ? cut : undoRecord(state, cut)), maybeMade: true as const},
						];
			const left =
				state.mode === 'fix' ? leftUndone({...state, changes}) : stillInPlace(state, cut?.id);
			return finish(
				{...state, changes},
				conclusion('interrupted', stoppedHeadline(state), {
					details:
						state.changes.length === 0 && cut === undefined ? ['Nothing was changed.'] : maybe,
					leftUndone: left,
					// An undo stopped part-way is finished by running it again: it resumes where it stopped.
					...(state.mode === 'undo' && (left.length > 0 || cut !== undefined)
						? {
								nextSteps: [
									{
										say: `To take ${itOrThem(Math.max(left.length, 1))} back later:`,
										run: state.undoCommand,
									},
								],
							}
						: {}),
				}),
			);
		}
	}
}

/** What was stopped, said once: "Result: INTERRUPTED." already says that it was. */
function stoppedHeadline(state: FlowState): string {
	if (state.mode === 'undo') return 'Stopped before the undo was finished';
	return state.dryRun
		? 'Stopped before the dry run was finished'
		: 'Stopped before the fix was finished';
}
