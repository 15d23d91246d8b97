// An earlier run's start as the admin's clock reads it, not the journal's UTC.
import {describe, expect, test} from 'vitest';
import {localTime} from '../../source/tree/earlier-run-words.js';

describe('localTime', () => {
	test.each([
		[60, '2026-12-06 20:34 (UTC+01:00)'],
		[0, '2026-12-06 19:34 (UTC+00:00)'],
		[-300, '2026-12-06 14:34 (UTC-05:00)'],
		[330, '2026-12-07 01:04 (UTC+05:30)'],
	])('offset %i minutes: %s', (offset, shown) => {
		expect(localTime('2026-12-06T19:34:40.594Z', offset)).toBe(shown);
	});

	test('this computer’s own offset when none is given', () => {
		const offset = -new Date('2026-12-06T19:34:40.594Z').getTimezoneOffset();
		expect(localTime('2026-12-06T19:34:40.594Z')).toBe(
			localTime('2026-12-06T19:34:40.594Z', offset),
		);
	});

	test('a time the journal holds badly is shown as written', () => {
		expect(localTime('yesterday')).toBe('yesterday');
	});
});
