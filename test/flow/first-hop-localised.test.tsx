// The first hop on Windows in another display language: WinRM's and PowerShell's words are
// localised, the FullyQualifiedErrorId is not, and the flow reads that. The record is a real one
// (fixtures/localised/transport-errors.json, with its source).
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, expect, test} from 'vitest';
import {enterTargets, type Session, startSession} from '../helpers/session.js';
import type {ErrorRecord} from '../../source/windows/records.js';

const localised = JSON.parse(
	readFileSync(join(import.meta.dirname, '../../fixtures/localised/transport-errors.json'), 'utf8'),
) as {rows: {id: string; record: ErrorRecord}[]};
const record = (id: string): ErrorRecord => localised.rows.find((row) => row.id === id)!.record;

let session: Session | undefined;
afterEach(() => session?.unmount());

test('Kerberos finding no such computer, in Traditional Chinese: the name is offered back, then the TrustedHosts entry, as in English', async () => {
	// Traditional Chinese Windows words the lab's Kerberos failure so; the transcript's host, pmd,
	// is put where the lab's is (Windows places the name typed there).
	const kerberosCannotFind = record('zh-tw-kerberos-cannot-find-computer');
	const asOn = (name: string): ErrorRecord => ({
		...kerberosCannotFind,
		message: kerberosCannotFind.message.replaceAll('pmd', name),
		categoryInfo: kerberosCannotFind.categoryInfo.replace('pmd', name),
		targetObject: name,
	});
	session = startSession('workgroup-first-hop', {
		wrapHost: (host) => {
			const testFirstHop = host.testFirstHop.bind(host);
			host.testFirstHop = async (hop1, credential) => {
				const answer = await testFirstHop(hop1, credential);
				return !answer.ok && answer.error.fullyQualifiedErrorId.startsWith('NetworkPathNotFound,')
					? {ok: false, error: asOn(hop1)}
					: answer;
			};
			return host;
		},
	});
	await enterTargets(session);
	await session.answer('First hop (the computer you connect to) [lab-hv1]', '');
	expect(session.flat()).toContain('找不到電腦 lab-hv1');
	expect(session.flat()).toContain('A typo, or a host outside the domain (a workgroup machine)');
	await session.waitFor('Add lab-hv1 to TrustedHosts on ADMIN-WS (this machine)? [y/N]');
	expect(session.flat()).toContain(
		"lab-hv1 is not known to the domain's Kerberos (a workgroup host, or one outside the domain)",
	);
});
