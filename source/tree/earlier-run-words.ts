// The words for an earlier run's changes still in place, shared by the one-host offer
// (earlier-run.ts) and the run over many first hops (fleet/earlier.ts), so both say it alike.
import type {ChangeRecord, EarlierRun} from './state.js';

/**
 * When an earlier run started, as the admin's clock reads it: the journal keeps UTC (ISO 8601), and
 * "2026-12-06T19:34:40.594Z" read at a console in Berlin is an hour off. `offsetMinutes`: this
 * computer's offset from UTC at that moment (east positive); a time the journal holds badly is
 * shown as written.
 */
export function localTime(iso: string, offsetMinutes = -new Date(iso).getTimezoneOffset()): string {
	const at = new Date(iso);
	if (Number.isNaN(at.getTime())) return iso;
	const shifted = new Date(at.getTime() + offsetMinutes * 60_000).toISOString();
	const sign = offsetMinutes < 0 ? '-' : '+';
	const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
	const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
	return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)} (UTC${sign}${hours}:${minutes})`;
}

export const stoppedPartWay = (earlier: EarlierRun) =>
	`A run started ${localTime(earlier.startedAt)} stopped part-way after these changes`;

export const stillInPlace = (earlier: EarlierRun) =>
	`Changes from a run on ${localTime(earlier.startedAt)} are still in place`;

/** The changes whose call was cut short, each said plainly: nobody knows whether it was made. */
export function maybeMadeLines(earlier: EarlierRun, changes: readonly ChangeRecord[]): string[] {
	const ids = earlier.maybeMade ?? [];
	return changes
		.filter((change) => ids.includes(change.id))
		.map(
			(change) =>
				`${change.setting} on ${change.machine} was interrupted while it ran: it may or may not have been made. Undo checks the machine's state first and takes back only what it finds.`,
		);
}

/** `kept`: what resume keeps besides (the one-host flow's --for time box), said after the step. */
export const earlierRunChoices = (kept = '') => [
	`r  resume: go through the fix again; steps already done are detected and skipped${kept}`,
	'u  undo: take these changes back, one at a time, each asked for',
];

export const earlierRunQuestion = {
	question: 'Resume or undo?',
	options: [
		{key: 'r', label: 'resume'},
		{key: 'u', label: 'undo'},
	],
};

export const chosen = (undo: boolean, kept = '') =>
	undo
		? 'You chose undo: each change is taken back, newest first, each asked for.'
		: `You chose resume: each step checks what is already in place${kept}.`;
