// Drives the reducer: runs each pending operation on the host and feeds the result back, and
// keeps what happened as events (events.ts), in order, for every record of the run to read.
// Prompts are answered by dispatching actions. The runner is the same for the Ink UI, the
// screen-reader text, JSON mode and the tests.
import type {Host} from '../hosts/host.js';
import {reduce} from '../tree/reducer.js';
import type {Action, FlowState, Operation, OperationDone, OperationName} from '../tree/state.js';
import {eventsBetween, type FlowEvent} from './events.js';
import {executeOperation} from './execute.js';

export type FlowHooks = {
	/** Called with each event as it happens, e.g. to journal a change before it is made. */
	onEvent?: (event: FlowEvent) => void;
	/** Called on every new state, after its events. */
	onState?: (state: FlowState) => void;
};

/** Several observers (journal, transcript, the --json policy) as one set of hooks. */
export function combineHooks(...all: FlowHooks[]): FlowHooks {
	return {
		onEvent(event) {
			for (const hooks of all) hooks.onEvent?.(event);
		},
		onState(state) {
			for (const hooks of all) hooks.onState?.(state);
		},
	};
}

export type FlowRunner = {
	getState(): FlowState;
	/** Every event so far, in order; a new array whenever one is added. */
	getEvents(): readonly FlowEvent[];
	/** Told after each new state and each event. */
	subscribe(listener: () => void): () => void;
	dispatch(action: Action): void;
	/** Resolves once the flow has finished (or was interrupted). */
	finished: Promise<FlowState>;
};

export function startFlow(host: Host, initial: FlowState, hooks: FlowHooks = {}): FlowRunner {
	let state = initial;
	let events: readonly FlowEvent[] = [];
	let running: Operation | undefined;
	const listeners = new Set<() => void>();
	let resolveFinished: (state: FlowState) => void = () => {};
	const finished = new Promise<FlowState>((resolve) => {
		resolveFinished = resolve;
	});

	const emit = (added: FlowEvent[]) => {
		if (added.length === 0) return;
		events = [...events, ...added];
		for (const event of added) hooks.onEvent?.(event);
	};

	const publish = (before: FlowState) => {
		emit(eventsBetween(before, state));
		hooks.onState?.(state);
		for (const listener of listeners) listener();
		if (state.pending.kind === 'finished') resolveFinished(state);
	};

	const pump = () => {
		const {pending} = state;
		if (pending.kind !== 'run' || running !== undefined) return;
		const operation = pending.operation;
		running = operation;
		try {
			emit([{type: 'operation-started', operation, state}]);
		} catch (error) {
			// An observer that must act first failed (the journal could not be written): the
			// operation does not run, and the step fails with why.
			void refuse(operation, error);
			return;
		}
		for (const listener of listeners) listener();
		void settle(operation);
	};

	const refuse = async (operation: Operation, error: unknown) => {
		await Promise.resolve();
		running = undefined;
		const message = error instanceof Error ? error.message : String(error);
		dispatch({
			type: 'operation-done',
			name: operation.name,
			result: {
				ok: false,
				error: {
					message: `doublehop did not run this step: ${message}`,
					fullyQualifiedErrorId: 'DoublehopNotRun',
					categoryInfo: 'NotSpecified: (:) [], DoublehopNotRun',
				},
			},
		} as OperationDone);
	};

	const settle = async <N extends OperationName>(operation: Operation<N>) => {
		const result = await executeOperation(host, state, operation);
		running = undefined;
		emit([{type: 'operation-ended', operation, state}]);
		// The one place a name and its result meet; executeOperation typed the result by the name.
		dispatch({type: 'operation-done', name: operation.name, result} as OperationDone);
	};

	const dispatch = (action: Action) => {
		const next = reduce(state, action);
		if (next === state) return;
		const before = state;
		state = next;
		publish(before);
		pump();
	};

	// Start on the next tick so subscribers attached right after startFlow see every state.
	queueMicrotask(pump);

	return {
		getState: () => state,
		getEvents: () => events,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		dispatch,
		finished,
	};
}
