// What the admin is shown before a change runs: the cmdlets as they would type them, with every
// name quoted so that what is shown is what would run.
import {expect, test} from 'vitest';
import {removeHttpsListenerCommands} from '../../source/operations/remove-https-listener.js';
import {disableServerCredSspCommand} from '../../source/operations/disable-server-credssp.js';
import {setClientCredSspCommand} from '../../source/operations/set-client-credssp.js';
import {setDelegationListCommands} from '../../source/operations/set-delegation-list.js';
import {enableClientCredSspCommand} from '../../source/operations/enable-client-credssp.js';

test('undo commands', () => {
	expect(setClientCredSspCommand(false)).toBe(
		'Set-Item -Path WSMan:\\localhost\\Client\\Auth\\CredSSP -Value $false -Force',
	);
	expect(disableServerCredSspCommand('hyperv1.contoso.com')).toBe(
		'Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Disable-WSManCredSSP -Role Server }',
	);
	expect(removeHttpsListenerCommands('hyperv1', undefined)).toHaveLength(1);
	// By the rule's unique Name: -DisplayName would remove an admin's own rules of that name too.
	expect(removeHttpsListenerCommands('hyperv1', 'doublehop-WinRM-HTTPS-In-a1b2c3')[1]).toContain(
		"Remove-NetFirewallRule -Name 'doublehop-WinRM-HTTPS-In-a1b2c3'",
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
