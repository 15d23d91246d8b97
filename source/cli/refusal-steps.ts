// The next step of a refusal, as a CI author reads it in the --json document: what to change, and
// the command line as given with that change made, each word as PowerShell reads it. Pure.
import {valueFlagNames} from './flags.js';
import type {Missing} from '../flow/auto-answer.js';
import {psArgument} from '../safety/names.js';

type Word = {flag: string; value?: string};

/** The command line as flags (with their value) and words, `--x=v` read as `--x v`. */
function wordsOf(argv: readonly string[]): Word[] {
	const takesValue = valueFlagNames();
	const words: Word[] = [];
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index]!;
		const equals = argument.indexOf('=');
		if (argument.startsWith('--') && equals > 0)
			words.push({flag: argument.slice(0, equals), value: argument.slice(equals + 1)});
		else if (takesValue.has(argument) && index + 1 < argv.length)
			words.push({flag: argument, value: argv[++index]!});
		else words.push({flag: argument});
	}
	return words;
}

/**
 * A placeholder the author fills in (`<DOMAIN\user>`) and a flag's name (`--hop1`, which
 * PowerShell passes to a program as typed) are shown as they are; any other word as PowerShell reads it.
 */
const shown = (value: string) =>
	/^<[^<>]+>$/.test(value) || /^--[a-z][a-z0-9-]*$/.test(value) ? value : psArgument(value);

export type Change = {
	/** A flag set to this value (replacing any given), or added when it is a switch (undefined). */
	set?: Record<string, string | undefined>;
	drop?: readonly string[];
};

/** `doublehop` and the command line as given, with `change` made (a flag set keeps its place). */
export function commandWith(argv: readonly string[], change: Change = {}): string {
	const set = change.set ?? {};
	const given = wordsOf(argv).filter((word) => !(change.drop ?? []).includes(word.flag));
	const replaced = given.map((word) =>
		word.flag in set ? {flag: word.flag, value: set[word.flag]} : word,
	);
	const added = Object.entries(set)
		.filter(([flag]) => !given.some((word) => word.flag === flag))
		.map(([flag, value]) => ({flag, value}));
	const text = [...replaced, ...added].map((word) =>
		word.value === undefined
			? shown(word.flag)
			: `${shown(word.flag)} ${word.value === '' ? "''" : shown(word.value)}`,
	);
	return ['doublehop', ...text].join(' ');
}

/** The value given to `flag` (`--hop1`), if any. */
function givenValue(argv: readonly string[], flag: string): string | undefined {
	return wordsOf(argv).findLast((word) => word.flag === flag)?.value;
}

const secret = 'Get-Secret hv-admin -AsPlainText';

/** --password-stdin's one line, piped: the command line as given, --password-stdin in it. */
export function pipedPasswordStep(argv: readonly string[]): string {
	return `Pipe the password as the first line of stdin: ${secret} | ${commandWith(argv, {set: {'--password-stdin': undefined}})}`;
}

/**
 * --json --method runas: stdin holds two lines, the admin's password and then the RunAs account's.
 * PowerShell writes each object piped to a program as a line of its own (NativeCommandProcessor.cs,
 * ProcessInputWriter.AddTextInputFromFormattedArray: _streamWriter.WriteLine), so an array of the
 * two is those two lines.
 */
export function runAsStdinSteps(argv: readonly string[]): string[] {
	const account = givenValue(argv, '--runas-user') ?? '<DOMAIN\\user>';
	const command = commandWith(argv, {
		set: {'--password-stdin': undefined, '--runas-user': account},
	});
	return [
		'stdin must hold two lines: first your password (the account the run connects as), then the password of the RunAs account (--runas-user).',
		`For example: @((${secret}), (Get-Secret hv-runas -AsPlainText)) | ${command}`,
	];
}

/** What each flag a run may lack takes, for the author to fill in. */
const placeholders: Record<string, string> = {
	'--hop1': '<hyperv1>',
	'--hop2': '<hyperv2>',
	'--command': '<command>',
	'--user': '<DOMAIN\\user>',
	'--gmsa': '<DOMAIN\\name$>',
	'--runas-user': '<DOMAIN\\user>',
};

/** A --json run that lacked a flag or a line of --password-stdin: the run again with it. */
export function missingSteps(argv: readonly string[], missing: Missing): string[] {
	if (missing === 'run-as-password') return runAsStdinSteps(argv);
	if (missing === 'password')
		return givenValue(argv, '--method')?.toLowerCase() === 'runas'
			? runAsStdinSteps(argv)
			: [pipedPasswordStep(argv)];
	return [
		`With ${missing}: ${commandWith(argv, {set: {[missing]: placeholders[missing] ?? '<value>'}})}`,
	];
}
