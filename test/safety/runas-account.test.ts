// The account a RunAs configuration stores is checked as the admin's own is, and must name its
// domain: WinRM logs it on on the first hop, and LogonUser takes no domain only with a UPN
// (https://learn.microsoft.com/windows/win32/api/winbase/nf-winbase-logonuserw).
import {describe, expect, test} from 'vitest';
import {checkRunAsAccount} from '../../source/safety/names.js';

describe('a RunAs account', () => {
	test.each(['CONTOSO\\svc-hvops', 'svc-hvops@contoso.com', 'HYPERV1\\svc hvops', '.\\svc-hvops'])(
		'%s is taken',
		(given) => {
			expect(checkRunAsAccount(` ${given} `)).toEqual({ok: true, value: given});
		},
	);

	test('a name without a domain is refused, the refused answer not repeated back', () => {
		const checked = checkRunAsAccount('svc hvops');
		expect(checked.ok).toBe(false);
		const reason = checked.ok ? '' : checked.reason;
		expect(reason).toContain('That has no domain');
		expect(reason).toContain('DOMAIN\\user (e.g. CONTOSO\\svc-hvops) or user@domain.com');
		expect(reason).not.toContain('svc hvops');
	});

	test.each([
		['', 'Enter the account as DOMAIN\\user (e.g. CONTOSO\\svc-hvops)'],
		['CONTOSO\\svc\\hvops', 'more than one backslash'],
		['CON TOSO\\svc', 'before the backslash is not a domain name'],
		['CONTOSO\\svc\u00a0hvops', 'invisible or special space character'],
		['svc@contoso', 'not a user principal name'],
	])('%j is refused: %s', (given, why) => {
		const checked = checkRunAsAccount(given);
		expect(checked.ok).toBe(false);
		const reason = checked.ok ? '' : checked.reason;
		expect(reason).toContain(why);
		// Never offered as a local user name alone, which the RunAs account cannot be.
		expect(reason).not.toContain('or a local user name');
	});
});
