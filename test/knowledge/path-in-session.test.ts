// A path refused inside a remote session (issue 14, tune miss real-vagrant-7707): when the path is a
// share reached through a mapped drive, a symbolic link or a synced folder it is a second hop; when
// it is a plain folder of the first hop it is its own permissions. The text cannot tell, so the
// answer names both and the check that tells them apart. Texts: real-tune.jsonl rows, verbatim.
import {expect, test} from 'vitest';
import {diagnose, fillPlaceholders} from '../../source/knowledge/diagnose.js';
import {explain} from '../../source/commands/explain.js';
import {ambiguousDiagnosis} from './answers.js';

test('a local-looking path refused at a remote prompt is a second hop or the path itself, with the check', () => {
	// real-vagrant-7707: C:\vagrant is the host's SMB share (https://github.com/hashicorp/vagrant/issues/7707;
	// the same in https://github.com/hashicorp/vagrant/issues/12942 and #11186)
	const text =
		"[10.xxx.xxx.xxx]: PS C:\\Users\\vagrant\\Documents> cd C:\\vagrant\\\n[10.xxx.xxx.xxx]: PS C:\\vagrant> ls\nls : Access to the path 'C:\\vagrant' is denied.\n    + CategoryInfo          : PermissionDenied: (C:\\vagrant:String) [Get-ChildItem], UnauthorizedAccessException";
	const diagnosis = ambiguousDiagnosis(text);
	expect(diagnosis.causes.slice(0, 2)).toEqual(['second-hop-denied', 'unrelated']);
	expect(diagnosis.question).toContain('LinkType');
	// It did come from a remote session: the answer does not ask whether it did.
	expect(diagnosis.question).not.toContain(
		'Did this error come from a command run in a remote session',
	);
});

test('the same record in a local shell names no cause', () => {
	// The record of real-vagrant-7707 without its remote prompt: a folder's own permissions.
	const text =
		"ls : Access to the path 'C:\\vagrant' is denied.\n    + CategoryInfo          : PermissionDenied: (C:\\vagrant:String) [Get-ChildItem], UnauthorizedAccessException";
	expect(diagnose(text).status).toBe('not-recognised');
});

test('the check for a refused share tries that share, not the admin share C$ of its server', () => {
	// An account may read \\fs01\share without being an administrator of fs01: C$ would be refused
	// even with the credential passed on, and the check would seem to say passing it does not help.
	const text = [
		'PS C:\\> Invoke-Command -ComputerName hyperv1 -ScriptBlock { Get-ChildItem \\\\fs01\\share\\reports }',
		'Access is denied',
		'    + CategoryInfo          : PermissionDenied: (\\\\fs01\\share\\reports:String) [Get-ChildItem], UnauthorizedAccessException',
		'    + FullyQualifiedErrorId : ItemExistsUnauthorizedAccessError,Microsoft.PowerShell.Commands.GetChildItemCommand',
		'    + PSComputerName        : hyperv1',
	].join('\n');
	const answer = JSON.parse(explain(text, {json: true, ascii: false, width: 100}).stdout) as {
		nextCommand: string;
	};
	expect(answer.nextCommand).toContain("-Root '\\\\fs01\\share' -Credential $using:cred");
	// With no share in sight, the second hop's admin share stays the place to try.
	expect(fillPlaceholders("Get-ChildItem '<share>'", {hop2: 'hyperv2'})).toBe(
		"Get-ChildItem '\\\\hyperv2\\C$'",
	);
});
