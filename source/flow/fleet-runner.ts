// Drives the fleet reducer (tree/fleet): runs each call it asks for on the host (a batch goes to
// every listed host at once through hosts/fleet-calls.ts) and feeds the answer back. Like the
// one-host runner, the Ink screen, the screen-reader text, --json and the tests all use it.
import type {Credential, Host} from '../hosts/host.js';
import {fleetCallsOf} from '../hosts/fleet-calls.js';
import type {CommandOutput, Outcome} from '../windows/records.js';
import {reduceFleet} from '../tree/fleet/reducer.js';
import type {CallResult, FleetAction, FleetCall, FleetState} from '../tree/fleet/state.js';

export type FleetHooks = {
	/** Before a call runs, e.g. to journal its changes; a throw stops the call (it fails). */
	beforeCall?: (state: FleetState, call: FleetCall) => void;
	/** Every new state, e.g. to journal changes once made and the end. */
	onState?: (state: FleetState) => void;
};

export type FleetRunner = {
	getState(): FleetState;
	subscribe(listener: () => void): () => void;
	dispatch(action: FleetAction): void;
	finished: Promise<FleetState>;
};

function credentialOf(state: FleetState): Credential {
	if (state.user === undefined || state.password === undefined)
		throw new Error('No credential entered yet.');
	return {user: state.user, password: state.password};
}

const notRun = (message: string): Outcome<never> => ({
	ok: false,
	error: {
		exceptionType: 'System.InvalidOperationException',
		message: `doublehop did not run this step: ${message}`,
		fullyQualifiedErrorId: 'DoublehopNotRun',
		categoryInfo: 'NotSpecified: (:) [], DoublehopNotRun',
	},
});

/** Every host of a batch answered with the same failure: nothing ran. */
const allFailed = <T>(hosts: string[], failure: Outcome<T>) =>
	Object.fromEntries(hosts.map((host) => [host, failure]));

async function execute(host: Host, state: FleetState, call: FleetCall): Promise<CallResult> {
	const fleet = fleetCallsOf(host);
	switch (call.name) {
		case 'local-context':
			return {name: call.name, result: await host.localContext()};
		case 'start-winrm':
			return {name: call.name, result: await host.startWinRMService()};
		case 'read-client-credssp':
			return {name: call.name, result: await host.readClientCredSsp()};
		case 'survey':
			return {
				name: call.name,
				result: await fleet.survey(call.hosts, credentialOf(state), state.throttle),
			};
		case 'read-wsman-spn':
			return {name: call.name, result: await host.readWsmanSpn(call.spns)};
		case 'write-client': {
			const {how} = call;
			const result: Outcome<CommandOutput> =
				how.operation === 'enable-client-credssp'
					? await host.enableClientCredSsp(how.delegateComputers)
					: how.operation === 'set-delegation-list'
						? await writeList(host, how.values, how.enableClient === true)
						: await host.setClientCredSsp(true);
			return {name: call.name, result};
		}
		case 'enable-servers':
			return {
				name: call.name,
				result: await fleet.enableServers(call.hosts, credentialOf(state), state.throttle),
			};
		case 'verify':
			return {
				name: call.name,
				result: await fleet.verify(call.hosts, credentialOf(state), state.command, state.throttle),
			};
	}
}

/** The list written whole, then (its names had a gap) client CredSSP turned on. */
async function writeList(
	host: Host,
	values: string[],
	enableClient: boolean,
): Promise<Outcome<CommandOutput>> {
	const written = await host.setDelegationList(values);
	if (!written.ok || !enableClient) return written;
	return await host.setClientCredSsp(true);
}

/** The answer a call gets when it could not run at all (its journal line could not be written). */
function refused(call: FleetCall, message: string): CallResult {
	const failure = notRun(message);
	switch (call.name) {
		case 'survey':
		case 'enable-servers':
		case 'verify':
			return {name: call.name, result: allFailed(call.hosts, failure)} as CallResult;
		default:
			return {name: call.name, result: failure} as CallResult;
	}
}

export function startFleet(host: Host, initial: FleetState, hooks: FleetHooks = {}): FleetRunner {
	let state = initial;
	let running = false;
	const listeners = new Set<() => void>();
	let resolveFinished: (state: FleetState) => void = () => {};
	const finished = new Promise<FleetState>((resolve) => {
		resolveFinished = resolve;
	});

	const pump = () => {
		const {pending} = state;
		if (pending.kind !== 'run' || running) return;
		running = true;
		const call = pending.call;
		const settle = (result: CallResult) => {
			running = false;
			dispatch({type: 'call-done', ...result} as FleetAction);
		};
		try {
			hooks.beforeCall?.(state, call);
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			void Promise.resolve().then(() => settle(refused(call, message)));
			return;
		}
		for (const listener of listeners) listener();
		void execute(host, state, call).then(settle, (error: unknown) =>
			settle(refused(call, error instanceof Error ? error.message : String(error))),
		);
	};

	const dispatch = (action: FleetAction) => {
		const next = reduceFleet(state, action);
		if (next === state) return;
		state = next;
		hooks.onState?.(state);
		for (const listener of listeners) listener();
		if (state.pending.kind === 'finished') resolveFinished(state);
		pump();
	};

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
