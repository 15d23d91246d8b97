// A fleet whose first hops are reached different ways (--lab fleet-transport), through --json: a
// host that answers only on 5986 is read, fixed and verified over HTTPS, and undone over HTTPS
// on its own; a host silent on both ports is told by the port look; a refusal is WinRM's text;
// a host reached with NTLM is sent to the one-host flow.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {runJsonDocument} from '../helpers/json-run.js';

const root = join(import.meta.dirname, '../..');

function json(args: string[], stateDir: string) {
	const {code, report} = runJsonDocument(['--json', '--password-stdin', ...args], {stateDir});
	return {code, report};
}

type Host = {
	host: string;
	state: string;
	result: string;
	cause: string;
	detail?: string;
	overHttps?: boolean;
	error?: {message: string};
	changes: string[];
};
type Change = {id: string; command: string; undoCommand: string; fleetHost?: string};
const labState = (stateDir: string) =>
	JSON.parse(readFileSync(join(stateDir, 'lab', 'fleet-transport.json'), 'utf8')) as {
		machines: Record<string, {credssp: {server: boolean}; allowFreshCredentials: string[]}>;
	};

describe('--lab fleet-transport --json: first hops reached over HTTP, HTTPS, NTLM or not at all', () => {
	test('the HTTPS-only host is fixed over HTTPS and undone on its own; the others are told apart', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-transport-'));
		const {code, report} = json(
			['--lab', 'fleet-transport', '--yes', '--steps', 'client,server'],
			dir,
		);
		expect(code).toBe(2);
		const by = (name: string): Host => report.hosts.find((h: Host) => h.host === name);

		const https = by('sec01.contoso.com');
		expect(https).toMatchObject({state: 'needs-both', result: 'fixed', overHttps: true});
		expect(https.cause).toContain('over HTTPS (5986)');
		expect(by('web01.contoso.com')).toMatchObject({state: 'needs-server', result: 'fixed'});
		expect(by('web01.contoso.com').overHttps).toBeUndefined();
		// Silent on both ports: the port look's own record, WinRM not tried.
		expect(by('dark01.contoso.com')).toMatchObject({state: 'unreachable', result: 'unreachable'});
		expect(by('dark01.contoso.com').error?.message).toContain(
			'Nothing answered on TCP port 5985 of dark01.contoso.com within 3 s',
		);
		// A refusal on 5985 with nothing on 5986 is WinRM's own text.
		expect(by('closed01.contoso.com')).toMatchObject({
			state: 'unreachable',
			cause: 'WinRM not listening',
		});
		expect(by('closed01.contoso.com').error?.message).toContain(
			'The client cannot connect to the destination specified in the request',
		);
		// NTLM over HTTP: blocked here, sent to the one-host flow with what it really offers.
		const ntlm = by('10.0.2.50');
		expect(ntlm).toMatchObject({state: 'blocked', result: 'blocked'});
		expect(ntlm.detail).toContain('"Allow delegating fresh credentials" does not apply');
		// Its own command is this run's, for it alone: the same lab, the same --json --password-stdin.
		expect(ntlm.detail).toContain(
			'Next: doublehop --lab fleet-transport --json --password-stdin --hop1 10.0.2.50',
		);
		expect(report.nextSteps).toContain(
			"Blocked (reached with NTLM, not Kerberos): 10.0.2.50; what to do: the host's detail (hosts[].detail). From here, for it: doublehop --lab fleet-transport --json --password-stdin --hop1 10.0.2.50",
		);
		expect(ntlm.detail).toContain('NTLM-only');
		expect(ntlm.detail).not.toContain('TrustedHosts');

		// The server role's change on sec01 was made, shown and is undone with -UseSSL.
		const server = report.changes.find((c: Change) => c.id.endsWith(':server:sec01.contoso.com'));
		expect(server.command).toContain('Invoke-Command -ComputerName sec01.contoso.com -UseSSL');
		expect(server.undoCommand).toContain('Invoke-Command -ComputerName sec01.contoso.com -UseSSL');
		const before = labState(dir);
		expect(before.machines.sec01!.credssp.server).toBe(true);
		expect(before.machines['admin-ws']!.allowFreshCredentials).toContain('wsman/sec01.contoso.com');

		const undo = json(
			['undo', '--lab', 'fleet-transport', '--hop1', 'sec01.contoso.com', '--yes'],
			dir,
		);
		expect(undo.code).toBe(0);
		expect(undo.report.verdict).toBe('undone');
		const after = labState(dir);
		expect(after.machines.sec01!.credssp.server).toBe(false);
		expect(after.machines['admin-ws']!.allowFreshCredentials).toEqual(['wsman/web01.contoso.com']);
		// web01, fixed in the same run, keeps its server role.
		expect(after.machines.web01!.credssp.server).toBe(true);
	});

	test('a host WinRM reaches only with NTLM and that is not in TrustedHosts is blocked and sent to the one-host flow, not given a bare TrustedHosts command', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-ntlm-'));
		const lab = JSON.parse(
			readFileSync(join(root, 'source/hosts/lab/scenarios/fleet-transport.json'), 'utf8'),
		);
		lab.machines['admin-ws'].trustedHosts = [];
		const file = join(dir, 'no-trusted-hosts.json');
		writeFileSync(file, JSON.stringify(lab));
		const {report} = json(['--lab', file, '--hop1', '10.0.2.50,web01.contoso.com'], dir);
		const ntlm: Host = report.hosts[0];
		expect(ntlm).toMatchObject({host: '10.0.2.50', state: 'blocked', result: 'blocked'});
		expect(ntlm.error?.message).toContain('the destination is in the TrustedHosts list');
		expect(ntlm.detail).toContain('Run doublehop for 10.0.2.50 alone');
		expect(ntlm.detail).toContain(
			`Next: doublehop --lab '${file}' --json --password-stdin --hop1 10.0.2.50`,
		);
		expect(ntlm.detail).not.toContain('Next: Set-Item WSMan:\\localhost\\Client\\TrustedHosts');
	});
});
