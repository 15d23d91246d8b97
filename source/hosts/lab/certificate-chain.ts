// What Test-Certificate -Policy SSL finds when it builds a lab certificate's chain on hop 1. The
// reasons are the system messages for CERT_E_UNTRUSTEDROOT (0x800B0109) and CRYPT_E_REVOKED
// (0x80092010) in winerror.h; the stubs (Test-Certificate) use the same texts.
import type {Certificate} from '../../windows/records.js';
import type {LabCertificate} from './scenario.js';

const chainProblems = {
	'untrusted-root':
		'A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.',
	revoked: 'The certificate is revoked.',
} as const;

/** The certificate as list-certificates reports it: a self-signed one is not in the Root store. */
export function certificateAsRead(cert: LabCertificate): Certificate {
	const {chain, ...rest} = cert;
	const problem = chain ?? (cert.selfSigned ? 'untrusted-root' : undefined);
	return problem === undefined
		? {...rest, trusted: true}
		: {...rest, trusted: false, trustProblem: chainProblems[problem]};
}
