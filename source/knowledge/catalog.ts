// The error knowledge base: one entry per cause, each carrying the words, codes and error ids that
// identify it, one file per cause class under causes/ (entry.ts says what an entry is). Pure data:
// diagnose.ts scores every entry the same way, so adding a cause means adding an entry, never a
// branch there. Texts come from ../shared/reference/powershell-remoting.md (section numbers in
// `reference`), the Windows SDK header wsmerror.h, and real transcripts.
import {credentialRequired} from './causes/credential-required.js';
import {credsspClientDisabled} from './causes/credssp-client-disabled.js';
import {credsspServerDisabled} from './causes/credssp-server-disabled.js';
import {delegationPolicy} from './causes/delegation-policy.js';
import {encryptionOracle} from './causes/encryption-oracle.js';
import {gpoControlled} from './causes/gpo-controlled.js';
import {httpsListener} from './causes/https-listener.js';
import {localWinrmStopped} from './causes/local-winrm-stopped.js';
import {needsElevation} from './causes/needs-elevation.js';
import {notTrustedForDelegation} from './causes/not-trusted-for-delegation.js';
import {remoteAccessDenied} from './causes/remote-access-denied.js';
import {runAsPassword} from './causes/runas-password.js';
import {secondHopDenied} from './causes/second-hop-denied.js';
import {secondHopDeniedServices} from './causes/second-hop-denied-services.js';
import {trustedhostsOrAuth} from './causes/trustedhosts-or-auth.js';
import {trustedhostsOrAuthKerberosClient} from './causes/trustedhosts-or-auth-kerberos-client.js';
import {trustedhostsOrAuthSecurityLog} from './causes/trustedhosts-or-auth-security-log.js';
import {unreachable} from './causes/unreachable.js';
import type {Entry} from './entry.js';

// test/tools/accuracy.ts reads the class list from here.
export {classIds} from './entry.js';

/** Every entry, class by class; where scores tie, the earlier entry is named. */
export const catalog: Entry[] = [
	...secondHopDenied,
	...secondHopDeniedServices,
	...remoteAccessDenied,
	...needsElevation,
	...localWinrmStopped,
	...credsspClientDisabled,
	...credsspServerDisabled,
	...credentialRequired,
	...gpoControlled,
	...delegationPolicy,
	...notTrustedForDelegation,
	...encryptionOracle,
	...unreachable,
	...trustedhostsOrAuth,
	...trustedhostsOrAuthSecurityLog,
	...trustedhostsOrAuthKerberosClient,
	...httpsListener,
	...runAsPassword,
];

export const entriesById: ReadonlyMap<string, Entry> = new Map(
	catalog.map((entry) => [entry.id, entry]),
);
