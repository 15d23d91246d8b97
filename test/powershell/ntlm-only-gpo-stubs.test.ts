// Real pwsh against the stubs: the NTLM-only list where Group Policy configures it. A refresh
// (gpupdate) rewrites HKLM's list from the GPO that configures it, so set-ntlm-only-list writes the
// local GPO's Registry.pol too, and its undo takes doublehop's entry out of both; a domain GPO's
// list is read from RSOP.
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {executeOperation} from '../../source/flow/execute.js';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import type {PowerShellHost} from '../../source/hosts/powershell/powershell-host.js';
import type {ChangeRecord, FlowState, Operation} from '../../source/tree/state.js';
import {noPwshReason, pwsh, scenarioCopy, stubbedHost, stubModule} from './pwsh.js';

const title = `the NTLM-only list under Group Policy, real pwsh against the stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;
const kept = 'wsman/192.168.7.5';
const entry = 'wsman/10.0.0.21';
const hklmList = (state: string) =>
	(JSON.parse(readFileSync(state, 'utf8')) as Scenario).machines['admin-ws']!
		.allowFreshCredentialsNtlmOnly;

/** `gpupdate /target:computer /force` in a PowerShell of its own, as an admin (or a reboot) would. */
function gpupdate(state: string): void {
	execFileSync(
		pwsh!.executable,
		['-NoProfile', '-Command', `Import-Module '${stubModule}'; gpupdate /target:computer /force`],
		{env: {...process.env, DOUBLEHOP_LAB_STATE: state}, encoding: 'utf8'},
	);
}

/** The undo the flow runs for the NTLM-only change, through the real executeOperation. */
async function undoNtlmOnly(
	host: PowerShellHost,
	undo: Extract<ChangeRecord['undo'], {kind: 'restore-ntlm-only'}>,
) {
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
	return executeOperation(host, {inputs: {hop1: '10.0.0.21'}} as FlowState, operation);
}

async function localGpoList(host: PowerShellHost) {
	const read = await host.readClientCredSsp();
	if (!read.ok) throw new Error('read-client-credssp failed');
	return read.value.localGpoAllowFreshCredentialsNtlmOnly;
}

describe.skipIf(pwsh === undefined)(title, () => {
	test('a local GPO configures it: an HKLM-only entry is gone after gpupdate; written in Registry.pol too, it stays, and undo takes it out of both', async () => {
		const state = scenarioCopy('ip-first-hop', (lab) => {
			lab.machines['admin-ws']!.localGpoAllowFreshCredentialsNtlmOnly = [kept];
		});
		const host = await stubbedHost(state);
		try {
			expect(await localGpoList(host)).toEqual([kept]);
			// The stubs model Windows: the refresh rewrites HKLM's list from the local GPO's.
			await host.setNtlmOnlyList([kept, entry]);
			gpupdate(state);
			expect(hklmList(state)).toEqual([kept]);

			await host.setNtlmOnlyList([kept, entry], undefined, undefined, [kept, entry]);
			gpupdate(state);
			expect(hklmList(state)).toEqual([kept, entry]);
			expect(await localGpoList(host)).toEqual([kept, entry]);

			const undone = await undoNtlmOnly(host, {
				kind: 'restore-ntlm-only',
				added: [entry],
				listBefore: [kept],
				localGpo: {added: [entry], listBefore: [kept]},
			});
			expect(undone.ok).toBe(true);
			gpupdate(state);
			expect(hklmList(state)).toEqual([kept]);
			expect(await localGpoList(host)).toEqual([kept]);
		} finally {
			await host.dispose();
		}
	}, 120_000);

	test('not configured in the local GPO before: undo leaves it Not configured there again', async () => {
		const state = scenarioCopy('ip-first-hop');
		const host = await stubbedHost(state);
		try {
			expect(await localGpoList(host)).toBeUndefined();
			await host.setNtlmOnlyList([kept, entry], undefined, undefined, [kept, entry]);
			expect(await localGpoList(host)).toEqual([kept, entry]);
			const undone = await undoNtlmOnly(host, {
				kind: 'restore-ntlm-only',
				added: [entry],
				listBefore: [kept],
				localGpo: {added: [entry], listBefore: null},
			});
			expect(undone.ok).toBe(true);
			expect(await localGpoList(host)).toBeUndefined();
			gpupdate(state);
			expect(hklmList(state)).toEqual([kept]);
		} finally {
			await host.dispose();
		}
	}, 120_000);

	test("a domain GPO's NTLM-only list is read from RSOP", async () => {
		const state = scenarioCopy('ip-first-hop', (lab) => {
			lab.machines['admin-ws']!.policies.allowFreshCredentialsNtlmOnly = [kept];
		});
		const host = await stubbedHost(state);
		try {
			const read = await host.readClientCredSsp();
			expect(read).toMatchObject({
				ok: true,
				value: {
					policyNtlmOnlyDelegation: {
						value: [kept],
						policyPath:
							'Computer Configuration > Administrative Templates > System > Credentials Delegation > Allow delegating fresh credentials with NTLM-only server authentication',
					},
				},
			});
		} finally {
			await host.dispose();
		}
	}, 120_000);
});
