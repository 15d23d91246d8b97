import {describe, expect, test} from 'vitest';
import {
	coverage,
	entryCovers,
	mergedDelegationList,
	withoutAdded,
} from '../../source/windows/delegation.js';

describe('which delegation entry covers a target, as Windows matches them', () => {
	test.each([
		['wsman/hyperv1.contoso.com', 'hyperv1.contoso.com', true],
		['WSMAN/HYPERV1.CONTOSO.COM', 'hyperv1.contoso.com', true],
		['wsman/hyperv1.contoso.com', 'hyperv1', false],
		['wsman/hyperv1', 'hyperv1.contoso.com', false],
		['wsman/*.contoso.com', 'hyperv1.contoso.com', true],
		['wsman/*.contoso.com', 'hyperv1', false],
		['wsman/*.contoso.com', 'hyperv1.fabrikam.com', false],
		['wsman/*', 'anything', true],
		['TERMSRV/*', 'hyperv1.contoso.com', false],
		['wsman', 'hyperv1', false],
	])('%s covers %s: %s', (entry, target, expected) => {
		expect(entryCovers(entry, target)).toBe(expected);
	});

	test('coverage names the entry that matched', () => {
		expect(coverage(['TERMSRV/*', 'wsman/*.contoso.com'], 'hv1.contoso.com')).toEqual({
			covered: true,
			entry: 'wsman/*.contoso.com',
		});
	});
});

describe('merging and un-merging the list', () => {
	test('appends only what is not covered, keeping order', () => {
		expect(mergedDelegationList(['wsman/sql01', 'TERMSRV/*'], ['hyperv1'])).toEqual([
			'wsman/sql01',
			'TERMSRV/*',
			'wsman/hyperv1',
		]);
		expect(mergedDelegationList(['wsman/*.contoso.com'], ['hyperv1.contoso.com'])).toEqual([
			'wsman/*.contoso.com',
		]);
	});

	test('undo removes only the appended entries, its last occurrence, whatever else was added since', () => {
		expect(withoutAdded(['wsman/a', 'wsman/hv1', 'wsman/b', 'wsman/hv1'], ['wsman/hv1'])).toEqual([
			'wsman/a',
			'wsman/hv1',
			'wsman/b',
		]);
		expect(withoutAdded(['wsman/a'], ['wsman/gone'])).toEqual(['wsman/a']);
	});
});
