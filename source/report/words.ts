// The words every renderer uses for a step and its status, so the screen, the screen-reader
// text and the transcript say the same thing.
import type {StepStatus} from '../tree/state.js';
import {stages, stepCount, stepNumber, type StageId} from '../stages/stages.js';

export const statusWords: Record<StepStatus, string> = {
	passed: 'OK',
	failed: 'FAILED',
	changed: 'CHANGED',
	skipped: 'SKIPPED',
	declined: 'DECLINED',
	blocked: 'BLOCKED',
	info: 'FOUND',
};

/** "Step 3 of 10: Test the first hop", or the undo stage's title. */
export function stepLabel(stage: StageId): string {
	const number = stepNumber(stage);
	const {title} = stages[stage];
	return number === 0 ? title : `Step ${number} of ${stepCount}: ${title}`;
}
