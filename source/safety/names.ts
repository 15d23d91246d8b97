// Host and user names are checked before any script sees them, and reach PowerShell only as
// single-quoted literals. A name that is not a plausible DNS name, NetBIOS name, IP address,
// DOMAIN\user or UPN is refused with a reason the admin can act on.
import {isIPv4, isIPv6} from 'node:net';

export type Checked = {ok: true; value: string} | {ok: false; reason: string};

const dnsLabel = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
// NetBIOS names are at most 15 characters; a few punctuation marks are legal but we accept
// only what also works as a DNS label, since WinRM connects by DNS.
const sam = /^[A-Za-z0-9._-]{1,20}$/;
const domainPart = /^[A-Za-z0-9][A-Za-z0-9.-]{0,254}$/;

export function checkHostName(input: string): Checked {
	const name = input.trim();
	if (name === '') return {ok: false, reason: 'Enter a computer name, e.g. hyperv1 or hyperv1.contoso.com.'};
	if (name.length > 253) return {ok: false, reason: 'That name is longer than a DNS name can be (253 characters).'};
	if (isIPv4(name) || isIPv6(name)) return {ok: true, value: name};
	// eslint-disable-next-line no-control-regex
	if (/[^\x21-\x7e]/.test(name)) {
		return {
			ok: false,
			reason: 'Computer names use ASCII letters, digits, dots and hyphens only (no spaces or look-alike characters).',
		};
	}
	const labels = name.replace(/\.$/, '').split('.');
	const bad = labels.find((label) => !dnsLabel.test(label));
	if (bad !== undefined) {
		return {
			ok: false,
			reason: `"${name}" is not a valid computer name: each part between dots must be 1-63 letters, digits or hyphens, not starting or ending with a hyphen.`,
		};
	}
	if (labels.length === 1 && /^\d+$/.test(name)) {
		return {ok: false, reason: 'A computer name cannot be only digits.'};
	}
	return {ok: true, value: name.replace(/\.$/, '')};
}

export function checkUserName(input: string): Checked {
	const name = input.trim();
	const hint = 'Enter the account as DOMAIN\\user, user@domain.com, or a local user name.';
	if (name === '') return {ok: false, reason: hint};
	if (name.length > 256) return {ok: false, reason: 'That user name is too long.'};
	// eslint-disable-next-line no-control-regex
	if (/[^\x21-\x7e]/.test(name)) {
		return {ok: false, reason: `User names here use ASCII characters with no spaces. ${hint}`};
	}
	const backslash = name.split('\\');
	if (backslash.length === 2) {
		const [domain = '', user = ''] = backslash;
		if ((domain === '.' || domainPart.test(domain)) && sam.test(user)) return {ok: true, value: name};
		return {ok: false, reason: `"${name}" is not DOMAIN\\user. ${hint}`};
	}
	const at = name.split('@');
	if (at.length === 2) {
		const [user = '', domain = ''] = at;
		if (sam.test(user) && checkHostName(domain).ok && domain.includes('.')) return {ok: true, value: name};
		return {ok: false, reason: `"${name}" is not a user principal name (user@domain.com). ${hint}`};
	}
	if (backslash.length === 1 && at.length === 1 && sam.test(name)) return {ok: true, value: name};
	return {ok: false, reason: `"${name}" is not a user name. ${hint}`};
}

/** A PowerShell single-quoted literal: nothing inside is expanded; quotes are doubled. */
export function psQuote(value: string): string {
	// PowerShell also treats the typographic single quotes as quote characters.
	return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

/** How an admin would type an already-validated name: bare when that is unambiguous. */
export function psArgument(value: string): string {
	return /^[A-Za-z0-9][A-Za-z0-9.\-:]*$/.test(value) ? value : psQuote(value);
}
