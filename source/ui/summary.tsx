import {Box, Text} from 'ink';
import {changeLines, changesTitle, recordLines} from '../report/plain-text.js';
import type {ChangeRecord, Conclusion, FlowState, NextStep} from '../tree/state.js';
import {Indent, Line} from './fit-width.js';
import {StepRows} from './step-rows.js';
import {ruleLine, tint, useTheme} from './theme.js';

const verdictColor: Record<Conclusion['verdict'], string> = {
	fixed: 'green',
	'already-works': 'green',
	'already-fixed': 'green',
	declined: 'yellow',
	'needs-changes': 'yellow',
	blocked: 'yellow',
	failed: 'red',
	unknown: 'yellow',
	interrupted: 'yellow',
	undone: 'green',
	'nothing-to-undo': 'green',
};

/** A list; a next step's command on a row of its own, cut as a command (fit-width.tsx). */
function List({title, items}: {title: string; items: readonly NextStep[]}) {
	if (items.length === 0) return null;
	return (
		<Box flexDirection="column" marginTop={1}>
			<Line bold>{title}</Line>
			{items.map((item, index) => (
				<Indent key={index} by={2}>
					<StepRows step={item} lead="- " />
				</Indent>
			))}
		</Box>
	);
}

/** The end of a run: the verdict, every change with its undo, what is left, and the next step. */
export function Summary({
	conclusion,
	changes,
	records,
	width,
}: {
	conclusion: Conclusion;
	changes: ChangeRecord[];
	records: FlowState['records'];
	width: number;
}) {
	const theme = useTheme();
	const line = ruleLine(theme, width);
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text color={tint(verdictColor[conclusion.verdict], theme)}>{line}</Text>
			<Line bold color={tint(verdictColor[conclusion.verdict], theme)}>
				{`Result: ${conclusion.verdict.toUpperCase()}. ${conclusion.headline}`}
			</Line>
			{conclusion.details.map((detail, index) => (
				<Line key={index}>{detail}</Line>
			))}
			<List title={changesTitle(changes)} items={changeLines(conclusion, changes)} />
			<List title="Left undone:" items={conclusion.leftUndone} />
			<List title="Next:" items={conclusion.nextSteps} />
			<List title="Records:" items={recordLines(records)} />
		</Box>
	);
}
