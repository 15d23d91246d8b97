// A run over many first hops on a lab, set up as the CLI sets it up (lab state and journal
// under DOUBLEHOP_STATE_DIR) and driven by keystrokes on the fleet screen: wait for the prompt,
// then type. Shared by the fleet tests, so a later run can start on what an earlier one left.
import {render} from 'ink-testing-library';
import stripAnsi from 'strip-ansi';
import {setUpRun} from '../../source/cli/run-setup.js';
import {fleetRunner} from '../../source/cli/fleet.js';
import type {LabHost} from '../../source/hosts/lab/lab-host.js';
import {FleetApp} from '../../source/ui/fleet-app.js';
import {decisionSeenMs} from '../../source/ui/app.js';
import {fold} from './session.js';

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFleet(
	stateDir: string,
	slowServers = false,
	failOn?: string,
	lab = 'fleet',
	/** Replaces some of the lab's answers before the run starts, e.g. an error as localised Windows words it. */
	adjust?: (host: LabHost) => void,
	dryRun = false,
) {
	process.env.DOUBLEHOP_STATE_DIR = stateDir;
	const prepared = await setUpRun({
		lab,
		labReset: false,
		mode: 'fix',
		dryRun,
		inputs: {},
	});
	if (!prepared.ok) throw new Error(prepared.message);
	const {setup} = prepared;
	const hosts = (setup.defaults.hop1 ?? '').split(',');
	if (failOn !== undefined) {
		// One host's WinRM refuses the change (its own ErrorRecord); the others must go on.
		const enable = setup.host.enableServerCredSsp.bind(setup.host);
		setup.host.enableServerCredSsp = async (hop1, credential) =>
			hop1 === failOn
				? {
						ok: false,
						error: {
							message: 'Access is denied.',
							fullyQualifiedErrorId:
								'System.UnauthorizedAccessException,Microsoft.WSMan.Management.EnableWSManCredSSPCommand',
							categoryInfo: 'NotSpecified: (:) [Enable-WSManCredSSP], UnauthorizedAccessException',
							exceptionType: 'System.UnauthorizedAccessException',
							psComputerName: hop1,
						},
					}
				: enable(hop1, credential);
	}
	if (slowServers) {
		// The server role takes a while, so Ctrl+C lands while it runs.
		const enable = setup.host.enableServerCredSsp.bind(setup.host);
		setup.host.enableServerCredSsp = async (...args) => {
			await pause(300);
			return enable(...args);
		};
	}
	adjust?.(setup.host as LabHost);
	const runner = fleetRunner({
		setup,
		hosts,
		inputs: {},
		dryRun,
		undoCommand: 'doublehop undo --lab fleet',
	});
	const ui = render(
		<FleetApp
			runner={runner}
			theme={{color: false, ascii: true}}
			hostDescription={setup.host.description}
			onInterrupt={() => runner.dispatch({type: 'interrupt'})}
		/>,
	);
	const type = (keys: string) => ui.stdin.write(keys);
	const screen = () => stripAnsi(ui.lastFrame() ?? '');
	const answer = async (prompt: string, text: string) => {
		const start = Date.now();
		while (!fold(screen().trimEnd().split('\n').slice(-3).join(' ')).includes(prompt)) {
			if (Date.now() - start > 4000) throw new Error(`No prompt ${prompt}. Screen:\n${screen()}`);
			await pause(10);
		}
		await pause(decisionSeenMs + 20);
		ui.stdin.write(text);
		await pause(5);
		ui.stdin.write('\r');
	};
	return {
		host: setup.host as LabHost,
		setup,
		runner,
		screen,
		/** Every frame drawn so far, as the admin saw each in turn. */
		frames: () => ui.frames.map((frame) => stripAnsi(frame)),
		answer,
		type,
		journal: setup.journal,
		unmount: () => ui.unmount(),
	};
}

export const machine = (host: LabHost, key: string) => host.snapshot().machines[key]!;
