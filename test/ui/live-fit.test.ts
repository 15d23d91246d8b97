// The live area's running command, drawn from pre-wrapped lines when the window is short: cut
// where a console still reads it as one command, as the usual layout cuts it.
import {expect, test} from 'vitest';
import {liveLines} from '../../source/ui/live-fit.js';

test('a running command wider than the window is cut with continuations, each row fitting', () => {
	const command =
		'PS> Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -Authentication CredSSP -ScriptBlock { Get-VM -ComputerName hyperv2.contoso.com }';
	const rows = liveLines({banner: 'Step 10 of 10: Verify', commands: [command]}, 50)
		.filter((line) => line.style === 'command')
		.map((line) => line.text);
	expect(rows.length).toBeGreaterThan(2);
	for (const row of rows) expect(row.length).toBeLessThanOrEqual(50);
	// Before: the words were broken as prose, "-Authentication CredSSP" on a row of its own with
	// nothing to tell a console that the command goes on.
	for (const row of rows.slice(0, -1)) expect(row.endsWith(' `')).toBe(true);
	expect(rows[0]!.startsWith('PS> Invoke-Command')).toBe(true);
	expect(rows.slice(1).every((row) => row.startsWith('    '))).toBe(true);
});
