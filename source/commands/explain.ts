// `doublehop explain`: names the cause of an error and the next command. The CLI reads stdin or
// --file and calls this; it must stay light (no ink, no react) so it answers at once.
import type {AnsiCodePage} from '../windows/ansi-code-page.js';
import {asciiJson} from '../report/ascii-json.js';
import {diagnose} from '../knowledge/diagnose.js';
import {diagnosisToJson, renderDiagnosis, toAscii} from '../report/diagnosis-text.js';
import {showControls} from '../windows/terminal-text.js';

export type ExplainOptions = {
	json: boolean;
	ascii: boolean;
	/** With `ascii`: the marks in ASCII, the pasted text's own letters kept. */
	keepLetters?: boolean;
	width: number;
	/** Lines a screen reader reads as sentences: not wrapped, no marks, commands whole. */
	screenReader?: boolean;
	/** Context: the hops and the failing command rank the causes of an ambiguous error. */
	hop1?: string;
	hop2?: string;
	command?: string;
	/** How the text arrived (said on stderr too): for --json's `input`. */
	input?: InputNotes;
};

/**
 * How the text arrived. `cut`: longer than explain reads, so its first `head` and last `tail` bytes
 * were read, of `total` (`whole` false: reading stopped there, the input had not ended). `codePage`:
 * neither UTF-8 nor UTF-16, read as the ANSI code page its letters read best in (ansi-code-page.ts). `lettersLost`: letters arrived as "?" (a Windows
 * PowerShell 5.1 pipe).
 */
export type InputNotes = {
	cut?: {head: number; tail: number; total: number; whole: boolean};
	codePage?: AnsiCodePage;
	lettersLost?: true;
};

/** --json's `input`: every field present, null or false where it does not apply. */
function inputJson(notes: InputNotes = {}) {
	const {cut} = notes;
	return {
		cut:
			cut === undefined
				? null
				: {headBytes: cut.head, tailBytes: cut.tail, totalBytes: cut.total, whole: cut.whole},
		codePage: notes.codePage ?? null,
		lettersLost: notes.lettersLost === true,
	};
}

/** `stderr`: what is said about input explain could not take (stdout keeps answers and documents). */
export type ExplainResult = {stdout: string; stderr: string; exitCode: number};

export const explainExitCodes = {recognised: 0, emptyInput: 2, notRecognised: 3} as const;

// Each way works as typed in PowerShell, where `< error.txt` is a parse error ("The '<' operator
// is reserved for future use").
const howToPass =
	'No error text was given, or it was empty. Pass the error as it was printed:\n' +
	'  doublehop explain error.txt\n' +
	'  $Error[0] | Out-String | doublehop explain\n' +
	'or paste it into `doublehop explain` and end with Ctrl+Z then Enter (Ctrl+D outside Windows).\n';

/** JSON printed for empty input, so --json callers always get JSON. */
type EmptyInputJson = {
	schema: 'doublehop/diagnosis@1';
	status: 'empty-input';
	message: string;
};

export function explain(input: string, options: ExplainOptions): ExplainResult {
	if (input.trim().length === 0) {
		// Said on stderr, as every input explain cannot take is (cli/explain-command.ts badInput); with
		// --json the document is on stdout too, so a caller that parses stdout always gets JSON.
		const said = `doublehop: ${howToPass}`;
		return {
			stdout: options.json ? JSON.stringify(emptyInputJson(), null, 2) + '\n' : '',
			stderr: options.ascii ? toAscii(said) : said,
			exitCode: explainExitCodes.emptyInput,
		};
	}
	const {hop1, hop2} = options;
	// --hop1 and --hop2 with no --command: the command --help names as the default, the guided
	// flow's own (Get-VM -ComputerName <hop2>, run on the first hop).
	const command =
		options.command ??
		(hop1?.trim() && hop2?.trim() ? `Get-VM -ComputerName ${hop2.trim()}` : undefined);
	const diagnosis = diagnose(input, {hop1, hop2, command});
	// An ambiguous answer is an answer: its causes are named, and the check that tells them apart.
	const exitCode =
		diagnosis.status === 'not-recognised'
			? explainExitCodes.notRecognised
			: explainExitCodes.recognised;
	if (options.json) {
		const document = {
			...diagnosisToJson(diagnosis, {hop1, hop2, command}),
			input: inputJson(options.input),
		};
		const json = JSON.stringify(document, null, 2) + '\n';
		return {stdout: options.ascii ? asciiJson(json) : json, stderr: '', exitCode};
	}
	// The evidence quotes the pasted text: its control characters are shown, not obeyed.
	return {stdout: showControls(renderDiagnosis(diagnosis, options)), stderr: '', exitCode};
}

function emptyInputJson(): EmptyInputJson {
	return {schema: 'doublehop/diagnosis@1', status: 'empty-input', message: howToPass.trim()};
}
