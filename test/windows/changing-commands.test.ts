// Which commands change a machine: a "check" doublehop shows must only read.
import {describe, expect, test} from 'vitest';
import {changesAMachine} from '../../source/windows/changing-commands.js';

describe('changesAMachine', () => {
	test.each([
		'Enable-WSManCredSSP -Role Client -DelegateComputer hv1',
		'Invoke-Command -ComputerName hv1 -Credential $cred -ScriptBlock { Enable-WSManCredSSP -Role Server -Force }',
		'Start-Service WinRM',
		'Set-Item WSMan:\\localhost\\Client\\TrustedHosts -Value hv1 -Concatenate',
		'set-adcomputer hv2 -PrincipalsAllowedToDelegateToAccount hv1',
		'New-Item -Path WSMan:\\localhost\\Listener -Transport HTTPS -Address * -CertificateThumbprint 0A',
		'New-PSDrive -Name X -PSProvider FileSystem -Root \\\\hv2\\c$ -Persist',
		'setspn -S WSMAN/hv1.contoso.com hv1',
		'winrm quickconfig',
		'winrm set winrm/config/service @{AllowUnencrypted="false"}',
		'netsh advfirewall firewall add rule name=WinRM dir=in action=allow protocol=TCP localport=5985',
		'reg add HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation /v AllowFreshCredentials /t REG_DWORD /d 1',
		'sc.exe config WinRM start= auto',
	])('changes: %s', (command) => {
		expect(changesAMachine(command)).toBe(true);
	});

	test.each([
		'Get-WSManCredSSP',
		'Get-Item WSMan:\\localhost\\Client\\Auth\\CredSSP',
		'Invoke-Command -ComputerName hv1 -Credential $cred -ScriptBlock { klist }',
		'Test-WSMan -ComputerName hv1 -Authentication Negotiate -Credential $cred',
		'New-PSSession -ComputerName hv1 -UseSSL -SessionOption (New-PSSessionOption -SkipCACheck -SkipCNCheck)',
		"Invoke-Command -ComputerName hv1 -Credential $cred -ScriptBlock { New-PSDrive -Name Hop2 -PSProvider FileSystem -Root '\\\\hv2\\C$' -Credential $using:cred }",
		'Start-Process powershell -Verb RunAs',
		'setspn -Q WSMAN/hv1',
		'setspn -L hv1',
		'winrm get winrm/config/client',
		'winrm enumerate winrm/config/listener',
		'netsh http show sslcert',
		'Get-ChildItem Cert:\\LocalMachine\\My | Format-List Subject, Thumbprint | Select-Object -First 1',
		'Get-ItemProperty HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\AllowFreshCredentials',
	])('reads only: %s', (command) => {
		expect(changesAMachine(command)).toBe(false);
	});
});
