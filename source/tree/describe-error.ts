// The flow's view of the knowledge base: what an ErrorRecord means, in one line, what to do
// next, and where in the flow that leads. Only a recognised error is named; otherwise nothing.
import type {ErrorRecord} from '../windows/records.js';
import type {CommandStep, ErrorDiagnosis} from './state.js';
import {printedErrorText} from '../windows/error-record.js';
import {quoteRanges, type TextRange} from '../windows/marked-text.js';
import {
	diagnose,
	fillPlaceholders,
	nextCommandFor,
	stageFor,
	withCredentialAsked,
	type Diagnosis,
} from '../knowledge/diagnose.js';
import {shareNamedIn, type DiagnosisContext} from '../knowledge/context.js';
import {causeNames, runOnPlace, type RunOn} from '../knowledge/entry.js';
import type {StageId} from '../stages/stages.js';

export type ErrorExplanation = {
	className: string;
	name: string;
	cause: string;
	/** The knowledge base's next command, led in by where it runs. */
	nextStep?: CommandStep;
	stage?: StageId;
	/** The parts of the printed error that gave the cause away, quoted. */
	evidence: string[];
	/** The same parts as ranges into the printed error (printedErrorText), for highlighting. */
	highlights: TextRange[];
	/** What the --json record says of it: recognised, or ambiguous with the causes ranked. */
	summary: ErrorDiagnosis;
};

export type ErrorContext = {hop1?: string; hop2?: string; command?: string};

// One diagnosis per record: the log entry, its details and the conclusion all ask about it (a run
// has one context, its own inputs).
const diagnoses = new WeakMap<ErrorRecord, Diagnosis>();

/**
 * What the flow knows, as the knowledge base reads it: a record raised on the first hop
 * (PSComputerName set) came from the admin's command run there, so that command is its context.
 */
function flowContext(error: ErrorRecord, context: ErrorContext): DiagnosisContext {
	const {hop1, hop2} = context;
	const command =
		context.command ?? (hop2 === undefined ? undefined : `Get-VM -ComputerName ${hop2}`);
	const ranOnHop1 =
		error.psComputerName !== undefined && hop1 !== undefined && command !== undefined;
	return {
		...(hop1 === undefined ? {} : {hop1}),
		...(hop2 === undefined ? {} : {hop2}),
		...(ranOnHop1 ? {command: `Invoke-Command -ComputerName ${hop1} { ${command} }`} : {}),
	};
}

function diagnoseOnce(error: ErrorRecord, context: ErrorContext): Diagnosis {
	let diagnosis = diagnoses.get(error);
	if (diagnosis === undefined) {
		diagnosis = diagnose(error, flowContext(error, context));
		diagnoses.set(error, diagnosis);
	}
	return diagnosis;
}

/** Where the next command runs, the first hop by its name when the run knows it. */
const whereItRuns = (runOn: RunOn, hop1: string | undefined) =>
	runOn === 'hop1' && hop1 !== undefined ? `on ${hop1}` : runOnPlace[runOn];

export function describeError(
	error: ErrorRecord,
	context: ErrorContext,
): ErrorExplanation | undefined {
	const diagnosis = diagnoseOnce(error, context);
	if (diagnosis.status === 'not-recognised') return undefined;
	const {best} = diagnosis;
	const share = shareNamedIn(printedErrorText(error), context.command ?? '');
	const hops = {
		...(context.hop1 === undefined ? {} : {hop1: context.hop1}),
		...(context.hop2 === undefined ? {} : {hop2: context.hop2}),
		...(share === undefined ? {} : {share}),
	};
	const ambiguous = diagnosis.status === 'ambiguous' ? diagnosis : undefined;
	const stage = stageFor(diagnosis);
	const next = nextCommandFor(diagnosis);
	return {
		className: ambiguous?.causes[0] ?? best.class,
		name: ambiguous
			? `the error alone cannot tell: ${ambiguous.causes.map((id) => causeNames[id]).join(', or ')}`
			: best.name,
		cause: ambiguous ? `To tell: ${ambiguous.question}` : best.cause,
		nextStep: {
			say: `${ambiguous ? 'A check to run' : next.changes ? 'The fix, run' : 'Run'} ${whereItRuns(next.runOn, context.hop1)}:`,
			run: withCredentialAsked(fillPlaceholders(next.command, hops)).join('; '),
		},
		...(stage === undefined ? {} : {stage}),
		evidence: quoteRanges(printedErrorText(error), diagnosis.highlights),
		highlights: diagnosis.highlights,
		summary: ambiguous
			? {status: 'ambiguous', causes: ambiguous.causes, question: ambiguous.question}
			: {status: 'recognised', causes: [best.class]},
	};
}
