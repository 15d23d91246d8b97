// Real pwsh against the stubs: doublehop's client undo goes through the store that
// Enable-WSManCredSSP -Role Client writes (the local GPO's Registry.pol), so a policy refresh
// (gpupdate) cannot bring a removed entry back, and a second enable starts from the undone list.
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, test} from 'vitest';
import {executeOperation} from '../../source/flow/execute.js';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import type {PowerShellHost} from '../../source/hosts/powershell/powershell-host.js';
import type {ChangeRecord, FlowState, Operation} from '../../source/tree/state.js';
import {noPwshReason, pwsh, scenarioCopy, stubbedHost, stubModule} from './pwsh.js';

const hop1 = 'hyperv1.contoso.com';
const added = `wsman/${hop1}`;
const original = ['wsman/sql01.contoso.com', 'wsman/*.fabrikam.com'];
const title = `durable client undo on the stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;

const clientOf = (state: string) =>
	(JSON.parse(readFileSync(state, 'utf8')) as Scenario).machines['admin-ws']!;
const hklmList = (state: string) => clientOf(state).allowFreshCredentials;

/** `gpupdate /target:computer /force` in a PowerShell of its own, as an admin (or a reboot) would. */
function gpupdate(state: string): void {
	execFileSync(
		pwsh!.executable,
		['-NoProfile', '-Command', `Import-Module '${stubModule}'; gpupdate /target:computer /force`],
		{env: {...process.env, DOUBLEHOP_LAB_STATE: state}, encoding: 'utf8'},
	);
}

/** The undo the flow runs for the client change, through the real executeOperation. */
async function undoClient(
	host: PowerShellHost,
	undo: Extract<ChangeRecord['undo'], {kind: 'restore-client'}> = {
		kind: 'restore-client',
		enabledBefore: true,
		added: [added],
	},
) {
	const operation: Operation = {
		name: 'undo-change',
		args: {},
		machine: 'ADMIN-WS',
		command: '',
		change: {
			id: 'run:client',
			stage: 'client',
			machine: 'ADMIN-WS',
			setting: 'CredSSP client and delegation list',
			before: '',
			after: '',
			command: '',
			undo,
			undoCommand: '',
		},
	};
	const state = {inputs: {hop1}} as FlowState;
	return executeOperation(host, state, operation);
}

describe.skipIf(pwsh === undefined)(title, () => {
	let host: PowerShellHost | undefined;
	afterEach(async () => {
		await host?.dispose();
		host = undefined;
	});

	test('enable, undo, gpupdate: the added entry stays gone, the others stay in order', async () => {
		const state = scenarioCopy('existing-delegation');
		host = await stubbedHost(state);
		expect((await host.enableClientCredSsp([hop1])).ok).toBe(true);
		expect(hklmList(state)).toEqual([...original, added]);
		expect(await undoClient(host)).toMatchObject({ok: true});
		gpupdate(state);
		expect(hklmList(state)).toEqual(original);
		const read = await host.readClientCredSsp();
		expect(read.ok && read.value.localGpoAllowFreshCredentials).toEqual(original);
	}, 30_000);

	test('enable, undo, enable, undo: nothing doublehop added is left delegated', async () => {
		const state = scenarioCopy('existing-delegation');
		host = await stubbedHost(state);
		for (let round = 0; round < 2; round++) {
			expect((await host.enableClientCredSsp([hop1])).ok).toBe(true);
			expect(await undoClient(host)).toMatchObject({ok: true});
		}
		expect(hklmList(state)).toEqual(original);
		gpupdate(state);
		expect(hklmList(state)).toEqual(original);
	}, 30_000);

	// The before the flow keeps (tree/client.ts), as read here; the undo is the one the flow runs.
	async function enableThenUndo(state: string) {
		host = await stubbedHost(state);
		const before = await host.readClientCredSsp();
		if (!before.ok) throw new Error('read-client-credssp failed');
		const {enabled, allowFreshSwitches, localGpoAllowFreshSwitches} = before.value;
		expect((await host.enableClientCredSsp([hop1])).ok).toBe(true);
		expect(clientOf(state).allowFreshSwitches).toBeUndefined();
		const switchesBefore =
			allowFreshSwitches === undefined
				? undefined
				: {hklm: allowFreshSwitches, localGpo: localGpoAllowFreshSwitches ?? allowFreshSwitches};
		const undone = await undoClient(host, {
			kind: 'restore-client',
			enabledBefore: enabled,
			added: [added],
			...(switchesBefore === undefined ? {} : {switchesBefore}),
		});
		expect(undone).toMatchObject({ok: true});
		return host;
	}

	test('enable, undo, gpupdate: "Concatenate OS defaults" left unchecked (0) comes back 0, in HKLM and Registry.pol', async () => {
		const state = scenarioCopy('existing-delegation', (scenario) => {
			const client = scenario.machines['admin-ws']!;
			client.allowFreshCredentials = ['TERMSRV/rds1.contoso.com'];
			client.allowFreshSwitches = {allowFresh: 1, concatenateDefaults: 0};
		});
		const start = clientOf(state);
		const undone = await enableThenUndo(state);
		expect(clientOf(state)).toEqual(start);
		const read = await undone.readClientCredSsp();
		expect(read.ok && read.value.localGpoAllowFreshSwitches).toEqual({
			allowFresh: 1,
			concatenateDefaults: 0,
		});
		gpupdate(state);
		expect(clientOf(state)).toEqual(start);
	}, 30_000);

	test('enable, undo, gpupdate: a local policy set to Disabled (0, concatenation unset) comes back Disabled', async () => {
		const state = scenarioCopy('local-delegation-disabled');
		const start = clientOf(state);
		const undone = await enableThenUndo(state);
		expect(clientOf(state)).toEqual(start);
		const read = await undone.readClientCredSsp();
		expect(read.ok && read.value.localGpoAllowFreshSwitches).toEqual({
			allowFresh: 0,
			concatenateDefaults: null,
		});
		gpupdate(state);
		expect(clientOf(state)).toEqual(start);
	}, 30_000);
});
