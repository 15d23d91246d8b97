// Big input to explain: a whole log pasted in is answered, and past the limit the rest is not
// read, with a notice on stderr that says how much was kept. (Its timings are in npm run bench.)
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {cliPath} from '../terminal/terminal.js';

const transcripts = readFileSync(resolve('fixtures/errors/public.jsonl'), 'utf8')
	.trim()
	.split('\n')
	.map((line) => (JSON.parse(line) as {text: string}).text)
	.join('\n');
const sized = (bytes: number) =>
	transcripts.repeat(Math.ceil(bytes / transcripts.length)).slice(0, bytes);

// Every file a test writes goes here, removed at the end: the suite leaves nothing in the temp folder.
const scratch = mkdtempSync(join(tmpdir(), 'doublehop-explain-input-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

function explain(args: string[], input: string | Buffer = '') {
	return spawnSync(process.execPath, [cliPath, 'explain', ...args], {
		input,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
		timeout: 30_000,
	});
}

describe('explain on big input', () => {
	test('a 1 MB paste is read whole and diagnosed', () => {
		const result = explain([], sized(1024 * 1024));
		expect(result.status).toBe(0);
		expect(result.stderr).toBe('');
		expect(result.stdout).toContain('Next command');
	});

	test('past 2 MB on stdin, its first 0.5 MB and last 1.5 MB are read, and stderr says what was left out', () => {
		const result = explain([], sized(5 * 1024 * 1024));
		expect([0, 3]).toContain(result.status);
		expect(result.stderr).toMatch(
			/^doublehop: read the first 0\.5 MB and the last 1\.5 MB of 5\.\d MB; the 3\.\d MB between were left out\. If the error is not in them, pass that part \(the error and a few lines around it\)\.\n$/,
		);
	});

	test('a 5 MB file: the notice names its size', () => {
		const file = join(mkdtempSync(join(scratch, 'case-')), 'log.txt');
		writeFileSync(file, sized(5 * 1024 * 1024));
		const result = explain(['--file', file]);
		expect(result.stderr).toMatch(/read the first 0\.5 MB and the last 1\.5 MB of 5\.\d MB;/);
	});

	// A CI job's log ends with the error that ended it.
	const error =
		'[hyperv1] Connecting to remote server hyperv2 failed with the following error message : WinRM cannot process the request. The following error with errorcode 0x8009030e occurred while using Kerberos authentication: A specified logon session does not exist. It may already have been terminated.\n';
	const longLog = 'INFO: step passed\n'.repeat(300_000) + error;

	test.each([
		['piped in', (log: string | Buffer) => explain([], log)],
		[
			'in a file',
			(log: string | Buffer) => {
				const file = join(mkdtempSync(join(scratch, 'case-')), 'log.txt');
				writeFileSync(file, log);
				return explain([file]);
			},
		],
	])('an error at the end of a 5 MB log %s is found', (_, run) => {
		const result = run(longLog);
		expect(result.stdout).toContain('Recognised: A remote session opened from the first hop');
		expect(result.stderr).toContain('the last 1.5 MB');
	});

	test('--json says in `input` what was read of a long log, and that a short one was read whole', () => {
		const long = JSON.parse(explain(['--json'], longLog).stdout) as {input: unknown};
		expect(long.input).toEqual({
			cut: {
				headBytes: 512 * 1024,
				tailBytes: 1536 * 1024,
				totalBytes: Buffer.byteLength(longLog),
				whole: true,
			},
			codePage: null,
			lettersLost: false,
		});
		const short = JSON.parse(explain(['--json'], error).stdout) as {input: unknown};
		expect(short.input).toEqual({cut: null, codePage: null, lettersLost: false});
	});

	test('a long log in the ANSI code page whose start is plain ASCII: its end is read as Windows-1252 too, and --json says so', () => {
		// Set-Content on German Windows: megabytes of ASCII, then PowerShell's German message.
		const german = Buffer.from(
			'Der Zugriff wird verweigert. Sie müssen dieses Cmdlet aus einem Prozess mit erhöhten Rechten ausführen.\r\n',
			'latin1',
		);
		const log = Buffer.concat([Buffer.from('INFO: step passed\r\n'.repeat(300_000)), german]);
		const document = JSON.parse(explain(['--json'], log).stdout) as {
			class: string;
			input: {codePage: string | null};
		};
		// Before: the end was read as UTF-8 ("m\ufffdssen") and the message not recognised.
		expect(document.class).toBe('needs-elevation');
		expect(document.input.codePage).toBe('windows-1252');
	});

	test('the end of a long UTF-16 log (Out-File), its byte count odd, is read from a whole character', () => {
		const utf16 = Buffer.concat([Buffer.from('\ufeff' + longLog, 'utf16le'), Buffer.from([0])]);
		const result = explain([], utf16);
		expect(result.stdout).toContain('Recognised: A remote session opened from the first hop');
	});
});

describe('explain given the error as words, or a file that is not there', () => {
	test('the quoted message is explained when no file has that name, with nothing on stderr', () => {
		const result = explain(['Connecting to remote server hyperv2 failed: Access is denied.']);
		expect(result.status).toBe(0);
		expect(result.stderr).toBe('');
		expect(result.stdout).toContain('...to remote server hyperv2 failed: >>Access is denied<<.');
	});

	test('--screen-reader reaches explain: the matched words quoted, not marked', () => {
		const result = explain([
			'--screen-reader',
			'Connecting to remote server hyperv2 failed: Access is denied.',
		]);
		expect(result.stdout).toContain('failed: "Access is denied".');
		expect(result.stdout).not.toContain('>>');
	});

	test('--file - reads standard input, as a bare - does', () => {
		const piped = 'Connecting to remote server hyperv2 failed: Access is denied.\n';
		// Before: "Cannot read -: there is no such file".
		expect(explain(['--file', '-'], piped).stdout).toBe(explain(['-'], piped).stdout);
		expect(explain(['--file', '-'], piped).stdout).toContain('Access is denied');
	});

	test('a name like a file that is not there is explained as words, and stderr says so', () => {
		const result = explain(['my errors.txt']);
		expect(result.stderr).toBe(
			"doublehop: no file is named that; explaining the words given as the error's text.\n",
		);
	});

	test('two files are refused with the way to explain each, not explained as their names', () => {
		const folder = mkdtempSync(join(scratch, 'case-'));
		const [first, second] = [join(folder, 'e1.txt'), join(folder, 'e2.txt')];
		writeFileSync(first, 'Access is denied.');
		writeFileSync(second, 'Access is denied.');
		const result = explain([first, second]);
		expect(result.status).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe(
			`doublehop: ${first} and ${second}: explain reads one error at a time. Run doublehop explain ${first}, then the next.\n`,
		);
	});

	test('--file and words besides are refused, not the words explained in place of the file', () => {
		const folder = mkdtempSync(join(scratch, 'case-'));
		const file = join(folder, 'error.txt');
		writeFileSync(file, 'Access is denied.');
		const result = explain(['--json', '--file', file, 'WinRM', 'cannot', 'complete']);
		expect(result.status).toBe(2);
		expect(JSON.parse(result.stdout)).toMatchObject({status: 'bad-input'});
		expect(result.stderr).toBe(
			`doublehop: --file ${file} and the words "WinRM cannot complete" are two errors; explain reads one. Give --file <path>, or the error's words, not both.\n`,
		);
	});

	test('a whole error message longer than a file name may be is explained, not refused', () => {
		const message =
			'Connecting to remote server hyperv2 failed with the following error message : WinRM cannot process the request. The following error with errorcode 0x8009030e occurred while using Kerberos authentication: A specified logon session does not exist. It may already have been terminated. For more information, see the about_Remote_Troubleshooting Help topic.';
		expect(message.length).toBeGreaterThan(255);
		const result = explain([message]);
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('Recognised: A remote session opened from the first hop');
	});

	test('--json with a flag explain does not know: still one JSON document, bad-input, exit 2', () => {
		const result = explain(['--json', '--bogus', 'Access is denied.']);
		expect(result.status).toBe(2);
		// Before: nothing on stdout, for a caller that parses it.
		expect(JSON.parse(result.stdout)).toEqual({
			schema: 'doublehop/diagnosis@1',
			status: 'bad-input',
			message: 'unknown flag --bogus. Run doublehop --help for the flags.',
		});
		expect(result.stderr).toBe(
			'doublehop: unknown flag --bogus. Run doublehop --help for the flags.\n',
		);
	});

	test('unquoted words are one text, as typed', () => {
		const result = explain(['--json', 'Access', 'is', 'denied.']);
		expect(result.status).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({
			status: 'ambiguous',
			evidence: [{text: 'Access is denied'}],
		});
	});

	test('one word that names no file is a missing file, with the ways to hand the error over', () => {
		const result = explain(['error.txt']);
		expect(result.status).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe(
			'doublehop: Cannot read error.txt: there is no such file. Name the file that holds the error, pipe the error in ($Error[0] | Out-String | doublehop explain), or run doublehop explain and paste it.\n',
		);
	});

	test.each([
		['AccessDenied,PSSessionStateBroken', 'remote-access-denied'],
		['ServerNotTrusted,PSSessionStateBroken', 'trustedhosts-or-auth'],
		['0x8009030e', 'second-hop-denied'],
	])('an error id or code alone, %s, is explained, not looked for as a file', (word, cause) => {
		// The parts of a localised error that stay English: before, "Cannot read ...: no such file".
		const result = explain(['--json', word]);
		expect(result.status).toBe(0);
		expect(result.stderr).toBe('');
		expect((JSON.parse(result.stdout) as {class: string}).class).toBe(cause);
	});

	test('a folder is refused with the way to name a file in it', () => {
		const folder = mkdtempSync(join(scratch, 'case-'));
		const result = explain([folder]);
		expect(result.status).toBe(2);
		expect(result.stderr).toBe(
			`doublehop: Cannot read ${folder}: it is a folder. Name the file in it that holds the error, e.g. doublehop explain ${join(folder, 'error.txt')}.\n`,
		);
	});

	test('"-" reads the error from standard input', () => {
		const result = explain(['--json', '-'], 'Access is denied.');
		expect(result.status).toBe(0);
		expect(result.stderr).toBe('');
		expect(JSON.parse(result.stdout)).toMatchObject({evidence: [{text: 'Access is denied'}]});
	});

	// `--no-ascii` twice is a repeated flag: parseExplainLine leaves that line to meow, so each
	// case is read by both parsers.
	test.each([[[]], [['--no-ascii', '--no-ascii']]])(
		'words that are only blanks answer as empty input does, text and --json (extra flags: %j)',
		(extra) => {
			for (const json of [[], ['--json']]) {
				const empty = explain([...extra, ...json], '');
				for (const words of [['   '], [''], [' ', '\t']]) {
					const blank = explain([...extra, ...json, ...words], 'Access is denied.');
					expect(blank.status).toBe(empty.status);
					expect(blank.stdout).toBe(empty.stdout);
					expect(blank.stderr).toBe(empty.stderr);
				}
			}
			expect(explain(['--json', ...extra, '   ']).stdout).toContain('"status": "empty-input"');
		},
	);

	test.each([
		[['--file']],
		[['--file=']],
		[['--file', '']],
		[['--no-ascii', '--no-ascii', '--file']],
	])('--file without a path (%j) says it needs one, with the way to give it', (args) => {
		const said =
			'--file needs the path of the file that holds the error: doublehop explain --file error.txt. Or pipe the error in ($Error[0] | Out-String | doublehop explain), or run doublehop explain and paste it.';
		const result = explain(args);
		expect(result.status).toBe(2);
		expect(result.stderr).toBe(`doublehop: ${said}\n`);
		const json = explain(['--json', ...args]);
		expect(json.status).toBe(2);
		expect(JSON.parse(json.stdout)).toEqual({
			schema: 'doublehop/diagnosis@1',
			status: 'bad-input',
			message: said,
		});
	});

	test.each([['--json'], ['--screen-reader']])(
		'--file followed by %s says the flag was taken as the path, with the line as it should be',
		(flag) => {
			const result = explain(['--file', flag]);
			expect(result.status).toBe(2);
			expect(result.stdout).toBe('');
			expect(result.stderr).toBe(
				`doublehop: --file needs the path of the file that holds the error, and ${flag} came next, so it was taken as the path. Put the path right after --file: doublehop explain --file error.txt ${flag}\n`,
			);
		},
	);

	test('--file --json err.txt is read as meant: the switch on, the word after it the path', () => {
		const file = join(mkdtempSync(join(scratch, 'swallowed-')), 'err.txt');
		writeFileSync(
			file,
			'Connecting to remote server hv1 failed with the following error message : Access is denied.\n',
		);
		const asMeant = explain(['--file', file, '--json']);
		const swallowed = explain(['--file', '--json', file]);
		expect(swallowed.status).toBe(asMeant.status);
		expect(swallowed.stderr).toBe('');
		expect(JSON.parse(swallowed.stdout)).toEqual(JSON.parse(asMeant.stdout));
		expect(JSON.parse(swallowed.stdout).schema).toBe('doublehop/diagnosis@1');
	});

	test('--file is always a file, even with a space in its name', () => {
		const result = explain(['--file', 'my errors.txt']);
		expect(result.status).toBe(2);
		expect(result.stderr).toContain('Cannot read my errors.txt: there is no such file.');
	});
});

describe('a file that holds no text', () => {
	const folder = mkdtempSync(join(scratch, 'case-'));
	const saved = (name: string, bytes: Buffer) => {
		const file = join(folder, name);
		writeFileSync(file, bytes);
		return file;
	};
	// An event log's file header (MS-EVEN6 2.2): "ElfFile\0", then the chunk numbers.
	const evtx = Buffer.concat([Buffer.from('ElfFile\0', 'latin1'), Buffer.alloc(4088, 1)]);
	const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);

	test('the event log itself is refused with the command that exports its events as text', () => {
		const file = saved('WinRM.evtx', evtx);
		const result = explain([file]);
		expect(result.status).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe(
			`doublehop: ${file} is a Windows event log (.evtx). Export its events as text and explain that: Get-WinEvent -Path '${file}' -MaxEvents 50 | Format-List TimeCreated, Id, ProviderName, Message | Out-File events.txt\n`,
		);
	});

	test('a path with a quote in it is quoted as PowerShell reads it back in that command', () => {
		const file = saved("O'Brien's WinRM.evtx", evtx);
		const result = explain([file]);
		expect(result.status).toBe(2);
		expect(result.stderr).toContain(
			`Get-WinEvent -Path '${file.replace(/'/g, "''")}' -MaxEvents 50`,
		);
	});

	test('a screenshot, named or piped in, is refused with how to hand over its words', () => {
		for (const result of [explain([saved('error.png', png)]), explain(['-'], png)]) {
			expect(result.status).toBe(2);
			expect(result.stdout).toBe('');
			expect(result.stderr).toMatch(/is a picture \(PNG\)\. doublehop reads the error's words/);
			expect(result.stderr).toContain('$Error[0] | Out-File err.txt');
		}
	});

	test('a log with a stray NUL byte in it is still text', () => {
		const lines = 'Deploying to hyperv1.contoso.com\n'.repeat(10);
		const log = Buffer.from(`${lines}\0Access is denied.\n`);
		const result = explain(['--json', saved('stray.log', log)]);
		expect(result.status).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({evidence: [{text: 'Access is denied'}]});
	});

	test('random bytes (a compressed or encrypted file) are refused as not text, never diagnosed', () => {
		// A fixed pseudo-random sequence, so the test is the same every run (a linear congruential one).
		let seed = 20261206;
		const bytes = Buffer.alloc(5000, 0).map(() => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return (seed >> 16) & 0xff || 1;
		});
		const result = explain([saved('r.dat', Buffer.from(bytes))]);
		// Before: read as Windows-1252, and once even diagnosed (exit 0) from its "words".
		expect(result.status).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toContain('is not text (it holds control characters)');
	});

	test('a console capture with colour escapes and tabs is still text', () => {
		const capture = Buffer.from(
			'\x1b[31mNew-PSSession : [hyperv1] Connecting to remote server hyperv1 failed with the following error message : Access is denied.\x1b[0m\r\n\t+ FullyQualifiedErrorId : AccessDenied,PSSessionOpenFailed\r\n',
		);
		expect(explain([saved('capture.txt', capture)]).status).toBe(0);
	});

	test('UTF-16 text, with a zero in every other byte, is still text', () => {
		const text = 'Access is denied.';
		const result = explain(['--json', saved('err.txt', Buffer.from(text, 'utf16le'))]);
		expect(result.status).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({evidence: [{text: 'Access is denied'}]});
	});
});

describe('--json with input explain cannot take', () => {
	test.each([
		[
			'a file that is not there',
			['--json', '--file', 'missing error.txt'],
			/^Cannot read missing error\.txt: there is no such file\./,
		],
		[
			'a host name that is no name',
			['--json', '--hop1', 'hyper v1', 'Access is denied.'],
			/^--hop1: /,
		],
	])('%s: the document says so (status bad-input), stderr too, exit 2', (_, args, message) => {
		const result = explain(args);
		expect(result.status).toBe(2);
		const document = JSON.parse(result.stdout) as {schema: string; status: string; message: string};
		expect(document).toMatchObject({schema: 'doublehop/diagnosis@1', status: 'bad-input'});
		expect(document.message).toMatch(message);
		expect(result.stderr).toBe(`doublehop: ${document.message}\n`);
	});

	// Every input explain cannot take is said on stderr (exit 2), an empty one too: stdout carries
	// answers, and with --json the one document.
	test.each([
		['an empty pipe', [], ''],
		['an empty file', ['EMPTY'], ''],
		['no such file', ['missing.txt'], ''],
		['a folder', ['FOLDER'], ''],
		['an unknown flag', ['--no-such-flag'], 'Access is denied.'],
	])('%s: the message on stderr, nothing on stdout, exit 2', (_, given, input) => {
		const folder = mkdtempSync(join(scratch, 'streams-'));
		writeFileSync(join(folder, 'empty.txt'), '');
		const args = given.map((arg) =>
			arg === 'EMPTY' ? join(folder, 'empty.txt') : arg === 'FOLDER' ? folder : arg,
		);
		const result = explain(args, input);
		expect(result.status).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toMatch(/^doublehop: /);
		const asJson = explain(['--json', ...args], input);
		expect(asJson.status).toBe(2);
		expect(asJson.stderr).toBe(result.stderr);
		expect(JSON.parse(asJson.stdout).status).toMatch(/^(?:empty|bad)-input$/);
	});
});

// A fix flag on explain's line would otherwise be accepted and ignored: the admin who added --user
// or --yes would read an answer that never heard of it.
describe('a flag of the guided fix given to explain', () => {
	test.each([
		[['--user', 'CONTOSO\\admin'], /^explain does not read --user: it is for the guided fix/],
		[['--yes', '--steps', 'client'], /^explain does not read --yes and --steps: they are/],
		[['--lab', 'classic', '--hop1', 'hyperv1'], /^explain does not read --lab: /],
	])(
		'%j is refused before the error is read, with the flags explain takes (exit 2)',
		(args, message) => {
			const result = explain(args, 'Access is denied.');
			expect(result.status).toBe(2);
			expect(result.stdout).toBe('');
			expect(result.stderr.slice('doublehop: '.length)).toMatch(message);
			expect(result.stderr).toContain('--hop1, --hop2 and --command');
			const asJson = explain(['--json', ...args], 'Access is denied.');
			expect(asJson.status).toBe(2);
			expect(JSON.parse(asJson.stdout)).toMatchObject({status: 'bad-input'});
		},
	);

	test('the flags explain takes are still read: --hop1, --command, --no-color, --ascii', () => {
		const args = ['--hop1', 'hyperv1', '--command', 'Get-VM', '--no-color', '--ascii'];
		const result = explain(args, 'Access is denied.');
		expect(result.status).toBe(0);
		expect(result.stdout).toMatch(/^Ambiguous|^Second hop|^The first hop/);
	});
});
