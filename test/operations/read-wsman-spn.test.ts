// read-wsman-spn: the command shown is one [adsisearcher] search per SPN, its filter value escaped
// as RFC 4515 asks and the whole quoted for PowerShell; the parser takes both shapes the script
// answers with, found or not, and unreadable.
import {expect, test} from 'vitest';
import {
	ldapFilterValue,
	readWsmanSpn,
	readWsmanSpnCommand,
	wsmanSpns,
} from '../../source/operations/read-wsman-spn.js';

test('the SPNs asked for: the FQDN, then the short name; a single-label name once', () => {
	expect(wsmanSpns('hyperv1.contoso.com')).toEqual(['WSMAN/hyperv1.contoso.com', 'WSMAN/hyperv1']);
	expect(wsmanSpns('hyperv1')).toEqual(['WSMAN/hyperv1']);
});

test('filter values escape \\ * ( ) and NUL; the shown command quotes the filter', () => {
	expect(ldapFilterValue('a*b(c)d\\e\0')).toBe('a\\2ab\\28c\\29d\\5ce\\00');
	expect(readWsmanSpnCommand(['WSMAN/hyperv1.contoso.com', "WSMAN/o'brien"])).toBe(
		"([adsisearcher]'(servicePrincipalName=WSMAN/hyperv1.contoso.com)').FindAll(); ([adsisearcher]'(servicePrincipalName=WSMAN/o''brien)').FindAll()",
	);
});

test('the parser: found, not found (PowerShell 5.1 sends an empty list as null), unreadable', () => {
	expect(
		readWsmanSpn.parse({
			readable: true,
			spns: [
				{spn: 'WSMAN/hyperv1.contoso.com', accounts: 'HYPERV1$'},
				{spn: 'WSMAN/hyperv1', accounts: null},
			],
		}),
	).toEqual({
		ok: true,
		value: {
			readable: true,
			spns: [
				{spn: 'WSMAN/hyperv1.contoso.com', accounts: ['HYPERV1$']},
				{spn: 'WSMAN/hyperv1', accounts: []},
			],
		},
	});
	expect(
		readWsmanSpn.parse({
			readable: false,
			reason: 'The server is not operational.',
			hresult: -2147016646,
		}),
	).toEqual({
		ok: true,
		value: {readable: false, reason: 'The server is not operational.', hresult: -2147016646},
	});
	expect(readWsmanSpn.parse({spns: []}).ok).toBe(false);
});
