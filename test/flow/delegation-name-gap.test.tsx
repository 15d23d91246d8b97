// The local Group Policy list's value names with a gap (1 and 3, after a value was deleted by
// hand): Enable-WSManCredSSP names its new value ValueCount+1 (PowerShell's CredSSP.cs
// UpdateGPORegistrySettings), "3", and so replaces an entry. doublehop writes the list itself
// instead, every entry kept, turns client CredSSP on, and its undo puts both back.
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {effective, localGpoList} from '../../source/hosts/lab/simulate.js';
import {
	acceptEveryChange,
	enterTargets,
	scenario,
	type Session,
	startCliSession,
} from '../helpers/session.js';

let session: Session | undefined;
afterEach(() => session?.unmount());

const freshDir = () => mkdtempSync(join(tmpdir(), 'doublehop-name-gap-'));

describe('a local GPO list whose value names have a gap', () => {
	test('the fix keeps every entry (Enable-WSManCredSSP would replace one), and undo takes only its own out', async () => {
		const lab = structuredClone(scenario('classic'));
		lab.name = 'name-gap';
		const client = lab.machines['admin-ws']!;
		client.allowFreshCredentials = ['wsman/sql01.contoso.com', 'TERMSRV/*'];
		client.localGpoValueNames = ['1', '3'];
		const path = join(freshDir(), 'lab.json');
		writeFileSync(path, JSON.stringify(lab));
		const stateDir = freshDir();
		session = await startCliSession(path, stateDir);
		await enterTargets(session);
		await acceptEveryChange(session, 'n');
		await session.finished();
		const fixed = session.host.snapshot().machines['admin-ws']!;
		expect(localGpoList(fixed)).toEqual([
			'wsman/sql01.contoso.com',
			'TERMSRV/*',
			'wsman/hyperv1.contoso.com',
		]);
		expect(effective.clientCredSsp(fixed)).toBe(true);
		expect(session.flat()).toContain('Result: FIXED.');
		session.unmount();

		const undo = await startCliSession(path, stateDir, {mode: 'undo'});
		session = undo;
		await undo.answer('User name', '');
		await undo.answer('Password for', 'Passw0rd!');
		await undo.answer('Undo this change on hyperv1', 'y');
		await undo.answer('Undo this change on ADMIN-WS', 'y');
		await undo.finished();
		const undone = undo.host.snapshot().machines['admin-ws']!;
		expect(localGpoList(undone)).toEqual(['wsman/sql01.contoso.com', 'TERMSRV/*']);
		expect(effective.allowFresh(undone)).toEqual(['wsman/sql01.contoso.com', 'TERMSRV/*']);
		expect(undone.credssp.client).toBe(false);
	});
});
