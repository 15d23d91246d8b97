// --hop1 as many first hops: a list or @file, every name checked like a single --hop1, a bad
// one named with where it stands.
import {describe, expect, test} from 'vitest';
import {parseHostList} from '../../source/safety/host-list.js';

const file = (text: string) => () => ({ok: true as const, text});

describe('--hop1 lists', () => {
	test('a list keeps its order, trims spaces and merges names that differ only in case', () => {
		expect(parseHostList('hv01, HV02 ,hv01,,Hv02.', file(''))).toEqual({
			ok: true,
			hosts: ['hv01', 'HV02'],
		});
	});

	test('a file: CRLF lines, a byte-order mark, blank lines and # comments (whole or after a name)', () => {
		const text =
			'\uFEFF# cluster A\r\nhv01.contoso.com\r\n\r\n   \r\nhv02.contoso.com # rack 2\r\nHV01.CONTOSO.COM\r\n';
		expect(parseHostList('@nodes.txt', file(text))).toEqual({
			ok: true,
			hosts: ['hv01.contoso.com', 'hv02.contoso.com'],
		});
	});

	test('a bad name is named with its line or entry and the reason names.ts gives', () => {
		const bad = parseHostList('@nodes.txt', file('hv01\n\nhv 02\n'));
		expect(bad).toEqual({
			ok: false,
			message:
				'--hop1 @nodes.txt, line 3: Computer names use ASCII letters, digits, dots and hyphens only; it contains a space.',
		});
		const listed = parseHostList('hv01,\\\\fs01', file(''));
		expect(listed.ok ? '' : listed.message).toBe(
			'--hop1 entry 2 ("\\\\fs01"): Enter the computer name without the leading \\\\ (e.g. fs01).',
		);
	});

	test('an empty file, a bare @ and an unreadable file each say what to give', () => {
		// The file is named: a job's --hop1 @nodes.txt read an empty file, not an empty --hop1.
		expect(parseHostList('@empty.txt', file('# nothing\n\n'))).toMatchObject({
			ok: false,
			message: expect.stringContaining('--hop1 @empty.txt names no computer: it is empty'),
		});
		expect(parseHostList(',', file(''))).toMatchObject({
			ok: false,
			message: expect.stringContaining('--hop1 names no computer'),
		});
		expect(parseHostList('@', file(''))).toMatchObject({
			ok: false,
			message: '--hop1 @ needs a file name after the @, e.g. --hop1 @hosts.txt',
		});
		expect(parseHostList('@gone.txt', () => ({ok: false, reason: 'no such file'}))).toMatchObject({
			ok: false,
			message: expect.stringContaining('--hop1 @gone.txt: no such file'),
		});
	});
});

describe('one computer twice', () => {
	test('a short and a full name are refused; two full names in two domains stay two hosts', () => {
		const pair = parseHostList('hv13.contoso.com,hv12,HV13', file(''));
		expect(pair.ok ? '' : pair.message).toMatch(
			/^--hop1 entry 1 \("hv13\.contoso\.com"\) and entry 3 \("HV13"\) may be one computer/,
		);
		expect(parseHostList('hv13.contoso.com,hv13.fabrikam.com', file(''))).toEqual({
			ok: true,
			hosts: ['hv13.contoso.com', 'hv13.fabrikam.com'],
		});
	});
});
