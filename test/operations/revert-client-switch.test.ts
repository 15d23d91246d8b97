// The client's CredSSP switch, turned on by a run, goes back off (by undo, or by the run's revert
// task) only if the delegation list, once the run's entries are out, is as it was before the run:
// the rule the policy's two switches follow. An entry added since (a second time-boxed run's, or
// one added by hand) needs it, and the switch stays on, with the reason shown.
import {describe, expect, test} from 'vitest';
import {
	restoreClientCommands,
	restoreClientPlan,
} from '../../source/operations/enable-client-credssp.js';
import {
	revertTaskLinesShown,
	revertTaskScript,
} from '../../source/operations/revert-task-script.js';
import type {RevertTask} from '../../source/windows/time-box.js';

const hyperv1 = 'wsman/hyperv1.contoso.com';
const hyperv2 = 'wsman/hyperv2.contoso.com';
const on = (list: string[]) => ({enabled: true, allowFreshCredentials: list});

describe('restoreClientPlan: the client switch', () => {
	test('the list back as it was: the switch goes off', () => {
		expect(restoreClientPlan(on([hyperv1]), [hyperv1], false, undefined, [])).toEqual({
			list: [],
			turnOff: true,
		});
	});

	test('an entry added since: the entry stays, and so does the switch, with the reason', () => {
		const plan = restoreClientPlan(on([hyperv1, hyperv2]), [hyperv1], false, undefined, []);
		expect(plan).toEqual({
			list: [hyperv2],
			turnOff: false,
			switchStaysOn: {addedSince: [hyperv2], listBefore: []},
		});
		expect(restoreClientCommands(plan).at(-1)).toBe(
			`# WinRM client CredSSP stays on: the delegation list is not as it was before the run (empty): ${hyperv2}, added since, needs it. The change stays open: doublehop undo turns it off once the list is as it was.`,
		);
	});

	test("the run's entry already gone (its revert task ran) and another left: nothing to run, and not 'as it was'", () => {
		const plan = restoreClientPlan(on([hyperv2]), [hyperv1], false, undefined, []);
		expect(plan.turnOff).toBe(false);
		expect(restoreClientCommands(plan).join('\n')).not.toContain('client CredSSP is as it was');
	});

	test('a journal without the list before: the switch goes off, as it always did', () => {
		expect(restoreClientPlan(on([hyperv1, hyperv2]), [hyperv1], false).turnOff).toBe(true);
	});

	test('on before the run: it stays on, with nothing to explain', () => {
		expect(restoreClientPlan(on([hyperv1, hyperv2]), [hyperv1], true, undefined, [])).toEqual({
			list: [hyperv2],
			turnOff: false,
		});
	});
});

describe('the client revert task: CredSSP off only with the list as it was', () => {
	const task = (revert: Partial<Extract<RevertTask['revert'], {machine: 'client'}>>) =>
		({
			taskName: 'doublehop-revert-test-client',
			atUtc: '2030-01-02T21:30:00Z',
			revert: {machine: 'client', addedEntries: [hyperv1], clientWasEnabled: false, ...revert},
		}) satisfies RevertTask;

	test('the script asks set-delegation-list whether the list is as it was, and turns CredSSP off only then', () => {
		const script = revertTaskScript(task({listBefore: []}));
		expect(script).toContain(`-Remove @('${hyperv1}') -ListBefore @()`);
		expect(script).toMatch(/\$listAsBefore = \$false -ne @\(& \{/);
		expect(script).toMatch(/if \(\$listAsBefore\) \{\n[^]*-Enabled \$false/);
	});

	test('a run that only turned CredSSP on (no entry added) still reads the list', () => {
		const script = revertTaskScript(task({addedEntries: [], listBefore: [hyperv1]}));
		expect(script).toContain(`-Remove @() -ListBefore @('${hyperv1}')`);
	});

	test('the lines shown before the yes say when CredSSP stays on', () => {
		expect(revertTaskLinesShown(task({listBefore: []}))).toContain(
			'# WinRM client CredSSP off only if the delegation list is then as it was (empty); with an entry added since, it stays on, as that entry needs it',
		);
	});
});
