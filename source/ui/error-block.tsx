import {Text} from 'ink';
import type {ErrorRecord} from '../windows/records.js';
import {consoleRowHang, printedErrorText} from '../windows/error-record.js';
import {markedLines, type MarkedPiece, type TextRange} from '../windows/marked-text.js';
import {Indent, useBreakPieces} from './fit-width.js';
import {tint, useTheme} from './theme.js';

/**
 * The error exactly as PowerShell prints it (message, CategoryInfo, FullyQualifiedErrorId,
 * PSComputerName). With colour, the parts that identified the cause (the diagnosis's ranges into
 * this text) are highlighted in place, across line breaks; without, the text stays exact and the
 * "Evidence:" line below quotes them.
 */
export function ErrorBlock({error, evidence = []}: {error: ErrorRecord; evidence?: TextRange[]}) {
	return (
		<Indent by={2}>
			{markedLines(printedErrorText(error), evidence).map((pieces, index) => (
				<ErrorLine key={index} pieces={pieces} />
			))}
		</Indent>
	);
}

function ErrorLine({pieces}: {pieces: MarkedPiece[]}) {
	const theme = useTheme();
	const texts = useBreakPieces(consoleRowHang)(...pieces.map((piece) => piece.text));
	return (
		<Text color={tint('red', theme)}>
			{pieces.map((piece, at) =>
				piece.marked ? (
					<Text key={at} bold inverse={theme.color} color={tint('yellow', theme)}>
						{texts[at]}
					</Text>
				) : (
					texts[at]
				),
			)}
		</Text>
	);
}
