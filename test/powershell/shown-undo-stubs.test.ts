// Real pwsh against the stubs: the undo shown for a TrustedHosts entry and for a resource-based
// delegation principal, pasted as an admin would after someone added an entry of their own. Each
// must take out only doublehop's own, as `doublehop undo` does (it reads first): the list as it was
// would drop the entry added since.
import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import type {Scenario} from '../../source/hosts/lab/scenario.js';
import {addResourceDelegateCommand} from '../../source/operations/set-resource-delegation.js';
import {undoCommandFor} from '../../source/tree/undo-commands.js';
import type {ChangeRecord} from '../../source/tree/state.js';
import {noPwshReason, pwsh, runWithStubs, scenarioCopy} from './pwsh.js';

const driver = String.raw`param([string]$Module, [string]$UndoPath)
$ErrorActionPreference = 'Stop'
Import-Module $Module
$null = . ([scriptblock]::Create([IO.File]::ReadAllText($UndoPath)))
`;

const web01 = 'CN=WEB01,CN=Computers,DC=contoso,DC=com';
const hyperv1 = 'CN=HYPERV1,CN=Computers,DC=contoso,DC=com';
const app07 = 'CN=APP07,CN=Computers,DC=contoso,DC=com';
// HYPERV1's objectSid in the lab (computer-objects.ts).
const hyperv1Sid = 'S-1-5-21-1004336348-1177238915-682003330-5789';
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Scenario;
const shown = (undo: ChangeRecord['undo']) => undoCommandFor({undo}, undefined);

const title = `the undo shown, pasted under pwsh on the stubs${noPwshReason ? ` (skipped: ${noPwshReason})` : ''}`;

describe.skipIf(pwsh === undefined)(title, () => {
	test("resource-based delegation: only doublehop's principal goes; one added since stays", () => {
		const state = scenarioCopy('rbkcd', (scenario) => {
			scenario.directory!.computers!.fs01!.principals = [web01, hyperv1, app07];
		});
		const undo = shown({
			kind: 'restore-principals',
			hop2: 'fs01.contoso.com',
			added: [hyperv1],
			listBefore: [web01],
		});
		runWithStubs(driver, [undo], state);
		expect(read(state).directory?.computers?.fs01?.principals).toEqual([web01, app07]);
	}, 60_000);

	test('resource-based delegation: the last principal gone leaves none ($null)', () => {
		const state = scenarioCopy('rbkcd', (scenario) => {
			scenario.directory!.computers!.fs01!.principals = [hyperv1];
		});
		const undo = shown({
			kind: 'restore-principals',
			hop2: 'fs01.contoso.com',
			added: [hyperv1],
			listBefore: [],
		});
		runWithStubs(driver, [undo], state);
		expect(read(state).directory?.computers?.fs01?.principals ?? []).toEqual([]);
	}, 60_000);

	test('resource-based delegation: HYPERV1 moved to another OU since is still taken out, by its objectSid', () => {
		const moved = 'CN=HYPERV1,OU=Hyper-V Hosts,DC=contoso,DC=com';
		const state = scenarioCopy('rbkcd', (scenario) => {
			// The attribute keeps SIDs: HYPERV1's is still there after the move, printed as `moved`.
			scenario.directory!.computers!.fs01!.principals = [web01, hyperv1Sid, app07];
			scenario.directory!.computers!.hyperv1 = {principals: [], distinguishedName: moved};
		});
		const undo = shown({
			kind: 'restore-principals',
			hop2: 'fs01.contoso.com',
			added: [hyperv1],
			addedSids: [hyperv1Sid],
			listBefore: [web01],
		});
		runWithStubs(driver, [undo], state);
		expect(read(state).directory?.computers?.fs01?.principals).toEqual([web01, app07]);
	}, 60_000);

	test("resource-based delegation: the change and the undo shown, pasted, keep a deny ACE and an orphaned SID and leave FS01's descriptor as it was", () => {
		const domainSid = 'S-1-5-21-1004336348-1177238915-682003330';
		const others = [
			`(D;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;${domainSid}-4242)`,
			`(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;${domainSid}-7777)`,
		];
		const state = scenarioCopy('rbkcd', (scenario) => {
			scenario.directory!.computers!.fs01!.otherAces = others;
		});
		const before = read(state).directory;
		runWithStubs(
			driver,
			[addResourceDelegateCommand('fs01.contoso.com', hyperv1, hyperv1Sid)],
			state,
		);
		expect(read(state).directory?.computers?.fs01).toEqual({
			principals: [web01, hyperv1Sid],
			otherAces: others,
		});
		const undo = shown({
			kind: 'restore-principals',
			hop2: 'fs01.contoso.com',
			added: [hyperv1],
			addedSids: [hyperv1Sid],
			listBefore: [web01],
		});
		runWithStubs(driver, [undo], state);
		expect(read(state).directory).toEqual(before);
	}, 60_000);

	test("TrustedHosts: only doublehop's entry goes; one added since stays, in its place", () => {
		const state = scenarioCopy('ip-first-hop', (scenario) => {
			scenario.machines['admin-ws']!.trustedHosts = ['192.168.7.5', '10.0.0.21', 'buildbox2'];
		});
		const undo = shown({
			kind: 'remove-trusted-host',
			entry: '10.0.0.21',
			listBefore: ['192.168.7.5'],
		});
		runWithStubs(driver, [undo], state);
		expect(read(state).machines['admin-ws']!.trustedHosts).toEqual(['192.168.7.5', 'buildbox2']);
	}, 60_000);
});
