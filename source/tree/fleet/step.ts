// Where a run over many first hops is, as the one-host flow's "Step 3 of 10" banner says it, so
// someone who joins a shared screen late knows. Five steps in a fixed order, counted from the
// first frame on, as one host's ten are (stages/stages.ts): the count never changes under the
// admin's eyes. Step 1 is this machine and the account, as one host's "Check this shell" and
// "Machines and credentials": reading this shell, an earlier run's resume question, the account,
// starting this machine's stopped WinRM service (winrm.ts) and the password. A step with nothing
// to do (no host needs the server role) is passed over and the others keep their numbers.
import type {FleetState} from './state.js';

const titles = [
	'Check this shell and your account',
	'Read the first hops',
	"This machine's delegation list",
	'The CredSSP server role on the first hops',
	'Verify with CredSSP',
] as const;

/** "Step 3 of 5: This machine's delegation list"; undefined once the run has ended. */
export function fleetStepHeading(state: FleetState): string | undefined {
	const number = fleetStepNumber(state);
	if (number === undefined) return undefined;
	return `Step ${number} of ${titles.length}: ${titles[number - 1]}`;
}

/** The step's number among the five. */
function fleetStepNumber(state: FleetState): number | undefined {
	const {pending} = state;
	switch (pending.kind) {
		case 'finished':
			return undefined;
		case 'ask': {
			const {prompt} = pending;
			if (prompt.kind === 'hosts' || prompt.kind === 'leave-out')
				return prompt.id === 'client' ? 3 : 4;
			// The earlier run, the account, the WinRM start and the password (asked again too).
			return 1;
		}
		case 'run':
			switch (pending.call.name) {
				case 'local-context':
				case 'start-winrm':
					return 1;
				case 'write-client':
					return 3;
				case 'enable-servers':
					return 4;
				case 'verify':
					return 5;
				default:
					return 2;
			}
	}
}
