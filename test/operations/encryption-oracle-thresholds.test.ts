// CVE-2018-0886: which credssp.dll file versions carry the March 13, 2018 CredSSP update, per OS
// build (KB4093492, "CredSSP updates for CVE-2018-0886", lists the updates by platform). For each
// build, the first patched revision and one below it. Windows 10 revisions are those of the March
// 13, 2018 cumulative updates, whose changed files carry the update's OS build; version 1803 (17134)
// and later shipped with the fix.
import {describe, expect, test} from 'vitest';
import {isOraclePatched} from '../../source/operations/read-encryption-oracle.js';

const firstPatched = [
	{build: 7601, revision: 24056, update: 'Windows 7 SP1 / 2008 R2: KB4088875, KB4088878'},
	{build: 9200, revision: 22376, update: 'Windows Server 2012: KB4088877, KB4088880'},
	{build: 9600, revision: 18946, update: 'Windows 8.1 / 2012 R2: KB4088876, KB4088879'},
	{build: 10240, revision: 17797, update: 'Windows 10 1507: KB4088786 (OS Build 10240.17797)'},
	{build: 10586, revision: 1478, update: 'Windows 10 1511: KB4088779 (OS Build 10586.1478)'},
	{build: 14393, revision: 2125, update: 'Windows 10 1607 / 2016: KB4088787 (OS Build 14393.2125)'},
	{build: 15063, revision: 966, update: 'Windows 10 1703: KB4088782 (OS Build 15063.966)'},
	{build: 16299, revision: 309, update: 'Windows 10 1709: KB4088776 (OS Build 16299.309)'},
];

describe('credssp.dll thresholds for the CVE-2018-0886 update', () => {
	test.each(firstPatched)(
		'build $build: revision $revision is patched, one below is not ($update)',
		({build, revision}) => {
			expect(isOraclePatched(build, `${build}.${revision}`)).toBe(true);
			expect(isOraclePatched(build, `${build}.${revision + 1}`)).toBe(true);
			expect(isOraclePatched(build, `${build}.${revision - 1}`)).toBe(false);
			expect(isOraclePatched(build, `${build}.0`)).toBe(false);
		},
	);

	test('1803 (17134) and later shipped with the fix, whatever the revision', () => {
		for (const build of [17134, 17763, 20348, 22631, 26100]) {
			expect(isOraclePatched(build, `${build}.1`)).toBe(true);
		}
	});

	test('a build the table does not know, older than 1803, is not taken as patched', () => {
		expect(isOraclePatched(6002, '6002.24000')).toBe(false);
	});

	test('without the DLL version, the OS build decides: only 1803 and later are known to be patched', () => {
		expect(isOraclePatched(17134, undefined)).toBe(true);
		expect(isOraclePatched(16299, undefined)).toBe(false);
	});
});
