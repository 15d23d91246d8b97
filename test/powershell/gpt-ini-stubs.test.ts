// Real pwsh against the stubs: the local GPO's gpt.ini. Group Policy's registry extension reads the
// local GPO's Registry.pol at a refresh only when gpt.ini's gPCMachineExtensionNames lists the
// registry CSE (MS-GPREG 3.2.5.1.2), so where gpt.ini lists only other extensions (security
// settings, scripts) or none, doublehop's Registry.pol write adds the registry pair, in CSE order,
// and leaves the other groups and lines as they were (gpedit's merge, GPRegistryPolicyDsc#40).
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import type {PowerShellHost} from '../../source/hosts/powershell/powershell-host.js';
import {noPwshReason, pwsh, scenarioCopy, stubbedHost, stubModule} from './pwsh.js';

const title = `the local GPO's gpt.ini, real pwsh against the stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;
const added = 'wsman/hyperv1.contoso.com';
const original = ['wsman/sql01.contoso.com', 'wsman/*.fabrikam.com'];
const registry = '{35378EAC-683F-11D2-A89A-00C04FBBCFA2}{D02B1F72-3407-48AE-BA88-E8213C6761F1}';
const security = '{827D319E-6EAC-11D2-A4EA-00C04F79F83A}{803E14A0-B4FB-11D0-A0D0-00A0C90F574B}';
const scripts = '{42B5FAAE-6536-11D2-AE5A-0000F87571E3}{40B6664F-4972-11D1-A7CA-0000F87571E3}';

const clientOf = (state: string) =>
	(JSON.parse(readFileSync(state, 'utf8')) as Scenario).machines['admin-ws']!;
const gptIni = (state: string) =>
	readFileSync(join(dirname(state), 'Windows', 'System32', 'GroupPolicy', 'gpt.ini'), 'utf8')
		.split(/\r?\n/)
		.filter((line) => line !== '');

/** `gpupdate /target:computer /force` in a PowerShell of its own, as an admin (or a reboot) would. */
function gpupdate(state: string): void {
	execFileSync(
		pwsh!.executable,
		['-NoProfile', '-Command', `Import-Module '${stubModule}'; gpupdate /target:computer /force`],
		{env: {...process.env, DOUBLEHOP_LAB_STATE: state}, encoding: 'utf8'},
	);
}

/** existing-delegation with the local GPO's gpt.ini as given. */
function withGptIni(lines: string[]): string {
	return scenarioCopy('existing-delegation', (lab) => {
		lab.machines['admin-ws']!.localGpoGptIni = lines;
	});
}

describe.skipIf(pwsh === undefined)(title, () => {
	let host: PowerShellHost | undefined;
	afterEach(async () => {
		await host?.dispose();
		host = undefined;
	});

	test('the model: a gpt.ini without the registry extension leaves the local GPO unapplied at a refresh', () => {
		const state = withGptIni(['[General]', `gPCMachineExtensionNames=[${security}]`, 'Version=2']);
		gpupdate(state);
		expect(clientOf(state).allowFreshCredentials).toEqual([]);
	}, 120_000);

	test.each([
		{
			name: 'only the security extension',
			before: ['[General]', `gPCMachineExtensionNames=[${security}]`, 'Version=2'],
			after: ['[General]', `gPCMachineExtensionNames=[${registry}][${security}]`, 'Version=3'],
		},
		{
			name: 'no extension line',
			before: ['[General]', 'Version=65539'],
			after: ['[General]', `gPCMachineExtensionNames=[${registry}]`, 'Version=65540'],
		},
		{
			name: "the registry CSE with Enable-WSManCredSSP's tool only, scripts after it, user extensions",
			before: [
				'[General]',
				`gPCMachineExtensionNames=[{35378EAC-683F-11D2-A89A-00C04FBBCFA2}{7A9206BD-33AF-47af-B832-D4128730E990}][${scripts}]`,
				'Version=7',
				'gPCUserExtensionNames=[{35378EAC-683F-11D2-A89A-00C04FBBCFA2}{D02B1F73-3407-48AE-BA88-E8213C6761F1}]',
			],
			after: [
				'[General]',
				`gPCMachineExtensionNames=[{35378EAC-683F-11D2-A89A-00C04FBBCFA2}{7A9206BD-33AF-47af-B832-D4128730E990}{D02B1F72-3407-48AE-BA88-E8213C6761F1}][${scripts}]`,
				'Version=8',
				'gPCUserExtensionNames=[{35378EAC-683F-11D2-A89A-00C04FBBCFA2}{D02B1F73-3407-48AE-BA88-E8213C6761F1}]',
			],
		},
	])(
		'gpt.ini with $name: doublehop adds its entry, and after gpupdate it is in force from the local GPO',
		async ({before, after}) => {
			const state = withGptIni(before);
			host = await stubbedHost(state);
			expect(gptIni(state)).toEqual(before);
			expect((await host.setDelegationList([...original, added])).ok).toBe(true);
			gpupdate(state);
			expect(clientOf(state).allowFreshCredentials).toEqual([...original, added]);
			const read = await host.readClientCredSsp();
			expect(read.ok && read.value.localGpoAllowFreshCredentials).toEqual([...original, added]);
			expect(gptIni(state)).toEqual(after);
		},
		120_000,
	);

	test('the NTLM-only list in the local GPO: after gpupdate the entry is in force from it', async () => {
		const state = scenarioCopy('ip-first-hop', (lab) => {
			lab.machines['admin-ws']!.localGpoGptIni = [
				'[General]',
				`gPCMachineExtensionNames=[${security}]`,
				'Version=2',
			];
		});
		host = await stubbedHost(state);
		const entry = 'wsman/10.0.0.21';
		expect((await host.setNtlmOnlyList([entry], undefined, undefined, [entry])).ok).toBe(true);
		gpupdate(state);
		expect(clientOf(state).allowFreshCredentialsNtlmOnly).toEqual([entry]);
		expect(gptIni(state)).toEqual([
			'[General]',
			`gPCMachineExtensionNames=[${registry}][${security}]`,
			'Version=3',
		]);
	}, 120_000);

	test('undo leaves the registry extension listed: the local GPO holds its list as before and it is applied', async () => {
		const state = withGptIni(['[General]', `gPCMachineExtensionNames=[${security}]`, 'Version=2']);
		host = await stubbedHost(state);
		expect((await host.setDelegationList([...original, added])).ok).toBe(true);
		expect((await host.setDelegationList(original)).ok).toBe(true);
		expect(gptIni(state)).toEqual([
			'[General]',
			`gPCMachineExtensionNames=[${registry}][${security}]`,
			'Version=4',
		]);
		gpupdate(state);
		expect(clientOf(state).allowFreshCredentials).toEqual(original);
	}, 120_000);
});
