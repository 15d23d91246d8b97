// A --json run refused before it starts says in nextSteps what a CI author does next: the command
// line as given with the change made, and for --method runas what stdin must hold. Never empty.
import {describe, expect, test} from 'vitest';
import {runJsonDocument} from '../helpers/json-run.js';

/** The words of a printed command: PowerShell's single quotes ('' inside) taken off. */
const words = (command: string): string[] =>
	[...command.matchAll(/'((?:[^']|'')*)'|(\S+)/g)].map((m) =>
		m[1] === undefined ? m[2]! : m[1].replaceAll("''", "'"),
	);

const runAs = ['--method', 'runas', '--runas-user', 'CONTOSO\\svc-hvops'];
const make = ['--yes', '--steps', 'session-config'];

describe('--json --method runas without the second password line', () => {
	test('nextSteps: what stdin holds (two lines) and the exact command line, which then runs', () => {
		const args = ['--json', '--lab', 'jea-runas', '--password-stdin', ...runAs, ...make];
		const {code, report} = runJsonDocument(args);
		expect(code).toBe(2);
		expect(report.verdict).toBe('error');
		expect(report.nextSteps).toEqual([
			'stdin must hold two lines: first your password (the account the run connects as), then the password of the RunAs account (--runas-user).',
			"For example: @((Get-Secret hv-admin -AsPlainText), (Get-Secret hv-runas -AsPlainText)) | doublehop --json --lab jea-runas --password-stdin --method runas --runas-user 'CONTOSO\\svc-hvops' --yes --steps session-config",
		]);
		// Run as printed, with the two lines it names on stdin: registered and proven.
		const printed = words(report.nextSteps[1].split(' | doublehop ')[1]);
		const fixed = runJsonDocument(printed, {input: 'Passw0rd!\nRunAs-Passw0rd!\n'});
		expect(fixed.code).toBe(0);
		expect(fixed.report.verdict).toBe('fixed');
	});

	test('without --password-stdin or --runas-user: both are added to the example', () => {
		const {report} = runJsonDocument(['--json', '--lab', 'jea-runas', '--method', 'runas']);
		expect(report.nextSteps[1]).toBe(
			'For example: @((Get-Secret hv-admin -AsPlainText), (Get-Secret hv-runas -AsPlainText)) | doublehop --json --lab jea-runas --method runas --password-stdin --runas-user <DOMAIN\\user>',
		);
	});

	test('an empty first line: the same two-line example', () => {
		const args = ['--json', '--lab', 'jea-runas', '--password-stdin', ...runAs];
		const {report} = runJsonDocument(args, {input: '\nRunAs-Passw0rd!\n'});
		expect(report.headline).toContain('--password-stdin read an empty first line');
		expect(report.nextSteps[0]).toContain('stdin must hold two lines');
	});
});

// Every refusal of the command line under --json, and the one next step it gives. Words are quoted
// as PowerShell's own commands in the document are (psArgument: '2h', as a number-like word).
const refusals: [what: string, args: string[], input: string, nextStep: string][] = [
	[
		'an unknown flag',
		['--json', '--bogus'],
		'',
		'doublehop --help lists every flag and what it takes.',
	],
	[
		'host names after --hop1 (PowerShell splits an unquoted list)',
		['--json', '--lab', 'fleet', '--hop1', 'hv1', 'hv2'],
		'',
		"With the list quoted: doublehop --json --lab fleet --hop1 'hv1,hv2'",
	],
	[
		'an unknown step',
		['--json', '--lab', 'classic', '--yes', '--steps', 'client,sever'],
		'',
		'With the steps it takes: doublehop --json --lab classic --yes --steps client',
	],
	[
		'an unknown method',
		['--json', '--lab', 'classic', '--method', 'kerberos'],
		'',
		'With the method that changes nothing: doublehop --json --lab classic --method using-cred',
	],
	[
		'--runas-user without --method runas',
		['--json', '--lab', 'classic', '--runas-user', 'CONTOSO\\svc'],
		'',
		"With its method: doublehop --json --lab classic --runas-user 'CONTOSO\\svc' --method runas",
	],
	[
		'--runas-user without a domain',
		['--json', '--lab', 'classic', '--method', 'runas', '--runas-user', 'svc'],
		'',
		'With the account as DOMAIN\\user: doublehop --json --lab classic --method runas --runas-user <DOMAIN\\user>',
	],
	[
		'--yes without --steps',
		['--json', '--lab', 'classic', '--password-stdin', '--yes'],
		'Passw0rd!\n',
		"To make them: doublehop --json --lab classic --password-stdin --yes --steps 'client,server'",
	],
	[
		'--steps without --yes',
		['--json', '--lab', 'classic', '--steps', 'client'],
		'',
		'To make them: doublehop --json --lab classic --steps client --yes',
	],
	[
		'--for with --yes but no revert step',
		['--json', '--lab', 'classic', '--for', '2h', '--yes', '--steps', 'client,server'],
		'',
		"With the revert tasks: doublehop --json --lab classic --for '2h' --yes --steps 'client,server,revert'",
	],
	[
		'--for that is no time',
		['--json', '--lab', 'classic', '--for', 'soon'],
		'',
		"For two hours, say: doublehop --json --lab classic --for '2h'",
	],
	['--for on undo', ['undo', '--json', '--for', '2h'], '', 'Without it: doublehop undo --json'],
	[
		'--connect-timeout out of range',
		['--json', '--lab', 'classic', '--connect-timeout', '0'],
		'',
		"For two minutes, say: doublehop --json --lab classic --connect-timeout '120'",
	],
	[
		'--wait out of range',
		['--json', '--lab', 'classic', '--wait', '99999'],
		'',
		"For ten minutes, say: doublehop --json --lab classic --wait '600'",
	],
	[
		'--hop1 @ without a file',
		['--json', '--lab', 'fleet', '--hop1', '@'],
		'',
		'With computer names: doublehop --json --lab fleet --hop1 <hyperv1,hyperv3>',
	],
	[
		'undo --hop1 with a name Windows cannot take',
		['undo', '--json', '--hop1', 'hv 13'],
		'',
		'With a computer name: doublehop undo --json --hop1 <hyperv1>',
	],
	[
		'--method runas over many first hops',
		['--json', '--lab', 'fleet', '--hop1', 'hv1,hv2', '--method', 'runas'],
		'',
		'For the first of them: doublehop --json --lab fleet --hop1 hv1 --method runas',
	],
	[
		'--lab-advance with --json',
		['--json', '--lab', 'classic', '--lab-advance', '2h'],
		'',
		"Without --json: doublehop --lab classic --lab-advance '2h'",
	],
	[
		'--lab-advance without --lab',
		['--json', '--lab-advance', '2h'],
		'',
		"With the lab it moves: doublehop --json --lab-advance '2h' --lab <scenario>",
	],
	[
		'an unknown lab scenario',
		['--json', '--lab', 'nosuch', '--password-stdin'],
		'Passw0rd!\n',
		'Once that is put right, the same run: doublehop --json --lab nosuch --password-stdin',
	],
];

describe('every --json refusal of the command line has its next step', () => {
	test.each(refusals)('%s', (_what, args, input, nextStep) => {
		const {code, report} = runJsonDocument(args, {input});
		expect(code).toBe(2);
		expect(report.verdict).toBe('error');
		expect(report.nextSteps).toEqual([nextStep]);
	});
});

// Refused by the flow for what the run lacked (no question is asked under --json): the run again
// with it, as given.
const lacking: [what: string, args: string[], input: string, nextStep: string][] = [
	[
		'no --password-stdin',
		['--json', '--lab', 'classic'],
		'',
		'Pipe the password as the first line of stdin: Get-Secret hv-admin -AsPlainText | doublehop --json --lab classic --password-stdin',
	],
	[
		'--method jea without --gmsa',
		['--json', '--lab', 'jea-runas', '--password-stdin', '--method', 'jea'],
		'Passw0rd!\n',
		'With --gmsa: doublehop --json --lab jea-runas --password-stdin --method jea --gmsa <DOMAIN\\name$>',
	],
	[
		'--method runas without --runas-user',
		['--json', '--lab', 'jea-runas', '--password-stdin', '--method', 'runas'],
		'Passw0rd!\nRunAs-Passw0rd!\n',
		'With --runas-user: doublehop --json --lab jea-runas --password-stdin --method runas --runas-user <DOMAIN\\user>',
	],
];

describe('every --json refusal for what the run lacked has its next step', () => {
	test.each(lacking)('%s', (_what, args, input, nextStep) => {
		const {code, report} = runJsonDocument(args, {input});
		expect(code).toBe(2);
		expect(report.nextSteps).toEqual([nextStep]);
	});
});
