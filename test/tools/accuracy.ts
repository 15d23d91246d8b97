// Accuracy of the knowledge base over labelled error transcripts, each set reported apart:
// public.jsonl (the shared set the knowledge base was written against), real-tune.jsonl (may be used to
// write phrases) and real-measure.jsonl (never used to write phrases: the honest number).
// A row counts as right when the first class named is its label or one of its `accept` classes
// ("not recognised" names "unrelated"), or when the answer is ambiguous, one of its first two causes
// is accepted and it says how to tell them apart (issue 14). A wrong row is either "not recognised"
// (no cause named for a remoting error) or "confidently wrong" (a cause named, and not an accepted one).
// Precision and recall per class count the first class named.
// Exits 1 when a public row is wrong (a regression); the real sets only report.
//   npx tsx test/tools/accuracy.ts                 all three sets
//   npx tsx test/tools/accuracy.ts a.jsonl b.jsonl  those files (each must-pass)
import {existsSync, readFileSync} from 'node:fs';
import {basename} from 'node:path';
import {fileURLToPath} from 'node:url';
import {classIds} from '../../source/knowledge/catalog.js';
import {diagnose} from '../../source/knowledge/diagnose.js';

type Row = {
	id: string;
	label: string;
	accept?: string[];
	text: string;
	source?: string;
	language?: string;
};

type Outcome = {
	row: Row;
	got: string;
	right: boolean;
	/** Ambiguous: the causes named, most likely first (else empty). */
	causes: string[];
	confidence: string;
	alternatives: string[];
	entry: string;
};

/** showRows: print each miss (never for the measure set: its rows must not be read to tune on). */
type Set = {name: string; file: string; mustPass: boolean; showRows: boolean};

const fixture = (name: string) =>
	fileURLToPath(new URL(`../../fixtures/errors/${name}`, import.meta.url));

const defaultSets: Set[] = [
	{name: 'public', file: fixture('public.jsonl'), mustPass: true, showRows: true},
	{name: 'real-tune', file: fixture('real-tune.jsonl'), mustPass: false, showRows: true},
	{
		name: 'real-measure (never tuned on)',
		file: fixture('real-measure.jsonl'),
		mustPass: false,
		showRows: false,
	},
];

const labels: string[] = [...classIds, 'unrelated'];

function readRows(file: string): Row[] {
	return readFileSync(file, 'utf8')
		.split('\n')
		.filter((line) => line.trim().length > 0)
		.map((line, index) => {
			try {
				return JSON.parse(line) as Row;
			} catch {
				throw new Error(`${file}:${index + 1} is not a JSON object; fix that line and run again`);
			}
		});
}

function judge(row: Row): Outcome {
	const diagnosis = diagnose(row.text);
	const accepted = [row.label, ...(row.accept ?? [])];
	const causes: string[] = diagnosis.status === 'ambiguous' ? diagnosis.causes : [];
	const got =
		diagnosis.status === 'ambiguous'
			? diagnosis.causes[0]!
			: diagnosis.status === 'recognised'
				? diagnosis.best.class
				: 'unrelated';
	const twoWay =
		diagnosis.status === 'ambiguous' &&
		diagnosis.question.length > 0 &&
		causes.slice(0, 2).some((cause) => accepted.includes(cause));
	return {
		row,
		got,
		right: accepted.includes(got) || twoWay,
		causes,
		confidence: diagnosis.confidence,
		// Not recognised: the closest candidates are what the admin is shown instead.
		alternatives: [
			...new Set(
				diagnosis.status === 'not-recognised'
					? diagnosis.candidates.map((candidate) => candidate.entry.class)
					: diagnosis.alternatives.map((alternative) => alternative.class),
			),
		],
		entry: diagnosis.best?.id ?? '-',
	};
}

const percent = (part: number, whole: number) =>
	whole === 0 ? '   -  ' : `${((100 * part) / whole).toFixed(1).padStart(5)}%`;

// An accepted answer is scored as that class being the truth for the row (an ambiguous one counted
// right: the accepted class among its first two).
const truth = (outcome: Outcome) =>
	outcome.right && outcome.causes.length === 0
		? outcome.got
		: outcome.right && [outcome.row.label, ...(outcome.row.accept ?? [])].includes(outcome.got)
			? outcome.got
			: outcome.row.label;

function classTable(outcomes: Outcome[]) {
	console.log(
		`  ${'class'.padEnd(28)} ${'rows'.padStart(4)}  precision  recall   (by label only: precision  recall)`,
	);
	for (const label of labels) {
		const stats = (truthOf: (outcome: Outcome) => string) => {
			const expected = outcomes.filter((outcome) => truthOf(outcome) === label).length;
			const predicted = outcomes.filter((outcome) => outcome.got === label).length;
			const hits = outcomes.filter(
				(outcome) => outcome.got === label && truthOf(outcome) === label,
			).length;
			return {
				expected,
				predicted,
				precision: percent(hits, predicted),
				recall: percent(hits, expected),
			};
		};
		const lenient = stats(truth);
		const strict = stats((outcome) => outcome.row.label);
		if (strict.expected === 0 && strict.predicted === 0) continue;
		console.log(
			`  ${label.padEnd(28)} ${String(strict.expected).padStart(4)}  ${lenient.precision.padStart(9)}  ${lenient.recall}` +
				`                  ${strict.precision.padStart(9)}  ${strict.recall}`,
		);
	}
}

/** The first line of the text that says something, shortened: enough for a reader to see the miss. */
function gist(text: string): string {
	const line =
		text
			.split('\n')
			.map((part) => part.trim())
			.find((part) => part.length > 0) ?? '';
	return line.length > 110 ? `${line.slice(0, 107)}...` : line;
}

function report(set: Set): {wrong: number} {
	if (!existsSync(set.file)) {
		console.log(`${set.name}: ${set.file} is missing; skipped\n`);
		return {wrong: 0};
	}
	const rows = readRows(set.file);
	const outcomes = rows.map((row) => judge(row));
	const right = outcomes.filter((outcome) => outcome.right);
	const misses = outcomes.filter((outcome) => !outcome.right);
	const notRecognised = misses.filter((outcome) => outcome.got === 'unrelated');
	const confidentlyWrong = misses.filter((outcome) => outcome.got !== 'unrelated');
	const byConfidence = (level: string) =>
		confidentlyWrong.filter((outcome) => outcome.confidence === level).length;

	console.log(`== ${set.name}: ${basename(set.file)}, ${rows.length} rows`);
	console.log(
		`  overall accuracy: ${right.length}/${rows.length} (${percent(right.length, rows.length).trim()})`,
	);
	const ambiguous = outcomes.filter((outcome) => outcome.causes.length > 0);
	console.log(
		`  ambiguous (causes ranked, with how to tell them apart): ${ambiguous.length}, right ${ambiguous.filter((outcome) => outcome.right).length}`,
	);
	console.log(`  not recognised (a remoting error, no cause named): ${notRecognised.length}`);
	console.log(
		`  confidently wrong (a cause named, not an accepted one): ${confidentlyWrong.length}` +
			` (high ${byConfidence('high')}, medium ${byConfidence('medium')}, low ${byConfidence('low')})`,
	);
	const languages = new Set(rows.map((row) => row.language).filter(Boolean));
	for (const language of languages) {
		const ofLanguage = outcomes.filter((outcome) => outcome.row.language === language);
		const rightOfLanguage = ofLanguage.filter((outcome) => outcome.right).length;
		console.log(`  ${language}: ${rightOfLanguage}/${ofLanguage.length} right`);
	}
	console.log('');
	classTable(outcomes);

	// The README asks the classes of `accept` to be shown as alternatives: report where they are not.
	const unshown = right.filter((outcome) =>
		[outcome.row.label, ...(outcome.row.accept ?? [])].some(
			(label) =>
				label !== outcome.got && label !== 'unrelated' && !outcome.alternatives.includes(label),
		),
	);
	if (unshown.length > 0 && set.showRows) {
		console.log(
			`\n  right, but an accepted class is not among the alternatives (${unshown.length}):`,
		);
		for (const {row, got, alternatives} of unshown) {
			console.log(
				`    ${row.id}: got ${got}, alternatives [${alternatives.join(', ')}], accept [${[row.label, ...(row.accept ?? [])].join(', ')}]`,
			);
		}
	}

	if (misses.length === 0) {
		console.log('\n  misses: none\n');
		return {wrong: 0};
	}
	if (!set.showRows) {
		console.log(`\n  misses: ${misses.length} (rows not shown: this set is never tuned on)\n`);
		return {wrong: misses.length};
	}
	console.log(`\n  misses (${misses.length}):`);
	for (const outcome of misses) {
		const {row, got, entry, confidence} = outcome;
		const accepted = row.accept?.length ? ` (or ${row.accept.join(', ')})` : '';
		const said =
			got === 'unrelated'
				? 'not recognised'
				: outcome.causes.length > 0
					? `ambiguous [${outcome.causes.join(', ')}] (${entry})`
					: `${got} (${entry}, ${confidence})`;
		console.log(`    ${row.id}: expected ${row.label}${accepted}, got ${said}`);
		console.log(`      "${gist(row.text)}"`);
	}
	console.log('');
	return {wrong: misses.length};
}

const files = process.argv.slice(2);
const sets: Set[] =
	files.length > 0
		? files.map((file) => ({
				name: basename(file),
				file,
				mustPass: true,
				showRows: !basename(file).includes('measure'),
			}))
		: defaultSets;

for (const set of sets) {
	const {wrong} = report(set);
	if (set.mustPass && wrong > 0) process.exitCode = 1;
}
