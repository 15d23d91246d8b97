// Real pwsh against the stubs: the client undo's set-delegation-list, days after the fix. HKLM
// may hold an entry the local Group Policy object does not (reg add), or a domain GPO's list
// deployed since; the undo takes out only doublehop's entry, and leaves a domain GPO's HKLM alone.
import {readFileSync, writeFileSync} from 'node:fs';
import {afterEach, describe, expect, test} from 'vitest';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import type {PowerShellHost} from '../../source/hosts/powershell/powershell-host.js';
import {restoreClientPlan} from '../../source/operations/enable-client-credssp.js';
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

describe.skipIf(pwsh === undefined)(title, () => {
	let host: PowerShellHost | undefined;
	afterEach(async () => {
		await host?.dispose();
		host = undefined;
	});

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
