// `doublehop explain`: text and JSON output, exit codes, ASCII mode.
import {describe, expect, test} from 'vitest';
import {explain, explainExitCodes} from '../../source/commands/explain.js';
import type {DiagnosisJson} from '../../source/report/diagnosis-text.js';
import {messages} from './messages.js';
import {withHostPrefix} from './layouts.js';
import {fixtureRows} from './answers.js';

const text = {json: false, ascii: false, width: 80};
const json = {json: true, ascii: false, width: 80};

describe('explain, text output', () => {
	test('names the cause, highlights the evidence, prints the next command with <hop1> filled', () => {
		const wide = {...text, width: 200, hop1: 'hyperv1.contoso.com'};
		const result = explain(withHostPrefix(messages.clientCredSspDisabled), wide);
		expect(result.exitCode).toBe(explainExitCodes.recognised);
		expect(result.stdout).toContain(
			'Recognised: CredSSP is off in the WinRM client of this computer',
		);
		expect(result.stdout).toContain('Class: credssp-client-disabled');
		expect(result.stdout).toContain('»CredSSP authentication is currently disabled«');
		expect(result.stdout).toContain(
			'  Enable-WSManCredSSP -Role Client -DelegateComputer hyperv1.contoso.com\n',
		);
		expect(result.stdout).toContain(
			'Go to: step 7 of 10, Allow delegation on this client (client)',
		);
	});

	test('keeps placeholders it cannot fill', () => {
		const result = explain(messages.clientCredSspDisabled, text);
		expect(result.stdout).toContain('-DelegateComputer <hop1>');
	});

	test('prose is wrapped to the width; the command is not wrapped as prose', () => {
		const result = explain(messages.delegationNtlmOnly, {...text, width: 50});
		const lines = result.stdout.split('\n');
		const command = lines.findIndex((line) => line.startsWith('Next command'));
		for (const [index, line] of lines.entries()) {
			if (index !== command + 1) expect(line.length, line).toBeLessThanOrEqual(50);
		}
	});

	test('Korean is broken between words, at its spaces; Japanese may break between characters', () => {
		// The Remote Desktop dialog as Microsoft's Korean troubleshooting article quotes it.
		const korean = '인증 오류가 발생했습니다. 요청한 함수가 지원되지 않습니다.';
		const shown = explain(korean, {...text, width: 40}).stdout;
		const rows = shown.split('\n');
		for (const word of korean.split(' ').map((each) => each.replace(/[.]$/, '')))
			expect(
				rows.some((row) => row.includes(word)),
				`${word} whole on one row:\n${shown}`,
			).toBe(true);
		const japanese = '認証エラーが発生しました。要求された関数はサポートされていません';
		const narrow = explain(japanese, {...text, width: 40}).stdout.split('\n');
		const evidence = narrow.findIndex((row) => row === 'Evidence');
		// No spaces in it: it is still cut to the width, between characters.
		expect(narrow[evidence + 2]?.trim().length).toBeGreaterThan(0);
	});

	test('a registry path wider than the screen in the next command is cut so the command still pastes', () => {
		const result = explain('This could be due to CredSSP encryption oracle remediation.', {
			...text,
			width: 40,
		});
		const rows = result.stdout.split('\n');
		const at = rows.findIndex((row) => row.startsWith('Next command'));
		const command: string[] = [];
		for (let index = at + 1; rows[index]?.startsWith('  '); index++) command.push(rows[index]!);
		for (const row of command) expect(row.length, row).toBeLessThanOrEqual(40);
		// Each row but the last ends in the continuation; the path is a sum of quoted parts.
		expect(command.slice(0, -1).every((row) => row.endsWith(' `'))).toBe(true);
		const joined = command
			.map((row) => row.trim().replace(/ `$/, ''))
			.join(' ')
			.replace(/' \+ '/g, '');
		expect(joined).toContain(
			"('HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters')",
		);
	});

	test('a bare "Access is denied" is ambiguous: the causes ranked and how to tell them apart', () => {
		const result = explain('ERROR: ACCESS IS DENIED', text);
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toContain('Confidence: low');
		expect(result.stdout).toContain('Ambiguous: the text alone cannot tell between 4 causes');
		expect(result.stdout).toContain('To tell them apart');
		expect(result.stdout).toContain('needs-elevation');
	});

	test('not recognised: exit 3, no diagnosis, closest entries as candidates', () => {
		const result = explain(
			"Login failed for user 'DOMAIN\\User1'. Reason: Could not find a login matching the name provided.",
			text,
		);
		expect(result.exitCode).toBe(explainExitCodes.notRecognised);
		expect(result.stdout).toContain('Not recognised');
		expect(result.stdout).toContain('Closest entries (not a diagnosis)');
		expect(result.stdout).not.toContain('Next command');
	});

	test('empty input: exit 2 and how to pass an error, on stderr as every input refused is', () => {
		for (const input of ['', '  \n\t ']) {
			const result = explain(input, text);
			expect(result.exitCode).toBe(explainExitCodes.emptyInput);
			// stdout is for answers: a refusal is said where "no such file" and a bad flag are.
			expect(result.stdout).toBe('');
			expect(result.stderr).toMatch(/^doublehop: No error text was given/);
			// Ways that run as typed in PowerShell (no "<", a parse error there).
			expect(result.stderr).toContain('  doublehop explain error.txt\n');
			expect(result.stderr).toContain('  $Error[0] | Out-String | doublehop explain\n');
			expect(result.stderr).not.toContain('<');
			expect(result.stderr).toContain('paste');
		}
	});
});

describe('explain, ASCII mode', () => {
	const inputs = [
		withHostPrefix(messages.delegationNtlmOnly),
		// Korean transcript: the pasted text itself is not ASCII.
		'[192.168.100.116] 다음 오류 때문에 원격 서버 192.168.100.116에 연결하지 못했습니다. WinRM에서 작업을 완료할 수 없습니다. 지정한 컴퓨터 이름이 올바른지, 네트워크를 통해 컴퓨터에 액세스할 수 있는지, WinRM에 방화벽 예외를 사용하도록 설정하고 이 컴퓨터의 액세스를 허용하는지 확인하십시오.',
		'Cannot open Service Control Manager on computer ‘w08r2sql08’',
		'Something unrelated went wrong “here”.',
	];
	test.each(inputs)('no character outside ASCII: %s', (input) => {
		for (const options of [
			{...text, ascii: true},
			{...json, ascii: true},
		]) {
			const result = explain(input, options);
			expect(result.stdout).toMatch(/^[\x00-\x7f]*$/);
		}
	});

	test('evidence is marked with >> <<', () => {
		const result = explain(messages.delegationNtlmOnly, {...text, width: 200, ascii: true});
		expect(result.stdout).toContain(
			'>>does not allow the delegation of the user credentials to the target computer because the computer is not trusted<<',
		);
		expect(result.stdout).not.toContain('»');
	});

	test('the Korean timeout is still recognised and its JSON keeps the exact text', () => {
		const result = explain(inputs[1]!, {...json, ascii: true});
		const parsed = JSON.parse(result.stdout) as DiagnosisJson;
		expect(parsed.class).toBe('unreachable');
		expect(parsed.evidence.some((evidence) => evidence.text.includes('WinRM에서'))).toBe(true);
	});
});

describe('explain --json', () => {
	test('stable shape for a recognised error', () => {
		const input = withHostPrefix(messages.timeout, 'WinRMOperationTimeout,PSSessionStateBroken');
		const result = explain(input, {...json, hop1: 'hyperv1'});
		expect(result.exitCode).toBe(0);
		const parsed = JSON.parse(result.stdout) as DiagnosisJson;
		expect(Object.keys(parsed).sort()).toEqual(
			[
				'alternatives',
				'because',
				'candidates',
				'causes',
				'cause',
				'class',
				'confidence',
				'entry',
				'entryClass',
				'evidence',
				'input',
				'name',
				'nextCommand',
				'nextCommandChanges',
				'notToBeConfusedWith',
				'question',
				'runOn',
				'schema',
				'score',
				'stage',
				'status',
			].sort(),
		);
		expect(parsed).toMatchObject({
			schema: 'doublehop/diagnosis@1',
			status: 'recognised',
			class: 'unreachable',
			entry: 'unreachable-timeout',
			entryClass: 'unreachable',
			confidence: 'high',
			nextCommand: 'Test-NetConnection -ComputerName hyperv1 -Port 5985',
			runOn: 'client',
			stage: 'first-hop',
		});
		for (const evidence of parsed.evidence)
			expect(input.slice(evidence.start, evidence.end)).toBe(evidence.text);
		expect(parsed.evidence.map((evidence) => evidence.kind)).toEqual(
			expect.arrayContaining(['phrase', 'fqid']),
		);
	});

	test('not recognised: nulls, confidence none, candidates', () => {
		const result = explain(
			'Get-VM : Hyper-V was unable to find a virtual machine with name "N1".',
			json,
		);
		expect(result.exitCode).toBe(3);
		const parsed = JSON.parse(result.stdout) as DiagnosisJson;
		expect(parsed).toMatchObject({
			status: 'not-recognised',
			class: null,
			entry: null,
			nextCommand: null,
			confidence: 'none',
		});
		expect(parsed.candidates.length).toBeGreaterThan(0);
		expect(parsed.candidates[0]).toHaveProperty('why');
	});

	test('empty input is JSON too, and said on stderr', () => {
		const result = explain('', json);
		expect(result.exitCode).toBe(2);
		expect(JSON.parse(result.stdout)).toMatchObject({status: 'empty-input'});
		expect(result.stderr).toMatch(/^doublehop: No error text was given/);
	});

	test("an ambiguous answer's class is always the first of its causes", () => {
		// "Access is denied" typed in a session on hyperv1 at a share: the words alone mean the first
		// hop, the session says the second hop. A CI job reading only `class` must read the answer.
		const input = [
			'[hyperv1]: PS C:\\> Get-ChildItem \\\\fs01\\share',
			'Get-ChildItem : Access is denied',
			'    + CategoryInfo          : PermissionDenied: (\\\\fs01\\share:String) [Get-ChildItem], UnauthorizedAccessException',
		].join('\n');
		const parsed = JSON.parse(explain(input, json).stdout) as DiagnosisJson;
		expect(parsed.status).toBe('ambiguous');
		expect(parsed.class).toBe(parsed.causes[0]!.class);
		expect(parsed.class).toBe('second-hop-denied');
		// What matched stays said: the entry and its own class.
		expect(parsed).toMatchObject({
			entry: 'access-denied-unspecified',
			entryClass: 'remote-access-denied',
		});
		for (const row of [...fixtureRows('public.jsonl'), ...fixtureRows('real-tune.jsonl')]) {
			const answer = JSON.parse(explain(row.text, json).stdout) as DiagnosisJson;
			if (answer.status === 'ambiguous') expect(answer.class, row.id).toBe(answer.causes[0]!.class);
			else if (answer.status === 'recognised') expect(answer.class, row.id).toBe(answer.entryClass);
			else expect(answer.class, row.id).toBeNull();
		}
	});
});

describe('explain answers fast', () => {
	test('a long paste is diagnosed in well under a second', () => {
		const long = Array.from({length: 20}, () => withHostPrefix(messages.delegationNtlmOnly)).join(
			'\n',
		);
		const started = performance.now();
		explain(long, text);
		expect(performance.now() - started).toBeLessThan(500);
	});
});

describe('explain, narrow terminals', () => {
	const rows = [...fixtureRows('public.jsonl'), ...fixtureRows('localised.jsonl')];
	// Terminal cells: kana, CJK ideographs, Hangul and full-width forms take two.
	const cells = (line: string) =>
		[...line].reduce(
			(sum, char) => sum + (/[\u3000-\u9fff\uac00-\ud7a3\uff00-\uff60]/.test(char) ? 2 : 1),
			0,
		);
	test.each([40, 60, 80])(
		'at %i columns no line is wider, but one word too long to break (a registry path, an error id); Japanese and Chinese break between characters',
		(width) => {
			for (const row of rows) {
				for (const line of explain(row.text, {...text, width}).stdout.split('\n')) {
					if (cells(line) <= width) continue;
					// A command's line may end in PowerShell's line continuation.
					expect(line.trim(), `${row.id} at ${width}`).toMatch(
						/^[^\s\u3000-\u9fff\uac00-\ud7a3\uff00-\uff60]+(?: `)?$/,
					);
				}
			}
		},
	);
});

describe('explain offers a change only as the fix, never as a check', () => {
	// Every readable row: an ambiguous answer cannot know the fix, so what it offers must only read.
	const rows = ['public.jsonl', 'real-tune.jsonl', 'localised.jsonl'].flatMap(fixtureRows);

	test('no ambiguous answer offers a command that changes a machine', () => {
		const offered = rows.flatMap((row) => {
			const answer = explain(row.text, json).stdout;
			const document = JSON.parse(answer) as DiagnosisJson;
			return document.status === 'ambiguous' ? [{id: row.id, ...document}] : [];
		});
		expect(offered.length).toBeGreaterThan(100);
		const changing = offered.filter((answer) => answer.nextCommandChanges !== false);
		expect(changing.map((answer) => `${answer.id}: ${answer.nextCommand}`)).toEqual([]);
	});

	test('a delegation error the text cannot pin down gets the delegation list to read', () => {
		const row = rows.find((candidate) => candidate.id === 'pub-delegation-policy-02')!;
		const document = JSON.parse(explain(row.text, json).stdout) as DiagnosisJson;
		expect(document.status).toBe('ambiguous');
		expect(document.nextCommand).toBe(
			'Get-ItemProperty HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\AllowFreshCredentials',
		);
		expect(explain(row.text, {...text, width: 200}).stdout).toContain(
			'A check (run on this computer)\n  Get-ItemProperty HKLM:',
		);
	});

	test('a recognised error whose next command is the fix says it is a change', () => {
		const document = JSON.parse(
			explain(messages.clientCredSspDisabled, json).stdout,
		) as DiagnosisJson;
		expect(document.nextCommand).toBe('Enable-WSManCredSSP -Role Client -DelegateComputer <hop1>');
		expect(document.nextCommandChanges).toBe(true);
		expect(explain(messages.clientCredSspDisabled, text).stdout).toContain(
			'The fix (a change; run on this computer, in an elevated PowerShell)\n  Enable-WSManCredSSP',
		);
		const check = JSON.parse(explain(messages.delegationNtlmOnly, json).stdout) as DiagnosisJson;
		expect(check.nextCommandChanges).toBe(false);
	});
});

describe('explain for a screen reader', () => {
	const spoken = {...text, width: 60, screenReader: true};

	test('sentences and commands on lines of their own, never wrapped or cut, no marks to be read out', () => {
		const out = explain(
			withHostPrefix(messages.clientCredSspDisabled, 'PSSessionStateBroken', 'hyperv1.contoso.com'),
			spoken,
		).stdout;
		const lines = out.split('\n');
		// Each sentence of the cause is one line, however wide: the reader's own line is the unit.
		expect(
			lines.find((line) => line.startsWith('  The computer that starts'))!.length,
		).toBeGreaterThan(60);
		expect(out).toContain(
			'turns it off.\n  Enabling the client role also adds the delegation entry.\n',
		);
		expect(out).toContain('Class: credssp-client-disabled. Confidence: high\n');
		expect(out).toContain('"CredSSP authentication is currently disabled"');
		expect(out).toContain(
			'\n  Enable-WSManCredSSP -Role Client -DelegateComputer hyperv1.contoso.com\n',
		);
		expect(out).not.toMatch(/[»«•·`]|>>|<</);
		// Look-alikes are sentences, not bullets read as "bullet".
		expect(out).toMatch(/\n {2}No delegation entry matches the name you typed: /);
	});

	test('an ambiguous answer: each question of how to tell them apart on its own line, each cause with its number', () => {
		const out = explain('Access is denied.', spoken).stdout;
		expect(out).toMatch(/\n {2}1\. The first hop refuses this account \(remote-access-denied\)\n/);
		expect(out).toContain(
			'?\n  Then it is the second hop.\n  Does it fail as the session opens, before the command runs?\n',
		);
	});

	test('an ellipsis inside a quoted message ends no sentence', () => {
		const nested =
			'[hyperv2] Connecting to remote server hyperv2 failed with the following error message : Access is denied. For more information, see the about_Remote_Troubleshooting Help topic.\n' +
			'    + CategoryInfo          : OpenError: (hyperv2:String) [], PSRemotingTransportException\n' +
			'    + FullyQualifiedErrorId : AccessDenied,PSSessionStateBroken\n' +
			'    + PSComputerName        : hyperv1\n';
		const out = explain(nested, spoken).stdout;
		expect(out).toContain('The "Connecting to remote server ... Access is denied" block ends');
		// Before: 'The "Connecting to remote server ...' on one line, 'Access is denied" block' on the next.
		expect(out).not.toContain('remote server ...\n');
	});

	test('the same words on screen without it: wrapped to the width, with marks', () => {
		const out = explain(messages.clientCredSspDisabled, {...text, width: 60}).stdout;
		for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
		expect(out).toContain('»CredSSP authentication');
	});
});

describe('text and JSON agree', () => {
	test('an ambiguous answer states the confidence --json gives (before: always "low" in text)', () => {
		const rows = ['public.jsonl', 'real-tune.jsonl'].flatMap(fixtureRows);
		const seen = new Set<string>();
		for (const row of rows) {
			const document = JSON.parse(explain(row.text, json).stdout) as DiagnosisJson;
			if (document.status !== 'ambiguous') continue;
			seen.add(document.confidence);
			expect(explain(row.text, text).stdout, row.id).toContain(
				`\nConfidence: ${document.confidence}\n`,
			);
		}
		expect([...seen].sort()).toEqual(['low', 'medium']);
	});
});

describe('evidence marks', () => {
	test('a match that ends inside a word marks the whole word', () => {
		const record = [
			'New-PSSession : [blep] Connecting to remote server blep failed with the following error message : The user name or password is incorrect. For more information, see the about_Remote_Troubleshooting Help topic.',
			'    + FullyQualifiedErrorId : LogonFailure,PSSessionStateBroken',
		].join('\n');
		const out = explain(record, {...text, ascii: true, width: 200}).stdout;
		// Before: >>LogonFailure,PSSession<<StateBroken (the id matcher is the id's distinctive part).
		expect(out).toContain('>>LogonFailure,PSSessionStateBroken<<');
	});
});

describe('marks in a text with its own quotes', () => {
	test('« » in the paste: the matched words are in [[ ]], in Unicode and in ASCII', () => {
		// Constructed: the marks are under test, not a language (French and German texts quote with « »).
		const french = 'Connecting to remote server hv1 failed: « Access is denied. »';
		for (const ascii of [false, true]) {
			const out = explain(french, {...text, ascii, width: 200}).stdout;
			expect(out).toContain('[[Access is denied]]');
			expect(out).not.toMatch(/»Access|>>Access/);
		}
		// Without quotes of its own, the marks stay as they were.
		expect(explain('Access is denied.', {...text, width: 200}).stdout).toContain(
			'»Access is denied«',
		);
	});
});

describe('explain at 40 columns', () => {
	test('a cause that cannot be ruled out goes on under its own words, not under its bullet', () => {
		const row = fixtureRows('public.jsonl').find((r) => r.id === 'pub-remote-access-denied-01')!;
		const out = explain(row.text, {json: false, ascii: true, width: 40}).stdout;
		// Before: "    elevated)" was "  elevated)", under the "-".
		expect(out).toContain(
			'Cannot be ruled out from this text alone\n  - needs-elevation (This shell is not\n    elevated)\n',
		);
	});
});
