// Documented exit codes, so a CI job can branch on the answer without reading the output.
import type {Verdict} from '../tree/state.js';

export const exitCodes = {works: 0, needsChanges: 1, failed: 2, interrupted: 130} as const;

export function exitCodeFor(verdict: Verdict | undefined): number {
	switch (verdict) {
		case 'fixed':
		case 'already-fixed':
		case 'already-works':
		case 'undone':
			return exitCodes.works;
		case 'declined':
		case 'needs-changes':
			return exitCodes.needsChanges;
		case 'interrupted':
			return exitCodes.interrupted;
		default:
			return exitCodes.failed;
	}
}
