import {Box, Text} from 'ink';
import type {ErrorRecord} from '../windows/records.js';
import {printedErrorText} from '../windows/error-record.js';
import {markedLines, type TextRange} from '../windows/marked-text.js';
import {tint, useTheme} from './theme.js';

/**
 * The error exactly as PowerShell prints it (message, CategoryInfo, FullyQualifiedErrorId,
 * PSComputerName). With colour, the parts that identified the cause (the diagnosis's ranges into
 * this text) are highlighted in place, across line breaks; without, the text stays exact and the
 * "Evidence:" line below quotes them.
 */
export function ErrorBlock({error, evidence = []}: {error: ErrorRecord; evidence?: TextRange[]}) {
	const theme = useTheme();
	return (
		<Box flexDirection="column" marginLeft={2}>
			{markedLines(printedErrorText(error), evidence).map((pieces, index) => (
				<Text key={index} color={tint('red', theme)}>
					{pieces.map((piece, at) =>
						piece.marked ? (
							<Text key={at} bold inverse={theme.color} color={tint('yellow', theme)}>
								{piece.text}
							</Text>
						) : (
							piece.text
						),
					)}
				</Text>
			))}
		</Box>
	);
}
