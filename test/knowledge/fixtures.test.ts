// Every public fixture must be classified right: the first class named (an ambiguous answer's first
// cause) is the row's label or one of its `accept` classes ("not recognised" counts as "unrelated"). One test per row names a regression.
import {describe, expect, test} from 'vitest';
import {diagnose} from '../../source/knowledge/diagnose.js';
import {fixtureRows} from './answers.js';

const rows = fixtureRows('public.jsonl');

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
