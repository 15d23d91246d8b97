// Which certificates winrm quickconfig -transport:https will accept: CN or a SAN equal to the
// host's FQDN, Server Authentication, not expired, not self-signed, with a private key
// (reference E15 and the KB checklist). Each refusal carries its reason, to show the admin.
import type {Certificate} from '../hosts/host.js';

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
	return problems;
}

export function usableCertificate(
	certificates: readonly Certificate[],
	fqdn: string,
	now = new Date(),
): Certificate | undefined {
	return certificates.find((cert) => certificateProblems(cert, fqdn, now).length === 0);
}
