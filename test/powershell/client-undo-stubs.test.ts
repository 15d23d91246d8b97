// Real pwsh against the stubs: the client undo's set-delegation-list, days after the fix. HKLM
// may hold an entry the local Group Policy object does not (reg add), or a domain GPO's list
// deployed since; the undo takes out only doublehop's entry, and leaves a domain GPO's HKLM alone.
import {readFileSync, writeFileSync} from 'node:fs';
import {afterEach, describe, expect, test} from 'vitest';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import type {PowerShellHost} from '../../source/hosts/powershell/powershell-host.js';
import {restoreClientPlan} from '../../source/operations/enable-client-credssp.js';
import {switchesRead} from '../../source/windows/delegation.js';
import {createLabHost} from '../../source/hosts/lab/lab-host.js';
import {noPwshReason, pwsh, scenarioCopy, stubbedHost} from './pwsh.js';

const hop1 = 'hyperv1.contoso.com';
const added = `wsman/${hop1}`;
const title = `the client undo on the stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;

/** Edits the client in the stubs' state file, as days passing would. */
function later(state: string, edit: (client: Scenario['machines'][string]) => void): void {
	const lab = JSON.parse(readFileSync(state, 'utf8')) as Scenario;
	edit(lab.machines[lab.client]!);
	writeFileSync(state, JSON.stringify(lab));
}

/** Reads the client, and runs the undo's list write as flow/execute.ts does. */
async function undoClientList(host: PowerShellHost): Promise<void> {
	const read = await host.readClientCredSsp();
	if (!read.ok) throw new Error(read.error.message);
	const {list, switches, hklm} = restoreClientPlan(read.value, [added], false, undefined, []);
	if (list === undefined) throw new Error('the undo writes nothing');
	const written = await host.setDelegationList(list, switches, hklm);
	if (!written.ok) throw new Error(written.error.message);
}

/** The client change and its undo as the flow runs them: the read before, the journal's keys and switches. */
async function enableThenUndo(host: PowerShellHost, withKeys = true): Promise<void> {
	const before = await host.readClientCredSsp();
	if (!before.ok) throw new Error(before.error.message);
	const keys = before.value.delegationKeys;
	const switchesBefore = switchesRead(before.value);
	expect(await host.enableClientCredSsp([hop1])).toMatchObject({ok: true});
	const now = await host.readClientCredSsp();
	if (!now.ok) throw new Error(now.error.message);
	const {list, switches, hklm, keysBefore} = restoreClientPlan(
		now.value,
		[added],
		before.value.enabled,
		switchesBefore,
		before.value.allowFreshCredentials,
		withKeys && keys !== undefined ? {parent: keys.parent, list: keys.allowFresh} : undefined,
	);
	if (list === undefined) throw new Error('the undo writes nothing');
	const written = await host.setDelegationList(list, switches, hklm, keysBefore);
	if (!written.ok) throw new Error(written.error.message);
}

const machinesOf = (state: string) =>
	(JSON.parse(readFileSync(state, 'utf8')) as Scenario).machines;

describe.skipIf(pwsh === undefined)(title, () => {
	let host: PowerShellHost | undefined;
	afterEach(async () => {
		await host?.dispose();
		host = undefined;
	});

	// Enable-WSManCredSSP creates CredentialsDelegation and its AllowFreshCredentials key
	// (CredSSP.cs UpdateGPORegistrySettings CreateSubKey): undo takes away the ones it made.
	test('undo removes the empty CredentialsDelegation key Enable-WSManCredSSP created', async () => {
		const state = scenarioCopy('classic');
		const start = machinesOf(state);
		host = await stubbedHost(state);
		await enableThenUndo(host);
		expect(machinesOf(state)['admin-ws']?.emptyPolicyKeys).toBeUndefined();
		expect(machinesOf(state)['admin-ws']?.allowFreshCredentials).toEqual(
			start['admin-ws']?.allowFreshCredentials,
		);
	}, 60_000);

	test('undo from an older journal (no keysBefore) leaves the keys as the write leaves them', async () => {
		const state = scenarioCopy('classic');
		host = await stubbedHost(state);
		await enableThenUndo(host, false);
		expect(machinesOf(state)['admin-ws']?.emptyPolicyKeys).toEqual(['CredentialsDelegation']);
	}, 60_000);

	// `reg add ... /d 1` writes a REG_SZ unless /t names a type: undo puts back a REG_SZ, not a DWORD.
	test('undo puts REG_SZ switches back as REG_SZ, with their text, beside the entry that was there', async () => {
		const state = scenarioCopy('classic', (lab) => {
			const client = lab.machines['admin-ws']!;
			client.allowFreshCredentials = ['TERMSRV/*'];
			client.allowFreshSwitches = {allowFresh: '1', concatenateDefaults: '1'};
			client.localGpoAllowFreshSwitches = {allowFresh: 1, concatenateDefaults: 1};
		});
		const start = machinesOf(state);
		host = await stubbedHost(state);
		await enableThenUndo(host);
		const after = machinesOf(state)['admin-ws'];
		expect(after?.allowFreshCredentials).toEqual(['TERMSRV/*']);
		expect(after?.allowFreshSwitches).toEqual(start['admin-ws']?.allowFreshSwitches);
	}, 60_000);

	test('an entry added to HKLM by hand stays, with its switch on; the local GPO is as before', async () => {
		const state = scenarioCopy('classic');
		host = await stubbedHost(state);
		expect(await host.enableClientCredSsp([hop1])).toMatchObject({ok: true});
		later(state, (client) => client.allowFreshCredentials.push('wsman/sql01.contoso.com'));
		await undoClientList(host);
		const after = await host.readClientCredSsp();
		expect(after.ok && after.value.allowFreshCredentials).toEqual(['wsman/sql01.contoso.com']);
		expect(after.ok && after.value.allowFreshSwitches).toEqual({
			allowFresh: 1,
			concatenateDefaults: 1,
		});
		expect(after.ok && after.value.localGpoAllowFreshCredentials).toEqual([]);
	}, 60_000);

	test("a domain GPO's list deployed since: HKLM keeps its entries and switch", async () => {
		const state = scenarioCopy('classic');
		host = await stubbedHost(state);
		expect(await host.enableClientCredSsp([hop1])).toMatchObject({ok: true});
		later(state, (client) => {
			client.policies.allowFreshCredentials = ['wsman/*.contoso.com'];
		});
		await undoClientList(host);
		const after = await host.readClientCredSsp();
		expect(after.ok && after.value.allowFreshCredentials).toEqual(['wsman/*.contoso.com']);
		expect(after.ok && after.value.allowFreshSwitches).toEqual({
			allowFresh: 1,
			concatenateDefaults: 1,
		});
		expect(after.ok && after.value.localGpoAllowFreshCredentials).toEqual([]);
	}, 60_000);

	// Value names 1 and 3 (one deleted by hand): Enable-WSManCredSSP names its value ValueCount+1,
	// "3" (PowerShell src/Microsoft.WSMan.Management/CredSSP.cs:675-679), replacing TERMSRV/*. The
	// read says so, and the stubs and the lab replace alike.
	test('a gap in the value names: read as such, and Enable-WSManCredSSP replaces entry 3 on both hosts', async () => {
		const gapped = (scenario: Scenario) => {
			const client = scenario.machines[scenario.client]!;
			client.allowFreshCredentials = ['wsman/sql01.contoso.com', 'TERMSRV/*'];
			client.localGpoValueNames = ['1', '3'];
		};
		const state = scenarioCopy('classic', gapped);
		host = await stubbedHost(state);
		const lab = createLabHost({scenario: JSON.parse(readFileSync(state, 'utf8')) as Scenario});
		for (const each of [host, lab]) {
			const read = await each.readClientCredSsp();
			expect(read.ok && read.value.localGpoListGaps).toBe(true);
			expect(await each.enableClientCredSsp([hop1])).toMatchObject({ok: true});
			const after = await each.readClientCredSsp();
			expect(after.ok && after.value.localGpoAllowFreshCredentials).toEqual([
				'wsman/sql01.contoso.com',
				added,
			]);
		}
	}, 60_000);
});
