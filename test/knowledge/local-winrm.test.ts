// "The client cannot connect to the destination" from a *-WSManCredSSP cmdlet or the WSMan: drive
// run on this machine (no PSComputerName) means THIS machine's WinRM service is stopped, not that
// the first hop is not listening. The same words from Invoke-Command still point at the first hop.
import {describe, expect, test} from 'vitest';
import {explain} from '../../source/commands/explain.js';
import {windowsErrors} from '../../source/hosts/lab/windows-errors.js';
import {diagnose} from '../../source/knowledge/diagnose.js';
import type {DiagnosisJson} from '../../source/report/diagnosis-text.js';
import {withHostPrefix} from './layouts.js';

const cannotConnect =
	'The client cannot connect to the destination specified in the request. Verify that the service on the destination is running and is accepting requests. Consult the logs and documentation for the WS-Management service running on the destination, most commonly IIS or WinRM. If the destination is the WinRM service, run the following command on the destination to analyze and configure the WinRM service: "winrm quickconfig".';

// Azure/azure-sdk-tools-samples#9 (2013), as the issue shows it (its markdown ate the closing tags
// and turned the "+" markers into "-"): Enable-WSManCredSSP -Role Client with WinRM stopped.
const azureIssue = `Enable-WSManCredSSP -role Client -DelegateComputer "*.cloudapp.net"
Enable-WSManCredSSP : <f:WSManFault xmlns:f="http://schemas.microsoft.com/wbem/wsman/1/wsmanfault" 
Code="2150858770" Machine="CSGCHALT92.cardinalsolutions.com"><f:Message>The client cannot connect to the 
destination specified in the request. Verify that the service on the destination is running and is accepting 
requests. Consult the logs and documentation for the WS-Management service running on the destination, most 
commonly IIS or WinRM. If the destination is the WinRM service, run the following command on the destination 
to analyze and configure the WinRM service: "winrm quickconfig". /f:Message/f:WSManFault
At line:1 char:1
- Enable-WSManCredSSP -role Client -DelegateComputer "*.cloudapp.net"
- ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
  - CategoryInfo          : InvalidOperation: (System.String[]:String[]) [Enable-WSManCredSSP], InvalidOpera 
    tionException
  - FullyQualifiedErrorId : WsManError,Microsoft.WSMan.Management.EnableWSManCredSSPCommand`;

// The same record as Windows PowerShell 5.1 prints it for Get-WSManCredSSP (CredSSP.cs: no target).
const getWSManCredSsp = `Get-WSManCredSSP : <f:WSManFault xmlns:f="http://schemas.microsoft.com/wbem/wsman/1/wsmanfault" Code="2150858770" Machine="admin-ws.contoso.com"><f:Message>${cannotConnect} </f:Message></f:WSManFault>
At line:1 char:1
+ Get-WSManCredSSP
+ ~~~~~~~~~~~~~~~~
    + CategoryInfo          : InvalidOperation: (:) [Get-WSManCredSSP], InvalidOperationException
    + FullyQualifiedErrorId : WsManError,Microsoft.WSMan.Management.GetWSManCredSSPCommand`;

const options = {json: false, ascii: false, width: 200, hop1: 'hyperv1.contoso.com'};

describe('a local WSMan cmdlet that cannot reach the WinRM service of this machine', () => {
	test("explain names this machine's stopped WinRM service, not the first hop (real transcript)", () => {
		const result = explain(azureIssue, options);
		expect(result.stdout).toContain('Recognised: The WinRM service on this computer is stopped');
		expect(result.stdout).toContain('Start-Service WinRM');
		expect(result.stdout).not.toContain('Test-WSMan -ComputerName hyperv1.contoso.com');
		const json = JSON.parse(explain(azureIssue, {...options, json: true}).stdout) as DiagnosisJson;
		expect(json).toMatchObject({
			class: 'local-winrm-stopped',
			runOn: 'client',
			nextCommand: 'Start-Service WinRM',
			confidence: 'high',
		});
	});

	test('Get-WSManCredSSP in the 5.1 layout, and the record the lab raises, read the same', () => {
		expect(diagnose(getWSManCredSsp).best?.id).toBe('local-winrm-stopped');
		const lab = windowsErrors.localWinRMStopped(
			'Enable-WSManCredSSP',
			'EnableWSManCredSSPCommand',
			'admin-ws.contoso.com',
			['hyperv1.contoso.com'],
		);
		expect(diagnose(lab).best?.id).toBe('local-winrm-stopped');
	});

	test('the WSMan: drive: the service is not started, or could not be started', () => {
		const notStarted = [
			'Get-Item : This command cannot be executed because the WinRM Service is not started.',
			'    + CategoryInfo          : InvalidOperation: (:) [Get-Item], InvalidOperationException',
			'    + FullyQualifiedErrorId : WsManError,Microsoft.PowerShell.Commands.GetItemCommand',
		].join('\n');
		expect(diagnose(notStarted).best?.id).toBe('local-winrm-stopped');
		const drive = windowsErrors.wsmanDriveCannotConnect('Set-Item', 'SetItemCommand');
		expect(diagnose(drive).best?.id).toBe('local-winrm-stopped');
	});

	test('the same words from Invoke-Command to the first hop still point at the first hop', () => {
		const remote = withHostPrefix(cannotConnect, 'CannotConnect,PSSessionStateBroken');
		expect(diagnose(remote).best?.id).toBe('unreachable-not-listening');
		// A WSMan cmdlet's error that travelled back from the first hop names it in PSComputerName.
		const fromHop1 = `${getWSManCredSsp}\n    + PSComputerName        : hyperv1.contoso.com`;
		expect(diagnose(fromHop1).best?.id).not.toBe('local-winrm-stopped');
	});
});
