// Windows in another display language: the messages are localised, the FullyQualifiedErrorId,
// CategoryInfo, exception type and HRESULT stay English. Every text here is real text from
// localised Windows (fixtures/errors/*.jsonl, each row with its source): transcripts, and one
// error each quoted by Windows PowerShell's French and Traditional Chinese help; nothing is
// translated.
import {describe, expect, test} from 'vitest';
import {diagnose} from '../../source/knowledge/diagnose.js';
import {consoleWrapCells, fullWidthPunctuation} from './layouts.js';
import {fixtureRows, type FixtureRow} from './answers.js';

const allRows = [
	...fixtureRows('localised.jsonl'),
	...fixtureRows('public.jsonl'),
	...fixtureRows('real-tune.jsonl'),
];
const row = (id: string): FixtureRow => {
	const found = allRows.find((candidate) => candidate.id === id);
	if (!found) throw new Error(`no fixture row ${id}`);
	return found;
};

// [row, language, the cause it must be given]. real-measure rows are left out on purpose: nothing
// is written to match them.
const transcripts: [string, string, string][] = [
	['loc-officedocs-enterprise-237', 'ja', 'remote-access-denied'],
	['real-ansible-wsl-13-quickconfig', 'ja', 'https-listener'],
	['real-ansible-wsl-13-winrs', 'ja', 'https-listener'],
	['real-automatedlab-1078', 'de', 'delegation-policy'],
	['real-acronis-exchange-backup', 'de', 'second-hop-denied'],
	['pub-unreachable-04', 'ko', 'unreachable'],
	['real-wmihacker-2', 'zh', 'remote-access-denied'],
	['real-3gstudent-homework-2', 'zh', 'unreachable'],
	['loc-ps2-help-fr-elevation', 'fr', 'needs-elevation'],
	['loc-ps2-help-zhtw-elevation', 'zh-TW', 'needs-elevation'],
];

/**
 * The cause given: the recognised class, or for an honest two-way answer its first cause when
 * the cause is one of its first two and it asks the question that tells them apart (the
 * issue's rule for counting an ambiguous answer right).
 */
const classOf = (text: string, cause?: string) => {
	const diagnosis = diagnose(text);
	if (diagnosis.status === 'recognised') return diagnosis.best.class;
	if (diagnosis.status === 'ambiguous' && diagnosis.question !== '') {
		const firstTwo: string[] = diagnosis.causes.slice(0, 2);
		return cause !== undefined && firstTwo.includes(cause) ? cause : diagnosis.causes[0];
	}
	return 'not recognised';
};

describe('real text from localised Windows is given its cause', () => {
	test.each(transcripts)('%s (%s): %s', (id, _language, cause) => {
		const {label, accept = [], text} = row(id);
		// The cause asserted is one the row's own label accepts.
		expect([label, ...accept]).toContain(cause);
		expect(classOf(text, cause)).toBe(cause);
	});

	test('its English FullyQualifiedErrorId is read as evidence in a localised transcript', () => {
		const diagnosis = diagnose(row('loc-officedocs-enterprise-237').text);
		expect(diagnosis.status).not.toBe('not-recognised');
		expect(diagnosis.evidence).toContainEqual(
			expect.objectContaining({kind: 'fqid', text: 'AccessDenied,PSSessionOpenFailed'}),
		);
	});

	test('a localised "Error number" line still gives its HRESULT', () => {
		const diagnosis = diagnose(row('real-ansible-wsl-13-quickconfig').text);
		expect(diagnosis.evidence).toContainEqual(
			expect.objectContaining({kind: 'code', text: '0x80338115'}),
		);
	});
});

describe('as the console wraps CJK text (two cells a character) and with full-width punctuation', () => {
	const cjk = transcripts.filter(([, language]) => ['ja', 'ko', 'zh', 'zh-TW'].includes(language));
	test.each(cjk.flatMap(([id, , cause]) => [40, 80, 120].map((width) => [id, width, cause])))(
		'%s wrapped at %i cells: %s',
		(id, width, cause) => {
			expect(
				classOf(consoleWrapCells(row(id as string).text, width as number), cause as string),
			).toBe(cause);
		},
	);
	test.each(cjk.map(([id, , cause]) => [id, cause]))(
		'%s with full-width punctuation: %s',
		(id, cause) => {
			expect(classOf(fullWidthPunctuation(row(id as string).text), cause as string)).toBe(cause);
		},
	);
});

test(".NET's Spanish path message is a path's own permissions, not a bare 'Access is denied'", () => {
	// real-gh-xdev05-pivotapi-1: "Acceso denegado a la ruta de acceso '...'" begins with the words of
	// Spanish Windows' "Acceso denegado."; the English "Access to the path '...' is denied" is not
	// read as the first hop, the second or this shell either.
	const diagnosis = diagnose(row('real-gh-xdev05-pivotapi-1').text);
	expect(diagnosis.status).toBe('not-recognised');
	expect(diagnose("Remove-Item : Access to the path 'C:\\Windows\\x.dll' is denied.").status).toBe(
		'not-recognised',
	);
});
