// Many first hops in one run, driven by keystrokes on the fleet lab: one table, one question per
// kind of change, hosts left out by number, each host's result, and the lab state after.
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Ajv2020} from 'ajv/dist/2020.js';
import {afterEach, describe, expect, test} from 'vitest';
import {fold, labPassword, scenario} from '../helpers/session.js';
import {machine, pause, startFleet} from '../helpers/fleet-session.js';
import {openChanges, readJournalLines} from '../../source/report/journal.js';
import {fleetJsonReport} from '../../source/report/fleet-report.js';

const schema = JSON.parse(
	readFileSync(join(import.meta.dirname, '../../source/report/result.schema.json'), 'utf8'),
);
const validate = new Ajv2020({allErrors: true}).compile(schema);

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

type FleetRun = Awaited<ReturnType<typeof startFleet>>;

/** Answers up to the server role question, then presses Ctrl+C there: the end, and the screen. */
async function ctrlCAtServerQuestion(run: FleetRun) {
	unmount = run.unmount;
	await run.answer('User name', '');
	await run.answer('Password for CONTOSO\\admin', labPassword);
	await run.answer('Add these 10 hosts', 'y');
	while (!fold(run.screen()).includes('Enable the CredSSP server role on these 10 hosts?'))
		await pause(10);
	run.type('\u0003');
	const end = await run.runner.finished;
	await pause(30);
	return {end, screen: fold(run.screen())};
}

describe('many first hops (--lab fleet)', () => {
	test('one table, one question per kind of change, a host left out by number stays unchanged', async () => {
		const run = await startFleet(mkdtempSync(join(tmpdir(), 'dh-fleet-')));
		unmount = run.unmount;
		await run.answer('User name', '');
		await run.answer('Password for CONTOSO\\admin', labPassword);
		// The table: one row per host with its state, cause and planned change.
		await run.answer('Add these 10 hosts to this machine', 's');
		const table = fold(run.screen());
		expect(table).toMatch(/# First hop State Cause Planned change/);
		expect(table).toMatch(/1 hv01\.contoso\.com already fixed listed, server role on none/);
		expect(table).toMatch(/5 hv05\.contoso\.com needs server server role off server role/);
		expect(table).toMatch(
			/9 hv09\.contoso\.com needs client not in the delegation list delegation entry/,
		);
		expect(table).toMatch(/13 hv13\.contoso\.com needs both/);
		expect(table).toMatch(/19 hv19\.contoso\.com blocked Group Policy owns the setting/);
		expect(table).toMatch(/23 hv23\.contoso\.com unreachable name not found none: check the host/);
		expect(table).toMatch(/22 hv22\.contoso\.com unreachable WinRM not listening/);
		expect(table).toMatch(/21 hv21\.contoso\.com unreachable no answer \(network, firewall\)/);
		// Leave out hv09 (by number) and hv14 (by short name); every wrong token is named, and the
		// answer stays in the field to mend (Backspace erases from its end).
		await run.answer('Leave out which hosts?', 'hv99, 0, 9, hv1O, ünï');
		await pause(50);
		expect(fold(run.screen())).toContain(
			'"hv99", "0", "hv1O", "ünï" are not among the hosts listed',
		);
		expect(fold(run.screen().trimEnd().split('\n').slice(-2).join(' '))).toMatch(
			/Enter: none\): hv99, 0, 9, hv1O, ünï_$/,
		);
		await run.answer('Leave out which hosts?', `${'\u007f'.repeat(21)}9 hv14`);
		await run.answer('Add these 8 hosts to this machine', 'y');
		// hv14 was left out of its delegation entry: not asked for its server role either.
		await run.answer('Enable the CredSSP server role on these 9 hosts?', 'y');
		const end = await run.runner.finished;
		await pause(30);
		const screen = fold(run.screen());
		expect(screen).toMatch(
			/9 hv09\.contoso\.com left out you left it out of this machine's delegation list/,
		);
		expect(screen).toMatch(/13 hv13\.contoso\.com FIXED/);
		expect(screen).toMatch(/1 hv01\.contoso\.com already fixed/);
		expect(screen).toContain(
			'Result: FAILED. 23 first hops: 12 fixed, 4 already working, 2 left out, 2 blocked, 3 unreachable',
		);
		expect(end.conclusion?.verdict).toBe('failed');
		// Each host not reached gets the check its own line under the table gives.
		expect(screen).toContain(
			'Next: The name was not found (its spelling, DNS): hv23.contoso.com. From here, for it: PS> Resolve-DnsName hv23.contoso.com',
		);
		expect(screen).toContain('PS> Test-NetConnection -ComputerName hv21.contoso.com -Port 5985');
		// Said once, as the command to paste: not also as "Check with: ..." at the end of the error.
		expect(screen).not.toContain('Check with: Test-NetConnection -ComputerName hv21');
		expect(screen).not.toContain('Test-WSMan -ComputerName hv21');
		expect(screen).toContain(
			"Next: Blocked (Group Policy owns the setting): hv19.contoso.com, hv20.contoso.com; what to do: each host's line under the table.",
		);

		const admin = machine(run.host, 'admin-ws');
		const lab = scenario('fleet');
		// One merged write: the entries already there kept in order, the chosen hosts appended.
		expect(
			admin.allowFreshCredentials.slice(0, lab.machines['admin-ws']!.allowFreshCredentials.length),
		).toEqual(lab.machines['admin-ws']!.allowFreshCredentials);
		expect(admin.allowFreshCredentials).toContain('wsman/hv13.contoso.com');
		expect(admin.allowFreshCredentials).not.toContain('wsman/hv09.contoso.com');
		expect(admin.allowFreshCredentials).not.toContain('wsman/hv14.contoso.com');
		// Hosts left out, blocked or not reached are exactly as the scenario has them.
		for (const key of ['hv09', 'hv14', 'hv19', 'hv20', 'hv21', 'hv22'])
			expect(machine(run.host, key)).toEqual(lab.machines[key]);
		expect(machine(run.host, 'hv13').credssp.server).toBe(true);
		expect(machine(run.host, 'hv05').credssp.server).toBe(true);
		// Each host's change on its own: one record per host, and this machine's list per host.
		const hv13 = end.changes.filter((change) => change.fleetHost === 'hv13.contoso.com');
		expect(hv13.map((change) => change.stage).sort()).toEqual(['client', 'server']);
	});

	test('a wrong password is tried on one host and asked again: the 20 reachable hosts never all get it, and the account is not locked out', async () => {
		// The fleet lab's domain locks CONTOSO\\admin after 10 wrong passwords in a row, wherever sent.
		const run = await startFleet(mkdtempSync(join(tmpdir(), 'dh-fleet-pw-')));
		unmount = run.unmount;
		await run.answer('User name', '');
		// An empty password is not sent at all.
		await run.answer('Password for CONTOSO\\admin', '');
		await pause(50);
		expect(fold(run.screen())).toContain('Enter the password (it is not shown as you type).');
		await run.answer('Password for CONTOSO\\admin', 'wrong');
		await pause(100);
		expect(fold(run.screen())).toContain(
			'The user name or password is incorrect: hv01.contoso.com refused it (attempt 1 of 3)',
		);
		await run.answer('Password for CONTOSO\\admin', 'wrong again');
		await pause(100);
		expect(fold(run.screen())).toContain('hv01.contoso.com refused it (attempt 2 of 3)');
		expect(run.host.snapshot().accounts[0]?.badPasswords).toBe(2);
		await run.answer('Password for CONTOSO\\admin', labPassword);
		await run.answer('Add these 10 hosts', 'n');
		await run.answer('Enable the CredSSP server role on these 4 hosts?', 'n');
		const end = await run.runner.finished;
		expect(end.conclusion?.verdict).toBe('failed');
		expect(end.hosts.filter((row) => row.result === 'left-out')).toHaveLength(14);
		expect(end.changes).toEqual([]);
		expect(run.host.snapshot().accounts[0]?.lockedOut).toBeUndefined();
	});

	test('three wrong passwords: the run stops, the other hosts are never sent it, and the account is not locked out', async () => {
		const run = await startFleet(mkdtempSync(join(tmpdir(), 'dh-fleet-pw3-')));
		unmount = run.unmount;
		await run.answer('User name', '');
		for (const attempt of ['one', 'two', 'three']) {
			await run.answer('Password for CONTOSO\\admin', attempt);
			await pause(100);
		}
		const end = await run.runner.finished;
		expect(end.conclusion?.verdict).toBe('failed');
		expect(end.conclusion?.headline).toBe('The password was refused');
		expect(fold(end.conclusion?.details.join(' ') ?? '')).toBe(
			'hv01.contoso.com refused the password for CONTOSO\\admin 3 times. The other 22 hosts were not sent it, so this run added no failed logons there.',
		);
		const account = run.host.snapshot().accounts[0];
		expect(account?.badPasswords).toBe(3);
		expect(account?.lockedOut).toBeUndefined();
		// The table says which host refused it and that the others were not tried (before: every
		// row "FAILED  not read yet").
		const table = end.hosts.map((row) => `${row.name}: ${row.outcome}`);
		expect(table[0]).toBe('hv01.contoso.com: refused the password');
		expect(table.slice(1).every((line) => line.endsWith(': not tried'))).toBe(true);
		expect(run.screen()).not.toContain('not read yet');
	});

	test('Ctrl+C while the server role is being enabled: each of those changes is journalled as maybe made', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'dh-fleet-int-'));
		const run = await startFleet(dir, true);
		unmount = run.unmount;
		await run.answer('User name', '');
		await run.answer('Password for CONTOSO\\admin', labPassword);
		await run.answer('Add these 10 hosts', 'n');
		await run.answer('Enable the CredSSP server role on these 4 hosts?', 'y');
		await pause(100);
		run.type('\u0003');
		const end = await run.runner.finished;
		expect(end.conclusion?.verdict).toBe('interrupted');
		expect(fold(end.conclusion?.details.join(' ') ?? '')).toContain(
			'4 changes were running when you interrupted (hv05.contoso.com, hv06.contoso.com, hv07.contoso.com, hv08.contoso.com): each may or may not have been made.',
		);
		const earlier = openChanges(readJournalLines(run.journal).events);
		expect(earlier?.changes.map((change) => change.fleetHost)).toEqual([
			'hv05.contoso.com',
			'hv06.contoso.com',
			'hv07.contoso.com',
			'hv08.contoso.com',
		]);
		expect(earlier?.maybeMade).toHaveLength(4);
	});

	test('Ctrl+C at the server question: each host says how far it got (read, change not made), not "left out", and the result is said once', async () => {
		const run = await startFleet(mkdtempSync(join(tmpdir(), 'dh-fleet-stop-')));
		const {end, screen} = await ctrlCAtServerQuestion(run);
		// Before: every one of them "left out" (none was), and "Result: INTERRUPTED. Interrupted".
		expect(screen).not.toMatch(/left out/);
		// Read, and its change never asked: not the words of a host nothing answered on.
		expect(screen).toMatch(
			/5 hv05\.contoso\.com interrupted server role not made: the run stopped first/,
		);
		expect(screen).toMatch(/9 hv09\.contoso\.com interrupted delegation entry made, not verified/);
		expect(screen).toMatch(/13 hv13\.contoso\.com interrupted delegation entry made, not verified/);
		expect(screen).toContain(
			'Result: INTERRUPTED. 23 first hops: 4 already working, 14 interrupted, 2 blocked, 3 unreachable',
		);
		expect(end.hosts.filter((row) => row.result === 'interrupted')).toHaveLength(14);
		// The --json document of the same end is valid against the published schema.
		const report = fleetJsonReport(end, {version: '0', host: 'lab', exitCode: 130});
		expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
		expect(report.fleet).toMatchObject({interrupted: 14, 'left-out': 0});
	});

	test('Ctrl+C in a dry run: nothing is said made, and no undo is offered', async () => {
		const run = await startFleet(
			mkdtempSync(join(tmpdir(), 'dh-fleet-dry-stop-')),
			false,
			undefined,
			'fleet',
			undefined,
			true,
		);
		const {screen} = await ctrlCAtServerQuestion(run);
		// Before: "10 changes were made; doublehop undo --lab fleet takes them back."
		expect(screen).toContain('Nothing was changed (dry run: 10 changes planned).');
		expect(screen).toMatch(
			/13 hv13\.contoso\.com interrupted delegation entry planned, not made \(dry run\)/,
		);
		expect(screen).not.toContain('doublehop undo');
		expect(screen).not.toMatch(/made, not verified/);
	});

	test('the server role for the one host left after the others are left out is worded for one host', async () => {
		const run = await startFleet(mkdtempSync(join(tmpdir(), 'dh-fleet-one-')));
		unmount = run.unmount;
		await run.answer('User name', '');
		await run.answer('Password for CONTOSO\\admin', labPassword);
		await run.answer('Add these 10 hosts', 'n');
		await run.answer('Enable the CredSSP server role on these 4 hosts?', 's');
		await run.answer('Leave out which hosts?', '5 6 7');
		await run.answer('Enable the CredSSP server role on this host?', 'n');
		await run.runner.finished;
		await pause(30);
		const asked = fold(run.screen()).split('Left out of')[1] ?? '';
		// Before: "On each of 1 host", "one PowerShell fans out to all of them", "Undo, per host".
		expect(asked).toContain(
			'On this host: the CredSSP server role (it lets the host accept your delegated credential): 8 hv08.contoso.com Will run: PS>',
		);
		expect(asked).toContain('Undo: PS> Disable-WSManCredSSP -Role Server');
		expect(asked).not.toMatch(/each of 1 host|fans out|per host/);
	});

	test('a host whose change fails does not stop the others; only its own change is missing', async () => {
		const run = await startFleet(
			mkdtempSync(join(tmpdir(), 'dh-fleet-fail-')),
			false,
			'hv06.contoso.com',
		);
		unmount = run.unmount;
		await run.answer('User name', '');
		await run.answer('Password for CONTOSO\\admin', labPassword);
		await run.answer('Add these 10 hosts', 'n');
		await run.answer('Enable the CredSSP server role on these 4 hosts?', 'y');
		const end = await run.runner.finished;
		const result = (name: string) => end.hosts.find((row) => row.name === name);
		expect(result('hv05.contoso.com')?.result).toBe('fixed');
		expect(result('hv07.contoso.com')?.result).toBe('fixed');
		expect(result('hv06.contoso.com')).toMatchObject({
			result: 'failed',
			outcome: 'server role not enabled: Access is denied.',
		});
		expect(fold(run.screen())).toContain('Enabled the CredSSP server role on 3 of 4 hosts.');
		expect(machine(run.host, 'hv06').credssp.server).toBe(false);
		expect(machine(run.host, 'hv08').credssp.server).toBe(true);
		expect(end.changes.map((change) => change.fleetHost)).toEqual([
			'hv05.contoso.com',
			'hv07.contoso.com',
			'hv08.contoso.com',
		]);
	});

	test('a share that still answers False with CredSSP: each host FAILED, quietly, with how to see the real error', async () => {
		const run = await startFleet(
			mkdtempSync(join(tmpdir(), 'dh-fleet-quiet-')),
			false,
			undefined,
			'fleet-share',
		);
		unmount = run.unmount;
		await run.answer('User name', '');
		await run.answer('Password for CONTOSO\\admin', labPassword);
		await run.answer("Add this host to this machine's delegation list?", 'y');
		await run.answer('Enable the CredSSP server role on these 2 hosts?', 'y');
		const end = await run.runner.finished;
		await pause(30);
		const screen = fold(run.screen());
		for (const [number, name] of [
			[1, 'web01.contoso.com'],
			[2, 'web02.contoso.com'],
			[3, 'web03.contoso.com'],
		] as const) {
			expect(screen).toContain(
				`${number} ${name} FAILED still failing quietly: Test-Path \\\\fs01\\share answers False with -Authentication CredSSP: check that \\\\fs01\\share exists and that CONTOSO\\admin may open it`,
			);
			expect(screen).toContain(`${number} ${name}: Still False with -Authentication CredSSP.`);
		}
		expect(screen).toContain('Get-ChildItem says "Access is denied" where Test-Path said False');
		expect(screen).toContain('Result: FAILED. 3 first hops: 3 still failing quietly');
		expect(screen).not.toContain('FIXED');
		expect(end.conclusion?.verdict).toBe('failed');
		// The changes were made: the credential reaches fs01 now, and its share refuses it there.
		expect(machine(run.host, 'web02').credssp.server).toBe(true);
		expect(machine(run.host, 'web03').credssp.server).toBe(true);
		expect(machine(run.host, 'admin-ws').allowFreshCredentials).toContain(
			'wsman/web03.contoso.com',
		);
	});

	test('a verify that prints nothing is taken as one host takes it: working, with how to be sure no error was silenced', async () => {
		const run = await startFleet(mkdtempSync(join(tmpdir(), 'dh-fleet-nothing-')));
		unmount = run.unmount;
		// hv01 has no VMs to list: Get-VM with CredSSP prints nothing, and no error.
		const runOnFirstHop = run.host.runOnFirstHop.bind(run.host);
		run.host.runOnFirstHop = async (hop1, ...rest) =>
			hop1 === 'hv01.contoso.com' ? {ok: true, value: {output: ''}} : runOnFirstHop(hop1, ...rest);
		await run.answer('User name', '');
		await run.answer('Password for CONTOSO\\admin', labPassword);
		await run.answer('Add these 10 hosts', 'n');
		await run.answer('Enable the CredSSP server role on these 4 hosts?', 'n');
		const end = await run.runner.finished;
		await pause(30);
		const hv01 = end.hosts.find((row) => row.name === 'hv01.contoso.com');
		expect(hv01?.result).toBe('already-fixed');
		expect(fold(run.screen())).toContain(
			'1 hv01.contoso.com already fixed Get-VM -ComputerName hvlib.contoso.com works with -Authentication CredSSP; it printed nothing and no error: with nothing to list that is expected; to be sure no error was silenced, run it with -ErrorAction Stop',
		);
	});
});

describe('the end of a run over many first hops', () => {
	test("names the transcript, as one host's summary does, and the transcript file is there", async () => {
		const run = await startFleet(mkdtempSync(join(tmpdir(), 'dh-fleet-records-')));
		unmount = run.unmount;
		await run.answer('User name', '');
		await run.answer('Password for CONTOSO\\admin', labPassword);
		await run.answer('Add these 10 hosts', 'y');
		await run.answer('Enable the CredSSP server role on these 10 hosts?', 'y');
		await run.runner.finished;
		await pause(30);
		const transcript = run.setup.initial.records.transcript!;
		expect(fold(run.screen())).toContain(`Transcript: ${transcript}`);
		expect(readFileSync(transcript, 'utf8')).toContain('hv13.contoso.com');
	});
});
