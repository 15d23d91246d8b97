import {describe, expect, test} from 'vitest';
import {sameMachine} from '../../source/windows/host-names.js';

describe('sameMachine', () => {
	test.each([
		['hv09', 'hv09.contoso.com', true],
		['HV09.contoso.com', 'hv09.CONTOSO.com', true],
		['hv09.contoso.com', 'hv09', true],
		['hv09.contoso.com', 'hv09.fabrikam.com', false],
		['hv09', 'hv090.contoso.com', false],
		['fs01', 'hyperv2.contoso.com', false],
		// Addresses: the first octet is not a short name.
		['10.0.0.5', '10.1.1.1', false],
		['10', '10.0.0.5', false],
		['10.0.0.5', '10.0.0.5', true],
		['fe80::1', 'fe80::2', false],
		['', '', false],
		// As commands write them: a port, IPv6 brackets, the root's dot.
		['dc01:3268', 'dc01.contoso.com', true],
		['[fe80::1]', 'fe80::1', true],
		['hv09.contoso.com.', 'HV09.contoso.com', true],
	])('%s and %s: %s', (a, b, same) => {
		expect(sameMachine(a, b)).toBe(same);
	});
});
