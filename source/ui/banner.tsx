import {Box, Text} from 'ink';
import {stages, stepCount, stepNumber, type StageId} from '../tree/stages.js';
import {rule, tint, useTheme} from './theme.js';

/** "Step 3 of 10: Test the first hop", always on screen so a viewer joining late knows where we are. */
export function Banner({stage, machine, width}: {stage: StageId; machine?: string; width: number}) {
	const theme = useTheme();
	const title = `Step ${stepNumber(stage)} of ${stepCount}: ${stages[stage].title}`;
	const where = machine === undefined || machine === 'none' ? '' : ` - on ${machine}`;
	const text = `${title}${where}`;
	const line = rule(theme).repeat(Math.max(0, Math.min(width, 100) - 1));
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text color={tint('cyan', theme)}>{line}</Text>
			<Text bold color={tint('cyan', theme)}>
				{text}
			</Text>
		</Box>
	);
}
