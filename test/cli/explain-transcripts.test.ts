// A transcript says where its commands ran, as PowerShell writes one (TranscriptPrologue in
// InternalHostUserInterfaceStrings.resx, TranscribeCommand in MshHostUserInterface.cs): system-wide
// transcription on the first hop records a remote session's commands under WinRM's host process
// (wsmprovhost.exe) as CommandInvocation/ParameterBinding lines, while a console's transcript has the
// typed prompt. The same refused DCOM call is then the second hop, or the target refusing the account.
// Saved as Start-Transcript saves it (UTF-8 with a byte-order mark).
import {spawnSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {expect, test} from 'vitest';
import {cliPath} from '../terminal/terminal.js';

const header = (labels: string[], machine: string, hostApplication: string) =>
	[
		'**********************',
		labels[0],
		`${labels[1]}20261206101500`,
		`${labels[2]}CONTOSO\\admin`,
		`${labels[3]}CONTOSO\\admin`,
		`${labels[4]}${hostApplication.includes('powershell.exe') ? '' : 'Microsoft.PowerShell'}`,
		`${labels[5]}${machine} (Microsoft Windows NT 10.0.17763.0)`,
		`${labels[6]}${hostApplication}`,
		`${labels[7]}4242`,
		'PSVersion: 5.1.17763.316',
		'PSEdition: Desktop',
		'**********************',
	].join('\r\n');

const english = [
	'Windows PowerShell transcript start',
	'Start time: ',
	'Username: ',
	'RunAs User: ',
	'Configuration Name: ',
	'Machine: ',
	'Host Application: ',
	'Process ID: ',
];
// The same labels in PowerShell's German resources (de/InternalHostUserInterfaceStrings.de.resx).
const german = [
	'Beginn des PowerShell-Transkripts',
	'Startzeit: ',
	'Benutzername: ',
	'RunAs-Benutzer: ',
	'Konfigurationsname: ',
	'Computer: ',
	'Hostanwendung: ',
	'Prozess-ID: ',
];
const wsmprovhost = 'C:\\Windows\\system32\\wsmprovhost.exe -Embedding';

const refused = [
	'Get-WmiObject : Access is denied. (Exception from HRESULT: 0x80070005 (E_ACCESSDENIED))',
	'    + CategoryInfo          : NotSpecified: (:) [Get-WmiObject], UnauthorizedAccessException',
	'    + FullyQualifiedErrorId : System.UnauthorizedAccessException,Microsoft.PowerShell.Commands.GetWmiObjectCommand',
].join('\r\n');

// A remote session's command, as the first hop's system-wide transcription logs it.
const loggedOnFirstHop = [
	'**********************',
	'Command start time: 20261206101502',
	'**********************',
	'PS>CommandInvocation(Get-WmiObject): "Get-WmiObject"',
	'>> ParameterBinding(Get-WmiObject): name="Class"; value="Win32_OperatingSystem"',
	'>> ParameterBinding(Get-WmiObject): name="ComputerName"; value="hyperv2"',
	refused,
].join('\r\n');

const folder = mkdtempSync(join(tmpdir(), 'doublehop-transcripts-'));

function explain(name: string, text: string) {
	const file = join(folder, name);
	writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
	const result = spawnSync(process.execPath, [cliPath, 'explain', '--json', file], {
		encoding: 'utf8',
		timeout: 30_000,
	});
	expect(result.stderr).toBe('');
	const answer = JSON.parse(result.stdout) as {
		causes: {class: string}[];
		nextCommand: string;
		because: string[];
	};
	return {...answer, causes: answer.causes.map((cause) => cause.class)};
}

// PowerShell 7's SSH remoting runs sshd's subsystem, `pwsh.exe -sshs` (about_Remote_SSH).
const sshSubsystem = 'C:\\Program Files\\PowerShell\\7\\pwsh.dll -sshs -NoLogo -NoProfile';

test.each([
	['English Windows, WinRM', english, wsmprovhost],
	['German Windows, WinRM', german, wsmprovhost],
	['PowerShell 7 over SSH', english, sshSubsystem],
])(
	"a refused DCOM call in the first hop's own transcript (%s) is the second hop, with both hops filled in",
	(name, labels, hostApplication) => {
		const answer = explain(
			`first-hop-${name.replace(/\W+/g, '-')}.txt`,
			`${header(labels, 'HYPERV1', hostApplication)}\r\n${loggedOnFirstHop}\r\n`,
		);
		// Recorded in the session on HYPERV1, which opened: not a call from this machine straight to
		// the target; what is left beside the second hop is hyperv2 refusing the account itself.
		expect(answer.causes).toEqual(['second-hop-denied', 'unrelated']);
		expect(answer.nextCommand).toBe(
			'$cred = Get-Credential; Invoke-Command -ComputerName HYPERV1 -Credential $cred -ScriptBlock { Get-WmiObject Win32_OperatingSystem -ComputerName hyperv2 -Credential $using:cred }',
		);
	},
);

test('the same refusal typed at a console on this machine went straight to the target: the target refuses the account first', () => {
	const console = [
		header(english, 'ADMIN01', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'),
		'PS C:\\Users\\admin> Get-WmiObject Win32_OperatingSystem -ComputerName hyperv2',
		refused,
	].join('\r\n');
	const answer = explain('console.txt', console);
	expect(answer.causes).toEqual(['remote-access-denied', 'second-hop-denied']);
	expect(answer.because.join(' ')).toMatch(/straight to the computer it names/);
});
