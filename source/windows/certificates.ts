// Which certificates an HTTPS listener on hop 1 can be made with: Server Authentication, not
// expired, revoked or self-signed, with a private key, and a chain hop 1 trusts (reference E15 and
// the KB checklist; Test-Certificate -Policy SSL on hop 1 checks the chain and revocation). And a
// CN that names hop 1: WinRM creates an HTTPS listener only when its HostName equals the
// certificate's CN (0x803380E9 ERROR_WSMAN_CONFIG_CERT_CN_DOES_NOT_MATCH_HOSTNAME, "The certificate
// CN and the hostname that were provided do not match."); a name only among the DNS names (SAN)
// does not do (dsccommunity/WSManDsc#11, rmbolger/Posh-ACME.Deploy Set-WinRMCertificate.ps1). A
// client checks the name it connects with against the DNS names when there are any, else the CN
// (RFC 6125), so those must name hop 1 too. Each refusal carries its reason, to show the admin.
import type {Certificate} from './records.js';
import {sameMachine} from './host-names.js';

/**
 * The CN of a subject as Windows prints it; not always first (`E=admin@contoso.com,
 * CN=hyperv1.contoso.com, O=Contoso`). Undefined when the subject has none.
 */
export function commonName(subject: string): string | undefined {
	const cn = /(?:^|,)\s*CN=([^,]+)/i.exec(subject)?.[1]?.trim();
	return cn === '' ? undefined : cn;
}

/**
 * The names a TLS client checks the name it connects with against: the DNS names (SAN) when the
 * certificate has any, else its CN. Lower case.
 */
export function namesClientsCheck(cert: Pick<Certificate, 'subject' | 'dnsNames'>): string[] {
	const cn = commonName(cert.subject);
	const names = cert.dnsNames.length > 0 ? cert.dnsNames : cn === undefined ? [] : [cn];
	return names.map((name) => name.toLowerCase());
}

function nameProblems(cert: Certificate, fqdn: string): string[] {
	const cn = commonName(cert.subject);
	const short = fqdn.split('.')[0] ?? fqdn;
	const inSan = cert.dnsNames.find((name) => sameMachine(name, fqdn));
	const onlyInSan =
		inSan === undefined ? '' : ` (${inSan} is among its DNS names, but WinRM takes only the CN)`;
	if (cn === undefined)
		return [
			`no CN in its subject (${cert.subject || 'empty'}): WinRM makes an HTTPS listener only with a HostName equal to the certificate's CN${onlyInSan}`,
		];
	if (!sameMachine(cn, fqdn))
		return [
			`issued to CN=${cn}, not ${fqdn} or ${short}: WinRM makes an HTTPS listener only with a HostName equal to the certificate's CN${onlyInSan}`,
		];
	// Clients check the DNS names when the certificate has any, and ignore the CN then.
	if (!namesClientsCheck(cert).some((name) => sameMachine(name, fqdn)))
		return [
			`its DNS names (${cert.dnsNames.join(', ')}) do not include ${fqdn} or ${short}, and clients check those rather than the CN`,
		];
	return [];
}

export function certificateProblems(cert: Certificate, fqdn: string, now = new Date()): string[] {
	const problems = nameProblems(cert, fqdn);
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

function usableCertificate(
	certificates: readonly Certificate[],
	fqdn: string,
	now = new Date(),
): Certificate | undefined {
	return certificates.find((cert) => certificateProblems(cert, fqdn, now).length === 0);
}

/** The certificate the listener is made with, and the HostName (its CN) New-Item must be given. */
export function listenerCertificate(
	certificates: readonly Certificate[],
	fqdn: string,
	now = new Date(),
): {thumbprint: string; hostname: string} | undefined {
	const usable = usableCertificate(certificates, fqdn, now);
	// A usable certificate has a CN that names hop 1 (nameProblems), so the CN is there.
	return usable === undefined
		? undefined
		: {thumbprint: usable.thumbprint, hostname: commonName(usable.subject)!};
}

/**
 * Whether a listener's CertificateThumbprint is the one given: WinRM keeps it as it was typed, so
 * case and the spaces certmgr shows between byte pairs do not count.
 */
export function sameThumbprint(a: string, b: string): boolean {
	const plain = (thumbprint: string) => thumbprint.replace(/\s/g, '').toUpperCase();
	return plain(a) === plain(b);
}
