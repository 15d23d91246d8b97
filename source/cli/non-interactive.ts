// A run with no prompts: for CI jobs and scripts. Every question is answered by the policy;
// the result is one JSON document on stdout and a documented exit code.
import {combineHooks, startFlow, type FlowHooks} from '../flow/runner.js';
import {autoAnswer, type AnswerPolicy, type Missing} from '../flow/auto-answer.js';
import type {Host} from '../hosts/host.js';
import {jsonReport, reportWithoutRun} from '../report/json-report.js';
import {inPlaceLines, needsCredential, toUndoMode} from '../tree/undo.js';
import type {FlowState, NextStep} from '../tree/state.js';
import {othersLeftParts} from '../tree/undo-hosts.js';
import {foundStoppedLine, onlyStartFoundStopped, winrmInPlace} from '../tree/undo-winrm.js';
import type {LocalContext} from '../windows/records.js';
import {exitCodeFor, exitCodes} from './exit-codes.js';
import {handleInterrupts} from './interrupts.js';
import {counted, itOrThem} from '../windows/counted.js';

export type NonInteractiveOptions = {
	host: Host;
	initial: FlowState;
	hooks: FlowHooks;
	policy: AnswerPolicy;
	version: string;
	write: (text: string) => void;
	/** stderr: a refusal is said there too, for a CI console whose job sent the document to a file. */
	writeError?: (text: string) => void;
	/** Ends the process at once: Ctrl+C's deadline and a second Ctrl+C (source/cli.ts passes it). */
	exitNow?: (code: number) => void;
	/** A refusal for something the run lacked: the run again with it (the command line as given). */
	stepsFor?: (missing: Missing) => NextStep[];
};

export async function runNonInteractive(options: NonInteractiveOptions): Promise<number> {
	let refusal: string | undefined;
	let refusalSteps: NextStep[] | undefined;
	const runner = startFlow(
		options.host,
		options.initial,
		combineHooks(options.hooks, {
			onEvent(event) {
				if (event.type !== 'question-asked' || refusal !== undefined) return;
				const answer = autoAnswer(event.prompt, options.policy);
				if (answer.ok) queueMicrotask(() => runner.dispatch(answer.action));
				else {
					refusal = answer.message;
					refusalSteps =
						answer.nextSteps ??
						(answer.missing === undefined ? undefined : options.stepsFor?.(answer.missing));
					queueMicrotask(() => runner.dispatch({type: 'interrupt'}));
				}
			},
		}),
	);
	const interrupts = handleInterrupts(runner, options.host, options.exitNow);
	const state = await runner.finished;
	await options.host.dispose();
	interrupts.release();
	const exitCode =
		refusal === undefined ? exitCodeFor(state.conclusion?.verdict) : exitCodes.failed;
	const report = jsonReport(state, {
		version: options.version,
		host: options.host.description,
		exitCode,
		...(refusal === undefined ? {} : {error: refusal}),
		...(refusalSteps === undefined ? {} : {nextSteps: refusalSteps}),
	});
	options.write(`${JSON.stringify(report, null, 2)}\n`);
	if (refusal !== undefined) options.writeError?.(`doublehop: ${refusal}\n`);
	return exitCode;
}

const asDocument = (report: object) => `${JSON.stringify(report, null, 2)}\n`;

/** A run that could not start (bad flag, no PowerShell, ...): the message as one document. */
export function failureDocument(
	message: string,
	version: string,
	nextSteps: readonly string[] = [],
): string {
	return asDocument(
		reportWithoutRun({
			version,
			verdict: 'error',
			exitCode: exitCodes.failed,
			headline: message,
			nextSteps: [...nextSteps],
		}),
	);
}

/** A --json run stopped while it read --password-stdin: nothing had started (exit 130). */
export function stoppedBeforeRunDocument(version: string): string {
	return asDocument(
		reportWithoutRun({
			version,
			verdict: 'interrupted',
			exitCode: exitCodes.interrupted,
			headline:
				'Stopped while reading the password from --password-stdin: nothing was run or changed.',
		}),
	);
}

/** `undo --json` when the journal holds nothing still in place: nothing was undone, and none is needed. */
export function nothingToUndoDocument(version: string, host: string): string {
	return asDocument(
		reportWithoutRun({
			version,
			host,
			verdict: 'nothing-to-undo',
			exitCode: exitCodes.works,
			headline: 'Nothing to undo: the journal holds no change by doublehop that is still in place.',
		}),
	);
}

/**
 * `undo --json` without --yes: the policy would decline every change, so no undo starts and no
 * machine is changed; the document lists what stays in place, exit 1 (0 when nothing does). `local` is this machine as
 * read just now (reading changes nothing), as the guided undo reads it: doublehop's WinRM start
 * that a restart undid is said as the undo would close it, not listed as still in place.
 * `initial.undoCommand` is already this --json run with --yes (run-setup's undoCommandFor), and
 * --password-stdin when it was given; `passwordStdin` false: added if the undo needs the account.
 */
export function undoWithoutYesDocument(
	initial: FlowState,
	version: string,
	host: string,
	passwordStdin: boolean,
	local?: LocalContext,
): {document: string; exitCode: number} {
	const undo = toUndoMode(initial);
	const read = local === undefined ? undo : {...undo, facts: {...undo.facts, local}};
	const changes = initial.earlier?.changes ?? [];
	const asBefore = changes.flatMap((change) => foundStoppedLine(read, change) ?? []);
	const open = changes.filter((change) => foundStoppedLine(read, change) === undefined);
	const left = inPlaceLines(open, initial.earlier, (change) => winrmInPlace(read, change));
	const rerun = `${initial.undoCommand}${needsCredential(undo) && !passwordStdin ? ' --password-stdin' : ''}`;
	const targets = {hop1: undo.inputs.hop1, user: undo.defaults.user};
	// undo --hop1: what the other first hops keep, said as the guided undo's end says it.
	const others = othersLeftParts(initial.earlier?.othersLeft);
	if (left.length === 0)
		return {
			exitCode: exitCodes.works,
			document: asDocument(
				reportWithoutRun({
					version,
					host,
					targets,
					verdict: 'nothing-to-undo',
					exitCode: exitCodes.works,
					headline: onlyStartFoundStopped,
					details: asBefore,
					// The journal keeps it open until an undo closes it; that undo runs nothing.
					nextSteps: [`To close it in the journal (nothing is run): ${rerun}`],
				}),
			),
		};
	return {
		exitCode: exitCodes.needsChanges,
		document: asDocument(
			reportWithoutRun({
				version,
				host,
				targets,
				verdict: 'declined',
				exitCode: exitCodes.needsChanges,
				headline: `Nothing was undone: ${counted(left.length, 'change')} by doublehop ${left.length === 1 ? 'is' : 'are'} still in place. Under --json, undo takes ${left.length === 1 ? 'it' : 'them'} back only with --yes.`,
				details: [...asBefore, ...others.details],
				leftUndone: left,
				nextSteps: [
					`To take ${itOrThem(left.length)} back: ${rerun}`,
					...others.nextSteps.map((step) =>
						typeof step === 'string' ? step : `${step.say} ${step.run}`,
					),
				],
			}),
		),
	};
}
