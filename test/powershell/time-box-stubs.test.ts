// Real pwsh against the stubs: the time-boxed CredSSP scripts. The revert tasks are registered on
// this machine and on hop 1 (through the session) as SYSTEM with a -Once trigger at the UTC deadline,
// read back, and unregistered; then each task's encoded script is decoded and run the way the Task
// Scheduler would start it, on its own machine, and leaves both as the scenario started them.
import {spawnSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import type {LabMachine, Scenario} from '../../source/hosts/lab/scenario.js';
import {effective} from '../../source/hosts/lab/simulate.js';
import {revertTaskScript} from '../../source/operations/revert-task-script.js';
import type {RevertTask} from '../../source/windows/time-box.js';
import {Secret} from '../../source/safety/secret.js';
import {noPwshReason, pwsh, scenarioCopy, stubModule, stubbedHost} from './pwsh.js';
import {createLabHost} from '../../source/hosts/lab/lab-host.js';
import {labPassword, scenario} from '../helpers/session.js';

const title = `time-boxed CredSSP revert tasks, real pwsh against the stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;
const readState = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Scenario;
const credential = {user: 'CONTOSO\\admin', password: new Secret(labPassword)};
const hop1 = {hop1: 'hyperv1.contoso.com', credential};
const atUtc = '2030-01-02T21:30:00Z';

const serverTask: RevertTask = {
	taskName: 'doublehop-revert-test-hop1',
	atUtc,
	revert: {machine: 'hop1', serverRole: true},
};
const clientTask: RevertTask = {
	taskName: 'doublehop-revert-test-client',
	atUtc,
	revert: {machine: 'client', addedEntries: ['wsman/hyperv1.contoso.com'], clientWasEnabled: false},
};

/** Runs a task's action as the Task Scheduler would: its -EncodedCommand, on its machine. */
function fire(statePath: string, machine: string, argumentsText: string) {
	const encoded = /-EncodedCommand (\S+)$/.exec(argumentsText)?.[1] ?? '';
	return spawnSync(
		pwsh?.executable ?? 'pwsh',
		[
			'-NoProfile',
			'-NonInteractive',
			'-Command',
			`$ErrorActionPreference = 'Stop'; Import-Module '${stubModule}'; & ([scriptblock]::Create([Text.Encoding]::Unicode.GetString([Convert]::FromBase64String($env:TASK_COMMAND))))`,
		],
		{
			encoding: 'utf8',
			env: {
				...process.env,
				DOUBLEHOP_LAB_STATE: statePath,
				DOUBLEHOP_STUB_MACHINE: machine,
				TASK_COMMAND: encoded,
			},
			timeout: 60_000,
		},
	);
}

describe.skipIf(pwsh === undefined)(title, () => {
	test('registered as SYSTEM at the UTC deadline on both machines, read, and unregistered', async () => {
		const state = scenarioCopy('classic');
		const host = await stubbedHost(state);
		try {
			expect(await host.registerRevertTask(serverTask, hop1)).toMatchObject({ok: true});
			expect(await host.registerRevertTask(clientTask, undefined)).toMatchObject({ok: true});
			const machines = readState(state).machines;
			const [onHop1] = machines.hyperv1?.scheduledTasks ?? [];
			const [onClient] = machines['admin-ws']?.scheduledTasks ?? [];
			expect(onHop1).toMatchObject({
				taskName: serverTask.taskName,
				atUtc,
				execute: 'powershell.exe',
				userId: 'S-1-5-18',
				startWhenAvailable: true,
				// A year after the deadline: without an end boundary, StartWhenAvailable would never
				// start the -Once task on a machine that was off at the deadline.
				endBoundaryUtc: '2031-01-02T21:30:00Z',
				// A laptop on battery at the deadline still reverts (the defaults would not start it).
				disallowStartIfOnBatteries: false,
				stopIfGoingOnBatteries: false,
				lastTaskResult: 267011,
			});
			expect(onClient).toMatchObject({atUtc, endBoundaryUtc: '2031-01-02T21:30:00Z'});
			// The action runs exactly the revert script, encoded as -EncodedCommand expects it.
			const encoded =
				/^-NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand (\S+)$/.exec(
					onClient?.arguments ?? '',
				)?.[1];
			expect(Buffer.from(encoded ?? '', 'base64').toString('utf16le')).toBe(
				revertTaskScript(clientTask),
			);

			expect(await host.readRevertTask(serverTask.taskName, hop1)).toMatchObject({
				ok: true,
				value: {found: true, lastTaskResult: 267011},
			});
			expect(await host.unregisterRevertTask(serverTask.taskName, hop1)).toEqual({
				ok: true,
				value: {output: ''},
			});
			expect(await host.readRevertTask(serverTask.taskName, hop1)).toMatchObject({
				ok: true,
				value: {found: false},
			});
			expect(readState(state).machines.hyperv1?.scheduledTasks).toBeUndefined();
			// Unregistering a task that is gone is Windows' not-found record, not a silent success.
			const again = await host.unregisterRevertTask(serverTask.taskName, hop1);
			expect(again.ok).toBe(false);
			if (!again.ok)
				expect(again.error.message).toContain(
					`No MSFT_ScheduledTask objects found with property 'TaskName' equal to '${serverTask.taskName}'`,
				);
		} finally {
			await host.dispose();
		}
	}, 90_000);

	// On a German build S-1-5-18 is "NT-AUTORITÄT\SYSTEM": the English name does not resolve
	// ("No mapping between account names and security IDs was done.", 0x80070534), the SID does.
	test('registered on a hop 1 whose display language is German: the SYSTEM principal is its SID', async () => {
		const state = scenarioCopy('classic', (scenario) => {
			scenario.machines.hyperv1!.localSystemName = 'NT-AUTORITÄT\\SYSTEM';
		});
		const host = await stubbedHost(state);
		try {
			expect(await host.registerRevertTask(serverTask, hop1)).toMatchObject({ok: true});
		} finally {
			await host.dispose();
		}
		expect(readState(state).machines.hyperv1?.scheduledTasks?.[0]?.userId).toBe('S-1-5-18');
	}, 90_000);

	// Transcripts of Register-ScheduledTask in a shell that is not elevated (e.g. CaT_Scheduler's
	// log): "Access is denied.", PermissionDenied (PS_ScheduledTask:...) CimException,
	// HRESULT 0x80070005,Register-ScheduledTask. Through a session to hop 1 the admin is elevated.
	test('registering on this machine from a shell that is not elevated is Access is denied, as Windows and the lab answer', async () => {
		const state = scenarioCopy('not-elevated');
		const host = await stubbedHost(state);
		const lab = createLabHost({scenario: scenario('not-elevated')});
		try {
			const refused = await host.registerRevertTask(clientTask, undefined);
			expect(refused.ok).toBe(false);
			if (!refused.ok) {
				// CimException's text ends in CR/LF, as in the transcripts; the host trims it.
				expect(refused.error.message).toBe('Access is denied.');
				expect(refused.error.fullyQualifiedErrorId).toBe(
					'HRESULT 0x80070005,Register-ScheduledTask',
				);
				expect(refused.error.categoryInfo).toMatch(
					/^PermissionDenied: .*\[Register-ScheduledTask\], CimException$/,
				);
			}
			expect(readState(state).machines['admin-ws']?.scheduledTasks).toBeUndefined();
			const labRefused = await lab.registerRevertTask(clientTask, undefined);
			expect(labRefused.ok ? 'registered' : labRefused.error.fullyQualifiedErrorId).toBe(
				'HRESULT 0x80070005,Register-ScheduledTask',
			);
			expect(labRefused.ok ? '' : labRefused.error.message).toBe('Access is denied.');
		} finally {
			await host.dispose();
		}
	}, 90_000);

	test('each task, fired as the Task Scheduler starts it, reverts its machine and removes itself', async () => {
		const state = scenarioCopy('existing-delegation');
		const start = readState(state).machines;
		const host = await stubbedHost(state);
		try {
			// The fix a time-boxed run made, then its two revert tasks.
			expect(await host.enableClientCredSsp(['hyperv1.contoso.com'])).toMatchObject({ok: true});
			expect(await host.enableServerCredSsp('hyperv1.contoso.com', credential)).toMatchObject({
				ok: true,
			});
			expect(await host.registerRevertTask(serverTask, hop1)).toMatchObject({ok: true});
			// Client CredSSP was already on here: the revert leaves it on.
			const wasOn = {...clientTask, revert: {...clientTask.revert, clientWasEnabled: true}};
			expect(await host.registerRevertTask(wasOn, undefined)).toMatchObject({ok: true});
		} finally {
			await host.dispose();
		}
		const fixed = readState(state).machines;
		expect(fixed['admin-ws']?.allowFreshCredentials).toContain('wsman/hyperv1.contoso.com');
		expect(fixed.hyperv1?.credssp.server).toBe(true);

		const onHop1 = fire(state, 'hyperv1', fixed.hyperv1?.scheduledTasks?.[0]?.arguments ?? '');
		expect(onHop1.stderr).toBe('');
		expect(onHop1.status).toBe(0);
		const onClient = fire(
			state,
			'admin-ws',
			fixed['admin-ws']?.scheduledTasks?.[0]?.arguments ?? '',
		);
		expect(onClient.stderr).toBe('');
		expect(onClient.status).toBe(0);

		const after = readState(state).machines;
		expect(after.hyperv1).toEqual(start.hyperv1);
		// The entries that were there before stay, in order; the switch is back off.
		expect(after['admin-ws']?.allowFreshCredentials).toEqual(
			start['admin-ws']?.allowFreshCredentials,
		);
		expect(after['admin-ws']?.credssp).toEqual(start['admin-ws']?.credssp);
		expect(after['admin-ws']?.scheduledTasks).toBeUndefined();
	}, 120_000);
	// A GPO that since took over WinRM Service "Allow CredSSP authentication" makes the server
	// Disable a refused WS-Man Put (CredSSP.cs; the stubs' "controlled by policies" error). The
	// task still removes the listener and the 5986 rule, and stays registered for undo to find.
	test('the hop-1 task whose Disable-WSManCredSSP fails still removes the listener and the rule, and stays registered', async () => {
		const rule = 'doublehop-winrm-https-5986';
		const state = scenarioCopy('classic', (scenario) => {
			const server = scenario.machines.hyperv1!;
			server.credssp.server = true;
			server.policies.serviceAllowCredSsp = true;
			server.listeners.push({
				transport: 'HTTPS',
				address: '*',
				port: 5986,
				hostname: 'hyperv1.contoso.com',
				certificateThumbprint: '3E5C9A7B1D2F4E6A8B0C1D2E3F4A5B6C7D8E9F01',
				enabled: true,
				source: 'Local',
			});
			server.firewallRules.push({
				name: rule,
				displayName: 'Windows Remote Management (HTTPS-In)',
				port: 5986,
				enabled: true,
				profile: 'Any',
			});
		});
		const task: RevertTask = {
			...serverTask,
			revert: {machine: 'hop1', serverRole: true, httpsListener: {firewallRule: rule}},
		};
		const host = await stubbedHost(state);
		try {
			expect(await host.registerRevertTask(task, hop1)).toMatchObject({ok: true});
		} finally {
			await host.dispose();
		}
		const fixed = readState(state).machines.hyperv1;
		const fired = fire(state, 'hyperv1', fixed?.scheduledTasks?.[0]?.arguments ?? '');
		expect(fired.stderr).toContain('controlled by policies');
		expect(fired.status).not.toBe(0);
		const after = readState(state).machines.hyperv1;
		expect(after?.listeners.filter((l) => l.transport === 'HTTPS')).toEqual([]);
		expect(after?.firewallRules.map((r) => r.name)).not.toContain(rule);
		expect(after?.scheduledTasks?.map((t) => t.taskName)).toEqual([task.taskName]);
	}, 120_000);

	// Client Windows ships WinRM Manual: after a reboot (the task starts when available) or
	// doublehop's own undo it is stopped, and the WSMan: drive will not start it without -Force.
	test('the client task fired with WinRM stopped turns CredSSP off, takes its entry out, removes itself and leaves WinRM stopped', async () => {
		const state = scenarioCopy('classic', (scenario) => {
			const client = scenario.machines['admin-ws'];
			if (client !== undefined) client.winrmStartType = 'Manual';
		});
		const start = readState(state).machines['admin-ws'];
		const host = await stubbedHost(state);
		try {
			expect(await host.enableClientCredSsp(['hyperv1.contoso.com'])).toMatchObject({ok: true});
			expect(await host.registerRevertTask(clientTask, undefined)).toMatchObject({ok: true});
		} finally {
			await host.dispose();
		}
		const fixed = readState(state);
		const client = fixed.machines['admin-ws'];
		expect(client?.credssp.client).toBe(true);
		expect(client?.allowFreshCredentials).toContain('wsman/hyperv1.contoso.com');
		if (client !== undefined) client.winrmRunning = false;
		writeFileSync(state, JSON.stringify(fixed, null, 2));

		const fired = fire(state, 'admin-ws', client?.scheduledTasks?.[0]?.arguments ?? '');
		expect(fired.stderr).toBe('');
		expect(fired.status).toBe(0);

		const after = readState(state).machines['admin-ws'];
		expect(after?.credssp).toEqual(start?.credssp);
		expect(after?.allowFreshCredentials).toEqual(start?.allowFreshCredentials);
		expect(after?.scheduledTasks).toBeUndefined();
		expect(after?.winrmRunning).toBe(false);
	}, 120_000);

	// Two time-boxed runs from this machine: the first turned client CredSSP on for hyperv1, the
	// second added hyperv2 (its own deadline later). The first task takes its entry out; hyperv2's
	// entry still needs the switch, so it stays on, as the policy's switches do (the same rule,
	// windows/delegation.ts listAsItWas). With the list back as it was, the switch goes off.
	test.each([
		{name: 'an entry added since', more: ['hyperv2.contoso.com'], on: true},
		{name: 'the list back as it was', more: [], on: false},
	])(
		'the client task that turned CredSSP on, with $name: the switch is on afterwards: $on',
		async ({more, on}) => {
			const state = scenarioCopy('classic');
			const none = {allowFresh: null, concatenateDefaults: null};
			const task: RevertTask = {
				...clientTask,
				revert: {
					machine: 'client',
					addedEntries: ['wsman/hyperv1.contoso.com'],
					clientWasEnabled: false,
					switchesBefore: {hklm: none, localGpo: none},
					listBefore: [],
				},
			};
			const host = await stubbedHost(state);
			try {
				expect(await host.enableClientCredSsp(['hyperv1.contoso.com'])).toMatchObject({ok: true});
				if (more.length > 0) expect(await host.enableClientCredSsp(more)).toMatchObject({ok: true});
				expect(await host.registerRevertTask(task, undefined)).toMatchObject({ok: true});
			} finally {
				await host.dispose();
			}
			const fixed = readState(state).machines['admin-ws'];
			const fired = fire(state, 'admin-ws', fixed?.scheduledTasks?.[0]?.arguments ?? '');
			expect(fired.stderr).toBe('');
			expect(fired.status).toBe(0);
			const after = readState(state).machines['admin-ws'];
			expect(after?.scheduledTasks).toBeUndefined();
			expect(after?.allowFreshCredentials).toEqual(more.map((name) => `wsman/${name}`));
			expect(after?.credssp.client).toBe(on);
		},
		150_000,
	);

	// Days later, HKLM holds more than the local GPO: an entry added by reg add, or a domain GPO's
	// list deployed since. The task takes only its entry out of each; a domain GPO's HKLM is left
	// to Group Policy (RSOP names it), so its entries and switch stay in force.
	test.each([
		{
			name: 'an entry added to HKLM by hand',
			edit: (client: LabMachine) => client.allowFreshCredentials.push('wsman/sql01.contoso.com'),
			left: ['wsman/sql01.contoso.com'],
		},
		{
			name: "a domain GPO's list",
			edit: (client: LabMachine) => {
				client.policies.allowFreshCredentials = ['wsman/*.contoso.com'];
			},
			left: ['wsman/*.contoso.com'],
		},
	])(
		'the client task fired after $name: HKLM keeps it, with its switch',
		async ({edit, left}) => {
			const state = scenarioCopy('classic');
			const host = await stubbedHost(state);
			try {
				expect(await host.enableClientCredSsp(['hyperv1.contoso.com'])).toMatchObject({ok: true});
				expect(await host.registerRevertTask(clientTask, undefined)).toMatchObject({ok: true});
			} finally {
				await host.dispose();
			}
			const fixed = readState(state);
			edit(fixed.machines['admin-ws']!);
			writeFileSync(state, JSON.stringify(fixed, null, 2));
			const task = fixed.machines['admin-ws']?.scheduledTasks?.[0]?.arguments ?? '';
			const fired = fire(state, 'admin-ws', task);
			expect(fired.stderr).toBe('');
			expect(fired.status).toBe(0);
			const after = readState(state).machines['admin-ws']!;
			expect(after.scheduledTasks).toBeUndefined();
			expect(effective.allowFresh(after)).toEqual(left);
			expect(effective.allowFreshSwitches(after)).toEqual({allowFresh: 1, concatenateDefaults: 1});
		},
		150_000,
	);

	// CredSSP turned on for an entry that was there already (no entry added): the task still reads
	// the list, and an entry added since keeps the switch on.
	test('the client task of a run that only turned CredSSP on keeps it on for an entry added since', async () => {
		const state = scenarioCopy('classic', (scenario) => {
			scenario.machines['admin-ws']!.allowFreshCredentials = ['wsman/hyperv1.contoso.com'];
		});
		const task: RevertTask = {
			...clientTask,
			revert: {
				machine: 'client',
				addedEntries: [],
				clientWasEnabled: false,
				listBefore: ['wsman/hyperv1.contoso.com'],
			},
		};
		const host = await stubbedHost(state);
		try {
			expect(await host.setClientCredSsp(true)).toMatchObject({ok: true});
			expect(await host.enableClientCredSsp(['hyperv2.contoso.com'])).toMatchObject({ok: true});
			expect(await host.registerRevertTask(task, undefined)).toMatchObject({ok: true});
		} finally {
			await host.dispose();
		}
		const fixed = readState(state).machines['admin-ws'];
		const fired = fire(state, 'admin-ws', fixed?.scheduledTasks?.[0]?.arguments ?? '');
		expect(fired.stderr).toBe('');
		expect(fired.status).toBe(0);
		const after = readState(state).machines['admin-ws'];
		expect(after?.allowFreshCredentials).toEqual([
			'wsman/hyperv1.contoso.com',
			'wsman/hyperv2.contoso.com',
		]);
		expect(after?.credssp.client).toBe(true);
	}, 150_000);

	// The policy as the admin had it before the run: Disabled (no list), or Enabled with
	// "Concatenate OS defaults" unchecked beside a TERMSRV entry.
	const policiesBefore = [
		{
			name: 'Disabled',
			scenario: 'local-delegation-disabled',
			list: [] as string[],
			switches: {allowFresh: 0, concatenateDefaults: null},
		},
		{
			name: '"Concatenate OS defaults" unchecked',
			scenario: 'existing-delegation',
			list: ['TERMSRV/rds1.contoso.com'],
			switches: {allowFresh: 1, concatenateDefaults: 0},
		},
	];

	/**
	 * The run's fix (CredSSP already on, so the task leaves it), then `more` added by a later run,
	 * then the run's client revert task registered with the undo record's switches and list before,
	 * fired at the deadline. Returns the client as a fresh read then finds it.
	 */
	async function fireClientRevert(policy: (typeof policiesBefore)[number], more: string[]) {
		const state = scenarioCopy(policy.scenario, (scenario) => {
			const client = scenario.machines['admin-ws']!;
			client.credssp.client = true;
			client.allowFreshCredentials = policy.list;
			client.allowFreshSwitches = policy.switches;
		});
		const task: RevertTask = {
			...clientTask,
			revert: {
				machine: 'client',
				addedEntries: ['wsman/hyperv1.contoso.com'],
				clientWasEnabled: true,
				switchesBefore: {hklm: policy.switches, localGpo: policy.switches},
				listBefore: policy.list,
			},
		};
		const host = await stubbedHost(state);
		try {
			expect(await host.enableClientCredSsp(['hyperv1.contoso.com'])).toMatchObject({ok: true});
			if (more.length > 0) expect(await host.enableClientCredSsp(more)).toMatchObject({ok: true});
			expect(await host.registerRevertTask(task, undefined)).toMatchObject({ok: true});
		} finally {
			await host.dispose();
		}
		const fixed = readState(state).machines['admin-ws'];
		const fired = fire(state, 'admin-ws', fixed?.scheduledTasks?.[0]?.arguments ?? '');
		expect(fired.stderr).toBe('');
		expect(fired.status).toBe(0);
		expect(readState(state).machines['admin-ws']?.scheduledTasks).toBeUndefined();
		const reader = await stubbedHost(state);
		try {
			const read = await reader.readClientCredSsp();
			if (!read.ok) throw new Error('read-client-credssp failed');
			return read.value;
		} finally {
			await reader.dispose();
		}
	}

	test.each(policiesBefore)(
		'policy $name before: with an entry added since, the task takes out its own, keeps the other, and leaves the policy Enabled (1, 1) in HKLM and Registry.pol',
		async (policy) => {
			const after = await fireClientRevert(policy, ['hyperv2.contoso.com']);
			const left = [...policy.list, 'wsman/hyperv2.contoso.com'];
			expect(after.allowFreshCredentials).toEqual(left);
			expect(after.localGpoAllowFreshCredentials).toEqual(left);
			const enabled = {allowFresh: 1, concatenateDefaults: 1};
			expect(after.allowFreshSwitches).toEqual(enabled);
			expect(after.localGpoAllowFreshSwitches).toEqual(enabled);
		},
		150_000,
	);

	// The other half of the rule (the old task passed it too): nothing else left, the policy returns.
	test.each(policiesBefore)(
		'policy $name before: with the list back as it was, the task puts the policy back in HKLM and Registry.pol',
		async (policy) => {
			const after = await fireClientRevert(policy, []);
			expect(after.allowFreshCredentials).toEqual(policy.list);
			expect(after.localGpoAllowFreshCredentials).toEqual(policy.list);
			expect(after.allowFreshSwitches).toEqual(policy.switches);
			expect(after.localGpoAllowFreshSwitches).toEqual(policy.switches);
		},
		150_000,
	);
});
