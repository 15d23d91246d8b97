// --json on a second hop that does not answer: hop 1's look at hop 2 ends the run BLOCKED (exit 2)
// before any method or change, even with --yes; nothing is changed and no CredSSP step is left.
import {describe, expect, test} from 'vitest';
import {runJsonDocument} from '../helpers/json-run.js';

describe('--json, hop2-off', () => {
	test.each([[[]], [['--yes', '--steps', 'client,server']]])(
		'%j: blocked, exit code 2, what was found and what to check, nothing changed',
		(extra) => {
			const {code, report} = runJsonDocument([
				'--json',
				'--lab',
				'hop2-off',
				'--password-stdin',
				...extra,
			]);
			expect(report.verdict).toBe('blocked');
			expect(code).toBe(2);
			expect(report.exitCode).toBe(2);
			expect(report.headline).toBe(
				'hyperv2.contoso.com does not answer hyperv1.contoso.com on port 135 or 5985: the command cannot reach it',
			);
			expect(report.details).toContain('Port 5985 did not answer within 3 s.');
			expect(report.changes).toEqual([]);
			expect(report.leftUndone).toEqual([]);
			expect(JSON.stringify(report.nextSteps)).toContain(
				'Test-NetConnection hyperv2.contoso.com -Port 135',
			);
			const stages = report.steps.map((step: {stage: string}) => step.stage);
			expect(stages).not.toContain('risk');
			expect(stages).not.toContain('client');
			expect(JSON.stringify(report)).not.toContain('CredSSP is not set up');
		},
	);
});
