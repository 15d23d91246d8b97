// Real pwsh against the stubs: the commands Windows asks about before it acts. Enable-WSManCredSSP
// and Set-Item or Clear-Item on WSMan:\localhost\Client\TrustedHosts call ShouldContinue unless
// -Force is given, and doublehop's operations run in a runspace with no host UI, where that
// question is a HostException. The stubs fail the same way, so an operation that lost its -Force
// fails here as it would on Windows instead of passing.
import {readFileSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import {PowerShellSession} from '../../source/hosts/powershell/session.js';
import type {OperationScript, ParameterValue} from '../../source/operations/operation.js';
import {enableClientCredSsp} from '../../source/operations/enable-client-credssp.js';
import {enableServerCredSsp} from '../../source/operations/enable-server-credssp.js';
import {addTrustedHost, setTrustedHosts} from '../../source/operations/trusted-hosts.js';
import {Secret} from '../../source/safety/secret.js';
import {noPwshReason, pwsh, scenarioCopy, stubModule} from './pwsh.js';

const title = `a question with no one to answer it, real pwsh against the stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;
const readState = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Scenario;
const admin = {user: 'CONTOSO\\admin', password: new Secret('Passw0rd!')};
const hostException = (query: string) =>
	`A command that prompts the user failed because the host program or the command type does not support user interaction. The host was attempting to request confirmation with the following message: ${query}`;
const trustedHostsQuery =
	'This command modifies the TrustedHosts list for the WinRM client. The computers in the TrustedHosts list might not be authenticated. The client might send credential information to these computers. Are you sure that you want to modify this list?';

/** The operation as doublehop ships it, less its -Force. */
const withoutForce = <T>(operation: OperationScript<T>): OperationScript<T> => ({
	...operation,
	script: operation.script.replace(/ -Force\b/g, ''),
});

describe.skipIf(pwsh === undefined)(title, () => {
	let state: string;
	let session: PowerShellSession;
	const run = (
		operation: OperationScript<unknown>,
		parameters: Record<string, ParameterValue>,
		remote = false,
	) =>
		session.run({
			operation,
			parameters,
			target: remote ? 'hyperv1.contoso.com' : 'localhost',
			timeoutMs: 20_000,
			...(remote ? {credential: admin} : {}),
		});

	beforeAll(() => {
		state = scenarioCopy('classic');
		// The stubs read the scenario from the environment the process starts with.
		process.env.DOUBLEHOP_LAB_STATE = state;
		session = new PowerShellSession({
			powershell: pwsh!,
			connectTimeoutMs: 1000,
			testOnlyModule: stubModule,
		});
	});
	afterAll(async () => {
		await session.dispose();
		delete process.env.DOUBLEHOP_LAB_STATE;
	});

	test('Enable-WSManCredSSP -Role Client without -Force: a HostException with the cmdlet question, and nothing written', async () => {
		const result = await run(withoutForce(enableClientCredSsp), {
			DelegateComputer: ['hyperv1.contoso.com'],
		});
		expect(result).toEqual({
			ok: false,
			error: {
				message: hostException(
					'CredSSP authentication allows the user credentials on this computer to be sent to a remote computer. If you use CredSSP authentication for a connection to a malicious or compromised computer, that computer will have access to your user name and password. For more information, see the Enable-WSManCredSSP Help topic.\nDo you want to enable CredSSP authentication?',
				),
				fullyQualifiedErrorId:
					'HostFunctionNotImplemented,Microsoft.WSMan.Management.EnableWSManCredSSPCommand',
				categoryInfo: 'NotImplemented: (:) [Enable-WSManCredSSP], HostException',
				exceptionType: 'System.Management.Automation.Host.HostException',
			},
		});
		expect(readState(state).machines['admin-ws']!.allowFreshCredentials ?? []).toEqual([]);
		// As doublehop ships it, the same call is made.
		expect((await run(enableClientCredSsp, {DelegateComputer: ['hyperv1.contoso.com']})).ok).toBe(
			true,
		);
		expect(readState(state).machines['admin-ws']!.allowFreshCredentials).toEqual([
			'wsman/hyperv1.contoso.com',
		]);
	});

	test('Enable-WSManCredSSP -Role Server in the session to hop 1 without -Force: refused with the server question', async () => {
		const refused = await run(withoutForce(enableServerCredSsp), {}, true);
		expect(refused.ok || refused.error.message).toContain(
			'The host was attempting to request confirmation with the following message: CredSSP authentication allows the server to accept user credentials from a remote computer.',
		);
		expect(refused.ok || refused.error.fullyQualifiedErrorId).toBe(
			'HostFunctionNotImplemented,Microsoft.WSMan.Management.EnableWSManCredSSPCommand',
		);
		expect(readState(state).machines.hyperv1!.credssp.server).toBe(false);
		expect((await run(enableServerCredSsp, {}, true)).ok).toBe(true);
		expect(readState(state).machines.hyperv1!.credssp.server).toBe(true);
	});

	test('TrustedHosts: Set-Item and Clear-Item without -Force are refused with the TrustedHosts question; as shipped they write', async () => {
		const calls: [OperationScript<unknown>, Record<string, ParameterValue>, string][] = [
			[addTrustedHost, {Entry: '10.0.0.5'}, 'Set-Item'],
			[setTrustedHosts, {Entries: ['10.0.0.5']}, 'Set-Item'],
			[setTrustedHosts, {Entries: []}, 'Clear-Item'],
		];
		for (const [operation, parameters, cmdlet] of calls) {
			const refused = await run(withoutForce(operation), parameters);
			expect(refused.ok || refused.error.message).toBe(hostException(trustedHostsQuery));
			expect(refused.ok || refused.error.categoryInfo).toBe(
				`NotImplemented: (:) [${cmdlet}], HostException`,
			);
			expect(readState(state).machines['admin-ws']!.trustedHosts).toBeUndefined();
		}
		expect((await run(addTrustedHost, {Entry: '10.0.0.5'})).ok).toBe(true);
		expect(readState(state).machines['admin-ws']!.trustedHosts).toEqual(['10.0.0.5']);
		expect((await run(setTrustedHosts, {Entries: []})).ok).toBe(true);
		expect(readState(state).machines['admin-ws']!.trustedHosts).toBeUndefined();
	});
});
