// The --json document: one object a CI job can branch on. Its shape is published in
// source/report/result.schema.json; change both together.
import {stepText} from '../tree/common.js';
import type {Conclusion, FlowState, LogEntry, NextStep} from '../tree/state.js';
import {stages, stepNumber} from '../stages/stages.js';
import {printedErrorText} from '../windows/error-record.js';
import {quoteRanges} from '../windows/marked-text.js';
import {madeChanges} from './plain-text.js';

/**
 * Where the schema of this document is: the copy shipped beside the program that wrote it, so the
 * reference opens offline and matches that version. Beside this module in source/ and in dist/
 * (source/build.js copies it); beside doublehop.exe, whose import.meta.url is the exe's own.
 */
const resultSchemaUrl = new URL('result.schema.json', import.meta.url).href;

type JsonStep = {
	step: number;
	stage: string;
	stageTitle: string;
	status: LogEntry['status'];
	title: string;
	details: string[];
	machine?: string;
	command?: string;
	output?: string;
	error?: LogEntry['error'];
	evidence?: string[];
	diagnosis?: LogEntry['diagnosis'];
};

export type JsonReport = {
	$schema: string;
	tool: {name: 'doublehop'; version: string};
	host: string;
	targets: {hop1?: string; hop2?: string; command?: string; user?: string};
	/**
	 * The tree's verdict, or: 'error', the run could not start or was refused an answer it needed;
	 * 'nothing-to-undo', undo found no change by doublehop still in place (and undid nothing).
	 */
	verdict: Conclusion['verdict'] | 'error' | 'nothing-to-undo';
	exitCode: number;
	headline: string;
	details: string[];
	nextSteps: string[];
	leftUndone: string[];
	steps: JsonStep[];
	changes: FlowState['changes'];
	records: FlowState['records'];
	/** --for: when CredSSP reverts, and the task on each machine (registered or not). */
	timeBox?: {
		minutes: number;
		revertsAt?: string;
		tasks: {machine: string; taskName: string; registered: boolean}[];
	};
};

function timeBoxOf(state: FlowState): JsonReport['timeBox'] {
	const {timeBox} = state;
	if (timeBox === undefined) return undefined;
	return {
		minutes: timeBox.minutes,
		...(timeBox.atUtc === undefined ? {} : {revertsAt: timeBox.atUtc}),
		tasks: timeBox.tasks.map((entry) => ({
			machine: entry.hop1 ?? 'this machine',
			taskName: entry.task.taskName,
			registered: entry.registered === true,
		})),
	};
}

/**
 * Each step's number as the screen gives it: N of "Step N of M" in a fix; in an undo run, N of
 * "Undo N of M", the changes taken back in turn (each gives one step); 0 for a step the screen does
 * not number (an undo run's check of this shell).
 */
function stepNumbers(log: readonly LogEntry[]): number[] {
	let undone = 0;
	return log.map((entry) =>
		entry.stage === 'undo' ? ++undone : stepNumber(entry.stage, entry.route),
	);
}

export function jsonReport(
	state: FlowState,
	meta: {version: string; host: string; exitCode: number; error?: string; nextSteps?: NextStep[]},
): JsonReport {
	const {hop1, hop2, command, user} = state.inputs;
	const conclusion = state.conclusion;
	const numbers = stepNumbers(state.log);
	return {
		$schema: resultSchemaUrl,
		tool: {name: 'doublehop', version: meta.version},
		host: meta.host,
		targets: {hop1, hop2, command, user},
		verdict: meta.error === undefined ? (conclusion?.verdict ?? 'error') : 'error',
		exitCode: meta.exitCode,
		headline: meta.error ?? conclusion?.headline ?? '',
		details: conclusion?.details ?? [],
		nextSteps: (meta.nextSteps ?? conclusion?.nextSteps ?? []).map(stepText),
		leftUndone: conclusion?.leftUndone ?? [],
		steps: state.log.map((entry, index) => ({
			step: numbers[index]!,
			stage: entry.stage,
			stageTitle: stages[entry.stage].title,
			status: entry.status,
			title: entry.title,
			details: entry.details.map(stepText),
			...(entry.machine === undefined ? {} : {machine: entry.machine}),
			...(entry.command === undefined ? {} : {command: entry.command}),
			...(entry.output === undefined ? {} : {output: entry.output}),
			...(entry.error === undefined ? {} : {error: entry.error}),
			...(entry.evidence === undefined || entry.error === undefined
				? {}
				: {evidence: quoteRanges(printedErrorText(entry.error), entry.evidence)}),
			...(entry.diagnosis === undefined ? {} : {diagnosis: entry.diagnosis}),
		})),
		changes: madeChanges(state.changes),
		records: state.records,
		...(state.timeBox === undefined ? {} : {timeBox: timeBoxOf(state)}),
	};
}

/**
 * A document for a run that ended before the flow started (a bad flag, no PowerShell, nothing to
 * undo, an undo that may not change anything): no steps were taken and nothing changed.
 */
export function reportWithoutRun(meta: {
	version: string;
	host?: string;
	verdict: JsonReport['verdict'];
	exitCode: number;
	headline: string;
	details?: string[];
	nextSteps?: string[];
	leftUndone?: string[];
	targets?: JsonReport['targets'];
}): JsonReport {
	return {
		$schema: resultSchemaUrl,
		tool: {name: 'doublehop', version: meta.version},
		host: meta.host ?? 'none: the run did not start',
		targets: meta.targets ?? {},
		verdict: meta.verdict,
		exitCode: meta.exitCode,
		headline: meta.headline,
		details: meta.details ?? [],
		nextSteps: meta.nextSteps ?? [],
		leftUndone: meta.leftUndone ?? [],
		steps: [],
		changes: [],
		records: {},
	};
}
