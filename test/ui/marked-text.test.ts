import {describe, expect, test} from 'vitest';
import {markedLines, quoteRanges} from '../../source/windows/marked-text.js';

describe('marking evidence ranges in printed text', () => {
	test('marks the range and keeps the text whole', () => {
		const line = '+ FullyQualifiedErrorId : AccessDenied,PSSessionStateBroken';
		const [pieces] = markedLines(line, [{start: 26, end: 38}]);
		expect(pieces).toEqual([
			{text: '+ FullyQualifiedErrorId : ', marked: false},
			{text: 'AccessDenied', marked: true},
			{text: ',PSSessionStateBroken', marked: false},
		]);
		expect(pieces!.map((p) => p.text).join('')).toBe(line);
	});

	test('overlapping evidence is marked once', () => {
		const [pieces] = markedLines('Access is denied.', [
			{start: 0, end: 16},
			{start: 7, end: 16},
		]);
		expect(pieces!.filter((p) => p.marked).map((p) => p.text)).toEqual(['Access is denied']);
	});

	test('a range across a line break marks both lines, not the indentation', () => {
		const text = 'Access is\n    denied.';
		const lines = markedLines(text, [{start: 0, end: 20}]);
		expect(lines.map((pieces) => pieces.filter((p) => p.marked).map((p) => p.text))).toEqual([
			['Access is'],
			['denied'],
		]);
		expect(quoteRanges(text, [{start: 0, end: 20}])).toEqual(['Access is denied']);
	});

	test('quotes the same words once, whatever their case', () => {
		const text = 'Nothing answered on TCP port 5985. Check: Test-NetConnection -Port 5985';
		expect(
			quoteRanges(text, [
				{start: 24, end: 33},
				{start: 62, end: 71},
			]),
		).toEqual(['port 5985']);
	});
});
