// The command explain says to run next is pasted as it stands: a credential it passes must be one
// PowerShell takes. "-Credential <user>" stops at once ("The '<' operator is reserved for future
// use"); "$cred", with "$cred = Get-Credential" put before it, asks for the password.
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {expect, test} from 'vitest';
import {explain} from '../../source/commands/explain.js';

const texts = ['public.jsonl', 'real-tune.jsonl'].flatMap((name) =>
	readFileSync(fileURLToPath(new URL(`../../fixtures/errors/${name}`, import.meta.url)), 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => (JSON.parse(line) as {text: string}).text),
);

test('no next command for a labelled transcript passes a placeholder as its credential', () => {
	const options = {json: true, ascii: false, width: 80, hop1: 'hyperv1', hop2: 'hyperv2'};
	const commands = texts
		.map(
			(text) =>
				(JSON.parse(explain(text, options).stdout) as {nextCommand: string | null}).nextCommand,
		)
		.filter((command): command is string => command !== null);
	// Before: the logon and WMI word families and two HTTPS checks gave "-Credential <user>".
	expect(commands.filter((command) => /-Credential\s+</i.test(command))).toEqual([]);
	const withCred = commands.filter((command) => /-Credential \$cred\b/.test(command));
	expect(withCred.length).toBeGreaterThan(0);
	for (const command of withCred) expect(command).toMatch(/^\$cred = Get-Credential; /);
});
