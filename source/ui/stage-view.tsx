import {Box} from 'ink';
import type {StageView, ViewSection} from '../tree/state.js';
import {Indent, Line} from './fit-width.js';
import {StepRows} from './step-rows.js';
import {tint, useTheme} from './theme.js';

function Section({section}: {section: ViewSection}) {
	const theme = useTheme();
	if (section.lines.length === 0) return null;
	const prefix = section.kind === 'commands' ? 'PS> ' : '';
	const color = section.kind === 'warning' ? tint('yellow', theme) : undefined;
	return (
		<Box flexDirection="column">
			<Line bold>{section.title}</Line>
			{section.lines.map((line, index) => (
				<Indent key={index} by={2}>
					{typeof line === 'string' ? (
						<Line hanging color={color}>
							{`${prefix}${line}`}
						</Line>
					) : (
						<StepRows step={line} />
					)}
				</Indent>
			))}
		</Box>
	);
}

/** Before a change: where it runs, what is there now, the exact command, and what it leaves. */
export function StageViewBox({view}: {view: StageView}) {
	return (
		<Box flexDirection="column">
			{view.sections.map((section) => (
				<Section key={section.title} section={section} />
			))}
		</Box>
	);
}
