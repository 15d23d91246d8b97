// A command shown under "PS> " in the Ink views: cut where a console still reads it as one command,
// a script of several lines cut line by line (before, only a one-line command was).
import {render} from 'ink-testing-library';
import {expect, test} from 'vitest';
import {Line, WidthContext} from '../../source/ui/fit-width.js';
import {registerRevertTaskCommand} from '../../source/operations/revert-task.js';

test("the --for revert task's registration, several lines, is cut so each line pastes as it reads", () => {
	const command = registerRevertTaskCommand(
		{
			taskName: 'doublehop-revert-20261207T000000000Zabcde-client',
			atUtc: '2026-12-07T02:00:00.000Z',
			revert: {
				machine: 'client',
				addedEntries: ['wsman/hyperv1.contoso.com'],
				clientWasEnabled: false,
			},
		},
		'hyperv1.contoso.com',
	);
	expect(command.split('\n').length).toBeGreaterThan(3);
	const {lastFrame, unmount} = render(
		<WidthContext.Provider value={80}>
			<Line hanging>{`PS> ${command}`}</Line>
		</WidthContext.Provider>,
	);
	const rows = lastFrame()!.split('\n');
	unmount();
	for (const row of rows) expect(row.length).toBeLessThanOrEqual(80);
	// Before: the whole script was broken as prose, "-UserId 'NT" / "AUTHORITY\SYSTEM'" split
	// inside its quotes; each line is now cut as a command of its own.
	expect(rows.some((row) => row.trimEnd().endsWith("-UserId 'NT"))).toBe(false);
	expect(rows).toContain(
		"    $principal = New-ScheduledTaskPrincipal -UserId 'S-1-5-18' -LogonType `",
	);
	expect(rows).toContain('    $settings = New-ScheduledTaskSettingsSet -StartWhenAvailable `');
	// A comment's rows stay comments.
	expect(rows).toContain(
		"    # 'doublehop-revert-20261207T000000000Zabcde-client' -Confirm:$false",
	);
});
