// Every operation, for the tests that check each script and the host that runs them.
import {createHttpsListener} from './create-https-listener.js';
import {disableServerCredSsp} from './disable-server-credssp.js';
import {enableClientCredSsp} from './enable-client-credssp.js';
import {enableServerCredSsp} from './enable-server-credssp.js';
import {enableServersCredSsp, surveyFirstHops, verifyFirstHops} from './fleet-fan-out.js';
import {listCertificates} from './list-certificates.js';
import {listListeners} from './list-listeners.js';
import {localContext} from './local-context.js';
import type {OperationScript} from './operation.js';
import {readClientCredSsp} from './read-client-credssp.js';
import {readDelegationLimits} from './read-delegation-limits.js';
import {readEncryptionOracle} from './read-encryption-oracle.js';
import {readPolicies} from './read-policies.js';
import {readServerCredSsp} from './read-server-credssp.js';
import {readWsmanSpn} from './read-wsman-spn.js';
import {removeHttpsListener} from './remove-https-listener.js';
import {resolveName} from './resolve-name.js';
import {
	readClock,
	readRevertTask,
	readRevertTaskOnHop1,
	registerRevertTask,
	registerRevertTaskOnHop1,
	unregisterRevertTask,
	unregisterRevertTaskOnHop1,
} from './revert-task.js';
import {runOnFirstHop} from './run-on-first-hop.js';
import {runWithCredential} from './run-with-credential.js';
import {setClientCredSsp} from './set-client-credssp.js';
import {setDelegationList} from './set-delegation-list.js';
import {setNtlmOnlyList} from './set-ntlm-only-list.js';
import {purgeKerberosTickets} from './purge-kerberos-tickets.js';
import {readResourceDelegation} from './read-resource-delegation.js';
import {setResourceDelegation} from './set-resource-delegation.js';
import {testFirstHop} from './test-first-hop.js';
import {testSecondHopReach} from './test-second-hop-reach.js';
import {addTrustedHost, readTrustedHosts, setTrustedHosts} from './trusted-hosts.js';
import {startWinRMService, stopWinRMService} from './winrm-service.js';
import {
	readSessionConfigurations,
	registerSessionConfiguration,
	runInConfiguration,
	unregisterSessionConfiguration,
} from './session-configuration.js';

export const allOperations: readonly OperationScript<unknown>[] = [
	localContext,
	testFirstHop,
	runOnFirstHop,
	runWithCredential,
	readDelegationLimits,
	readWsmanSpn,
	testSecondHopReach,
	readClientCredSsp,
	readServerCredSsp,
	readPolicies,
	readEncryptionOracle,
	listListeners,
	listCertificates,
	enableClientCredSsp,
	enableServerCredSsp,
	createHttpsListener,
	setClientCredSsp,
	setDelegationList,
	disableServerCredSsp,
	removeHttpsListener,
	startWinRMService,
	stopWinRMService,
	resolveName,
	readTrustedHosts,
	addTrustedHost,
	setTrustedHosts,
	setNtlmOnlyList,
	readSessionConfigurations,
	registerSessionConfiguration,
	unregisterSessionConfiguration,
	runInConfiguration,
	readClock,
	registerRevertTask,
	registerRevertTaskOnHop1,
	readRevertTask,
	readRevertTaskOnHop1,
	unregisterRevertTask,
	unregisterRevertTaskOnHop1,
	readResourceDelegation,
	setResourceDelegation,
	purgeKerberosTickets,
	surveyFirstHops,
	enableServersCredSsp,
	verifyFirstHops,
];
