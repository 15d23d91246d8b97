import {describe, expect, test} from 'vitest';
import {rankMethods} from '../../source/windows/second-hop-methods.js';

const fits = (command: string, protocol?: Parameters<typeof rankMethods>[2]) =>
	Object.fromEntries(
		rankMethods(command, 'hop2', protocol).methods.map((method) => [method.id, method.fits]),
	);

describe('the methods for a second hop, safest first', () => {
	test('always in the same order, CredSSP last and always fitting', () => {
		const {methods} = rankMethods('Get-VM -ComputerName hop2', 'hop2');
		expect(methods.map((method) => method.id)).toEqual([
			'using-cred',
			'rbkcd',
			'jea',
			'runas',
			'credssp',
		]);
		expect(methods.at(-1)?.fits).toBe(true);
	});

	test('SMB: $using:cred and resource-based delegation both fit before CredSSP', () => {
		const ranking = rankMethods('Get-ChildItem \\\\hop2\\share', 'hop2');
		expect(ranking.protocol).toBe('smb');
		expect(ranking.recommended).toBe('using-cred');
		expect(fits('Get-ChildItem \\\\hop2\\share')).toMatchObject({'using-cred': true, rbkcd: true});
	});

	test('a nested WinRM hop, and CIM over WS-Man: no resource-based delegation, with why', () => {
		const winrm = rankMethods('Invoke-Command -ComputerName hop2 { hostname }', 'hop2');
		const rbkcd = winrm.methods.find((method) => method.id === 'rbkcd');
		expect(rbkcd?.fits).toBe(false);
		expect(rbkcd?.why).toContain("doesn't support the second hop for WinRM");
		expect(fits('Get-CimInstance Win32_BIOS -ComputerName hop2').rbkcd).toBe(false);
	});

	test('SQL Server: $using:cred does not fit Windows authentication, so delegation is recommended', () => {
		const ranking = rankMethods('Invoke-Sqlcmd -ServerInstance hop2 -Query "SELECT 1"', 'hop2');
		expect(ranking.recommended).toBe('rbkcd');
		expect(fits('Invoke-Sqlcmd -ServerInstance hop2 -Query "SELECT 1"')['using-cred']).toBe(false);
	});

	test('a command that does not say: unknown, unless the admin said which protocol', () => {
		expect(rankMethods('.\\sync.ps1', 'hop2').protocol).toBe('unknown');
		expect(fits('.\\sync.ps1').rbkcd).toBe(false);
		expect(rankMethods('.\\sync.ps1', 'hop2', 'smb').protocol).toBe('smb');
		expect(fits('.\\sync.ps1', 'smb').rbkcd).toBe(true);
	});
});
