// This machine's WinRM service, before anything reads or changes its CredSSP settings. Windows
// 10/11 ship it Manual, so it is often stopped, and Get-WSManCredSSP, Enable-WSManCredSSP and the
// WSMan: drive need it. Starting it is a change of its own: shown, asked for, journalled, and
// undone by stopping it again. Its start type is never changed: a Disabled service is the admin's.
import type {LocalContext, WinRMService} from '../windows/records.js';
import {readClientCredSspCommand} from '../operations/read-client-credssp.js';
import {enableWinRMServiceCommands, startWinRMServiceCommand} from '../operations/winrm-service.js';
import {proposal} from './proposal.js';
import {addLog, ask, changeView, clientName, finish, run} from './common.js';
import {conclusion, dryRunConclusion} from './conclusions.js';
import type {FlowState} from './state.js';
import {offerMethods} from './method.js';

const needsIt =
	"Get-WSManCredSSP and Enable-WSManCredSSP need it to read and change this machine's CredSSP settings.";

/**
 * What needs neither this machine's WinRM service nor an elevated shell: $using:cred reads and
 * changes no CredSSP setting, and an outgoing session needs no service here (only a listener there).
 */
export const withoutCredSsp =
	"Or change nothing: doublehop --method using-cred runs your command with $using:cred, which needs neither an elevated shell nor this machine's WinRM service.";

/** Start it yourself, then run again: the next step after a "no". */
export const startItYourself = [
	`In an elevated PowerShell: ${startWinRMServiceCommand}, then run doublehop again. ${needsIt}`,
	withoutCredSsp,
];

const describe = (service: WinRMService) =>
	`${service.status}, start type ${service.startType || 'unknown'}`;

/** The preflight line about the service, when it is not running. */
export function winrmServiceDetails(local: LocalContext): string[] {
	const service = local.winrmService;
	if (service === undefined || service.status === 'Running') return [];
	return [
		`This machine's WinRM service: ${service.status} (start type ${service.startType || 'unknown'}). ${needsIt}`,
	];
}

const readClient = (state: FlowState): FlowState => ({
	...state,
	view: undefined,
	proposed: undefined,
	pending: run('read-client-credssp', {}, clientName(state), readClientCredSspCommand),
});

/** Reads this machine's CredSSP settings, first offering to start WinRM when it is stopped. */
export function readClientSettings(state: FlowState): FlowState {
	const local = state.facts.local;
	const service = local?.winrmService;
	// --method using-cred reads no CredSSP setting: a stopped service or a shell that is not
	// elevated stays as it is, and is not a change this run makes.
	const stopped = service !== undefined && service.status !== 'Running';
	if (state.methodGiven === 'using-cred' && local !== undefined && (stopped || !local.elevated)) {
		const log = addLog(state, {
			status: 'info',
			title: "This machine's CredSSP settings are not read: $using:cred needs none",
			details: [
				...(stopped
					? [
							`This machine's WinRM service stays ${service.status}: an outgoing session does not need it.`,
						]
					: []),
				...(local.elevated ? [] : ['This shell is not elevated: $using:cred does not need it.']),
			],
		});
		return offerMethods({...state, log});
	}
	if (local === undefined || service === undefined || service.status !== 'Stopped') {
		return readClient(state);
	}
	const machine = clientName(state);
	if (service.startType === 'Disabled') return disabled(state, local.computerName);
	return {
		...state,
		proposed: proposal(state, {stage: 'winrm', machine, ...winrmStart(service)}),
		view: changeView(
			machine,
			[`WinRM service on ${local.computerName}: ${describe(service)}`, needsIt],
			[startWinRMServiceCommand],
			[`WinRM service after: ${runningAfter(service)}`],
		),
		pending: ask({
			kind: 'confirm',
			id: 'winrm',
			question: `Start the WinRM service on ${machine}?`,
		}),
	};
}

/**
 * Starting this machine's stopped service, as a change: its start type kept, and recorded for
 * undo, which stops it only while it still has it. One host's flow and a fleet's make the same.
 */
export function winrmStart(service: WinRMService) {
	const startType = service.startType || 'unknown';
	return {
		setting: 'WinRM service',
		before: `${service.status} (start type ${startType})`,
		after: `Running (start type ${startType})`,
		command: startWinRMServiceCommand,
		undo: {
			kind: 'stop-winrm' as const,
			...(service.startType ? {startType: service.startType} : {}),
		},
	};
}

/** The service after the start, as the change's view says it. */
export function runningAfter(service: WinRMService): string {
	const startType = service.startType || 'unknown';
	return `Running; start type stays ${startType}${startType === 'Manual' ? ', so the next restart leaves it stopped' : ''}`;
}

function disabled(state: FlowState, computerName: string): FlowState {
	const log = addLog(state, {
		status: 'blocked',
		title: `The WinRM service on ${computerName} is disabled`,
		details: [
			`Its start type is Disabled, so it cannot be started, and doublehop does not change a service's start type. ${needsIt}`,
		],
	});
	return finish(
		{...state, log},
		conclusion('blocked', `The WinRM service on ${computerName} is disabled`, {
			details: ['Nothing was changed.'],
			nextSteps: [
				`In an elevated PowerShell: ${enableWinRMServiceCommands.join('; ')}`,
				'If Group Policy disables the service (Computer Configuration > Policies > Windows Settings > Security Settings > System Services), ask the owner of that GPO first.',
				'Then run doublehop again.',
			],
		}),
	);
}

/** After the start was made (or, in a dry run, planned). */
export function afterWinRMStarted(state: FlowState): FlowState {
	if (!state.dryRun) return readClient(state);
	return finish(
		state,
		dryRunConclusion(state, [
			`This machine's CredSSP settings cannot be read while its WinRM service is stopped, so the later steps were not planned. ${startItYourself[0]}`,
		]),
	);
}
