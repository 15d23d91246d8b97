// Resource-based delegation in the screen-reader renderer: the same questions, one at a time, in
// plain text, from the method to the verified fix.
import {expect, test} from 'vitest';
import {labPassword} from '../helpers/session.js';
import {plainAtPassword} from '../helpers/plain-session.js';

test('screen reader: r, the change and the purge asked in plain text, then FIXED, each next command on a line of its own', async () => {
	const run = await plainAtPassword({lab: 'rbkcd'});
	run.input.write(`${labPassword}\n`);
	await run.waitFor(
		'Which method? Type u for using-cred or r for rbkcd or j for jea or a for runas or c for credssp',
	);
	run.input.write('r\n');
	await run.waitFor("Make this change to FS01's computer object?");
	expect(run.output()).toContain(
		"$sd = (Get-ADComputer fs01 -Properties msDS-AllowedToActOnBehalfOfOtherIdentity).'msDS-AllowedToActOnBehalfOfOtherIdentity'; if ($null -eq $sd) { Set-ADComputer fs01 -PrincipalsAllowedToDelegateToAccount 'CN=HYPERV1,CN=Computers,DC=contoso,DC=com' } else { $sd.SetSecurityDescriptorSddlForm(($sd.GetSecurityDescriptorSddlForm('All') -replace '^(.*?D:[A-Z]*(?:\\((?:[^()]|\\([^()]*\\))*\\))*)', '$1(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;S-1-5-21-1004336348-1177238915-682003330-5789)')); Set-ADComputer fs01 -Replace @{'msDS-AllowedToActOnBehalfOfOtherIdentity' = $sd} }",
	);
	run.input.write('y\n');
	await run.waitFor("Purge hyperv1.contoso.com's cached Kerberos tickets?");
	run.input.write('y\n');
	await run.runner.finished;
	run.input.end();
	await run.done;
	expect(run.output()).toContain(
		'Result: fixed. Resource-based delegation: hyperv1.contoso.com reaches',
	);
	// A next step's command on a line of its own, marked as the steps mark commands, not run on
	// after its words: the line read out (or copied) is the whole command and nothing else.
	expect(run.output()).toContain(
		"\nNext:\n  Use it as it is, with no CredSSP and no $using:cred:\n    PS> Invoke-Command -ComputerName hyperv1.contoso.com -Credential (Get-Credential 'CONTOSO\\admin') -ScriptBlock { Get-ChildItem \\\\fs01\\share }\n  To take it back:\n    PS> doublehop undo",
	);
	// Plain text: no escape sequences for a screen reader to read out.
	expect(run.output()).not.toContain('\u001b[');
});
