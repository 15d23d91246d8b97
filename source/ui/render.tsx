// Mounts the Ink app for one guided run and resolves when the run has ended and the final
// screen is painted. Imported lazily: only the interactive path pays for Ink and React.
import {render} from 'ink';
import type {FlowRunner} from '../flow/runner.js';
import {App} from './app.js';
import type {Theme} from './theme.js';

export type InteractiveOptions = {
	theme: Theme;
	hint?: string;
	hostDescription: string;
	headingPrinted: boolean;
	screenReader: boolean;
	onInterrupt: () => void;
};

export async function renderInteractive(
	runner: FlowRunner,
	options: InteractiveOptions,
): Promise<void> {
	const instance = render(
		<App
			runner={runner}
			theme={options.theme}
			hint={options.hint}
			hostDescription={options.hostDescription}
			headingPrinted={options.headingPrinted}
			onInterrupt={options.onInterrupt}
		/>,
		{
			exitOnCtrlC: false,
			patchConsole: false,
			// A laggy screen share shows every redraw; a few frames a second are plenty without animation.
			maxFps: 10,
			isScreenReaderEnabled: options.screenReader,
		},
	);
	await runner.finished;
	// Let the summary frame reach the terminal before Ink lets go of it.
	await new Promise((resolve) => setTimeout(resolve, 50));
	instance.unmount();
	await instance.waitUntilExit();
}
