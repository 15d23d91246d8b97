// Keys typed ahead of a question must not answer it: a second "y Enter" sent just after the risk
// was accepted would otherwise make the next change before the admin has seen it.
import {afterEach, describe, expect, test} from 'vitest';
import {enterTargets, type Session, startSession} from '../helpers/session.js';

let session: Session | undefined;
afterEach(() => session?.unmount());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('keys typed ahead of a confirmation', () => {
	test('a second "y Enter" 50 ms after accepting the risk does not answer the client change', async () => {
		session = startSession('classic');
		await enterTargets(session);
		await session.answer('Which method?', 'c');
		await session.answer('Continue with CredSSP', 'y');
		await pause(50);
		// The second burst, as a double press or a repeated paste sends it.
		session.type('y\r');
		await session.waitFor('Make this change on ADMIN-WS (this machine)? [y/N]');
		await pause(300);
		// The change is still only offered: nothing was made on the client, the question still waits.
		expect(session.host.snapshot().machines['admin-ws']?.credssp.client).toBe(false);
		expect(session.runner.getState().pending.kind).toBe('ask');
		expect(session.live()).toContain('Make this change on ADMIN-WS (this machine)? [y/N]');
		expect(session.live()).not.toContain('Step 8 of 10');

		// Typed after the question has been on screen, the same keys answer it.
		await session.answer('Make this change on ADMIN-WS', 'y');
		await session.waitFor('Step 8 of 10');
		expect(session.host.snapshot().machines['admin-ws']?.credssp.client).toBe(true);
	});
});
