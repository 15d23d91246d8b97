// The banner's "Step N of M" counts the steps this run will take, as far as it knows them: a late
// viewer of a screen share reads the count as how far there is to go, so it must not change under
// them without cause, and a step must not be named for another method's.
import {afterEach, describe, expect, test} from 'vitest';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {
	acceptEveryChange,
	enterTargets,
	labPassword,
	startCliSession,
	startSession,
	type Session,
} from '../helpers/session.js';

let session: Session | undefined;
afterEach(() => session?.unmount());

const stateDir = () => mkdtempSync(join(tmpdir(), 'doublehop-step-count-'));

/** Every step label on the screen: banners ("Step 3 of 10") and logged steps ("Step 3/10"). */
const counts = (screen: string) =>
	[...screen.matchAll(/Step \d+(?: of |\/)(\d+)/g)].map((m) => m[1]);

describe('the step count', () => {
	test('--for counts the revert from the start: eleven steps, never ten', async () => {
		session = startSession('classic', {timeBoxMinutes: 120});
		await session.waitFor('First hop');
		expect(session.live()).toContain('Step 2 of 11: Machines and credentials');
		await enterTargets(session);
		await acceptEveryChange(session, 'n');
		await session.waitFor('Schedule the revert on hyperv1.contoso.com? [y/N]');
		const seen = counts(session.screen());
		expect(seen.length).toBeGreaterThan(8);
		expect(new Set(seen)).toEqual(new Set(['11']));
	});

	test('--method using-cred counts six steps from the first', async () => {
		session = await startCliSession('classic', stateDir(), {method: 'using-cred'});
		await session.waitFor('First hop');
		expect(session.live()).toContain('Step 2 of 6: Machines and credentials');
		await enterTargets(session);
		await session.answer('Run it on hyperv1', 'y');
		await session.finished();
		const seen = counts(session.screen());
		expect(seen.length).toBeGreaterThan(4);
		expect(new Set(seen)).toEqual(new Set(['6']));
	});

	test('JEA runs the command through its configuration at its own step, not at "Verify with CredSSP"', async () => {
		session = await startCliSession('jea-runas', stateDir(), {method: 'jea'});
		await enterTargets(session);
		await session.answer('Group managed service account', 'CONTOSO\\jea-hv$');
		await session.answer('Register Doublehop.JEA', 'y');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('Result: FIXED.');
		expect(screen).not.toContain('Verify with CredSSP');
		expect(screen).toMatch(
			/Step 6\/6 JEA or RunAs configuration on the first hop: Fixed: the command works on hyperv1/,
		);
	});

	test("an undo run names its steps without the fix's numbers", async () => {
		const dir = stateDir();
		session = await startCliSession('classic', dir);
		await enterTargets(session);
		await acceptEveryChange(session, 'n');
		await session.finished();
		session.unmount();
		const undo = await startCliSession('classic', dir, {mode: 'undo'});
		session = undo;
		await undo.answer('User name', '');
		await undo.answer('Password for', labPassword);
		await undo.answer(/Undo this change on hyperv1/, 'y');
		await undo.answer(/Undo this change on ADMIN-WS/, 'y');
		await undo.finished();
		expect(undo.flat()).toContain('Result: UNDONE.');
		expect(counts(undo.screen())).toEqual([]);
	});
});
