// `doublehop explain`: the error read from a file or stdin, the diagnosis written, an exit code.
import {existsSync, statSync} from 'node:fs';
import {checkHostName} from '../safety/names.js';
import type {AnsiCodePage} from '../windows/ansi-code-page.js';
import {exitCodes} from './exit-codes.js';
import {flags as flagTable, kebab, type CommandLine} from './flags.js';
import {loadExplain} from './load-explain.js';
import {
	asciiFor,
	jsonAsciiFor,
	lettersShowFor,
	write,
	writeDocument,
	writeError,
	writeNotice,
} from './output.js';
import {amount, megabytes, processStdin, readErrorText, type InputCut} from './read-input.js';

/** explain's switches that --file can swallow as its path: `--file --json err.txt`. */
const swallowed = {'--json': 'json', '--screen-reader': 'screenReader'} as const;

/**
 * `--file --json err.txt`: meow took the switch as the path and the path as a word. With one word
 * after it, the line is read as meant (`--file err.txt --json`): the switch on, the word the path.
 */
function asMeant(cli: CommandLine): CommandLine {
	const file = cli.flags.file;
	const words = cli.input.slice(1);
	if (file === undefined || !(file in swallowed) || words.length !== 1 || existsSync(file))
		return cli;
	const flag = swallowed[file as keyof typeof swallowed];
	return {
		...cli,
		input: cli.input.slice(0, 1),
		flags: {...cli.flags, file: words[0], [flag]: true},
	};
}

/** The flags explain reads; the rest belong to the guided fix. */
const explainFlags = new Set([
	'hop1',
	'hop2',
	'command',
	'file',
	'json',
	'screenReader',
	'color',
	'ascii',
	'help',
	'version',
]);

/**
 * A fix flag on explain's line (`--user`, `--yes`, `--lab`) would be silently ignored, and the
 * admin would believe it counted: said before the error is read, so no paste is asked for and lost.
 */
function fixFlagsGiven(cli: CommandLine): string | undefined {
	const given = Object.entries(flagTable)
		.filter(([name]) => !explainFlags.has(name))
		.filter(([name, spec]) => {
			const value = (cli.flags as Record<string, unknown>)[name];
			return value !== undefined && value !== ('default' in spec ? spec.default : undefined);
		})
		.map(([name]) => `--${kebab(name)}`);
	if (given.length === 0) return undefined;
	const names =
		given.length === 1 ? given[0] : `${given.slice(0, -1).join(', ')} and ${given.at(-1)}`;
	const they = given.length === 1 ? 'it is' : 'they are';
	return `explain does not read ${names}: ${they} for the guided fix (doublehop without explain). explain takes the error and, as context, --hop1, --hop2 and --command. Run it again without ${given.length === 1 ? 'it' : 'them'}.`;
}

export async function explainCommand(typed: CommandLine): Promise<number> {
	const cli = asMeant(typed);
	const fixFlags = fixFlagsGiven(cli);
	if (fixFlags !== undefined) return badInput(cli, fixFlags);
	// The hops are filled into the next command to run: checked like every other name, and before
	// the error is read, so a paste is never asked for and then lost to a typo in a flag.
	const hops: {hop1?: string; hop2?: string} = {};
	for (const flag of ['hop1', 'hop2'] as const) {
		const given = cli.flags[flag];
		if (given === undefined) continue;
		const checked = checkHostName(given);
		if (!checked.ok) return badInput(cli, `--${flag}: ${checked.reason}`);
		hops[flag] = checked.value;
	}
	// A file named by --file is a file; bare words may be the error's own text, quoted or not.
	// Joined, not just the first: Windows PowerShell 5.1 passes a program an argument's inner double
	// quotes unescaped ($PSNativeCommandArgumentPassing = Legacy), so a message holding quotes can
	// arrive as several arguments, its quotes gone.
	// "-" is standard input, as for most programs that read a file.
	const words = cli.input.slice(1);
	// --file with no path (meow reads a bare --file as ""): say what it needs, not "Cannot read :".
	if (cli.flags.file?.trim() === '') {
		return badInput(
			cli,
			'--file needs the path of the file that holds the error: doublehop explain --file error.txt. Or pipe the error in ($Error[0] | Out-String | doublehop explain), or run doublehop explain and paste it.',
		);
	}
	// "--file --json": meow reads the next flag as the path. Said so, with the line as it should be,
	// not "Cannot read --json: there is no such file" (a file of that name is still read).
	const given = cli.flags.file;
	if (given !== undefined && /^--?[a-z]/i.test(given) && !existsSync(given)) {
		return badInput(
			cli,
			`--file needs the path of the file that holds the error, and ${given} came next, so it was taken as the path. Put the path right after --file: doublehop explain --file error.txt ${given}`,
		);
	}
	// "--file -" is standard input too, as a bare "-" is.
	const file = cli.flags.file === '-' ? undefined : cli.flags.file;
	const twoWays = givenTwoWays(words, file);
	if (twoWays !== undefined) return badInput(cli, twoWays);
	const joined = words.join(' ');
	const argument = words.length > 0 && joined !== '-' ? joined : undefined;
	// Words that are only blanks ("   ", or an empty variable's "") are an empty error, as empty
	// input is, never a file name to look for.
	const input =
		argument?.trim() === ''
			? {ok: true as const, text: ''}
			: await readErrorText(argument ?? file, processStdin(), writeError, {
					orText: argument !== undefined,
				});
	if (!input.ok) return badInput(cli, input.message);
	if (input.asText === true && looksLikeAFileName(joined)) {
		await writeNotice("no file is named that; explaining the words given as the error's text.");
	}
	if (input.cut !== undefined) await writeNotice(cutNotice(input.cut));
	if (input.codePage !== undefined) await writeNotice(codePageNotice(input.codePage));
	if (input.lettersLost === true) {
		await writeNotice(
			'some letters arrived as "?": Windows PowerShell 5.1 pipes text to a program as ASCII ($OutputEncoding). Its ids and codes still count; for its words, run $OutputEncoding = [System.Text.UTF8Encoding]::new() and pipe it again, or save it ($Error[0] | Out-File err.txt) and run doublehop explain err.txt.',
		);
	}
	const {explain} = await loadExplain();
	const result = explain(input.text, {
		json: cli.flags.json,
		// JSON has no marks to fall back from: its non-ASCII text is escaped, with --ascii or where
		// a captured document is read in a code page (console-unicode.ts).
		ascii: cli.flags.json ? jsonAsciiFor() : asciiFor(),
		keepLetters: !cli.flags.json && lettersShowFor(),
		width: process.stdout.columns || 80,
		screenReader: cli.flags.screenReader,
		...hops,
		...(cli.flags.command === undefined ? {} : {command: cli.flags.command}),
		input: {
			...(input.cut === undefined ? {} : {cut: input.cut}),
			...(input.codePage === undefined ? {} : {codePage: input.codePage}),
			...(input.lettersLost === true ? {lettersLost: true} : {}),
		},
	});
	if (result.stderr !== '') writeError(result.stderr);
	write(result.stdout);
	return result.exitCode;
}

/** Where each ANSI code page is the one Set-Content writes (Windows PowerShell 5.1). */
const codePageWhere: Record<AnsiCodePage, string> = {
	'windows-1252': 'Windows-1252, the code page Set-Content writes on Western European Windows',
	'windows-1251': 'Windows-1251, the code page Set-Content writes on Russian Windows',
	shift_jis: 'Shift-JIS (932), the code page Set-Content writes on Japanese Windows',
	'ks_c_5601-1987': 'code page 949, which Set-Content writes on Korean Windows',
	gb2312: 'GBK (936), the code page Set-Content writes on Simplified Chinese Windows',
	big5: 'Big5 (950), the code page Set-Content writes on Traditional Chinese Windows',
};

/** A code page is read from how its letters look, so the notice says which, and the sure way. */
function codePageNotice(page: AnsiCodePage): string {
	return `the error is neither UTF-8 nor UTF-16, so it was read as ${codePageWhere[page]}: its letters read best in it. Its ids and codes read the same in any; if its words look wrong, save it with Out-File, which writes UTF-16, and explain that file.`;
}

/** What was read of an input longer than explain reads: its start and its end, and what was not. */
function cutNotice({head, tail, total, whole}: InputCut): string {
	const kept = `the first ${megabytes(head)} and the last ${megabytes(tail)}`;
	const between = amount(total - head - tail);
	const read = whole
		? `read ${kept} of ${megabytes(total)}; the ${between} between were left out`
		: `stopped reading after ${megabytes(total)}, as the input had not ended; kept ${kept} of it`;
	return `${read}. If the error is not in them, pass that part (the error and a few lines around it).`;
}

/**
 * Why the words and --file cannot both be read as one error: two files named (explain reads one
 * error at a time; joined, their names would be explained as words), or a file and words besides.
 */
function givenTwoWays(words: string[], file: string | undefined): string | undefined {
	if (file !== undefined && words.length > 0) {
		return `--file ${file} and the words "${words.join(' ')}" are two errors; explain reads one. Give --file <path>, or the error's words, not both.`;
	}
	const files = words.filter(isAFile);
	if (words.length > 1 && files.length > 0) {
		return `${files.join(' and ')}: explain reads one error at a time. Run doublehop explain ${files[0]}, then the next.`;
	}
	return undefined;
}

function isAFile(name: string): boolean {
	try {
		return statSync(name).isFile();
	} catch {
		return false;
	}
}

/** A short line ending in an extension (my error.txt): then "no such file" is worth saying. */
function looksLikeAFileName(argument: string): boolean {
	return (
		argument.length <= 260 && !argument.includes('\n') && /\.[a-z0-9]{1,5}$/i.test(argument.trim())
	);
}

/**
 * Input explain cannot take (no such file, no text in it, a bad --hop1): said on stderr, and with
 * --json written as the document too (status "bad-input"), so a caller that parses stdout always
 * gets JSON, as it does for empty input.
 */
function badInput(cli: CommandLine, message: string): Promise<number> {
	return explainRefusal(message, cli.flags.json);
}

/** The same for a command line that could not be read (an unknown flag): `json` from argv. */
export async function explainRefusal(message: string, json: boolean): Promise<number> {
	await writeNotice(message);
	if (json) {
		const document = {schema: 'doublehop/diagnosis@1', status: 'bad-input', message};
		writeDocument(`${JSON.stringify(document, null, 2)}\n`);
	}
	return exitCodes.failed;
}
