// Real pwsh against the stubs: the $using:cred method's script. Invoke-Command sends the block
// with the value of each $using: variable read where it is called, so the stubs' Invoke-Command
// does the same, and Get-VM and a nested Invoke-Command log on to hop 2 with a -Credential given.
import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import type {Credential} from '../../source/hosts/host.js';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import {Secret} from '../../source/safety/secret.js';
import {passCredential} from '../../source/windows/credential-rewrite.js';
import {noPwshReason, pwsh, scenarioCopy, stubbedHost} from './pwsh.js';

const title = `$using:cred, real pwsh against the stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;
const readState = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Scenario;
const hop1 = 'hyperv1.contoso.com';
const hop2 = 'hyperv2.contoso.com';
const admin: Credential = {user: 'CONTOSO\\admin', password: new Secret('Passw0rd!')};

function rewritten(command: string): string {
	const rewrite = passCredential(command);
	if (!rewrite.fits) throw new Error(rewrite.why);
	return rewrite.command;
}

describe.skipIf(pwsh === undefined)(title, () => {
	test('the rewritten Get-VM and nested Invoke-Command reach hop 2; the unchanged command still fails; nothing is changed', async () => {
		const state = scenarioCopy('classic');
		const before = readState(state).machines;
		const host = await stubbedHost(state);
		try {
			const vms = await host.runWithCredential(
				hop1,
				admin,
				rewritten(`Get-VM -ComputerName ${hop2}`),
			);
			expect(vms.ok).toBe(true);
			if (vms.ok) expect(vms.value.output.split('\n')[2]).toMatch(/^sql01\s+Running/);

			const nested = await host.runWithCredential(
				hop1,
				admin,
				rewritten(`Invoke-Command -ComputerName ${hop2} { $env:COMPUTERNAME }`),
			);
			expect(nested).toEqual({ok: true, value: {output: 'HYPERV2'}});

			// Without the credential handed to it, the cmdlet still has nothing to log on with.
			const bare = await host.runWithCredential(hop1, admin, `Get-VM -ComputerName ${hop2}`);
			expect(bare.ok ? '' : bare.error.fullyQualifiedErrorId).toBe(
				'AccessDenied,Microsoft.HyperV.PowerShell.Commands.GetVMCommand',
			);
			expect(readState(state).machines).toEqual(before);
		} finally {
			await host.dispose();
		}
	}, 60_000);
});

describe.skipIf(pwsh === undefined)(`${title}: a share`, () => {
	test('Test-Path through New-PSDrive -Credential answers True; the bare UNC path still False', async () => {
		const state = scenarioCopy('test-path-false');
		const host = await stubbedHost(state);
		try {
			const share = '\\\\fs01\\share';
			const through = await host.runWithCredential(hop1, admin, rewritten(`Test-Path ${share}`));
			expect(through).toEqual({ok: true, value: {output: 'True'}});
			const bare = await host.runWithCredential(hop1, admin, `Test-Path ${share}`);
			expect(bare).toEqual({ok: true, value: {output: 'False'}});
		} finally {
			await host.dispose();
		}
	}, 60_000);
});
