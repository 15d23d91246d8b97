// Step 9 creates the HTTPS listener on the first hop and nothing else there: New-Item on
// WSMan:\localhost\Listener with the certificate doublehop chose, shown before the yes. Not
// `winrm quickconfig -transport:https`, which also performs every other quickconfig step not yet
// done (among them LocalAccountTokenFilterPolicy=1), none of them shown, asked for or undone.
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, expect, test} from 'vitest';
import type {LabCertificate} from '../../source/hosts/lab/scenario.js';
import {
	chooseCredSsp,
	enterTargets,
	fold,
	scenario,
	startCliSession,
	startSession,
	type Session,
} from '../helpers/session.js';

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

/** classic, with hyperv1's one certificate named otherwise, run as `--lab <file>`. */
async function classicWithCertificate(names: Pick<LabCertificate, 'subject' | 'dnsNames'>) {
	const lab = structuredClone(scenario('classic'));
	lab.name = 'classic-certificate-names';
	Object.assign(lab.machines.hyperv1!.certificates[0]!, names);
	const path = join(mkdtempSync(join(tmpdir(), 'doublehop-cn-')), 'lab.json');
	writeFileSync(path, JSON.stringify(lab));
	const started = await startCliSession(path, mkdtempSync(join(tmpdir(), 'doublehop-cn-state-')));
	session = started;
	await enterTargets(started);
	await started.answer('Which method?', 'c');
	await started.answer('Continue with CredSSP', 'y');
	await started.answer('Make this change on ADMIN-WS', 'y');
	await started.answer('Make this change on hyperv1', 'y');
	return started;
}

// WinRM makes an HTTPS listener only when -HostName is the certificate's CN (0x803380E9 "The
// certificate CN and the hostname that were provided do not match."); a DNS name does not do.
test("a certificate whose CN is hop 1's short name: the listener is made with that CN as -HostName, which WinRM takes", async () => {
	const started = await classicWithCertificate({
		subject: 'CN=HYPERV1',
		dnsNames: [hop1, 'hyperv1'],
	});
	await started.waitFor('Create an HTTPS listener');
	expect(fold(started.live())).toContain(
		`New-Item -Path WSMan:\\localhost\\Listener -Transport HTTPS -Address * -HostName 'HYPERV1' -CertificateThumbPrint '${thumbprint}' -Force`,
	);
	await started.answer('Create an HTTPS listener', 'y');
	await started.finished();
	const https = started.host
		.snapshot()
		.machines.hyperv1!.listeners.filter((l) => l.transport === 'HTTPS');
	expect(https).toMatchObject([{hostname: 'HYPERV1', certificateThumbprint: thumbprint}]);
	expect(started.flat()).not.toContain('do not match');
});

test("a certificate that names hop 1 only among its DNS names, its CN another machine's: not offered, and the reason says WinRM takes only the CN", async () => {
	const started = await classicWithCertificate({
		subject: 'CN=web.contoso.com',
		dnsNames: ['web.contoso.com', hop1],
	});
	await started.finished();
	const screen = started.flat();
	expect(screen).toContain(
		`No HTTPS listener: ${hop1} has no certificate an HTTPS listener can use`,
	);
	expect(screen).toContain(
		`Certificate CN=web.contoso.com (3E5C9A7B...): issued to CN=web.contoso.com, not ${hop1} or hyperv1: WinRM makes an HTTPS listener only with a HostName equal to the certificate's CN (${hop1} is among its DNS names, but WinRM takes only the CN)`,
	);
	expect(screen).not.toContain('Create an HTTPS listener');
	expect(screen).toContain('Result: FIXED.');
});

test('a subject whose CN is not first (E=..., CN=..., O=...): the CN is found, and the listener made with it', async () => {
	const started = await classicWithCertificate({
		subject: `E=admin@contoso.com, CN=${hop1}, O=Contoso`,
		dnsNames: [],
	});
	await started.waitFor('Create an HTTPS listener');
	expect(fold(started.live())).toContain(
		`-HostName '${hop1}' -CertificateThumbPrint '${thumbprint}'`,
	);
	await started.answer('Create an HTTPS listener', 'y');
	await started.finished();
	const https = started.host
		.snapshot()
		.machines.hyperv1!.listeners.filter((l) => l.transport === 'HTTPS');
	expect(https).toMatchObject([{hostname: hop1}]);
});
