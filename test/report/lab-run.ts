// Runs the real reducer through the runner on a simulated lab, answering each prompt like an
// admin would: the prefilled targets, the lab password, and the given yes/no per question.
import {startFlow, type FlowHooks} from '../../source/flow/runner.js';
import {createLabHost, type LabHost} from '../../source/hosts/lab/lab-host.js';
import {loadScenario} from '../../source/hosts/lab/scenarios.js';
import {Secret} from '../../source/safety/secret.js';
import {initialState} from '../../source/tree/reducer.js';
import type {Action, ConfirmId, EarlierRun, FlowState, Inputs} from '../../source/tree/state.js';

export const labPassword = 'Passw0rd!';

export type LabRunOptions = {
	/** Yes/no per question; a question not listed is answered no. */
	answers?: Partial<Record<ConfirmId, boolean>>;
	dryRun?: boolean;
	inputs?: Omit<Inputs, 'password'>;
	password?: string;
	onState?: FlowHooks['onState'];
	onEvent?: FlowHooks['onEvent'];
	/** Answers as the --json policy gives them (a no there means "not without --yes"). */
	auto?: boolean;
	/** 'undo' takes back `earlier.changes`. */
	mode?: 'fix' | 'undo';
	earlier?: EarlierRun;
	/** Ctrl+C at the first question. */
	interruptAtFirstQuestion?: boolean;
	/** A lab to run on, kept (not disposed) for a later run; a fresh one when left out. */
	host?: LabHost;
	/** The key chosen at the methods after the diagnosis: 'c' (CredSSP) when left out. */
	method?: 'u' | 'r' | 'j' | 'a' | 'c';
	/** The JEA step's gMSA, or the RunAs account and its password, as typed at their prompts. */
	gmsa?: string;
	runAs?: {user: string; password: string};
	/** --for, in minutes. */
	timeBoxMinutes?: number;
};

function answerFor(state: FlowState, options: LabRunOptions): Action | undefined {
	if (state.pending.kind !== 'ask') return undefined;
	const {prompt} = state.pending;
	switch (prompt.kind) {
		case 'text': {
			const account = {gmsa: options.gmsa, 'runas-user': options.runAs?.user}[
				prompt.field as string
			];
			return {type: 'submit-text', field: prompt.field, value: account ?? ''};
		}
		case 'password': {
			const runAs = prompt.purpose === 'run-as' ? options.runAs?.password : undefined;
			return {
				type: 'submit-password',
				password: new Secret(runAs ?? options.password ?? labPassword),
			};
		}
		case 'confirm':
			return {
				type: 'answer',
				id: prompt.id,
				yes: options.answers?.[prompt.id] ?? false,
				...(options.auto ? {auto: true} : {}),
			};
		case 'choice':
			if (prompt.id === 'method')
				// Where CredSSP is not offered (an account it cannot delegate), stop as the --json policy does.
				return {
					type: 'choose',
					id: prompt.id,
					key: options.method ?? (prompt.options.some((option) => option.key === 'c') ? 'c' : 's'),
				};
			return {type: 'choose', id: prompt.id, key: prompt.options[0]?.key ?? ''};
	}
}

/** Far more states than any run takes (a whole fix with every step is under 200). */
const maxStates = 5000;

export async function runLab(
	name: string,
	options: LabRunOptions = {},
): Promise<{final: FlowState; states: FlowState[]}> {
	const found = loadScenario(name);
	if (!found.ok) throw new Error(found.message);
	const host = options.host ?? createLabHost({scenario: found.scenario});
	const states: FlowState[] = [];
	// A flow that never ends (answering the same question forever) fails here, named, instead of
	// filling the worker's memory with states until it dies.
	let loop: (error: Error) => void = () => {};
	const looped = new Promise<never>((_, reject) => (loop = reject));
	const runner = startFlow(
		host,
		initialState({
			defaults: found.scenario.defaults,
			inputs: options.inputs ?? {},
			dryRun: options.dryRun ?? false,
			runId: 'test-run',
			...(options.mode === undefined ? {} : {mode: options.mode}),
			...(options.earlier === undefined ? {} : {earlier: options.earlier}),
			...(options.timeBoxMinutes === undefined ? {} : {timeBoxMinutes: options.timeBoxMinutes}),
		}),
		{
			...(options.onEvent === undefined ? {} : {onEvent: options.onEvent}),
			onState(state) {
				if (states.length >= maxStates) {
					const prompt = state.stage;
					loop(new Error(`${name}: the flow did not end after ${maxStates} states (at ${prompt})`));
					return;
				}
				states.push(state);
				options.onState?.(state);
				const action =
					options.interruptAtFirstQuestion && state.pending.kind === 'ask'
						? ({type: 'interrupt'} as const)
						: answerFor(state, options);
				if (action !== undefined) queueMicrotask(() => runner.dispatch(action));
			},
		},
	);
	const final = await Promise.race([runner.finished, looped]);
	if (options.host === undefined) await host.dispose();
	return {final, states};
}
