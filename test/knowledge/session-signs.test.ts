// A command seen to run in a remote session on the first hop and to reach a third machine: the
// second hop first, and neither "this shell is not elevated" (the command did not run in this
// shell) nor, once the session is seen open, "the first hop refuses this account". The signs are
// the paste's (`+ PSComputerName : X`, a `[X]: PS>` prompt, an `Invoke-Command -ComputerName X { }`
// line) and the caller's (--hop1 with --command, the command run on the first hop).
import {describe, expect, test} from 'vitest';
import {explain} from '../../source/commands/explain.js';
import type {DiagnosisJson} from '../../source/report/diagnosis-text.js';

const json = {json: true, ascii: false, width: 80};
const text = {json: false, ascii: false, width: 80};
type Context = {hop1?: string; hop2?: string; command?: string};
const asJson = (input: string, context: Context = {}) =>
	JSON.parse(explain(input, {...json, ...context}).stdout) as DiagnosisJson;
const causesOf = (answer: DiagnosisJson) => answer.causes.map((cause) => cause.class);

// Hyper-V's text when the computer it asks refuses the caller or lacks the object, verbatim as two
// public threads print it (PlagueHO/LabBuilder#203; microsoft/Windows-Admin-Center-Ideas-and-
// Feedback#240). It ends with "Run as Administrator" advice, which says nothing of this shell when
// Get-VM ran in a session on the first hop: the reference's own example (§1.2).
const hyperV =
	"Hyper-V encountered an error trying to access an object on computer 'hyperv2' because the object was not found. The object might have been deleted, or you might not have permission to perform the task. Verify that the Virtual Machine Management service on the computer is running. If the service is running, try to perform the task again by using Run as Administrator.";
const fromFirstHop = [
	'PS C:\\> Invoke-Command -ComputerName hyperv1 -ScriptBlock { Get-VM -ComputerName hyperv2 }',
	hyperV,
	'    + CategoryInfo          : NotSpecified: (:) [Get-VM], VirtualizationException',
	'    + FullyQualifiedErrorId : Unspecified,Microsoft.HyperV.PowerShell.Commands.GetVM',
	'    + PSComputerName        : hyperv1',
].join('\n');

// Enter-PSSession's prompt, then a share refused (Windows PowerShell 5.1's record, reference §1.3).
const shareAtPrompt = [
	'[hyperv1]: PS C:\\> Get-ChildItem \\\\fs01\\share',
	'Get-ChildItem : Access is denied',
	'    + CategoryInfo          : PermissionDenied: (\\\\fs01\\share:String) [Get-ChildItem], UnauthorizedAccessException',
].join('\n');

describe('Get-VM -ComputerName hyperv2 refused inside a session on hyperv1', () => {
	test('the second hop first, not this shell; the question does not ask whether a session ran it', () => {
		const answer = asJson(fromFirstHop);
		expect(answer.status).toBe('ambiguous');
		expect(causesOf(answer)).toEqual(['second-hop-denied', 'unrelated']);
		expect(answer.class).toBe('second-hop-denied');
		expect(answer.question).not.toContain('Did this error come from a command run in a remote');
		expect(answer.question).toContain('$using:cred');
		expect(answer.because.join(' ')).toContain('session on hyperv1');
		expect(answer.stage).toBe('second-hop');
		expect(answer.nextCommand).toBe(
			'$cred = Get-Credential; Invoke-Command -ComputerName hyperv1 -Credential $cred -ScriptBlock { klist }',
		);
	});

	test('the text says the matched words point elsewhere, and never offers to elevate', () => {
		const out = explain(fromFirstHop, text).stdout;
		expect(out).toContain('  1. Second hop: your credentials were not passed on');
		expect(out).not.toContain('This shell is not elevated (needs-elevation)');
		expect(out).not.toContain('Start-Process powershell -Verb RunAs');
		expect(out).not.toContain('was run from a shell that is not elevated');
	});

	test('--hop1, --hop2 and --command say the same of the bare Hyper-V line', () => {
		const context = {hop1: 'hyperv1', hop2: 'hyperv2', command: 'Get-VM -ComputerName hyperv2'};
		const answer = asJson(hyperV, context);
		expect(causesOf(answer)).toEqual(['second-hop-denied', 'unrelated']);
		expect(answer.because.join(' ')).toContain('ran on the first hop, hyperv1');
		// The Invoke-Command line alone runs Get-VM in a session on hyperv1 too.
		const typed = `PS C:\\> Invoke-Command -ComputerName hyperv1 { Get-VM -ComputerName hyperv2 }\n${hyperV}`;
		expect(causesOf(asJson(typed))[0]).toBe('second-hop-denied');
		expect(causesOf(asJson(typed))).not.toContain('needs-elevation');
	});

	test('with no session in sight the words keep their meaning: a local Hyper-V shell', () => {
		expect(causesOf(asJson(hyperV))).toEqual(['needs-elevation', 'unrelated']);
		// Get-VM typed at this machine's own prompt, straight to hyperv2: no session either.
		expect(causesOf(asJson(`PS C:\\> Get-VM -ComputerName hyperv2\n${hyperV}`))[0]).not.toBe(
			'second-hop-denied',
		);
	});
});

describe('a share refused at a [hyperv1]: prompt', () => {
	test('the second hop first, and not the first hop refusing the account: that session opened', () => {
		const answer = asJson(shareAtPrompt);
		expect(answer.status).toBe('ambiguous');
		expect(causesOf(answer)).toEqual(['second-hop-denied', 'unrelated']);
		expect(answer.class).toBe('second-hop-denied');
		expect(answer.because.join(' ')).toContain('typed in a session on hyperv1, which opened');
		expect(answer.nextCommand).toContain('-ComputerName hyperv1 ');
	});

	test('the words do not ask for lines that were pasted', () => {
		const out = explain(shareAtPrompt, {...text, width: 400}).stdout;
		expect(out).not.toContain('The first hop refuses this account (remote-access-denied)');
		expect(out).toContain('the lines around them rule that out');
		expect(out).not.toContain('Only "Access is denied" is visible');
		expect(out).not.toContain('Paste the whole error');
	});

	test('an Invoke-Command line alone does not show the session open: the first hop stays, second', () => {
		const typed =
			'PS C:\\> Invoke-Command -ComputerName hyperv1 { Get-ChildItem \\\\fs01\\share }\nAccess is denied.';
		expect(causesOf(asJson(typed))).toEqual(['second-hop-denied', 'remote-access-denied']);
	});
});

describe('an error about one computer that came back from a session on another', () => {
	// Hyper-V names the computer it asked ("for the computer 'HYPERV2'"); + PSComputerName says the
	// session it came back from. Two computers: the command reached a third machine from the session.
	const authorisation = [
		"Get-VM : You do not have the required permission to complete this task. Contact the administrator of the authorization policy for the computer 'HYPERV2'.",
		'    + CategoryInfo          : NotSpecified: (:) [Get-VM], VirtualizationOperationFailedException',
		'    + FullyQualifiedErrorId : Unspecified,Microsoft.HyperV.PowerShell.Commands.GetVMCommand',
		'    + PSComputerName        : hyperv1',
	].join('\n');

	test('the second hop first, and not this shell, with no command line pasted', () => {
		const causes = causesOf(asJson(authorisation));
		expect(causes[0]).toBe('second-hop-denied');
		expect(causes).not.toContain('needs-elevation');
		expect(causes).not.toContain('remote-access-denied');
	});

	test('the same computer in both is no third machine: that reason is not given', () => {
		expect(explain(authorisation, {...text, width: 400}).stdout).toContain(
			'the error is about HYPERV2, and came from a session on hyperv1',
		);
		const same = authorisation.replace("'HYPERV2'", "'HYPERV1'");
		expect(explain(same, {...text, width: 400}).stdout).not.toContain('the error is about');
	});
});

describe('--hop1 and --hop2 with no command', () => {
	// --help: the command defaults to Get-VM -ComputerName <hop2>, run on the first hop.
	test('a bare "Access is denied" ranks the second hop first, and says why', () => {
		const answer = asJson('Access is denied.', {hop1: 'hyperv1', hop2: 'hyperv2'});
		expect(causesOf(answer)[0]).toBe('second-hop-denied');
		expect(causesOf(answer)).not.toContain('needs-elevation');
		expect(answer.because.join(' ')).toContain('Get-VM -ComputerName hyperv2');
	});

	test('a text that names the first hop failing still says the first hop', () => {
		const answer = asJson(
			'Connecting to remote server hyperv1 failed with the following error message : Access is denied. For more information, see the about_Remote_Troubleshooting Help topic.',
			{hop1: 'hyperv1', hop2: 'hyperv2'},
		);
		expect(answer.class).toBe('remote-access-denied');
	});
});
