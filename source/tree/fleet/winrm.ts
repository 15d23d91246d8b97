// This machine's WinRM service, before a run over many first hops reads its CredSSP settings.
// Windows 10/11 ship it Manual, so it is stopped after every restart, and Get-WSManCredSSP and
// Enable-WSManCredSSP need it. As for one host (tree/winrm-service.ts), starting it is a change
// of its own: shown, asked for once for the whole fleet (it is this machine's service, no
// host's), journalled, and undone by stopping it. A Disabled service is the admin's: blocked.
import {
	enableWinRMServiceCommands,
	startWinRMServiceCommand,
} from '../../operations/winrm-service.js';
import type {CommandOutput, Outcome, WinRMService} from '../../windows/records.js';
import type {ChangeRecord} from '../state.js';
import {undoCommandFor} from '../undo-commands.js';
import {runningAfter, winrmStart} from '../winrm-service.js';
import {concludeFleet, print} from './conclude.js';
import type {FleetState} from './state.js';

const needsIt = 'Get-WSManCredSSP and Enable-WSManCredSSP need it';

const stoppedService = (state: FleetState): WinRMService | undefined => {
	const service = state.local?.winrmService;
	return service?.status === 'Stopped' ? service : undefined;
};

const computer = (state: FleetState) => state.local?.computerName ?? 'this machine';

/** The start as one change of this machine's, tied to no first hop (undo --hop1 leaves it). */
function winrmChange(state: FleetState, service: WinRMService): ChangeRecord {
	const record = {
		id: `${state.runId}:winrm`,
		stage: 'winrm' as const,
		machine: `${computer(state)} (this machine)`,
		...winrmStart(service),
	};
	return {...record, undoCommand: undoCommandFor(record, undefined)};
}

/** After the account, before the password: `next` when the service runs, else the offer to start it. */
export function checkLocalWinRM(
	state: FleetState,
	next: (state: FleetState) => FleetState,
): FleetState {
	const service = stoppedService(state);
	if (service === undefined) return next(state);
	if (service.startType === 'Disabled') return disabled(state);
	const change = winrmChange(state, service);
	const startType = service.startType || 'unknown';
	const shown = print(state, [
		`On ${change.machine}: the WinRM service is ${service.status} (start type ${startType}). ${needsIt} to read and change this machine's CredSSP settings. It is started once, for every host.`,
		'Will run:',
		`  PS> ${startWinRMServiceCommand}`,
		`After: ${runningAfter(service)}`,
		// As for one host (planned-change.ts), the undo is a command of its own row, cut as one.
		'Undo:',
		`  PS> ${change.undoCommand}`,
	]);
	return {
		...shown,
		pending: {
			kind: 'ask',
			prompt: {
				kind: 'choice',
				id: 'winrm',
				question: `Start the WinRM service on ${computer(state)}?`,
				options: [
					{key: 'y', label: 'yes'},
					{key: 'n', label: 'no'},
				],
			},
		},
	};
}

/** What the admin runs instead: start it, then this run again. */
const startItYourself = `In an elevated PowerShell: ${startWinRMServiceCommand}, then run doublehop again.`;

function disabled(state: FleetState): FleetState {
	const headline = `The WinRM service on ${computer(state)} is disabled`;
	const details = [
		`This computer's WinRM service is Stopped and its start type is Disabled: ${needsIt}, so no host was read. doublehop does not change a service's start type. Nothing was changed.`,
	];
	return concludeFleet(print(state, [`${headline}.`]), {
		verdict: 'blocked',
		headline,
		details,
		nextSteps: [
			`In an elevated PowerShell: ${enableWinRMServiceCommands.join('; ')}`,
			'If Group Policy disables the service (Computer Configuration > Policies > Windows Settings > Security Settings > System Services), ask the owner of that GPO first.',
			'Then run doublehop again.',
		],
	});
}

/** y: the start is run (in a dry run, planned: nothing can be read after it); n: the run ends. */
export function onWinRMChoice(state: FleetState, key: string, auto: boolean): FleetState {
	const service = stoppedService(state);
	if (service === undefined) return state;
	const change = winrmChange(state, service);
	const stopped = `This computer's WinRM service is Stopped: ${needsIt}, so no host was read. Nothing was changed.`;
	// --json without --yes --steps winrm: nobody said no; as for one host, the step to add.
	if (key !== 'y' && auto) {
		return concludeFleet(print(state, [stopped]), {
			verdict: 'needs-changes',
			headline: "Changes needed: this machine's WinRM service is stopped",
			details: [stopped],
			nextSteps: [
				'To start it: run the same command again with --yes --steps winrm (added to any --steps it has).',
				startItYourself,
			],
		});
	}
	if (key !== 'y') {
		return concludeFleet(print(state, ['You said no: the WinRM service was not started.']), {
			verdict: 'declined',
			headline: 'You said no: the WinRM service was not started',
			details: [stopped],
			nextSteps: [startItYourself],
		});
	}
	if (state.dryRun) {
		return concludeFleet(
			{
				...print(state, [`Planned: ${startWinRMServiceCommand}`]),
				changes: [{...change, dryRun: true}],
			},
			{
				verdict: 'needs-changes',
				headline: `Dry run: the WinRM service on ${computer(state)} is started first`,
				details: [
					`This machine's CredSSP settings cannot be read while its WinRM service is stopped, so no host was read and nothing was changed. ${needsIt}.`,
				],
				nextSteps: [
					`In an elevated PowerShell: ${startWinRMServiceCommand}, then run the dry run again to plan every host.`,
				],
			},
		);
	}
	return {
		...state,
		pending: {
			kind: 'run',
			call: {name: 'start-winrm', command: startWinRMServiceCommand, changes: [change]},
		},
	};
}

/** Started: journalled as made, and the run goes on to `next` (the credential). */
export function onWinRMStarted(
	state: FleetState,
	result: Outcome<CommandOutput>,
	next: (state: FleetState) => FleetState,
): FleetState {
	const {pending, local} = state;
	if (pending.kind !== 'run' || pending.call.name !== 'start-winrm' || local === undefined)
		return state;
	if (!result.ok) {
		const headline = `Could not start the WinRM service on ${computer(state)}`;
		return concludeFleet(print(state, [`${headline}: ${result.error.message}`]), {
			verdict: 'failed',
			headline,
			details: [result.error.message, `${needsIt}, so no host was read.`],
			nextSteps: [startItYourself],
		});
	}
	const service = local.winrmService!;
	return next(
		print(
			{
				...state,
				local: {...local, winrmService: {...service, status: 'Running'}},
				changes: [...state.changes, ...pending.call.changes],
			},
			[`Started the WinRM service on ${computer(state)}.`],
		),
	);
}
