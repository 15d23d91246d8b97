// Several observers of a fleet run (the journal, the lock) as one set of hooks.
import type {FleetHooks} from './fleet-runner.js';

export function combineFleetHooks(...all: FleetHooks[]): FleetHooks {
	return {
		beforeCall(state, call) {
			for (const hooks of all) hooks.beforeCall?.(state, call);
		},
		onState(state) {
			for (const hooks of all) hooks.onState?.(state);
		},
	};
}
