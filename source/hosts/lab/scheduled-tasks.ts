// The lab's clock and its scheduled tasks (time-boxed CredSSP). The clock is the real one plus an
// offset kept with the lab's machines; advancing it (--lab-advance) fires every task that is due,
// as the Task Scheduler would (a machine that was off runs it once it is on: StartWhenAvailable,
// with the trigger's end boundary not yet passed).
// A doublehop revert task makes the same change as the undo of the changes it covers, then
// unregisters itself, exactly as its script does on Windows (operations/revert-task-script.ts).
import type {Credential, Host} from '../host.js';
import type {CommandOutput, Outcome} from '../../windows/records.js';
import {
	endBoundaryUtc,
	taskHasNotRun,
	type RevertTaskState,
	type ScheduledRevert,
} from '../../windows/time-box.js';
import {policyPaths} from '../../windows/policy-paths.js';
import {restoreClientPlan, type ClientRestore} from '../../operations/enable-client-credssp.js';
import {revertTaskArguments, revertTaskExecute} from '../../operations/revert-task-script.js';
import {systemUserId} from '../../operations/revert-task.js';
import type {LabMachine, LabScheduledTask} from './scenario.js';
import {reboundFrom} from './listener-calls.js';
import {isAddressAnyHttps} from '../../windows/records.js';
import {
	clientMachine,
	effective,
	localGpoList,
	writeDelegationList,
	type LabState,
} from './simulate.js';

type OnHop1 = <T>(
	hop1: string,
	credential: Credential,
	action: (machine: LabMachine, psComputerName: string) => Outcome<T>,
) => Promise<Outcome<T>>;

type RevertTaskCalls = Pick<
	Host,
	'readClock' | 'registerRevertTask' | 'readRevertTask' | 'unregisterRevertTask'
>;

/** A task that fired when the clock moved: where, its name, and what it took back. */
export type FiredTask = {
	machine: string;
	taskName: string;
	atUtc: string;
	revert?: ScheduledRevert;
	/** The client's CredSSP switch, off before the run, left on: entries added since need it. */
	switchStaysOn?: ClientRestore['switchStaysOn'];
	/** A step failed (a GPO holds the CredSSP setting): the task stays, LastTaskResult 1. */
	failed?: true;
};

/**
 * powershell.exe's exit code when its -EncodedCommand script ends in a thrown error, which the
 * Task Scheduler keeps as LastTaskResult.
 */
const scriptThrew = 1;

const ok = <T>(value: T): Outcome<T> => ({ok: true, value});

/** The lab's now, in UTC. */
function labNow(state: LabState): string {
	return new Date(Date.now() + (state.clockOffsetMinutes ?? 0) * 60_000).toISOString();
}

/** Get-ScheduledTask's error for a name that is not there (seen: Azure/batch-insights#41). */
function taskNotFound(taskName: string, psComputerName?: string) {
	return {
		ok: false as const,
		error: {
			message: `No MSFT_ScheduledTask objects found with property 'TaskName' equal to '${taskName}'.  Verify the value of the property and retry.`,
			fullyQualifiedErrorId: 'CmdletizationQuery_NotFound_TaskName,Unregister-ScheduledTask',
			categoryInfo: `ObjectNotFound: (${taskName}:String) [Unregister-ScheduledTask], CimJobException`,
			exceptionType: 'Microsoft.PowerShell.Cmdletization.Cim.CimJobException',
			...(psComputerName === undefined ? {} : {psComputerName}),
		},
	};
}

/**
 * Register-ScheduledTask in a shell that is not elevated (a session's account is, on its machine):
 * as transcripts show it (CaT_Scheduler, dsync), with the CimException's CR/LF trimmed as the real
 * host trims it; the middle of the target ("Root/Microsoft/...S_ScheduledTask" there) is the
 * class's namespace.
 */
const registerDenied = {
	ok: false as const,
	error: {
		message: 'Access is denied.',
		fullyQualifiedErrorId: 'HRESULT 0x80070005,Register-ScheduledTask',
		categoryInfo:
			'PermissionDenied: (PS_ScheduledTask:Root/Microsoft/Windows/TaskScheduler/PS_ScheduledTask) [Register-ScheduledTask], CimException',
		exceptionType: 'Microsoft.Management.Infrastructure.CimException',
		hresult: -2147024891,
	},
};

type Applied = {switchStaysOn?: ClientRestore['switchStaysOn']; failed?: true};

/**
 * The change the revert makes: the same as the undo of each change it covers, each step tried
 * (revert-task-script.ts). A CredSSP setting a GPO holds is refused (the "controlled by policies"
 * WS-Man error), the other steps still run, and the run fails. Returns why the client's CredSSP
 * switch stayed on, when it did, and whether a step failed.
 */
function applyRevert(machine: LabMachine, revert: ScheduledRevert): Applied {
	if (revert.machine === 'hop1') {
		const held = revert.serverRole && machine.policies.serviceAllowCredSsp !== undefined;
		if (revert.serverRole && !held) machine.credssp.server = false;
		const listener = revert.httpsListener;
		// A listener re-bound since to another certificate is left, and the run fails (the script
		// throws for it at the end); the rule goes all the same.
		const rebound =
			listener !== undefined &&
			reboundFrom(machine.listeners.find(isAddressAnyHttps), listener.thumbprint) !== undefined;
		if (listener !== undefined) {
			if (!rebound) machine.listeners = machine.listeners.filter((l) => !isAddressAnyHttps(l));
			machine.firewallRules = machine.firewallRules.filter(
				(rule) => rule.name !== listener.firewallRule,
			);
		}
		return held || rebound ? {failed: true} : {};
	}
	const now = {
		enabled: effective.clientCredSsp(machine),
		allowFreshCredentials: [...effective.allowFreshAsRead(machine)],
		localGpoAllowFreshCredentials: localGpoList(machine),
		...(machine.policies.allowFreshCredentials === undefined
			? {}
			: {
					policyDelegation: {
						value: machine.policies.allowFreshCredentials,
						...policyPaths.allowFreshCredentials,
					},
				}),
	};
	const {list, switches, hklm, keysBefore, turnOff, switchStaysOn} = restoreClientPlan(
		now,
		revert.addedEntries,
		revert.clientWasEnabled,
		revert.switchesBefore,
		revert.listBefore,
		revert.keysBefore,
	);
	if (list !== undefined) writeDelegationList(machine, list, switches, hklm, keysBefore);
	const held = turnOff && machine.policies.clientAllowCredSsp !== undefined;
	if (turnOff && !held) machine.credssp.client = false;
	return {...(switchStaysOn === undefined ? {} : {switchStaysOn}), ...(held ? {failed: true} : {})};
}

/** Moves the lab clock on and fires every task now due, oldest first. */
export function advanceLabClock(state: LabState, minutes: number): FiredTask[] {
	state.clockOffsetMinutes = (state.clockOffsetMinutes ?? 0) + minutes;
	const now = Date.parse(labNow(state));
	const fired: FiredTask[] = [];
	for (const [key, machine] of Object.entries(state.machines)) {
		for (const task of [...(machine.scheduledTasks ?? [])]) {
			if (Date.parse(task.atUtc) > now || task.lastRunUtc !== undefined) continue;
			const {switchStaysOn, failed} =
				task.revert === undefined ? {} : applyRevert(machine, task.revert);
			if (failed) {
				// The first failure is thrown before Unregister-ScheduledTask: the task stays.
				task.lastTaskResult = scriptThrew;
				task.lastRunUtc = labNow(state);
			} else {
				// The script's last line: Unregister-ScheduledTask on itself.
				machine.scheduledTasks = (machine.scheduledTasks ?? []).filter((t) => t !== task);
			}
			fired.push({
				machine: key,
				taskName: task.taskName,
				atUtc: task.atUtc,
				...(task.revert ? {revert: task.revert} : {}),
				...(switchStaysOn === undefined ? {} : {switchStaysOn}),
				...(failed ? {failed} : {}),
			});
		}
		if (machine.scheduledTasks?.length === 0) delete machine.scheduledTasks;
	}
	return fired.sort((a, b) => a.atUtc.localeCompare(b.atUtc));
}

export function revertTaskCalls(
	state: LabState,
	onHop1: OnHop1,
	save: () => void,
	delay: () => Promise<unknown>,
): RevertTaskCalls {
	const here = async <T>(action: (machine: LabMachine) => Outcome<T>) => {
		await delay();
		return action(clientMachine(state));
	};
	const at = <T>(
		place: Parameters<Host['readRevertTask']>[1],
		action: (machine: LabMachine, psComputerName?: string) => Outcome<T>,
	) => (place === undefined ? here(action) : onHop1(place.hop1, place.credential, action));

	return {
		async readClock() {
			await delay();
			return ok({nowUtc: labNow(state)});
		},
		registerRevertTask: (task, place) =>
			at(place, (machine): Outcome<CommandOutput> => {
				if (place === undefined && machine.shell?.elevated !== true) return registerDenied;
				const registered: LabScheduledTask = {
					taskName: task.taskName,
					atUtc: task.atUtc,
					execute: revertTaskExecute,
					arguments: revertTaskArguments(task),
					userId: systemUserId,
					startWhenAvailable: true,
					endBoundaryUtc: endBoundaryUtc(task.atUtc),
					disallowStartIfOnBatteries: false,
					stopIfGoingOnBatteries: false,
					lastTaskResult: taskHasNotRun,
					revert: task.revert,
				};
				const others = (machine.scheduledTasks ?? []).filter((t) => t.taskName !== task.taskName);
				machine.scheduledTasks = [...others, registered];
				save();
				return ok({output: `TaskName: ${task.taskName}, StartBoundary: ${task.atUtc}`});
			}),
		readRevertTask: (taskName, place) =>
			at(place, (machine): Outcome<RevertTaskState> => {
				const task = machine.scheduledTasks?.find((t) => t.taskName === taskName);
				const nowUtc = labNow(state);
				if (task === undefined) return ok({found: false, nowUtc});
				return ok({
					found: true,
					nowUtc,
					lastTaskResult: task.lastTaskResult,
					...(task.lastRunUtc === undefined ? {} : {lastRunUtc: task.lastRunUtc}),
				});
			}),
		unregisterRevertTask: (taskName, place) =>
			at(place, (machine, psComputerName): Outcome<CommandOutput> => {
				const tasks = machine.scheduledTasks ?? [];
				if (!tasks.some((t) => t.taskName === taskName))
					return taskNotFound(taskName, psComputerName);
				machine.scheduledTasks = tasks.filter((t) => t.taskName !== taskName);
				if (machine.scheduledTasks.length === 0) delete machine.scheduledTasks;
				save();
				return ok({output: ''});
			}),
	};
}
