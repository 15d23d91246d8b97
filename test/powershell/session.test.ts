// The host's own limits, without PowerShell: a process that never answers is ended and reported
// within the start limit, and bad names are refused before any process starts.
import {chmodSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {createPowerShellHost} from '../../source/hosts/powershell/powershell-host.js';
import {PowerShellSession} from '../../source/hosts/powershell/session.js';
import {localContext} from '../../source/operations/local-context.js';
import {Secret} from '../../source/safety/secret.js';

describe.skipIf(process.platform === 'win32')('session limits', () => {
	const folder = mkdtempSync(join(tmpdir(), 'doublehop-session-'));
	const silent = join(folder, 'pwsh');
	// Reads its input and never answers: a PowerShell that hangs at start.
	writeFileSync(silent, '#!/bin/sh\nexec cat > /dev/null\n');
	chmodSync(silent, 0o755);

	test('a PowerShell that never answers is ended and reported', async () => {
		const session = new PowerShellSession({
			powershell: {found: true, kind: 'pwsh', executable: silent},
			connectTimeoutMs: 1000,
			startTimeoutMs: 1000,
		});
		const started = Date.now();
		const result = await session.run({
			operation: localContext,
			parameters: {},
			target: 'localhost',
			timeoutMs: 1000,
		});
		expect(Date.now() - started).toBeLessThan(3000);
		expect(result.ok || result.error.message).toMatch(/did not start within 1 s/);
		expect(session.processesStarted).toBe(1);
		await session.dispose();
	});

	test('a missing executable is an ErrorRecord, not a crash', async () => {
		const session = new PowerShellSession({
			powershell: {found: true, kind: 'pwsh', executable: join(folder, 'missing')},
			connectTimeoutMs: 1000,
			startTimeoutMs: 5000,
		});
		const result = await session.run({
			operation: localContext,
			parameters: {},
			target: 'localhost',
			timeoutMs: 1000,
		});
		expect(result.ok || result.error.fullyQualifiedErrorId).toBe(
			'PowerShellProcessFailed,doublehop',
		);
		await session.dispose();
	});

	test('bad names are refused before a process starts', async () => {
		const host = createPowerShellHost({
			powershell: {found: true, kind: 'pwsh', executable: silent},
		});
		const result = await host.testFirstHop('hyperv1 & calc', {
			user: 'CONTOSO\\admin',
			password: new Secret('x'),
		});
		expect(result.ok || result.error.message).toMatch(/contains a space/);
		expect(await host.enableClientCredSsp([])).toMatchObject({ok: false});
		expect(host.processesStarted).toBe(0);
		await host.dispose();
	});
});
