// doublehop makes the HTTPS listener only with a certificate whose chain hop 1 trusts and which is
// not revoked (quickconfig's rule); it checks each one with Test-Certificate -Policy SSL and says
// why it is not used.
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, expect, test} from 'vitest';
import type {Session} from '../helpers/session.js';
import {enterTargets, scenario, startCliSession, startSession} from '../helpers/session.js';

let session: Session | undefined;
afterEach(() => session?.unmount());

async function fixWithoutListener(started: Session): Promise<string> {
	session = started;
	await enterTargets(started);
	await started.answer('Which method?', 'c');
	await started.answer('Continue with CredSSP', 'y');
	await started.answer('Make this change on ADMIN-WS', 'y');
	await started.answer('Make this change on hyperv1', 'y');
	await started.finished();
	return started.flat();
}

test('a certificate from a CA hop 1 does not trust is not offered, and the advice says why', async () => {
	const screen = await fixWithoutListener(startSession('untrusted-certificate'));
	expect(screen).toContain(
		'No HTTPS listener: hyperv1.contoso.com has no certificate an HTTPS listener can use',
	);
	expect(screen).toContain(
		'Certificate CN=hyperv1.contoso.com (5B7D1E3F...): chain not trusted or revoked (Test-Certificate -Policy SSL): A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.',
	);
	expect(screen).not.toContain('Create an HTTPS listener');
	expect(screen).toContain('Result: FIXED.');
	const hyperv1 = session!.host.snapshot().machines.hyperv1!;
	expect(hyperv1.listeners.map((l) => l.transport)).toEqual(['HTTP']);
});

test('a revoked certificate is not offered, and the advice says it is revoked', async () => {
	const lab = structuredClone(scenario('classic'));
	lab.name = 'classic-revoked-certificate';
	lab.machines.hyperv1!.certificates[0]!.chain = 'revoked';
	const path = join(mkdtempSync(join(tmpdir(), 'doublehop-cert-')), 'lab.json');
	writeFileSync(path, JSON.stringify(lab));
	const stateDir = mkdtempSync(join(tmpdir(), 'doublehop-cert-state-'));
	const screen = await fixWithoutListener(await startCliSession(path, stateDir));
	expect(screen).toContain(
		'(3E5C9A7B...): chain not trusted or revoked (Test-Certificate -Policy SSL): The certificate is revoked.',
	);
	expect(screen).not.toContain('Create an HTTPS listener');
});
