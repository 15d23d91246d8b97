// Real pwsh against the stubs: this workstation's WinRM service, stopped as Windows 10/11 ship it.
// The stubs fail the WSMan cmdlets the way Windows does while it is stopped, so the real scripts
// and the ErrorRecord conversion are checked, and the service read, start and stop round-trip.
import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import {windowsErrors} from '../../source/hosts/lab/windows-errors.js';
import {noPwshReason, pwsh, scenarioCopy, stubbedHost} from './pwsh.js';

const title = `this machine's WinRM service, real pwsh against the stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;
const readState = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Scenario;
const running = (path: string) => readState(path).machines['admin-ws']?.winrmRunning;

describe.skipIf(pwsh === undefined)(title, () => {
	test('Enable-WSManCredSSP with WinRM stopped fails with the Windows record and writes nothing', async () => {
		const state = scenarioCopy('winrm-stopped');
		const host = await stubbedHost(state);
		try {
			const result = await host.enableClientCredSsp(['hyperv1.contoso.com']);
			expect(result).toEqual({
				ok: false,
				error: windowsErrors.localWinRMStopped(
					'Enable-WSManCredSSP',
					'EnableWSManCredSSPCommand',
					'admin-ws.contoso.com',
					['hyperv1.contoso.com'],
				),
			});
			const client = readState(state).machines['admin-ws'];
			expect(client?.credssp.client).toBe(false);
			expect(client?.allowFreshCredentials).toEqual([]);
			expect(await host.readClientCredSsp()).toEqual({
				ok: false,
				error: windowsErrors.localWinRMStopped(
					'Get-WSManCredSSP',
					'GetWSManCredSSPCommand',
					'admin-ws.contoso.com',
				),
			});
		} finally {
			await host.dispose();
		}
	}, 60_000);

	test('preflight reads the service; start and stop round-trip; the CredSSP cmdlets work once it runs', async () => {
		const state = scenarioCopy('winrm-stopped');
		const host = await stubbedHost(state);
		try {
			const before = await host.localContext();
			expect(before).toMatchObject({
				ok: true,
				value: {winrmService: {status: 'Stopped', startType: 'Manual'}},
			});
			expect(await host.startWinRMService()).toEqual({ok: true, value: {output: ''}});
			expect(running(state)).toBe(true);
			expect(await host.localContext()).toMatchObject({
				ok: true,
				value: {winrmService: {status: 'Running', startType: 'Manual'}},
			});
			expect(await host.readClientCredSsp()).toMatchObject({ok: true, value: {enabled: false}});
			expect(await host.stopWinRMService()).toEqual({ok: true, value: {output: ''}});
			expect(running(state)).toBe(false);
			// Stopping a stopped service is not an error: undo after a restart finds it stopped.
			expect(await host.stopWinRMService()).toEqual({ok: true, value: {output: ''}});
			// The start type is never changed.
			expect(readState(state).machines['admin-ws']?.winrmStartType).toBe('Manual');
		} finally {
			await host.dispose();
		}
	}, 60_000);

	test('a Disabled service does not start; Set-Item WSMan: -Force starts a Manual one silently', async () => {
		const disabled = scenarioCopy('winrm-stopped', (scenario) => {
			scenario.machines['admin-ws']!.winrmStartType = 'Disabled';
		});
		const host = await stubbedHost(disabled);
		try {
			expect(await host.startWinRMService()).toEqual({
				ok: false,
				error: windowsErrors.serviceCannotStart(),
			});
			expect(running(disabled)).toBe(false);
		} finally {
			await host.dispose();
		}
		const manual = scenarioCopy('winrm-stopped');
		const other = await stubbedHost(manual);
		try {
			// set-client-credssp runs Set-Item WSMan:\localhost\Client\Auth\CredSSP -Force.
			expect(await other.setClientCredSsp(true)).toMatchObject({ok: true});
			expect(running(manual)).toBe(true);
			expect(readState(manual).machines['admin-ws']?.credssp.client).toBe(true);
		} finally {
			await other.dispose();
		}
	}, 60_000);

	test('the undo stops it only while its start type is the one doublehop left', async () => {
		const state = scenarioCopy('winrm-stopped', (scenario) => {
			scenario.machines['admin-ws']!.winrmRunning = true;
			scenario.machines['admin-ws']!.winrmStartType = 'Automatic';
		});
		const host = await stubbedHost(state);
		try {
			// Enable-PSRemoting (or a GPO) made it Automatic since doublehop started it as Manual.
			expect(await host.stopWinRMService('Manual')).toEqual({
				ok: true,
				value: {output: '', startTypeNow: 'Automatic'},
			});
			expect(running(state)).toBe(true);
			expect(await host.stopWinRMService('Automatic')).toEqual({ok: true, value: {output: ''}});
			expect(running(state)).toBe(false);
		} finally {
			await host.dispose();
		}
	}, 60_000);
});
