// Documented exit codes, so a CI job can branch on the answer without reading the output.
// A run over many first hops (--hop1 a,b,c) has one verdict for all its hosts
// (tree/fleet/conclude.ts), so the same codes cover all: 0 only when every host is fixed or
// already works; 1 (needs-changes) when the others only wait for a yes (left out, not in
// --steps, --dry-run); 2 (failed, blocked) when any host failed, is blocked or was not reached;
// 130 interrupted. Each host's own result is in the --json document's `hosts`.
import type {Verdict} from '../tree/state.js';

export const exitCodes = {works: 0, needsChanges: 1, failed: 2, interrupted: 130} as const;

export function exitCodeFor(verdict: Verdict | undefined): number {
	switch (verdict) {
		case 'fixed':
		case 'already-fixed':
		case 'already-works':
		case 'undone':
		case 'nothing-to-undo':
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
