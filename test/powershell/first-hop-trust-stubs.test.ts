// Real pwsh against the stubs: the scripts for a first hop without Kerberos. An address opens no
// session until it is in TrustedHosts, and then an NTLM one; DNS names an address by its PTR
// record; the TrustedHosts entry is appended and taken out again leaving the others; the
// NTLM-only list is written in HKLM and restored, its policy's two switches as they were. Each answer is checked against the lab's.
import {readFileSync, writeFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import {executeOperation} from '../../source/flow/execute.js';
import {createLabHost} from '../../source/hosts/lab/lab-host.js';
import type {FlowState, Operation} from '../../source/tree/state.js';
import {windowsErrors} from '../../source/hosts/lab/windows-errors.js';
import {Secret} from '../../source/safety/secret.js';
import {scenario} from '../helpers/session.js';
import {noPwshReason, pwsh, scenarioCopy, stubbedHost} from './pwsh.js';

const title = `a first hop without Kerberos, real pwsh against the stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;
const readState = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Scenario;
const credential = (user: string) => ({user, password: new Secret('Passw0rd!')});

describe.skipIf(pwsh === undefined)(title, () => {
	test('an address: CannotUseIPAddress until it is in TrustedHosts, then an NTLM session; undo leaves the other entries', async () => {
		const state = scenarioCopy('ip-first-hop');
		const host = await stubbedHost(state);
		const lab = createLabHost({scenario: scenario('ip-first-hop')});
		const admin = credential('CONTOSO\\admin');
		try {
			const refused = await host.testFirstHop('10.0.0.21', admin);
			expect(refused).toEqual({ok: false, error: windowsErrors.cannotUseIpAddress('10.0.0.21')});
			expect(await lab.testFirstHop('10.0.0.21', admin)).toEqual(refused);

			expect(await host.resolveName('10.0.0.21')).toEqual({
				ok: true,
				value: {names: ['hyperv1.contoso.com']},
			});
			expect(await host.resolveName('10.0.0.99')).toEqual({ok: true, value: {names: []}});
			expect(await host.resolveName('10.0.0.21')).toEqual(await lab.resolveName('10.0.0.21'));

			expect(await host.readTrustedHosts()).toEqual({
				ok: true,
				value: {entries: ['192.168.7.5', 'buildbox'], setByPolicy: false},
			});
			expect(await host.addTrustedHost('10.0.0.21')).toEqual({ok: true, value: {output: ''}});
			expect(readState(state).machines['admin-ws']?.trustedHosts).toEqual([
				'192.168.7.5',
				'buildbox',
				'10.0.0.21',
			]);
			await lab.addTrustedHost('10.0.0.21');
			const opened = await host.testFirstHop('10.0.0.21', admin);
			expect(opened).toEqual({
				ok: true,
				value: {computerName: 'HYPERV1', fqdn: 'hyperv1.contoso.com', authentication: 'NTLM'},
			});
			expect(await lab.testFirstHop('10.0.0.21', admin)).toEqual(opened);

			expect(await host.setTrustedHosts(['192.168.7.5', 'buildbox'])).toEqual({
				ok: true,
				value: {output: ''},
			});
			expect(readState(state).machines['admin-ws']?.trustedHosts).toEqual([
				'192.168.7.5',
				'buildbox',
			]);
			expect(await host.setTrustedHosts([])).toEqual({ok: true, value: {output: ''}});
			expect(readState(state).machines['admin-ws']?.trustedHosts).toBeUndefined();
		} finally {
			await host.dispose();
		}
	}, 90_000);

	test('the NTLM-only list is written in HKLM, read back by read-client-credssp, and restored', async () => {
		const state = scenarioCopy('ip-first-hop');
		const host = await stubbedHost(state);
		try {
			const merged = ['wsman/192.168.7.5', 'wsman/10.0.0.21'];
			expect(await host.setNtlmOnlyList(merged)).toEqual({ok: true, value: {output: ''}});
			expect(readState(state).machines['admin-ws']?.allowFreshCredentialsNtlmOnly).toEqual(merged);
			const read = await host.readClientCredSsp();
			expect(read).toMatchObject({ok: true, value: {allowFreshCredentialsNtlmOnly: merged}});
			expect(await host.setNtlmOnlyList(['wsman/192.168.7.5'])).toEqual({
				ok: true,
				value: {output: ''},
			});
			expect(readState(state).machines).toEqual(scenario('ip-first-hop').machines);
			expect(await host.setNtlmOnlyList([])).toEqual({ok: true, value: {output: ''}});
			expect(readState(state).machines['admin-ws']?.allowFreshCredentialsNtlmOnly).toEqual([]);
		} finally {
			await host.dispose();
		}
	}, 90_000);

	// The before the flow keeps (tree/ntlm-only.ts), as read here; the undo is the one the flow runs.
	async function addThenUndo(state: string, entry: string, withKeys = true) {
		const host = await stubbedHost(state);
		try {
			const before = await host.readClientCredSsp();
			if (!before.ok) throw new Error('read-client-credssp failed');
			const {
				allowFreshCredentialsNtlmOnly: listBefore,
				allowFreshNtlmOnlySwitches,
				delegationKeys,
			} = before.value;
			expect(await host.setNtlmOnlyList([...listBefore, entry])).toEqual({
				ok: true,
				value: {output: ''},
			});
			// The change turns the policy on, as the entry needs.
			expect(readState(state).machines['admin-ws']?.allowFreshNtlmOnlySwitches).toBeUndefined();
			const undo = {
				kind: 'restore-ntlm-only' as const,
				added: [entry],
				listBefore,
				...(allowFreshNtlmOnlySwitches === undefined
					? {}
					: {switchesBefore: allowFreshNtlmOnlySwitches}),
				// As tree/ntlm-only.ts keeps them; a journal from an older doublehop has none.
				...(delegationKeys === undefined || !withKeys
					? {}
					: {keysBefore: {parent: delegationKeys.parent, list: delegationKeys.ntlmOnly}}),
			};
			const operation: Operation = {
				name: 'undo-change',
				args: {},
				machine: 'ADMIN-WS',
				command: '',
				change: {
					id: 'run:ntlm-only',
					stage: 'ntlm-only',
					machine: 'ADMIN-WS',
					setting: 'NTLM-only delegation list',
					before: '',
					after: '',
					command: '',
					undo,
					undoCommand: '',
				},
			};
			const state0 = {inputs: {hop1: entry.slice('wsman/'.length)}} as FlowState;
			expect(await executeOperation(host, state0, operation)).toMatchObject({ok: true});
			return await host.readClientCredSsp();
		} finally {
			await host.dispose();
		}
	}

	test('undo of the NTLM-only entry puts a local policy set to Disabled back: AllowFreshCredentialsWhenNTLMOnly = 0, concatenation unset', async () => {
		const state = scenarioCopy('workgroup-first-hop', (lab) => {
			lab.machines['admin-ws']!.allowFreshNtlmOnlySwitches = {
				allowFresh: 0,
				concatenateDefaults: null,
			};
		});
		const start = readState(state).machines;
		const read = await addThenUndo(state, 'wsman/lab-hv1');
		expect(readState(state).machines).toEqual(start);
		expect(read).toMatchObject({
			ok: true,
			value: {
				allowFreshCredentialsNtlmOnly: [],
				allowFreshNtlmOnlySwitches: {allowFresh: 0, concatenateDefaults: null},
			},
		});
	}, 90_000);

	test('undo of the NTLM-only entry leaves "Concatenate OS defaults" unchecked (0) beside the entry already there', async () => {
		const state = scenarioCopy('ip-first-hop', (lab) => {
			lab.machines['admin-ws']!.allowFreshNtlmOnlySwitches = {
				allowFresh: 1,
				concatenateDefaults: 0,
			};
		});
		const start = readState(state).machines;
		const read = await addThenUndo(state, 'wsman/10.0.0.21');
		expect(readState(state).machines).toEqual(start);
		expect(read).toMatchObject({
			ok: true,
			value: {
				allowFreshCredentialsNtlmOnly: ['wsman/192.168.7.5'],
				allowFreshNtlmOnlySwitches: {allowFresh: 1, concatenateDefaults: 0},
			},
		});
	}, 90_000);

	// Enable-WSManCredSSP and the change create CredentialsDelegation (CredSSP.cs
	// UpdateGPORegistrySettings CreateSubKey): where it was not there, undo takes it away again.
	test('undo of the NTLM-only entry removes the CredentialsDelegation key the change created, and nothing else', async () => {
		const state = scenarioCopy('workgroup-first-hop');
		const start = readState(state).machines;
		const read = await addThenUndo(state, 'wsman/lab-hv1');
		expect(readState(state).machines).toEqual(start);
		expect(read).toMatchObject({
			ok: true,
			value: {delegationKeys: {parent: false, allowFresh: false, ntlmOnly: false}},
		});
	}, 90_000);

	// An empty NTLM-only key (its parent with it), or an empty parent alone, was there before.
	test.each([[['AllowFreshCredentialsWhenNTLMOnly']], [['CredentialsDelegation']]])(
		'undo of the NTLM-only entry keeps the keys that were there before, even empty: %j',
		async (empty) => {
			const state = scenarioCopy('workgroup-first-hop', (lab) => {
				lab.machines['admin-ws']!.emptyPolicyKeys = empty;
			});
			const start = readState(state).machines;
			await addThenUndo(state, 'wsman/lab-hv1');
			expect(readState(state).machines).toEqual(start);
		},
		90_000,
	);

	test('undo from an older journal (no keysBefore) leaves the keys as the write leaves them', async () => {
		const state = scenarioCopy('workgroup-first-hop');
		await addThenUndo(state, 'wsman/lab-hv1', false);
		expect(readState(state).machines['admin-ws']?.emptyPolicyKeys).toEqual([
			'CredentialsDelegation',
		]);
	}, 90_000);

	// `reg add ... /d 1` writes a REG_SZ unless /t names a type: undo puts back a REG_SZ, not a DWORD.
	test('undo of the NTLM-only entry puts REG_SZ switches back as REG_SZ, with their text', async () => {
		const state = scenarioCopy('ip-first-hop', (lab) => {
			lab.machines['admin-ws']!.allowFreshNtlmOnlySwitches = {
				allowFresh: '1',
				concatenateDefaults: '0',
			};
		});
		const start = readState(state).machines;
		const read = await addThenUndo(state, 'wsman/10.0.0.21');
		expect(readState(state).machines).toEqual(start);
		expect(read).toMatchObject({
			ok: true,
			value: {allowFreshNtlmOnlySwitches: {allowFresh: '1', concatenateDefaults: '0'}},
		});
	}, 90_000);

	test("a subnet entry ('10.0.0.*') trusts an address in it: the session opens, as the lab's does", async () => {
		const state = scenarioCopy('ip-first-hop');
		const saved = readState(state);
		saved.machines['admin-ws']!.trustedHosts = ['192.168.7.5', '10.0.0.*'];
		writeFileSync(state, JSON.stringify(saved));
		const host = await stubbedHost(state);
		const labScenario = scenario('ip-first-hop');
		labScenario.machines['admin-ws']!.trustedHosts = ['192.168.7.5', '10.0.0.*'];
		const lab = createLabHost({scenario: labScenario});
		const admin = credential('CONTOSO\\admin');
		try {
			const opened = await host.testFirstHop('10.0.0.21', admin);
			expect(opened.ok).toBe(true);
			expect(await lab.testFirstHop('10.0.0.21', admin)).toEqual(opened);
		} finally {
			await host.dispose();
		}
	});

	test('a workgroup host by name: Kerberos cannot find it until it is in TrustedHosts, then NTLM', async () => {
		const state = scenarioCopy('workgroup-first-hop');
		const host = await stubbedHost(state);
		const account = credential('LAB-HV1\\admin');
		try {
			const refused = await host.testFirstHop('lab-hv1', account);
			expect(refused).toEqual({
				ok: false,
				error: windowsErrors.kerberosCannotFindComputer('lab-hv1'),
			});
			await host.addTrustedHost('lab-hv1');
			expect(await host.testFirstHop('lab-hv1', account)).toEqual({
				ok: true,
				value: {computerName: 'LAB-HV1', fqdn: 'lab-hv1', authentication: 'NTLM'},
			});
		} finally {
			await host.dispose();
		}
	}, 90_000);
});
