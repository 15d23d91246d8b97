// Ctrl+U clears the answer being typed, as it clears a line at a shell prompt (a terminal's
// "kill line", stty's kill character): on the one-host screen and on the fleet's "Leave out which
// hosts?", where a refused answer stays in the field to mend.
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {fold, labPassword, startSession} from '../helpers/session.js';
import {pause, startFleet} from '../helpers/fleet-session.js';

const ctrlU = '\u0015';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe('Ctrl+U', () => {
	test('clears the fleet field a refused answer was left in', async () => {
		const run = await startFleet(mkdtempSync(join(tmpdir(), 'dh-fleet-ctrl-u-')));
		unmount = run.unmount;
		await run.answer('User name', '');
		await run.answer('Password for CONTOSO\\admin', labPassword);
		await run.answer('Add these 10 hosts', 'n');
		await run.answer('Enable the CredSSP server role on these 4 hosts?', 's');
		await run.answer('Leave out which hosts?', 'hv99');
		await pause(50);
		expect(fold(run.screen())).toContain('"hv99" is not one of the hosts listed');
		run.type(ctrlU);
		await pause(50);
		// Before: the field kept "hv99", and "5 6 7" was typed after it.
		expect(run.screen().trimEnd().split('\n').at(-1)).toMatch(/\(Enter: none\): _$/);
		await run.answer('Leave out which hosts?', '5 6 7');
		await run.answer('Enable the CredSSP server role on this host?', 'n');
		await run.runner.finished;
	});

	test('clears a one-host answer', async () => {
		const session = startSession('classic', {theme: {color: false, ascii: true}});
		unmount = session.unmount;
		await session.waitFor('First hop');
		session.type('hyperv9');
		await session.waitFor(/hyperv9_$/);
		session.type(ctrlU);
		await pause(50);
		expect(session.screen().trimEnd().split('\n').at(-1)).toMatch(/\]: _$/);
	});
});
