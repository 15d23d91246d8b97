import {Box, Text} from 'ink';
import type {FlowState} from '../tree/state.js';
import {stages, stepCount, stepNumber} from '../tree/stages.js';
import {rule, tint, useTheme} from './theme.js';

/** "Step 3 of 10: Test the first hop" (or "Undo 1 of 2: …"), on screen so a late viewer knows where we are. */
export function bannerText(state: FlowState): string {
	const machine =
		state.pending.kind === 'run' ? state.pending.operation.machine : state.view?.machine;
	const where = machine === undefined || machine === 'none' ? '' : ` - on ${machine}`;
	if (state.stage === 'undo') {
		const total = state.earlier?.changes.length ?? 0;
		const setting = state.proposed?.setting ?? stages.undo.title;
		return `Undo ${total - state.undoQueue.length + 1} of ${total}: ${setting}${where}`;
	}
	return `Step ${stepNumber(state.stage)} of ${stepCount}: ${stages[state.stage].title}${where}`;
}

export function Banner({state, width}: {state: FlowState; width: number}) {
	const theme = useTheme();
	const line = rule(theme).repeat(Math.max(0, Math.min(width, 100) - 1));
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text color={tint('cyan', theme)}>{line}</Text>
			<Text bold color={tint('cyan', theme)}>
				{bannerText(state)}
			</Text>
		</Box>
	);
}
