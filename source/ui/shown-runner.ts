// The runner as the screen reads it: every string in its states and events (machine data, the
// admin's command, error records, scenario text) with control characters shown escaped. Actions
// still go to the real runner, and values sent to machines never pass through here.
import type {FlowRunner} from '../flow/runner.js';
import {showControlsIn} from '../windows/terminal-text.js';

export function shownRunner(runner: FlowRunner): FlowRunner {
	return {
		...runner,
		getState: () => showControlsIn(runner.getState()),
		getEvents: () => showControlsIn(runner.getEvents()),
	};
}
