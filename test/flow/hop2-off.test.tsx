// A second hop that does not answer (off, misnamed, firewalled) fails with an error no delegation
// explains. Before any fix is proposed, hop 1 is asked whether hop 2's name resolves there and
// whether its port answers within 3 s; if not, the run ends BLOCKED, having changed nothing, with
// no CredSSP proposal and no risk question. Where hop 2 answers, or the look itself fails, the
// run goes on as before.
import {afterEach, describe, expect, test} from 'vitest';
import type {LabHost} from '../../source/hosts/lab/lab-host.js';
import type {Outcome, SecondHopReachRead} from '../../source/windows/records.js';
import {
	chooseCredSsp,
	enterTargets,
	scenario,
	type Session,
	startSession,
} from '../helpers/session.js';

let session: Session | undefined;
afterEach(() => session?.unmount());

/** The lab, with the look at hop 2 answering `outcome` instead. */
const answering = (outcome: Outcome<SecondHopReachRead>) => (host: LabHost) =>
	({...host, testSecondHopReach: async () => outcome}) as LabHost;

const shownRead =
	"Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { [System.Net.Dns]::GetHostAddresses('hyperv2.contoso.com'); foreach ($port in 135, 5985) {";

describe('a second hop that does not answer', () => {
	test('hop2-off: the look is shown, the run ends BLOCKED with what was found and what to check; no CredSSP, nothing changed', async () => {
		session = startSession('hop2-off');
		await enterTargets(session);
		await session.finished();
		const end = session.flat();
		expect(end).toContain(
			"unable to find a virtual machine management service on computer 'hyperv2.contoso.com'",
		);
		expect(end).toContain(shownRead);
		expect(end).toContain('Result: BLOCKED.');
		expect(end).toContain(
			'hyperv2.contoso.com does not answer hyperv1.contoso.com on port 135 or 5985: the command cannot reach it',
		);
		expect(end).toContain('Nothing was changed');
		expect(end).toContain('hyperv2.contoso.com resolved from hyperv1.contoso.com to 10.0.0.22.');
		expect(end).toContain('Port 135 did not answer within 3 s.');
		expect(end).toContain('Port 5985 did not answer within 3 s.');
		expect(end).toContain('Test-NetConnection hyperv2.contoso.com -Port 135');
		// Neither a method, nor CredSSP's risk, nor a change is asked for.
		expect(end).not.toContain('Which method?');
		expect(end).not.toContain('Continue with CredSSP');
		expect(end).not.toContain('Make this change');
		const state = session.runner.getState();
		expect(state.conclusion?.verdict).toBe('blocked');
		expect(state.changes).toEqual([]);
		expect(session.host.snapshot().machines).toEqual(scenario('hop2-off').machines);
	});

	test('the name does not resolve on hop 1: BLOCKED, and Resolve-DnsName is the next step', async () => {
		session = startSession('hop2-off', {
			wrapHost: answering({ok: true, value: {resolved: false, reason: 'No such host is known'}}),
		});
		await enterTargets(session);
		await session.finished();
		const end = session.flat();
		expect(end).toContain('Result: BLOCKED.');
		expect(end).toContain('hyperv1.contoso.com cannot resolve hyperv2.contoso.com');
		expect(end).toContain(
			'hyperv2.contoso.com was not resolved from hyperv1.contoso.com: No such host is known.',
		);
		expect(end).toContain('Resolve-DnsName hyperv2.contoso.com');
		expect(end).not.toContain('Continue with CredSSP');
		expect(session.runner.getState().changes).toEqual([]);
	});

	test('hop 2 answers on one port: one line says which, and the run goes on to the methods as before', async () => {
		session = startSession('hop2-off', {
			wrapHost: answering({
				ok: true,
				value: {
					resolved: true,
					addresses: ['10.0.0.22'],
					ports: [
						{port: 135, answer: 'silent'},
						{port: 5985, answer: 'open'},
					],
				},
			}),
		});
		await enterTargets(session);
		await chooseCredSsp(session);
		await session.waitFor('Continue with CredSSP');
		const flat = session.flat();
		expect(flat).toContain('hyperv2.contoso.com answered hyperv1.contoso.com on port 5985');
		expect(flat).toContain('not recognised as a double hop');
		expect(session.runner.getState().conclusion).toBeUndefined();
	});

	test('the look itself fails (constrained language): it decides nothing, and the run goes on', async () => {
		session = startSession('hop2-off', {
			wrapHost: answering({
				ok: false,
				error: {
					message: 'Cannot create type. Only core types are supported in this language mode.',
					fullyQualifiedErrorId:
						'CannotCreateTypeConstrainedLanguage,Microsoft.PowerShell.Commands.NewObjectCommand',
					categoryInfo: 'PermissionDenied: (:) [New-Object], PSNotSupportedException',
					exceptionType: 'System.Management.Automation.PSNotSupportedException',
				},
			}),
		});
		await enterTargets(session);
		await chooseCredSsp(session);
		await session.waitFor('Continue with CredSSP');
		expect(session.flat()).toContain(
			'Could not look at whether hyperv2.contoso.com answers hyperv1.contoso.com',
		);
		expect(session.runner.getState().conclusion).toBeUndefined();
	});

	test('a SQL Server second hop whose default port is silent is not BLOCKED: a named instance may listen on another, so the look only informs', async () => {
		const looked: number[][] = [];
		session = startSession('hop2-off', {
			wrapHost: (host) =>
				({
					...host,
					testSecondHopReach: async (...args: Parameters<LabHost['testSecondHopReach']>) => {
						looked.push(args[3]);
						return {
							ok: true,
							value: {
								resolved: true,
								addresses: ['10.0.0.22'],
								ports: args[3].map((port) => ({port, answer: 'silent' as const})),
							},
						};
					},
				}) as LabHost,
		});
		await session.answer('First hop', '');
		await session.answer('Second hop', '');
		await session.answer(
			'Command to run',
			`${'\u007f'.repeat(40)}Invoke-Sqlcmd -ServerInstance 'hyperv2.contoso.com\\INST1' -Query 'SELECT 1'`,
		);
		await session.answer('User name', '');
		await session.answer('Password for', 'Passw0rd!');
		await session.waitFor(/Which method\?|Continue with CredSSP|Result:/);
		const flat = session.flat();
		expect(looked).toEqual([[1433]]);
		expect(flat).toContain("Only SQL Server's default port (1433) was looked at");
		expect(flat).not.toContain('Result: BLOCKED.');
		expect(session.runner.getState().changes).toEqual([]);
	});

	test("a share on a second hop that does not answer: PowerShell's own 'Cannot find path', then the look at port 445, and BLOCKED with nothing changed", async () => {
		session = startSession('hop2-off');
		await session.answer('First hop', '');
		await session.answer('Second hop', '');
		await session.answer(
			'Command to run',
			`${'\u007f'.repeat(40)}Get-ChildItem \\\\hyperv2.contoso.com\\vmstore`,
		);
		await session.answer('User name', '');
		await session.answer('Password for', 'Passw0rd!');
		await session.finished();
		const end = session.flat();
		// Before: the lab answered with a nested session's 0x8009030e, read as a refused delegation.
		expect(end).toContain(
			"Cannot find path '\\\\hyperv2.contoso.com\\vmstore' because it does not exist.",
		);
		expect(end).toContain('Port 445 did not answer within 3 s.');
		expect(end).toContain('Result: BLOCKED.');
		expect(end).not.toContain('Continue with CredSSP');
		expect(session.runner.getState().changes).toEqual([]);
	});

	test('classic: a refused delegation is a double hop, and hop 2 is not looked at', async () => {
		const looks: string[] = [];
		session = startSession('classic', {
			wrapHost: (host) =>
				({
					...host,
					testSecondHopReach: (...args: Parameters<LabHost['testSecondHopReach']>) => {
						looks.push(args[2]);
						return host.testSecondHopReach(...args);
					},
				}) as LabHost,
		});
		await enterTargets(session);
		await chooseCredSsp(session);
		await session.waitFor('Continue with CredSSP');
		expect(looks).toEqual([]);
		expect(session.flat()).not.toContain('GetHostAddresses');
	});
});
