// Every public fixture must be classified right: the first class named (an ambiguous answer's first
// cause) is the row's label or one of its `accept` classes ("not recognised" counts as "unrelated"). One test per row names a regression.
import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {diagnose} from '../../source/knowledge/diagnose.js';

type Row = {id: string; label: string; accept?: string[]; text: string};

const rows: Row[] = readFileSync(
	new URL('../../fixtures/errors/public.jsonl', import.meta.url),
	'utf8',
)
	.split('\n')
	.filter((line) => line.trim().length > 0)
	.map((line) => JSON.parse(line) as Row);

describe('public fixtures', () => {
	test('all 80 rows are present', () => {
		expect(rows).toHaveLength(80);
	});

	test.each(rows.map((row) => [row.id, row] as const))('%s', (_id, row) => {
		const diagnosis = diagnose(row.text);
		const got =
			diagnosis.status === 'ambiguous'
				? diagnosis.causes[0]
				: diagnosis.status === 'recognised'
					? diagnosis.best.class
					: 'unrelated';
		expect([row.label, ...(row.accept ?? [])]).toContain(got);
		for (const evidence of diagnosis.evidence) {
			expect(row.text.slice(evidence.start, evidence.end)).toBe(evidence.text);
		}
	});
});
