// What the knowledge tests read of a diagnosis, in one place.
import {readFileSync} from 'node:fs';
import {expect} from 'vitest';
import {diagnose} from '../../source/knowledge/diagnose.js';

/** The causes named first: the first two of an ambiguous answer, the one recognised, or none. */
export function firstCauses(text: string) {
	const diagnosis = diagnose(text);
	if (diagnosis.status === 'not-recognised') return [];
	return diagnosis.status === 'ambiguous' ? diagnosis.causes.slice(0, 2) : [diagnosis.best.class];
}

/** The cause named first (an ambiguous answer's first), or "not recognised". */
export function firstCause(text: string): string {
	return firstCauses(text)[0] ?? 'not recognised';
}

/** The diagnosis of `text`, which must be ambiguous: the test fails with what it was instead. */
export function ambiguousDiagnosis(
	input: Parameters<typeof diagnose>[0],
	context?: Parameters<typeof diagnose>[1],
) {
	const diagnosis = diagnose(input, context);
	if (diagnosis.status !== 'ambiguous')
		throw new Error(`ambiguous expected, got ${diagnosis.status}`);
	return diagnosis;
}

/**
 * The answer for a text with no remote session in sight whose words point to `cause`: ambiguous,
 * "not a remoting problem" first, `cause` second, asking whether a remote session printed it (and
 * holding `check`, when given: how to tell `cause` itself).
 */
export function expectNotRemotingFirst(text: string, cause: string, check?: string) {
	const diagnosis = ambiguousDiagnosis(text);
	expect(diagnosis.causes).toEqual(['unrelated', cause]);
	expect(diagnosis.confidence).toBe('low');
	expect(diagnosis.question).toMatch(/remote session|the words are the command's own/);
	if (check !== undefined) expect(diagnosis.question).toContain(check);
}

/** A labelled transcript of fixtures/errors (each with its source thread in the file). */
export type FixtureRow = {
	id: string;
	label: string;
	accept?: string[];
	language?: string;
	text: string;
};

/** The rows of one file of fixtures/errors (never real-measure.jsonl: no test is written from it). */
export function fixtureRows(file: string): FixtureRow[] {
	return readFileSync(new URL(`../../fixtures/errors/${file}`, import.meta.url), 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line) as FixtureRow);
}

/** A row of the tune set (real transcripts, each with its source thread), by id. */
export function tuneRow(id: string): string {
	const row = fixtureRows('real-tune.jsonl').find((candidate) => candidate.id === id);
	if (row === undefined) throw new Error(`no row ${id} in real-tune.jsonl`);
	return row.text;
}
