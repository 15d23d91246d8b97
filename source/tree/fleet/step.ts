// Where a run over many first hops is, as the one-host flow's "Step 3 of 10" banner says it, so
// someone who joins a shared screen late knows. Four steps in a fixed order: a step with nothing to
// do (no host needs the server role) is passed over and the others keep their numbers. On a
// workstation whose WinRM service was found stopped, starting it is a step of its own before them
// (its question comes after the account and before the password: winrm.ts), so "of 5" from the
// first question on, and the count stays true whether the start is said yes to or not.
import type {FleetState} from './state.js';

const titles = [
	'Read the first hops',
	"This machine's delegation list",
	'The CredSSP server role on the first hops',
	'Verify with CredSSP',
] as const;

const winrmTitle = "Your account and this machine's WinRM service";

/** "Step 2 of 4: This machine's delegation list"; undefined once the run has ended. */
export function fleetStepHeading(state: FleetState): string | undefined {
	const number = fleetStepNumber(state);
	if (number === undefined) return undefined;
	const steps: readonly string[] = startsWinRM(state) ? [winrmTitle, ...titles] : titles;
	const index = number - 1 + steps.length - titles.length;
	return `Step ${index + 1} of ${steps.length}: ${steps[index]}`;
}

/**
 * Whether this run has the WinRM step: the service was found stopped (and not Disabled, which ends
 * the run before any question), or was started by it.
 */
function startsWinRM({local, changes}: FleetState): boolean {
	const service = local?.winrmService;
	return (
		(service?.status === 'Stopped' && service.startType !== 'Disabled') ||
		changes.some((change) => change.stage === 'winrm')
	);
}

/** The step's number among the four; 0 for the WinRM step (and what comes before it). */
function fleetStepNumber(state: FleetState): number | undefined {
	const {pending} = state;
	switch (pending.kind) {
		case 'finished':
			return undefined;
		case 'ask': {
			const {prompt} = pending;
			if (prompt.kind === 'hosts' || prompt.kind === 'leave-out')
				return prompt.id === 'client' ? 2 : 3;
			// The account and the start are asked before the password, while the service is stopped.
			if (prompt.kind !== 'password' && startsWinRM(state) && state.changes.length === 0) return 0;
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
				case 'start-winrm':
					return 0;
				default:
					return 1;
			}
	}
}
