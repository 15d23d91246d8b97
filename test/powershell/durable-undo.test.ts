// Real pwsh against the stubs: doublehop's client undo goes through the store that
// Enable-WSManCredSSP -Role Client writes (the local GPO's Registry.pol), so a policy refresh
// (gpupdate) cannot bring a removed entry back, and a second enable starts from the undone list.
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, test} from 'vitest';
import {executeOperation} from '../../source/flow/execute.js';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import type {PowerShellHost} from '../../source/hosts/powershell/powershell-host.js';
import type {FlowState, Operation} from '../../source/tree/state.js';
import {noPwshReason, pwsh, scenarioCopy, stubbedHost, stubModule} from './pwsh.js';

const hop1 = 'hyperv1.contoso.com';
const added = `wsman/${hop1}`;
const original = ['wsman/sql01.contoso.com', 'wsman/*.fabrikam.com'];
const title = `durable client undo on the stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;

const hklmList = (state: string) =>
	(JSON.parse(readFileSync(state, 'utf8')) as Scenario).machines['admin-ws']!.allowFreshCredentials;

/** `gpupdate /target:computer /force` in a PowerShell of its own, as an admin (or a reboot) would. */
function gpupdate(state: string): void {
	execFileSync(
		pwsh!.executable,
		['-NoProfile', '-Command', `Import-Module '${stubModule}'; gpupdate /target:computer /force`],
		{env: {...process.env, DOUBLEHOP_LAB_STATE: state}, encoding: 'utf8'},
	);
}

/** The undo the flow runs for the client change, through the real executeOperation. */
async function undoClient(host: PowerShellHost) {
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
			undo: {kind: 'restore-client', enabledBefore: true, added: [added]},
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
});
