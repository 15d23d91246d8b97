// --method naming a safer method where the double hop already works through CredSSP (client
// delegation and server role set up before doublehop): an admin who names the method wants off
// CredSSP, so the run says the hop works through CredSSP today, sets the named method up and
// verifies it, and shows how to turn off the CredSSP it did not make. Without --method, the run
// still ends already-fixed.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {runJsonDocument} from '../helpers/json-run.js';

const root = join(import.meta.dirname, '../..');

type Step = {stage: string; status: string; title: string; details: string[]};
type NextStep = string | {say: string; run: string};

/** A scenario with CredSSP already on both sides, as already-working has it, made before doublehop. */
function withCredSsp(scenario: string): string {
	const lab = JSON.parse(
		readFileSync(join(root, `source/hosts/lab/scenarios/${scenario}.json`), 'utf8'),
	);
	lab.name = `${scenario}-credssp`;
	lab.machines['admin-ws'].credssp = {client: true, server: false};
	lab.machines['admin-ws'].allowFreshCredentials = ['wsman/hyperv1.contoso.com'];
	lab.machines.hyperv1.credssp = {client: false, server: true};
	const file = join(mkdtempSync(join(tmpdir(), 'doublehop-credssp-lab-')), `${lab.name}.json`);
	writeFileSync(file, JSON.stringify(lab));
	return file;
}

function run(
	args: string[],
	lab: string,
	input = 'Passw0rd!\n',
	stateDir = mkdtempSync(join(tmpdir(), 'doublehop-over-credssp-')),
) {
	const {code, report} = runJsonDocument(['--json', '--lab', lab, '--password-stdin', ...args], {
		input,
		stateDir,
		timeout: 10_000,
	});
	const titles = (report.steps as Step[]).map((step) => step.title);
	const next = (report.nextSteps as NextStep[]).map((step) =>
		typeof step === 'string' ? step : `${step.say} ${step.run}`,
	);
	return {code, report, titles, next};
}

const worksThroughCredSsp =
	'The command works today on hyperv1.contoso.com through CredSSP, which --method runas is meant to replace';
const serverOff =
	'Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Disable-WSManCredSSP -Role Server }';

describe('--method over a double hop CredSSP already carries', () => {
	test('runas: said to work through CredSSP, the RunAs configuration registered and verified, CredSSP named as still on with how to turn it off', () => {
		const {code, report, titles, next} = run(
			[
				'--method',
				'runas',
				'--runas-user',
				'CONTOSO\\svc-hvops',
				'--yes',
				'--steps',
				'session-config',
			],
			withCredSsp('jea-runas'),
			'Passw0rd!\nRunAs-Passw0rd!\n',
		);
		expect(titles).toContain(worksThroughCredSsp);
		expect(titles).toContain(
			'Fixed: the command works on hyperv1.contoso.com through Doublehop.RunAs, as CONTOSO\\svc-hvops',
		);
		expect(code).toBe(0);
		expect(report.verdict).toBe('fixed');
		expect(report.changes.map((c: {setting: string}) => c.setting)).toEqual([
			'Session configuration Doublehop.RunAs',
		]);
		expect(report.details.join('\n')).toContain(
			'CredSSP is still on: doublehop did not set it up, so it does not take it away',
		);
		expect(next.join('\n')).toContain(serverOff);
		// The list's only wsman/ entry: Disable-WSManCredSSP -Role Client takes out that one alone.
		expect(next.join('\n')).toContain(
			'This machine delegates to hyperv1.contoso.com by CredSSP (wsman/hyperv1.contoso.com, set up before doublehop; no other wsman/ entry). To take it out, in an elevated shell here: Disable-WSManCredSSP -Role Client',
		);
	});

	test('runas without --yes: needs-changes, nothing registered, CredSSP left as it is', () => {
		const {code, report, titles} = run(
			['--method', 'runas', '--runas-user', 'CONTOSO\\svc-hvops'],
			withCredSsp('jea-runas'),
			'Passw0rd!\nRunAs-Passw0rd!\n',
		);
		expect(titles).toContain(worksThroughCredSsp);
		expect(code).toBe(1);
		expect(report.verdict).toBe('needs-changes');
		expect(report.changes).toEqual([]);
	});

	test('using-cred: proven with $using:cred, not "already fixed"', () => {
		const {report, titles} = run(['--method', 'using-cred', '--yes'], withCredSsp('jea-runas'));
		expect(titles).toContain(worksThroughCredSsp.replace('runas', 'using-cred'));
		expect(titles).toContain(
			'Works: hyperv1.contoso.com reaches hyperv2.contoso.com with $using:cred',
		);
		expect(report.verdict).toBe('fixed');
		expect(report.changes).toEqual([]);
	});

	test('rbkcd: the delegation written and verified plainly, CredSSP still on', () => {
		const {report, titles, next} = run(
			['--method', 'rbkcd', '--yes', '--steps', 'rbkcd'],
			withCredSsp('rbkcd'),
		);
		expect(titles).toContain(
			'The command works today on hyperv1.contoso.com through CredSSP, which --method rbkcd is meant to replace',
		);
		expect(report.verdict).toBe('fixed');
		expect(report.changes.map((c: {stage: string}) => c.stage)).toEqual(['rbkcd']);
		expect(next.join('\n')).toContain(serverOff);
	});

	test('CredSSP an earlier doublehop run set up: not taken away here; its guided undo named, told to keep the RunAs configuration', () => {
		const stateDir = mkdtempSync(join(tmpdir(), 'doublehop-over-credssp-earlier-'));
		const credssp = run(['--yes', '--steps', 'client,server'], 'jea-runas', undefined, stateDir);
		expect(credssp.report.verdict).toBe('fixed');
		const {report, titles, next} = run(
			[
				'--method',
				'runas',
				'--runas-user',
				'CONTOSO\\svc-hvops',
				'--yes',
				'--steps',
				'session-config',
			],
			'jea-runas',
			'Passw0rd!\nRunAs-Passw0rd!\n',
			stateDir,
		);
		expect(titles).toContain(worksThroughCredSsp);
		expect(report.verdict).toBe('fixed');
		expect(report.changes.map((c: {setting: string}) => c.setting)).toEqual([
			'Session configuration Doublehop.RunAs',
		]);
		expect(report.details).toContain(
			'CredSSP is still on, and the command no longer needs it: an earlier doublehop run set it up.',
		);
		// The guided undo, which asks for each change: the --json one (--yes) would take all back.
		expect(next).toContain(
			'To take back the CredSSP doublehop set up (it asks for each change, newest first; say no to Session configuration Doublehop.RunAs on hyperv1.contoso.com to keep the method): doublehop undo --lab jea-runas',
		);
		expect(next.join('\n')).not.toContain('Disable-WSManCredSSP');
	});

	test('without --method: already fixed through CredSSP, as before', () => {
		const {code, report} = run([], withCredSsp('jea-runas'));
		expect(code).toBe(0);
		expect(report.verdict).toBe('already-fixed');
		expect(report.changes).toEqual([]);
	});
});
