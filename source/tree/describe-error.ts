// The flow's view of the knowledge base: what an ErrorRecord means, in one line, what to do
// next, and where in the flow that leads. Only a recognised error is named; otherwise nothing.
import type {ErrorRecord} from '../windows/records.js';
import {printedErrorText} from '../windows/error-record.js';
import {quoteRanges, type TextRange} from '../windows/marked-text.js';
import {diagnose, fillPlaceholders, type Diagnosis} from '../knowledge/diagnose.js';
import type {StageId} from '../stages/stages.js';

export type ErrorExplanation = {
	className: string;
	name: string;
	cause: string;
	nextStep?: string;
	stage?: StageId;
	/** The parts of the printed error that gave the cause away, quoted. */
	evidence: string[];
	/** The same parts as ranges into the printed error (printedErrorText), for highlighting. */
	highlights: TextRange[];
};

export type ErrorContext = {hop1?: string; hop2?: string};

// One diagnosis per record: the log entry, its details and the conclusion all ask about it.
const diagnoses = new WeakMap<ErrorRecord, Diagnosis>();

function diagnoseOnce(error: ErrorRecord): Diagnosis {
	let diagnosis = diagnoses.get(error);
	if (diagnosis === undefined) {
		diagnosis = diagnose(error);
		diagnoses.set(error, diagnosis);
	}
	return diagnosis;
}

export function describeError(
	error: ErrorRecord,
	context: ErrorContext,
): ErrorExplanation | undefined {
	const diagnosis = diagnoseOnce(error);
	if (diagnosis.status !== 'recognised') return undefined;
	const {best} = diagnosis;
	const next = fillPlaceholders(
		best.nextCommand,
		context.hop1 === undefined ? {} : {hop1: context.hop1},
	);
	return {
		className: best.class,
		name: best.name,
		cause: best.cause,
		nextStep: context.hop2 === undefined ? next : next.replaceAll('<hop2>', context.hop2),
		stage: best.stage,
		evidence: quoteRanges(printedErrorText(error), diagnosis.highlights),
		highlights: diagnosis.highlights,
	};
}
