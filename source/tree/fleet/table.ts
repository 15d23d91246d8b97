// The table of first hops: one row per host, as read (state, cause, planned change) or as ended
// (result, what happened). Plain columns, so the screen, the screen-reader text and the
// transcript show the same rows; a screen reader reads each row as one line.
import {wrap} from '../../windows/wrap.js';
import type {FleetHostRow, HostResult} from './state.js';

const stateWords: Record<FleetHostRow['state'], string> = {
	'already-fixed': 'already fixed',
	'needs-client': 'needs client',
	'needs-server': 'needs server',
	'needs-both': 'needs both',
	blocked: 'blocked',
	unreachable: 'unreachable',
	failed: 'failed',
	'not-read': 'not read',
};

const resultWords: Record<HostResult, string> = {
	fixed: 'FIXED',
	'already-fixed': 'already fixed',
	'left-out': 'left out',
	blocked: 'BLOCKED',
	unreachable: 'UNREACHABLE',
	failed: 'FAILED',
	planned: 'planned',
	interrupted: 'interrupted',
};

function columns(rows: string[][]): string[] {
	const widths = rows[0]!.map((_, column) =>
		Math.max(...rows.map((row) => (row[column] ?? '').length)),
	);
	return rows.map((row) =>
		row
			.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!)))
			.join('  ')
			.trimEnd(),
	);
}

/**
 * The rows in columns, or, when a row would be wider than the terminal (a terminal that wraps a
 * line breaks it anywhere), the first three columns on the row and the rest on a line under it.
 */
function fitted(rows: string[][], width: number): string[] {
	const wide = columns(rows);
	if (wide.every((line) => line.length <= width)) return wide;
	const headings = rows[0]!.slice(3);
	const heads = columns(rows.map((row) => row.slice(0, 3)));
	return heads.flatMap((head, index) => {
		const rest = rows[index]!.slice(3);
		// The headings row names the columns moved under; each host's line labels all but the first.
		const under =
			index === 0
				? headings.join('; ')
				: rest
						.map((cell, column) =>
							column === 0 ? cell : `${headings[column]!.toLowerCase()}: ${cell}`,
						)
						.filter((cell) => cell !== '')
						.join('; ');
		return under === '' ? [head] : [head, ...wrap(under, width, '      ')];
	});
}

/** The host as given; one reached only over HTTPS (5986, -UseSSL) says so. */
const nameCell = (row: FleetHostRow) => (row.overHttps ? `${row.name} (HTTPS)` : row.name);

/** The table of hosts, fitted to `width` columns (the terminal's; none for files and JSON). */
export function tableLines(
	hosts: readonly FleetHostRow[],
	view: 'state' | 'result',
	width = Number.POSITIVE_INFINITY,
): string[] {
	if (view === 'state') {
		return fitted(
			[
				['#', 'First hop', 'State', 'Cause', 'Planned change'],
				...hosts.map((row) => [
					String(row.number),
					nameCell(row),
					stateWords[row.state],
					row.cause,
					row.planned,
				]),
			],
			width,
		);
	}
	return fitted(
		[
			['#', 'First hop', 'Result', 'What happened'],
			...hosts.map((row) => [
				String(row.number),
				nameCell(row),
				row.result === undefined ? '' : resultWords[row.result],
				row.outcome ?? '',
			]),
		],
		width,
	);
}

export function resultCounts(hosts: readonly FleetHostRow[]): Record<HostResult, number> {
	const counts: Record<HostResult, number> = {
		fixed: 0,
		'already-fixed': 0,
		'left-out': 0,
		blocked: 0,
		unreachable: 0,
		failed: 0,
		planned: 0,
		interrupted: 0,
	};
	for (const row of hosts) if (row.result !== undefined) counts[row.result] += 1;
	return counts;
}
