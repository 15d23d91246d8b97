// Issue 14, the unrelated decision: words any Windows program prints (Access is denied, SQL's
// ANONYMOUS LOGON, the AD module's "Unable to contact the server") are a double-hop symptom only
// when a remote session ran the command. With no sign of one, "not a remoting problem" is ranked
// beside the remoting cause and the question says how to tell; with one, the cause is named as before.
import {describe, expect, test} from 'vitest';
import {diagnose} from '../../source/knowledge/diagnose.js';
import {ambiguousDiagnosis, tuneRow} from './answers.js';
import {explain} from '../../source/commands/explain.js';
import type {DiagnosisJson} from '../../source/report/diagnosis-text.js';

const causesOf = (text: string, context = {}) => {
	const diagnosis = ambiguousDiagnosis(text, context);
	return diagnosis.causes;
};

describe('no remote session in sight: "unrelated" is one of the first two causes', () => {
	test('SQL Server refusing ANONYMOUS LOGON to SSMS run on a workstation', () => {
		// https://github.com/MicrosoftDocs/sql-docs/issues/7753 (real-tune.jsonl)
		const causes = causesOf(
			"Login failed for user 'NT AUTHORITY\\ANONYMOUS LOGON'. (Microsoft SQL Server, Error: 18456)",
		);
		expect(causes.slice(0, 2)).toEqual(['second-hop-denied', 'unrelated']);
	});

	test('the AD module finding no domain controller, run in a module on this machine', () => {
		// https://github.com/timmcmic/DLConversionV2/issues/28 (real-tune.jsonl)
		const causes = causesOf(
			'Get-ADObject : Unable to contact the server. This may be because this server does not exist, it is currently down, or it does not have the Active Directory Web Services running.\n' +
				'At C:\\Program Files\\WindowsPowerShell\\Modules\\DLConversionV2\\2.4.9.3\\Get-ADObjectConfiguration.ps1:90 char:42\n' +
				'    + CategoryInfo          : ResourceUnavailable: (:) [Get-ADObject], ADServerDownException\n' +
				'    + FullyQualifiedErrorId : ActiveDirectoryServer:0,Microsoft.ActiveDirectory.Management.Commands.GetADObject',
		);
		expect(causes.slice(0, 2)).toContain('unrelated');
	});

	test('a DISM cmdlet refused at a local prompt: this shell, or not remoting at all', () => {
		// https://github.com/PowerShell/PowerShell/issues/8483 (real-tune.jsonl, Chinese Windows)
		const causes = causesOf(
			'PS C:\\Users\\Administrator> Add-WindowsCapability -Online -Name "\nTools.Graphics.DirectX~~~~0.0.1.0"\nAdd-WindowsCapability : 拒绝访问。',
		);
		expect(causes.slice(0, 2)).toEqual(['needs-elevation', 'unrelated']);
	});

	test('explain names it and asks whether a remote session ran the command', () => {
		const answer = JSON.parse(
			explain("Login failed for user 'NT AUTHORITY\\ANONYMOUS LOGON'.", {
				json: true,
				ascii: false,
				width: 80,
			}).stdout,
		) as DiagnosisJson;
		expect(answer.status).toBe('ambiguous');
		expect(answer.causes[1]).toEqual({
			class: 'unrelated',
			name: 'Not a remoting or double-hop problem',
		});
		expect(answer.question).toContain('remote session');
	});
});

describe('no remote session in sight: a Win32 error and its own code are one failure', () => {
	test('a cluster role refused its logon (1326 and 0x8007052E): not remoting first, then the logon', () => {
		// MicrosoftDocs/SupportArticles-docs, the Hyper-V Replica guide (real-tune.jsonl): the text and
		// its HRESULT had counted as two pieces of evidence and named the first hop's logon, high.
		const diagnosis = ambiguousDiagnosis(
			tuneRow('real-supportarticles-hvr-guide-broker-spn-0x8007052e'),
		);
		expect(diagnosis.causes).toEqual(['unrelated', 'trustedhosts-or-auth']);
	});

	test('the same words from a remote session still name the refused logon', () => {
		const diagnosis = diagnose(
			'New-PSSession : [hyperv1] Connecting to remote server hyperv1 failed with the following error message : The user name or password is incorrect. (0x8007052E) For more information, see the about_Remote_Troubleshooting Help topic.',
		);
		expect(diagnosis.status).toBe('recognised');
		expect(diagnosis.best?.id).toBe('logon-failure');
	});
});

describe("no remote session in sight: COM's E_ACCESSDENIED is the target refusing this computer's call", () => {
	// The Task Scheduler's COM API on another machine (dahall/TaskScheduler 595 and 807, real-tune.jsonl):
	// the call went straight from this computer, so the second hop comes last.
	test.each(['real-taskscheduler-595', 'real-dahall-taskscheduler-807-remote-e-accessdenied'])(
		'%s',
		(id) => {
			expect(causesOf(tuneRow(id))).toEqual([
				'remote-access-denied',
				'unrelated',
				'second-hop-denied',
			]);
		},
	);

	test('inside a remote session the second hop stays first', () => {
		const causes = causesOf(
			'[hyperv1]: PS C:\\> Get-WmiObject Win32_OperatingSystem -ComputerName hyperv2\nGet-WmiObject : Access is denied. (Exception from HRESULT: 0x80070005 (E_ACCESSDENIED))',
		);
		expect(causes[0]).toBe('second-hop-denied');
	});
});

describe('a remote session in sight: the remoting cause alone, as before', () => {
	test('the same SQL refusal from a command typed in Enter-PSSession', () => {
		const diagnosis = diagnose(
			'[sql01]: PS C:\\> $adapter.Fill($set)\nException calling "Fill" with "1" argument(s): "Login failed for user \'NT AUTHORITY\\ANONYMOUS LOGON\'."',
		);
		expect(diagnosis.status).toBe('recognised');
		expect(diagnosis.best?.class).toBe('second-hop-denied');
	});

	test('an AD module failure that an Ansible Windows module reported from the host', () => {
		// https://github.com/ansible/ansible/issues/66954 (real-tune.jsonl)
		const causes = causesOf(
			'fatal: [<edited>]: FAILED! => {\n    "changed": false,\n    "msg": "failed to retrieve initial details for group L_EXP_Administrators: Unable to contact the server. This may be because this server does not exist, it is currently down, or it does not have the Active Directory Web Services running."\n}',
		);
		expect(causes).not.toContain('unrelated');
		expect(causes[0]).toBe('second-hop-denied');
	});

	test('--hop1 given: the caller says a remote session was used', () => {
		const diagnosis = diagnose("Login failed for user 'NT AUTHORITY\\ANONYMOUS LOGON'.", {
			hop1: 'hyperv1',
		});
		expect(diagnosis.status).toBe('recognised');
		expect(diagnosis.best?.class).toBe('second-hop-denied');
	});
});

describe('PowerShell Direct into a container that "does not exist": this shell first, then not remoting', () => {
	// RunspaceConnectionInfo.cs reports any failure to open the container as this text. Two threads
	// fixed it by elevating; two met it elevated, from PowerShell 7's own lookup (real-tune.jsonl).
	test.each([
		'real-alops-265',
		'real-nvrappdevops-15',
		'real-powershell-19337',
		'real-navcontainerhelper-3087',
	])('%s', (id) => {
		const diagnosis = ambiguousDiagnosis(tuneRow(id));
		expect(diagnosis.best.id).toBe('container-session-not-elevated');
		expect(diagnosis.causes).toEqual(['needs-elevation', 'unrelated']);
		expect(diagnosis.confidence).toBe('low');
		expect(diagnosis.question).toContain('docker ps --no-trunc');
		expect(diagnosis.question).toContain('Windows PowerShell 5.1');
	});
});
