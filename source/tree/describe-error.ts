// The flow's view of the knowledge base: what an ErrorRecord means, in one line, and what to do.
// (Temporary mapping by FullyQualifiedErrorId until source/knowledge lands.)
import type {ErrorRecord} from '../hosts/host.js';
import type {StageId} from './stages.js';

export type ErrorExplanation = {
	className: string;
	name: string;
	cause: string;
	nextStep?: string;
	stage?: StageId;
};

export type ErrorContext = {hop1?: string; hop2?: string};

export function describeError(
	error: ErrorRecord,
	_context: ErrorContext,
): ErrorExplanation | undefined {
	const id = error.fullyQualifiedErrorId.split(',')[0] ?? '';
	if (id === 'AccessDenied' && error.message.includes('You do not have permission')) {
		return {
			className: 'second-hop-denied',
			name: 'Second hop denied',
			cause: 'The first hop has no reusable credential to present to the second hop.',
		};
	}
	return undefined;
}
