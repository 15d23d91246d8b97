import {describe, expect, test} from 'vitest';
import {passCredential} from '../../source/windows/credential-rewrite.js';

function rewritten(command: string): string {
	const result = passCredential(command);
	if (!result.fits) throw new Error(result.why);
	return result.command;
}

describe('handing $using:cred to the cmdlet that reaches the second hop', () => {
	test('Hyper-V, remoting, WMI and AD cmdlets get -Credential at the end of their own command', () => {
		expect(rewritten('Get-VM -ComputerName hyperv2')).toBe(
			'Get-VM -ComputerName hyperv2 -Credential $using:cred',
		);
		expect(rewritten("Get-VM -ComputerName 'hyperv2' | Where-Object State -eq Running")).toBe(
			"Get-VM -ComputerName 'hyperv2' -Credential $using:cred | Where-Object State -eq Running",
		);
		expect(rewritten('Invoke-Command -ComputerName hyperv2 { hostname }')).toBe(
			'Invoke-Command -ComputerName hyperv2 { hostname } -Credential $using:cred',
		);
		expect(rewritten('gwmi Win32_BIOS -ComputerName dc01')).toBe(
			'gwmi Win32_BIOS -ComputerName dc01 -Credential $using:cred',
		);
		expect(rewritten('Get-ADUser bob -Server dc01')).toBe(
			'Get-ADUser bob -Server dc01 -Credential $using:cred',
		);
	});

	test('a CIM cmdlet gets a CIM session made with the credential in place of -ComputerName', () => {
		expect(
			rewritten('Get-CimInstance Win32_OperatingSystem -ComputerName dc01 | Select Caption'),
		).toBe(
			'Get-CimInstance Win32_OperatingSystem -CimSession (New-CimSession -ComputerName dc01 -Credential $using:cred) | Select Caption',
		);
	});

	test('a UNC path becomes a drive opened with the credential, once per share', () => {
		expect(rewritten('Get-ChildItem \\\\fs01\\share\\logs')).toBe(
			"New-PSDrive -Name Hop2Share -PSProvider FileSystem -Root '\\\\fs01\\share' -Credential $using:cred | Out-Null; Get-ChildItem Hop2Share:\\logs",
		);
		expect(rewritten('Copy-Item \\\\fs01\\a\\x.txt \\\\FS01\\A\\y.txt; dir "\\\\nas\\b"')).toBe(
			"New-PSDrive -Name Hop2Share -PSProvider FileSystem -Root '\\\\fs01\\a' -Credential $using:cred | Out-Null; " +
				"New-PSDrive -Name Hop2Share2 -PSProvider FileSystem -Root '\\\\nas\\b' -Credential $using:cred | Out-Null; " +
				'Copy-Item Hop2Share:\\x.txt Hop2Share:\\y.txt; dir "Hop2Share2:\\"',
		);
	});

	test('SQL Server, cmdlets without -Credential, and commands that name no machine do not fit, with why', () => {
		const sql = passCredential('Invoke-Sqlcmd -ServerInstance sql01 -Query "SELECT 1"');
		expect(sql).toMatchObject({fits: false});
		expect(sql.fits ? '' : sql.why).toContain('SQL Server login');
		const service = passCredential('Get-Service -ComputerName web01');
		expect(service.fits ? '' : service.why).toContain('takes no -Credential');
		const nothing = passCredential('Get-Process');
		expect(nothing.fits ? '' : nothing.why).toContain('names no other machine');
	});

	test('a command that already passes -Credential is left as it is', () => {
		const given = passCredential('Get-VM -ComputerName hyperv2 -Credential $c');
		expect(given.fits ? '' : given.why).toContain('already passes -Credential');
	});
});
