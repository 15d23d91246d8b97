// Which certificates winrm quickconfig -transport:https will accept: CN or a SAN equal to the
// host's FQDN, Server Authentication, not expired, not revoked, not self-signed, with a private
// key, and a chain hop 1 trusts (reference E15 and the KB checklist; Test-Certificate -Policy SSL
// on hop 1 checks the chain and revocation). Each refusal carries its reason, to show the admin.
import type {Certificate} from './records.js';

export function certificateProblems(cert: Certificate, fqdn: string, now = new Date()): string[] {
	const problems: string[] = [];
	const cn = /^CN=([^,]+)/i.exec(cert.subject)?.[1] ?? '';
	const names = [cn, ...cert.dnsNames].map((name) => name.toLowerCase());
	if (!names.includes(fqdn.toLowerCase()))
		problems.push(`issued to ${cn || cert.subject}, not ${fqdn}`);
	if (cert.selfSigned) problems.push('self-signed');
	if (!cert.serverAuthentication)
		problems.push('no Server Authentication in its Enhanced Key Usage');
	if (new Date(cert.notAfter) <= now) problems.push(`expired on ${cert.notAfter.slice(0, 10)}`);
	if (!cert.hasPrivateKey) problems.push('no private key');
	// The SSL policy check fails for any reason above too; said only when it is the one left.
	if (!cert.trusted && problems.length === 0) {
		problems.push(
			`chain not trusted or revoked (Test-Certificate -Policy SSL): ${cert.trustProblem ?? 'Test-Certificate returned False.'}`,
		);
	}
	return problems;
}

export function usableCertificate(
	certificates: readonly Certificate[],
	fqdn: string,
	now = new Date(),
): Certificate | undefined {
	return certificates.find((cert) => certificateProblems(cert, fqdn, now).length === 0);
}
