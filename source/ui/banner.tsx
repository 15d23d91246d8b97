import {Box, Text} from 'ink';
import type {FlowState} from '../tree/state.js';
import {bannerText} from './banner-text.js';
import {Line} from './fit-width.js';
import {ruleLine, tint, useTheme} from './theme.js';

export function Banner({state, width}: {state: FlowState; width: number}) {
	const theme = useTheme();
	const line = ruleLine(theme, width);
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text color={tint('cyan', theme)}>{line}</Text>
			<Line bold color={tint('cyan', theme)}>
				{bannerText(state)}
			</Line>
		</Box>
	);
}
