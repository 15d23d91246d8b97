import type {FlowState} from '../tree/state.js';
import {stages, stepLabel} from '../stages/stages.js';
import {stepRoute} from '../tree/common.js';

/** "Step 3 of 10: Test the first hop" (or "Undo 1 of 2: …"), on screen so a late viewer knows where we are. */
export function bannerText(state: FlowState): string {
	const machine =
		state.pending.kind === 'run' ? state.pending.operation.machine : state.view?.machine;
	const where = machine === undefined || machine === 'none' ? '' : ` - on ${machine}`;
	if (state.stage === 'undo') {
		const total = state.earlier?.changes.length ?? 0;
		const setting = state.proposed?.setting ?? stages.undo.title;
		return `Undo ${total - state.undoQueue.length + 1} of ${total}: ${setting}${where}`;
	}
	// Before its first undo, an undo run asks for the account at the fix's own stage: named
	// without the fix's step number, which would say "Step 2 of 10" of a fix that is not running.
	if (state.mode === 'undo') return `Undo: ${stages[state.stage].title}${where}`;
	return `${stepLabel(state.stage, 'heading', stepRoute(state))}${where}`;
}
