import {Box, Text} from 'ink';
import type {Prompt} from '../tree/state.js';
import {Line, useBreakPieces} from './fit-width.js';
import {tint, useTheme} from './theme.js';

export type PromptViewProps = {
	prompt: Prompt;
	/** What the admin has typed so far (the password is never passed here, only its length). */
	value: string;
	/** A message about the last answer, e.g. "Answer y or n". */
	hint?: string;
};

/** The question line. Text prompts show their default in brackets; Enter accepts it. */
export function PromptView({prompt, value, hint}: PromptViewProps) {
	const theme = useTheme();
	const cursor = theme.ascii ? '_' : '█';
	const error = hint ?? ('error' in prompt ? prompt.error : undefined);
	const [question, typed, shownCursor] = useBreakPieces()(questionText(prompt), value, cursor);
	return (
		<Box flexDirection="column" marginTop={1}>
			{error === undefined ? null : <Line color={tint('yellow', theme)}>{error}</Line>}
			<Text>
				<Text bold>{question}</Text>
				{typed}
				<Text color={tint('gray', theme)}>{shownCursor}</Text>
			</Text>
		</Box>
	);
}

export function questionText(prompt: Prompt): string {
	switch (prompt.kind) {
		case 'text':
			return `${prompt.label}${prompt.initial === '' ? '' : ` [${prompt.initial}]`}: `;
		case 'password':
			return `${prompt.label} (hidden): `;
		case 'choice':
			return `${prompt.question} [${prompt.options.map((o) => o.key).join('/')}] `;
		case 'confirm':
			return `${prompt.question} [y/N] `;
	}
}
