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

describe('--json, fleet-missing-spn', () => {
	test('--yes: hv02 blocked with setspn -S in its detail and the next steps, nothing changed for it; hv01 and hv03 fixed; exit 2', () => {
		const {code, report} = run([
			'--lab',
			'fleet-missing-spn',
			'--password-stdin',
			'--yes',
			'--steps',
			'client,server',
		]);
		expect(report.verdict).toBe('blocked');
		expect(code).toBe(2);
		const hosts = report.hosts as {host: string; result: string; detail?: string}[];
		expect(hosts.map(({host, result}) => [host, result])).toEqual([
			['hv01.contoso.com', 'fixed'],
			['hv02.contoso.com', 'blocked'],
			['hv03.contoso.com', 'fixed'],
		]);
		expect(hosts[1]?.detail).toContain('No account in this domain holds WSMAN/hv02.contoso.com');
		expect(JSON.stringify(report.nextSteps)).toContain(
			'setspn -S WSMAN/hv02.contoso.com HV02; setspn -S WSMAN/hv02 HV02',
		);
		const machines = (report.changes as {machine: string; setting: string}[]).map(
			({machine, setting}) => `${machine}: ${setting}`,
		);
		expect(machines.filter((line) => line.includes('hv02'))).toEqual([]);
	});
});
