// The console host's block mode under `-Command -` (ConsoleHost.cs InputLoop.Run; PowerShell issue
// #3223): a line that is an incomplete statement is kept, every later line is added to it, and the
// block runs only once an empty line comes. A command that never gets its empty line never runs,
// nor does anything after it, so its caller waits forever. Played on both console hosts: real
// pwsh 7 (the same InputLoop as 5.1) shows the 5.1 stand-in plays it alike. Then the lines
// doublehop itself writes, each framed as node-powershell frames it, must all run without one.
import {spawn} from 'node:child_process';
import type {ChildProcessWithoutNullStreams} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {languageModeLine} from '../../source/hosts/powershell/language-mode.js';
import {
	bootstrapLine,
	initializeLine,
	openChannelLine,
	receiveCredentialLine,
	requestLine,
} from '../../source/hosts/powershell/protocol.js';
import {runtimeScript} from '../../source/hosts/powershell/runtime.js';
import {consoleHosts, noPwshReason, pwsh, standInBlockModeMark} from './pwsh.js';

type Console = {
	child: ChildProcessWithoutNullStreams;
	write: (text: string) => void;
	/** Whether stdout has shown `text` within `ms`. */
	shows: (text: string, ms: number) => Promise<boolean>;
	stdout: () => string;
	log: string;
};

const started: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
	for (const child of started.splice(0)) child.kill('SIGKILL');
});

function startConsole(executable: string): Console {
	const log = join(mkdtempSync(join(tmpdir(), 'doublehop-block-mode-')), 'lines.log');
	const child = spawn(
		executable,
		['-NoLogo', '-NoProfile', '-NonInteractive', '-NoExit', '-Command', '-'],
		{env: {...process.env, TERM: 'dumb', NO_COLOR: '1', DOUBLEHOP_STANDIN_LOG: log}},
	);
	started.push(child);
	let stdout = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr.resume();
	return {
		child,
		log,
		write: (text) => child.stdin.write(text),
		stdout: () => stdout,
		shows: async (text, ms) => {
			const until = Date.now() + ms;
			while (!stdout.includes(text) && Date.now() < until) {
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
			return stdout.includes(text);
		},
	};
}

const title = (name: string) =>
	`${name}: -Command - block mode${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;

describe.skipIf(pwsh === undefined).each(consoleHosts)('$name', ({name, powershell}) => {
	describe(title(name), () => {
		test.each([
			['an open brace', 'if ($true) {\n"ran inside"\n}\n'],
			['a trailing pipe', '"ran" |\nForEach-Object { "$_ inside" }\n'],
			['a trailing backtick', 'Write-Output `\n"ran inside"\n'],
			['a here-string', '@"\nran inside\n"@\n'],
		])(
			'%s: nothing runs, not even the next line, until an empty line',
			async (_what, statement) => {
				const host = startConsole(powershell.executable);
				host.write("'ready'\n");
				expect(await host.shows('ready', 30_000)).toBe(true);
				host.write(`${statement}'next line'\n`);
				expect(await host.shows('inside', 2_000)).toBe(false);
				expect(host.stdout()).not.toContain('next line');
				host.write('\n');
				expect(await host.shows('next line', 10_000)).toBe(true);
				expect(host.stdout()).toContain('ran inside');
			},
			45_000,
		);

		test('a line that fails to parse otherwise is reported and the next line runs', async () => {
			const host = startConsole(powershell.executable);
			host.write("1 + )\n'next line'\n");
			expect(await host.shows('next line', 30_000)).toBe(true);
		}, 45_000);

		test('every line doublehop writes runs without an empty line, framed as node-powershell frames it', async () => {
			const multiLine = 'param($Text, $Texts)\n@"\n{ $Text\n"@\n$Texts |\n  ForEach-Object { $_ }';
			const remote = {
				computerName: 'hyperv1.contoso.com',
				authentication: 'Default' as const,
				credentialSerial: 1,
				keep: true,
				probeMs: 3_000,
				useSsl: false,
			};
			const request = {
				id: '7',
				script: multiLine,
				parameters: {Text: 'a {\nb `', Texts: ['@"', '|'], Flag: true, Count: 3},
				timeoutMs: 30_000,
				openTimeoutMs: 8_000,
			};
			// The runtime's commands are replaced (each on one line) once it is loaded, so that the
			// lines after it are parsed and run as the console host would, with no machine touched.
			const standIns =
				"function Initialize-Doublehop { 'stood in' }; function Open-DoublehopCredentialChannel { 'stood in' }; " +
				"function Receive-DoublehopCredential { 'stood in' }; function Invoke-DoublehopRequest { 'stood in' }";
			const lines = [
				bootstrapLine(runtimeScript),
				standIns,
				initializeLine(undefined),
				initializeLine('/tmp/a {\nmodule.psm1'),
				openChannelLine('doublehop-credential-1'),
				receiveCredentialLine(1, 10_000),
				receiveCredentialLine(2, 10_000, true),
				requestLine(request),
				requestLine({...request, remote}),
				requestLine({...request, remote: {...remote, passCredential: true}}),
			];
			const host = startConsole(powershell.executable);
			host.write(`${languageModeLine}\n`);
			lines.forEach((line, index) => {
				host.write(
					`[Console]::Error.WriteLine("start ${index}")\n[Console]::Out.WriteLine("start ${index}")\n`,
				);
				host.write(`${line}\n`);
				host.write(
					`[Console]::Error.WriteLine("end ${index}")\n[Console]::Out.WriteLine("end ${index}")\n`,
				);
			});
			await host.shows(`end ${lines.length - 1}`, 30_000);
			const waiting = lines.findIndex((_line, index) => !host.stdout().includes(`end ${index}`));
			// The first line still waiting for its empty line, or none.
			expect(waiting === -1 ? 'none' : lines[waiting]!.slice(0, 120)).toBe('none');
			expect(host.stdout()).toContain('FullLanguage');
			expect(host.stdout().match(/stood in/g)).toHaveLength(lines.length - 2);
			if (powershell.kind === 'powershell') {
				expect(readFileSync(host.log, 'utf8')).not.toContain(standInBlockModeMark);
			}
		}, 45_000);
	});
});
