import {Box, Text} from 'ink';
import type {FlowState} from '../tree/state.js';
import {bannerText} from './banner-text.js';
import {rule, tint, useTheme} from './theme.js';

export function Banner({state, width}: {state: FlowState; width: number}) {
	const theme = useTheme();
	// Short enough that a narrower window does not reflow it into pieces Ink cannot erase.
	const line = rule(theme).repeat(Math.max(0, Math.min(width - 1, 40)));
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text color={tint('cyan', theme)}>{line}</Text>
			<Text bold color={tint('cyan', theme)}>
				{bannerText(state)}
			</Text>
		</Box>
	);
}
