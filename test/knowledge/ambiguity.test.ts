// Honest ambiguity (issue 14): an error whose text cannot tell its cause is answered "ambiguous",
// with the causes ranked and the one question that tells them apart; the context (explain's
// --hop1/--hop2/--command, or the command line of a pasted transcript) ranks them.
import {describe, expect, test} from 'vitest';
import {explain} from '../../source/commands/explain.js';
import type {DiagnosisJson} from '../../source/report/diagnosis-text.js';
import {withHostPrefix} from './layouts.js';
import {messages} from './messages.js';
import {fixtureRows} from './answers.js';

const json = {json: true, ascii: false, width: 80};
const text = {json: false, ascii: false, width: 80};

const asJson = (input: string, options: Partial<typeof json> & Record<string, unknown> = {}) =>
	JSON.parse(explain(input, {...json, ...options}).stdout) as DiagnosisJson;

describe('a bare "Access is denied."', () => {
	test('alone: ambiguous, the first hop first, and the question that tells the places apart', () => {
		const answer = asJson('Access is denied.');
		expect(answer.status).toBe('ambiguous');
		// No remote session in sight: "not a remoting problem" second (issue 14, the unrelated decision).
		expect(answer.causes.map((cause) => cause.class)).toEqual([
			'remote-access-denied',
			'unrelated',
			'second-hop-denied',
			'needs-elevation',
		]);
		expect(answer.question).toContain('reach a third machine');
		expect(answer.because).toEqual([]);
	});

	test('--command reaching a third machine puts the second hop first and fills the hops', () => {
		const answer = asJson('Access is denied.', {
			command: 'Invoke-Command -ComputerName hyperv1 { Get-VM -ComputerName hyperv2 }',
		});
		expect(answer.status).toBe('ambiguous');
		expect(answer.causes[0]?.class).toBe('second-hop-denied');
		expect(answer.because.join(' ')).toContain('reaches a third machine');
		expect(answer.stage).toBe('second-hop');
		expect(answer.nextCommand).toContain('-ComputerName hyperv1 ');
	});

	test('--command runs on the first hop --hop1 names: a share in it is the second hop, first, with its own check', () => {
		const answer = asJson('Access is denied.', {
			hop1: 'hyperv1',
			command: 'Get-ChildItem \\\\fs01\\share',
		});
		expect(answer.causes[0]?.class).toBe('second-hop-denied');
		expect(answer.because.join(' ')).toContain('reaches a third machine');
		expect(answer.stage).toBe('second-hop');
		// The check for the cause put first, not the one for the account the words alone suggest.
		expect(answer.nextCommand).toBe(
			'$cred = Get-Credential; Invoke-Command -ComputerName hyperv1 -Credential $cred -ScriptBlock { klist }',
		);
		// Typed at this machine, with no first hop named, the same command reaches fs01 directly.
		expect(
			asJson('Access is denied.', {command: 'Get-ChildItem \\\\fs01\\share'}).causes[0]?.class,
		).not.toBe('second-hop-denied');
	});

	test('a transcript with the command line in it is read the same way', () => {
		const transcript =
			'PS C:\\> Invoke-Command -ComputerName hyperv1 { Get-ChildItem \\\\fs01\\share }\n' +
			'Access is denied.\n';
		const answer = asJson(transcript);
		expect(answer.causes[0]?.class).toBe('second-hop-denied');
		expect(answer.nextCommand).toContain('-ComputerName hyperv1 ');
	});

	test('a session opened from inside a session is the second hop, typographic dashes and all', () => {
		// Verbatim from https://4sysops.com/archives/using-credssp-for-second-hop-powershell-remoting/
		// (the article's en dashes and curly quotes, which PowerShell reads as - and ').
		const transcript = [
			'PS C:\\>Enter-PSSession –ComputerName adfs1',
			' [adfs1]: PS C:\\>',
			'[adfs1]: PS C:\\>Invoke-Command –ComputerName mem2 –ScriptBlock { Get-WindowsFeature | Where-Object {$_.InstallState –eq ‘Installed’} }',
			'Connecting to remote server mem2 failed with the following error message : WinRM cannot process the request. The following error with errorcode 0x800903e occurred while using Kerberos authentication . . .',
		].join('\n');
		const answer = asJson(transcript);
		// Before: the first hop's logon first, "not a remoting problem" second, checked on adfs1.
		expect(answer.causes.map((cause) => cause.class)[0]).toBe('second-hop-denied');
		expect(answer.because.join(' ')).toContain('Invoke-Command -ComputerName mem2');
		expect(answer.nextCommand).toBe(
			'$cred = Get-Credential; Invoke-Command -ComputerName adfs1 -Credential $cred -ScriptBlock { klist }',
		);
	});

	test('--command with en dashes reads as PowerShell reads it', () => {
		const answer = asJson('Access is denied.', {
			command: 'Invoke-Command –ComputerName hyperv1 { Get-VM –ComputerName hyperv2 }',
		});
		expect(answer.causes[0]?.class).toBe('second-hop-denied');
		expect(answer.nextCommand).toContain('-ComputerName hyperv1 ');
	});

	test('a command run on this machine, no remote session: this shell first', () => {
		const transcript =
			'PS C:\\> Set-Item WSMan:\\localhost\\Client\\TrustedHosts -Value hyperv1\nAccess is denied.\n';
		const answer = asJson(transcript);
		expect(answer.causes[0]?.class).toBe('needs-elevation');
		expect(answer.stage).toBe('preflight');
	});

	test('the text says "Ambiguous", ranks the causes and prints the question', () => {
		const out = explain('Access is denied.', {
			...text,
			command: 'Invoke-Command -ComputerName hyperv1 { Get-VM -ComputerName hyperv2 }',
		}).stdout;
		// Invoke-Command to another computer needs no elevation here: this shell is not a cause.
		expect(out).toContain('Ambiguous: the text alone cannot tell between 2 causes.');
		expect(out).toContain(
			'  1. Second hop: your credentials were not passed on (second-hop-denied)',
		);
		expect(out).not.toContain('This shell is not elevated (needs-elevation)');
		expect(out).toContain('To tell them apart');
		expect(out).toContain('Go to: step 4 of 10, Reproduce the second hop (second-hop)');
	});
});

describe('placeholders and commands (issue 12 case 9)', () => {
	test('$cred is asked for on the line before a command that passes it, so the command pastes into a new console', () => {
		const lines = explain('Access is denied.', {...text, width: 100, hop1: 'hyperv1'}).stdout.split(
			'\n',
		);
		const at = lines.findIndex((line) => line.startsWith('A check (run on this computer)'));
		expect(lines.slice(at + 1, at + 3)).toEqual([
			'  $cred = Get-Credential',
			'  Invoke-Command -ComputerName hyperv1 -Credential $cred -ScriptBlock { whoami /groups }',
		]);
	});

	test('a connection the first hop opened: the server it names is the second hop, not the first', () => {
		const error =
			'Connecting to remote server hyperv2 failed with the following error message : WinRM cannot process the request. The following error with errorcode 0x8009030e occurred while using Kerberos authentication: A specified logon session does not exist. It may already have been terminated.';
		expect(asJson(error).nextCommand).toBe(
			'$cred = Get-Credential; Invoke-Command -ComputerName <hop1> -Credential $cred -ScriptBlock { Invoke-Command -ComputerName hyperv2 -Credential $using:cred -ScriptBlock { hostname } }',
		);
		expect(asJson(error, {hop1: 'hyperv1'}).nextCommand).toContain(
			'-ComputerName hyperv1 -Credential $cred -ScriptBlock { Invoke-Command -ComputerName hyperv2 ',
		);
	});

	test("Hyper-V's refusal names the host that refused: the second hop", () => {
		const answer = asJson(
			"You do not have the required permission to complete this task. Contact the administrator of the authorization policy for the computer 'HYPERV2'.",
			{hop1: 'hyperv1'},
		);
		expect(answer.nextCommand).toContain(
			'Invoke-Command -ComputerName hyperv1 -Credential $cred -ScriptBlock { Get-VM -ComputerName HYPERV2 ',
		);
	});

	test('<hop1> is filled from the host the error names when no --hop1 is given', () => {
		const answer = asJson(
			withHostPrefix(messages.timeout, 'WinRMOperationTimeout,PSSessionStateBroken'),
		);
		expect(answer.nextCommand).toBe('Test-NetConnection -ComputerName hyperv1 -Port 5985');
	});

	test('a command wider than the terminal is cut at spaces with a continuation, never inside a word', () => {
		const width = 50;
		const out = explain(
			withHostPrefix(messages.clientCredSspDisabled, 'PSSessionStateBroken', 'hyperv1.contoso.com'),
			{
				...text,
				width,
			},
		).stdout;
		const lines = out.split('\n');
		// The heading may take two rows at this width; the command starts at the first indented one.
		const heading = lines.findIndex((line) => line.startsWith('The fix'));
		const at = lines.findIndex((line, index) => index > heading && line.startsWith('  ')) - 1;
		const commandLines: string[] = [];
		for (let index = at + 1; lines[index]?.startsWith('  '); index++)
			commandLines.push(lines[index]!);
		expect(commandLines.length).toBeGreaterThan(1);
		for (const line of commandLines) expect(line.length, line).toBeLessThanOrEqual(width);
		for (const line of commandLines.slice(0, -1)) expect(line.endsWith(' `')).toBe(true);
		const joined = commandLines.map((line) => line.trim().replace(/ `$/, '')).join(' ');
		expect(joined).toBe('Enable-WSManCredSSP -Role Client -DelegateComputer hyperv1.contoso.com');
	});
});

test("a session that failed to open names its computer in the record's target, filled in as the first hop", () => {
	// pub-trustedhosts-or-auth-03, verbatim from https://github.com/VitalProject/Windows-RemoteShadow/issues/5:
	// its "Connecting to remote my-pc server failed" has the name out of place; OpenError names it.
	const row = fixtureRows('public.jsonl').find(({id}) => id === 'pub-trustedhosts-or-auth-03')!;
	// Before: the fix kept '<hop1>' although the record names my-pc.
	expect(asJson(row.text).nextCommand).toContain("'my-pc'");
});
