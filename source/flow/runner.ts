// Drives the reducer: runs each pending operation on the host and feeds the result back.
// Renderers subscribe to state; prompts are answered by dispatching actions. The runner is
// the same for the Ink UI, the plain renderer, JSON mode and the tests.
import type {Host} from '../hosts/host.js';
import {reduce} from '../tree/reducer.js';
import type {Action, FlowState, Operation, OperationDone, OperationName} from '../tree/state.js';
import {executeOperation} from './execute.js';

export type FlowHooks = {
	/** Called before an operation runs, e.g. to journal a change before it is made. */
	beforeOperation?: (operation: Operation, state: FlowState) => void;
	/** Called on every new state. */
	onState?: (state: FlowState) => void;
};

/** Several observers (journal, transcript, the --json policy) as one set of hooks. */
export function combineHooks(...all: FlowHooks[]): FlowHooks {
	return {
		beforeOperation(operation, state) {
			for (const hooks of all) hooks.beforeOperation?.(operation, state);
		},
		onState(state) {
			for (const hooks of all) hooks.onState?.(state);
		},
	};
}

export type FlowRunner = {
	getState(): FlowState;
	subscribe(listener: () => void): () => void;
	dispatch(action: Action): void;
	/** Resolves once the flow has finished (or was interrupted). */
	finished: Promise<FlowState>;
};

export function startFlow(host: Host, initial: FlowState, hooks: FlowHooks = {}): FlowRunner {
	let state = initial;
	let running: Operation | undefined;
	const listeners = new Set<() => void>();
	let resolveFinished: (state: FlowState) => void = () => {};
	const finished = new Promise<FlowState>((resolve) => {
		resolveFinished = resolve;
	});

	const publish = () => {
		hooks.onState?.(state);
		for (const listener of listeners) listener();
		if (state.pending.kind === 'finished') resolveFinished(state);
	};

	const pump = () => {
		const {pending} = state;
		if (pending.kind !== 'run' || running !== undefined) return;
		const operation = pending.operation;
		running = operation;
		hooks.beforeOperation?.(operation, state);
		void settle(operation);
	};

	const settle = async <N extends OperationName>(operation: Operation<N>) => {
		const result = await executeOperation(host, state, operation);
		running = undefined;
		// The one place a name and its result meet; executeOperation typed the result by the name.
		dispatch({type: 'operation-done', name: operation.name, result} as OperationDone);
	};

	const dispatch = (action: Action) => {
		const next = reduce(state, action);
		if (next === state) return;
		state = next;
		publish();
		pump();
	};

	// Start on the next tick so subscribers attached right after startFlow see every state.
	queueMicrotask(pump);

	return {
		getState: () => state,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		dispatch,
		finished,
	};
}
