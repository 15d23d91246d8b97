// The settings each machine gets, in order, for applying and for undoing, shared by the DSC and
// the Ansible export so both carry the same values. DSC resources are named as their modules
// define them (read from their sources): GPRegistryPolicyDsc's RegistryPolicyFile and
// RefreshRegistryPolicy (the local Group Policy object's Registry.pol, then gpupdate /force),
// xCredSSP's xCredSSP, WSManDsc's WSManListener, NetworkingDsc's Firewall.
//
// Why the client's list is not xCredSSP: its Role=Client Present calls Enable-WSManCredSSP for each
// missing name (it needs DelegateComputers, and skips the switch when the names are listed
// already), throws when Group Policy sets AllowCredSSP, and its Absent runs Disable-WSManCredSSP
// -Role Client, which deletes every wsman/ entry, the ones that were there before included.
import {
	httpsFirewallRuleDisplayName,
	httpsFirewallRuleProfile,
} from '../../operations/create-https-listener.js';
import {
	appendedValueNames,
	type DelegationListChange,
	type FirstHopHandover,
	type Handover,
} from './handover.js';
import {listText, sameSwitches, switchesWith} from '../../windows/delegation.js';

/** A value as a DSC property takes it. */
export type PropertyValue = string | number | boolean | readonly string[];

export type Step =
	| {
			kind: 'resource';
			module: string;
			resource: string;
			/** Unique on its machine. */
			name: string;
			what: string;
			properties: [string, PropertyValue][];
	  }
	/** Stop unless the list in force (HKLM) is one of these: nothing else gets written over. */
	| {kind: 'list-guard'; name: string; what: string; list: DelegationListChange}
	/** The WinRM client's CredSSP switch, as doublehop sets it (Set-Item WSMan:\...\CredSSP). */
	| {kind: 'client-credssp'; name: string; what: string; enabled: boolean}
	/** `entry` in the WinRM client's TrustedHosts (appended, the others kept), or taken out again. */
	| {kind: 'trusted-host'; name: string; what: string; entry: string; present: boolean}
	/** The WinRM service running or stopped (its start type is left alone). */
	| {kind: 'winrm-service'; name: string; what: string; running: boolean};

export type MachineSteps = {computer: string; role: 'client' | 'first hop'; steps: Step[]};

const delegationParent = 'SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation';

/** The DSC modules each export needs on its machines. */
export function modulesUsed(machines: readonly MachineSteps[]): string[] {
	const modules = new Set<string>();
	for (const machine of machines)
		for (const step of machine.steps) if (step.kind === 'resource') modules.add(step.module);
	return [...modules].sort();
}

function policyValue(
	name: string,
	what: string,
	key: string,
	valueName: string,
	value: {data: string; type: 'String' | 'Dword'} | 'absent',
): Step {
	return {
		kind: 'resource',
		module: 'GPRegistryPolicyDsc',
		resource: 'RegistryPolicyFile',
		name,
		what,
		properties: [
			['Key', key],
			['ValueName', valueName],
			['TargetType', 'ComputerConfiguration'],
			...(value === 'absent'
				? ([['Ensure', 'Absent']] as [string, PropertyValue][])
				: ([
						// String[] in the schema: a list, so win_dsc never splits an entry at a comma.
						['ValueData', [value.data]],
						['ValueType', value.type],
						['Ensure', 'Present'],
					] as [string, PropertyValue][])),
		],
	};
}

const refresh: Step = {
	kind: 'resource',
	module: 'GPRegistryPolicyDsc',
	resource: 'RefreshRegistryPolicy',
	name: 'RefreshPolicy',
	what: 'Group Policy refreshed (gpupdate /force), so HKLM holds the lists at once',
	properties: [['IsSingleInstance', 'Yes']],
};

function listGuard(list: DelegationListChange): Step {
	return {
		kind: 'list-guard',
		name: `${list.list.name}Unchanged`,
		what: `${list.list.name} still as doublehop read it (${listText(list.before, 'empty')}) or already merged`,
		list,
	};
}

function listApply(list: DelegationListChange): Step[] {
	const {name, switches} = list.list;
	const key = `${delegationParent}\\${name}`;
	return [
		listGuard(list),
		...switches.map((valueName) =>
			policyValue(valueName, `${valueName} on`, delegationParent, valueName, {
				data: '1',
				type: 'Dword',
			}),
		),
		...list.after.map((entry, index) =>
			policyValue(
				`${name}_${index + 1}`,
				`${name} ${index + 1}: ${entry}`,
				key,
				String(index + 1),
				{
					data: entry,
					type: 'String',
				},
			),
		),
	];
}

function listUndo(list: DelegationListChange): Step[] {
	const {name} = list.list;
	const key = `${delegationParent}\\${name}`;
	const appended = appendedValueNames(list);
	return [
		listGuard(list),
		...appended.map((valueName, index) =>
			policyValue(
				`${name}_${valueName}`,
				`${name} ${valueName} (${list.after[list.before.length + index] ?? ''}) taken out`,
				key,
				valueName,
				'absent',
			),
		),
		...switchesUndo(list),
	];
}

/**
 * The switches as they were (restoreClientPlan): as Disable-WSManCredSSP leaves them when the list
 * alone decides (no entry left: no switches; entries: both stay 1), else each value written back.
 */
function switchesUndo(list: DelegationListChange): Step[] {
	const {switches} = list.list;
	const ordinary = switchesWith(list.before);
	const before = list.switchesBefore ?? ordinary;
	const values = [before.allowFresh, before.concatenateDefaults];
	if (sameSwitches(before, ordinary) && list.before.length > 0) return [];
	return switches.map((valueName, index) => {
		const value = values[index] ?? null;
		return value === null
			? policyValue(valueName, `${valueName} removed`, delegationParent, valueName, 'absent')
			: policyValue(valueName, `${valueName} back to ${value}`, delegationParent, valueName, {
					data: String(value),
					type: 'Dword',
				});
	});
}

function clientSteps(handover: Handover, undo: boolean): Step[] {
	const {client} = handover;
	const lists = client.lists.flatMap((list) => (undo ? listUndo(list) : listApply(list)));
	const listSteps = lists.length > 0 ? [...lists, refresh] : [];
	const service: Step[] = client.startWinRm
		? [
				{
					kind: 'winrm-service',
					name: 'WinRMService',
					what: undo
						? 'WinRM service stopped again (last: a push or an Ansible run over WinRM loses the machine here)'
						: 'WinRM service running (a DSC push or an Ansible run over WinRM needs it running already)',
					running: !undo,
				},
			]
		: [];
	const credSsp: Step[] = client.credSspOn
		? [
				{
					kind: 'client-credssp',
					name: 'WinRMClientCredSsp',
					what: undo ? 'WinRM client CredSSP off again' : 'WinRM client CredSSP on',
					enabled: !undo,
				},
			]
		: [];
	const trusted: Step[] =
		client.trustedHost === undefined
			? []
			: [
					{
						kind: 'trusted-host',
						name: 'TrustedHostEntry',
						what: `${client.trustedHost} ${undo ? 'taken out of' : 'appended to'} TrustedHosts${undo ? ' (the other entries kept)' : ''}`,
						entry: client.trustedHost,
						present: !undo,
					},
				];
	// The undo takes things back in the reverse order.
	return undo
		? [...credSsp, ...listSteps, ...trusted, ...service]
		: [...service, ...trusted, ...listSteps, ...credSsp];
}

function firstHopSteps(hop: FirstHopHandover, undo: boolean): Step[] {
	const ensure = undo ? 'Absent' : 'Present';
	const server: Step[] = hop.serverRole
		? [
				{
					kind: 'resource',
					module: 'xCredSSP',
					resource: 'xCredSSP',
					name: 'CredSspServer',
					what: `WinRM service CredSSP ${undo ? 'off' : 'on'} (${undo ? 'Disable' : 'Enable'}-WSManCredSSP -Role Server)`,
					// SuppressReboot: xCredSSP asks the LCM for a reboot otherwise; Windows needs none.
					properties: [
						['Role', 'Server'],
						['Ensure', ensure],
						...(undo ? [] : ([['SuppressReboot', true]] as [string, PropertyValue][])),
					],
				},
			]
		: [];
	const https = hop.https;
	if (https === undefined) return server;
	const {certificate} = https;
	const chosen: [string, PropertyValue][] =
		'thumbprint' in certificate
			? [
					['CertificateThumbprint', certificate.thumbprint],
					...(certificate.hostname === undefined
						? []
						: ([['HostName', certificate.hostname]] as [string, PropertyValue][])),
				]
			: [
					['Issuer', certificate.issuer],
					['SubjectFormat', certificate.subjectFormat],
				];
	const listener: Step = {
		kind: 'resource',
		module: 'WSManDsc',
		resource: 'WSManListener',
		name: 'HttpsListener',
		what: undo ? 'HTTPS listener removed' : 'HTTPS listener on 5986',
		properties: [
			['Transport', 'HTTPS'],
			['Ensure', ensure],
			...(undo ? [] : ([['Port', 5986], ...chosen] as [string, PropertyValue][])),
		],
	};
	const firewall: Step = {
		kind: 'resource',
		module: 'NetworkingDsc',
		resource: 'Firewall',
		name: 'HttpsFirewallRule',
		what: undo
			? `firewall rule ${https.firewallRule} removed (by its unique Name)`
			: // doublehop makes it only when no enabled rule opens 5986 already; this always does.
				`firewall rule ${https.firewallRule}: TCP 5986 in, ${httpsFirewallRuleProfile} profile (made even if another rule opens 5986)`,
		properties: undo
			? [
					['Name', https.firewallRule],
					['Ensure', 'Absent'],
				]
			: [
					['Name', https.firewallRule],
					['DisplayName', httpsFirewallRuleDisplayName],
					['Group', 'Windows Remote Management'],
					['Ensure', 'Present'],
					['Enabled', 'True'],
					['Action', 'Allow'],
					['Profile', [httpsFirewallRuleProfile]],
					['Direction', 'Inbound'],
					['Protocol', 'TCP'],
					['LocalPort', ['5986']],
				],
	};
	return undo ? [firewall, listener, ...server] : [...server, listener, firewall];
}

/** Every machine's steps, the client first; machines with nothing to do are left out. */
export function machineSteps(handover: Handover, undo: boolean): MachineSteps[] {
	const client: MachineSteps = {
		computer: handover.client.computer ?? 'localhost',
		role: 'client',
		steps: clientSteps(handover, undo),
	};
	const hops = handover.firstHops.map((hop): MachineSteps => ({
		computer: hop.computer,
		role: 'first hop',
		steps: firstHopSteps(hop, undo),
	}));
	return [client, ...hops].filter((machine) => machine.steps.length > 0);
}
