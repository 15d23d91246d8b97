// Secrets and names on the odd paths of the command line: an unknown flag never has its value
// repeated, explain's --hop1 is checked like every other name, and --password-stdin takes the
// first line of a pipe (no BOM, no waiting for the writer to close) and refuses a terminal.
import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {cliPath, start, stateFolder, tmuxMissing, type Terminal} from '../terminal/terminal.js';

function run(args: string[], input: string | Buffer = '') {
	const result = spawnSync(process.execPath, [cliPath, ...args], {
		input,
		encoding: 'utf8',
		env: {
			...process.env,
			DOUBLEHOP_STATE_DIR: mkdtempSync(join(tmpdir(), 'doublehop-cli-')),
			CI: 'true',
		},
		timeout: 10_000,
	});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

describe('unknown flags', () => {
	test.each(['--password=Hunter2-canary', '--pass=Hunter2-canary', '--cred=Hunter2-canary'])(
		'%s: refused without repeating the value, pointing to --password-stdin',
		(flag) => {
			const result = run(['--lab', 'classic', flag]);
			expect(result.code).toBe(2);
			expect(result.stderr + result.stdout).not.toContain('Hunter2-canary');
			expect(result.stderr).toContain(
				`unknown flag ${flag.split('=')[0]} (its value is not shown)`,
			);
			expect(result.stderr).toContain('--password-stdin');
		},
	);

	test('any other unknown flag names itself and the help', () => {
		const result = run(['--lab', 'classic', '--frobnicate']);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(
			'doublehop: unknown flag --frobnicate. Run doublehop --help for the flags.\n',
		);
	});

	test.each([
		[
			['--lab', 'classic', '--json=yes'],
			'--json is a switch and takes no value: write --json, not --json=yes.',
		],
		[
			['explain', '--json=1', 'Access is denied.'],
			'--json is a switch and takes no value: write --json, not --json=1.',
		],
		[
			['--lab', 'classic', '--password-stdin=Hunter2-canary'],
			'--password-stdin is a switch and takes no value: write --password-stdin.',
		],
		// Before: meow's bare "Unknown flag\n--no-color=false", in no words of doublehop's.
		[
			['--lab', 'classic', '--no-color=false'],
			'--no-color is a switch and takes no value: write --no-color (or --color), not --no-color=false.',
		],
		[
			['explain', '--no-ascii=true', 'Access is denied.'],
			'--no-ascii is a switch and takes no value: write --no-ascii (or --ascii), not --no-ascii=true.',
		],
	])('a switch given a value is refused, not read as left out: %s', (args, message) => {
		// Before: --json=yes ran without --json (the TTY refusal), and explain answered in text.
		const result = run(args);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(`doublehop: ${message}\n`);
		expect(result.stdout).toBe('');
	});

	test.each([
		[['--lab', 'classic', '--json', '--for', '-2h'], '--for is not a duration'],
		[['--lab', 'classic', '--json', '--hop1', '-x'], '--hop1'],
	])('a value that starts with a dash is checked as the value it is: %s', (args, start) => {
		// Before: meow's bare "Unknown flag" / "-2h" on stderr, and no JSON document.
		const result = run([...args, '--password-stdin'], 'Passw0rd!\n');
		expect(result.code).toBe(2);
		expect(result.stderr).not.toContain('Unknown flag');
		expect((JSON.parse(result.stdout) as {headline: string}).headline.startsWith(start)).toBe(true);
	});

	test('a value flag given twice is refused in words, with the list form for --hop1', () => {
		// Before: "doublehop: unexpected error: The flag --hop1 can only be set once."
		const result = run(['--lab', 'classic', '--hop1', 'x', '--hop1', 'y']);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(
			'doublehop: --hop1 is given twice: give it once (many first hops are one list: --hop1 a,b,c).\n',
		);
	});

	test.each(['--yes', '--steps client,server'])(
		'%s without --json is refused: the guided flow asks at every step',
		(flag) => {
			// Before: --steps was silently ignored, and the guided run went on.
			const result = run(['--lab', 'classic', ...flag.split(' ')]);
			expect(result.code).toBe(2);
			expect(result.stderr).toBe(
				`doublehop: ${flag.split(' ')[0]} only applies with --json; the guided flow asks at every step.\n`,
			);
		},
	);

	test('--wait without --json is refused: only a --json run waits for another run', () => {
		// Before: silently ignored; a guided run that meets another run says so and stops.
		const result = run(['--lab', 'classic', '--wait', '30']);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(
			'doublehop: --wait only applies with --json; a guided run that meets another run on the same machines says so and stops: run it again once that one has ended.\n',
		);
	});

	test('a switch given true or false is read as written', () => {
		const result = run(['explain', '--json=true', 'Access is denied.']);
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({status: 'ambiguous'});
	});

	test('a value that starts with a dash is a value, not a flag', () => {
		const result = run(['explain', '--hop1', 'hyperv1.contoso.com', '--file', '-not-a-flag']);
		expect(result.stderr).not.toContain('unknown flag');
	});
});

describe('explain --hop1', () => {
	test('is checked like every other name before it is filled into a command', () => {
		const error = 'Access is denied.';
		const result = run(['explain', '--hop1', 'x; Remove-Item C:\\ -Recurse'], error);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/^doublehop: --hop1: /);
		expect(result.stdout).not.toContain('Remove-Item');
	});
});

describe('--password-stdin', () => {
	const args = ['--json', '--password-stdin', '--lab', 'classic'];

	test('takes the first line, without a UTF-8 byte-order mark', () => {
		const result = run(args, '\uFEFFPassw0rd!\nnot the password\n');
		expect(result.code).toBe(1);
		expect(JSON.parse(result.stdout).verdict).toBe('needs-changes');
	});

	// Windows PowerShell 5.1's `"Passw0rd!" > pw.txt` writes UTF-16LE with a BOM; `type pw.txt |`
	// passes the bytes on unchanged.
	test.each([
		['with its mark (as 5.1 writes it)', Buffer.from([0xff, 0xfe])],
		['without its mark', Buffer.alloc(0)],
	])('a UTF-16 password file %s: read as the password it holds', (_what, mark) => {
		const utf16 = Buffer.concat([mark, Buffer.from('Passw0rd!\r\n', 'utf16le')]);
		const result = run(args, utf16);
		// Before: read as UTF-8, the NUL-riddled string was sent as the password: a failed logon.
		expect(result.code).toBe(1);
		expect(JSON.parse(result.stdout).verdict).toBe('needs-changes');
	});

	test.each([
		['NUL characters', Buffer.from('Pass\0w0rd!\n'), 'read NUL characters'],
		['an ANSI code page', Buffer.from([0x50, 0xe4, 0x73, 0x73, 0x0a]), 'neither UTF-8 nor UTF-16'],
	])(
		'%s: refused before any host is asked, since a password is not guessed',
		(_what, bytes, why) => {
			const result = run(args, bytes);
			expect(result.code).toBe(2);
			const document = JSON.parse(result.stdout) as {headline: string; host: string};
			expect(document.headline).toContain(why);
			expect(document.headline).toContain('Set-Content -Encoding UTF8');
			expect(document.host).toBe('none: the run did not start');
		},
	);

	test('an empty first line is refused before any host is asked, with how to pipe the password', () => {
		for (const line of [
			args,
			[
				'--json',
				'--password-stdin',
				'--lab',
				'fleet',
				'--hop1',
				'hv01.contoso.com,hv05.contoso.com',
			],
		]) {
			const result = run(line, '\n');
			expect(result.code).toBe(2);
			const document = JSON.parse(result.stdout) as {headline: string; host: string};
			// Before: the masked prompt's "Enter the password (it is not shown as you type)."
			expect(document.headline).toBe(
				'--password-stdin read an empty first line: pipe the password itself, e.g. Get-Secret hv-admin -AsPlainText | doublehop --json --password-stdin ...',
			);
			expect(document.host).toBe('none: the run did not start');
		}
	});

	// Windows PowerShell 5.1 pipes text to a program as ASCII ($OutputEncoding): "Pässwort" arrives
	// as "P?sswort", and the first hop refuses it.
	test('a refused password with "?" in it says what a 5.1 pipe does to other letters', () => {
		const refused = (password: string) => {
			const report = JSON.parse(
				run(['--lab', 'classic', '--json', '--password-stdin'], `${password}\n`).stdout,
			) as {headline: string; details: string[]};
			return [report.headline, ...report.details].join('\n');
		};
		expect(refused('P?sswort')).toContain('$OutputEncoding = [System.Text.UTF8Encoding]::new()');
		expect(refused('P?sswort')).not.toContain('P?sswort');
		expect(refused('Wrong1!')).not.toContain('$OutputEncoding');
	});

	test('does not wait for a writer that never closes the pipe', async () => {
		const child = spawn(process.execPath, [cliPath, ...args], {
			env: {
				...process.env,
				DOUBLEHOP_STATE_DIR: mkdtempSync(join(tmpdir(), 'doublehop-cli-')),
				CI: 'true',
			},
		});
		let stdout = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stdin.write('Passw0rd!\n');
		const code = await new Promise<number | null>((done) => {
			const timer = setTimeout(() => {
				child.kill('SIGKILL');
				done(null);
			}, 8_000);
			child.on('exit', (exitCode) => {
				clearTimeout(timer);
				done(exitCode);
			});
		});
		child.stdin.destroy();
		expect(code).toBe(1);
		expect(JSON.parse(stdout).verdict).toBe('needs-changes');
	});

	// A Jenkins job aborted while its secret step hangs: the result file must still parse.
	test.skipIf(process.platform !== 'linux')(
		'stopped while it waits for the password: the "interrupted" document, exit 130',
		async () => {
			const child = spawn(process.execPath, [cliPath, ...args], {
				env: {
					...process.env,
					DOUBLEHOP_STATE_DIR: mkdtempSync(join(tmpdir(), 'doublehop-cli-')),
					CI: 'true',
				},
			});
			let stdout = '';
			child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
			const exited = new Promise<number | null>((done) => child.on('exit', done));
			// Sent once the process waits: asleep, its CPU time still, for half a second (Node
			// catches SIGTERM from its start, so the signal mask tells nothing).
			const cpu = () => {
				const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
				return {state: fields[0], time: fields.slice(11, 13).join(' ')};
			};
			let still = 0;
			let last = '';
			for (let tries = 0; tries < 300 && still < 5; tries++) {
				await new Promise((resolve) => setTimeout(resolve, 100));
				const now = cpu();
				still = now.state === 'S' && now.time === last ? still + 1 : 0;
				last = now.time;
			}
			child.kill('SIGTERM');
			const code = await exited;
			child.stdin.destroy();
			// Before: no document at all, and exit 143.
			expect(code).toBe(130);
			const document = JSON.parse(stdout) as {verdict: string; headline: string};
			expect(document.verdict).toBe('interrupted');
			expect(document.headline).toContain('nothing was run or changed');
		},
	);

	describe.skipIf(tmuxMissing() !== undefined)('at a terminal', () => {
		let terminal: Terminal | undefined;
		afterEach(() => terminal?.close());

		test('is refused, since the terminal would echo the password', async () => {
			terminal = start({
				cols: 100,
				rows: 20,
				args,
				env: {DOUBLEHOP_STATE_DIR: stateFolder()},
			});
			expect(await terminal.exitCode()).toBe(2);
			// Under --json the refusal is the one document's headline.
			expect(terminal.joinedHistory()).toContain(
				'"headline": "--password-stdin reads a password piped in, and a terminal would show it as you type.',
			);
		});
	});
});
