// Finding PowerShell: Windows PowerShell first on Windows, pwsh elsewhere (PATH, then the usual
// install places), an explicit choice wins, and "not found" is an answer with a way forward.
import {chmodSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {findPowerShell} from '../../source/hosts/powershell/find-powershell.js';

function fakeExecutable(folder: string, name: string): string {
	mkdirSync(folder, {recursive: true});
	const path = join(folder, name);
	writeFileSync(path, '#!/bin/sh\n');
	chmodSync(path, 0o755);
	return path;
}

describe.skipIf(process.platform === 'win32')('findPowerShell', () => {
	const root = mkdtempSync(join(tmpdir(), 'doublehop-find-'));

	test('pwsh on PATH', async () => {
		const bin = join(root, 'bin');
		const path = fakeExecutable(bin, 'pwsh');
		expect(
			await findPowerShell({platform: 'linux', env: {PATH: bin, HOME: join(root, 'nohome')}}),
		).toEqual({
			found: true,
			kind: 'pwsh',
			executable: path,
		});
	});

	test('pwsh installed as a dotnet tool, not on PATH', async () => {
		const home = join(root, 'home');
		const path = fakeExecutable(join(home, '.dotnet', 'tools'), 'pwsh');
		const found = await findPowerShell({
			platform: 'linux',
			env: {PATH: join(root, 'empty'), HOME: home},
		});
		expect(found).toEqual({found: true, kind: 'pwsh', executable: path});
	});

	test('an explicit path wins, and a missing one is reported, not thrown', async () => {
		const path = fakeExecutable(join(root, 'custom'), 'powershell');
		expect(await findPowerShell({use: path, platform: 'linux', env: {}})).toEqual({
			found: true,
			kind: 'powershell',
			executable: path,
		});
		const missing = await findPowerShell({
			use: join(root, 'nope', 'pwsh'),
			platform: 'linux',
			env: {},
		});
		expect(missing.found).toBe(false);
	});

	test('not found says how to get it', async () => {
		const result = await findPowerShell({
			platform: 'linux',
			env: {PATH: join(root, 'empty'), HOME: join(root, 'empty')},
		});
		expect(result.found).toBe(false);
		if (!result.found) {
			expect(result.message).toMatch(/No PowerShell found/);
			expect(result.howToGet.join('\n')).toMatch(/dotnet tool install --global PowerShell/);
		}
	});

	test('on Windows, Windows PowerShell 5.1 comes first', async () => {
		// Both are there: 5.1 under %SystemRoot% (the win32 path is one file name here) and pwsh on PATH.
		const systemRoot = join(root, 'windows');
		const windowsPowerShell = fakeExecutable(
			root,
			'windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
		);
		const bin = join(root, 'winbin');
		const pwsh = fakeExecutable(bin, 'pwsh.exe');
		const env = {SystemRoot: systemRoot, PATH: bin, ProgramFiles: join(root, 'noprogramfiles')};
		expect(await findPowerShell({platform: 'win32', env})).toEqual({
			found: true,
			kind: 'powershell',
			executable: windowsPowerShell,
		});
		// Without 5.1, pwsh is taken; with neither, the message names both.
		expect(
			await findPowerShell({platform: 'win32', env: {...env, SystemRoot: join(root, 'nowindows')}}),
		).toEqual({found: true, kind: 'pwsh', executable: pwsh});
		const result = await findPowerShell({
			platform: 'win32',
			env: {SystemRoot: join(root, 'nowindows'), PATH: ''},
		});
		expect(result.found).toBe(false);
		if (!result.found) expect(result.message).toContain('powershell.exe or pwsh.exe');
	});
});
