// Time-boxed CredSSP (--for 2h): how long a time box may be, how its deadline is written, and
// what a scheduled revert task takes back. Pure: the clock is read by the host, never here.
import type {DelegationKeys, DelegationSwitchesBoth} from './records.js';

/** The shortest time box. A task queued by StartWhenAvailable starts about 10 minutes late
 * (TaskSettings.StartWhenAvailable: "started after a delay. The default delay is 10 minutes"),
 * so a shorter box could not be kept to within its own length. */
const timeBoxMinMinutes = 15;
/**
 * How long after its deadline a revert task may still start on a machine that was off (or asleep)
 * then. StartWhenAvailable "applies only to time-based tasks with an end boundary or time-based
 * tasks that are set to repeat infinitely" (TaskSettings.StartWhenAvailable): a -Once trigger
 * without an end boundary is never started late, so the trigger ends this long after the deadline.
 */
export const missedRevertDays = 365;

/** The trigger's end boundary, in UTC: `missedRevertDays` after the deadline. */
export function endBoundaryUtc(atUtc: string): string {
	const end = new Date(Date.parse(atUtc) + missedRevertDays * 86_400_000);
	return end.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The longest: CredSSP for a task at hand, not for days. Longer work is an undo and a new run. */
const timeBoxMaxMinutes = 24 * 60;

const timeBoxForms = '15m to 24h: 90m, 2h, 1h30m';

/** --for's value in minutes, or why it is refused (with the forms it accepts). */
export function parseTimeBox(
	text: string,
): {ok: true; minutes: number} | {ok: false; message: string} {
	const match = /^\s*(?:(\d{1,3})\s*h)?\s*(?:(\d{1,4})\s*m(?:in)?)?\s*$/i.exec(text);
	const hours = match?.[1];
	const minutes = match?.[2];
	const refused = (why: string) => ({
		ok: false as const,
		message: `--for ${why}: it takes a duration from ${timeBoxForms}; not: ${text}.`,
	});
	if (match === null || (hours === undefined && minutes === undefined)) {
		return refused('is not a duration');
	}
	const total = Number(hours ?? 0) * 60 + Number(minutes ?? 0);
	if (total < timeBoxMinMinutes) return refused('is too short');
	if (total > timeBoxMaxMinutes) return refused('is too long');
	return {ok: true, minutes: total};
}

/** "2 h", "90 min", "1 h 30 min": how long, as the summary says it. */
export function durationText(minutes: number): string {
	const hours = Math.floor(minutes / 60);
	const rest = minutes % 60;
	if (hours === 0) return `${rest} min`;
	return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** "2h", "90m", "1h30m": as --for takes it, for a command line doublehop prints. */
export function durationFlag(minutes: number): string {
	const hours = Math.floor(minutes / 60);
	const rest = minutes % 60;
	if (hours === 0) return `${rest}m`;
	return rest === 0 ? `${hours}h` : `${hours}h${rest}m`;
}

/** The deadline: the UTC instant, to the minute (seconds dropped, so the task reads cleanly). */
export function deadlineFrom(nowUtc: string, minutes: number): string {
	const at = new Date(Date.parse(nowUtc) + minutes * 60_000);
	at.setUTCSeconds(0, 0);
	return at.toISOString().replace('.000Z', 'Z');
}

/** "21:30 UTC", or "21:30 UTC on 2026-12-06" when the deadline falls on another day than `from`. */
export function deadlineText(atUtc: string, fromUtc: string): string {
	const time = `${atUtc.slice(11, 16)} UTC`;
	return atUtc.slice(0, 10) === fromUtc.slice(0, 10) ? time : `${time} on ${atUtc.slice(0, 10)}`;
}

/**
 * What a revert task takes back when it fires: exactly what the undo of the covered changes would.
 * On hop 1: the server role, and the HTTPS listener (and its firewall rule) when this run made
 * them. On this machine: the delegation entries this run added, and the client switch when it was
 * off before.
 */
export type ScheduledRevert =
	| {
			machine: 'hop1';
			serverRole: boolean;
			/** thumbprint: the certificate doublehop made the listener with; another one is left. */
			httpsListener?: {firewallRule?: string; thumbprint?: string};
	  }
	| {
			machine: 'client';
			addedEntries: string[];
			clientWasEnabled: boolean;
			/** The delegation policy's switches as they were, written back with the list. */
			switchesBefore?: DelegationSwitchesBoth;
			/**
			 * The list before the run: the switches go back only if the list is then as it was
			 * (restoreClientPlan). Absent in a journal written before it was kept: they always go back.
			 */
			listBefore?: string[];
			/** Which HKLM keys existed before (absent in older journals: left as the write leaves them). */
			keysBefore?: DelegationKeys;
	  };

/** What a revert task is: its unique name, its deadline (UTC) and what it takes back. */
export type RevertTask = {taskName: string; atUtc: string; revert: ScheduledRevert};

/** As Get-ScheduledTask and Get-ScheduledTaskInfo find it, with the machine's clock then. */
export type RevertTaskState = {
	found: boolean;
	/** Get-ScheduledTaskInfo's LastTaskResult: 267011 (0x41303, SCHED_S_TASK_HAS_NOT_RUN) until it runs. */
	lastTaskResult?: number;
	/** Its LastRunTime as UTC, once it has run. */
	lastRunUtc?: string;
	nowUtc: string;
};

/** SCHED_S_TASK_HAS_NOT_RUN, 0x00041303: what LastTaskResult reads before a task's first run. */
export const taskHasNotRun = 267011;

/** A unique task name per run and machine: `doublehop-revert-<run>-<hop1|client>`. */
export function revertTaskName(runId: string, machine: ScheduledRevert['machine']): string {
	const run = runId.replace(/[^A-Za-z0-9]/g, '').slice(0, 24);
	return `doublehop-revert-${run}-${machine}`;
}
