// Finished steps, views and the summary as plain lines: for the screen-reader renderer and the
// Markdown transcript. Words carry the meaning; nothing depends on colour, glyphs or layout.
import {formatErrorRecord} from '../windows/error-record.js';
import type {
	ChangeRecord,
	Conclusion,
	FlowState,
	LogEntry,
	NextStep,
	Prompt,
	StageView,
} from '../tree/state.js';
import {stepLabel} from '../stages/stages.js';
import {statusWords} from './words.js';

/** After this long, waiting shows how long it has waited (a slow VPN or WAN link, a busy host). */
const waitingShownAfterSeconds = 3;

/** "Waiting for hyperv1.contoso.com... 12 s": the same words on screen and for screen readers. */
export function waitingText(machine: string, seconds: number): string {
	return `Waiting for ${machine}...${seconds >= waitingShownAfterSeconds ? ` ${seconds} s` : ''}`;
}

/** A next step; its command on a line of its own, marked as the views mark commands. */
const stepLines = (step: NextStep): string[] =>
	typeof step === 'string' ? [`  ${step}`] : [`  ${step.say}`, `    PS> ${step.run}`];

export function logEntryLines(entry: LogEntry): string[] {
	return [
		`${statusWords[entry.status]}. ${stepLabel(entry.stage, 'heading', entry.route)}: ${entry.title}`,
		...(entry.command === undefined
			? []
			: entry.command.split('\n').map((line) => `  Ran: ${line}`)),
		...(entry.output ? entry.output.split('\n').map((line) => `  ${line}`) : []),
		...(entry.error === undefined ? [] : formatErrorRecord(entry.error).map((line) => `  ${line}`)),
		...entry.details.flatMap(stepLines),
	];
}

export function viewLines(view: StageView): string[] {
	return view.sections.flatMap((section) =>
		section.lines.length === 0
			? []
			: [
					section.title,
					...section.lines.flatMap((line) =>
						typeof line === 'string'
							? [`  ${section.kind === 'commands' ? 'PS> ' : ''}${line}`]
							: stepLines(line),
					),
				],
	);
}

export function promptText(prompt: Prompt): string {
	switch (prompt.kind) {
		case 'text':
			return `${prompt.label}${prompt.initial === '' ? '' : `, Enter for ${prompt.initial}`}: `;
		case 'password':
			return `${prompt.label}, not shown as you type: `;
		case 'choice':
			return `${prompt.question} Type ${prompt.options.map((o) => `${o.key} for ${o.label}`).join(' or ')}: `;
		case 'confirm':
			return `${prompt.question} Type y for yes; Enter means no: `;
	}
}

export function recordLines(records: FlowState['records']): string[] {
	return [
		...(records.transcript === undefined ? [] : [`Transcript: ${records.transcript}`]),
		...(records.export === undefined ? [] : [`PowerShell for change approval: ${records.export}`]),
		...(records.exportDsc === undefined ? [] : [`DSC configuration: ${records.exportDsc}`]),
		...(records.exportAnsible === undefined ? [] : [`Ansible playbook: ${records.exportAnsible}`]),
	];
}

/** The changes this run made: not those an undo found already taken back (by a revert task). */
export const madeChanges = (changes: readonly ChangeRecord[]) =>
	changes.filter((change) => change.foundAsBefore !== true);

/**
 * The "Changes made" list of the summary. With no change, it says so, unless the result's own
 * lines already say "Nothing was changed" of the whole run: then it is empty, so the end says it
 * once. ("Nothing was changed at this step." speaks of one step only, so the list still shows.)
 */
export function changeLines(conclusion: Conclusion, all: readonly ChangeRecord[]): string[] {
	const changes = madeChanges(all);
	if (changes.length > 0)
		return changes.map(
			(c) =>
				`${c.machine}: ${c.setting}: ${c.before} -> ${c.after}${c.maybeMade ? ' (interrupted while it ran: it may or may not have been made)' : ''}`,
		);
	const saidAlready = conclusion.details.some((line) =>
		/^Nothing was changed(?! at this step)/.test(line),
	);
	return saidAlready ? [] : ['None. Nothing on any machine was changed.'];
}

/** The title of that list: a dry run's changes are planned, not made (as the transcript says). */
export function changesTitle(changes: readonly ChangeRecord[]): string {
	return changes.some((change) => change.dryRun)
		? 'Planned changes (dry run: none was made):'
		: 'Changes made:';
}

export function summaryLines(
	conclusion: Conclusion,
	changes: readonly ChangeRecord[],
	records: FlowState['records'] = {},
): string[] {
	return [
		`Result: ${conclusion.verdict}. ${conclusion.headline}`,
		...conclusion.details,
		...changeLines(conclusion, changes).flatMap((line, index) =>
			index === 0 ? [changesTitle(changes), `  ${line}`] : [`  ${line}`],
		),
		...(conclusion.leftUndone.length === 0
			? []
			: ['Left undone:', ...conclusion.leftUndone.map((line) => `  ${line}`)]),
		...(conclusion.nextSteps.length === 0
			? []
			: ['Next:', ...conclusion.nextSteps.flatMap(stepLines)]),
		...recordLines(records),
	];
}

/** The first lines of an interactive run: what this is, where it runs, and the promise it keeps. */
export function headingLines(hostDescription: string, hint?: string): string[] {
	return [
		`doublehop: PowerShell remoting double hop, step by step (${hostDescription})`,
		...(hint === undefined ? [] : hint.split('\n')),
		'Nothing is changed without your "y" at that step. Ctrl+C stops at any time.',
	];
}
