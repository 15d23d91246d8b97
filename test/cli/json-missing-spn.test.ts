// --json on a first hop without its WSMAN SPNs: the SPN read comes before CredSSP's changes, so
// even with --yes the run ends BLOCKED having changed nothing, and names setspn -S.
import {spawnSync} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';

const root = join(import.meta.dirname, '../..');

function run(args: string[]) {
	const stateDir = mkdtempSync(join(tmpdir(), 'doublehop-json-spn-'));
	const result = spawnSync(process.execPath, [join(root, 'dist/cli.js'), '--json', ...args], {
		input: 'Passw0rd!\n',
		encoding: 'utf8',
		env: {...process.env, DOUBLEHOP_STATE_DIR: stateDir, CI: 'true'},
		timeout: 20_000,
	});
	return {code: result.status, report: JSON.parse(result.stdout)};
}

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
