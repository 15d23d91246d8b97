// --json on a first hop without its WSMAN SPNs: the SPN read comes before CredSSP's changes, so
// even with --yes the run ends BLOCKED having changed nothing, and names setspn -S.
import {describe, expect, test} from 'vitest';
import {runJsonDocument} from '../helpers/json-run.js';

const run = (args: string[]) => runJsonDocument(['--json', ...args]);

describe('--json, missing-spn', () => {
	test.each([[[]], [['--yes', '--steps', 'client,server']]])(
		'%j: blocked before any change, setspn -S named, nothing changed',
		(extra) => {
			const {report} = run(['--lab', 'missing-spn', '--password-stdin', ...extra]);
			expect(report.verdict).toBe('blocked');
			expect(report.headline).toBe(
				'hyperv1.contoso.com has no WSMAN SPNs: CredSSP cannot authenticate it',
			);
			expect(report.changes).toEqual([]);
			expect(JSON.stringify(report.nextSteps)).toContain(
				'setspn -S WSMAN/hyperv1.contoso.com HYPERV1',
			);
		},
	);
});
