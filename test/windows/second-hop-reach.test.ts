import {describe, expect, test} from 'vitest';
import {remoteCommandOf, secondHopReaches} from '../../source/windows/second-hop-reach.js';

/** [protocol, computer] pairs, and each computer read back from the command at its range. */
function reaches(command: string): Array<[string, string]> {
	return secondHopReaches(command).map((reach) => {
		expect(command.slice(...reach.at)).toBe(reach.computer);
		return [reach.protocol, reach.computer];
	});
}

describe('what a command reaches from the first hop', () => {
	test('Hyper-V, remoting, CIM, WMI and RPC cmdlets by their -ComputerName', () => {
		expect(reaches('Get-VM -ComputerName hyperv2')).toEqual([['hyper-v', 'hyperv2']]);
		expect(reaches('Get-VMSwitch -ComputerName:"hyperv2.contoso.com"')).toEqual([
			['hyper-v', 'hyperv2.contoso.com'],
		]);
		expect(reaches('icm -cn srv2 { hostname }')).toEqual([['winrm', 'srv2']]);
		expect(reaches("Get-CimInstance Win32_OperatingSystem -ComputerName 'dc01'")).toEqual([
			['cim', 'dc01'],
		]);
		expect(reaches('gwmi Win32_BIOS -ComputerName dc01,dc02')).toEqual([['dcom', 'dc01']]);
		expect(reaches('Get-Service -ComputerName web01 -Name W3SVC')).toEqual([['rpc', 'web01']]);
	});

	test('a UNC path, quoted or not, long form included, is SMB to its server', () => {
		expect(reaches('Get-ChildItem \\\\fs01\\share')).toEqual([['smb', 'fs01']]);
		expect(reaches('Test-Path "\\\\fs01.contoso.com\\c$\\Temp"')).toEqual([
			['smb', 'fs01.contoso.com'],
		]);
		expect(reaches('Copy-Item C:\\a.txt -Destination \\\\?\\UNC\\nas1\\drop')).toEqual([
			['smb', 'nas1'],
		]);
		expect(reaches('Get-Item C:\\Windows\\System32')).toEqual([]);
		expect(reaches('Get-Item \\\\.\\pipe\\x')).toEqual([]);
	});

	test('SQL Server by its instance: the machine without the instance name or port', () => {
		expect(reaches('Invoke-Sqlcmd -ServerInstance sql01\\PROD -Query "SELECT 1"')).toEqual([
			['sql', 'sql01'],
		]);
		expect(reaches('Get-DbaDatabase -SqlInstance sql02,1433')).toEqual([['sql', 'sql02']]);
	});

	test('ActiveDirectory cmdlets by -Server', () => {
		expect(reaches('Get-ADUser jdoe -Server dc01.contoso.com')).toEqual([
			['active-directory', 'dc01.contoso.com'],
		]);
		expect(reaches('Get-ADUser jdoe')).toEqual([]);
	});

	test('pipelines, statements and script blocks are each read; comments and nested sessions are not', () => {
		expect(
			reaches(
				'Get-VM -ComputerName hv2 | ForEach-Object { Test-Path \\\\fs01\\vms }; Get-Service -cn web1',
			),
		).toEqual([
			['hyper-v', 'hv2'],
			['smb', 'fs01'],
			['rpc', 'web1'],
		]);
		// The UNC path runs on srv2, a third hop: only srv2 is reached from here.
		expect(reaches('Invoke-Command -ComputerName srv2 { dir \\\\fs01\\x }')).toEqual([
			['winrm', 'srv2'],
		]);
		expect(reaches('hostname # Get-VM -ComputerName hv2')).toEqual([]);
	});

	test('a variable stays as written', () => {
		expect(reaches('Get-VM -ComputerName $node')).toEqual([['hyper-v', '$node']]);
	});
});

describe('a whole command line typed at the client', () => {
	test('names the first hop and the command that runs there', () => {
		const line =
			'Invoke-Command -ComputerName hyperv1 -Credential $c { Get-VM -ComputerName hyperv2 }';
		const remote = remoteCommandOf(line);
		expect(remote).toEqual({
			hop1: 'hyperv1',
			command: 'Get-VM -ComputerName hyperv2',
			at: line.indexOf('Get-VM'),
		});
		expect(reaches(remote?.command ?? '')).toEqual([['hyper-v', 'hyperv2']]);
	});

	test('-ScriptBlock named, a parenthesised host list, and a line with no remote command', () => {
		expect(
			remoteCommandOf("icm -ComputerName ('hv1') -ScriptBlock {dir \\\\fs01\\share}"),
		).toMatchObject({
			hop1: 'hv1',
			command: 'dir \\\\fs01\\share',
		});
		expect(remoteCommandOf('Get-VM -ComputerName hyperv2')).toBeUndefined();
	});
});
