// Real pwsh against the stubs: the 5986 rule is created with a Name of its own and removed by that
// Name. The stubs behave as Windows does (Remove-NetFirewallRule -DisplayName removes every rule
// with that display name), so removing by display name would take an admin's own rule too.
import {readFileSync, writeFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import type {Credential} from '../../source/hosts/host.js';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import {Secret} from '../../source/safety/secret.js';
import {noPwshReason, pwsh, scenarioCopy, stubbedHost} from './pwsh.js';

const hop1 = 'hyperv1.contoso.com';
const admin: Credential = {user: 'CONTOSO\\admin', password: new Secret('Passw0rd!')};
const title = `firewall rule by Name, real pwsh against the stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;
const readState = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Scenario;

const adminsOwnRule = {
	name: '{7A1D39C4-5B2E-4F0A-9C61-2D8E4B7F1A03}',
	displayName: 'Windows Remote Management (HTTPS-In)',
	port: 5986,
	enabled: false,
	profile: 'Any',
};
const ruleName = 'doublehop-WinRM-HTTPS-In-test01';
/** classic's certificate on hyperv1, the one doublehop chooses there. */
const certificate = {thumbprint: '3E5C9A7B1D2F4E6A8B0C1D2E3F4A5B6C7D8E9F01', hostname: hop1};

function withAdminsRule(rule = adminsOwnRule): string {
	return scenarioCopy('classic', (scenario) => {
		scenario.machines.hyperv1!.firewallRules.push(rule);
	});
}

describe.skipIf(pwsh === undefined)(title, () => {
	test("a disabled admin's rule of the same display name: ours is created by Name for the Domain profile, and removing it by Name leaves the admin's", async () => {
		const state = withAdminsRule();
		const host = await stubbedHost(state);
		try {
			const created = await host.createHttpsListener(hop1, admin, ruleName, certificate);
			expect(created).toMatchObject({ok: true, value: {firewallRule: ruleName}});
			expect(readState(state).machines.hyperv1!.firewallRules).toEqual([
				{
					name: 'WINRM-HTTP-In-TCP',
					displayName: 'Windows Remote Management (HTTP-In)',
					port: 5985,
					enabled: true,
					profile: 'Domain, Private',
				},
				adminsOwnRule,
				{
					name: ruleName,
					displayName: 'Windows Remote Management (HTTPS-In)',
					port: 5986,
					enabled: true,
					profile: 'Domain',
				},
			]);
			expect(await host.removeHttpsListener(hop1, admin, ruleName)).toEqual({
				ok: true,
				value: {output: ''},
			});
			const after = readState(state).machines.hyperv1!.firewallRules;
			expect(after.map((rule) => rule.name)).toEqual(['WINRM-HTTP-In-TCP', adminsOwnRule.name]);
		} finally {
			await host.dispose();
		}
	});

	test('a listener someone removed already: the undo still removes our rule and says the listener was gone; run again, both were gone', async () => {
		const state = withAdminsRule();
		const host = await stubbedHost(state);
		try {
			expect(await host.createHttpsListener(hop1, admin, ruleName, certificate)).toMatchObject({
				ok: true,
			});
			// Someone removes the listener by hand: Remove-WSManInstance would now throw WsManError.
			const scenario = readState(state);
			const hyperv1 = scenario.machines.hyperv1!;
			hyperv1.listeners = hyperv1.listeners.filter((l) => l.transport !== 'HTTPS');
			writeFileSync(state, JSON.stringify(scenario));
			expect(await host.removeHttpsListener(hop1, admin, ruleName)).toEqual({
				ok: true,
				value: {output: '', listenerWasGone: true},
			});
			const after = readState(state).machines.hyperv1!.firewallRules;
			expect(after.map((rule) => rule.name)).toEqual(['WINRM-HTTP-In-TCP', adminsOwnRule.name]);
			expect(await host.removeHttpsListener(hop1, admin, ruleName)).toEqual({
				ok: true,
				value: {output: '', listenerWasGone: true, firewallRuleWasGone: true},
			});
		} finally {
			await host.dispose();
		}
	});

	test('a listener re-bound since to a renewed certificate: the undo leaves it and says which certificate it has; our rule still goes; the one made with ours (lower case, spaced) goes', async () => {
		const state = withAdminsRule();
		const host = await stubbedHost(state);
		const renewed = '0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C';
		try {
			expect(await host.createHttpsListener(hop1, admin, ruleName, certificate)).toMatchObject({
				ok: true,
			});
			const scenario = readState(state);
			const listener = scenario.machines.hyperv1!.listeners.find((l) => l.transport === 'HTTPS')!;
			listener.certificateThumbprint = renewed;
			writeFileSync(state, JSON.stringify(scenario));
			expect(await host.removeHttpsListener(hop1, admin, ruleName, certificate.thumbprint)).toEqual(
				{ok: true, value: {output: '', listenerRebound: renewed}},
			);
			const after = readState(state).machines.hyperv1!;
			expect(after.listeners).toContainEqual(listener);
			expect(after.firewallRules.map((rule) => rule.name)).toEqual([
				'WINRM-HTTP-In-TCP',
				adminsOwnRule.name,
			]);
			// Made with the thumbprint as typed; compared case and spaces aside.
			const spaced = certificate.thumbprint.toLowerCase().replace(/(..)(?!$)/g, '$1 ');
			const back = readState(state);
			back.machines.hyperv1!.listeners = back.machines.hyperv1!.listeners.map((l) =>
				l.transport === 'HTTPS' ? {...l, certificateThumbprint: certificate.thumbprint} : l,
			);
			writeFileSync(state, JSON.stringify(back));
			expect(await host.removeHttpsListener(hop1, admin, ruleName, spaced)).toEqual({
				ok: true,
				value: {output: '', firewallRuleWasGone: true},
			});
			expect(readState(state).machines.hyperv1!.listeners.map((l) => l.transport)).toEqual([
				'HTTP',
			]);
		} finally {
			await host.dispose();
		}
	});

	test('an enabled Domain-profile rule already allows 5986: no rule is created', async () => {
		const state = withAdminsRule({...adminsOwnRule, enabled: true, profile: 'Domain, Private'});
		const host = await stubbedHost(state);
		try {
			const created = await host.createHttpsListener(hop1, admin, ruleName, certificate);
			expect(created.ok && created.value.firewallRule).toBeUndefined();
			expect(readState(state).machines.hyperv1!.firewallRules).toHaveLength(2);
		} finally {
			await host.dispose();
		}
	});

	test('the stubs remove every rule with a display name, as Windows does', async () => {
		const state = withAdminsRule();
		const host = await stubbedHost(state);
		try {
			await host.createHttpsListener(hop1, admin, ruleName, certificate);
			const removed = await host.runOnFirstHop(
				hop1,
				admin,
				"Remove-NetFirewallRule -DisplayName 'Windows Remote Management (HTTPS-In)'",
				'Default',
			);
			expect(removed.ok).toBe(true);
			expect(readState(state).machines.hyperv1!.firewallRules.map((rule) => rule.name)).toEqual([
				'WINRM-HTTP-In-TCP',
			]);
		} finally {
			await host.dispose();
		}
	});

	test('removing a Name that is gone fails as Windows words it', async () => {
		const host = await stubbedHost(withAdminsRule());
		try {
			const result = await host.runOnFirstHop(
				hop1,
				admin,
				`Remove-NetFirewallRule -Name '${ruleName}'`,
				'Default',
			);
			expect(result).toMatchObject({
				ok: false,
				error: {
					message: `No MSFT_NetFirewallRule objects found with property 'InstanceID' equal to '${ruleName}'.  Verify the value of the property and retry.`,
					fullyQualifiedErrorId: 'CmdletizationQuery_NotFound_InstanceID,Remove-NetFirewallRule',
				},
			});
		} finally {
			await host.dispose();
		}
	});
});
