// The local GPO's gpt.ini in the lab: a refresh applies Registry.pol only while gpt.ini lists the
// registry extension (MS-GPREG 3.2.5.1.2), and a save of the GPO's registry settings lists it, in
// CSE order, the other groups and lines kept (gpedit's merge, GPRegistryPolicyDsc#40).
import {describe, expect, test} from 'vitest';
import {createLabHost} from '../../source/hosts/lab/lab-host.js';
import {credSspTool, listsRegistryExtension, savedGptIni} from '../../source/windows/gpt-ini.js';
import {scenario} from '../helpers/session.js';

const registry = '{35378EAC-683F-11D2-A89A-00C04FBBCFA2}{D02B1F72-3407-48AE-BA88-E8213C6761F1}';
const security = '{827D319E-6EAC-11D2-A4EA-00C04F79F83A}{803E14A0-B4FB-11D0-A0D0-00A0C90F574B}';
const securityOnly = ['[General]', `gPCMachineExtensionNames=[${security}]`, 'Version=2'];

describe('savedGptIni', () => {
	test.each([
		{before: [], after: ['[General]', `gPCMachineExtensionNames=[${registry}]`, 'Version=1']},
		{
			before: securityOnly,
			after: ['[General]', `gPCMachineExtensionNames=[${registry}][${security}]`, 'Version=3'],
		},
		{
			before: ['[General]', 'Version=131071'],
			after: ['[General]', `gPCMachineExtensionNames=[${registry}]`, 'Version=65537'],
		},
		{
			before: ['[General]', `gPCMachineExtensionNames=[${registry}]`, 'Version=4'],
			after: ['[General]', `gPCMachineExtensionNames=[${registry}]`, 'Version=5'],
		},
	])('$before', ({before, after}) => {
		expect(savedGptIni(before)).toEqual(after);
	});

	test("Enable-WSManCredSSP's tool joins the registry group in order", () => {
		const saved = savedGptIni(savedGptIni(securityOnly), credSspTool);
		expect(saved[1]).toBe(
			`gPCMachineExtensionNames=[{35378EAC-683F-11D2-A89A-00C04FBBCFA2}${credSspTool}{D02B1F72-3407-48AE-BA88-E8213C6761F1}][${security}]`,
		);
		expect(listsRegistryExtension(saved)).toBe(true);
		expect(listsRegistryExtension(securityOnly)).toBe(false);
		expect(listsRegistryExtension([])).toBe(false);
	});
});

describe('the lab: gpt.ini without the registry extension', () => {
	const added = 'wsman/hyperv1.contoso.com';
	const lab = () => {
		const lab = scenario('existing-delegation');
		lab.machines['admin-ws']!.localGpoGptIni = securityOnly;
		return lab;
	};

	test('a refresh alone leaves the local GPO unapplied', () => {
		const host = createLabHost({scenario: lab()});
		host.groupPolicyUpdate();
		expect(host.snapshot().machines['admin-ws']!.allowFreshCredentials).toEqual([]);
	});

	test("doublehop's write lists the registry extension: after a refresh the entry is in force", async () => {
		const host = createLabHost({scenario: lab()});
		const list = host.snapshot().machines['admin-ws']!.allowFreshCredentials;
		await host.setDelegationList([...list, added]);
		host.groupPolicyUpdate();
		const machine = host.snapshot().machines['admin-ws']!;
		expect(machine.allowFreshCredentials).toEqual([...list, added]);
		expect(machine.localGpoGptIni).toEqual([
			'[General]',
			`gPCMachineExtensionNames=[${registry}][${security}]`,
			'Version=3',
		]);
	});
});
