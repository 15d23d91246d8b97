// Issue 15: on Windows the console hands Ctrl+C to every process attached to it, PowerShell
// included (node-powershell spawns it without detached), and its console host would stop the call
// that runs. The runtime makes PowerShell ignore Ctrl+C with SetConsoleCtrlHandler(NULL, TRUE),
// called through a P/Invoke built with Reflection.Emit. What runs off Windows is tested here: the
// runtime reports what it did, and the same P/Invoke machinery works on this PowerShell. Whether
// Windows then keeps Ctrl+C from PowerShell can only be seen on Windows.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {runtimeScript} from '../../source/hosts/powershell/runtime.js';
import {noPwshReason, pwsh, scenarioCopy, stubbedHost} from './pwsh.js';

const title = `the console's Ctrl+C and PowerShell${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;

describe.skipIf(pwsh === undefined)(title, () => {
	test('the runtime says what it did about Ctrl+C when it starts: ignored on Windows, nothing to do elsewhere', async () => {
		const host = await stubbedHost(scenarioCopy('classic'));
		try {
			expect(host.ctrlC).toBe(process.platform === 'win32' ? 'ignored' : 'not-windows');
		} finally {
			await host.dispose();
		}
	});

	test('its P/Invoke, built by Reflection.Emit without a compiler, calls the native function on this PowerShell', () => {
		const runtime = join(mkdtempSync(join(tmpdir(), 'doublehop-ctrlc-')), 'runtime.ps1');
		writeFileSync(runtime, runtimeScript);
		// The process id from the C library (kernel32 on Windows) must be PowerShell's own $PID.
		const native =
			process.platform === 'win32'
				? "New-DoublehopNativeMethod 'kernel32.dll' 'GetCurrentProcessId' ([int]) ([type[]]@())"
				: "New-DoublehopNativeMethod 'libc' 'getpid' ([int]) ([type[]]@())";
		const output = execFileSync(
			pwsh!.executable,
			[
				'-NoProfile',
				'-NonInteractive',
				'-Command',
				`. '${runtime}'; $method = ${native}; [string]($method.Invoke($null, @()) -eq $PID)`,
			],
			{encoding: 'utf8', env: {...process.env, TERM: 'dumb'}},
		);
		expect(output.trim()).toBe('True');
	});
});
