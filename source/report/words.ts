// The words every renderer uses for a step and its status, so the screen, the screen-reader
// text and the transcript say the same thing.
import type {StepStatus} from '../tree/state.js';

export const statusWords: Record<StepStatus, string> = {
	passed: 'OK',
	failed: 'FAILED',
	changed: 'CHANGED',
	skipped: 'SKIPPED',
	declined: 'DECLINED',
	blocked: 'BLOCKED',
	info: 'FOUND',
};
