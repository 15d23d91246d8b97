// The one console layout of an ErrorRecord, as Windows PowerShell 5.1 prints an error raised
// inside Invoke-Command: the message, then the `+ CategoryInfo` / `+ FullyQualifiedErrorId` /
// `+ PSComputerName` block. The screen, the transcript and the diagnosis all read this layout.
import type {ErrorRecord} from './records.js';

export function formatErrorRecord(error: ErrorRecord): string[] {
	const rows: [string, string | undefined][] = [
		['CategoryInfo', error.categoryInfo],
		['FullyQualifiedErrorId', error.fullyQualifiedErrorId],
		['PSComputerName', error.psComputerName],
	];
	return [
		error.message,
		...rows
			.filter(([, value]) => value !== undefined && value !== '')
			.map(([name, value]) => consoleRow(name, value ?? '')),
	];
}

/**
 * The console layout plus the exception type and HRESULT, which the console keeps in
 * `$_.Exception`: the text the knowledge base reads, so evidence ranges point into the lines
 * the screen prints.
 */
export function errorRecordText(record: ErrorRecord): string {
	const kept: string[] = [];
	if (record.exceptionType) kept.push(consoleRow('Exception', record.exceptionType));
	if (record.hresult !== undefined) kept.push(consoleRow('HResult', formatHresult(record.hresult)));
	return [printedErrorText(record), ...kept].join('\n');
}

/** What the console prints of the record, as one text: evidence ranges below its length are shown. */
export function printedErrorText(record: ErrorRecord): string {
	return formatErrorRecord(record).join('\n');
}

function consoleRow(name: string, value: string): string {
	return `    + ${name.padEnd(21)} : ${value}`;
}

const consoleRowStart = /^( {4}\+ )\S+ *: /;

/**
 * Where a `+ CategoryInfo : ...` row too long for the screen goes on: under its value where each
 * of its words fits there, else under its name, so the block still reads as PowerShell's (a row
 * starting at the margin would look like the next field or the message). 0: not such a row.
 */
export function consoleRowHang(line: string, width: number): number {
	const found = consoleRowStart.exec(line);
	if (found === null) return 0;
	const [lead, marker = ''] = found;
	const longest = Math.max(
		...line
			.slice(lead.length)
			.split(' ')
			.map((word) => word.length),
	);
	if (width - lead.length >= Math.max(24, longest)) return lead.length;
	return width - marker.length >= 16 ? marker.length : 0;
}

function formatHresult(value: number): string {
	const unsigned = value >>> 0;
	if (unsigned < 0x10000) return String(unsigned);
	return `0x${unsigned.toString(16).toUpperCase().padStart(8, '0')} (${unsigned | 0})`;
}
