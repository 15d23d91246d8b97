// Real pwsh against the stubs: list-certificates runs Test-Certificate -Policy SSL -DNSName on hop 1
// for each certificate, and reads an untrusted or revoked one as not trusted (so doublehop does not
// choose it for the listener).
import {describe, expect, test} from 'vitest';
import type {Credential} from '../../source/hosts/host.js';
import {Secret} from '../../source/safety/secret.js';
import {noPwshReason, pwsh, scenarioCopy, stubbedHost} from './pwsh.js';

const hop1 = 'hyperv1.contoso.com';
const admin: Credential = {user: 'CONTOSO\\admin', password: new Secret('Passw0rd!')};
const title = `certificate chain and revocation, real pwsh against the stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;

describe.skipIf(pwsh === undefined)(title, () => {
	test('a certificate that chains to a trusted root is read as trusted', async () => {
		const host = await stubbedHost(scenarioCopy('classic'));
		try {
			const result = await host.listCertificates(hop1, admin);
			expect(result).toMatchObject({ok: true, value: [{trusted: true}]});
			expect(result.ok && result.value[0]!.trustProblem).toBeUndefined();
		} finally {
			await host.dispose();
		}
	});

	test('an untrusted root: trusted is false, with the reason', async () => {
		const host = await stubbedHost(scenarioCopy('untrusted-certificate'));
		try {
			expect(await host.listCertificates(hop1, admin)).toMatchObject({
				ok: true,
				value: [
					{
						thumbprint: '5B7D1E3F9A2C4E6081B3D5F7A9C1E3F5A7B9D1C3',
						trusted: false,
						trustProblem:
							'A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.',
					},
				],
			});
		} finally {
			await host.dispose();
		}
	});

	test('a revoked certificate: trusted is false, and the reason says revoked', async () => {
		const state = scenarioCopy('classic', (scenario) => {
			scenario.machines.hyperv1!.certificates[0]!.chain = 'revoked';
		});
		const host = await stubbedHost(state);
		try {
			expect(await host.listCertificates(hop1, admin)).toMatchObject({
				ok: true,
				value: [{trusted: false, trustProblem: 'The certificate is revoked.'}],
			});
		} finally {
			await host.dispose();
		}
	});
});
