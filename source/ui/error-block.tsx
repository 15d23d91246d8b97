import {Box, Text} from 'ink';
import type {ErrorRecord} from '../windows/records.js';
import {formatErrorRecord} from '../windows/error-record.js';
import {tint, useTheme} from './theme.js';

type Piece = {text: string; evidence: boolean};

/** Splits a line into the parts that gave the cause away and the rest (case-insensitive). */
export function markEvidenceInLine(line: string, evidence: readonly string[]): Piece[] {
	const lower = line.toLowerCase();
	const ranges: [number, number][] = [];
	for (const text of evidence) {
		if (text === '') continue;
		let at = lower.indexOf(text.toLowerCase());
		while (at !== -1) {
			ranges.push([at, at + text.length]);
			at = lower.indexOf(text.toLowerCase(), at + text.length);
		}
	}
	ranges.sort((a, b) => a[0] - b[0]);
	const pieces: Piece[] = [];
	let cursor = 0;
	for (const [start, end] of ranges) {
		if (end <= cursor) continue;
		const from = Math.max(start, cursor);
		if (from > cursor) pieces.push({text: line.slice(cursor, from), evidence: false});
		pieces.push({text: line.slice(from, end), evidence: true});
		cursor = end;
	}
	if (cursor < line.length) pieces.push({text: line.slice(cursor), evidence: false});
	return pieces;
}

/**
 * The error exactly as PowerShell prints it (message, CategoryInfo, FullyQualifiedErrorId,
 * PSComputerName). With colour, the parts that identified the cause are highlighted in place;
 * without, the text stays exact and the "Evidence:" line below names them.
 */
export function ErrorBlock({error, evidence = []}: {error: ErrorRecord; evidence?: string[]}) {
	const theme = useTheme();
	return (
		<Box flexDirection="column" marginLeft={2}>
			{formatErrorRecord(error).map((line, index) => (
				<Text key={index} color={tint('red', theme)}>
					{markEvidenceInLine(line, evidence).map((piece, at) =>
						piece.evidence ? (
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
