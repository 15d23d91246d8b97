// Issue 12, case 4: a first hop whose WinRM listens only over HTTPS (5985 closed, 5986 open). The
// tool finds that 5986 answers, says so, and opens every session there with -UseSSL (or does from
// the start with --use-ssl); a certificate this machine does not trust ends the run with the
// reason and the fixes, never with skipping the check.
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, expect, test} from 'vitest';
import type {Session} from '../helpers/session.js';
import {enterTargets, scenario, startCliSession, startSession} from '../helpers/session.js';

let session: Session | undefined;
afterEach(() => session?.unmount());

const stateDirectory = () => mkdtempSync(join(tmpdir(), 'doublehop-https-'));

async function fixOverHttps(started: Session): Promise<string> {
	session = started;
	await enterTargets(started);
	await started.answer('Which method?', 'c');
	await started.answer('Continue with CredSSP', 'y');
	await started.answer('Make this change on ADMIN-WS', 'y');
	await started.answer('Make this change on hyperv1', 'y');
	await started.finished();
	return started.flat();
}

test('only 5986 answers: the tool says so, opens every session with -UseSSL and fixes the double hop over HTTPS', async () => {
	const screen = await fixOverHttps(startSession('https-only'));
	expect(screen).toContain(
		'hyperv1.contoso.com answers only over HTTPS (port 5986): every session there uses -UseSSL from now on',
	);
	expect(screen).toContain(
		'TCP port 5985 (WinRM over HTTP) of hyperv1.contoso.com refused the connection, but port 5986 (WinRM over HTTPS) answered',
	);
	expect(screen).toContain('Next time, start with: doublehop --use-ssl');
	expect(screen).toContain('hyperv1.contoso.com answers: remote session opened (Kerberos)');
	expect(screen).toContain(
		'PS> Invoke-Command -ComputerName hyperv1.contoso.com -UseSSL -Credential $cred -ScriptBlock { Enable-WSManCredSSP -Role Server -Force }',
	);
	// The optional HTTPS listener step is already satisfied on such a hop.
	expect(screen).toContain('hyperv1.contoso.com already has an HTTPS listener');
	expect(screen).toContain('Every session of this run already goes over it (-UseSSL).');
	expect(screen).not.toContain('Create an HTTPS listener');
	expect(screen).toContain(
		'Invoke-Command -ComputerName hyperv1.contoso.com -UseSSL -Credential $cred -Authentication CredSSP -ScriptBlock { Get-VM -ComputerName hyperv2.contoso.com }',
	);
	expect(screen).toContain('Result: FIXED.');
	expect(screen).not.toContain('-Port 5985');
	const machines = session!.host.snapshot().machines;
	expect(machines.hyperv1!.credssp.server).toBe(true);
	expect(machines.hyperv1!.listeners.map((l) => `${l.transport} ${l.port}`)).toEqual([
		'HTTPS 5986',
	]);
	expect(machines['admin-ws']!.allowFreshCredentials).toEqual(['wsman/hyperv1.contoso.com']);
});

test('--use-ssl: the first session already uses -UseSSL, and a later undo reaches hop 1 over HTTPS too', async () => {
	const stateDir = stateDirectory();
	const screen = await fixOverHttps(await startCliSession('https-only', stateDir, {useSsl: true}));
	expect(screen).not.toContain('answers only over HTTPS');
	expect(screen).toContain(
		"Invoke-Command -ComputerName hyperv1.contoso.com -UseSSL -Credential $cred -ScriptBlock { [System.Net.Dns]::GetHostEntry('').HostName }",
	);
	expect(screen).toContain('Result: FIXED.');
	session!.unmount();

	// No --use-ssl this time: the journal remembers how hop 1 was reached.
	const undo = await startCliSession('https-only', stateDir, {mode: 'undo'});
	session = undo;
	await undo.answer('User name', '');
	await undo.answer('Password for', 'Passw0rd!');
	await undo.answer('Undo this change on hyperv1', 'y');
	await undo.answer('Undo this change on ADMIN-WS', 'y');
	await undo.finished();
	expect(undo.flat()).toContain(
		'Invoke-Command -ComputerName hyperv1.contoso.com -UseSSL -Credential $cred -ScriptBlock { Disable-WSManCredSSP -Role Server }',
	);
	const machines = undo.host.snapshot().machines;
	expect(machines.hyperv1!.credssp.server).toBe(false);
	expect(machines['admin-ws']!.allowFreshCredentials).toEqual([]);
});

test('a certificate from a CA this machine does not trust: the run stops with the reason and the fixes, and changes nothing', async () => {
	const started = startSession('https-untrusted');
	session = started;
	await enterTargets(started);
	await started.finished();
	const screen = started.flat();
	expect(screen).toContain(
		'The server certificate on the destination computer (hyperv1.contoso.com:5986) has the following errors:',
	);
	expect(screen).toContain('The SSL certificate is signed by an unknown certificate authority.');
	expect(screen).toContain("This machine refuses hyperv1.contoso.com's HTTPS certificate");
	expect(screen).toContain(
		'Import-Certificate -FilePath <root-ca.cer> -CertStoreLocation Cert:\\LocalMachine\\Root',
	);
	expect(screen).toContain(
		'Not a fix: New-PSSessionOption -SkipCACheck -SkipCNCheck opens the session without proving by certificate that it is hyperv1.contoso.com.',
	);
	// The client's own check fails, at the first hop: no later step of doublehop deals with it.
	expect(screen).not.toContain('This is handled at step 9');
	expect(screen).toContain(
		'Next: Run on hyperv1.contoso.com: PS> Get-ChildItem Cert:\\LocalMachine\\My | Format-List Subject, Issuer, NotAfter, Thumbprint',
	);
	expect(screen).not.toContain('Continue with CredSSP');
	expect(started.host.snapshot().machines).toEqual(scenario('https-untrusted').machines);
});

test('a name the certificate does not carry: WinRM names the CN mismatch and the advice is the name, not skipping the check', async () => {
	const lab = structuredClone(scenario('https-only'));
	lab.name = 'https-only-fqdn-certificate';
	lab.defaults.hop1 = 'hyperv1';
	lab.machines.hyperv1!.certificates[0]!.dnsNames = ['hyperv1.contoso.com'];
	const path = join(stateDirectory(), 'lab.json');
	writeFileSync(path, JSON.stringify(lab));
	const started = await startCliSession(path, stateDirectory());
	session = started;
	await enterTargets(started);
	await started.finished();
	const screen = started.flat();
	expect(screen).toContain(
		'The SSL certificate contains a common name (CN) that does not match the hostname.',
	);
	expect(screen).not.toContain('unknown certificate authority');
	expect(screen).toContain(
		'Connect with a name the certificate carries (one of its DNS names, or its CN when it has none; usually the FQDN)',
	);
	expect(started.host.snapshot().machines).toEqual(lab.machines);
});

test('--use-ssl where nothing answers on 5986: told in seconds, and the check named is port 5986', async () => {
	const lab = structuredClone(scenario('https-only'));
	lab.name = 'https-only-unreachable';
	lab.machines.hyperv1!.reachable = false;
	const path = join(stateDirectory(), 'lab.json');
	writeFileSync(path, JSON.stringify(lab));
	const started = await startCliSession(path, stateDirectory(), {useSsl: true});
	session = started;
	await enterTargets(started);
	await started.finished();
	const screen = started.flat();
	expect(screen).toContain('Nothing answered on TCP port 5986 of hyperv1.contoso.com within 3 s');
	expect(screen).toContain('Test-NetConnection -ComputerName hyperv1.contoso.com -Port 5986');
	expect(screen).not.toContain('-Port 5985');
});

test('5985 dropped by a firewall, 5986 let through: the silent port is not called unreachable, and the fix runs over HTTPS', async () => {
	const lab = structuredClone(scenario('https-only'));
	lab.name = 'https-only-filtered-http';
	lab.machines.hyperv1!.filteredPorts = [5985];
	lab.machines.hyperv1!.listeners.unshift({
		...lab.machines.hyperv1!.listeners[0]!,
		transport: 'HTTP',
		port: 5985,
		hostname: '',
		certificateThumbprint: '',
	});
	const path = join(stateDirectory(), 'lab.json');
	writeFileSync(path, JSON.stringify(lab));
	const screen = await fixOverHttps(await startCliSession(path, stateDirectory()));
	expect(screen).toContain(
		'TCP port 5985 (WinRM over HTTP) of hyperv1.contoso.com did not answer within 3 s, but port 5986 (WinRM over HTTPS) answered',
	);
	expect(screen).not.toContain('Nothing answered on TCP port 5985');
	expect(screen).toContain('Result: FIXED.');
	expect(session!.host.snapshot().machines.hyperv1!.credssp.server).toBe(true);
});

test('--use-ssl on a first hop with no HTTPS listener: told that it answers only over HTTP, not switched behind the admin back, nothing changed', async () => {
	const started = await startCliSession('classic', stateDirectory(), {useSsl: true});
	session = started;
	await enterTargets(started);
	await started.finished();
	const screen = started.flat();
	expect(screen).toContain(
		'TCP port 5986 (WinRM over HTTPS) of hyperv1.contoso.com refused the connection, but port 5985 (WinRM over HTTP) answered: hyperv1.contoso.com has no HTTPS listener.',
	);
	expect(screen).toContain('hyperv1.contoso.com has no HTTPS listener: it answers only over HTTP');
	expect(screen).toContain('Run doublehop again without --use-ssl');
	expect(screen).not.toContain('Continue with CredSSP');
	expect(started.host.snapshot().machines).toEqual(scenario('classic').machines);
});
