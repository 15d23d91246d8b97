// A path refused inside a remote session (issue 14, tune miss real-vagrant-7707): when the path is a
// share reached through a mapped drive, a symbolic link or a synced folder it is a second hop; when
// it is a plain folder of the first hop it is its own permissions. The text cannot tell, so the
// answer names both and the check that tells them apart. Texts: real-tune.jsonl rows, verbatim.
import {expect, test} from 'vitest';
import {diagnose} from '../../source/knowledge/diagnose.js';
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
