import {Box, Text} from 'ink';
import type {LogEntry} from '../tree/state.js';
import {stepLabel} from '../stages/stages.js';
import {ErrorBlock} from './error-block.js';
import {Indent, Line, useBreakPieces} from './fit-width.js';
import {StepRows} from './step-rows.js';
import {statusColor, statusLabel, useTheme} from './theme.js';

/** A finished step, printed once into scrollback: status, what ran where, what came back. */
/** Cuts a table row to the width, as PowerShell does, with an ellipsis the console can show. */
function fitLine(line: string, width: number, ascii: boolean): string {
	const chars = [...line];
	if (chars.length <= width) return line;
	const mark = ascii ? '...' : '…';
	return chars.slice(0, Math.max(0, width - mark.length)).join('') + mark;
}

export function LogEntryView({entry, width}: {entry: LogEntry; width: number}) {
	const theme = useTheme();
	const step = stepLabel(entry.stage, 'compact', entry.route);
	const [label, gap, stepText, title] = useBreakPieces()(
		statusLabel(entry.status, theme),
		' ',
		`${step}:`,
		` ${entry.title}`,
	);
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text>
				<Text bold color={statusColor(entry.status, theme)}>
					{label}
				</Text>
				{gap}
				<Text dimColor={theme.color}>{stepText}</Text>
				{title}
			</Text>
			<Indent by={2}>
				{entry.command === undefined
					? null
					: entry.command
							.split('\n')
							.map((line, index) => <Line key={`c${index}`} hanging>{`PS> ${line}`}</Line>)}
				{entry.output === undefined || entry.output === ''
					? null
					: entry.output
							.split('\n')
							.map((line, index) => (
								<Text key={`o${index}`}>{fitLine(line, width - 3, theme.ascii)}</Text>
							))}
			</Indent>
			{entry.error === undefined ? null : (
				<ErrorBlock error={entry.error} evidence={entry.evidence} />
			)}
			<Indent by={2}>
				{entry.details.map((line, index) => (
					<StepRows key={`d${index}`} step={line} />
				))}
			</Indent>
		</Box>
	);
}
