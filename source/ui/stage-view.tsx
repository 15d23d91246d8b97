import {Box, Text} from 'ink';
import type {StageView} from '../tree/state.js';
import {tint, useTheme} from './theme.js';

function Section({title, lines, prefix = ''}: {title: string; lines: string[]; prefix?: string}) {
	const theme = useTheme();
	if (lines.length === 0) return null;
	return (
		<Box flexDirection="column">
			<Text bold color={tint('white', theme)}>
				{title}
			</Text>
			{lines.map((line, index) => (
				<Box key={index} marginLeft={2}>
					<Text>
						{prefix}
						{line}
					</Text>
				</Box>
			))}
		</Box>
	);
}

/** Before a change: where it runs, what is there now, the exact command, and what it leaves. */
export function StageViewBox({view}: {view: StageView}) {
	return (
		<Box flexDirection="column">
			{view.machine === 'none' ? null : <Text>Machine: {view.machine}</Text>}
			<Section title="Now:" lines={view.current} />
			<Section title="Will run:" lines={view.commands} prefix="PS> " />
			<Section title="Result:" lines={view.after} />
			<Section title="Note:" lines={view.notes} />
		</Box>
	);
}
