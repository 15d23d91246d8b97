// The lab fires a revert task as its script runs on Windows (operations/revert-task-script.ts):
// each step tried, so a server CredSSP setting a GPO holds still lets the listener and the 5986
// rule go, and the failure keeps the task registered (LastTaskResult 1) for undo to find.
import {describe, expect, test} from 'vitest';
import {advanceLabClock} from '../../source/hosts/lab/scheduled-tasks.js';
import type {LabState} from '../../source/hosts/lab/simulate.js';
import {scenario} from '../helpers/session.js';

const rule = 'doublehop-winrm-https-5986';

function hop1WithTask(policy: boolean | undefined): LabState {
	const state: LabState = structuredClone(scenario('classic'));
	const server = state.machines.hyperv1!;
	server.credssp.server = true;
	if (policy !== undefined) server.policies.serviceAllowCredSsp = policy;
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
	server.scheduledTasks = [
		{
			taskName: 'doublehop-revert-test-hop1',
			atUtc: new Date(Date.now() - 60_000).toISOString(),
			execute: 'powershell.exe',
			arguments: '',
			userId: 'S-1-5-18',
			startWhenAvailable: true,
			lastTaskResult: 267011,
			revert: {machine: 'hop1', serverRole: true, httpsListener: {firewallRule: rule}},
		},
	];
	return state;
}

describe('the lab fires the hop-1 revert task step by step', () => {
	test('a GPO holding server CredSSP: the listener and the rule still go; the task stays, LastTaskResult 1', () => {
		const state = hop1WithTask(true);
		const fired = advanceLabClock(state, 1);
		expect(fired).toMatchObject([{machine: 'hyperv1', failed: true}]);
		const server = state.machines.hyperv1!;
		expect(server.listeners.filter((l) => l.transport === 'HTTPS')).toEqual([]);
		expect(server.firewallRules.map((r) => r.name)).not.toContain(rule);
		expect(server.scheduledTasks).toMatchObject([{lastTaskResult: 1}]);
		// A -Once task that ran does not run again when the clock moves on.
		expect(advanceLabClock(state, 1)).toEqual([]);
	});

	test('without the GPO every step succeeds and the task removes itself', () => {
		const state = hop1WithTask(undefined);
		expect(advanceLabClock(state, 1)).toMatchObject([{machine: 'hyperv1'}]);
		const server = state.machines.hyperv1!;
		expect(server.credssp.server).toBe(false);
		expect(server.scheduledTasks).toBeUndefined();
	});
});
