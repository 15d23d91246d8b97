// Mounts the fleet screen for a run over many first hops and resolves once the run has ended and
// its last frame is painted. Imported lazily, like render.tsx: only the interactive path loads Ink.
import {render} from 'ink';
import type {FleetRunner} from '../flow/fleet-runner.js';
import {FleetApp} from './fleet-app.js';
import type {Theme} from './theme.js';

export async function renderFleetInteractive(
	runner: FleetRunner,
	options: {theme: Theme; hostDescription: string; hint?: string; onInterrupt: () => void},
): Promise<void> {
	const instance = render(
		<FleetApp
			runner={runner}
			theme={options.theme}
			hostDescription={options.hostDescription}
			{...(options.hint === undefined ? {} : {hint: options.hint})}
			onInterrupt={options.onInterrupt}
		/>,
		// As render.tsx: Ctrl+C is a key the app handles; a few frames a second are plenty.
		{exitOnCtrlC: false, patchConsole: false, maxFps: 10},
	);
	await runner.finished;
	await new Promise((resolve) => setTimeout(resolve, 50));
	instance.unmount();
	await instance.waitUntilExit();
}
