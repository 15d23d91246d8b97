// Resource-based Kerberos constrained delegation, driven by keystrokes on the lab: from the failing
// SMB hop to a verified fix and its exact undo (a principal already there stays), the KDC's cached
// refusal that only the purge clears, and the refusals: no right to write the computer object, no
// ActiveDirectory module, a WinRM second hop, an account the KDC never delegates.
import {afterEach, describe, expect, test} from 'vitest';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {
	enterTargets,
	fold,
	labPassword,
	scenario,
	startCliSession,
	startSession,
	type Session,
} from '../helpers/session.js';

let session: Session | undefined;
afterEach(() => session?.unmount());

const web01 = 'CN=WEB01,CN=Computers,DC=contoso,DC=com';
const hyperv1 = 'CN=HYPERV1,CN=Computers,DC=contoso,DC=com';
// The directory keeps HYPERV1 by its objectSid (the attribute is a security descriptor).
const hyperv1Sid = 'S-1-5-21-1004336348-1177238915-682003330-5789';
const freshStateDir = () => mkdtempSync(join(tmpdir(), 'doublehop-rbkcd-'));

/** The prefilled targets, with `command` typed at the command prompt ('' keeps the default). */
async function enterTargetsWith(current: Session, command: string): Promise<void> {
	await current.answer('First hop', '');
	await current.answer('Second hop', '');
	await current.answer('Command to run', command);
	await current.answer('User name', '');
	await current.answer('Password for', labPassword);
}

async function undoEverything(stateDir: string): Promise<Session> {
	const next = await startCliSession('rbkcd', stateDir, {mode: 'undo'});
	session = next;
	for (;;) {
		await next.waitFor(/(User name|Password for|Undo this change on .*\? \[y\/N\])[^\n]*$|Result:/);
		const last = next.screen().trimEnd().split('\n').at(-1) ?? '';
		if (next.screen().includes('Result:')) break;
		if (last.includes('User name')) await next.answer('User name', '');
		else if (last.includes('Password for')) await next.answer('Password for', labPassword);
		else await next.answer('Undo this change', 'y');
	}
	await next.finished();
	return next;
}

/** The journal as a doublehop that did not keep SIDs wrote it: the undo record names DNs only. */
function forgetSids(stateDir: string): void {
	const files = readdirSync(stateDir, {recursive: true, encoding: 'utf8'})
		.map((name) => join(stateDir, name))
		.filter((path) => !path.startsWith(join(stateDir, 'lab')) && statSync(path).isFile());
	let found = 0;
	for (const path of files) {
		const text = readFileSync(path, 'utf8');
		const older = text.replace(/,?"addedSids":\[[^\]]*\]/g, () => {
			found++;
			return '';
		});
		if (older !== text) writeFileSync(path, older);
	}
	expect(found).toBeGreaterThan(0);
}

/** The rbkcd lab from its start to the question about the change, resource-based delegation chosen. */
async function toTheChange(stateDir: string): Promise<Session> {
	const current = await startCliSession('rbkcd', stateDir);
	session = current;
	await enterTargets(current);
	await current.answer('Which method? [u/r/j/a/c]', 'r');
	await current.waitFor("Make this change to FS01's computer object? [y/N]");
	return current;
}

describe('resource-based delegation on an SMB second hop', () => {
	test('from the failing hop to a verified fix, then undone exactly: WEB01, already there, stays throughout', async () => {
		const stateDir = freshStateDir();
		const fix = await toTheChange(stateDir);
		const choice = fix.flat();
		expect(choice).toContain('Get-ChildItem reaches fs01 by SMB (a file share)');
		expect(choice).toContain('2. Resource-based Kerberos constrained delegation (fits):');
		expect(choice).toContain(
			'Get-Module -ListAvailable ActiveDirectory; Get-ADComputer fs01 -Properties PrincipalsAllowedToDelegateToAccount, allowedAttributesEffective, msDS-AllowedToActOnBehalfOfOtherIdentity; Get-ADComputer hyperv1',
		);
		const change = fix.flat();
		expect(change).toContain(`PrincipalsAllowedToDelegateToAccount of FS01: ${web01}`);
		// The descriptor there is edited in place: one allow ACE for HYPERV1's SID, the rest kept.
		expect(change).toContain(
			`PS> $sd = (Get-ADComputer fs01 -Properties msDS-AllowedToActOnBehalfOfOtherIdentity).'msDS-AllowedToActOnBehalfOfOtherIdentity'; if ($null -eq $sd) { Set-ADComputer fs01 -PrincipalsAllowedToDelegateToAccount '${hyperv1}' } else {`,
		);
		expect(change).toContain(
			`'$1(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;${hyperv1Sid})')); Set-ADComputer fs01 -Replace @{'msDS-AllowedToActOnBehalfOfOtherIdentity' = $sd} }`,
		);
		expect(change).toContain(`The principals already there are kept, in order: ${web01}`);
		// Nothing is written before the yes.
		expect(fix.host.snapshot().directory?.computers?.fs01?.principals).toEqual([web01]);

		await fix.answer('Make this change to FS01', 'y');
		await fix.waitFor("Purge hyperv1.contoso.com's cached Kerberos tickets? [y/N]");
		expect(fold(fix.live())).toContain(
			'PS> Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { klist purge -li 0x3e7 }',
		);
		expect(fold(fix.live())).toContain('Nothing lasting changes, so there is nothing to undo.');
		await fix.answer('Purge hyperv1', 'y');
		await fix.finished();
		const done = fix.flat();
		expect(done).toContain(
			'Works: hyperv1.contoso.com reaches fs01.contoso.com by resource-based delegation',
		);
		// Verified with the admin's own command, plain: no CredSSP, no $using:cred.
		expect(done).toContain(
			'Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { Get-ChildItem \\\\fs01\\share }',
		);
		expect(done).toContain('Result: FIXED.');
		expect(done).not.toContain('-Authentication CredSSP');
		const fixed = fix.host.snapshot();
		expect(fixed.directory?.computers?.fs01?.principals).toEqual([web01, hyperv1Sid]);
		expect(fixed.directory?.refusedDelegation).toBeUndefined();
		// CredSSP was never touched.
		expect(fixed.machines).toEqual(scenario('rbkcd').machines);
		fix.unmount();

		const undo = await undoEverything(stateDir);
		// The undo shown is what runs: HYPERV1 taken out of the principals there, not the list as it was.
		// The undo shown is what runs: HYPERV1's allow ACE taken out of the descriptor there, by SID.
		expect(undo.flat()).toContain(
			`-replace '\\(A;[^;()]*;[^;()]*;;;${hyperv1Sid}\\)', ''; if ($sddl -notmatch 'D:[A-Z]*\\(') { Set-ADComputer fs01 -PrincipalsAllowedToDelegateToAccount $null } else { $sd.SetSecurityDescriptorSddlForm($sddl); Set-ADComputer fs01 -Replace @{'msDS-AllowedToActOnBehalfOfOtherIdentity' = $sd} }`,
		);
		expect(undo.flat()).toContain('Result: UNDONE. 1 change taken back');
		const after = undo.host.snapshot();
		expect(after.directory).toEqual(scenario('rbkcd').directory);
		expect(after.machines).toEqual(scenario('rbkcd').machines);
	});

	test('undo takes out only HYPERV1: a principal added since the change stays', async () => {
		const stateDir = freshStateDir();
		const fix = await toTheChange(stateDir);
		await fix.answer('Make this change to FS01', 'y');
		await fix.answer('Purge hyperv1', 'y');
		await fix.finished();
		fix.unmount();
		// Someone else lets SQL01 delegate to fs01 meanwhile.
		const saved = join(stateDir, 'lab', 'rbkcd.json');
		const lab = JSON.parse(readFileSync(saved, 'utf8'));
		const sql01 = 'CN=SQL01,CN=Computers,DC=contoso,DC=com';
		lab.directory.computers.fs01.principals.push(sql01);
		writeFileSync(saved, JSON.stringify(lab));

		const undo = await undoEverything(stateDir);
		expect(undo.host.snapshot().directory?.computers?.fs01?.principals).toEqual([web01, sql01]);
		// Nor does the undo shown (and journalled) name a list without SQL01, to paste later.
		expect(undo.flat()).not.toContain(
			`Set-ADComputer fs01 -PrincipalsAllowedToDelegateToAccount '${web01}'`,
		);
	});

	test("undo after HYPERV1's computer object was moved to another OU: it is still taken out, by its SID", async () => {
		const stateDir = freshStateDir();
		const fix = await toTheChange(stateDir);
		await fix.answer('Make this change to FS01', 'y');
		await fix.answer('Purge hyperv1', 'y');
		await fix.finished();
		fix.unmount();
		// An admin moves HYPERV1 into an OU of its own: same objectSid, new DN. FS01's list, a
		// security descriptor of SIDs, now prints it under the new DN, and it still may delegate.
		const saved = join(stateDir, 'lab', 'rbkcd.json');
		const lab = JSON.parse(readFileSync(saved, 'utf8'));
		const moved = 'CN=HYPERV1,OU=Hyper-V Hosts,DC=contoso,DC=com';
		lab.directory.computers.hyperv1 = {principals: [], distinguishedName: moved};
		writeFileSync(saved, JSON.stringify(lab));

		const undo = await undoEverything(stateDir);
		expect(undo.flat()).toContain('Result: UNDONE. 1 change taken back');
		// Before: matched by the DN recorded, HYPERV1 was "nothing to take back" and kept the grant.
		const after = undo.host.snapshot().directory?.computers;
		expect(after?.fs01).toEqual({principals: [web01]});
		expect(after?.hyperv1).toEqual({principals: [], distinguishedName: moved});
	});

	test('a journal written before SIDs were kept: its undo still takes HYPERV1 out, by the DN recorded', async () => {
		const stateDir = freshStateDir();
		const fix = await toTheChange(stateDir);
		await fix.answer('Make this change to FS01', 'y');
		await fix.answer('Purge hyperv1', 'y');
		await fix.finished();
		fix.unmount();
		forgetSids(stateDir);

		const undo = await undoEverything(stateDir);
		expect(undo.flat()).toContain('Result: UNDONE. 1 change taken back');
		expect(undo.host.snapshot().directory).toEqual(scenario('rbkcd').directory);
	});

	test("FS01's descriptor holds a deny ACE and a SID that names no object: the change keeps both, and the undo takes out only HYPERV1's ACE", async () => {
		const stateDir = freshStateDir();
		// Entries -PrincipalsAllowedToDelegateToAccount cannot name: a deny for SQL01's SID, and an
		// allow for the SID of a computer deleted since. Rebuilding the descriptor from the list drops them.
		const deny = '(D;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;S-1-5-21-1004336348-1177238915-682003330-4242)';
		const orphan =
			'(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;S-1-5-21-1004336348-1177238915-682003330-7777)';
		const lab = structuredClone(scenario('rbkcd'));
		lab.directory!.computers!.fs01!.otherAces = [deny, orphan];
		mkdirSync(join(stateDir, 'lab'), {recursive: true});
		writeFileSync(join(stateDir, 'lab', 'rbkcd.json'), JSON.stringify(lab));
		const before = structuredClone(lab.directory);

		const fix = await toTheChange(stateDir);
		const shown = fix.flat();
		await fix.answer('Make this change to FS01', 'y');
		await fix.answer('Purge hyperv1', 'y');
		await fix.finished();
		expect(fix.flat()).toContain('Result: FIXED.');
		expect(fix.host.snapshot().directory?.computers?.fs01).toEqual({
			principals: [web01, hyperv1Sid],
			otherAces: [deny, orphan],
		});
		fix.unmount();

		const undo = await undoEverything(stateDir);
		expect(undo.flat()).toContain('Result: UNDONE. 1 change taken back');
		expect(undo.host.snapshot().directory).toEqual(before);
		// And the admin was told why the descriptor is edited rather than rebuilt.
		expect(shown).toContain(
			'The 2 entries the list does not show are kept as they are (Set-ADComputer -PrincipalsAllowedToDelegateToAccount would rebuild the descriptor without them).',
		);
	});

	test('undo on a machine without the ActiveDirectory module: said, with how to install it, and the change stays in the journal until an undo with the module takes it back', async () => {
		const stateDir = freshStateDir();
		const fix = await toTheChange(stateDir);
		await fix.answer('Make this change to FS01', 'y');
		await fix.answer('Purge hyperv1', 'y');
		await fix.finished();
		fix.unmount();
		// The undo is run where RSAT's ActiveDirectory module is not installed.
		const saved = join(stateDir, 'lab', 'rbkcd.json');
		const setModule = (installed: boolean) => {
			const lab = JSON.parse(readFileSync(saved, 'utf8'));
			lab.machines['admin-ws'].shell.activeDirectoryModule = installed;
			writeFileSync(saved, JSON.stringify(lab));
		};
		setModule(false);

		const stopped = await undoEverything(stateDir);
		const screen = stopped.flat();
		expect(screen).toContain(
			'The ActiveDirectory module is not installed on this computer (Get-Module -ListAvailable ActiveDirectory finds nothing)',
		);
		expect(screen).not.toContain('doublehop could not run this step');
		expect(screen).toContain(
			'PS> Add-WindowsCapability -Online -Name Rsat.ActiveDirectory.DS-LDS.Tools~~~~0.0.1.0',
		);
		expect(screen).toContain('PS> Install-WindowsFeature RSAT-AD-PowerShell');
		expect(screen).toContain('Result: FAILED.');
		expect(stopped.host.snapshot().directory?.computers?.fs01?.principals).toEqual([
			web01,
			hyperv1Sid,
		]);
		stopped.unmount();

		// Installed: the same undo resumes and takes HYPERV1 out; nothing was lost from the journal.
		setModule(true);
		const undone = await undoEverything(stateDir);
		expect(undone.flat()).toContain('Result: UNDONE. 1 change taken back');
		expect(undone.host.snapshot().directory).toEqual(scenario('rbkcd').directory);
	});

	test("without the purge, the KDC's cached refusal keeps the second hop failing after the change, and the result says how to clear it", async () => {
		const fix = await toTheChange(freshStateDir());
		await fix.answer('Make this change to FS01', 'y');
		await fix.answer('Purge hyperv1', 'n');
		await fix.finished();
		const screen = fix.flat();
		expect(screen).toContain(
			"You said no: hyperv1.contoso.com's cached Kerberos tickets were not purged",
		);
		expect(screen).toContain('Still failing with resource-based delegation');
		expect(screen).toContain(
			'A refusal cached before the change lasts up to 15 minutes: wait, or purge it, then run the command again. To purge it: PS> Invoke-Command -ComputerName hyperv1.contoso.com -Credential $cred -ScriptBlock { klist purge -li 0x3e7 }',
		);
		expect(fix.runner.getState().conclusion?.verdict).toBe('failed');
	});

	test('a no at the change writes nothing to the directory', async () => {
		const fix = await toTheChange(freshStateDir());
		await fix.answer('Make this change to FS01', 'n');
		await fix.finished();
		expect(fix.flat()).toContain(
			'You said no: the first hop was not added to the principals allowed to delegate',
		);
		expect(fix.host.snapshot().directory?.computers).toEqual(
			scenario('rbkcd').directory?.computers,
		);
		// What is left is the one change of this method, not a CredSSP plan.
		expect(fix.runner.getState().conclusion?.leftUndone).toEqual([
			'Resource-based Kerberos constrained delegation (Set-ADComputer on fs01.contoso.com)',
		]);
	});
});

describe('resource-based delegation refused, with the reason, and nothing changed', () => {
	test('no right to write the computer object: said before any change, with the command for someone who may', async () => {
		session = startSession('rbkcd-no-rights');
		await enterTargets(session);
		await session.answer('Which method? [u/r/j/a/c]', 'r');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain(
			'This shell may write msDS-AllowedToActOnBehalfOfOtherIdentity there: no',
		);
		expect(screen).toContain('CONTOSO\\admin may not write who may delegate to FS01');
		expect(screen).toContain(
			`Ask someone who may write FS01's computer object (an admin of its OU, or a domain admin) to run: $sd = (Get-ADComputer fs01 -Properties msDS-AllowedToActOnBehalfOfOtherIdentity).'msDS-AllowedToActOnBehalfOfOtherIdentity'; if ($null -eq $sd) {`,
		);
		expect(session.runner.getState().conclusion?.verdict).toBe('blocked');
		expect(session.host.snapshot().directory?.computers).toEqual(
			scenario('rbkcd-no-rights').directory?.computers,
		);
	});

	test("the directory refuses the write anyway: Set-ADComputer's own error, explained, and nothing changed", async () => {
		// The read says writable, but the write is refused (rights changed between the two).
		session = startSession('rbkcd-no-rights', {
			wrapHost: (host) => ({
				...host,
				readResourceDelegation: async (hop1, hop2) => {
					const read = await host.readResourceDelegation(hop1, hop2);
					if (!read.ok || read.value.target === undefined) return read;
					return {ok: true, value: {...read.value, target: {...read.value.target, writable: true}}};
				},
			}),
		});
		await enterTargets(session);
		await session.answer('Which method? [u/r/j/a/c]', 'r');
		await session.answer("Make this change to FS01's computer object?", 'y');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('Insufficient access rights to perform the operation');
		expect(screen).toContain(
			'FullyQualifiedErrorId : ActiveDirectoryServer:8344,Microsoft.ActiveDirectory.Management.Commands.SetADComputer',
		);
		expect(screen).toContain('The directory refused the change: insufficient access rights');
		expect(session.runner.getState().changes).toEqual([]);
		expect(session.host.snapshot().directory?.computers).toEqual(
			scenario('rbkcd-no-rights').directory?.computers,
		);
	});

	test('no ActiveDirectory module on this machine: said, with how to add it, before anything is read or written', async () => {
		session = startSession('file-share');
		await enterTargetsWith(session, 'Get-ChildItem \\\\fs01\\share');
		await session.answer('Which method? [u/r/j/a/c]', 'r');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('The ActiveDirectory module is not installed on this machine');
		expect(screen).toContain('Add-WindowsFeature RSAT-AD-PowerShell');
		expect(screen).toContain(
			'Add-WindowsCapability -Online -Name Rsat.ActiveDirectory.DS-LDS.Tools~~~~0.0.1.0',
		);
		expect(session.runner.getState().conclusion?.verdict).toBe('blocked');
		expect(session.host.snapshot().directory?.computers).toBeUndefined();
	});

	test('a nested WinRM hop: not offered as a choice, and the screen says why', async () => {
		session = startSession('rbkcd');
		await enterTargetsWith(session, 'Invoke-Command -ComputerName fs01.contoso.com { hostname }');
		await session.waitFor('Which method? [u/a/c]');
		const screen = session.flat();
		expect(screen).not.toContain('r resource-based delegation');
		expect(screen).toContain(
			`2. Resource-based Kerberos constrained delegation (does not fit): The second hop is WinRM (a nested remoting session): Microsoft's guide says resource-based constrained delegation "doesn't support the second hop for WinRM"`,
		);
	});

	test('--method rbkcd on a nested WinRM hop: refused with the reason, nothing read or changed', async () => {
		session = await startCliSession('rbkcd', freshStateDir(), {method: 'rbkcd'});
		await enterTargetsWith(session, 'Invoke-Command -ComputerName fs01.contoso.com { hostname }');
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain('Resource-based delegation does not fit this second hop');
		expect(screen).toContain('"doesn\'t support the second hop for WinRM"');
		expect(screen).not.toContain('Get-ADComputer');
		expect(session.host.snapshot().directory?.computers).toEqual(
			scenario('rbkcd').directory?.computers,
		);
	});

	test('a second hop given as another machine than the command reaches: not offered, and with --method nothing is written to either object', async () => {
		// hyperv2 has a computer object of its own, which the change must not touch: the command
		// reaches fs01, so delegating to hyperv2 would change a machine the command never uses.
		const dir = freshStateDir();
		const lab = structuredClone(scenario('rbkcd'));
		lab.machines.hyperv2 = {...structuredClone(lab.machines.fs01!), fqdn: 'hyperv2.contoso.com'};
		lab.directory = {
			...lab.directory,
			computers: {...lab.directory?.computers, hyperv2: {principals: []}},
		};
		const file = join(dir, 'other-hop2.json');
		writeFileSync(file, JSON.stringify({...lab, name: 'other-hop2'}));
		const typeTargets = async (current: Session) => {
			await current.answer('First hop', '');
			await current.answer('Second hop', 'hyperv2.contoso.com');
			await current.answer('Command to run', '');
			await current.answer('User name', '');
			await current.answer('Password for', labPassword);
		};

		session = await startCliSession(file, dir);
		await typeTargets(session);
		await session.waitFor(/Which method\? \[[a-z/]+\]/);
		const screen = session.flat();
		// Said with the targets, before anything runs.
		expect(screen).toContain(
			'Command on hyperv1.contoso.com: Get-ChildItem \\\\fs01\\share The command reaches fs01, not hyperv2.contoso.com: the second hop is the machine the command reaches.',
		);
		expect(screen).not.toContain('r resource-based delegation');
		expect(screen).toContain(
			'The command reaches fs01, not hyperv2.contoso.com, the second hop given: the delegation is set on the computer object of the machine the command reaches. To use it, run doublehop with --hop2 fs01.',
		);
		session.unmount();

		session = await startCliSession(file, dir, {method: 'rbkcd'});
		await typeTargets(session);
		await session.finished();
		expect(session.flat()).toContain('Resource-based delegation does not fit this second hop');
		expect(session.host.snapshot().directory?.computers).toEqual(lab.directory?.computers);
	});

	test("--method rbkcd for a Protected Users member: the KDC does not delegate it, in Microsoft's words", async () => {
		session = await startCliSession('protected-users', freshStateDir(), {method: 'rbkcd'});
		await enterTargets(session);
		await session.finished();
		const screen = session.flat();
		expect(screen).toContain(
			'Resource-based delegation cannot work for CONTOSO\\admin: a member of Protected Users',
		);
		expect(screen).toContain('unable to "delegate with unconstrained or constrained delegation"');
		expect(screen).not.toContain('Get-ADComputer');
	});
});
