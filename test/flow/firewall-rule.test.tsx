// The 5986 firewall rule doublehop creates has a Name of its own, and undo removes it by that Name.
// Windows does not keep display names unique: Remove-NetFirewallRule -DisplayName removes every
// rule that carries it, so an admin's own "Windows Remote Management (HTTPS-In)" must survive.
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, expect, test} from 'vitest';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import {
	acceptEveryChange,
	enterTargets,
	scenario,
	type Session,
	startCliSession,
} from '../helpers/session.js';

let session: Session | undefined;
afterEach(() => session?.unmount());

const adminsOwnRule = {
	name: '{7A1D39C4-5B2E-4F0A-9C61-2D8E4B7F1A03}',
	displayName: 'Windows Remote Management (HTTPS-In)',
	port: 5986,
	enabled: false,
	profile: 'Any',
};

/** classic, with an admin's own (disabled) rule of the same display name on hop 1. */
function scenarioWithAdminsRule(rule = adminsOwnRule): {path: string; lab: Scenario} {
	const lab = structuredClone(scenario('classic'));
	lab.name = 'classic-admin-https-rule';
	lab.machines.hyperv1!.firewallRules.push(rule);
	const path = join(mkdtempSync(join(tmpdir(), 'doublehop-firewall-')), 'lab.json');
	writeFileSync(path, JSON.stringify(lab));
	return {path, lab};
}

async function fixThenUndo(path: string, stateDir: string): Promise<Session> {
	session = await startCliSession(path, stateDir);
	await enterTargets(session);
	await acceptEveryChange(session, 'y');
	await session.finished();
	const fixed = session;
	session.unmount();
	session = await startCliSession(path, stateDir, {mode: 'undo'});
	for (;;) {
		await session.waitFor(
			/(User name|Password for|Undo this change on .*\? \[y\/N\])[^\n]*$|Result:/,
		);
		const last = session.screen().trimEnd().split('\n').at(-1) ?? '';
		if (session.screen().includes('Result:')) break;
		if (last.includes('User name')) await session.answer('User name', '');
		else if (last.includes('Password for')) await session.answer('Password for', 'Passw0rd!');
		else if (last.includes('Undo this change')) await session.answer('Undo this change', 'y');
	}
	await session.finished();
	return fixed;
}

test("a disabled admin's rule with the same display name: doublehop adds its own by Name, for the Domain profile, and undo leaves the admin's", async () => {
	const {path, lab} = scenarioWithAdminsRule();
	const stateDir = mkdtempSync(join(tmpdir(), 'doublehop-firewall-state-'));
	const fixed = await fixThenUndo(path, stateDir);
	expect(fixed.flat()).toMatch(
		/New-NetFirewallRule -Name 'doublehop-WinRM-HTTPS-In-[A-Za-z0-9]+' -DisplayName 'Windows Remote Management \(HTTPS-In\)' -Profile Domain/,
	);
	const rules = fixed.host.snapshot().machines.hyperv1!.firewallRules;
	const ours = rules.find((rule) => rule.name.startsWith('doublehop-WinRM-HTTPS-In-'));
	expect(ours).toMatchObject({
		displayName: 'Windows Remote Management (HTTPS-In)',
		port: 5986,
		enabled: true,
		profile: 'Domain',
	});
	expect(rules).toContainEqual(adminsOwnRule);
	const undone = session!;
	expect(undone.flat()).toContain(`Remove-NetFirewallRule -Name '${ours!.name}'`);
	expect(undone.flat()).not.toContain('Remove-NetFirewallRule -DisplayName');
	expect(undone.host.snapshot().machines.hyperv1).toEqual(lab.machines.hyperv1);
});

test("an enabled admin's rule for the Private profile only does not open 5986 on the domain: doublehop adds its own, and undo keeps the admin's", async () => {
	const privateOnly = {...adminsOwnRule, enabled: true, profile: 'Private'};
	const {path, lab} = scenarioWithAdminsRule(privateOnly);
	const stateDir = mkdtempSync(join(tmpdir(), 'doublehop-firewall-state-'));
	const fixed = await fixThenUndo(path, stateDir);
	expect(fixed.flat()).toMatch(/firewall rule doublehop-WinRM-HTTPS-In-[A-Za-z0-9]+/);
	expect(session!.host.snapshot().machines.hyperv1).toEqual(lab.machines.hyperv1);
});

test("an enabled admin's rule for the Domain profile already opens 5986: no rule is added, and undo leaves it", async () => {
	const domainRule = {...adminsOwnRule, enabled: true, profile: 'Domain, Private'};
	const {path, lab} = scenarioWithAdminsRule(domainRule);
	const stateDir = mkdtempSync(join(tmpdir(), 'doublehop-firewall-state-'));
	const fixed = await fixThenUndo(path, stateDir);
	expect(fixed.host.snapshot().machines.hyperv1!.firewallRules).toEqual(
		lab.machines.hyperv1!.firewallRules,
	);
	expect(session!.host.snapshot().machines.hyperv1).toEqual(lab.machines.hyperv1);
});
