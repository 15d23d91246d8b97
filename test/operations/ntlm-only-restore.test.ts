// The undo of the NTLM-only entry: its policy's two switches go back as they were only when the
// list is back as it was; while entries added since remain, the switches that let them work stay.
import {describe, expect, test} from 'vitest';
import {restoreNtlmOnlyPlan} from '../../source/operations/set-ntlm-only-list.js';

const disabled = {allowFresh: 0, concatenateDefaults: null};

describe('restoreNtlmOnlyPlan', () => {
	test('the list back as it was: the switches are written back as they were', () => {
		expect(restoreNtlmOnlyPlan(['wsman/10.0.0.21'], ['wsman/10.0.0.21'], [], disabled)).toEqual({
			list: [],
			switches: disabled,
		});
	});

	test('an entry added since remains: it is kept, and so are the switches that let it work', () => {
		expect(
			restoreNtlmOnlyPlan(
				['wsman/10.0.0.21', 'wsman/10.0.0.30'],
				['wsman/10.0.0.21'],
				[],
				disabled,
			),
		).toEqual({list: ['wsman/10.0.0.30']});
	});

	test("doublehop's entry already gone: nothing is written, the switches included", () => {
		expect(restoreNtlmOnlyPlan([], ['wsman/10.0.0.21'], [], disabled)).toEqual({});
	});
});
