// An ErrorRecord laid out as Windows PowerShell 5.1 prints an error raised inside Invoke-Command:
// the message, then the `+ CategoryInfo` / `+ FullyQualifiedErrorId` / `+ PSComputerName` block.
import type {ErrorRecord} from './host.js';

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
			.map(([name, value]) => `    + ${name.padEnd(21)} : ${value}`),
	];
}
