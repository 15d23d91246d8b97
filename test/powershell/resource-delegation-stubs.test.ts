// Real pwsh against the stubs: the resource-based delegation scripts (read, Set-ADComputer with the
// merged principals and its undo, klist purge on hop 1) and the second hop they make work, with the
// KDC's cached refusal that only the purge clears, as the lab plays them.
import {readFileSync, writeFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import type {Credential} from '../../source/hosts/host.js';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import {createLabHost} from '../../source/hosts/lab/lab-host.js';
import {Secret} from '../../source/safety/secret.js';
import {scenario as builtIn} from '../helpers/session.js';
import {noPwshReason, pwsh, scenarioCopy, stubbedHost} from './pwsh.js';

const title = `resource-based delegation, real pwsh against the stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;
const readState = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Scenario;
const hop1 = 'hyperv1.contoso.com';
const hop2 = 'fs01.contoso.com';
const web01 = 'CN=WEB01,CN=Computers,DC=contoso,DC=com';
const hyperv1 = 'CN=HYPERV1,CN=Computers,DC=contoso,DC=com';
// objectSids: the directory keeps a computer principal by its SID (a security descriptor).
const domainSid = 'S-1-5-21-1004336348-1177238915-682003330';
const hyperv1Sid = `${domainSid}-5789`;
const admin: Credential = {user: 'CONTOSO\\admin', password: new Secret('Passw0rd!')};
const share = 'Get-ChildItem \\\\fs01\\share';

describe.skipIf(pwsh === undefined)(title, () => {
	test('read, merged write, cached refusal until klist purge, then the share opens; the undo leaves the directory as it was', async () => {
		const state = scenarioCopy('rbkcd');
		const before = readState(state).directory;
		const host = await stubbedHost(state);
		try {
			const read = await host.readResourceDelegation(hop1, hop2);
			expect(read).toEqual({
				ok: true,
				value: {
					moduleAvailable: true,
					target: {
						name: 'FS01',
						distinguishedName: 'CN=FS01,CN=Computers,DC=contoso,DC=com',
						sid: `${domainSid}-9425`,
						principals: [web01],
						principalSids: [`${domainSid}-9416`],
						writable: true,
						descriptor: `O:BAD:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;${domainSid}-9416)`,
					},
					delegate: {name: 'HYPERV1', distinguishedName: hyperv1, sid: hyperv1Sid},
				},
			});
			// Before the change the KDC refuses, and the refusal is cached on hyperv1.
			const refused = await host.runOnFirstHop(hop1, admin, share, 'Default');
			expect(refused.ok ? '' : refused.error.message).toBe('Access is denied');
			expect(readState(state).directory?.refusedDelegation).toEqual({hyperv1: ['fs01']});

			expect(await host.setResourceDelegation(hop2, [web01, hyperv1])).toEqual({
				ok: true,
				value: {output: ''},
			});
			expect(readState(state).directory?.computers?.fs01?.principals).toEqual([web01, hyperv1Sid]);
			const cached = await host.runOnFirstHop(hop1, admin, share, 'Default');
			expect(cached.ok).toBe(false);

			const purged = await host.purgeKerberosTickets(hop1, admin);
			expect(purged.ok ? purged.value.output : '').toContain('Ticket(s) purged!');
			const works = await host.runOnFirstHop(hop1, admin, share, 'Default');
			expect(works).toEqual({ok: true, value: {output: '    Directory: \\\\fs01\\share'}});

			// HYPERV1 moved to another OU: the same SID, printed under its new DN; it still may delegate.
			const moved = 'CN=HYPERV1,OU=Hyper-V Hosts,DC=contoso,DC=com';
			const lab = readState(state);
			lab.directory!.computers!.hyperv1 = {principals: [], distinguishedName: moved};
			writeFileSync(state, JSON.stringify(lab));
			const after = await host.readResourceDelegation(hop1, hop2);
			expect(after.ok && after.value.target).toMatchObject({
				principals: [web01, moved],
				principalSids: [`${domainSid}-9416`, hyperv1Sid],
			});
			expect(after.ok && after.value.delegate).toEqual({
				name: 'HYPERV1',
				distinguishedName: moved,
				sid: hyperv1Sid,
			});
			expect((await host.runOnFirstHop(hop1, admin, share, 'Default')).ok).toBe(true);
			const back = readState(state);
			delete back.directory!.computers!.hyperv1;
			writeFileSync(state, JSON.stringify(back));

			// The undo writes back the list that was there: WEB01 stays.
			expect((await host.setResourceDelegation(hop2, [web01])).ok).toBe(true);
			expect(readState(state).directory).toEqual(before);
		} finally {
			await host.dispose();
		}
	}, 60_000);

	// The descriptor holds entries the list cannot name: a deny ACE, and an allow ACE for a SID that
	// names no object. The change adds one allow ACE for HYPERV1 and keeps them; the undo takes out
	// only HYPERV1's; Set-ADComputer -PrincipalsAllowedToDelegateToAccount, rebuilding the whole
	// descriptor, drops them. The lab gives the same at every step.
	test("a deny ACE and an orphaned SID in FS01's descriptor: the in-place change and its undo keep them, the parameter drops them, as the lab gives it", async () => {
		const deny = `(D;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;${domainSid}-4242)`;
		const orphan = `(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;${domainSid}-7777)`;
		const withOthers = (scenario: Scenario) => {
			scenario.directory!.computers!.fs01!.otherAces = [deny, orphan];
		};
		const state = scenarioCopy('rbkcd', withOthers);
		const before = readState(state).directory;
		const host = await stubbedHost(state);
		const edited = structuredClone(builtIn('rbkcd'));
		withOthers(edited);
		const lab = createLabHost({scenario: edited});
		const web01Ace = `(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;${domainSid}-9416)`;
		const hyperv1Ace = `(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;${hyperv1Sid})`;
		try {
			const read = await host.readResourceDelegation(hop1, hop2);
			expect(read.ok && read.value.target?.descriptor).toBe(`O:BAD:${deny}${web01Ace}${orphan}`);
			expect(read.ok && read.value.target?.principals).toEqual([web01]);
			expect(await lab.readResourceDelegation(hop1, hop2)).toEqual(read);

			const add = {add: hyperv1Sid, principal: hyperv1};
			expect(await host.editResourceDelegation(hop2, add)).toEqual({ok: true, value: {output: ''}});
			expect((await lab.editResourceDelegation(hop2, add)).ok).toBe(true);
			const changed = {principals: [web01, hyperv1Sid], otherAces: [deny, orphan]};
			expect(readState(state).directory?.computers?.fs01).toEqual(changed);
			expect(lab.snapshot().directory?.computers?.fs01).toEqual(changed);
			const after = await host.readResourceDelegation(hop1, hop2);
			expect(after.ok && after.value.target?.descriptor).toBe(
				`O:BAD:${deny}${web01Ace}${hyperv1Ace}${orphan}`,
			);
			// The KDC lets HYPERV1 delegate now.
			await host.purgeKerberosTickets(hop1, admin);
			expect((await host.runOnFirstHop(hop1, admin, share, 'Default')).ok).toBe(true);

			const remove = {remove: hyperv1Sid};
			expect(await host.editResourceDelegation(hop2, remove)).toEqual({
				ok: true,
				value: {output: ''},
			});
			expect((await lab.editResourceDelegation(hop2, remove)).ok).toBe(true);
			expect(readState(state).directory?.computers).toEqual(before?.computers);
			expect(lab.snapshot().directory?.computers).toEqual(before?.computers);

			// The documented parameter writes a new descriptor from the list: the others are gone.
			expect((await host.setResourceDelegation(hop2, [web01, hyperv1])).ok).toBe(true);
			expect((await lab.setResourceDelegation(hop2, [web01, hyperv1])).ok).toBe(true);
			expect(readState(state).directory?.computers?.fs01).toEqual({
				principals: [web01, hyperv1Sid],
			});
			expect(lab.snapshot().directory?.computers?.fs01).toEqual({principals: [web01, hyperv1Sid]});
		} finally {
			await host.dispose();
		}
	}, 60_000);

	test('no descriptor on FS01: the change writes it with the documented parameter, and the undo clears it again with $null, as the lab gives it', async () => {
		const empty = (scenario: Scenario) => {
			delete scenario.directory!.computers!.fs01;
		};
		const state = scenarioCopy('rbkcd', empty);
		const host = await stubbedHost(state);
		const edited = structuredClone(builtIn('rbkcd'));
		empty(edited);
		const lab = createLabHost({scenario: edited});
		try {
			const read = await host.readResourceDelegation(hop1, hop2);
			expect(read.ok && read.value.target?.descriptor).toBe('');
			const add = {add: hyperv1Sid, principal: hyperv1};
			expect((await host.editResourceDelegation(hop2, add)).ok).toBe(true);
			expect((await lab.editResourceDelegation(hop2, add)).ok).toBe(true);
			expect(readState(state).directory?.computers?.fs01).toEqual({principals: [hyperv1Sid]});
			expect(lab.snapshot().directory?.computers?.fs01).toEqual({principals: [hyperv1Sid]});
			const remove = {remove: hyperv1Sid};
			expect((await host.editResourceDelegation(hop2, remove)).ok).toBe(true);
			expect((await lab.editResourceDelegation(hop2, remove)).ok).toBe(true);
			expect(readState(state).directory?.computers?.fs01).toBeUndefined();
			expect(lab.snapshot().directory?.computers?.fs01).toBeUndefined();
		} finally {
			await host.dispose();
		}
	}, 60_000);

	// klist is a native command: its failure stops nothing under ErrorActionPreference Stop, so the
	// script must read $LASTEXITCODE, or a refused purge reads as done.
	test("klist refused (not an administrator on hop 1): the purge fails with klist's own lines, as the lab gives it, and the refusal stays cached", async () => {
		const notAdministrator = (scenario: Scenario) => {
			scenario.machines.hyperv1!.notAdministratorOverRemoting = true;
			scenario.directory!.refusedDelegation = {hyperv1: ['fs01']};
		};
		const state = scenarioCopy('rbkcd', notAdministrator);
		const host = await stubbedHost(state);
		const edited = structuredClone(builtIn('rbkcd'));
		notAdministrator(edited);
		const lab = createLabHost({scenario: edited});
		try {
			const purged = await host.purgeKerberosTickets(hop1, admin);
			expect(purged.ok).toBe(false);
			expect(purged.ok ? '' : purged.error.message).toContain(
				'klist failed with 0xc0000022/-1073741790: {Access Denied}',
			);
			expect(await lab.purgeKerberosTickets(hop1, admin)).toEqual(purged);
			expect(readState(state).directory?.refusedDelegation).toEqual({hyperv1: ['fs01']});
			expect(lab.snapshot().directory?.refusedDelegation).toEqual({hyperv1: ['fs01']});
		} finally {
			await host.dispose();
		}
	}, 60_000);

	test('without the right to write: the read says so, and Set-ADComputer fails with ActiveDirectoryServer:8344', async () => {
		const host = await stubbedHost(scenarioCopy('rbkcd-no-rights'));
		try {
			const read = await host.readResourceDelegation(hop1, hop2);
			expect(read.ok && read.value.target?.writable).toBe(false);
			const write = await host.setResourceDelegation(hop2, [web01, hyperv1]);
			expect(write.ok ? undefined : write.error).toMatchObject({
				message: 'Insufficient access rights to perform the operation',
				fullyQualifiedErrorId:
					'ActiveDirectoryServer:8344,Microsoft.ActiveDirectory.Management.Commands.SetADComputer',
			});
		} finally {
			await host.dispose();
		}
	}, 60_000);

	test('without the ActiveDirectory module: Get-Module -ListAvailable finds nothing, and nothing else is read', async () => {
		const host = await stubbedHost(scenarioCopy('file-share'));
		try {
			expect(await host.readResourceDelegation(hop1, hop2)).toEqual({
				ok: true,
				value: {moduleAvailable: false},
			});
		} finally {
			await host.dispose();
		}
	}, 60_000);

	// Without the module Set-ADComputer is no command at all (the stub module exports the AD
	// cmdlets only where the scenario installs it): PowerShell's own lookup fails with
	// CommandNotFoundException, in the running engine's words. An undo run from a machine without
	// RSAT meets this; the lab says the same (in Windows PowerShell 5.1's words).
	test('without the ActiveDirectory module Set-ADComputer is not a command: CommandNotFoundException, as the lab gives it', async () => {
		const noModule = (scenario: Scenario) => {
			scenario.machines['admin-ws']!.shell!.activeDirectoryModule = false;
		};
		const state = scenarioCopy('rbkcd', noModule);
		const before = readState(state).directory;
		const host = await stubbedHost(state);
		const edited = builtIn('rbkcd');
		noModule(edited);
		const lab = createLabHost({scenario: edited});
		try {
			const write = await host.setResourceDelegation(hop2, [web01]);
			const notACommand = {
				message: expect.stringMatching(
					/^The term 'Set-ADComputer' is not recognized as (the|a) name of a cmdlet, function, script file, or (operable|executable) program\.\s+Check the spelling of the name/,
				),
				fullyQualifiedErrorId: 'CommandNotFoundException',
				categoryInfo: expect.stringMatching(/^ObjectNotFound: \(Set-ADComputer:String\) \[\], /),
			};
			expect(write.ok ? undefined : write.error).toMatchObject(notACommand);
			const labWrite = await lab.setResourceDelegation(hop2, [web01]);
			expect(labWrite.ok ? undefined : labWrite.error).toMatchObject(notACommand);
			expect(readState(state).directory).toEqual(before);
			expect(lab.snapshot().directory).toEqual(before);
		} finally {
			await host.dispose();
		}
	}, 60_000);
});
