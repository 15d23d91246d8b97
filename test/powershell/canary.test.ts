// Tier (d): a unique canary password, passed through the real host, must appear in no argv and no
// environment of the PowerShell child, no file under its HOME or TMPDIR, no outcome returned,
// nothing printed (node-powershell's own debug output switched on to prove it), and no command
// text the console host ran (what Script Block Logging and transcription would record). Looked
// for as text, as UTF-16 and as base64, the encodings it travels in. Run on both console hosts.
import {randomUUID} from 'node:crypto';
import {existsSync, mkdtempSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, test, vi} from 'vitest';
import type {Outcome} from '../../source/windows/records.js';
import type {PowerShellHost} from '../../source/hosts/powershell/powershell-host.js';
import {Secret} from '../../source/safety/secret.js';
import {consoleHosts, noPwshReason, pwsh, scenarioCopy} from './pwsh.js';
import type {ConsoleHost} from './pwsh.js';

const canary = `Canary-${randomUUID()}-Ωé`;
const forms = [
	Buffer.from(canary, 'utf8'),
	Buffer.from(canary, 'utf16le'),
	Buffer.from(Buffer.from(canary, 'utf8').toString('base64'), 'utf8'),
	// A prefix of the password's base64 (stable whatever precedes it in a longer encoded blob).
	Buffer.from(Buffer.from(canary.slice(0, 24), 'utf8').toString('base64').slice(0, 28), 'utf8'),
];
const contains = (bytes: Buffer) => forms.some((form) => bytes.includes(form));

function filesUnder(folder: string): string[] {
	if (!existsSync(folder)) return [];
	return readdirSync(folder, {recursive: true, encoding: 'utf8'})
		.map((name) => join(folder, name))
		.filter((path) => {
			try {
				return statSync(path).isFile();
			} catch {
				return false;
			}
		});
}

function childPowerShellPids(): number[] {
	return readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name))
		.filter((pid) => {
			try {
				const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
				const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
				return (
					parent === process.pid &&
					/pwsh|powershell/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))
				);
			} catch {
				return false;
			}
		})
		.map(Number);
}

const title = `the password never leaks${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;

describe.skipIf(pwsh === undefined || process.platform !== 'linux').each(consoleHosts)(
	`${title}: $name`,
	(consoleHost: ConsoleHost) => {
		const home = mkdtempSync(join(tmpdir(), 'doublehop-home-'));
		const temp = mkdtempSync(join(tmpdir(), 'doublehop-tmp-'));
		// Every line the Windows PowerShell stand-in reads from stdin and runs (outside HOME and TMPDIR).
		const commandLog = join(mkdtempSync(join(tmpdir(), 'doublehop-commands-')), 'commands.log');
		const outcomes: Outcome<unknown>[] = [];
		const printed: string[] = [];
		const saved = {HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, DEBUG: process.env.DEBUG};
		let host: PowerShellHost;
		let pids: number[] = [];

		beforeAll(async () => {
			// The lab account's password is the canary; the scenario copy lives outside HOME and TMPDIR.
			const state = scenarioCopy('classic', (scenario) => {
				scenario.accounts[0]!.password = canary;
			});
			Object.assign(process.env, {
				HOME: home,
				TMPDIR: temp,
				DEBUG: '*',
				DOUBLEHOP_LAB_STATE: state,
				DOUBLEHOP_STANDIN_LOG: commandLog,
			});
			for (const stream of [process.stdout, process.stderr]) {
				const write = stream.write.bind(stream);
				vi.spyOn(stream, 'write').mockImplementation(
					(chunk: string | Uint8Array, ...rest: unknown[]) => {
						printed.push(String(chunk));
						return write(chunk as never, ...(rest as [never]));
					},
				);
			}
			vi.spyOn(console, 'log').mockImplementation(
				(...args: unknown[]) => void printed.push(args.map(String).join(' ')),
			);
			// node-powershell logs through the `debug` package, which read DEBUG when first loaded
			// (possibly before this file ran): switch every namespace on explicitly.
			const debugPackage = 'debug';
			const {default: debug} = (await import(debugPackage)) as {
				default: {enable(namespaces: string): void};
			};
			debug.enable('*');
			const {createPowerShellHost} =
				await import('../../source/hosts/powershell/powershell-host.js');
			const {stubModule} = await import('./pwsh.js');
			host = createPowerShellHost({
				powershell: consoleHost.powershell,
				testOnlyModule: stubModule,
				connectTimeoutSeconds: 1,
			});
			const credential = {user: 'CONTOSO\\admin', password: new Secret(canary)};
			const wrong = {user: 'CONTOSO\\admin', password: new Secret(`${canary}-wrong`)};
			outcomes.push(await host.testFirstHop('hyperv1.contoso.com', credential));
			pids = childPowerShellPids();
			outcomes.push(
				await host.runOnFirstHop(
					'hyperv1.contoso.com',
					credential,
					'Get-VM -ComputerName hyperv2.contoso.com',
					'Default',
				),
			);
			outcomes.push(await host.testFirstHop('hyperv1.contoso.com', wrong));
			outcomes.push(await host.readServerCredSsp('hyperv1.contoso.com', credential));
			outcomes.push(
				await host.runOnFirstHop('hyperv1.contoso.com', credential, '$PSSenderInfo', 'Default'),
			);
		}, 60_000);

		afterAll(async () => {
			await host?.dispose();
			vi.restoreAllMocks();
			for (const [name, value] of Object.entries(saved)) {
				if (value === undefined) delete process.env[name];
				else process.env[name] = value;
			}
		});

		test('the calls really used the canary (right password accepted, wrong refused)', () => {
			expect(outcomes[0]?.ok).toBe(true);
			expect(outcomes[2]?.ok || outcomes[2]?.error.fullyQualifiedErrorId).toBe(
				'LogonFailure,PSSessionOpenFailed',
			);
		});

		test('no argv of the PowerShell child', () => {
			expect(pids.length).toBe(1);
			for (const pid of pids) expect(contains(readFileSync(`/proc/${pid}/cmdline`))).toBe(false);
		});

		test('no environment of the PowerShell child', () => {
			for (const pid of pids) expect(contains(readFileSync(`/proc/${pid}/environ`))).toBe(false);
		});

		test('no file under HOME or TMPDIR', () => {
			const files = [...filesUnder(home), ...filesUnder(temp)];
			expect(files.filter((file) => contains(readFileSync(file)))).toEqual([]);
		});

		test('no outcome returned', () => {
			expect(contains(Buffer.from(JSON.stringify(outcomes), 'utf8'))).toBe(false);
		});

		test.runIf(consoleHost.powershell.kind === 'powershell')(
			'no command text the console host ran, plain or base64',
			() => {
				const ran = readFileSync(commandLog);
				// The log did run: it holds the credential hand-over, which names only a channel.
				expect(ran.toString('utf8')).toContain('Receive-DoublehopCredential');
				expect(contains(ran)).toBe(false);
			},
		);

		test('nothing printed, even with node-powershell debug logging on', () => {
			// The debug log did run: it shows the commands node-powershell was given.
			expect(printed.join('\n')).toContain('Invoke-DoublehopRequest');
			expect(contains(Buffer.from(printed.join('\n'), 'utf8'))).toBe(false);
		});
	},
);
