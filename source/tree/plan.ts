// From what was read on both machines to what each step must do. Pure: the same facts always
// give the same plan, and a setting owned by Group Policy is never planned as a local change.
import type {ClientCredSsp, ServerCredSsp} from '../hosts/host.js';
import {encryptionOracleNames, policyPaths} from '../hosts/policy-paths.js';
import {coverage, mergedDelegationList} from './delegation.js';
import type {ClientPlan, Plan, ServerPlan} from './state.js';

export function planClient(client: ClientCredSsp, hop1: string): ClientPlan {
	const policy = client.policyAllowCredSsp;
	if (policy !== undefined && !policy.value) {
		return {
			action: 'blocked',
			reason: `Group Policy turns CredSSP off in this machine's WinRM client (${policy.registryPath} = 0). A local change would be refused: "The config setting CredSSP cannot be changed because is controlled by policies."`,
			policyPath: policy.policyPath,
		};
	}
	const delegationPolicy = client.policyDelegation;
	if (delegationPolicy !== undefined && !coverage(delegationPolicy.value, hop1).covered) {
		return {
			action: 'blocked',
			reason: `A domain Group Policy sets the delegation list (${delegationPolicy.value.join(', ') || 'empty'}) and it does not include wsman/${hop1}. Local entries would be replaced at the next policy refresh, and Enable-WSManCredSSP would fail with "the setting cannot be enabled".`,
			policyPath: delegationPolicy.policyPath,
		};
	}
	const covered = coverage(client.allowFreshCredentials, hop1);
	if (covered.covered && client.enabled) {
		return {
			action: 'skip',
			reason: `CredSSP is on in the WinRM client and ${covered.entry} covers ${hop1}.`,
		};
	}
	if (covered.covered) {
		return {
			action: 'turn-on',
			reason: `${covered.entry} already covers ${hop1}; only the WinRM client setting is off.`,
		};
	}
	return {
		action: 'enable',
		add: [hop1],
		before: [...client.allowFreshCredentials],
		after: mergedDelegationList(client.allowFreshCredentials, [hop1]),
	};
}

export function planServer(server: ServerCredSsp, hop1: string): ServerPlan {
	const policy = server.policyAllowCredSsp;
	if (policy !== undefined && !policy.value) {
		return {
			action: 'blocked',
			reason: `Group Policy turns CredSSP off in the WinRM service on ${hop1} (${policy.registryPath} = 0).`,
			policyPath: policy.policyPath,
		};
	}
	if (server.enabled) {
		const owner = policy === undefined ? '' : ' (set by Group Policy)';
		return {
			action: 'skip',
			reason: `${hop1} already accepts CredSSP: WSMan:\\localhost\\Service\\Auth\\CredSSP is true${owner}.`,
		};
	}
	return {action: 'enable'};
}

type OracleSide = {oraclePatched: boolean; encryptionOracle?: 0 | 1 | 2};

function oracleName(side: OracleSide): string {
	if (!side.oraclePatched) return 'no CredSSP update (CVE-2018-0886) installed';
	return `${encryptionOracleNames[side.encryptionOracle ?? 1]}${side.encryptionOracle === undefined ? ' (default)' : ''}`;
}

/** CVE-2018-0886: a patched side set to refuse unpatched peers, facing an unpatched one (reference E10). */
export function oracleMismatch(
	client: OracleSide,
	server: OracleSide,
	hop1: string,
): string | undefined {
	const serverForces =
		server.oraclePatched && (server.encryptionOracle ?? 1) === 0 && !client.oraclePatched;
	const clientRefuses =
		client.oraclePatched && !server.oraclePatched && (client.encryptionOracle ?? 1) !== 2;
	if (!serverForces && !clientRefuses) return undefined;
	return `Encryption Oracle Remediation mismatch: this machine has ${oracleName(client)}, ${hop1} has ${oracleName(server)}. CredSSP connections between them are refused ("The request is not supported"). Install the CredSSP update (March 2018 or later) on the unpatched machine; do not lower the setting to Vulnerable except briefly. Policy: ${policyPaths.encryptionOracle.policyPath}.`;
}

export function makePlan(client: ClientCredSsp, server: ServerCredSsp, hop1: string): Plan {
	const oracle = oracleMismatch(client, server, hop1);
	return {
		client: planClient(client, hop1),
		server: planServer(server, hop1),
		...(oracle === undefined ? {} : {oracle}),
	};
}
