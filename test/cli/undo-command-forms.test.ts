// A --json run names two undo commands: the one that works without a terminal (--json --yes),
// and the guided one an end names where some changes are to be kept (it asks for each). The
// setup builds both; the tree never rewrites one into the other.
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {expect, test} from 'vitest';
import {setUpRun} from '../../source/cli/run-setup.js';

test('a --json run with --password-stdin: the undo as it runs without a terminal, and the guided one without those flags', async () => {
	const previous = process.env.DOUBLEHOP_STATE_DIR;
	process.env.DOUBLEHOP_STATE_DIR = mkdtempSync(join(tmpdir(), 'doublehop-undo-forms-'));
	try {
		const prepared = await setUpRun({
			lab: 'already-working',
			labReset: true,
			mode: 'fix',
			dryRun: false,
			json: true,
			passwordStdin: true,
			inputs: {},
		});
		if (!prepared.ok) throw new Error(prepared.message);
		const {initial} = prepared.setup;
		expect(initial.undoCommand).toBe(
			'doublehop undo --lab already-working --json --yes --password-stdin',
		);
		expect(initial.guidedUndoCommand).toBe('doublehop undo --lab already-working');
	} finally {
		if (previous === undefined) delete process.env.DOUBLEHOP_STATE_DIR;
		else process.env.DOUBLEHOP_STATE_DIR = previous;
	}
});
