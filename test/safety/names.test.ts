// Names reach PowerShell only as values, but anything implausible is refused first, with a reason
// the admin can act on; and the names shown on screen are quoted so they read back unchanged.
import {describe, expect, test} from 'vitest';
import {
	checkDelegateComputer,
	checkDelegationEntry,
	checkHostName,
	checkUserName,
	psArgument,
	psQuote,
} from '../../source/safety/names.js';

describe('checkHostName', () => {
	test.each([
		['hyperv1', 'hyperv1'],
		['HYPERV1', 'HYPERV1'],
		['hyperv1.contoso.com', 'hyperv1.contoso.com'],
		['  hyperv1.contoso.com.  ', 'hyperv1.contoso.com'],
		['web-01.eu.contoso.com', 'web-01.eu.contoso.com'],
		['10.0.0.21', '10.0.0.21'],
		['::1', '::1'],
		['fe80::1%14', 'fe80::1%14'],
		['[2001:db8::21]', '2001:db8::21'],
		['3com', '3com'],
		[`${'a'.repeat(63)}.contoso.com`, `${'a'.repeat(63)}.contoso.com`],
	])('accepts %j', (input, value) => {
		expect(checkHostName(input)).toEqual({ok: true, value});
	});

	test.each([
		['', /Enter a computer name/],
		['hyper v1', /space/],
		['hyperv1;calc', /not a valid computer name/],
		["hyperv1'+(whoami)+'", /not a valid computer name/],
		['$(whoami)', /not a valid computer name/],
		['-ComputerName', /not a valid computer name/],
		['hyperv1-', /not a valid computer name/],
		['sql_01', /underscore/],
		['hyperv1..contoso.com', /empty part/],
		['12345', /only digits/],
		['010.0.0.1', /not a valid IPv4 address/],
		['10.0.0.256', /not a valid IPv4 address/],
		[`${'a'.repeat(64)}.contoso.com`, /63 characters/],
		[`${'a.'.repeat(127)}com`, /253 characters/],
		['hуperv1', /U\+0443.*Greek or Cyrillic/],
		['hyperv１', /full-width/],
		['hyper\u200bv1', /invisible/],
		['hyperv1\n', /* trimmed, so fine */ undefined],
		['\\\\hyperv1', /leading \\\\/],
		['https://hyperv1:5986/wsman', /not a URL/],
	])('refuses %j', (input, reason) => {
		const checked = checkHostName(input);
		if (reason === undefined) {
			expect(checked.ok).toBe(true);
			return;
		}
		expect(checked.ok).toBe(false);
		if (!checked.ok) expect(checked.reason).toMatch(reason);
	});
});

describe('checkUserName', () => {
	test.each([
		'CONTOSO\\admin',
		'contoso.com\\admin',
		'.\\Administrator',
		'HYPERV1\\localadmin',
		'admin@contoso.com',
		'first.last@corp.contoso.com',
		"o'brien@contoso.com",
		'Administrator',
		'CONTOSO\\svc-hyperv$',
		'CONTOSO\\John Smith',
	])('accepts %j', (input) => {
		expect(checkUserName(input)).toEqual({ok: true, value: input});
	});

	test.each([
		['', /DOMAIN\\user/],
		['CONTOSO\\', /not DOMAIN\\user/],
		['\\admin', /not DOMAIN\\user/],
		['A\\B\\C', /more than one backslash/],
		['admin@contoso', /not a user principal name/],
		['admin@@contoso.com', /not a user name/],
		['CONTOSO\\a"b', /not DOMAIN\\user/],
		['CONTOSO\\admin;calc', /not DOMAIN\\user/],
		['CONTOSO\\averyveryverylongusername', /20 characters/],
		['CONTOSO\\аdmin', /U\+0430/],
		['admin\tx', /space/],
		['x'.repeat(300), /too long/],
	])('refuses %j', (input, reason) => {
		const checked = checkUserName(input);
		expect(checked.ok).toBe(false);
		if (!checked.ok) expect(checked.reason).toMatch(reason);
	});

	// The user-name field is where a password typed one question early lands; the screen may be
	// shared and the scrollback kept, so a refused answer is never repeated back.
	test.each([
		'Passw0rd!',
		'P@ssw0rd',
		'Summer2026#Winter',
		'CONTOSO\\Passw0rd!',
		'a\\b\\Passw0rd',
		'correct-horse-battery-staple',
	])('refuses %j without repeating it', (input) => {
		const checked = checkUserName(input);
		expect(checked.ok).toBe(false);
		if (!checked.ok) {
			expect(checked.reason).not.toContain(input);
			expect(checked.reason).not.toContain(input.split(/[\\@]/).at(-1));
		}
	});
});

describe('delegation names', () => {
	test.each(['hyperv1.contoso.com', '*.contoso.com', '*', 'hyperv1'])(
		'-DelegateComputer %j',
		(name) => {
			expect(checkDelegateComputer(name)).toEqual({ok: true, value: name});
		},
	);

	test.each(['*.*.contoso.com', 'hyper*', '*.10.0.0.1', '*.'])(
		'refuses -DelegateComputer %j',
		(name) => {
			expect(checkDelegateComputer(name).ok).toBe(false);
		},
	);

	test.each([
		'wsman/hyperv1.contoso.com',
		'WSMAN/*.contoso.com',
		'TERMSRV/*',
		'*/*',
		'wsman/10.0.0.21',
	])('entry %j', (entry) => {
		expect(checkDelegationEntry(entry)).toEqual({ok: true, value: entry});
	});

	test.each(['hyperv1', '/hyperv1', 'wsman/', 'wsman/hyperv1; calc', 'ws man/x'])(
		'refuses entry %j',
		(entry) => {
			expect(checkDelegationEntry(entry).ok).toBe(false);
		},
	);
});

describe('quoting for the screen', () => {
	test('psQuote doubles every single quote PowerShell recognises', () => {
		expect(psQuote("o'brien")).toBe("'o''brien'");
		expect(psQuote('it\u2019s')).toBe("'it\u2019\u2019s'");
		expect(psQuote('$(whoami) `n "x"')).toBe('\'$(whoami) `n "x"\'');
	});

	test.each([
		['hyperv1.contoso.com', 'hyperv1.contoso.com'],
		['10.0.0.21', '10.0.0.21'],
		['fe80::1', 'fe80::1'],
		// Bare, PowerShell would read these as numbers: 31, 1000, 12288, 1.5.
		['0x1f', "'0x1f'"],
		['1e3', "'1e3'"],
		['12kb', "'12kb'"],
		['1.5', "'1.5'"],
		['fe80::1%14', "'fe80::1%14'"],
		['*.contoso.com', "'*.contoso.com'"],
	])('psArgument(%j) is %s', (value, shown) => {
		expect(psArgument(value)).toBe(shown);
	});
});
