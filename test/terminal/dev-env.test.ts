// DEV=true is a common variable in admins' and CI shells. Ink reads it to attach React DevTools,
// which the built CLI does not ship: the screen must not tell the admin to install it.
import {describe, expect, test} from 'vitest';
import {cleanUpAfterEach, start, stateFolder, tmuxMissing, type Terminal} from './terminal.js';

const missing = tmuxMissing();
let terminal: Terminal | undefined;
let state: string | undefined;
cleanUpAfterEach(() => ({terminal, state}));

describe.skipIf(missing !== undefined)(
	`in a real terminal${missing ? ` (skipped: ${missing})` : ''}`,
	() => {
		test('DEV=true: the guided flow asks its first question with no React DevTools advice', async () => {
			state = stateFolder();
			terminal = start({
				cols: 100,
				rows: 30,
				args: ['--lab', 'classic'],
				env: {DOUBLEHOP_STATE_DIR: state, DEV: 'true'},
			});
			await terminal.waitForPrompt('First hop');
			const history = terminal.history();
			expect(history).not.toContain('react-devtools');
			expect(history).not.toContain('DEV is set');
			terminal.press('C-c');
			expect(await terminal.exitCode()).toBe(130);
		});
	},
);
