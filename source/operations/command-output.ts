// The parser every change operation shares: the console text the command printed.
import type {CommandOutput} from '../windows/records.js';
import {consoleText, parseWith, record, text} from './parse.js';

export function parseCommandOutput(operation: string) {
	return (value: unknown) =>
		parseWith(operation, (): CommandOutput => ({
			output: consoleText(text(record(value), 'output')),
		}));
}
