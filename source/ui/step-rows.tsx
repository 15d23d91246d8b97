import type {NextStep} from '../tree/state.js';
import {Indent, Line} from './fit-width.js';

/**
 * A step's words, after `lead` (a list marker), and its command on rows of its own under them, cut
 * where a console still reads it as one command (fit-width.tsx), not broken as prose.
 */
export function StepRows({step, lead = ''}: {step: NextStep; lead?: string}) {
	const words = typeof step === 'string' ? step : step.say;
	return (
		<>
			<Line hanging={lead !== ''}>{`${lead}${words}`}</Line>
			{typeof step === 'string' ? null : (
				<Indent by={lead.length}>
					<Line hanging>{`PS> ${step.run}`}</Line>
				</Indent>
			)}
		</>
	);
}
