// What the process writes, for every command: stdout, stderr (controls shown, never obeyed) and the
// one --json document a run promises whatever happens. Kept apart from the commands so that
// `explain`, which answers about as fast as node starts, loads nothing it does not use.
import {exitCodes} from './exit-codes.js';
import {givenBoolean, programVersion} from './flags.js';
import {chooseAscii, chooseJsonAscii, consoleShowsLetters} from '../ui/console-unicode.js';
import {asciiJson} from '../report/ascii-json.js';
import {showControls} from '../windows/terminal-text.js';

export const write = (text: string) => process.stdout.write(text);
// Messages quote what was given (a command, a flag's value, a file's text): shown, not obeyed.
export const writeError = (text: string) => process.stderr.write(showControls(text));
// --ascii or --no-ascii if given, else what the console can show (ui/console-unicode.ts).
const consoleFacts = () => ({
	platform: process.platform,
	isTTY: process.stdout.isTTY === true,
	env: process.env,
});
export const asciiFor = () =>
	chooseAscii(givenBoolean(process.argv.slice(2), 'ascii'), consoleFacts());
// ASCII chosen for the marks alone (not --ascii): the text's own letters are kept where they show.
export const lettersShowFor = () =>
	givenBoolean(process.argv.slice(2), 'ascii') === undefined && consoleShowsLetters(consoleFacts());
// A --json document: in ASCII where its reader decodes with a code page of its own.
export const jsonAsciiFor = () =>
	chooseJsonAscii(givenBoolean(process.argv.slice(2), 'ascii'), consoleFacts());
// --json promises exactly one document, whatever happens: every refusal goes through refuse().
let jsonDocument = false;
let documentWritten = false;
/** Set once, from the command line: whether refusals are written as the --json document. */
export const promiseJsonDocument = (promised: boolean) => {
	jsonDocument = promised;
};
export const writeDocument = (text: string) => {
	documentWritten = true;
	write(jsonAsciiFor() ? asciiJson(text) : text);
};

/**
 * A refusal as the terminal shows it: the message, then each next step indented, cut at spaces to
 * the terminal's width when stderr is one (a terminal that wraps a line itself breaks it mid-word);
 * a pipe or a log gets one line each, as written.
 */
async function refusalLines(message: string, nextSteps: readonly string[]): Promise<string> {
	const columns = process.stderr.isTTY === true ? process.stderr.columns : 0;
	if (!(columns > 0))
		return [`doublehop: ${message}`, ...nextSteps.map((step) => `  ${step}`), ''].join('\n');
	const {wrap} = await import('../windows/wrap.js');
	const width = Math.max(20, columns - 1);
	return [
		...wrap(`doublehop: ${message}`, width, '', '  '),
		...nextSteps.flatMap((step) => wrap(step, width, '  ', '    ')),
		'',
	].join('\n');
}

/** A line for the admin on stderr, `doublehop: ` first, cut at spaces on a terminal. */
export async function writeNotice(message: string): Promise<void> {
	writeError(await refusalLines(message, []));
}

/**
 * Refuses the run (exit 2): the message, and what to do next (the document's nextSteps).
 * `commandSteps`: the command line to run next, for the --json document only: the message already
 * says it in words at the console, and a CI job reads the document.
 */
export async function refuse(
	message: string,
	nextSteps: readonly string[] = [],
	commandSteps: readonly string[] = [],
): Promise<number> {
	// Under --json too, as explain's bad input is: a CI log that keeps only the console (the
	// document redirected to a file) still says why the job failed.
	writeError(await refusalLines(message, nextSteps));
	if (!jsonDocument || documentWritten) return exitCodes.failed;
	const {failureDocument} = await import('./non-interactive.js');
	writeDocument(failureDocument(message, programVersion, [...nextSteps, ...commandSteps]));
	return exitCodes.failed;
}
