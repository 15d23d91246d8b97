import {Box, Text} from 'ink';
import type {Prompt} from '../tree/state.js';
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
	const error = hint ?? (prompt.kind === 'confirm' ? undefined : prompt.error);
	const question =
		prompt.kind === 'text'
			? `${prompt.label}${prompt.initial === '' ? '' : ` [${prompt.initial}]`}: `
			: prompt.kind === 'password'
				? `${prompt.label} (hidden): `
				: `${prompt.question} [y/N] `;
	return (
		<Box flexDirection="column" marginTop={1}>
			{error === undefined ? null : <Text color={tint('yellow', theme)}>{error}</Text>}
			<Text>
				<Text bold>{question}</Text>
				{value}
				<Text color={tint('gray', theme)}>{cursor}</Text>
			</Text>
		</Box>
	);
}
