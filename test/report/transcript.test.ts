// The Markdown transcript: pure formatting, then whole lab runs written through the runner's
// events, read back from disk, including part-way through (as a killed run leaves it).
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {
	createTranscript,
	escapeMarkdown,
	fence,
	formatLogEntry,
	inlineCode,
	redactText,
	type Transcript,
} from '../../source/report/transcript.js';
import {eventsBetween} from '../../source/flow/events.js';
import {Secret} from '../../source/safety/secret.js';
import type {FlowState, LogEntry} from '../../source/tree/state.js';
import {labPassword, runLab} from './lab-run.js';

const clock = () => new Date('2031-05-06T07:08:09.000Z');
const tempPath = (...parts: string[]) =>
	join(mkdtempSync(join(tmpdir(), 'doublehop-transcript-')), ...parts);

/** A lab run with the transcript reading the runner's events, as the CLI attaches it. */
async function transcribedRun(
	name: string,
	options: Parameters<typeof runLab>[1] & {path?: string; redact?: string[]} = {},
) {
	const path = options.path ?? tempPath('run.md');
	const transcript: Transcript = createTranscript({
		path,
		hostDescription: `simulated lab: ${name}`,
		version: '9.8.7',
		now: clock,
		...(options.redact === undefined ? {} : {redact: options.redact}),
	});
	const {final, states} = await runLab(name, {
		...options,
		onEvent(event) {
			transcript.record(event);
			options.onEvent?.(event);
		},
	});
	transcript.close(final);
	return {path, text: readFileSync(path, 'utf8'), final, states, transcript};
}

describe('redactText', () => {
	test.each([
		["New-LocalUser x -Password 'hunter2'", "New-LocalUser x -Password '********'"],
		['New-LocalUser x -Password:"hunter2" -Force', `New-LocalUser x -Password:'********' -Force`],
		['Set-ADAccountPassword -NewPassword hunter2', "Set-ADAccountPassword -NewPassword '********'"],
		[
			"$p = ConvertTo-SecureString 'hunter2' -AsPlainText -Force",
			"$p = ConvertTo-SecureString '********' -AsPlainText -Force",
		],
		[
			'ConvertTo-SecureString -AsPlainText -Force -String "hun""ter2"',
			"ConvertTo-SecureString -AsPlainText -Force -String '********'",
		],
		[
			"ConvertTo-SecureString 'it''s' -AsPlainText",
			"ConvertTo-SecureString '********' -AsPlainText",
		],
	])('masks a password literal: %s', (input, expected) => {
		expect(redactText(input)).toBe(expected);
	});

	test('leaves variables and sub-expressions given to -Password alone', () => {
		const text =
			'New-LocalUser x -Password $secure; New-LocalUser y -Password (Read-Host -AsSecureString)';
		expect(redactText(text)).toBe(text);
	});

	test('masks given literals, also as PowerShell and JSON would quote them', () => {
		const literal = 'O\'Neil"s-Pw';
		const text = `typed ${literal}; ps 'O''Neil"s-Pw'; json "O'Neil\\"s-Pw"`;
		expect(redactText(text, [literal])).toBe('typed ********; ps \'********\'; json "********"');
	});

	test('ignores empty literals instead of masking between every character', () => {
		expect(redactText('abc', [''])).toBe('abc');
	});
});

describe('Markdown building blocks', () => {
	test('a fence is longer than any backtick run in the text, so output cannot end it', () => {
		expect(fence('a ``` b\n````\n', 'powershell')).toBe('`````powershell\na ``` b\n````\n`````\n');
		expect(fence('plain')).toBe('```\nplain\n```\n');
	});

	test('escapeMarkdown keeps text literal: no emphasis, links, HTML or headings', () => {
		expect(escapeMarkdown('wsman/*.contoso.com [x](y) <b> a_b_')).toBe(
			'wsman/\\*.contoso.com \\[x\\](y) \\<b> a\\_b\\_',
		);
		expect(escapeMarkdown('# not a heading\nsecond line')).toBe('\\# not a heading second line');
		expect(escapeMarkdown('CONTOSO\\admin and C:\\*')).toBe('CONTOSO\\admin and C:\\\\\\*');
	});

	test('inlineCode survives backticks inside the value', () => {
		expect(inlineCode('a`b')).toBe('``a`b``');
		expect(inlineCode('`x')).toBe('`` `x ``');
	});

	test('formatLogEntry lays out step, status, machine, command, output, error and details', () => {
		const entry: LogEntry = {
			id: 4,
			stage: 'second-hop',
			route: 'credssp',
			status: 'failed',
			title: 'Reproduced',
			details: ['Diagnosis: second hop'],
			machine: 'hyperv1',
			command: 'Invoke-Command -ComputerName hyperv1 -ScriptBlock { Get-VM }',
			output: 'some output\n',
			error: {
				message: 'Access is denied.',
				fullyQualifiedErrorId: 'AccessDenied',
				categoryInfo: 'PermissionDenied: (:) [], Exception',
				exceptionType: 'System.Exception',
			},
		};
		expect(formatLogEntry(entry, clock())).toBe(
			[
				'### Step 4 of 10: Reproduce the second hop',
				'',
				'**failed**: Reproduced',
				'',
				'- Time: 2031-05-06T07:08:09.000Z',
				'- Status: failed',
				'- Machine: hyperv1',
				'',
				'Command:',
				'',
				'```powershell',
				'Invoke-Command -ComputerName hyperv1 -ScriptBlock { Get-VM }',
				'```',
				'',
				'Output:',
				'',
				'```',
				'some output',
				'```',
				'',
				'Error:',
				'',
				'```',
				'Access is denied.',
				'    + CategoryInfo          : PermissionDenied: (:) [], Exception',
				'    + FullyQualifiedErrorId : AccessDenied',
				'```',
				'',
				'Details:',
				'',
				'- Diagnosis: second hop',
				'',
			].join('\n'),
		);
	});
});

describe('a whole run, written as it goes', () => {
	test('classic, all yes: every step, command, output, error, answer and the conclusion', async () => {
		const {text, final} = await transcribedRun('classic', {
			answers: {risk: true, client: true, server: true, listener: false},
		});
		expect(final.conclusion?.verdict).toBe('fixed');
		expect(text.startsWith('# doublehop transcript\n\n- Tool: doublehop 9.8.7\n')).toBe(true);
		expect(text).toContain('- Host: simulated lab: classic\n- Started: 2031-05-06T07:08:09.000Z');
		expect(text).toContain(
			[
				'- First hop: `hyperv1.contoso.com`',
				'- Second hop: `hyperv2.contoso.com`',
				'- User: `CONTOSO\\admin`',
				'- Command: `Get-VM -ComputerName hyperv2.contoso.com`',
				'- Password: entered (not recorded)',
			].join('\n'),
		);
		// Each log entry exactly once, in order, with its step.
		const headings = [...text.matchAll(/^### (Step \d+ of 10: [^\n]+)$/gm)].map((m) => m[1]);
		expect(final.log).toHaveLength(12);
		expect(headings).toEqual([
			'Step 1 of 10: Check this shell',
			'Step 2 of 10: Machines and credentials',
			'Step 3 of 10: Test the first hop',
			'Step 4 of 10: Reproduce the second hop',
			'Step 5 of 10: Diagnose',
			// The methods, safest first, and the one chosen (CredSSP here).
			'Step 5 of 10: Diagnose: question',
			'Step 5 of 10: Diagnose',
			// The first hop's WSMAN SPNs, read before CredSSP's risk: found.
			'Step 5 of 10: Diagnose',
			'Step 6 of 10: Understand the risk: question',
			'Step 6 of 10: Understand the risk',
			'Step 7 of 10: Allow delegation on this client: question',
			'Step 7 of 10: Allow delegation on this client',
			'Step 8 of 10: Accept CredSSP on the first hop: question',
			'Step 8 of 10: Accept CredSSP on the first hop',
			'Step 9 of 10: HTTPS listener (optional): question',
			'Step 9 of 10: HTTPS listener (optional)',
			'Step 10 of 10: Verify with CredSSP',
		]);
		expect(text).toContain(
			"WSMAN/hyperv1.contoso.com and WSMAN/hyperv1 are registered for HYPERV1's computer account",
		);
		expect(text).toContain(
			'```powershell\nEnable-WSManCredSSP -Role Client -DelegateComputer hyperv1.contoso.com -Force\n```',
		);
		expect(text).toContain(
			'    + FullyQualifiedErrorId : AccessDenied,Microsoft.HyperV.PowerShell.Commands.GetVMCommand',
		);
		expect(text).toMatch(/Output:\n\n```\ncfg {9}: http:\/\/schemas\.microsoft\.com/);
		// The admin's answers, and the questions as they were put.
		expect(text).toContain('Asked: Make this change on ADMIN-WS (this machine)?');
		expect(text).toContain('**passed**: Risk acknowledged');
		expect(text).toContain('**skipped**: No HTTPS listener (you chose not to create one)');
		// The conclusion, with each change's before, after and undo.
		const result = text.slice(text.indexOf('## Result'));
		expect(result).toContain('- Verdict: fixed');
		expect(result).toContain('**hyperv1.contoso.com can now reach hyperv2.contoso.com');
		expect(result).toContain('1. CredSSP client and delegation list on ADMIN-WS (this machine)');
		expect(result).toContain('   - Before: CredSSP off; list: (empty)');
		expect(result).toContain('   - After: CredSSP on; list: wsman/hyperv1.contoso.com');
		expect(result).toContain(
			'Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Disable-WSManCredSSP -Role Server }',
		);
		// A next step's command is code, as Markdown shows it and a reader copies it: not escaped prose.
		expect(result).toContain(
			"### Next steps\n\n- Use: `Invoke-Command -ComputerName hyperv1.contoso.com -Credential (Get-Credential 'CONTOSO\\admin') -Authentication CredSSP",
		);
		expect(text).not.toContain(labPassword);
	});

	test('a run killed part-way leaves everything up to that point on disk, and no result', async () => {
		const path = tempPath('killed.md');
		let atServerQuestion: string | undefined;
		await transcribedRun('classic', {
			path,
			answers: {risk: true, client: true, server: false},
			onState(state) {
				// Read from disk at the moment the server question is asked: nothing is buffered.
				if (state.pending.kind === 'ask' && state.pending.prompt.kind === 'confirm')
					if (state.pending.prompt.id === 'server') atServerQuestion = readFileSync(path, 'utf8');
			},
		});
		expect(atServerQuestion).toBeDefined();
		expect(atServerQuestion).toContain('**changed**: Changed CredSSP client and delegation list');
		expect(atServerQuestion).toContain('Asked: Make this change on hyperv1.contoso.com?');
		expect(atServerQuestion).toContain(
			'```powershell\nInvoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Enable-WSManCredSSP -Role Server -Force }\n```',
		);
		expect(atServerQuestion).not.toContain('## Result');
		expect(readFileSync(path, 'utf8')).toContain(
			'You said no: the change on the first hop was not made',
		);
	});

	test('a "no" to the risk ends with verdict declined, no changes, and what is left undone', async () => {
		const {text} = await transcribedRun('classic', {answers: {risk: false}});
		expect(text).toContain('**declined**: You said no: CredSSP was not accepted');
		expect(text).toContain('- Verdict: declined');
		expect(text).toContain('### Changes\n\nNone.');
		expect(text).toMatch(
			/### Left undone\n\n- Allow delegation on this client \(Enable-WSManCredSSP/,
		);
	});

	test('a dry run says the changes are planned, not made', async () => {
		const {text, final} = await transcribedRun('classic', {
			dryRun: true,
			answers: {risk: true, client: true, server: true},
		});
		expect(final.changes.map((c) => c.stage)).toEqual(['client', 'server']);
		expect(text).toContain('- Mode: fix the double hop (dry run: nothing is changed)');
		expect(text).toContain('### Planned changes (dry run: none was made)');
		expect(text).toContain('2. WinRM service CredSSP on hyperv1.contoso.com (planned, not made)');
	});

	test('creates the parent folder, and appends a second run after a rule instead of erasing', async () => {
		const path = tempPath('deep', 'er', 'run.md');
		await transcribedRun('already-working', {path});
		const second = await transcribedRun('already-working', {path});
		expect(second.text.split('# doublehop transcript')).toHaveLength(3);
		expect(second.text).toContain('\n---\n\n# doublehop transcript');
	});

	test('close writes the result once; updates after close change nothing', async () => {
		const {path, final, transcript} = await transcribedRun('already-working');
		const before = readFileSync(path, 'utf8');
		transcript.close(final);
		const late = {...final.log[0]!, id: 99, title: 'late'};
		transcript.record({
			type: 'entry-logged',
			entry: late,
			state: {...final, log: [...final.log, late]},
		});
		expect(readFileSync(path, 'utf8')).toBe(before);
		expect(before.match(/^## Result$/gm)).toHaveLength(1);
	});
});

describe('redaction in the file', () => {
	function withEntry(state: FlowState, entry: Partial<LogEntry>): FlowState {
		const base: LogEntry = {
			id: state.log.length + 1,
			stage: 'verify',
			route: 'credssp',
			status: 'info',
			title: 'x',
			details: [],
		};
		return {...state, log: [...state.log, {...base, ...entry}]};
	}

	test('the typed password, a redact literal and password-looking commands never reach the file', async () => {
		const path = tempPath('redact.md');
		const transcript = createTranscript({
			path,
			hostDescription: 'lab with token TOKEN-1234',
			now: clock,
			redact: ['TOKEN-1234', 'Tok_en*9'],
		});
		const {final} = await runLab('already-working');
		// A host that echoed secrets back (it must not, but the transcript must not care).
		const hostile = withEntry(final, {
			title: `echo ${labPassword}`,
			command: "New-LocalUser svc -Password 'Other-Secret-1'",
			output: `$p = ConvertTo-SecureString 'Other-Secret-2' -AsPlainText -Force; ${labPassword}; TOKEN-1234`,
			details: [`json: ${JSON.stringify({password: labPassword})}`, 'escaped: Tok_en*9'],
		});
		for (const event of eventsBetween(undefined, hostile)) transcript.record(event);
		transcript.close(hostile);
		const text = readFileSync(path, 'utf8');
		for (const secret of [labPassword, 'Other-Secret-1', 'Other-Secret-2', 'TOKEN-1234', 'Tok'])
			expect(text).not.toContain(secret);
		expect(text).toContain('- Host: lab with token ********');
		expect(text).toContain("New-LocalUser svc -Password '********'");
		expect(text).toContain("ConvertTo-SecureString '********' -AsPlainText");
		expect(text).toContain('**info**: echo ********');
		// A detail line is Markdown-escaped (Tok\\_en\\*9) before it is written; still masked.
		expect(text).toContain('- escaped: ********');
	});

	test('a Secret in the state is only ever said to exist', async () => {
		const path = tempPath('secret.md');
		writeFileSync(path, '');
		const transcript = createTranscript({path, hostDescription: 'lab', now: clock});
		const {final} = await runLab('classic', {answers: {risk: false}});
		transcript.close({...final, inputs: {...final.inputs, password: new Secret('S3cret-Value!')}});
		const text = readFileSync(path, 'utf8');
		expect(text).not.toContain('S3cret-Value!');
		expect(text).toContain('- Password: entered (not recorded)');
	});
});

describe('a $using:cred run, written as it goes', () => {
	test('the methods question, the rewritten command asked for and run, and no change', async () => {
		const {text, final} = await transcribedRun('classic', {
			method: 'u',
			answers: {'using-cred': true},
		});
		expect(final.conclusion?.verdict).toBe('fixed');
		const headings = [...text.matchAll(/^### ((?:Step|Pass)[^\n]+)$/gm)].map((m) => m[1]);
		expect(headings.slice(4)).toEqual([
			'Step 5 of 10: Diagnose',
			'Step 5 of 10: Diagnose: question',
			'Step 5 of 10: Diagnose',
			'Step 6 of 6: Pass the credential ($using:cred): question',
			'Step 6 of 6: Pass the credential ($using:cred)',
		]);
		expect(text).toContain('Asked: Which method?');
		expect(text).toContain(
			'Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Get-VM -ComputerName hyperv2.contoso.com -Credential $using:cred }',
		);
		expect(text).not.toContain('Enable-WSManCredSSP -Role Client');
		expect(final.changes).toEqual([]);
	});
});
