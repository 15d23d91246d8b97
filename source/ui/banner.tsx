import {Box, Text} from 'ink';
import type {FlowState} from '../tree/state.js';
import {bannerText} from './banner-text.js';
import {Line} from './fit-width.js';
import {ruleLine, tint, useTheme} from './theme.js';

export function Banner({state, width}: {state: FlowState; width: number}) {
	return <StepBanner text={bannerText(state)} width={width} />;
}

/**
 * A rule and the step's heading under it: "Step 3 of 10: Test the first hop". `spaced`: a blank row
 * above it (none where the block above already ends with one).
 */
export function StepBanner({
	text,
	width,
	spaced = true,
}: {
	text: string;
	width: number;
	spaced?: boolean;
}) {
	const theme = useTheme();
	const line = ruleLine(theme, width);
	return (
		<Box flexDirection="column" marginTop={spaced ? 1 : 0}>
			<Text color={tint('cyan', theme)}>{line}</Text>
			<Line bold color={tint('cyan', theme)}>
				{text}
			</Line>
		</Box>
	);
}
