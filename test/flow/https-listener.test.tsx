// Step 9 creates the HTTPS listener on the first hop and nothing else there: New-Item on
// WSMan:\localhost\Listener with the certificate doublehop chose, shown before the yes. Not
// `winrm quickconfig -transport:https`, which also performs every other quickconfig step not yet
// done (among them LocalAccountTokenFilterPolicy=1), none of them shown, asked for or undone.
import {afterEach, expect, test} from 'vitest';
import {chooseCredSsp, enterTargets, fold, startSession, type Session} from '../helpers/session.js';

let session: Session | undefined;
afterEach(() => session?.unmount());

const hop1 = 'hyperv1.contoso.com';
/** classic's one certificate on hyperv1: CA-issued, for its FQDN, Server Authentication. */
const thumbprint = '3E5C9A7B1D2F4E6A8B0C1D2E3F4A5B6C7D8E9F01';
const newItem = `New-Item -Path WSMan:\\localhost\\Listener -Transport HTTPS -Address * -HostName '${hop1}' -CertificateThumbPrint '${thumbprint}' -Force`;

test('the listener step shows New-Item with the chosen certificate, and after the yes hop 1 differs only by that listener and the 5986 rule', async () => {
	session = startSession('classic');
	await enterTargets(session);
	await chooseCredSsp(session);
	await session.answer('Continue with CredSSP', 'y');
	await session.answer('Make this change on ADMIN-WS', 'y');
	await session.answer('Make this change on hyperv1', 'y');
	await session.waitFor('Create an HTTPS listener');
	const asked = fold(session.live());
	expect(asked).toContain(
		`PS> Invoke-Command -ComputerName ${hop1} -Credential $cred -ScriptBlock { ${newItem} }`,
	);
	expect(asked).not.toContain('quickconfig');
	const before = structuredClone(session.host.snapshot().machines.hyperv1!);
	await session.answer('Create an HTTPS listener', 'y');
	await session.finished();

	const after = session.host.snapshot().machines.hyperv1!;
	expect(after.listeners).toEqual([
		...before.listeners,
		{
			transport: 'HTTPS',
			address: '*',
			port: 5986,
			hostname: hop1,
			certificateThumbprint: thumbprint,
			enabled: true,
			source: 'Local',
		},
	]);
	expect(after.firewallRules.map((rule) => rule.name)).toEqual([
		...before.firewallRules.map((rule) => rule.name),
		expect.stringMatching(/^doublehop-WinRM-HTTPS-In-/),
	]);
	// The whole machine record else: service, start type, CredSSP, lists, certificates, and
	// LocalAccountTokenFilterPolicy, which quickconfig would have set to 1.
	expect({...after, listeners: before.listeners, firewallRules: before.firewallRules}).toEqual(
		before,
	);
	expect(after.localAccountTokenFilterPolicy).toBeUndefined();
	// What was approved is what is recorded, for the report, the export and the undo.
	const change = session.runner.getState().changes.find((c) => c.stage === 'listener');
	expect(change?.command.split('\n')[0]).toBe(
		`Invoke-Command -ComputerName ${hop1} -Credential $cred -ScriptBlock { ${newItem} }`,
	);
});
