// A RunAs configuration in the screen-reader renderer: its explanation is read out once, before
// the first of its two questions (the account, then its password), and what is said of the
// commands is words, not a line marked as PowerShell.
import {expect, test} from 'vitest';
import {labPassword} from '../helpers/session.js';
import {plainAtPassword} from '../helpers/plain-session.js';

test('screen reader: the RunAs explanation once, and "the password you typed" read as words, not as PS>', async () => {
	const run = await plainAtPassword({lab: 'jea-runas'});
	run.input.write(`${labPassword}\n`);
	await run.waitFor('Which method?');
	run.input.write('a\n');
	await run.waitFor('Account the RunAs configuration');
	run.input.write('CONTOSO\\svc-hvops\n');
	await run.waitFor('Password for CONTOSO\\svc-hvops');
	run.input.write('RunAs-Passw0rd!\n');
	await run.waitFor('Register Doublehop.RunAs on hyperv1.contoso.com?');
	const said = run.output();
	// Before: once before the account's question and again before its password's.
	expect(said.split('a RunAs session configuration:').length - 1).toBe(1);
	expect(said).not.toContain('PS> (the password');
	expect(said).toContain(
		'Will run (the password you typed is passed as a credential, never as text):\n  PS> $runAs = Get-Credential',
	);
	run.input.write('n\n');
	await run.runner.finished;
	run.input.end();
	await run.done;
});
