// The client undo, days after the fix: HKLM may then hold what the local Group Policy object does
// not (an entry added with reg add, a domain GPO's list deployed since). The undo takes out only
// doublehop's entries, from each place as it is now, and leaves a domain GPO's HKLM to Group Policy.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {labStateFile} from '../../source/cli/paths.js';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import {effective} from '../../source/hosts/lab/simulate.js';
import {
	acceptEveryChange,
	enterTargets,
	fold,
	type Session,
	startCliSession,
} from '../helpers/session.js';

let session: Session | undefined;
afterEach(() => session?.unmount());

const freshStateDir = () => mkdtempSync(join(tmpdir(), 'doublehop-client-undo-'));

/** Fixes classic, changes the client as `later` says (days pass), then undoes every change. */
async function fixChangeUndo(
	later: (client: Scenario['machines'][string]) => void,
): Promise<Session> {
	const stateDir = freshStateDir();
	session = await startCliSession('classic', stateDir);
	await enterTargets(session);
	await acceptEveryChange(session, 'n');
	await session.finished();
	session.unmount();
	const file = labStateFile('classic');
	const lab = JSON.parse(readFileSync(file, 'utf8')) as Scenario;
	later(lab.machines['admin-ws']!);
	writeFileSync(file, JSON.stringify(lab));
	const undo = await startCliSession('classic', stateDir, {mode: 'undo'});
	session = undo;
	await undo.answer('User name', '');
	await undo.answer('Password for', 'Passw0rd!');
	await undo.answer('Undo this change on hyperv1', 'y');
	await undo.waitFor(/Undo this change on ADMIN-WS.*\[y\/N\] \S?$/);
	return undo;
}

const clientOf = (undo: Session) => undo.host.snapshot().machines['admin-ws']!;

describe('the client undo, from each place as it is now', () => {
	test('an entry added to HKLM by hand (reg add) stays, with the switch on', async () => {
		const undo = await fixChangeUndo((client) => {
			// reg add ...\AllowFreshCredentials /v 2 /d wsman/sql01.contoso.com: HKLM only.
			client.localGpoAllowFreshCredentials = [...client.allowFreshCredentials];
			client.allowFreshCredentials.push('wsman/sql01.contoso.com');
		});
		expect(fold(undo.live())).toContain(
			"-Name 1 -PropertyType String -Value 'wsman/sql01.contoso.com'",
		);
		await undo.answer('Undo this change on ADMIN-WS', 'y');
		await undo.finished();
		const client = clientOf(undo);
		expect(effective.allowFresh(client)).toEqual(['wsman/sql01.contoso.com']);
		expect(client.localGpoAllowFreshCredentials).toEqual([]);
		expect(effective.allowFreshSwitches(client)).toEqual({allowFresh: 1, concatenateDefaults: 1});
	});

	test("a domain GPO's list deployed since: HKLM is left to Group Policy, and the screen says so", async () => {
		const undo = await fixChangeUndo((client) => {
			client.policies.allowFreshCredentials = ['wsman/*.contoso.com'];
		});
		expect(fold(undo.live())).toContain('HKLM left as it is: a domain GPO owns');
		await undo.answer('Undo this change on ADMIN-WS', 'y');
		await undo.finished();
		const client = clientOf(undo);
		// The domain's entry and switch are still in force; the local GPO is as before the fix.
		expect(effective.allowFresh(client)).toEqual(['wsman/*.contoso.com']);
		expect(effective.allowFreshSwitches(client)).toEqual({allowFresh: 1, concatenateDefaults: 1});
		expect(client.localGpoAllowFreshCredentials ?? client.allowFreshCredentials).not.toContain(
			'wsman/hyperv1.contoso.com',
		);
		expect(undo.flat()).toContain('Result: UNDONE.');
	});
});
