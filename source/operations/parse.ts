// Small checks the pure parsers share: the JSON that PowerShell sends is untrusted in shape
// (a different Windows build may omit a property), so every field is checked, and a value that
// does not fit becomes an ErrorRecord that says which operation and field, not a crash.
import type {ErrorRecord, Outcome} from '../windows/records.js';

export class ShapeError extends Error {}

function unexpectedOutput(operation: string, detail: string): ErrorRecord {
	return {
		message: `The ${operation} script returned output doublehop does not understand: ${detail}.`,
		fullyQualifiedErrorId: `UnexpectedOutput,doublehop.${operation}`,
		categoryInfo: `InvalidData: (:) [${operation}], InvalidDataException`,
		exceptionType: 'System.IO.InvalidDataException',
	};
}

/** Runs a parser body, turning a ShapeError into the operation's unexpected-output record. */
export function parseWith<T>(operation: string, body: () => T): Outcome<T> {
	try {
		return {ok: true, value: body()};
	} catch (error) {
		if (error instanceof ShapeError)
			return {ok: false, error: unexpectedOutput(operation, error.message)};
		throw error;
	}
}

export type Json = Record<string, unknown>;

export function record(value: unknown, field = 'value'): Json {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new ShapeError(`${field} is not an object`);
	}
	return value as Json;
}

export function text(object: Json, field: string): string {
	const value = object[field];
	if (typeof value !== 'string') throw new ShapeError(`${field} is not a string`);
	return value;
}

export function optionalText(object: Json, field: string): string | undefined {
	const value = object[field];
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string') throw new ShapeError(`${field} is not a string`);
	return value;
}

export function flag(object: Json, field: string): boolean {
	const value = object[field];
	if (typeof value === 'boolean') return value;
	// WSMan: leaves and winrm report booleans as the strings "true" / "false".
	if (typeof value === 'string' && /^(true|false)$/i.test(value))
		return value.toLowerCase() === 'true';
	throw new ShapeError(`${field} is not true or false`);
}

export function integer(object: Json, field: string): number {
	const value = object[field];
	const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number))
		throw new ShapeError(`${field} is not a whole number`);
	return number;
}

export function optionalInteger(object: Json, field: string): number | undefined {
	const value = object[field];
	if (value === undefined || value === null || value === '') return undefined;
	return integer(object, field);
}

/** PowerShell 5.1 sends a one-element array as the element and an empty one as null. */
export function texts(object: Json, field: string): string[] {
	const value = object[field];
	if (value === undefined || value === null) return [];
	const list = Array.isArray(value) ? value : [value];
	return list.map((item, index) => {
		if (typeof item !== 'string') throw new ShapeError(`${field}[${index}] is not a string`);
		return item;
	});
}

export function records(object: Json, field: string): Json[] {
	const value = object[field];
	if (value === undefined || value === null) return [];
	const list = Array.isArray(value) ? value : [value];
	return list.map((item, index) => record(item, `${field}[${index}]`));
}

/** Console text as PowerShell's Out-String leaves it, without the blank lines around it. */
export function consoleText(value: string): string {
	return value
		.replace(/\r\n/g, '\n')
		.replace(/^(?:[ \t]*\n)+/, '')
		.replace(/\s+$/, '');
}
