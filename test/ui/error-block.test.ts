import {describe, expect, test} from 'vitest';
import {markEvidenceInLine} from '../../source/ui/error-block.js';

describe('highlighting the evidence in an error line', () => {
	test('marks every occurrence, case-insensitively, and keeps the text whole', () => {
		const pieces = markEvidenceInLine(
			'+ FullyQualifiedErrorId : AccessDenied,PSSessionStateBroken',
			['accessdenied'],
		);
		expect(pieces).toEqual([
			{text: '+ FullyQualifiedErrorId : ', evidence: false},
			{text: 'AccessDenied', evidence: true},
			{text: ',PSSessionStateBroken', evidence: false},
		]);
		expect(pieces.map((p) => p.text).join('')).toBe(
			'+ FullyQualifiedErrorId : AccessDenied,PSSessionStateBroken',
		);
	});

	test('overlapping evidence is marked once', () => {
		const pieces = markEvidenceInLine('Access is denied.', ['Access is denied', 'is denied']);
		expect(pieces.filter((p) => p.evidence).map((p) => p.text)).toEqual(['Access is denied']);
	});
});
