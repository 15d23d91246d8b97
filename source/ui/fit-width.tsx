// Long text broken into rows before Ink sees it. Ink wraps with wrap-ansi's `trim: false`, which
// keeps the space between two words: where a row is filled to the last column, the next row
// starts with that space, one column in. Here the same breaks are made (wrap-ansi, as Ink), the
// spaces at each break are dropped, and the rows reach Ink already no wider than its box, so Ink
// leaves them as they are. The width comes down the tree: the terminal's, less each indent.
import wrapAnsi from 'wrap-ansi';
import {Box, Text, type TextProps} from 'ink';
import {createContext, useContext, type ReactNode} from 'react';
import {commandRows, rowsFit} from '../windows/command-rows.js';

/** Columns the text at this point of the screen may take; undefined leaves wrapping to Ink. */
export const WidthContext = createContext<number | undefined>(undefined);

/**
 * One line's rows, as Ink would break it (wrap-ansi, spaces kept), but a path too long for a row
 * is cut after a folder's separator, so a file's name that fits on a row is not cut in two
 * (".../transcripts/" and "2026-...md", not ".../202" and "6-12-..."). Each row keeps the spaces
 * it had; together they are the line (a rest wrap-ansi changes otherwise is one row, left to Ink).
 */
function rowsOf(line: string, width: number): string[] {
	const rows: string[] = [];
	let rest = line;
	for (;;) {
		const [first = '', second] = wrapAnsi(rest, width, {trim: false, hard: true}).split('\n');
		if (second === undefined || first === '' || !rest.startsWith(first)) return [...rows, rest];
		let row = first;
		// A word cut inside (no space either side of the cut): back to after its last separator.
		if (/\S$/.test(first) && !/^\s/.test(rest.slice(first.length))) {
			const start = first.search(/\S+$/);
			const cut = Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\')) + 1;
			if (cut > start && cut < first.length) row = first.slice(0, cut);
		}
		rows.push(row);
		rest = rest.slice(row.length);
	}
}

/**
 * The pieces of one line of text (each drawn in its own style), with a line break where the text
 * meets `width` and the spaces at that break taken out. A piece's own line breaks are kept.
 */
function breakPieces(pieces: readonly string[], width: number | undefined): string[] {
	if (width === undefined || width < 1) return [...pieces];
	const text = pieces.join('');
	const breakBefore = new Set<number>();
	const dropped = new Set<number>();
	let offset = 0;
	for (const line of text.split('\n')) {
		const rows = rowsOf(line, width);
		// wrap-ansi only adds breaks; a text it changes otherwise (Unicode normalisation) is left to Ink.
		if (rows.join('') === line) {
			let start = offset + (rows[0]?.length ?? 0);
			for (const row of rows.slice(1)) {
				const lead = row.length - row.trimStart().length;
				for (let at = start; at < start + lead; at++) dropped.add(at);
				if (lead < row.length) breakBefore.add(start + lead);
				start += row.length;
			}
		}
		offset += line.length + 1;
	}
	let at = 0;
	return pieces.map((piece) => {
		let broken = '';
		for (const character of piece) {
			if (breakBefore.has(at)) broken += '\n';
			if (!dropped.has(at)) broken += character;
			at += character.length;
		}
		return broken;
	});
}

/** breakPieces at the width of this point of the screen. */
export function useBreakPieces(): (...pieces: string[]) => string[] {
	const width = useContext(WidthContext);
	return (...pieces) => breakPieces(pieces, width);
}

// A list item's marker: "- ", "3. ", a choice key and two spaces ("u  "), or a command's "PS> ".
const listMarker = /^(?:- |\d+\. |[a-z] {2}|PS> )/;

/**
 * A <Text> of one string, broken into rows at the width of this point of the screen. With `hanging`,
 * a list item's rows after the first start under its text, not under its marker; a string names
 * the lead-in to hang under instead (a label, a host's number).
 */
export function Line({
	children,
	hanging = false,
	...style
}: TextProps & {children: string; hanging?: boolean | string}) {
	const width = useContext(WidthContext);
	const marker =
		typeof hanging === 'string'
			? children.startsWith(hanging) && hanging !== ''
				? hanging
				: undefined
			: hanging
				? listMarker.exec(children)?.[0]
				: undefined;
	if (marker === undefined || width === undefined || width <= marker.length + 10) {
		return <Text {...style}>{breakPieces([children], width)[0]}</Text>;
	}
	const text = children.slice(marker.length);
	const room = width - marker.length;
	// A command is cut where a console still reads it as one (command-rows.ts: a comment stays a
	// comment on every row, a long quoted path becomes a sum of its parts), when every row then
	// fits; what still does not is broken as prose. A command of several lines (a script run on one
	// machine) is cut line by line, each a statement or a comment of its own, so one line too long
	// to cut leaves the others cut as commands. A here-string's lines are its text: never cut.
	const asCommand = marker === 'PS> ' && !/@['"]\s*$/m.test(text);
	// Each line's rows, and whether its rows after the first start under the marker: a piece too
	// wide to hang under the text (Unregister-PSSessionConfiguration and its continuation, in a
	// narrow window) gets the marker's columns too, so the command still pastes as one.
	const lineRows = (line: string): {rows: string[]; underMarker: boolean} => {
		if (asCommand) {
			const hanging = commandRows(line, room);
			if (rowsFit(hanging, room)) return {rows: hanging, underMarker: false};
			const wider = commandRows(line, width, room);
			if (rowsFit(wider, width, room)) return {rows: wider, underMarker: true};
		}
		return {rows: breakPieces([line], room)[0]!.split('\n'), underMarker: false};
	};
	const lines = text.split('\n').map(lineRows);
	if (lines.some((line) => line.underMarker)) {
		const indent = ' '.repeat(marker.length);
		const rows = lines.flatMap(({rows: each, underMarker}, index) =>
			each.map(
				(row, at) =>
					`${at === 0 ? (index === 0 ? marker : indent) : underMarker ? '' : indent}${row}`,
			),
		);
		return <Text {...style}>{rows.join('\n')}</Text>;
	}
	const rest = lines.map(({rows}) => rows.join('\n')).join('\n');
	return (
		<Box>
			<Text {...style}>{marker}</Text>
			<Box flexDirection="column" width={width - marker.length}>
				<Text {...style}>{rest}</Text>
			</Box>
		</Box>
	);
}

/** A column moved in by `by` columns; the text inside breaks at what is left of the width. */
export function Indent({by, children}: {by: number; children: ReactNode}) {
	const width = useContext(WidthContext);
	return (
		<Box flexDirection="column" marginLeft={by}>
			<WidthContext.Provider value={width === undefined ? undefined : Math.max(1, width - by)}>
				{children}
			</WidthContext.Provider>
		</Box>
	);
}
