// From what was read on both machines to what each step must do. Pure: the same facts always
// give the same plan, and a setting owned by Group Policy is never planned as a local change.
import type {ClientCredSsp, ServerCredSsp} from '../windows/records.js';
import {encryptionOracleNames, policyPaths} from '../windows/policy-paths.js';
import {coverage, coverageInForce, listText, mergedDelegationList} from '../windows/delegation.js';
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
	const disabled = client.policyDelegationDisabled;
	if (disabled !== undefined) {
		return {
			action: 'blocked',
			reason: `A domain Group Policy sets "Allow delegating fresh credentials" to Disabled on this machine (AllowFreshCredentials = 0, no list): no credential may be delegated to any computer, and a local entry would not count. Only the owner of that domain GPO can change it; doublehop changes nothing.`,
			policyPath: disabled.policyPath,
		};
	}
	const deny = client.policyDenyDelegation;
	const denied = deny === undefined ? {covered: false as const} : coverage(deny.value, hop1);
	if (deny !== undefined && denied.covered) {
		return {
			action: 'blocked',
			reason: `Group Policy "Deny delegating fresh credentials" lists ${denied.entry}, which covers wsman/${hop1}: a deny entry wins over any allow entry, so adding one would change nothing. Only the owner of the GPO that sets it (gpresult /h names it) can change it; doublehop changes nothing.`,
			policyPath: deny.policyPath,
		};
	}
	const delegationPolicy = client.policyDelegation;
	if (delegationPolicy !== undefined && !coverage(delegationPolicy.value, hop1).covered) {
		return {
			action: 'blocked',
			reason: `A domain Group Policy sets the delegation list (${listText(delegationPolicy.value, 'empty')}) and it does not include wsman/${hop1}. Local entries would be replaced at the next policy refresh, and Enable-WSManCredSSP would fail with "the setting cannot be enabled".`,
			policyPath: delegationPolicy.policyPath,
		};
	}
	// An entry under a policy set to Disabled does not count: Enable-WSManCredSSP (below) sets it
	// to Enabled, and the entry is not added twice.
	const covered = coverageInForce(client.allowFreshCredentials, client.allowFreshSwitches, hop1);
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
	// Enable-WSManCredSSP appends to the local GPO's list (CredSSP.cs), which Group Policy then
	// copies to HKLM: that list is the one before and after.
	const gpo = client.localGpoAllowFreshCredentials ?? client.allowFreshCredentials;
	// A GPO that turns client CredSSP on makes Enable-WSManCredSSP fail at its first step (the
	// WinRM config Put, "controlled by policies") before it writes the list: add the entry only.
	// Value names not 1..n (1 and 3): Enable-WSManCredSSP names its value ValueCount+1 (CredSSP.cs
	// UpdateGPORegistrySettings) and would replace entry 3; the list is written whole instead, and
	// client CredSSP turned on after it.
	const gaps = client.localGpoListGaps === true;
	const onlyDelegation = policy?.value === true || gaps;
	const alsoTurnOn = gaps && policy === undefined && !client.enabled;
	// Listed, under a policy set to Disabled: Enable-WSManCredSSP appends the entry again (it appends
	// every name, duplicates included) and sets the policy to Enabled; undo takes the copy out. The
	// list written by itself needs no copy: it is written with its switches on.
	const listedOnly = coverage(gpo, hop1).covered;
	const after = listedOnly
		? onlyDelegation
			? [...gpo]
			: [...gpo, `wsman/${hop1}`]
		: mergedDelegationList(gpo, [hop1]);
	return {
		action: 'enable',
		add: [hop1],
		before: [...gpo],
		after,
		onlyDelegation,
		...(alsoTurnOn ? {alsoTurnOn: true as const} : {}),
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
