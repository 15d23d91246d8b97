// A refusal on stderr is a sentence for the admin: in a narrow terminal it is cut at spaces, as a
// refusal with next steps and explain's notices are, not broken mid-word by the terminal.
import {describe, expect, test} from 'vitest';
import {cells, fold, start, tmuxMissing} from '../terminal/terminal.js';

describe('a refusal without next steps in a 40-column terminal', () => {
	test.skipIf(tmuxMissing() !== undefined)(
		'an unknown flag is said in lines cut at spaces, each inside the width',
		async () => {
			const terminal = start({cols: 40, rows: 20, args: ['--frobnicate']});
			try {
				expect(await terminal.exitCode()).toBe(2);
				const lines = terminal.joinedHistory().trimEnd().split('\n');
				expect(lines.length).toBeGreaterThan(1);
				for (const line of lines) expect(cells(line)).toBeLessThan(40);
				// Joined again at the cuts, the words are whole: none was split across two lines.
				expect(fold(lines.join(' '))).toBe(
					'doublehop: unknown flag --frobnicate. Run doublehop --help for the flags.',
				);
			} finally {
				terminal.close();
			}
		},
		40_000,
	);
});
