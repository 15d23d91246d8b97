// Real pwsh against the stubs: Group Policy edge cases on the real host's scripts. The stubs play
// Windows: Enable-WSManCredSSP polls for its entry under a domain GPO before failing; a GPO can
// disable or deny delegation; a GPO that turns client CredSSP on refuses the cmdlet's Put.
import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, test} from 'vitest';
import {executeOperation} from '../../source/flow/execute.js';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import type {PowerShellHost} from '../../source/hosts/powershell/powershell-host.js';
import {changeOperation} from '../../source/tree/change.js';
import {makePlan} from '../../source/tree/plan.js';
import type {FlowState} from '../../source/tree/state.js';
import {noPwshReason, pwsh, scenarioCopy, stubbedHost} from './pwsh.js';

const hop1 = 'hyperv1.contoso.com';
const title = `Group Policy edge cases on the stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;
const client = (state: string) =>
	(JSON.parse(readFileSync(state, 'utf8')) as Scenario).machines['admin-ws']!;

describe.skipIf(pwsh === undefined)(title, () => {
	let host: PowerShellHost | undefined;
	afterEach(async () => {
		await host?.dispose();
		host = undefined;
	});

	test("Enable-WSManCredSSP under a domain delegation GPO: its own error after its wait, not doublehop's time-out", async () => {
		// The cmdlet's 60 polls, scaled down to 3 s, against a 2 s limit for every other call.
		host = await stubbedHost(
			scenarioCopy('domain-delegation-gpo'),
			{timeoutSeconds: 2},
			{DOUBLEHOP_STUB_POLICY_POLL_SECONDS: '3'},
		);
		const result = await host.enableClientCredSsp([hop1]);
		expect(result.ok || result.error.message).toBe(
			'This command cannot be executed because the setting cannot be enabled.',
		);
	}, 30_000);

	test('a domain GPO that disables delegation is read, and the plan is blocked', async () => {
		host = await stubbedHost(scenarioCopy('delegation-disabled-gpo'));
		const read = await host.readClientCredSsp();
		expect(read.ok && read.value.policyDelegationDisabled?.value).toBe(true);
		if (!read.ok) return;
		const plan = makePlan(read.value, {enabled: false, oraclePatched: true}, hop1);
		expect(plan.client).toMatchObject({action: 'blocked'});
	}, 30_000);

	test('a GPO deny list covering the first hop is read, and the plan is blocked', async () => {
		host = await stubbedHost(scenarioCopy('deny-delegation-gpo'));
		const read = await host.readClientCredSsp();
		expect(read.ok && read.value.policyDenyDelegation?.value).toEqual(['wsman/*.contoso.com']);
		if (!read.ok) return;
		const plan = makePlan(read.value, {enabled: false, oraclePatched: true}, hop1);
		expect(plan.client).toMatchObject({action: 'blocked'});
	}, 30_000);

	test('a GPO turns client CredSSP on: the client step adds only the entry, with no Put', async () => {
		const state = scenarioCopy('gpo-client-enabled');
		host = await stubbedHost(state);
		const read = await host.readClientCredSsp();
		if (!read.ok) throw new Error(read.error.message);
		const plan = makePlan(read.value, {enabled: false, oraclePatched: true}, hop1);
		const flow = {inputs: {hop1}, plan} as FlowState;
		// The client step's operation, as the tree picks it from the plan.
		const pending = changeOperation(flow, {
			id: 'run:client',
			stage: 'client',
			machine: 'ADMIN-WS',
			setting: 'CredSSP client and delegation list',
			before: '',
			after: '',
			command: '',
			undo: {kind: 'restore-client', enabledBefore: true, added: []},
			undoCommand: '',
		});
		if (pending.kind !== 'run') throw new Error('the client step ran nothing');
		const result = await executeOperation(host, flow, pending.operation);
		expect(result).toMatchObject({ok: true});
		expect(client(state).allowFreshCredentials).toEqual([`wsman/${hop1}`]);
		const after = await host.readClientCredSsp();
		expect(after.ok && after.value.localGpoAllowFreshCredentials).toEqual([`wsman/${hop1}`]);
		expect(after.ok && after.value.enabled).toBe(true);
	}, 30_000);
});
