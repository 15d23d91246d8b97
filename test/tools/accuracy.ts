// Accuracy of the knowledge base over labelled error transcripts (default: fixtures/errors/public.jsonl).
// A row counts as right when the first class named is its label or one of its `accept` classes
// ("not recognised" names "unrelated"). Exits 1 when any row is wrong, so CI catches a regression.
//   npx tsx test/tools/accuracy.ts [file.jsonl]
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {classIds} from '../../source/knowledge/catalog.js';
import {diagnose} from '../../source/knowledge/diagnose.js';

type Row = {id: string; label: string; accept?: string[]; text: string; source?: string};

const labels = [...classIds, 'unrelated'];
const defaultFile = fileURLToPath(new URL('../../fixtures/errors/public.jsonl', import.meta.url));
const file = process.argv[2] ?? defaultFile;

const rows: Row[] = readFileSync(file, 'utf8')
	.split('\n')
	.filter((line) => line.trim().length > 0)
	.map((line) => JSON.parse(line) as Row);

type Outcome = {row: Row; got: string; right: boolean; alternatives: string[]; entry: string};

const outcomes: Outcome[] = rows.map((row) => {
	const diagnosis = diagnose(row.text);
	const got = diagnosis.status === 'recognised' ? diagnosis.best.class : 'unrelated';
	return {
		row,
		got,
		right: got === row.label || (row.accept ?? []).includes(got),
		// Not recognised: the closest candidates are what the admin is shown instead.
		alternatives:
			diagnosis.status === 'recognised'
				? diagnosis.alternatives.map((alternative) => alternative.class)
				: diagnosis.candidates.map((candidate) => candidate.entry.class),
		entry: diagnosis.best?.id ?? '-',
	};
});

// An accepted answer is scored as that class being the truth for the row.
const truth = (outcome: Outcome) => (outcome.right ? outcome.got : outcome.row.label);

const percent = (part: number, whole: number) =>
	whole === 0 ? '   -  ' : `${((100 * part) / whole).toFixed(1).padStart(5)}%`;

console.log(`${file}: ${rows.length} rows\n`);
console.log(
	`${'class'.padEnd(28)} ${'rows'.padStart(4)}  precision  recall   (by label only: precision  recall)`,
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
		`${label.padEnd(28)} ${String(strict.expected).padStart(4)}  ${lenient.precision.padStart(9)}  ${lenient.recall}` +
			`                  ${strict.precision.padStart(9)}  ${strict.recall}`,
	);
}

const right = outcomes.filter((outcome) => outcome.right).length;
console.log(`\noverall accuracy: ${right}/${rows.length} (${percent(right, rows.length).trim()})`);

// The README asks the classes of `accept` to be shown as alternatives: report where they are not.
const unshown = outcomes.filter(
	(outcome) =>
		outcome.right &&
		[outcome.row.label, ...(outcome.row.accept ?? [])].some(
			(label) =>
				label !== outcome.got && label !== 'unrelated' && !outcome.alternatives.includes(label),
		),
);
if (unshown.length > 0) {
	console.log(`\nright, but an accepted class is not among the alternatives (${unshown.length}):`);
	for (const {row, got, alternatives} of unshown) {
		console.log(
			`  ${row.id}: got ${got}, alternatives [${alternatives.join(', ')}], accept [${[row.label, ...(row.accept ?? [])].join(', ')}]`,
		);
	}
}

const misses = outcomes.filter((outcome) => !outcome.right);
if (misses.length > 0) {
	console.log(`\nmisses (${misses.length}):`);
	for (const {row, got, entry} of misses) {
		const accepted = row.accept?.length ? ` (or ${row.accept.join(', ')})` : '';
		console.log(`  ${row.id}: expected ${row.label}${accepted}, got ${got} (${entry})`);
	}
	process.exitCode = 1;
} else {
	console.log('\nmisses: none');
}
