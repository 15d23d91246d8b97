// Real pwsh against the stubs: the command doublehop gives for taking this machine's own
// wsman/<hop1> entry out (CredSSP set up before doublehop, a safer method now proven) does what it
// says. It goes through the cmdlets, which write the local GPO's Registry.pol as well as HKLM, so a
// policy refresh keeps the entry out; every other entry, wsman/ or not, is there after it.
import {describe, expect, test} from 'vitest';
import {withoutEntryCommand} from '../../source/tree/credssp-off-client.js';
import {noPwshReason, pwsh, runWithStubs, scenarioCopy} from './pwsh.js';

const driver = String.raw`param([string]$Module, [string]$CommandPath)
$ErrorActionPreference = 'Stop'
Import-Module $Module
function Get-Snapshot {
	& (Get-Module DoublehopLabStubs) {
		$machine = (Get-LabContext).Machine
		@{hklm = @(Get-List $machine.allowFreshCredentials); gpo = @(Get-LabLocalGpoList); client = [bool]$machine.credssp.client}
	}
}
$null = . ([scriptblock]::Create([IO.File]::ReadAllText($CommandPath)))
$ran = Get-Snapshot
$null = gpupdate /target:computer /force
$refreshed = Get-Snapshot
ConvertTo-Json -Depth 5 -Compress -InputObject @{ran = $ran; refreshed = $refreshed}
`;

type Snapshot = {hklm: string[]; gpo: string[]; client: boolean};

const title = `the advice to take wsman/<hop1> out, run under pwsh on the stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;

describe.skipIf(pwsh === undefined)(title, () => {
	test('a list shared with other entries: only wsman/hyperv1.contoso.com goes, in Registry.pol and HKLM, and a refresh keeps it out', () => {
		const list = [
			'TERMSRV/*',
			'wsman/sql1.contoso.com',
			'wsman/hyperv1.contoso.com',
			'wsman/*.contoso.com',
		];
		const command = withoutEntryCommand(
			{enabled: true, allowFreshCredentials: list},
			'wsman/hyperv1.contoso.com',
		);
		const state = scenarioCopy('already-working', (lab) => {
			lab.machines['admin-ws']!.allowFreshCredentials = list;
			lab.machines['admin-ws']!.localGpoAllowFreshCredentials = list;
		});
		const read = JSON.parse(runWithStubs(driver, [command], state)) as Record<
			'ran' | 'refreshed',
			Snapshot
		>;
		const left = ['TERMSRV/*', 'wsman/sql1.contoso.com', 'wsman/*.contoso.com'];
		expect(read.ran).toEqual({hklm: left, gpo: left, client: true});
		expect(read.refreshed).toEqual({hklm: left, gpo: left, client: true});
	}, 120_000);

	test('the list holds no other wsman/ entry: Disable-WSManCredSSP -Role Client alone, TERMSRV/* kept, client CredSSP off', () => {
		const list = ['TERMSRV/*', 'wsman/hyperv1.contoso.com'];
		const command = withoutEntryCommand(
			{enabled: true, allowFreshCredentials: list},
			'wsman/hyperv1.contoso.com',
		);
		expect(command).toBe('Disable-WSManCredSSP -Role Client');
		const state = scenarioCopy('already-working', (lab) => {
			lab.machines['admin-ws']!.allowFreshCredentials = list;
			lab.machines['admin-ws']!.localGpoAllowFreshCredentials = list;
		});
		const read = JSON.parse(runWithStubs(driver, [command], state)) as Record<
			'ran' | 'refreshed',
			Snapshot
		>;
		expect(read.refreshed).toEqual({hklm: ['TERMSRV/*'], gpo: ['TERMSRV/*'], client: false});
	}, 120_000);
});
