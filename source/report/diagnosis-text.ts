// Renders a Diagnosis: plain text for the terminal (no colours: highlighting is done with markers
// so it survives copy-paste, screen readers and --ascii), and a stable JSON shape for --json.
import {commandRows} from '../windows/command-rows.js';
import {wrap} from '../windows/wrap.js';
import {stepLabel} from '../stages/stages.js';
import type {StageId} from '../stages/stages.js';
import {entriesById} from '../knowledge/catalog.js';
import {
	causeNames,
	classNames,
	type CauseId,
	type ClassId,
	type Entry,
	runOnPlace,
	type RunOn,
} from '../knowledge/entry.js';
import {
	fillPlaceholders,
	nextCommandFor,
	stageFor,
	withCredentialAsked,
} from '../knowledge/diagnose.js';
import type {Confidence, Diagnosis, EvidenceKind, NextCommand} from '../knowledge/diagnose.js';
import {hopsFor, type DiagnosisContext} from '../knowledge/context.js';
import {recordCount} from '../knowledge/records-in-text.js';
import {mergeRanges, type TextRange} from '../windows/marked-text.js';

export type RenderOptions = {
	/** Terminal width in columns; prose is wrapped to it (commands are never wrapped: they must paste). */
	width: number;
	/** ASCII only: no »«, no typographic characters, and non-ASCII input characters replaced. */
	ascii: boolean;
	/**
	 * For a screen reader: one line per sentence or command, never wrapped (its own line breaks
	 * would be read as pauses mid-sentence), no marks or bullets to be read out as symbols, the
	 * matched words quoted, and commands whole (a backtick continuation is read, not pasted).
	 */
	screenReader?: boolean;
	/**
	 * With `ascii`: the marks fall back to ASCII, but the pasted text's letters are kept (a Windows
	 * console shows any letter its font has: "accès refusé", not "acces refuse" or "?").
	 */
	keepLetters?: boolean;
	/** Fill the <hop1> and <hop2> placeholders of the next command (else the error's own names do). */
	hop1?: string;
	hop2?: string;
	/** The failing command: names the hops when neither the flags nor the error do. */
	command?: string;
};

const minimumWidth = 40;
const contextChars = 40;
const maxSnippets = 4;

type Glyphs = {open: string; close: string; bullet: string; ellipsis: string; between: string};
const unicodeGlyphs: Glyphs = {open: '»', close: '«', bullet: '•', ellipsis: '…', between: ' · '};
const asciiGlyphs: Glyphs = {open: '>>', close: '<<', bullet: '-', ellipsis: '...', between: ' | '};
// Quotation marks are read as quotes, or not at all; an empty bullet leaves only the words.
const spokenGlyphs: Glyphs = {open: '"', close: '"', bullet: '', ellipsis: '...', between: '. '};
// Wide enough that nothing is wrapped or cut: the screen reader's own line is the unit.
const unwrapped = 100_000;

let sentences: Intl.Segmenter | undefined;

/**
 * Words for the admin: wrapped to the width; for a screen reader (unwrapped), one sentence a line,
 * since its line is what it reads and moves by. ICU's sentence rules are loaded only then: they
 * cost milliseconds of explain's start.
 */
function prose(text: string, width: number, indent = '', hanging = indent): string[] {
	if (width !== unwrapped) return wrap(text, width, indent, hanging);
	sentences ??= new Intl.Segmenter('en', {granularity: 'sentence'});
	const said: string[] = [];
	// "..." inside a quoted message ("Connecting to remote server ... Access is denied") ends no
	// sentence, as ICU would take it to: it is segmented as one character, "…", and put back.
	for (const {segment} of sentences.segment(text.replaceAll('...', '\u2026'))) {
		const sentence = segment.trim().replaceAll('\u2026', '...');
		if (sentence === '') continue;
		// A list's number ("4.") ends no sentence: it stays with its item.
		if (said.length > 0 && /^\d+\.$/.test(said.at(-1)!)) said.push(`${said.pop()!} ${sentence}`);
		else said.push(sentence);
	}
	return said.map((sentence, index) => `${index === 0 ? indent : hanging}${sentence}`);
}

export function renderDiagnosis(diagnosis: Diagnosis, options: RenderOptions): string {
	const width = options.screenReader ? unwrapped : Math.max(options.width, minimumWidth);
	const chosen = options.screenReader ? spokenGlyphs : options.ascii ? asciiGlyphs : unicodeGlyphs;
	// A French, German or Russian paste brings its own « » (in ASCII, << >>): marks like them could
	// not be told from its quotes, so the matched words are put in double brackets instead.
	const glyphs =
		!options.screenReader && /[«»]|<<|>>/.test(diagnosis.text)
			? {...chosen, open: '[[', close: ']]'}
			: chosen;
	const lines =
		diagnosis.status === 'not-recognised'
			? renderNotRecognised(diagnosis, width, glyphs)
			: renderRecognised(diagnosis, diagnosis.best, width, glyphs, options);
	const text = lines.join('\n') + '\n';
	if (!options.ascii) return text;
	return options.keepLetters === true ? asciiMarks(text) : toAscii(text);
}

function renderRecognised(
	diagnosis: Exclude<Diagnosis, {status: 'not-recognised'}>,
	best: Entry,
	width: number,
	glyphs: Glyphs,
	options: RenderOptions,
): string[] {
	const stage = stageFor(diagnosis) ?? best.stage;
	const next = nextCommandFor(diagnosis);
	const lines = [
		...(diagnosis.status === 'ambiguous'
			? ambiguousHead(diagnosis, width)
			: [
					...prose(`Recognised: ${best.name}`, width, ''),
					// One line of labels, not sentences: read as it stands.
					...wrap(
						`Class: ${best.class}${glyphs.between}Confidence: ${diagnosis.confidence}`,
						width,
						'',
					),
				]),
		...severalRecords(diagnosis.text, width),
		'',
		...(diagnosis.status === 'ambiguous'
			? prose(`What the text matched: ${best.name}`, width, '')
			: ['Cause']),
		...prose(matchedCause(diagnosis, best), width, '  '),
		'',
		'Evidence',
		...snippets(diagnosis.text, diagnosis.highlights, glyphs).flatMap((snippet) =>
			wrap(snippet, width, '  '),
		),
		'',
		...prose(nextHeading(diagnosis.status, next), width, ''),
		...withCredentialAsked(
			fillPlaceholders(
				next.command,
				hopsFor(diagnosis.text, options, best.connectsFromFirstHop, evidenceAt(diagnosis)),
			),
		).flatMap((line) => commandLines(line, width, '  ')),
		'',
		...prose(`Go to: ${stageLine(stage)}`, width, ''),
	];
	if (diagnosis.status === 'recognised' && diagnosis.alternatives.length > 0) {
		lines.push('', 'Cannot be ruled out from this text alone');
		for (const alternative of diagnosis.alternatives) {
			const detail = alternative.entry ? `: ${alternative.entry.name}` : '';
			lines.push(
				...prose(
					bulleted(glyphs, `${alternative.class} (${classNames[alternative.class]})${detail}`),
					width,
					'  ',
					'    ',
				),
			);
		}
	}
	if (best.notToBeConfusedWith.length > 0) {
		lines.push('', 'Not to be confused with');
		for (const lookAlike of best.notToBeConfusedWith) {
			const other = entriesById.get(lookAlike.entry);
			const label = other ? other.name : lookAlike.entry;
			lines.push(
				...prose(bulleted(glyphs, `${label}: ${lookAlike.howToTell}`), width, '  ', '    '),
			);
		}
	}
	return lines;
}

/**
 * The matched entry's cause, in words; for an ambiguous answer whose context ruled the entry's own
 * class out (Get-VM's "Run as Administrator" from a session on the first hop), why it is not among
 * the causes instead: its text would say what the answer has just ruled out.
 */
function matchedCause(
	diagnosis: Exclude<Diagnosis, {status: 'not-recognised'}>,
	best: Entry,
): string {
	if (diagnosis.status !== 'ambiguous' || diagnosis.causes.includes(best.class)) return best.cause;
	return `Its words alone point to "${classNames[best.class]}"; the lines around them rule that out (Why this order, above).`;
}

/** A paste of several errors is answered for one: said, with how to see the others. */
function severalRecords(text: string, width: number): string[] {
	const count = recordCount(text);
	return count < 2
		? []
		: prose(
				`The text holds ${count} errors: this answer is for the one with the strongest evidence, and its hosts are filled in. Explain each error on its own for the others.`,
				width,
				'',
			);
}

/** Where the answer's weightiest evidence is (the first of equals): its record's hosts are filled in. */
const evidenceAt = (diagnosis: Diagnosis) =>
	diagnosis.evidence.reduce<(typeof diagnosis.evidence)[number] | undefined>(
		(heaviest, item) => (heaviest === undefined || item.weight > heaviest.weight ? item : heaviest),
		undefined,
	)?.start;

/** What the command under it is: a check, or the fix itself (a change to a machine). */
function nextHeading(status: Diagnosis['status'], next: NextCommand): string {
	const place = runOnPlace[next.runOn];
	if (status === 'ambiguous') return `A check (run ${place})`;
	// A change to this computer's WinRM or CredSSP settings is refused in a shell not elevated.
	const elevated = next.runOn === 'client' ? ', in an elevated PowerShell' : '';
	return next.changes
		? `The fix (a change; run ${place}${elevated})`
		: `Next command (run ${place})`;
}

const bulleted = (glyphs: Glyphs, text: string) =>
	glyphs.bullet === '' ? text : `${glyphs.bullet} ${text}`;

function ambiguousHead(
	{causes, question, because, confidence}: Extract<Diagnosis, {status: 'ambiguous'}>,
	width: number,
): string[] {
	return [
		...prose(`Ambiguous: the text alone cannot tell between ${causes.length} causes.`, width, ''),
		// The same confidence --json gives: the match's own (an ambiguous answer is low or medium).
		`Confidence: ${confidence}`,
		'',
		'Most likely first',
		...causes.flatMap((id, at) =>
			prose(`${at + 1}. ${causeNames[id]} (${id})`, width, '  ', '     '),
		),
		...(because.length === 0
			? []
			: prose(`Why this order: ${because.join('; ')}.`, width, '  ', '  ')),
		'',
		'To tell them apart',
		...prose(question, width, '  '),
	];
}

/** A command to paste, cut to the terminal's width as a console takes it (command-rows.ts). */
function commandLines(command: string, width: number, indent: string): string[] {
	return commandRows(command, width - indent.length).map((row) => `${indent}${row}`);
}

function renderNotRecognised(diagnosis: Diagnosis, width: number, glyphs: Glyphs): string[] {
	const lines = [
		...prose('Not recognised: this error matches no entry of the knowledge base.', width, ''),
		...prose(
			'It may not be a remoting or delegation problem at all. Paste the whole error, with the lines ' +
				'around it, or run the guided flow (doublehop) to reproduce it step by step.',
			width,
			'',
		),
	];
	if (diagnosis.candidates.length > 0) {
		lines.push('', 'Closest entries (not a diagnosis)');
		for (const candidate of diagnosis.candidates) {
			const why = candidate.why === 'partial-match' ? 'some of its words match' : 'similar words';
			lines.push(
				...prose(
					bulleted(glyphs, `${candidate.entry.name} [${candidate.entry.class}] (${why})`),
					width,
					'  ',
					'    ',
				),
			);
		}
	}
	return lines;
}

function stageLine(stage: StageId): string {
	return stepLabel(stage, 'reference');
}

/** Short excerpts of the pasted text around the evidence, whitespace collapsed, matches marked. */
function snippets(text: string, highlights: TextRange[], glyphs: Glyphs): string[] {
	const groups: [number, number][][] = [];
	for (const {start, end} of mergeRanges(highlights)) {
		const range: [number, number] = [start, end];
		const group = groups.at(-1);
		const previous = group?.at(-1);
		if (group && previous && range[0] - previous[1] <= 2 * contextChars) group.push(range);
		else groups.push([range]);
	}
	return groups.slice(0, maxSnippets).map((group) => {
		const from = wordStart(text, Math.max(0, group[0]![0] - contextChars), group[0]![0]);
		const to = wordEnd(
			text,
			Math.min(text.length, group.at(-1)![1] + contextChars),
			group.at(-1)![1],
		);
		let snippet = from > 0 ? glyphs.ellipsis : '';
		let at = from;
		for (const [start, end] of group) {
			snippet +=
				flat(text.slice(at, start)) + glyphs.open + flat(text.slice(start, end)) + glyphs.close;
			at = end;
		}
		snippet += flat(text.slice(at, to)) + (to < text.length ? glyphs.ellipsis : '');
		return snippet.trim();
	});
}

// Context is cut at a word boundary, never inside a word, and never into the match itself.
function wordStart(text: string, at: number, limit: number): number {
	if (at === 0) return 0;
	const space = text.slice(at, limit).search(/\s/);
	return space === -1 ? at : at + space + 1;
}

function wordEnd(text: string, at: number, limit: number): number {
	if (at >= text.length) return text.length;
	const before = text.slice(limit, at);
	const space = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\n'));
	return space === -1 ? at : limit + space;
}

function flat(text: string): string {
	return text.replace(/\s+/g, ' ');
}

const asciiReplacements: Record<string, string> = {
	'\u2018': "'",
	'\u2019': "'",
	'\u201c': '"',
	'\u201d': '"',
	'\u2013': '-',
	'\u2014': '-',
	'\u2026': '...',
	'\u00a0': ' ',
	'\u00bb': '>>',
	'\u00ab': '<<',
	'\u2022': '-',
	'\u00b7': '|',
};

/** Only the marks and typographic characters in ASCII: every letter stays as it is. */
function asciiMarks(text: string): string {
	return text.replace(/[^\x00-\x7f]/gu, (char) => asciiReplacements[char] ?? char);
}

/**
 * Pasted text may hold any script; in ASCII mode what cannot be transliterated becomes "?", one for
 * each letter: a letter is taken apart (NFKD) only to drop its accents, so a Hangul syllable, which
 * comes apart into two or three jamo, is still one "?".
 */
export function toAscii(text: string): string {
	return text.replace(/[^\x00-\x7f]/gu, (char) => {
		const known = asciiReplacements[char];
		if (known !== undefined) return known;
		const bare = char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
		return /^[\x00-\x7f]+$/.test(bare) ? bare : '?';
	});
}

// ---------------------------------------------------------------- JSON

/**
 * `doublehop explain --json` output. Stable: fields are only ever added, never renamed or removed, and
 * every field is present in every answer (null when it does not apply).
 *
 * - `schema`: "doublehop/diagnosis@1", the document described by source/report/diagnosis.schema.json
 *   (shipped as dist/diagnosis.schema.json; change both together).
 * - `status`: "recognised"; "ambiguous" (the text cannot tell between `causes`, most likely first, and
 *   `question` is the check that tells them apart; entry, entryClass, name, cause and evidence
 *   describe what matched);
 *   or "not-recognised" (then class, entry, entryClass, name, cause, nextCommand, runOn and stage are null,
 *   confidence is "none", and `candidates` lists the closest entries).
 * - `causes[]`: when ambiguous, the classes ranked (context such as --command moves some ahead);
 *   otherwise empty. "unrelated" among them: not a remoting or double-hop problem at all (words other
 *   programs print, with no remote session in sight). `question`: when ambiguous, how to tell them apart; otherwise null.
 *   `because[]`: why the context put the first causes first (empty when it changed nothing).
 * - `class`: the answer's cause, one of the cause classes of fixtures/errors/README.md: the entry's
 *   when recognised; when ambiguous, always the first of `causes` (the most likely; "unrelated" when
 *   that is first), so a job that reads only `class` reads the answer; null when not recognised.
 *   `entry`: the catalog entry id that matched, and `entryClass` its class (for an ambiguous answer it
 *   may differ from `class`, or be ruled out by the context and absent from `causes`).
 * - `confidence`: "high" (decisive evidence, nothing else possible), "medium", "low", or "none".
 * - `score`: the summed weight of the evidence (10 = one decisive match).
 * - `nextCommand`: with <hop1> and <hop2> filled when given or named by the error; `runOn`: "client" |
 *   "hop1" | "where-it-failed". `nextCommandChanges`: true when it is the fix and changes a machine's
 *   settings (only ever in a "recognised" answer: an ambiguous one offers a read-only check).
 * - `stage`: the guided-flow stage to go to (source/stages/stages.ts).
 * - `evidence[]`: matched parts of the input: `start`/`end` are UTF-16 offsets into the input text
 *   ([start, end)), `text` the matched characters, `kind` phrase | code | fqid | exception | pattern,
 *   `matcher` the catalog text, code or id that matched.
 * - `alternatives[]`: classes the text alone cannot rule out, with the matching entry when one matched.
 * - `notToBeConfusedWith[]`: look-alike entries of the best entry and how to tell them apart.
 * - `candidates[]`: when not recognised, the closest entries; `why` is "partial-match" or "similar-words".
 * - `input` (added by explain, commands/explain.ts): how the text arrived: `cut` (a long input's first
 *   `headBytes` and last `tailBytes` of `totalBytes` read, the rest left out; `whole` false when reading
 *   stopped before the input ended) or null, `codePage` (the ANSI code page it was read in: "windows-1252", "windows-1251", "shift_jis", "ks_c_5601-1987", "gb2312", "big5") or null, `lettersLost`.
 *   With a cut, evidence offsets are into the text read: its start, a line saying what was left
 *   out, and its end.
 */
export type DiagnosisJson = {
	schema: 'doublehop/diagnosis@1';
	status: 'recognised' | 'ambiguous' | 'not-recognised';
	class: CauseId | null;
	entry: string | null;
	entryClass: ClassId | null;
	name: string | null;
	confidence: Confidence | 'none';
	score: number;
	cause: string | null;
	nextCommand: string | null;
	nextCommandChanges: boolean | null;
	runOn: RunOn | null;
	stage: StageId | null;
	evidence: {start: number; end: number; text: string; kind: EvidenceKind; matcher: string}[];
	alternatives: {class: ClassId; name: string; entry: string | null}[];
	notToBeConfusedWith: {
		entry: string;
		class: ClassId | null;
		name: string | null;
		howToTell: string;
	}[];
	candidates: {entry: string; class: ClassId; name: string; score: number; why: string}[];
	causes: {class: CauseId; name: string}[];
	question: string | null;
	because: string[];
};

export function diagnosisToJson(
	diagnosis: Diagnosis,
	context: DiagnosisContext = {},
): DiagnosisJson {
	const best = diagnosis.best;
	const values = hopsFor(
		diagnosis.text,
		context,
		best?.connectsFromFirstHop,
		evidenceAt(diagnosis),
	);
	const ambiguous = diagnosis.status === 'ambiguous' ? diagnosis : undefined;
	const next = diagnosis.status === 'not-recognised' ? undefined : nextCommandFor(diagnosis);
	return {
		schema: 'doublehop/diagnosis@1',
		status: diagnosis.status,
		class: ambiguous?.causes[0] ?? best?.class ?? null,
		entry: best?.id ?? null,
		entryClass: best?.class ?? null,
		name: best?.name ?? null,
		confidence: diagnosis.confidence,
		score: diagnosis.score,
		cause: best?.cause ?? null,
		nextCommand: next
			? withCredentialAsked(fillPlaceholders(next.command, values)).join('; ')
			: null,
		nextCommandChanges: next?.changes ?? null,
		runOn: next?.runOn ?? null,
		stage: stageFor(diagnosis) ?? null,
		evidence: diagnosis.evidence.map(({start, end, text, kind, matcher}) => ({
			start,
			end,
			text,
			kind,
			matcher,
		})),
		alternatives: diagnosis.alternatives.map((alternative) => ({
			class: alternative.class,
			name: classNames[alternative.class],
			entry: alternative.entry?.id ?? null,
		})),
		notToBeConfusedWith: (best?.notToBeConfusedWith ?? []).map((lookAlike) => {
			const other = entriesById.get(lookAlike.entry);
			return {
				entry: lookAlike.entry,
				class: other?.class ?? null,
				name: other?.name ?? null,
				howToTell: lookAlike.howToTell,
			};
		}),
		candidates: diagnosis.candidates.map((candidate) => ({
			entry: candidate.entry.id,
			class: candidate.entry.class,
			name: candidate.entry.name,
			score: candidate.score,
			why: candidate.why,
		})),
		causes: (ambiguous?.causes ?? []).map((id) => ({class: id, name: causeNames[id]})),
		question: ambiguous?.question ?? null,
		because: ambiguous?.because ?? [],
	};
}
