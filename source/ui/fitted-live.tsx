// The live area cut to a small window (see live-fit.ts): the last lines that fit, question last.
import {Box, Text} from 'ink';
import {liveLines, waitingRows, type LiveParts} from './live-fit.js';
import {tint, useTheme} from './theme.js';
import {WaitingLine} from './waiting-line.js';

export type FittedLiveProps = {
	parts: LiveParts;
	width: number;
	/** Rows the live area may take: fewer than the window has. */
	rows: number;
	/** Changes with each operation, so its waiting line starts counting from 0. */
	waitingKey: string;
};

export function FittedLive({parts, width, rows, waitingKey}: FittedLiveProps) {
	const theme = useTheme();
	const waiting = parts.waitingFor === undefined ? 0 : waitingRows(parts.waitingFor, width);
	const lines = liveLines(parts, width)
		.slice(-Math.max(0, rows - waiting))
		.slice(0, rows);
	return (
		<Box flexDirection="column">
			{lines.map((line, index) => (
				<Text
					key={index}
					bold={line.style === 'banner' || line.style === 'question'}
					color={
						line.style === 'banner'
							? tint('cyan', theme)
							: line.style === 'hint'
								? tint('yellow', theme)
								: undefined
					}
				>
					{line.text}
				</Text>
			))}
			{parts.waitingFor === undefined || waiting > rows ? null : (
				<WaitingLine key={waitingKey} machine={parts.waitingFor} />
			)}
		</Box>
	);
}
