// Texts of Microsoft's and vendors' troubleshooting articles (issue 14, tune rows met blind): a first
// hop that accepts no remote shells, a module on a share that a session cannot load, and a security
// error the article's author typed by hand. Verbatim from the articles named.
import {expect, test} from 'vitest';
import {diagnose} from '../../source/knowledge/diagnose.js';
import {ambiguousDiagnosis, tuneRow} from './answers.js';

test('a first hop that accepts no remote shells is Group Policy first, the account refused second, and the policy key tells them apart', () => {
	// netwrix/docs docs/kb/privilegesecure/resource-management/resolving-failed-actions-on-a-windows-resource-due-to-error-the-ws-management-service-cannot-process.md
	const diagnosis = ambiguousDiagnosis(
		'Unable to connect using PowerShell remoting to <hostname> with user <domain>\\<user>: Connecting to remote server <ip_address> failed with the following error message : The WS-Management service cannot process the request. The service is configured to not accept any remote shell requests.',
	);
	expect(diagnosis.causes.slice(0, 2)).toEqual(['gpo-controlled', 'remote-access-denied']);
	expect(diagnosis.question).toMatch(/AllowRemoteShellAccess/);
});

test('a module that cannot autoload as Enter-PSSession starts is a share on PSModulePath or the module itself', () => {
	// MicrosoftDocs/SupportArticles-docs support/windows-server/system-management-components/enter-pssession-cmdlet-fails-psmodulepath-variable.md (KB 4076842)
	const diagnosis = ambiguousDiagnosis(
		"Enter-PSSession: The 'Measure-Object' command was found in the module 'Microsoft.PowerShell.Utility', but the module\ncould not be loaded. For more information, run 'Import-Module Microsoft.PowerShell.Utility'.\nAt line:1 char:1\n+ Enter-PSSession server_name\n+ ~~~~~~~~~~~~~~~~~~~~~~~~\n+ CategoryInfo : ObjectNotFound: (Measure-Object:String) [Enter-PSSession], CommandNotFoundException\n+ FullyQualifiedErrorId : CouldNotAutoloadMatchingModule",
	);
	expect(diagnosis.causes.slice(0, 2)).toEqual(['second-hop-denied', 'unrelated']);
	expect(diagnosis.question).toMatch(/PSModulePath hold a network path/);
});

test('"an unknown security error" typed by hand still reads as a failed logon to the first hop', () => {
	// Azure/AzureLocal-Supportability TSG/LCM/access-denied-lcm-user.md
	expect(
		ambiguousDiagnosis(
			'Connecting to remote server <ClusterName> failed with the following error message : An unknown security error occured',
		).causes,
	).toEqual(['trustedhosts-or-auth', 'unrelated']);
});

test("CredSSP's delegation refusal cut short before 'to the target computer' is still the delegation policy", () => {
	// https://github.com/Quirinodsg/CorujaMonitor/blob/3b54e4ae6bef0ffb5009b116a564dae6c8c976db/SOLUCAO_FINAL_WMI_13MAR.md
	const diagnosis = diagnose(
		'ERROR: A computer policy does not allow the delegation of the user credentials',
	);
	expect(diagnosis.best?.class).toBe('delegation-policy');
});

test("WinRM's 'does not support WS-Management Identify operations' is something else answering for the first hop, a proxy", () => {
	// real-azure-docs-migrate-appliance-identify-proxy (tune): Azure Migrate's appliance, its proxy
	// answering for the Hyper-V cluster nodes' short names.
	const diagnosis = diagnose(tuneRow('real-azure-docs-migrate-appliance-identify-proxy'));
	expect(diagnosis.status).toBe('recognised');
	expect(diagnosis.best?.id).toBe('winrm-identify-not-supported');
	expect(diagnosis.best?.class).toBe('unreachable');
});
