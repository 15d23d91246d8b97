import {describe, expect, test} from 'vitest';
import {
	trustedHostEntries,
	trustingEntry,
	withTrustedHost,
	withoutTrustedHost,
} from '../../source/windows/trusted-hosts.js';

describe('TrustedHosts as the WinRM client reads it', () => {
	test('a comma-separated value, blanks dropped', () => {
		expect(trustedHostEntries('192.168.7.5, buildbox,,')).toEqual(['192.168.7.5', 'buildbox']);
		expect(trustedHostEntries('')).toEqual([]);
	});
	test("'*', a domain suffix and <local> are patterns; an address matches only itself", () => {
		expect(trustingEntry(['*'], '10.0.0.21')).toBe('*');
		expect(trustingEntry(['*.contoso.com'], 'HYPERV1.contoso.com')).toBe('*.contoso.com');
		expect(trustingEntry(['*.contoso.com'], 'hyperv1')).toBeUndefined();
		expect(trustingEntry(['<local>'], 'lab-hv1')).toBe('<local>');
		expect(trustingEntry(['<local>'], '10.0.0.21')).toBeUndefined();
		expect(trustingEntry(['10.0.0.2'], '10.0.0.21')).toBeUndefined();
	});
	test("a trailing '*' is a prefix: '10.0.0.*' (a subnet, as admins write it) and 'hv*'", () => {
		expect(trustingEntry(['192.168.7.5', '10.0.0.*'], '10.0.0.21')).toBe('10.0.0.*');
		expect(trustingEntry(['10.0.0.*'], '10.0.1.21')).toBeUndefined();
		expect(trustingEntry(['HV*'], 'hv07.contoso.com')).toBe('HV*');
		expect(trustingEntry(['hv*'], 'sql01')).toBeUndefined();
	});
	test('adding keeps the entries in order and adds no duplicate; taking out removes only that entry', () => {
		const before = ['192.168.7.5', 'buildbox'];
		expect(withTrustedHost(before, '10.0.0.21')).toEqual([...before, '10.0.0.21']);
		expect(withTrustedHost(before, 'BUILDBOX')).toEqual(before);
		// An entry added by someone else since stays where it is.
		const later = ['192.168.7.5', 'buildbox', '10.0.0.21', 'sql01'];
		expect(withoutTrustedHost(later, '10.0.0.21')).toEqual(['192.168.7.5', 'buildbox', 'sql01']);
		expect(withoutTrustedHost(before, '10.0.0.21')).toEqual(before);
	});
});
