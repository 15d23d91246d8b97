// "The client cannot connect to the destination" from a *-WSManCredSSP cmdlet or the WSMan: drive
// run on this machine (no PSComputerName) means THIS machine's WinRM service is stopped, not that
// the first hop is not listening. The same words from Invoke-Command still point at the first hop.
import {describe, expect, test} from 'vitest';
import {explain} from '../../source/commands/explain.js';
import {windowsErrors} from '../../source/hosts/lab/windows-errors.js';
import {diagnose} from '../../source/knowledge/diagnose.js';
import type {DiagnosisJson} from '../../source/report/diagnosis-text.js';
import {withHostPrefix} from './layouts.js';
import {ambiguousDiagnosis, tuneRow} from './answers.js';

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

describe('an error about this computer itself, from real transcripts (issue 14)', () => {
	test("winrm.cmd with no -r: reports this computer's service (office-docs-powershell#5515)", () => {
		const text = tuneRow('real-office-docs-ps-5515');
		expect(diagnose(text).best?.class).toBe('local-winrm-stopped');
		// The same report after `winrm get ... -r:hyperv1` is about the computer named there.
		const remote = `PS C:\\> winrm get winrm/config -r:hyperv1\n${text}`;
		expect(diagnose(remote).best?.class).not.toBe('local-winrm-stopped');
	});

	test('a session to localhost, or an error that came back from localhost, is this computer (tunic#15, QT-DevOps#258)', () => {
		for (const id of ['real-tunic-15', 'real-qt-devops-258']) {
			const diagnosis = diagnose(tuneRow(id));
			expect(diagnosis.best?.class, id).toBe('local-winrm-stopped');
			expect(diagnosis.best?.nextCommand, id).toBe('Start-Service WinRM');
		}
		const fromHop1 = tuneRow('real-qt-devops-258').replace(
			'PSComputerName        : localhost',
			'PSComputerName        : hyperv1',
		);
		expect(diagnose(fromHop1).best?.class).toBe('unreachable');
	});
});

test("the WSMan: drive finding no path under localhost is this computer's WinRM service, stopped", () => {
	// real-labbuilder-334: LabBuilder reading WSMan:\localhost\Client\TrustedHosts with WinRM stopped
	const diagnosis = diagnose(tuneRow('real-labbuilder-334'));
	expect(diagnosis.status).toBe('recognised');
	expect(diagnosis.best?.id).toBe('local-winrm-wsman-path-not-found');
	expect(diagnosis.best?.nextCommand).toBe('Get-Service WinRM');
	expect(diagnosis.evidence[0]?.text).toBe(
		"Cannot find path 'localhost\\Client\\TrustedHosts' because it does not exist",
	);
});

test('a path not found on another drive is not the WinRM service', () => {
	// the same provider error for a file path (PowerShell's PathNotFound), no WSMan: in sight
	expect(
		diagnose(
			"Get-Item : Cannot find path 'C:\\temp\\hosts.txt' because it does not exist.\n    + FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand",
		).status,
	).toBe('not-recognised');
});

describe('"cannot connect" from a command typed on this machine that names no other computer', () => {
	test("is this computer's WinRM service first, with the reason and each cause's check", () => {
		// real-gh-powershell-7798: PowerShell 6.1's Restart-Computer reached this computer over WSMan
		const diagnosis = ambiguousDiagnosis(tuneRow('real-gh-powershell-7798'));
		expect(diagnosis.causes).toEqual(['local-winrm-stopped', 'unreachable']);
		expect(diagnosis.confidence).toBe('medium');
		expect(diagnosis.because).toEqual(['the command ran on this machine: no remote session in it']);
		expect(diagnosis.question).toMatch(/Get-Service WinRM[\s\S]*Or: Does Test-WSMan/);
	});

	test('a command that names another computer is still that computer not listening', () => {
		const diagnosis = diagnose(cannotConnect, {command: 'Restart-Computer -ComputerName srv01'});
		expect(diagnosis.status).toBe('recognised');
		expect(diagnosis.best?.class).toBe('unreachable');
	});

	test('the same words where the error names the computer it came from stay the first hop', () => {
		const diagnosis = diagnose(`${cannotConnect}\n    + PSComputerName        : hyperv1`, {
			command: 'Restart-Computer',
		});
		expect(diagnosis.status).toBe('recognised');
		expect(diagnosis.best?.class).toBe('unreachable');
	});

	test('the same words naming the remote server they could not reach stay the first hop', () => {
		const diagnosis = diagnose(`Connecting to remote server hyperv1 failed: ${cannotConnect}`, {
			command: 'Restart-Computer',
		});
		expect(diagnosis.status).toBe('recognised');
		expect(diagnosis.best?.class).toBe('unreachable');
	});
});

test('quick configuration refused on a Public network: the first hop or this computer, asking where it ran', () => {
	// real-gh-ps-autolab-env-usage-faq: a lab script setting up remoting on the host itself
	const diagnosis = ambiguousDiagnosis(tuneRow('real-gh-ps-autolab-env-usage-faq'));
	expect(diagnosis.causes).toEqual(['unreachable', 'local-winrm-stopped']);
	expect(diagnosis.question).toContain('Where did Enable-PSRemoting or Set-WSManQuickConfig run?');
});

test("Enable-PSRemoting's public-network refusal as about_Remote_Troubleshooting quotes it: the same two places", () => {
	const diagnosis = ambiguousDiagnosis('ERROR:  Unable to check the status of the firewall');
	expect(diagnosis.best.id).toBe('firewall-public-profile');
	expect(diagnosis.causes).toEqual(['unreachable', 'local-winrm-stopped']);
	expect(diagnosis.question).toContain('Where did Enable-PSRemoting or Set-WSManQuickConfig run?');
});
