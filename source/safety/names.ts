// Host and user names are checked before any script sees them, and reach PowerShell only as
// values (or, on screen, as single-quoted literals). A name that is not a plausible DNS name,
// NetBIOS name, IP address, DOMAIN\user or UPN is refused with a reason the admin can act on.
import {isIPv4, isIPv6} from '../windows/ip-address.js';
import {gmsaAccount} from '../windows/session-configuration.js';

export type Checked = {ok: true; value: string} | {ok: false; reason: string};

const dnsLabel = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
// NetBIOS domain names: up to 15 characters; we accept those that are also DNS-safe.
const netbiosDomain = /^[A-Za-z0-9][A-Za-z0-9-]{0,14}$/;
// sAMAccountName: at most 20 characters, none of " / \ [ ] : ; | = , + * ? < > @.
const samName = /^[A-Za-z0-9._'$-](?:[A-Za-z0-9._' $-]{0,18}[A-Za-z0-9._'$-])?$/;
const upnPrefix = /^[A-Za-z0-9._'-]{1,64}$/;

// Only visible characters are quoted back: a reason that echoed U+202E would reverse the rest of
// the admin's terminal line, and a control character could do worse.
const visible = /^[\p{L}\p{N}\p{P}\p{S}]$/u;

/** Explains the first character outside printable ASCII, which is how look-alikes get in. */
function describeForeign(name: string): string | undefined {
	for (const char of name) {
		const code = char.codePointAt(0) ?? 0;
		if (code >= 0x21 && code <= 0x7e) continue;
		const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
		if (code === 0x20 || code === 0x09) return 'it contains a space';
		if (code < 0x20 || (code >= 0x7f && code <= 0x9f))
			return `it contains a control character (${hex})`;
		if (code === 0xa0 || (code >= 0x2000 && code <= 0x200f) || code === 0xfeff || code === 0x2060) {
			return `it contains an invisible or special space character (${hex})`;
		}
		if (code >= 0xff01 && code <= 0xff5e)
			return `"${char}" (${hex}) is a full-width character, not ASCII`;
		if ((code >= 0x0370 && code <= 0x03ff) || (code >= 0x0400 && code <= 0x04ff)) {
			return `"${char}" (${hex}) is a Greek or Cyrillic letter that looks like a Latin one`;
		}
		if (!visible.test(char)) return `it contains an invisible or formatting character (${hex})`;
		return `"${char}" (${hex}) is not an ASCII character`;
	}
	return undefined;
}

function checkDnsName(name: string): Checked {
	if (name.length > 253) {
		return {ok: false, reason: 'That name is longer than a DNS name can be (253 characters).'};
	}
	const labels = name.split('.');
	if (labels.some((label) => label === '')) {
		return {ok: false, reason: `"${name}" has an empty part between dots.`};
	}
	const long = labels.find((label) => label.length > 63);
	if (long !== undefined) {
		return {
			ok: false,
			reason: `"${long.slice(0, 20)}…" is longer than the 63 characters a DNS label can have.`,
		};
	}
	if (name.includes('_')) {
		return {
			ok: false,
			reason: `"${name}" contains an underscore, which DNS host names cannot; WinRM connects by DNS name.`,
		};
	}
	const bad = labels.find((label) => !dnsLabel.test(label));
	if (bad !== undefined) {
		return {
			ok: false,
			reason: `"${name}" is not a valid computer name: each part between dots must be 1-63 letters, digits or hyphens, not starting or ending with a hyphen.`,
		};
	}
	if (labels.every((label) => /^\d+$/.test(label))) {
		return {
			ok: false,
			reason:
				labels.length === 1
					? 'A computer name cannot be only digits.'
					: `"${name}" is not a valid IPv4 address (four numbers 0-255, no leading zeros).`,
		};
	}
	return {ok: true, value: name};
}

export function checkHostName(input: string): Checked {
	const name = input.trim();
	if (name === '') {
		return {ok: false, reason: 'Enter a computer name, e.g. hyperv1 or hyperv1.contoso.com.'};
	}
	if (name.length > 253) {
		return {ok: false, reason: 'That name is longer than a DNS name can be (253 characters).'};
	}
	if (isIPv4(name) || isIPv6(name)) return {ok: true, value: name};
	// [fe80::1] is how URLs write IPv6; -ComputerName takes the bare address.
	const bracketed = /^\[(.+)\]$/.exec(name)?.[1];
	if (bracketed !== undefined && isIPv6(bracketed)) return {ok: true, value: bracketed};
	const foreign = describeForeign(name);
	if (foreign !== undefined) {
		return {
			ok: false,
			reason: `Computer names use ASCII letters, digits, dots and hyphens only; ${foreign}.`,
		};
	}
	if (name.startsWith('\\\\')) {
		return {
			ok: false,
			reason: `Enter the computer name without the leading \\\\ (e.g. ${name.slice(2)}).`,
		};
	}
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(name)) {
		return {ok: false, reason: 'Enter the computer name only, not a URL.'};
	}
	return checkDnsName(name.replace(/\.$/, ''));
}

/** A -DelegateComputer value: a computer name, `*`, or one leading wildcard (`*.contoso.com`). */
export function checkDelegateComputer(input: string): Checked {
	const name = input.trim();
	const foreign = describeForeign(name);
	if (foreign !== undefined) {
		return {
			ok: false,
			reason: `Computer names use ASCII letters, digits, dots and hyphens only; ${foreign}.`,
		};
	}
	if (name === '*') return {ok: true, value: name};
	if (name.startsWith('*.')) {
		const rest = checkHostName(name.slice(2));
		if (!rest.ok) return rest;
		if (isIPv4(rest.value) || isIPv6(rest.value)) {
			return {
				ok: false,
				reason: 'A wildcard goes with a DNS domain (*.contoso.com), not an address.',
			};
		}
		return {ok: true, value: `*.${rest.value}`};
	}
	if (name.includes('*')) {
		return {
			ok: false,
			reason: `"${name}": only one wildcard, at the start, is allowed (e.g. *.contoso.com).`,
		};
	}
	return checkHostName(name);
}

/** An "Allow delegating fresh credentials" value: SERVICE/host, e.g. wsman/hyperv1 or TERMSRV/*. */
export function checkDelegationEntry(input: string): Checked {
	const entry = input.trim();
	const foreign = describeForeign(entry);
	if (foreign !== undefined) {
		return {ok: false, reason: `Delegation entries use ASCII characters only; ${foreign}.`};
	}
	const slash = entry.indexOf('/');
	const service = entry.slice(0, slash);
	if (slash <= 0 || !/^(\*|[A-Za-z][A-Za-z0-9-]{0,31})$/.test(service)) {
		return {
			ok: false,
			reason: `"${entry}" is not a delegation entry like wsman/hyperv1.contoso.com or TERMSRV/*.`,
		};
	}
	const host = checkDelegateComputer(entry.slice(slash + 1));
	return host.ok ? {ok: true, value: `${service}/${host.value}`} : host;
}

// The user-name field is where a password typed one question early lands, and the screen may be
// shared or its scrollback kept: a refused answer is described, never repeated back.
const userHint = 'Enter the account as DOMAIN\\user, user@domain.com, or a local user name.';

export function checkUserName(input: string): Checked {
	const name = input.trim();
	const hint = userHint;
	if (name === '') return {ok: false, reason: hint};
	if (name.length > 256) return {ok: false, reason: 'That user name is too long.'};
	// Spaces are legal inside a logon name; anything else outside printable ASCII is refused.
	const foreign = describeForeign(name.replace(/ /g, 'a'));
	if (foreign !== undefined) {
		return {ok: false, reason: `User names here use ASCII characters only; ${foreign}. ${hint}`};
	}
	const tooLong = (user: string) =>
		user.length > 20
			? 'That logon name is longer than the 20 characters Windows allows; try user@domain.com.'
			: undefined;
	const backslash = name.split('\\');
	if (backslash.length === 2) {
		const [domain = '', user = ''] = backslash;
		const domainOk =
			domain === '.' ||
			netbiosDomain.test(domain) ||
			(domain.includes('.') && checkDnsName(domain).ok);
		const long = tooLong(user);
		if (domainOk && long !== undefined) return {ok: false, reason: long};
		if (domainOk && samName.test(user)) return {ok: true, value: name};
		const part = domainOk
			? 'after the backslash is not a logon name'
			: 'before the backslash is not a domain name';
		return {ok: false, reason: `That is not DOMAIN\\user: the part ${part}. ${hint}`};
	}
	if (backslash.length > 2) return {ok: false, reason: `That has more than one backslash. ${hint}`};
	const at = name.split('@');
	if (at.length === 2) {
		const [user = '', domain = ''] = at;
		if (upnPrefix.test(user) && domain.includes('.') && checkDnsName(domain).ok) {
			return {ok: true, value: name};
		}
		return {ok: false, reason: `That is not a user principal name (user@domain.com). ${hint}`};
	}
	if (at.length === 1) {
		const long = tooLong(name);
		if (long !== undefined) return {ok: false, reason: long};
		if (samName.test(name)) return {ok: true, value: name};
	}
	return {ok: false, reason: `That is not a user name. ${hint}`};
}

/**
 * The account a RunAs session configuration stores, which WinRM logs on on the first hop: a
 * DOMAIN\\user or a UPN. A bare name is refused: LogonUser takes no domain only with a UPN ("If
 * this parameter is NULL, the user name must be specified in UPN format",
 * https://learn.microsoft.com/windows/win32/api/winbase/nf-winbase-logonuserw), and it would not
 * say whether the domain's account or one of the first hop's own is meant.
 */
export function checkRunAsAccount(input: string): Checked {
	const hint =
		'Enter the account as DOMAIN\\user (e.g. CONTOSO\\svc-hvops) or user@domain.com; an account of the first hop itself as COMPUTER\\user.';
	const checked = checkUserName(input);
	if (!checked.ok) return {ok: false, reason: checked.reason.replace(userHint, hint)};
	if (!checked.value.includes('\\') && !checked.value.includes('@'))
		return {
			ok: false,
			reason: `That has no domain: WinRM logs the RunAs account on by its domain, and a name alone does not say whose account it is. ${hint}`,
		};
	return checked;
}

/** A JEA configuration's gMSA: DOMAIN\\name or DOMAIN\\name$, kept with its $, and a logon name. */
export function checkGmsaAccount(input: string): Checked {
	const gmsa = gmsaAccount(input);
	return gmsa.ok ? checkUserName(gmsa.value) : gmsa;
}

/** A PowerShell single-quoted literal: nothing inside is expanded; quotes are doubled. */
export function psQuote(value: string): string {
	// PowerShell also treats the typographic single quotes as quote characters.
	return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

/**
 * How an admin would type an already-validated name: bare when PowerShell reads it back as the
 * same string. A bare token that starts with a digit may be read as a number (0x1f, 1e3, 12kb),
 * so only names that start with a letter, and IPv4 addresses, stay bare.
 */
export function psArgument(value: string): string {
	return /^[A-Za-z][A-Za-z0-9.\-:]*$/.test(value) || isIPv4(value) ? value : psQuote(value);
}
