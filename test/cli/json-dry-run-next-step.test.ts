// A one-host --json dry run ends with the run that makes what it planned: this run's flags without
// --dry-run, its targets and method, and --yes with the steps planned. A CI job runs it as written,
// with no terminal; it makes those changes. Until then the planned changes are left undone.
import {existsSync, mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {runJsonDocument} from '../helpers/json-run.js';

function doublehop(args: string[], stateDir: string) {
	const {code, report, stderr} = runJsonDocument(args, {stateDir});
	return {code, report, stderr};
}

/** The words of a printed command: PowerShell's single quotes ('' inside) taken off. */
const words = (command: string): string[] =>
	[...command.matchAll(/'((?:[^']|'')*)'|(\S+)/g)].map((m) =>
		m[1] === undefined ? m[2]! : m[1].replaceAll("''", "'"),
	);

type Hop1 = {credssp: {server: boolean}; sessionConfigurations?: {name: string}[]};
const hyperv1 = (state: string): Hop1 =>
	JSON.parse(readFileSync(state, 'utf8')).machines.hyperv1 as Hop1;

const runs = [
	{
		lab: 'classic',
		flags: ['--for', '90m', '--steps', 'client,server,revert'],
		// --for as it takes it (not '90m' turned into '120m'-style minutes), the revert step with it.
		applies: "--method credssp --for '1h30m' --yes --steps client,server,revert",
		made: (hyperv1: Hop1) => hyperv1.credssp.server,
		leftUndone: [
			'Allow delegation on this client (Enable-WSManCredSSP -Role Client on this machine)',
			'Accept CredSSP on the first hop (Enable-WSManCredSSP -Role Server on hyperv1.contoso.com)',
			'Verify with CredSSP',
			'Scheduled revert task, on hyperv1.contoso.com',
			'Scheduled revert task, on ADMIN-WS (this machine)',
		],
	},
	{
		lab: 'classic',
		flags: ['--steps', 'client,server'],
		applies:
			"--hop2 hyperv2.contoso.com --user 'CONTOSO\\admin' --method credssp --yes --steps client,server",
		made: (hyperv1: Hop1) => hyperv1.credssp.server,
		leftUndone: [
			'Allow delegation on this client (Enable-WSManCredSSP -Role Client on this machine)',
			'Accept CredSSP on the first hop (Enable-WSManCredSSP -Role Server on hyperv1.contoso.com)',
			'Verify with CredSSP',
		],
	},
	{
		lab: 'jea-runas',
		flags: ['--method', 'jea', '--gmsa', 'CONTOSO\\jea-hv$', '--steps', 'session-config'],
		applies: "--method jea --gmsa 'CONTOSO\\jea-hv$' --yes --steps session-config",
		made: (hyperv1: Hop1) =>
			(hyperv1.sessionConfigurations ?? []).some((c) => c.name === 'Doublehop.JEA'),
		leftUndone: [
			'JEA configuration on the first hop (Register-PSSessionConfiguration on hyperv1.contoso.com)',
		],
	},
];

describe('the next step of a one-host --json dry run', () => {
	for (const run of runs) {
		test(`${run.lab}: names the run without --dry-run, which run as written makes the changes planned (exit 0)`, () => {
			const dir = mkdtempSync(join(tmpdir(), 'dh-dry-apply-'));
			const state = join(dir, 'lab.json');
			const dry = doublehop(
				[
					'--json',
					'--password-stdin',
					'--lab',
					run.lab,
					'--lab-state',
					state,
					'--dry-run',
					'--yes',
					...run.flags,
				],
				dir,
			);
			expect(dry.code, dry.stderr).toBe(1);
			// Under --json nothing is asked, so the end does not say "asked for again".
			expect(dry.report.details).toContain('Nothing was changed.');
			expect(dry.report.details.join(' ')).not.toContain('asked for again');
			expect(dry.report.leftUndone).toEqual(run.leftUndone);
			expect(dry.report.nextSteps).toHaveLength(1);
			const [step] = dry.report.nextSteps as string[];
			expect(step).toMatch(/^To make (it|them), run it again without --dry-run: doublehop /);
			expect(step).toContain(` ${run.applies}`);
			expect(step!.slice(step!.indexOf('doublehop '))).not.toContain('--dry-run');
			// The default command stays the default: not written out.
			expect(step).not.toContain('--command');
			expect(existsSync(join(dir, 'journal'))).toBe(false);
			expect(run.made(hyperv1(state))).toBe(false);

			const applied = doublehop(words(step!.slice(step!.indexOf('doublehop '))).slice(1), dir);
			expect(applied.code, applied.stderr).toBe(0);
			expect(applied.report.verdict).toBe('fixed');
			expect(applied.report.changes.map((change: {stage: string}) => change.stage)).toEqual(
				dry.report.changes.map((change: {stage: string}) => change.stage),
			);
			expect(run.made(hyperv1(state))).toBe(true);
		});
	}
});

test('a --json dry run stopped at a step not in --steps names that step, added to --steps, and the run without --dry-run', () => {
	const dir = mkdtempSync(join(tmpdir(), 'dh-dry-steps-'));
	const dry = doublehop(
		[
			'--json',
			'--password-stdin',
			'--lab',
			'winrm-stopped',
			'--lab-state',
			join(dir, 'lab.json'),
			'--dry-run',
			'--yes',
			'--steps',
			'client,server',
		],
		dir,
	);
	expect(dry.code, dry.stderr).toBe(1);
	expect(dry.report.nextSteps[0]).toBe(
		'To make them: run the same command again with --yes --steps winrm (added to any --steps it has, and without --dry-run).',
	);
});
