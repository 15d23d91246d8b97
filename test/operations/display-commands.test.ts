// What the admin is shown before a change runs: the cmdlets as they would type them, with every
// name quoted so that what is shown is what would run.
import {expect, test} from 'vitest';
import {setDelegationListCommands} from '../../source/operations/set-delegation-list.js';
import {enableClientCredSspCommand} from '../../source/operations/enable-client-credssp.js';
import {undoCommandFor} from '../../source/tree/undo-commands.js';
import {runLab} from '../report/lab-run.js';

test('undo commands: each change of a whole fix shows how to take it back by hand', async () => {
	const {final} = await runLab('classic', {
		answers: {risk: true, client: true, server: true, listener: true},
	});
	const undoOf = (stage: string) => final.changes.find((c) => c.stage === stage)?.undoCommand;
	// The client's undo is PowerShell too: the list as it was (empty here, so the list and its
	// switches go, and the CredentialsDelegation key the change created with them), then the
	// client switch back off.
	expect(undoOf('client')?.split('\n')).toEqual([
		...setDelegationListCommands([], undefined, undefined, {parent: false, list: false}),
		'Set-Item WSMan:\\localhost\\Client\\Auth\\CredSSP -Value $false -Force',
	]);
	expect(undoOf('server')).toBe(
		'Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Disable-WSManCredSSP -Role Server }',
	);
	// By the rule's unique Name: -DisplayName would remove an admin's own rules of that name too.
	expect(undoOf('listener')).toContain(
		"Remove-NetFirewallRule -Name 'doublehop-WinRM-HTTPS-In-run'",
	);
	// A rule that was there before stays.
	expect(
		undoCommandFor({undo: {kind: 'remove-listener', hop1: 'hyperv1', port: 5986}}, undefined),
	).not.toContain('Remove-NetFirewallRule');
});

test('the client undo takes out only the entries doublehop added, and leaves a switch that was on', () => {
	const undo = undoCommandFor(
		{undo: {kind: 'restore-client', enabledBefore: true, added: ['wsman/hyperv1.contoso.com']}},
		// Someone added sql02 after the fix: it stays.
		{
			enabled: true,
			allowFreshCredentials: [
				'wsman/sql01.contoso.com',
				'wsman/hyperv1.contoso.com',
				'wsman/sql02.contoso.com',
			],
		},
	);
	expect(undo.split('\n')).toEqual(
		setDelegationListCommands(['wsman/sql01.contoso.com', 'wsman/sql02.contoso.com']),
	);
});

test('the delegation list is rewritten value by value, in order', () => {
	const lines = setDelegationListCommands(['wsman/sql01.contoso.com', 'TERMSRV/*']);
	expect(lines.at(-2)).toContain("-Name 1 -PropertyType String -Value 'wsman/sql01.contoso.com'");
	expect(lines.at(-1)).toContain("-Name 2 -PropertyType String -Value 'TERMSRV/*'");
	expect(setDelegationListCommands([]).at(-1)).toContain('Remove-ItemProperty');
});

test('names that PowerShell would read as numbers are quoted', () => {
	expect(enableClientCredSspCommand(['0x1f', 'hyperv1', '*.contoso.com'])).toBe(
		"Enable-WSManCredSSP -Role Client -DelegateComputer '0x1f',hyperv1,'*.contoso.com' -Force",
	);
});
