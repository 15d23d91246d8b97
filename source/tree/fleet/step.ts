// Where a run over many first hops is, as the one-host flow's "Step 3 of 10" banner says it, so
// someone who joins a shared screen late knows. Four steps in a fixed order: a step with nothing to
// do (no host needs the server role) is passed over and the others keep their numbers.
import type {FleetState} from './state.js';

const titles = [
	'Read the first hops',
	"This machine's delegation list",
	'The CredSSP server role on the first hops',
	'Verify with CredSSP',
] as const;

/** "Step 2 of 4: This machine's delegation list"; undefined once the run has ended. */
export function fleetStepHeading(state: FleetState): string | undefined {
	const number = fleetStepNumber(state);
	return number === undefined
		? undefined
		: `Step ${number} of ${titles.length}: ${titles[number - 1]}`;
}

function fleetStepNumber({pending}: FleetState): number | undefined {
	switch (pending.kind) {
		case 'finished':
			return undefined;
		case 'ask': {
			const {prompt} = pending;
			if (prompt.kind === 'hosts' || prompt.kind === 'leave-out')
				return prompt.id === 'client' ? 2 : 3;
			return 1;
		}
		case 'run':
			switch (pending.call.name) {
				case 'write-client':
					return 2;
				case 'enable-servers':
					return 3;
				case 'verify':
					return 4;
				default:
					return 1;
			}
	}
}
