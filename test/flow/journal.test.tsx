// A run stopped at any point (a kill leaves no chance to clean up) is found by the next start,
// which offers to resume or undo; undo puts the lab back exactly as the scenario had it.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {labStateFile} from '../../source/cli/paths.js';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import {
	acceptEveryChange,
	enterTargets,
	scenario,
	type Session,
	startCliSession,
} from '../helpers/session.js';

let session: Session | undefined;
afterEach(() => session?.unmount());

const freshStateDir = () => mkdtempSync(join(tmpdir(), 'doublehop-journal-'));

type KillPoint = 'at the server question' | 'at the listener question' | 'after the fix';

/** Runs the fix on `name` and abandons it at `point`, as SIGKILL would: no cleanup at all. */
async function runUntil(name: string, stateDir: string, point: KillPoint): Promise<void> {
	session = await startCliSession(name, stateDir);
	await enterTargets(session);
	await session.answer('Which method?', 'c');
	await session.answer('Continue with CredSSP', 'y');
	const hasClientStep = name !== 'already-working';
	if (hasClientStep) await session.answer('Make this change on ADMIN-WS', 'y');
	if (point === 'at the server question') {
		await session.waitFor(/Make this change on hyperv1|Create an HTTPS listener/);
	} else {
		if (name !== 'server-enabled') await session.answer('Make this change on hyperv1', 'y');
		if (point === 'at the listener question')
			await session.waitFor(/Create an HTTPS listener|Result:/);
		else {
			if (name === 'classic' || name === 'existing-delegation' || name === 'server-enabled') {
				await session.answer('Create an HTTPS listener', 'y');
			}
			await session.finished();
		}
	}
	session.unmount();
	session = undefined;
}

async function undoAll(
	name: string,
	stateDir: string,
	via: 'offer' | 'command',
	useSsl?: true,
): Promise<Session> {
	const next = await startCliSession(
		name,
		stateDir,
		via === 'command' ? {mode: 'undo', ...(useSsl ? {useSsl} : {})} : {},
	);
	session = next;
	if (via === 'offer') {
		await next.answer('Resume or undo? [r/u]', 'u');
	}
	// Hop 1 changes need the account again; client-only undo asks nothing but the confirmations.
	for (;;) {
		await next.waitFor(/(User name|Password for|Undo this change on .*\? \[y\/N\])[^\n]*$|Result:/);
		const last = next.screen().trimEnd().split('\n').at(-1) ?? '';
		if (next.screen().includes('Result:')) break;
		if (last.includes('User name')) await next.answer('User name', '');
		else if (last.includes('Password for')) await next.answer('Password for', 'Passw0rd!');
		else if (last.includes('Undo this change')) await next.answer('Undo this change', 'y');
		else break;
	}
	await next.finished();
	return next;
}

const changingScenarios = ['classic', 'existing-delegation', 'server-enabled', 'self-signed'];
const points: KillPoint[] = ['at the server question', 'at the listener question'];

describe('a run killed part-way', () => {
	for (const name of changingScenarios) {
		// self-signed has no listener question: without a usable certificate the run goes on to verify.
		for (const point of name === 'self-signed' ? points.slice(0, 1) : points) {
			test(`${name}, killed ${point}: the next start offers undo, which restores the scenario exactly`, async () => {
				const stateDir = freshStateDir();
				await runUntil(name, stateDir, point);
				const next = await undoAll(name, stateDir, 'offer');
				expect(next.flat()).toContain('stopped part-way after these changes');
				expect(next.flat()).toMatch(/Result: UNDONE\. \d changes? taken back/);
				expect(next.host.snapshot().machines).toEqual(scenario(name).machines);
				next.unmount();
				// Undone for good: the start after that offers nothing.
				session = await startCliSession(name, stateDir);
				await session.waitFor('First hop');
				expect(session.flat()).not.toContain('Resume or undo');
			});
		}
	}

	test('killed while a change was running: it counts as made, and undo is still exact', async () => {
		const stateDir = freshStateDir();
		session = await startCliSession('classic', stateDir);
		// The server change never answers, as if the process died while hyperv1 was working on it.
		session.host.enableServerCredSsp = () => new Promise(() => {});
		await enterTargets(session);
		await session.answer('Which method?', 'c');
		await session.answer('Continue with CredSSP', 'y');
		await session.answer('Make this change on ADMIN-WS', 'y');
		await session.answer('Make this change on hyperv1', 'y');
		await session.waitFor('Waiting for hyperv1.contoso.com');
		session.unmount();
		session = undefined;
		const next = await undoAll('classic', stateDir, 'offer');
		expect(next.flat()).toContain('hyperv1.contoso.com: WinRM service CredSSP: off -> on');
		expect(next.host.snapshot().machines).toEqual(scenario('classic').machines);
	});

	test('resume instead: the fix goes on and skips what is already done', async () => {
		const stateDir = freshStateDir();
		await runUntil('classic', stateDir, 'at the server question');
		session = await startCliSession('classic', stateDir);
		await session.answer('Resume or undo? [r/u]', 'r');
		await enterTargets(session);
		await session.answer('Which method?', 'c');
		await session.answer('Continue with CredSSP', 'y');
		await session.waitFor('Client side already done');
		await session.answer('Make this change on hyperv1', 'y');
		await session.answer('Create an HTTPS listener', 'n');
		await session.finished();
		expect(session.flat()).toContain('Result: FIXED.');
		expect(session.host.snapshot().machines['admin-ws']?.allowFreshCredentials).toEqual([
			'wsman/hyperv1.contoso.com',
		]);
	});
});

describe('resumed, then $using:cred', () => {
	test("the stopped run's client change is named as still in place, with the undo", async () => {
		const stateDir = freshStateDir();
		await runUntil('classic', stateDir, 'at the server question');
		const next = await startCliSession('classic', stateDir);
		session = next;
		await next.answer('Resume or undo? [r/u]', 'r');
		await enterTargets(next);
		await next.answer('Which method?', 'u');
		await next.answer('Run it on hyperv1', 'y');
		await next.finished();
		const screen = next.flat();
		// Before: "Nothing was changed on any machine, so there is nothing to undo.", while the
		// delegation entry and the client switch of the stopped run were still on.
		expect(screen).not.toContain('there is nothing to undo');
		expect(screen).toContain(
			'$using:cred changed nothing; what an earlier run changed is still in place',
		);
		expect(screen).toContain('To take back what doublehop changed that is still in place');
		expect(next.host.snapshot().machines).not.toEqual(scenario('classic').machines);
	});
});

describe('a run killed before any change, on every scenario', () => {
	const allScenarios = [
		'classic',
		'existing-delegation',
		'server-enabled',
		'unreachable',
		'gpo-client',
		'self-signed',
		'already-working',
		'oracle-mismatch',
		'domain-delegation-gpo',
	];
	for (const name of allScenarios) {
		test(`${name}: the next start has nothing to offer and the lab is untouched`, async () => {
			const stateDir = freshStateDir();
			session = await startCliSession(name, stateDir);
			await enterTargets(session);
			// Killed at the first question after the targets, or wherever the run ended by itself.
			await session.waitFor(/\[y\/N\]|\[u\/j\/a\/c\]|Result:/);
			session.unmount();
			session = await startCliSession(name, stateDir);
			await session.waitFor('First hop');
			expect(session.flat()).not.toContain('Resume or undo');
			expect(session.host.snapshot().machines).toEqual(scenario(name).machines);
		});
	}
});

describe('doublehop undo after a finished fix', () => {
	for (const name of changingScenarios) {
		test(`${name}: undo takes back every change, newest first, and only those`, async () => {
			const stateDir = freshStateDir();
			await runUntil(name, stateDir, 'after the fix');
			const next = await undoAll(name, stateDir, 'command');
			expect(next.host.snapshot().machines).toEqual(scenario(name).machines);
			expect(next.flat()).toContain('Result: UNDONE.');
		});
	}

	test('the HTTPS listener removed behind its back: undo still removes the 5986 rule, ends UNDONE, and says the listener was already gone', async () => {
		const stateDir = freshStateDir();
		await runUntil('classic', stateDir, 'after the fix');
		// Someone removes the listener by hand; Remove-WSManInstance would now throw for it.
		const file = labStateFile('classic');
		const lab = JSON.parse(readFileSync(file, 'utf8')) as Scenario;
		const hyperv1 = lab.machines.hyperv1!;
		hyperv1.listeners = hyperv1.listeners.filter((l) => l.transport !== 'HTTPS');
		expect(hyperv1.firewallRules.map((r) => r.name)).toContainEqual(
			expect.stringMatching(/^doublehop-WinRM-HTTPS-In-/),
		);
		writeFileSync(file, JSON.stringify(lab));
		const next = await undoAll('classic', stateDir, 'command');
		expect(next.host.snapshot().machines).toEqual(scenario('classic').machines);
		const flat = next.flat();
		expect(flat).toContain('Result: UNDONE.');
		expect(flat).toContain(
			'The HTTPS listener (Address=*, Transport=HTTPS) on hyperv1.contoso.com was already gone: nothing to remove',
		);
		expect(flat).not.toMatch(/The firewall rule \S+ was already gone/);
	});

	test('the HTTPS listener re-bound since to a renewed certificate: undo leaves it, says so, and removes only its 5986 rule', async () => {
		const stateDir = freshStateDir();
		await runUntil('classic', stateDir, 'after the fix');
		// An admin re-binds the listener doublehop made to a renewed certificate and relies on it.
		const renewed = '0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C';
		const file = labStateFile('classic');
		const lab = JSON.parse(readFileSync(file, 'utf8')) as Scenario;
		const listener = lab.machines.hyperv1!.listeners.find((l) => l.transport === 'HTTPS')!;
		const made = listener.certificateThumbprint;
		listener.certificateThumbprint = renewed;
		writeFileSync(file, JSON.stringify(lab));
		const next = await undoAll('classic', stateDir, 'command');
		const {hyperv1} = next.host.snapshot().machines;
		const expected = scenario('classic').machines.hyperv1!;
		expect(hyperv1!.listeners).toEqual([...expected.listeners, listener]);
		expect(hyperv1!.firewallRules).toEqual(expected.firewallRules);
		const flat = next.flat();
		expect(flat).toContain(
			`The HTTPS listener (Address=*, Transport=HTTPS) on hyperv1.contoso.com now has certificate ${renewed}, not ${made} doublehop made it with: it was re-bound since, so it is left as it is`,
		);
		expect(flat).not.toContain('Undone: HTTPS listener');
	});

	test('doublehop undo --use-ssl: removing the HTTPS listener cuts the session that rode on it; undo reads again over HTTP, goes on there, and ends UNDONE with the lab as it started', async () => {
		const stateDir = freshStateDir();
		await runUntil('classic', stateDir, 'after the fix');
		const next = await undoAll('classic', stateDir, 'command', true);
		const flat = next.flat();
		expect(flat).toContain(
			'The session over HTTPS rode on that listener and was cut as it went; read again over HTTP: hyperv1.contoso.com has no HTTPS listener (Address=*) now',
		);
		// Nothing answers on 5986 now: the server role's undo goes over HTTP, and is shown so.
		expect(flat).toContain(
			'Undone: WinRM service CredSSP on hyperv1.contoso.com PS> Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Disable-WSManCredSSP -Role Server }',
		);
		expect(flat).toContain('Result: UNDONE.');
		expect(next.host.snapshot().machines).toEqual(scenario('classic').machines);
	});

	test('declining every undo claims nothing: the changes stay, the result says so, exit code 1', async () => {
		const stateDir = freshStateDir();
		await runUntil('classic', stateDir, 'after the fix');
		const fixed = (await startCliSession('classic', stateDir, {mode: 'undo'})) as Session;
		session = fixed;
		const before = fixed.host.snapshot().machines;
		for (;;) {
			await fixed.waitFor(
				/(User name|Password for|Undo this change on .*\? \[y\/N\])[^\n]*$|Result:/,
			);
			const last = fixed.screen().trimEnd().split('\n').at(-1) ?? '';
			if (fixed.screen().includes('Result:')) break;
			if (last.includes('User name')) await fixed.answer('User name', '');
			else if (last.includes('Password for')) await fixed.answer('Password for', 'Passw0rd!');
			else await fixed.answer('Undo this change', 'n');
		}
		await fixed.finished();
		expect(fixed.flat()).not.toContain('Result: UNDONE.');
		expect(fixed.flat()).toContain('Result: DECLINED. Nothing was undone: 3 changes left in place');
		expect(fixed.runner.getState().conclusion?.verdict).toBe('declined');
		expect(fixed.host.snapshot().machines).toEqual(before);
	});

	test('Ctrl+C at an undo question: the result lists what is still in place and how to finish, and running that finishes it', async () => {
		const stateDir = freshStateDir();
		await runUntil('classic', stateDir, 'after the fix');
		const stopped = (await startCliSession('classic', stateDir, {mode: 'undo'})) as Session;
		session = stopped;
		await stopped.answer('User name', '');
		await stopped.answer('Password for', 'Passw0rd!');
		await stopped.answer('Undo this change on hyperv1.contoso.com', 'y');
		// The listener is taken back; the server role is the question now.
		await stopped.waitFor('Undone: HTTPS listener');
		await stopped.waitFor(
			/Undo 2 of 3: [^\n]*\n(?:[^\n]*\n)*Undo this change on hyperv1\.contoso\.com\? \[y\/N\]/,
		);
		stopped.type('\u0003');
		await stopped.finished();
		const flat = stopped.flat();
		expect(flat).toContain('Result: INTERRUPTED. Stopped before the undo was finished');
		// Before: "Nothing was changed." and no word of the two changes still in place. Each says
		// what is there now, not "off -> on", which reads as a change still to make.
		expect(flat).toContain(
			'Left undone: - hyperv1.contoso.com: WinRM service CredSSP: still on (was off) - ADMIN-WS (this machine): CredSSP client and delegation list: still CredSSP on; list: wsman/hyperv1.contoso.com (was CredSSP off; list: (empty))',
		);
		expect(flat).toContain('Next: - To take them back later: PS> doublehop undo --lab classic');
		stopped.unmount();
		const finished = await undoAll('classic', stateDir, 'command');
		expect(finished.flat()).toContain('Result: UNDONE. 2 changes taken back');
		expect(finished.host.snapshot().machines).toEqual(scenario('classic').machines);
	});

	/** `doublehop undo` after the fix: yes to the first two undos, then `last` at the third. */
	async function undoTwoOfThree(last: 'n' | 'ctrl-c'): Promise<Session> {
		const stateDir = freshStateDir();
		await runUntil('classic', stateDir, 'after the fix');
		const undo = (await startCliSession('classic', stateDir, {mode: 'undo'})) as Session;
		session = undo;
		await undo.answer('User name', '');
		await undo.answer('Password for', 'Passw0rd!');
		await undo.answer('Undo this change on hyperv1.contoso.com', 'y');
		await undo.answer('Undo this change on hyperv1.contoso.com', 'y');
		if (last === 'n') await undo.answer('Undo this change on ADMIN-WS', 'n');
		else {
			await undo.waitFor(/Undo this change on ADMIN-WS \(this machine\)\? \[y\/N\]/);
			undo.type('\u0003');
		}
		await undo.finished();
		return undo;
	}

	test('Ctrl+C at the last undo question, one change left: "To take it back later:"', async () => {
		const flat = (await undoTwoOfThree('ctrl-c')).flat();
		expect(flat).toContain('Result: INTERRUPTED.');
		expect(flat).toContain('Next: - To take it back later: PS> doublehop undo --lab classic');
	});

	test('no to the last undo, one change kept: "To take it back later:"', async () => {
		const flat = (await undoTwoOfThree('n')).flat();
		expect(flat).toContain('Result: DECLINED. Undone: 2 changes taken back; 1 left in place');
		expect(flat).toContain('To take it back later: PS> doublehop undo --lab classic');
	});

	/**
	 * Runs `doublehop undo` after the fix and presses Ctrl+C while the undo of `cut` runs: its call
	 * takes effect, then never answers, as Enable-WSManCredSSP's policy wait can.
	 */
	async function cutUndo(stateDir: string, cut: 'disableServerCredSsp' | 'setDelegationList') {
		const stopped = (await startCliSession('classic', stateDir, {mode: 'undo'})) as Session;
		session = stopped;
		const call = stopped.host[cut].bind(stopped.host) as (...args: unknown[]) => Promise<unknown>;
		stopped.host[cut] = (async (...args: unknown[]) => {
			await call(...args);
			return new Promise(() => {});
		}) as never;
		await stopped.answer('User name', '');
		await stopped.answer('Password for', 'Passw0rd!');
		for (const machine of ['hyperv1', 'hyperv1', 'ADMIN-WS'].slice(
			0,
			cut === 'disableServerCredSsp' ? 2 : 3,
		))
			await stopped.answer(`Undo this change on ${machine}`, 'y');
		await stopped.waitFor(/Waiting for|Running/);
		stopped.type('\u0003');
		await stopped.finished();
		expect(stopped.flat()).toContain('Result: INTERRUPTED.');
		stopped.unmount();
		const next = (await startCliSession('classic', stateDir, {mode: 'undo'})) as Session;
		session = next;
		return next;
	}

	test('Ctrl+C while the server role is being taken back: the next undo says its state is not read yet, not one of its two guesses as "Now:", and stopped there lists it as maybe still in place', async () => {
		const stateDir = freshStateDir();
		await runUntil('classic', stateDir, 'after the fix');
		const next = await cutUndo(stateDir, 'disableServerCredSsp');
		await next.answer('User name', '');
		await next.answer('Password for', 'Passw0rd!');
		await next.waitFor(/Undo this change on hyperv1\.contoso\.com\? \[y\/N\]/);
		const screen = next.flat();
		// Before: "WinRM service CredSSP: on, or still off: the change was interrupted while it ran".
		expect(screen).toContain(
			'Now: WinRM service CredSSP: not read yet: its undo was interrupted while it ran, so it is on or already off',
		);
		expect(screen).not.toContain('or still off');
		// Stopped again there: the server role is listed as maybe still in place.
		next.type('\u0003');
		await next.finished();
		expect(next.flat()).toContain(
			'Left undone: - hyperv1.contoso.com: WinRM service CredSSP: maybe still on, its undo interrupted while it ran (was off) - ADMIN-WS (this machine): CredSSP client and delegation list: still CredSSP on;',
		);
	});

	test('Ctrl+C while this machine\'s delegation list is being taken back: the next undo\'s "Now:" is the client as it read it', async () => {
		const stateDir = freshStateDir();
		await runUntil('classic', stateDir, 'after the fix');
		const next = await cutUndo(stateDir, 'setDelegationList');
		await next.waitFor(/Undo this change on ADMIN-WS \(this machine\)\? \[y\/N\]/);
		// The list was emptied before the call was cut; CredSSP is still on.
		expect(next.flat()).toContain(
			'Now: CredSSP client and delegation list: CredSSP on; list: (empty) (read just now: its undo was interrupted while it ran)',
		);
		await next.answer('Undo this change on ADMIN-WS', 'y');
		await next.finished();
		expect(next.flat()).toContain('Result: UNDONE.');
		expect(next.host.snapshot().machines).toEqual(scenario('classic').machines);
	});

	test('Ctrl+C while the first undo runs: the summary lists it as maybe made and, under Left undone, as maybe still in place, never "Nothing on any machine was changed", and says how to finish', async () => {
		const stateDir = freshStateDir();
		await runUntil('classic', stateDir, 'at the listener question');
		const stopped = (await startCliSession('classic', stateDir, {mode: 'undo'})) as Session;
		session = stopped;
		const call = stopped.host.disableServerCredSsp.bind(stopped.host);
		stopped.host.disableServerCredSsp = (async (...args: Parameters<typeof call>) => {
			await call(...args);
			return new Promise(() => {});
		}) as never;
		await stopped.answer('User name', '');
		await stopped.answer('Password for', 'Passw0rd!');
		await stopped.answer('Undo this change on hyperv1', 'y');
		await stopped.waitFor(/Waiting for|Running/);
		stopped.type('\u0003');
		await stopped.finished();
		const summary = stopped.flat().slice(stopped.flat().indexOf('Result: INTERRUPTED.'));
		expect(summary).not.toContain('Nothing on any machine was changed');
		expect(summary).toMatch(
			/Changes made: - hyperv1\.contoso\.com: WinRM service CredSSP: [^-]+ -> [^(]+\(interrupted while it ran: it may or may not have been made\)/,
		);
		expect(summary).toMatch(/To take them back later: PS> doublehop undo --lab classic/);
		// Before: missing from "Left undone", as if surely taken back.
		expect(summary).toMatch(
			/Left undone: - hyperv1\.contoso\.com: WinRM service CredSSP: maybe still on, its undo interrupted while it ran \(was off\)/,
		);
		// --json's leftUndone is the same list; "Changes made" keeps the undo that was cut.
		const end = stopped.runner.getState().conclusion;
		expect(end?.leftUndone[0]).toBe(
			'hyperv1.contoso.com: WinRM service CredSSP: maybe still on, its undo interrupted while it ran (was off)',
		);
	});

	test('an entry added by someone else after the fix survives the undo', async () => {
		const stateDir = freshStateDir();
		await runUntil('classic', stateDir, 'after the fix');
		session = await startCliSession('classic', stateDir);
		await session.waitFor('First hop');
		// Another admin delegates to one more host meanwhile.
		const list = session.host.snapshot().machines['admin-ws']?.allowFreshCredentials ?? [];
		await session.host.setDelegationList([...list, 'wsman/sql02.contoso.com']);
		session.unmount();
		const next = await undoAll('classic', stateDir, 'command');
		expect(next.host.snapshot().machines['admin-ws']?.allowFreshCredentials).toEqual([
			'wsman/sql02.contoso.com',
		]);
	});
});

describe('undo through the local Group Policy object (where Enable-WSManCredSSP writes)', () => {
	const hop1Entry = 'wsman/hyperv1.contoso.com';
	const original = scenario('existing-delegation').machines['admin-ws']!.allowFreshCredentials;
	const clientLists = (next: Session) => {
		const machine = next.host.snapshot().machines['admin-ws']!;
		return {
			hklm: machine.allowFreshCredentials,
			localGpo: machine.localGpoAllowFreshCredentials ?? machine.allowFreshCredentials,
		};
	};

	test('enable, undo, gpupdate: the entry doublehop added stays gone, the others stay in order', async () => {
		const stateDir = freshStateDir();
		await runUntil('existing-delegation', stateDir, 'at the listener question');
		const next = await undoAll('existing-delegation', stateDir, 'command');
		next.host.groupPolicyUpdate();
		expect(clientLists(next)).toEqual({hklm: original, localGpo: original});
	});

	test('enable, undo, enable, undo: nothing doublehop added is left delegated', async () => {
		const stateDir = freshStateDir();
		await runUntil('existing-delegation', stateDir, 'at the listener question');
		session = await undoAll('existing-delegation', stateDir, 'command');
		session.unmount();
		await runUntil('existing-delegation', stateDir, 'at the listener question');
		const next = await undoAll('existing-delegation', stateDir, 'command');
		expect(clientLists(next)).toEqual({hklm: original, localGpo: original});
		next.host.groupPolicyUpdate();
		expect(clientLists(next).hklm).not.toContain(hop1Entry);
	});
});

describe('idempotency', () => {
	for (const name of changingScenarios) {
		test(`${name}: the whole flow twice leaves the lab as after the first run, with no duplicates`, async () => {
			const stateDir = freshStateDir();
			await runUntil(name, stateDir, 'after the fix');
			session = await startCliSession(name, stateDir);
			const afterFirst = session.host.snapshot();
			session.unmount();
			session = await startCliSession(name, stateDir);
			await enterTargets(session);
			await session.finished();
			expect(session.flat()).toContain('Result: ALREADY-FIXED.');
			const afterSecond = session.host.snapshot();
			expect(afterSecond).toEqual(afterFirst);
			const list = afterSecond.machines['admin-ws']?.allowFreshCredentials ?? [];
			expect(new Set(list.map((e) => e.toLowerCase())).size).toBe(list.length);
		});
	}
});

describe('--dry-run', () => {
	test('walks every step, asks as usual, and changes nothing', async () => {
		const stateDir = freshStateDir();
		session = await startCliSession('classic', stateDir, {dryRun: true});
		await enterTargets(session);
		await acceptEveryChange(session, 'y');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain(
			'Dry run: would change CredSSP client and delegation list on ADMIN-WS (this machine)',
		);
		expect(screen).toContain('Dry run: would change WinRM service CredSSP on hyperv1.contoso.com');
		expect(screen).toContain('Result: NEEDS-CHANGES. Dry run: 3 changes would be made');
		// The planned changes are still to make, and the run that makes them is named: this one
		// without --dry-run, with the targets as answered, its questions asked again (no --yes).
		expect(screen).toMatch(
			/Left undone: - Allow delegation on this client .* - Verify with CredSSP/,
		);
		expect(screen).toContain(
			'To make them, run it again without --dry-run (each change is asked for again):',
		);
		const apply = screen.slice(screen.indexOf('PS> doublehop'), screen.indexOf('Records:'));
		expect(apply).toMatch(
			/^PS> doublehop --lab classic .*--hop1 hyperv1\.contoso\.com .*--method credssp/,
		);
		expect(apply).not.toMatch(/--dry-run|--yes/);
		// Nothing was made, so there is nothing to undo: no change's undo, no undo step at the end.
		expect(screen).not.toMatch(/Undo: |To take back the change/);
		expect(session.host.snapshot().machines).toEqual(scenario('classic').machines);
		session.unmount();
		session = await startCliSession('classic', stateDir);
		await session.waitFor('First hop');
		expect(session.flat()).not.toContain('Resume or undo');
	});
});
