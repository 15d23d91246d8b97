// --export-dsc and --export-ansible: the values they carry, from real lab runs (one first hop) and
// from a handover of many first hops built by hand, as a fleet run will pass one.
import {beforeAll, describe, expect, test} from 'vitest';
import {ansiblePlaybook} from '../../source/report/handover/ansible.js';
import {dscConfiguration} from '../../source/report/handover/dsc.js';
import {handoverFromRun, type Handover} from '../../source/report/handover/handover.js';
import {allowFresh} from '../../source/operations/set-delegation-list.js';
import type {FlowState} from '../../source/tree/state.js';
import {labPassword, runLab} from './lab-run.js';

const meta = {
	generatedAt: new Date('2031-05-06T07:08:09.000Z'),
	version: '9.8.7',
	hostDescription: 'simulated lab',
};

let merged: FlowState;
let classic: FlowState;
let dryRun: FlowState;
let declined: FlowState;

beforeAll(async () => {
	const every = {risk: true, client: true, server: true, listener: true};
	merged = (await runLab('existing-delegation', {answers: every})).final;
	classic = (await runLab('classic', {answers: {risk: true, client: true, server: true}})).final;
	dryRun = (await runLab('existing-delegation', {dryRun: true, answers: every})).final;
	declined = (await runLab('classic', {answers: {risk: false}})).final;
});

/** The text between `Configuration <name>` and the next configuration (or the end). */
function configurationOf(text: string, name: string): string {
	const start = text.indexOf(`Configuration ${name} {\n`);
	expect(start).toBeGreaterThan(-1);
	const next = text.indexOf('\nConfiguration ', start + 1);
	return text.slice(start, next === -1 ? undefined : next);
}

/** The body of one resource block, e.g. `RegistryPolicyFile AllowFreshCredentials_3`. */
function resourceBlock(text: string, header: string): string {
	const start = text.indexOf(`${header} {\n`);
	expect(start, header).toBeGreaterThan(-1);
	return text.slice(start, text.indexOf('\n\t\t}', start));
}

/** Plays of a playbook, split at each `- name:` at the top level. */
const playsOf = (yaml: string) => yaml.split(/\n(?=- name: )/).slice(1);

describe('the DSC configuration from a run that merged into an existing list', () => {
	test('the merged list is written whole, the entries there before first and unchanged', () => {
		expect(merged.conclusion?.verdict).toBe('fixed');
		const apply = configurationOf(
			dscConfiguration(handoverFromRun(merged), meta),
			'DoublehopCredSsp',
		);
		const values = ['wsman/sql01.contoso.com', 'wsman/*.fabrikam.com', 'wsman/hyperv1.contoso.com'];
		values.forEach((entry, index) => {
			const block = resourceBlock(apply, `RegistryPolicyFile AllowFreshCredentials_${index + 1}`);
			expect(block).toContain(`ValueName  = '${index + 1}'`);
			expect(block).toContain(`ValueData  = @('${entry}')`);
			expect(block).toContain("ValueType  = 'String'");
			expect(block).toContain("TargetType = 'ComputerConfiguration'");
			expect(block).toContain(
				"Key        = 'SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\AllowFreshCredentials'",
			);
		});
		expect(apply).not.toContain('AllowFreshCredentials_4');
		// The check comes first and every list value waits for it.
		expect(apply.indexOf('Script AllowFreshCredentialsUnchanged')).toBeLessThan(
			apply.indexOf('RegistryPolicyFile '),
		);
		expect(apply).toContain("$Before = @('wsman/sql01.contoso.com', 'wsman/*.fabrikam.com')\n");
		expect(apply).toContain(`$After = @(${values.map((v) => `'${v}'`).join(', ')})\n`);
		expect(apply).toContain("DependsOn  = '[Script]AllowFreshCredentialsUnchanged'");
		expect(apply).toMatch(/RefreshRegistryPolicy RefreshPolicy \{\n\t\t\tIsSingleInstance = 'Yes'/);
		// Client CredSSP was on already in this lab: no switch is set, and never through xCredSSP.
		expect(apply).not.toContain('WinRMClientCredSsp');
		expect(apply).not.toMatch(/Role\s+= 'Client'/);
	});

	test('the first hop: server role, the HTTPS listener with the thumbprint doublehop chose, its rule', () => {
		const apply = configurationOf(
			dscConfiguration(handoverFromRun(merged), meta),
			'DoublehopCredSsp',
		);
		expect(apply).toContain("Node 'hyperv1.contoso.com'");
		expect(apply).toContain("Node 'ADMIN-WS'");
		const server = resourceBlock(apply, 'xCredSSP CredSspServer');
		expect(server).toContain("Role           = 'Server'");
		expect(server).toContain("Ensure         = 'Present'");
		expect(server).toContain('SuppressReboot = $true');
		const listener = resourceBlock(apply, 'WSManListener HttpsListener');
		const thumbprint = merged.facts.certificates?.[0]?.thumbprint ?? '';
		expect(thumbprint).toMatch(/^[0-9A-F]{40}$/);
		expect(listener).toContain(`CertificateThumbprint = '${thumbprint}'`);
		expect(listener).toContain("HostName              = 'hyperv1.contoso.com'");
		expect(listener).toContain('Port                  = 5986');
		const rule = resourceBlock(apply, 'Firewall HttpsFirewallRule');
		expect(rule).toContain("Name        = 'doublehop-WinRM-HTTPS-In-run'");
		expect(rule).toContain("Profile     = @('Domain')");
		expect(rule).toContain("LocalPort   = @('5986')");
	});

	test('the undo takes out only the appended value; entries there before and the switches stay', () => {
		const undo = configurationOf(
			dscConfiguration(handoverFromRun(merged), meta),
			'DoublehopCredSspUndo',
		);
		const removed = resourceBlock(undo, 'RegistryPolicyFile AllowFreshCredentials_3');
		expect(removed).toContain("ValueName  = '3'");
		expect(removed).toContain("Ensure     = 'Absent'");
		expect(undo).not.toContain('AllowFreshCredentials_1');
		expect(undo).not.toContain('AllowFreshCredentials_2');
		expect(undo).not.toMatch(
			/RegistryPolicyFile (AllowFreshCredentials|ConcatenateDefaults_AllowFresh) \{/,
		);
		expect(undo).not.toContain('Disable-WSManCredSSP -Role Client');
		expect(resourceBlock(undo, 'xCredSSP CredSspServer')).toContain("Ensure    = 'Absent'");
		expect(resourceBlock(undo, 'WSManListener HttpsListener')).toContain("Ensure    = 'Absent'");
		const rule = resourceBlock(undo, 'Firewall HttpsFirewallRule');
		expect(rule).toContain("Name   = 'doublehop-WinRM-HTTPS-In-run'");
		expect(rule).toContain("Ensure = 'Absent'");
		// Taken back in reverse: the rule, then the listener, then the server role.
		expect(undo.indexOf('Firewall Https')).toBeLessThan(undo.indexOf('WSManListener'));
		expect(undo.indexOf('WSManListener')).toBeLessThan(undo.indexOf('xCredSSP CredSspServer'));
	});

	test('the header: confirmation does not apply, the CredSSP risk, how to apply and undo', () => {
		const text = dscConfiguration(handoverFromRun(merged), meta);
		expect(text).toContain("# doublehop's confirmation does not apply once this runs");
		expect(text).toContain(
			"# Risk: With CredSSP, hyperv1.contoso.com receives CONTOSO\\admin's reusable credentials and keeps them while the session lives.",
		);
		expect(text).toContain('# Undo:  . .\\<this file>; DoublehopCredSspUndo');
		expect(text).toContain('Install-Module GPRegistryPolicyDsc, NetworkingDsc, WSManDsc, xCredSSP');
		expect(text).not.toContain(labPassword);
	});
});

describe('the DSC configuration from the classic lab (an empty list, client CredSSP off)', () => {
	test('the client switch is turned on by the command doublehop runs, and off again in the undo', () => {
		const text = dscConfiguration(handoverFromRun(classic), meta);
		const apply = configurationOf(text, 'DoublehopCredSsp');
		const undo = configurationOf(text, 'DoublehopCredSspUndo');
		expect(resourceBlock(apply, 'Script WinRMClientCredSsp')).toContain(
			'Set-Item WSMan:\\localhost\\Client\\Auth\\CredSSP -Value $true -Force',
		);
		expect(resourceBlock(undo, 'Script WinRMClientCredSsp')).toContain(
			'Set-Item WSMan:\\localhost\\Client\\Auth\\CredSSP -Value $false -Force',
		);
		expect(resourceBlock(apply, 'RegistryPolicyFile AllowFreshCredentials_1')).toContain(
			"ValueData  = @('wsman/hyperv1.contoso.com')",
		);
		// With no entry left, the switches go too, as Disable-WSManCredSSP leaves them.
		for (const name of ['AllowFreshCredentials', 'ConcatenateDefaults_AllowFresh'])
			expect(resourceBlock(undo, `RegistryPolicyFile ${name}`)).toContain("Ensure     = 'Absent'");
		expect(apply).not.toContain('WSManListener');
	});

	test('a dry run is labelled, a run without changes says there is nothing to apply', () => {
		expect(dscConfiguration(handoverFromRun(dryRun), meta)).toContain(
			'# DRY RUN: the values doublehop planned. doublehop changed nothing.',
		);
		const none = dscConfiguration(handoverFromRun(declined), meta);
		expect(none).toContain('# No change was confirmed in this run: there is nothing to apply.');
		expect(none).not.toMatch(/^Configuration /m);
		expect(none).not.toContain('Install-Module');
	});
});

describe('the local policy set to Disabled before the change', () => {
	test('the undo puts Disabled back (AllowFreshCredentials 0, the other switch removed), in DSC and Ansible', async () => {
		const {final} = await runLab('local-delegation-disabled', {
			answers: {risk: true, client: true, server: true},
		});
		const handover = handoverFromRun(final);
		const undo = configurationOf(dscConfiguration(handover, meta), 'DoublehopCredSspUndo');
		const allow = resourceBlock(undo, 'RegistryPolicyFile AllowFreshCredentials');
		expect(allow).toContain("ValueData  = @('0')");
		expect(allow).toContain("ValueType  = 'Dword'");
		expect(allow).toContain("Ensure     = 'Present'");
		expect(resourceBlock(undo, 'RegistryPolicyFile ConcatenateDefaults_AllowFresh')).toContain(
			"Ensure     = 'Absent'",
		);
		const undoClient =
			playsOf(ansiblePlaybook(handover, meta)).find((play) =>
				play.startsWith('- name: "doublehop undo: client'),
			) ?? '';
		expect(undoClient).toMatch(
			/ValueName: "AllowFreshCredentials"\n[^\n]*\n {8}ValueData: \["0"\]\n {8}ValueType: "Dword"\n {8}Ensure: "Present"/,
		);
	});
});

describe('a first hop without Kerberos (an address): TrustedHosts and the NTLM-only list', () => {
	test('the entry is appended to TrustedHosts and taken out alone; the NTLM-only list is merged', async () => {
		const answers = {
			'trusted-hosts': true,
			'ntlm-only': true,
			risk: true,
			client: true,
			server: true,
		};
		const run = (await runLab('ip-first-hop', {answers})).final;
		expect(run.changes.map((change) => change.stage)).toEqual(
			expect.arrayContaining(['trusted-hosts', 'ntlm-only']),
		);
		const text = dscConfiguration(handoverFromRun(run), meta);
		expect(text).not.toContain('Not carried');
		const apply = configurationOf(text, 'DoublehopCredSsp');
		const undo = configurationOf(text, 'DoublehopCredSspUndo');
		const add = resourceBlock(apply, 'Script TrustedHostEntry');
		expect(add).toContain("$Entry = '10.0.0.21'");
		expect(add).toContain(
			"Set-Item WSMan:\\localhost\\Client\\TrustedHosts -Value '10.0.0.21' -Concatenate -Force",
		);
		const remove = resourceBlock(undo, 'Script TrustedHostEntry');
		expect(remove).toContain('$rest = @($entries | Where-Object { $_ -ne $Entry })');
		expect(remove).toContain('-not ($entries -contains $Entry)');
		expect(
			resourceBlock(apply, 'RegistryPolicyFile AllowFreshCredentialsWhenNTLMOnly_1'),
		).toContain("ValueData  = @('wsman/192.168.7.5')");
		expect(
			resourceBlock(apply, 'RegistryPolicyFile AllowFreshCredentialsWhenNTLMOnly_2'),
		).toContain("ValueData  = @('wsman/10.0.0.21')");
		expect(undo).toContain('RegistryPolicyFile AllowFreshCredentialsWhenNTLMOnly_2 {');
		expect(undo).not.toContain('AllowFreshCredentialsWhenNTLMOnly_1');
		expect(text).toContain(
			'# Risk: With NTLM nothing proves that the machine answering as 10.0.0.21 is the one you mean',
		);
		const yaml = ansiblePlaybook(handoverFromRun(run), meta);
		expect(yaml).toContain('          Entry: "10.0.0.21"');
	});
});

describe('a first hop that needs nothing', () => {
	test('has no node, and the risk still names it', async () => {
		const run = (await runLab('server-enabled', {answers: {risk: true, client: true}})).final;
		expect(run.changes.map((change) => change.stage)).toEqual(['client']);
		const text = dscConfiguration(handoverFromRun(run), meta);
		expect(text).not.toContain("Node 'hyperv1.contoso.com'");
		expect(text).toContain("Node 'ADMIN-WS' {");
		expect(text).toContain('# Risk: With CredSSP, hyperv1.contoso.com receives');
		expect(ansiblePlaybook(handoverFromRun(run), meta)).not.toContain(
			'hosts: "hyperv1.contoso.com"',
		);
	});
});

describe('the Ansible playbook carries the same values', () => {
	test('apply plays, then undo plays tagged never and undo; the list check gets before and after', () => {
		const yaml = ansiblePlaybook(handoverFromRun(merged), meta);
		const plays = playsOf(yaml);
		expect(plays.map((play) => /^- name: "(.*)"/.exec(play)?.[1])).toEqual([
			'doublehop: client ADMIN-WS',
			'doublehop: first hop hyperv1.contoso.com',
			'doublehop undo: client ADMIN-WS',
			'doublehop undo: first hop hyperv1.contoso.com',
		]);
		const [client = '', hop = '', undoClient = '', undoHop = ''] = plays;
		expect(client).toContain('  tags: [apply]');
		expect(undoClient).toContain('  tags: [never, undo]');
		expect(client).toContain(
			'          Before: ["wsman/sql01.contoso.com","wsman/*.fabrikam.com"]\n          After: ["wsman/sql01.contoso.com","wsman/*.fabrikam.com","wsman/hyperv1.contoso.com"]',
		);
		expect(client).toContain(
			'        ValueName: "3"\n        TargetType: "ComputerConfiguration"\n        ValueData: ["wsman/hyperv1.contoso.com"]',
		);
		expect(client).toContain('        ValueData: ["wsman/sql01.contoso.com"]');
		const thumbprint = merged.facts.certificates?.[0]?.thumbprint ?? '';
		expect(hop).toContain(`        CertificateThumbprint: "${thumbprint}"`);
		expect(hop).toContain(
			'        resource_name: xCredSSP\n        Role: "Server"\n        Ensure: "Present"\n        SuppressReboot: true',
		);
		expect(undoClient).toContain(
			'        ValueName: "3"\n        TargetType: "ComputerConfiguration"\n        Ensure: "Absent"',
		);
		expect(undoClient).not.toMatch(/ValueName: "[12]"/);
		expect(undoHop).toContain(
			'        Name: "doublehop-WinRM-HTTPS-In-run"\n        Ensure: "Absent"',
		);
		expect(yaml).toContain("# doublehop's confirmation does not apply once this runs");
		expect(yaml).toContain('# Undo:  ansible-playbook -i <inventory> <this file> --tags undo');
	});

	test('the WinRM service a run started is started by win_service, and stopped by the undo', async () => {
		const started = (
			await runLab('winrm-stopped', {
				answers: {winrm: true, risk: true, client: true, server: true},
			})
		).final;
		expect(started.changes.map((change) => change.stage)).toContain('winrm');
		const plays = playsOf(ansiblePlaybook(handoverFromRun(started), meta));
		expect(plays[0]).toContain(
			'      ansible.windows.win_service:\n        name: WinRM\n        state: started',
		);
		const undo = plays.find((play) => play.startsWith('- name: "doublehop undo: client'));
		expect(undo).toContain('        state: stopped');
	});
});

describe('many first hops (the handover a fleet run passes)', () => {
	const fleet: Handover = {
		client: {
			computer: 'ADMIN-WS',
			startWinRm: false,
			credSspOn: true,
			lists: [
				{
					list: allowFresh,
					before: ['TERMSRV/*'],
					after: [
						'TERMSRV/*',
						'wsman/hv1.contoso.com',
						'wsman/hv2.contoso.com',
						'wsman/sql1.contoso.com',
					],
				},
			],
		},
		firstHops: [
			{
				computer: 'hv1.contoso.com',
				serverRole: true,
				https: {
					certificate: {
						thumbprint: 'AAAA000000000000000000000000000000000001',
						hostname: 'hv1.contoso.com',
					},
					firewallRule: 'doublehop-WinRM-HTTPS-In-a1',
				},
			},
			{computer: 'hv2.contoso.com', serverRole: true},
			{
				computer: 'sql1.contoso.com',
				serverRole: false,
				https: {
					certificate: {
						issuer: 'CN=Contoso Issuing CA, DC=contoso, DC=com',
						subjectFormat: 'FQDNOnly',
					},
					firewallRule: 'doublehop-WinRM-HTTPS-In-a1',
				},
			},
		],
		account: "CONTOSO\\o'brien",
		dryRun: false,
		notCarried: [],
	};

	test('one node per first hop, each with its own needs and certificate choice', () => {
		const text = dscConfiguration(fleet, meta);
		const apply = configurationOf(text, 'DoublehopCredSsp');
		expect(apply.match(/^\tNode '.*' \{$/gm)).toEqual([
			"\tNode 'ADMIN-WS' {",
			"\tNode 'hv1.contoso.com' {",
			"\tNode 'hv2.contoso.com' {",
			"\tNode 'sql1.contoso.com' {",
		]);
		const sql = apply.slice(apply.indexOf("Node 'sql1.contoso.com'"));
		expect(sql).not.toContain('xCredSSP');
		expect(sql).toContain("Issuer        = 'CN=Contoso Issuing CA, DC=contoso, DC=com'");
		expect(sql).toContain("SubjectFormat = 'FQDNOnly'");
		// WSManDsc refuses HostName with Issuer/SubjectFormat (mutually exclusive lists).
		expect(sql).not.toContain('HostName');
		const hv2 = apply.slice(apply.indexOf("Node 'hv2.contoso.com'"), apply.indexOf("Node 'sql1"));
		expect(hv2).toContain('xCredSSP CredSspServer');
		expect(hv2).not.toContain('WSManListener');
		expect(resourceBlock(apply, 'RegistryPolicyFile AllowFreshCredentials_1')).toContain(
			"ValueData  = @('TERMSRV/*')",
		);
		const undo = configurationOf(text, 'DoublehopCredSspUndo');
		expect(undo.match(/RegistryPolicyFile AllowFreshCredentials_\d/g)).toEqual([
			'RegistryPolicyFile AllowFreshCredentials_2',
			'RegistryPolicyFile AllowFreshCredentials_3',
			'RegistryPolicyFile AllowFreshCredentials_4',
		]);
		expect(text).toContain(
			"# Risk: With CredSSP, any first hop listed here (hv1.contoso.com, hv2.contoso.com, sql1.contoso.com) receives CONTOSO\\o'brien's reusable credentials",
		);
		// A quote in a value stays inside its PowerShell string.
		expect(
			dscConfiguration(
				{...fleet, firstHops: [{computer: "x'; Stop-Computer; '", serverRole: true}]},
				meta,
			),
		).toContain("Node 'x''; Stop-Computer; '''");
	});

	test('one play per machine in the playbook, with the same values', () => {
		const plays = playsOf(ansiblePlaybook(fleet, meta));
		expect(plays.map((play) => /\n {2}hosts: (.*)\n/.exec(play)?.[1])).toEqual([
			'"ADMIN-WS"',
			'"hv1.contoso.com"',
			'"hv2.contoso.com"',
			'"sql1.contoso.com"',
			'"ADMIN-WS"',
			'"hv1.contoso.com"',
			'"hv2.contoso.com"',
			'"sql1.contoso.com"',
		]);
		expect(plays[3]).toContain(
			'        Issuer: "CN=Contoso Issuing CA, DC=contoso, DC=com"\n        SubjectFormat: "FQDNOnly"',
		);
		expect(plays[1]).toContain(
			'        CertificateThumbprint: "AAAA000000000000000000000000000000000001"',
		);
		expect(plays[0]).toContain(
			'Set-Item WSMan:\\localhost\\Client\\Auth\\CredSSP -Value $true -Force',
		);
		// An entry with a comma stays one value: win_dsc splits a string given for a String[].
		const odd = {...fleet.client.lists[0]!, after: ['TERMSRV/*', 'wsman/odd,name']};
		const oddYaml = ansiblePlaybook({...fleet, client: {...fleet.client, lists: [odd]}}, meta);
		expect(oddYaml).toContain('        ValueData: ["wsman/odd,name"]');
	});
});

describe('a resource-based delegation run', () => {
	test('its Set-ADComputer change is named as not carried, with its command; no CredSSP setting is handed over', async () => {
		const rbkcd = (
			await runLab('rbkcd', {method: 'r', answers: {rbkcd: true, 'klist-purge': true}})
		).final;
		const handover = handoverFromRun(rbkcd);
		expect(handover.notCarried).toEqual([
			"PrincipalsAllowedToDelegateToAccount of FS01 on Active Directory: $sd = (Get-ADComputer fs01 -Properties msDS-AllowedToActOnBehalfOfOtherIdentity).'msDS-AllowedToActOnBehalfOfOtherIdentity'; if ($null -eq $sd) { Set-ADComputer fs01 -PrincipalsAllowedToDelegateToAccount 'CN=HYPERV1,CN=Computers,DC=contoso,DC=com' } else { $sd.SetSecurityDescriptorSddlForm(($sd.GetSecurityDescriptorSddlForm('All') -replace '^(.*?D:[A-Z]*(?:\\((?:[^()]|\\([^()]*\\))*\\))*)', '$1(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;S-1-5-21-1004336348-1177238915-682003330-5789)')); Set-ADComputer fs01 -Replace @{'msDS-AllowedToActOnBehalfOfOtherIdentity' = $sd} }",
		]);
		expect(handover.client).toMatchObject({credSspOn: false, lists: []});
		expect(handover.firstHops[0]?.serverRole).toBe(false);
	});
});
