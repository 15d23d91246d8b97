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

function formatHresult(value: number): string {
	const unsigned = value >>> 0;
	if (unsigned < 0x10000) return String(unsigned);
	return `0x${unsigned.toString(16).toUpperCase().padStart(8, '0')} (${unsigned | 0})`;
}
