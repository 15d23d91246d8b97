// Long text broken into rows before Ink sees it. Ink wraps with wrap-ansi's `trim: false`, which
// keeps the space between two words: where a row is filled to the last column, the next row
// starts with that space, one column in. Here the same breaks are made (wrap-ansi, as Ink), the
// spaces at each break are dropped, and the rows reach Ink already no wider than its box, so Ink
// leaves them as they are. The width comes down the tree: the terminal's, less each indent.
import wrapAnsi from 'wrap-ansi';
import {Box, Text, type TextProps} from 'ink';
import {createContext, useContext, type ReactNode} from 'react';
import {commandRows, rowsFit} from '../windows/command-rows.js';
import {cutInside, cutWordIndent, separatorCut} from '../windows/wrap.js';

/** Columns the text at this point of the screen may take; undefined leaves wrapping to Ink. */
export const WidthContext = createContext<number | undefined>(undefined);

/** A row of a line: its text, and whether it goes on a word cut inside (drawn further in). */
type Row = {text: string; inside: boolean};

/**
 * One line's rows, as Ink would break it (wrap-ansi, spaces kept), but a word too long for a row
 * (a path, a list of names) is cut where wrap.ts cuts it, after a comma or a folder's separator
 * (".../transcripts/" and "2026-...md", not ".../202" and "6-12-..."), and its later rows start
 * further in (cutWordIndent), so a cut is seen as one. Together the rows are the line (a rest
 * wrap-ansi changes otherwise is one row, left to Ink).
 */
function rowsOf(line: string, width: number, hang = 0): Row[] {
	const rows: Row[] = [];
	let rest = line;
	let inside: boolean = false;
	const indent = width - hang > 2 * cutWordIndent.length + 8 ? cutWordIndent.length : 0;
	for (;;) {
		const room: number = (rows.length === 0 ? width : width - hang) - (inside ? indent : 0);
		const [first = '', second] = wrapAnsi(rest, room, {trim: false, hard: true}).split('\n');
		if (second === undefined || first === '' || !rest.startsWith(first))
			return [...rows, {text: rest, inside}];
		let row = first;
		// A word cut inside (no space either side of the cut), wider than a row: it starts a row
		// of its own, as wrap.ts starts it, and is cut after a separator in it where one fits.
		const start = first.search(/\S+$/);
		const cutWord = /\S$/.test(first) && !/^\s/.test(rest.slice(first.length));
		if (cutWord && start > 0 && first.slice(0, start).trim() !== '') row = first.slice(0, start);
		else if (cutWord) {
			const cut = separatorCut(rest.slice(start), first.length - start);
			if (cut > 0) row = first.slice(0, start + cut);
		}
		rows.push({text: row, inside});
		rest = rest.slice(row.length);
		inside = indent > 0 && cutWord && row !== first.slice(0, start) && cutInside(row);
	}
}

/**
 * The pieces of one line of text (each drawn in its own style), with a line break where the text
 * meets `width` and the spaces at that break taken out. A piece's own line breaks are kept.
 */
function breakPieces(
	pieces: readonly string[],
	width: number | undefined,
	hangOf: (line: string, width: number) => number = () => 0,
): string[] {
	if (width === undefined || width < 1) return [...pieces];
	const text = pieces.join('');
	// Where a row starts, and what goes before it: a line break, and the indent of a cut word's rows.
	const breakBefore = new Map<number, string>();
	const dropped = new Set<number>();
	let offset = 0;
	for (const line of text.split('\n')) {
		const hang = hangOf(line, width);
		const rows = rowsOf(line, width, hang);
		const lead = `\n${' '.repeat(hang)}`;
		// wrap-ansi only adds breaks; a text it changes otherwise (Unicode normalisation) is left to Ink.
		if (rows.map((row) => row.text).join('') === line) {
			let start = offset + (rows[0]?.text.length ?? 0);
			for (const {text: row, inside} of rows.slice(1)) {
				const spaces = row.length - row.trimStart().length;
				for (let at = start; at < start + spaces; at++) dropped.add(at);
				if (spaces < row.length)
					breakBefore.set(start + spaces, inside ? `${lead}${cutWordIndent}` : lead);
				start += row.length;
			}
		}
		offset += line.length + 1;
	}
	let at = 0;
	return pieces.map((piece) => {
		let broken = '';
		for (const character of piece) {
			broken += breakBefore.get(at) ?? '';
			if (!dropped.has(at)) broken += character;
			at += character.length;
		}
		return broken;
	});
}

/** breakPieces at the width of this point of the screen. */
export function useBreakPieces(
	hangOf?: (line: string, width: number) => number,
): (...pieces: string[]) => string[] {
	const width = useContext(WidthContext);
	return (...pieces) => breakPieces(pieces, width, hangOf);
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
	// A line indented with spaces (a detail under a detail) keeps its indent on every row.
	const spaces = /^ +(?=\S)/.exec(children)?.[0].length ?? 0;
	if (spaces > 0 && width !== undefined && width > spaces + 10) {
		return (
			<Indent by={spaces}>
				<Line hanging={hanging} {...style}>
					{children.slice(spaces)}
				</Line>
			</Indent>
		);
	}
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
