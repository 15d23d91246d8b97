// Many first hops without a terminal: --hop1 as a list or @file, one JSON document with a result
// per host and a summary, one exit code for all, and undo --hop1 <host> for one host's changes.
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, realpathSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {labFileName} from '../../source/cli/paths.js';
import {runCli, runJsonDocument} from '../helpers/json-run.js';

const root = join(import.meta.dirname, '../..');
const fold = (text: string) => text.replace(/\s+/g, ' ');

const doublehop = (args: string[], stateDir: string) => runCli(args, {stateDir});

function json(args: string[], stateDir: string, extra: string[] = []) {
	const {code, report} = runJsonDocument(['--json', '--password-stdin', ...args, ...extra], {
		stateDir,
	});
	return {code, report};
}

type Host = {host: string; state: string; result: string; changes: string[]};
const labState = (stateDir: string, lab = 'fleet') =>
	JSON.parse(readFileSync(join(stateDir, 'lab', `${lab}.json`), 'utf8')) as {
		machines: Record<string, {credssp: {server: boolean}; allowFreshCredentials: string[]}>;
	};

describe('--hop1 with many first hops, --json', () => {
	test('a result per host and a summary; the exit code covers all (2: some blocked or unreachable)', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-json-'));
		const {code, report} = json(['--lab', 'fleet'], dir);
		expect(code).toBe(2);
		expect(report.hosts).toHaveLength(23);
		const by = (name: string) => report.hosts.find((h: Host) => h.host === name);
		expect(by('hv01.contoso.com')).toMatchObject({state: 'already-fixed', result: 'already-fixed'});
		expect(by('hv05.contoso.com')).toMatchObject({state: 'needs-server', result: 'left-out'});
		expect(by('hv09.contoso.com')).toMatchObject({state: 'needs-client', result: 'left-out'});
		expect(by('hv13.contoso.com')).toMatchObject({state: 'needs-both', result: 'left-out'});
		expect(by('hv19.contoso.com')).toMatchObject({state: 'blocked', result: 'blocked'});
		expect(by('hv21.contoso.com')).toMatchObject({state: 'unreachable', result: 'unreachable'});
		expect(by('hv23.contoso.com').error.message).toContain(
			'Cannot find the computer hv23.contoso.com',
		);
		expect(report.fleet).toMatchObject({
			hosts: 23,
			'already-fixed': 4,
			'left-out': 14,
			blocked: 2,
			unreachable: 3,
		});
		expect(report.changes).toEqual([]);
		// The transcript holds the table and the results, and never the password.
		const transcript = readFileSync(report.records.transcript, 'utf8');
		expect(transcript).toContain('## 23 first hops');
		expect(transcript).toMatch(/19 {2}hv19\.contoso\.com {2}blocked/);
		expect(transcript).toContain('Result: FAILED.');
		expect(transcript).not.toContain('Passw0rd!');
	});

	test('the hosts not reached are grouped by why, each with the check its own line gives; the blocked are named with their cause', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-why-'));
		const {report} = json(['--lab', 'fleet'], dir);
		const detail = (name: string): string =>
			report.hosts.find((h: Host & {detail?: string}) => h.host === name).detail;
		// Each check is the one the host's own detail names: no Test-WSMan for a name DNS lacks.
		const steps: string[] = report.nextSteps;
		const about = (name: string) => steps.filter((step) => step.includes(name));
		expect(about('hv21.contoso.com')).toEqual([
			"Nothing answered on WinRM's port (the computer off or unreachable, the name pointing elsewhere, or a firewall dropping WinRM): hv21.contoso.com. From here, for it: Test-NetConnection -ComputerName hv21.contoso.com -Port 5985",
		]);
		expect(detail('hv21.contoso.com')).toContain(
			'Test-NetConnection -ComputerName hv21.contoso.com -Port 5985',
		);
		expect(about('hv22.contoso.com')).toEqual([
			'WinRM refused the connection or is not listening (on it: winrm quickconfig): hv22.contoso.com. From here, for it: Test-WSMan -ComputerName hv22.contoso.com',
		]);
		expect(about('hv23.contoso.com')).toEqual([
			'The name was not found (its spelling, DNS): hv23.contoso.com. From here, for it: Resolve-DnsName hv23.contoso.com',
		]);
		expect(detail('hv23.contoso.com')).toContain('Next: Resolve-DnsName hv23.contoso.com');
		// No "line above" in a JSON document: the cause, and the field to read.
		expect(about('hv19.contoso.com')).toEqual([
			"Blocked (Group Policy owns the setting): hv19.contoso.com, hv20.contoso.com; what to do: each host's detail (hosts[].detail).",
		]);
		expect(steps.join(' ')).not.toContain('above');
	});

	test('a list of hosts that can all be fixed exits 0 with --yes; undo --hop1 takes back one host only', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-undo-'));
		const hosts =
			'hv01.contoso.com,hv05.contoso.com,hv09.contoso.com,hv13.contoso.com,hv14.contoso.com';
		const fix = json(['--lab', 'fleet', '--hop1', hosts, '--yes', '--steps', 'client,server'], dir);
		expect(fix.code).toBe(0);
		expect(fix.report.verdict).toBe('fixed');
		expect(fix.report.hosts.map((h: Host) => h.result)).toEqual([
			'already-fixed',
			'fixed',
			'fixed',
			'fixed',
			'fixed',
		]);
		expect(fix.report.hosts[3].changes).toHaveLength(2);
		const before = labState(dir);
		expect(before.machines.hv13!.credssp.server).toBe(true);
		expect(before.machines['admin-ws']!.allowFreshCredentials).toContain('wsman/hv13.contoso.com');

		const undo = json(['undo', '--lab', 'fleet', '--hop1', 'hv13.contoso.com', '--yes'], dir);
		expect(undo.code).toBe(0);
		expect(undo.report.verdict).toBe('undone');
		const after = labState(dir);
		// hv13 is back as it was; hv14, fixed in the same run, keeps its server role and its entry.
		expect(after.machines.hv13!.credssp.server).toBe(false);
		expect(after.machines['admin-ws']!.allowFreshCredentials).not.toContain(
			'wsman/hv13.contoso.com',
		);
		expect(after.machines.hv14!.credssp.server).toBe(true);
		expect(after.machines['admin-ws']!.allowFreshCredentials).toContain('wsman/hv14.contoso.com');

		// Undo of all takes back the rest, and the list is as the scenario had it.
		const all = json(['undo', '--lab', 'fleet', '--yes'], dir);
		expect(all.code).toBe(0);
		const lab = JSON.parse(
			readFileSync(join(root, 'source/hosts/lab/scenarios/fleet.json'), 'utf8'),
		);
		expect(labState(dir).machines['admin-ws']!.allowFreshCredentials).toEqual(
			lab.machines['admin-ws'].allowFreshCredentials,
		);
		expect(labState(dir).machines.hv14!.credssp.server).toBe(false);
	});

	test('@file: one name a line, blank lines and # comments skipped, duplicates merged', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-file-'));
		const file = join(dir, 'hosts.txt');
		writeFileSync(
			file,
			'# the cluster\nhv01.contoso.com\n\nHV01.contoso.com\nhv02.contoso.com  # rack 2\n',
		);
		const {report} = json(['--lab', 'fleet', '--hop1', `@${file}`], dir);
		expect(report.hosts.map((h: Host) => h.host)).toEqual(['hv01.contoso.com', 'hv02.contoso.com']);
		expect(report.verdict).toBe('already-fixed');
	});

	test('a bad name in the file is named with its line, exit 2, nothing run', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-bad-'));
		const file = join(dir, 'hosts.txt');
		writeFileSync(file, 'hv01.contoso.com\n# ok\nhv_02.contoso.com\n');
		const result = doublehop(['--lab', 'fleet', '--hop1', `@${file}`], dir);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain(`--hop1 @${file}, line 3:`);
		expect(result.stderr).toContain('underscore');
		const missing = doublehop(['--lab', 'fleet', '--hop1', '@/nowhere/hosts.txt'], dir);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain('--hop1 @/nowhere/hosts.txt: no such file');
		const listed = doublehop(['--lab', 'fleet', '--hop1', 'hv01,hv 02'], dir);
		expect(listed.code).toBe(2);
		expect(listed.stderr).toContain('--hop1 entry 2 ("hv 02")');
	});

	test('one host, even given as a list, runs the one-host flow as before', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-one-'));
		const {code, report} = json(['--lab', 'classic', '--hop1', 'hyperv1.contoso.com,'], dir);
		expect(code).toBe(1);
		expect(report.verdict).toBe('needs-changes');
		expect(report.hosts).toBeUndefined();
		expect(report.steps.some((s: {stage: string}) => s.stage === 'second-hop')).toBe(true);
	});

	test('--export-dsc and --export-ansible hand every host over: one merged list, the server role per host', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-handover-'));
		const [dsc, playbook] = [join(dir, 'fleet.ps1'), join(dir, 'fleet.yml')];
		const hosts = 'hv05.contoso.com,hv09.contoso.com,hv13.contoso.com';
		const fix = json(
			['--lab', 'fleet', '--hop1', hosts, '--yes', '--steps', 'client,server'],
			dir,
			['--export-dsc', dsc, '--export-ansible', playbook],
		);
		expect(fix.code).toBe(0);
		const configuration = readFileSync(dsc, 'utf8');
		// The list as it was, then hv09's and hv13's entries appended, once, in order.
		const values = [...configuration.matchAll(/ValueData {2}= @\('(wsman\/[^']+)'\)/g)].map(
			(m) => m[1],
		);
		expect(values.slice(0, 11)).toEqual([
			'wsman/sql01.contoso.com',
			...['01', '02', '03', '04', '05', '06', '07', '08'].map((n) => `wsman/hv${n}.contoso.com`),
			'wsman/hv09.contoso.com',
			'wsman/hv13.contoso.com',
		]);
		// The server role on the hosts that got it; hv09 needed only its entry here.
		expect(configuration).toContain("Node 'hv05.contoso.com'");
		expect(configuration).toContain("Node 'hv13.contoso.com'");
		expect(configuration).not.toContain("Node 'hv09.contoso.com'");
		const plays = [...readFileSync(playbook, 'utf8').matchAll(/^- name: "(.+)"$/gm)].map(
			(m) => m[1],
		);
		expect(plays).toEqual([
			'doublehop: client ADMIN-WS',
			'doublehop: first hop hv05.contoso.com',
			'doublehop: first hop hv13.contoso.com',
			'doublehop undo: client ADMIN-WS',
			'doublehop undo: first hop hv05.contoso.com',
			'doublehop undo: first hop hv13.contoso.com',
		]);
		const ansible = spawnSync('sh', ['-c', 'command -v ansible-playbook'], {
			encoding: 'utf8',
		}).stdout.trim();
		if (ansible !== '') {
			const check = spawnSync(ansible, ['--syntax-check', playbook], {
				encoding: 'utf8',
				timeout: 120_000,
			});
			expect(check.status, check.stderr + check.stdout).toBe(0);
		}
	});

	test('a verify that answers False with CredSSP is not "works": each such host still fails quietly, exit 2', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-quiet-'));
		const {code, report} = json(['--lab', 'fleet-share', '--yes', '--steps', 'client,server'], dir);
		expect(code).toBe(2);
		expect(report.verdict).toBe('failed');
		expect(report.headline).toBe('3 first hops: 3 still failing quietly');
		for (const host of report.hosts) {
			expect(host.result).toBe('failed');
			expect(host.quietAnswer).toBe('False');
			expect(host.outcome).toBe(
				'still failing quietly: Test-Path \\\\fs01\\share answers False with -Authentication CredSSP: check that \\\\fs01\\share exists and that CONTOSO\\admin may open it',
			);
			expect(host.detail).toContain(
				`To see the real error: Invoke-Command -ComputerName ${host.host} -Credential $cred -ScriptBlock { Get-ChildItem '\\\\fs01\\share' } (Get-ChildItem says "Access is denied" where Test-Path said False).`,
			);
		}
		// The changes were made (and can be taken back): the credential reaches fs01 now.
		const lab = labState(dir, 'fleet-share');
		expect(lab.machines.web02!.credssp.server).toBe(true);
		expect(lab.machines['admin-ws']!.allowFreshCredentials).toContain('wsman/web03.contoso.com');
		expect(report.nextSteps).toContain(
			'Your credentials now reach fs01.contoso.com through web01.contoso.com, web02.contoso.com, web03.contoso.com, and the command still answers False there: check that \\\\fs01\\share exists and that CONTOSO\\admin may open it.',
		);
	});

	test('an earlier run killed part-way is resumed, never undone on its own: the survey finds its change, nothing is redone', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-resume-'));
		const hosts = 'hv05.contoso.com,hv13.contoso.com';
		const first = json(['--lab', 'fleet', '--hop1', hosts, '--yes', '--steps', 'client'], dir);
		expect(first.report.changes.map((c: {fleetHost: string}) => c.fleetHost)).toEqual([
			'hv13.contoso.com',
		]);
		// Killed after its change: the journal has no end for that run.
		const journal = join(dir, 'journal', 'lab-fleet.jsonl');
		const lines = readFileSync(journal, 'utf8').trimEnd().split('\n');
		writeFileSync(
			journal,
			`${lines.filter((line) => !line.includes('"run-finished"')).join('\n')}\n`,
		);
		const {code, report} = json(
			['--lab', 'fleet', '--hop1', hosts, '--yes', '--steps', 'client,server'],
			dir,
		);
		expect(code).toBe(0);
		expect(report.details).toEqual([
			expect.stringMatching(
				/^Resumed a run started \d{4}-\d\d-\d\d \d\d:\d\d \(UTC[+-]\d\d:\d\d\) that stopped part-way after 1 change: every host was read again, and what was in place was not redone\.$/,
			),
		]);
		const transcript = fold(readFileSync(report.records.transcript, 'utf8'));
		expect(transcript).toMatch(
			/A run started \d{4}-\d\d-\d\d \d\d:\d\d \(UTC[+-]\d\d:\d\d\) stopped part-way after these changes:/,
		);
		expect(transcript).toContain(
			'hv13.contoso.com (1 change): delegation entry on ADMIN-WS (this machine)',
		);
		expect(transcript).toContain('You chose resume: each step checks what is already in place.');
		// hv13's entry is in place: only the server roles are changed, and the list holds it once.
		expect(report.hosts[1]).toMatchObject({state: 'needs-server', result: 'fixed'});
		expect(report.changes.map((c: {stage: string}) => c.stage)).toEqual(['server', 'server']);
		const list = labState(dir).machines['admin-ws']!.allowFreshCredentials;
		expect(list.filter((entry) => entry === 'wsman/hv13.contoso.com')).toHaveLength(1);
	});

	test('--method rbkcd, jea, runas or using-cred with many first hops is refused before anything runs, exit 2', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-method-'));
		const hosts = 'hv05.contoso.com,hv13.contoso.com';
		for (const method of ['rbkcd', 'jea', 'runas', 'using-cred']) {
			// Through the guided path and --json, with the list given and with the lab's own list.
			for (const args of [
				['--lab', 'fleet', '--hop1', hosts, '--method', method],
				['--lab', 'fleet', '--method', method],
				['--json', '--password-stdin', '--lab', 'fleet', '--hop1', hosts, '--method', method],
			]) {
				const asJson = args[0] === '--json';
				const result = asJson
					? runJsonDocument(args, {stateDir: dir})
					: {...doublehop(args, dir), report: undefined};
				expect(result.code, `${args.join(' ')}: ${result.stdout}${result.stderr}`).toBe(2);
				const said = asJson ? result.report.headline : result.stderr;
				expect(fold(said)).toContain(
					`--method ${method} is set up on one first hop at a time: give one --hop1 per run (doublehop --hop1 <name> --method ${method}), or leave --method out to fix every host with CredSSP.`,
				);
			}
		}
		// Nothing ran: no change journalled, every machine as the scenario has it.
		const journal = join(dir, 'journal', 'lab-fleet.jsonl');
		expect(existsSync(journal) ? readFileSync(journal, 'utf8') : '').toBe('');
		const lab = JSON.parse(
			readFileSync(join(root, 'source/hosts/lab/scenarios/fleet.json'), 'utf8'),
		);
		expect(labState(dir).machines).toEqual(lab.machines);
	});

	test('--dry-run: every host planned, nothing changed or journalled, exit 1', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-dry-'));
		const {code, report} = json(
			['--lab', 'fleet', '--hop1', 'hv05.contoso.com,hv13.contoso.com', '--dry-run'],
			dir,
			['--yes', '--steps', 'client,server'],
		);
		expect(code).toBe(1);
		expect(report.hosts.map((h: Host) => h.result)).toEqual(['planned', 'planned']);
		expect(report.changes.every((c: {dryRun?: boolean}) => c.dryRun === true)).toBe(true);
		expect(existsSync(join(dir, 'journal'))).toBe(false);
		const lab = JSON.parse(
			readFileSync(join(root, 'source/hosts/lab/scenarios/fleet.json'), 'utf8'),
		);
		const after = existsSync(join(dir, 'lab', 'fleet.json')) ? labState(dir) : lab;
		expect(after.machines.hv13.credssp.server).toBe(false);
		expect(after.machines['admin-ws'].allowFreshCredentials).toEqual(
			lab.machines['admin-ws'].allowFreshCredentials,
		);
	});
});

describe('undo after many first hops puts the delegation policy back as it was', () => {
	test('"Concatenate OS defaults" unchecked: kept on while another host\'s entry remains, back off with the last', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-switches-'));
		const scenario = JSON.parse(
			readFileSync(join(root, 'source/hosts/lab/scenarios/fleet.json'), 'utf8'),
		);
		// The admin's own local policy: Enabled, without the OS defaults (TERMSRV/*).
		scenario.machines['admin-ws'].allowFreshSwitches = {allowFresh: 1, concatenateDefaults: 0};
		const file = join(dir, 'fleet-no-defaults.json');
		writeFileSync(file, JSON.stringify({...scenario, name: 'fleet-no-defaults'}));
		const client = () =>
			(
				JSON.parse(
					readFileSync(join(dir, 'lab', `${labFileName(realpathSync(file))}.json`), 'utf8'),
				) as {machines: Record<string, unknown>}
			).machines['admin-ws'] as {
				allowFreshCredentials: string[];
				allowFreshSwitches?: {allowFresh: number | null; concatenateDefaults: number | null};
			};
		// Absent in the lab's file: as Enable-WSManCredSSP leaves them (both 1 beside a list).
		const switches = () =>
			client().allowFreshSwitches ??
			(client().allowFreshCredentials.length > 0
				? {allowFresh: 1, concatenateDefaults: 1}
				: {allowFresh: null, concatenateDefaults: null});
		const hosts = 'hv13.contoso.com,hv14.contoso.com';
		const fix = json(['--lab', file, '--hop1', hosts, '--yes', '--steps', 'client,server'], dir);
		expect(fix.report.verdict).toBe('fixed');
		// Enable-WSManCredSSP set both switches to 1.
		expect(switches()).toEqual({allowFresh: 1, concatenateDefaults: 1});

		json(['undo', '--lab', file, '--hop1', 'hv13.contoso.com', '--yes'], dir);
		// hv14's entry is still there, and so is the policy it was added under.
		expect(client().allowFreshCredentials).toContain('wsman/hv14.contoso.com');
		expect(switches()).toEqual({allowFresh: 1, concatenateDefaults: 1});

		json(['undo', '--lab', file, '--yes'], dir);
		expect(client()).toEqual(scenario.machines['admin-ws']);
	});
});

// PowerShell hands an unquoted a,b to npm's doublehop.ps1 as an array, which the shim's $args
// passes on as two arguments (checked under pwsh 7: ["--hop1","a b"] in Standard and Legacy).
describe('a list of first hops as PowerShell passes it', () => {
	test('the command for the hosts left out quotes its list', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-quote-'));
		const {report} = json(['--lab', 'fleet'], dir, ['--hop1', 'hv05,hv09']);
		expect(report.nextSteps).toContain(
			"To fix the hosts left out: doublehop --lab fleet --json --password-stdin --hop1 'hv05,hv09' --yes --steps client,server",
		);
	});

	test('a host name where a command was expected is said to need the list quoted, exit 2', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-split-'));
		const result = doublehop(['--lab', 'fleet', '--hop1', 'hv05', 'hv09'], dir);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(
			'doublehop: unknown command "hv09". If it is more first hops, quote the list: --hop1 \'hv05,hv09\' (PowerShell passes an unquoted hv05,hv09 to doublehop as separate arguments).\n',
		);
		// undo took only hv13 before, and dropped hv14 without a word.
		const undo = doublehop(['undo', '--lab', 'fleet', '--hop1', 'hv13', 'hv14'], dir);
		expect(undo.code).toBe(2);
		expect(undo.stderr).toContain("quote the list: --hop1 'hv13,hv14'");
	});
});

/** The words of a command as a PowerShell prompt reads them: bare, or single-quoted ('' is '). */
const words = (command: string) =>
	[...command.matchAll(/'((?:[^']|'')*)'|(\S+)/g)].map(
		(match) => match[1]?.replaceAll("''", "'") ?? match[2]!,
	);

describe('the next step for the hosts left out, as a CI job runs it', () => {
	test("it names this run's flags and every step the hosts need, and run as written it fixes them in the same lab file", () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-rerun-'));
		const file = join(dir, 'kept here.json');
		const hosts =
			'hv01.contoso.com,hv05.contoso.com,hv09.contoso.com,hv13.contoso.com,hv19.contoso.com';
		const first = json(
			['--lab', 'fleet', '--lab-state', file, '--lab-reset', '--hop1', hosts],
			dir,
			[
				'--hop2',
				'hvlib.contoso.com',
				'--user',
				'CONTOSO\\admin',
				'--command',
				"Get-VM -ComputerName 'hvlib.contoso.com'",
				'--connect-timeout',
				'90',
				'--wait',
				'5',
			],
		);
		expect(first.code).toBe(2);
		const step = (first.report.nextSteps as string[]).find((line) =>
			line.startsWith('To fix the hosts left out: '),
		)!;
		// Before: "doublehop --hop1 '...'", which a CI job would run against real machines.
		expect(step).toBe(
			`To fix the hosts left out: doublehop --lab fleet --lab-state '${file}' --connect-timeout 90 --hop2 hvlib.contoso.com --user 'CONTOSO\\admin' --command 'Get-VM -ComputerName ''hvlib.contoso.com''' --json --password-stdin --wait 5 --hop1 'hv05.contoso.com,hv09.contoso.com,hv13.contoso.com' --yes --steps client,server`,
		);
		const command = words(step.slice('To fix the hosts left out: '.length));
		expect(command[0]).toBe('doublehop');
		const again = runJsonDocument(command.slice(1), {stateDir: dir});
		const {report} = again;
		expect(again.code).toBe(0);
		expect(report.verdict).toBe('fixed');
		// The same second hop, account and command: only the list of first hops is new.
		expect(report.targets).toEqual({
			...first.report.targets,
			hop1: 'hv05.contoso.com,hv09.contoso.com,hv13.contoso.com',
		});
		expect(report.hosts.map((h: Host) => [h.host, h.result])).toEqual([
			['hv05.contoso.com', 'fixed'],
			['hv09.contoso.com', 'fixed'],
			['hv13.contoso.com', 'fixed'],
		]);
		// In the lab file the first run used (not the lab's default file): hv13 got both changes.
		const lab = JSON.parse(readFileSync(file, 'utf8')) as ReturnType<typeof labState>;
		expect(lab.machines.hv13!.credssp.server).toBe(true);
		expect(lab.machines['admin-ws']!.allowFreshCredentials).toEqual(
			expect.arrayContaining(['wsman/hv09.contoso.com', 'wsman/hv13.contoso.com']),
		);
		expect(existsSync(join(dir, 'lab', 'fleet.json'))).toBe(false);
	});

	test('a host that needs both changes is said to wait for both steps, not only client', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-both-'));
		const {report} = json(['--lab', 'fleet', '--hop1', 'hv05.contoso.com,hv13.contoso.com'], dir);
		expect(report.hosts.map((h: Host & {outcome: string}) => h.outcome)).toEqual([
			'not made without --yes --steps server: the CredSSP server role',
			"not made without --yes --steps client,server: this machine's delegation list and the CredSSP server role",
		]);
	});

	test('with --yes --steps client only, the hosts still needing their server role are sent back with --steps server', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-server-'));
		const {report} = json(
			['--lab', 'fleet', '--hop1', 'hv05.contoso.com,hv09.contoso.com,hv13.contoso.com'],
			dir,
			['--yes', '--steps', 'client'],
		);
		expect(report.hosts.map((h: Host) => h.result)).toEqual(['left-out', 'fixed', 'left-out']);
		expect(report.nextSteps).toContain(
			"To fix the hosts left out: doublehop --lab fleet --json --password-stdin --hop1 'hv05.contoso.com,hv13.contoso.com' --yes --steps server",
		);
	});

	test('--hop2 naming one of the first hops: refused before anything runs, exit 2, no machine changed', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-hop2-'));
		const {code, report} = json(
			['--lab', 'fleet', '--hop1', 'hv05.contoso.com,hv13.contoso.com', '--hop2', 'HV05'],
			dir,
			['--yes', '--steps', 'client,server'],
		);
		expect(code).toBe(2);
		expect(report.headline).toBe(
			'--hop2 HV05 is one of the first hops (hv05.contoso.com): a command run on hv05.contoso.com that reaches hv05.contoso.com never makes a second hop. Leave hv05.contoso.com out of --hop1, or name the computer the command reaches.',
		);
		const scenario = JSON.parse(
			readFileSync(join(root, 'source/hosts/lab/scenarios/fleet.json'), 'utf8'),
		);
		expect(labState(dir).machines).toEqual(scenario.machines);
	});

	test('a dry run sends the hosts left out back as a dry run: following it changes nothing', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-dry-rerun-'));
		const hosts = 'hv05.contoso.com,hv13.contoso.com';
		const {report} = json(['--lab', 'fleet', '--hop1', hosts, '--dry-run'], dir);
		const step = (report.nextSteps as string[]).find((line) => line.includes(' --hop1 '))!;
		expect(step).toBe(
			"To plan the hosts left out too (still a dry run: nothing is changed): doublehop --lab fleet --json --password-stdin --dry-run --hop1 'hv05.contoso.com,hv13.contoso.com' --yes --steps client,server",
		);
		const again = runJsonDocument(words(step.slice(step.indexOf('doublehop '))).slice(1), {
			stateDir: dir,
		});
		expect(again.report.hosts.map((h: Host) => h.result)).toEqual(['planned', 'planned']);
		expect(existsSync(join(dir, 'journal'))).toBe(false);
	});

	test('a dry run offers no undo (nothing was made) but the run that makes what it planned, which run as written fixes those hosts', () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-dry-apply-'));
		const hosts = 'hv05.contoso.com,hv13.contoso.com';
		const {report} = json(['--lab', 'fleet', '--hop1', hosts, '--dry-run'], dir, [
			'--yes',
			'--steps',
			'client,server',
		]);
		const steps = report.nextSteps as string[];
		expect(steps.join(' ')).not.toContain('undo');
		expect(steps).toEqual([
			"To make the changes planned, run it again without --dry-run: doublehop --lab fleet --json --password-stdin --hop1 'hv05.contoso.com,hv13.contoso.com' --yes --steps client,server",
		]);
		const step = steps[0]!;
		const made = runJsonDocument(words(step.slice(step.indexOf('doublehop '))).slice(1), {
			stateDir: dir,
		});
		expect(made.code).toBe(0);
		expect(made.report.hosts.map((h: Host) => h.result)).toEqual(['fixed', 'fixed']);
		expect(labState(dir).machines.hv13!.credssp.server).toBe(true);
	});
});
