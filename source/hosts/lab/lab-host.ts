// The simulated lab: a Host that answers from a scenario's machines instead of real PowerShell,
// so the whole guided flow runs on any machine. Changes persist to a state file (when given),
// which is how a second run finds the fix already in place.
import {randomUUID} from 'node:crypto';
import {mkdirSync, renameSync, writeFileSync} from 'node:fs';
import {dirname} from 'node:path';
import type {Credential, Host} from '../host.js';
import type {ClientCredSsp, CommandOutput, Outcome, ServerCredSsp} from '../../windows/records.js';
import {switchesWith} from '../../windows/delegation.js';
import {policyPaths} from '../../windows/policy-paths.js';
import {credSspTool} from '../../windows/gpt-ini.js';
import type {LabMachine, Scenario} from './scenario.js';
import {
	appendLocalGpoEntries,
	applyLocalGpo,
	saveLocalGpo,
	clientMachine,
	effective,
	localGpoList,
	localGpoNumbered,
	hklmSwitches,
	localGpoSwitches,
	ntlmOnlySwitches,
	delegationKeys,
	setSwitches,
	openCredSspSession,
	openSession,
	runOnHop,
	writeDelegationList,
	type LabState,
} from './simulate.js';
import {languageLocked} from './language-locked.js';
import {delegationLimits} from './delegation-limits.js';
import {wsmanSpn} from './wsman-spn.js';
import {secondHopReach} from './second-hop-reach.js';
import {clientTrustCalls} from './client-trust.js';
import {listenerCalls} from './listener-calls.js';
import {restartGoesOn, sessionConfigurationCalls} from './session-configurations.js';
import {directoryCalls} from './directory-calls.js';
import {readSavedLab} from './saved-state.js';
import {interruptible} from './interruptible.js';
import {windowsErrors} from './windows-errors.js';
import {advanceLabClock, revertTaskCalls, type FiredTask} from './scheduled-tasks.js';

export type LabHostOptions = {
	scenario: Scenario;
	/** Where changes are kept between runs; without it, the lab forgets on exit. */
	stateFile?: string;
	/** Simulated latency per remote call, so a demo shows each step happen. */
	delayMs?: number;
};

export type LabHost = Host & {
	/** A deep copy of the machines as they are now, for tests and `--lab-state`. */
	snapshot(): LabState;
	/** `gpupdate /target:computer /force` on the admin's machine: the local GPO is applied again. */
	groupPolicyUpdate(): void;
	/** --lab-advance: the lab clock moves on, and every scheduled task now due fires. */
	advanceClock(minutes: number): FiredTask[];
};

const clone = <T>(value: T): T => structuredClone(value);

const ok = <T>(value: T): Outcome<T> => ({ok: true, value});

function loadState(scenario: Scenario, stateFile: string | undefined): LabState {
	const fresh: LabState = {
		name: scenario.name,
		client: scenario.client,
		accounts: clone(scenario.accounts),
		machines: clone(scenario.machines),
		...(scenario.directory === undefined ? {} : {directory: clone(scenario.directory)}),
	};
	if (stateFile === undefined) return fresh;
	const saved = readSavedLab(scenario, stateFile);
	// Accounts come from the scenario only: the state file never holds a (lab) password.
	return saved.kind === 'saved' ? {...saved.state, accounts: fresh.accounts} : fresh;
}

/** Get-Service's StartType; a scenario that does not say is a server's Automatic. */
function winrmStartType(machine: LabMachine): 'Automatic' | 'Manual' | 'Disabled' {
	return machine.winrmStartType ?? 'Automatic';
}

/** $env:COMPUTERNAME: the first label of the FQDN, upper-case. */
function computerName(machine: LabMachine): string {
	return machine.fqdn.split('.')[0]?.toUpperCase() ?? machine.fqdn;
}

function authTable(rows: [string, string][]): string {
	const width = Math.max(...rows.map(([k]) => k.length));
	return rows.map(([k, v]) => `${k.padEnd(width)} : ${v}`).join('\n');
}

function wsmanCredSspLines(machine: LabMachine): string[] {
	const entries = effective
		.allowFreshAsRead(machine)
		.filter((e) => e.toLowerCase().startsWith('wsman'));
	// Get-WSManCredSSP builds the list by prepending, so it prints the entries in reverse.
	const first =
		entries.length === 0
			? 'The machine is not configured to allow delegating fresh credentials.'
			: `The machine is configured to allow delegating fresh credentials to the following target(s): ${[...entries].reverse().join(',')}`;
	const second = effective.serverCredSsp(machine)
		? 'This computer is configured to receive credentials from a remote client computer.'
		: 'This computer is not configured to receive credentials from a remote client computer.';
	return [first, second];
}

export function createLabHost(options: LabHostOptions): LabHost {
	const state = loadState(options.scenario, options.stateFile);
	const delay = () => new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));

	const save = () => {
		if (options.stateFile === undefined) return;
		mkdirSync(dirname(options.stateFile), {recursive: true});
		// Write then rename, so a run killed mid-write never leaves half a lab.
		const temporary = `${options.stateFile}.${process.pid}.tmp`;
		const {accounts: _accounts, ...machines} = state;
		writeFileSync(temporary, JSON.stringify(machines, null, 2));
		renameSync(temporary, options.stateFile);
	};

	const client = () => clientMachine(state);
	// First hops every session reaches with -UseSSL (port 5986), by the name as typed.
	const overHttps = new Set<string>();
	const reachedOverHttps = (hop1: string) => overHttps.has(hop1.toLowerCase());
	const elevated = () => client().shell?.elevated ?? false;

	/** A session on the first hop as this credential, over HTTPS once the hop is reached so. */
	const sessionOn = async (
		hop1: string,
		credential: Credential,
		open: typeof openSession = openSession,
	) => {
		await delay();
		restartGoesOn(state, hop1, save);
		return open(state, hop1, credential.user, credential.password.reveal(), reachedOverHttps(hop1));
	};

	const onHop1 = async <T>(
		hop1: string,
		credential: Credential,
		action: (machine: LabMachine, psComputerName: string) => Outcome<T>,
	): Promise<Outcome<T>> => {
		const session = await sessionOn(hop1, credential);
		if (!session.ok) return session;
		return action(session.value.machine, session.value.typed);
	};

	const lab: Omit<LabHost, 'interrupt'> = {
		kind: 'lab',
		description: `simulated lab: ${options.scenario.name}`,

		snapshot: () => clone(state),

		connectOverHttps(hop1) {
			overHttps.add(hop1.toLowerCase());
		},

		connectOverHttp(hop1) {
			overHttps.delete(hop1.toLowerCase());
		},

		groupPolicyUpdate() {
			applyLocalGpo(client());
			save();
		},

		advanceClock(minutes) {
			const fired = advanceLabClock(state, minutes);
			save();
			return fired;
		},

		...revertTaskCalls(state, onHop1, save, delay),

		async localContext() {
			await delay();
			const machine = client();
			const shell = machine.shell ?? {
				psEdition: 'Desktop',
				psVersion: '5.1',
				elevated: false,
				user: '',
			};
			return ok({
				computerName: computerName(machine),
				...(machine.domain === null ? {} : {domain: machine.domain}),
				psEdition: shell.psEdition,
				psVersion: shell.psVersion,
				os: machine.os,
				elevated: shell.elevated,
				user: shell.user,
				winrmService: {
					status: machine.winrmRunning ? 'Running' : 'Stopped',
					startType: winrmStartType(machine),
				},
			});
		},

		async testFirstHop(hop1, credential) {
			const session = await sessionOn(hop1, credential);
			if (!session.ok) return session;
			const {machine, authentication} = session.value;
			return ok({computerName: computerName(machine), fqdn: machine.fqdn, authentication});
		},

		...clientTrustCalls(state, save, delay),

		async runOnFirstHop(hop1, credential, command, authentication) {
			const open = authentication === 'CredSSP' ? openCredSspSession : openSession;
			const session = await sessionOn(hop1, credential, open);
			if (!session.ok) return session;
			return runOnHop(state, session.value, command);
		},

		async runWithCredential(hop1, credential, command) {
			const session = await sessionOn(hop1, credential);
			if (!session.ok) return session;
			return runOnHop(state, session.value, command, true);
		},

		async readDelegationLimits(user) {
			await delay();
			return ok(delegationLimits(state, user));
		},

		async readWsmanSpn(spns) {
			await delay();
			return ok(wsmanSpn(state, spns));
		},

		testSecondHopReach: (hop1, credential, hop2, ports) =>
			onHop1(hop1, credential, () => ok(secondHopReach(state, hop2, ports))),

		async readClientCredSsp() {
			await delay();
			if (!elevated())
				return {
					ok: false,
					error: windowsErrors.notElevated('Get-WSManCredSSP', 'GetWSManCredSSPCommand'),
				};
			const machine = client();
			if (!machine.winrmRunning) {
				const error = windowsErrors.localWinRMStopped(
					'Get-WSManCredSSP',
					'GetWSManCredSSPCommand',
					machine.fqdn,
				);
				return {ok: false, error};
			}
			const {policies} = machine;
			const value: ClientCredSsp = {
				enabled: effective.clientCredSsp(machine),
				allowFreshCredentials: [...effective.allowFreshAsRead(machine)],
				localGpoAllowFreshCredentials: localGpoList(machine),
				...(localGpoNumbered(machine) ? {} : {localGpoListGaps: true as const}),
				allowFreshSwitches: effective.allowFreshSwitches(machine),
				localGpoAllowFreshSwitches: localGpoSwitches(machine),
				allowFreshCredentialsNtlmOnly: [...machine.allowFreshCredentialsNtlmOnly],
				allowFreshNtlmOnlySwitches: ntlmOnlySwitches(machine),
				...(machine.localGpoAllowFreshCredentialsNtlmOnly === undefined
					? {}
					: {
							localGpoAllowFreshCredentialsNtlmOnly: [
								...machine.localGpoAllowFreshCredentialsNtlmOnly,
							],
						}),
				delegationKeys: delegationKeys(machine),
				getWSManCredSspText: wsmanCredSspLines(machine),
				oraclePatched: machine.oraclePatched,
				...(machine.encryptionOracle === null ? {} : {encryptionOracle: machine.encryptionOracle}),
				...(policies.clientAllowCredSsp === undefined
					? {}
					: {
							policyAllowCredSsp: {
								value: policies.clientAllowCredSsp,
								...policyPaths.clientAllowCredSsp,
							},
						}),
				...(policies.allowFreshCredentials === undefined
					? {}
					: {
							policyDelegation: {
								value: [...policies.allowFreshCredentials],
								...policyPaths.allowFreshCredentials,
							},
						}),
				...(policies.allowFreshCredentialsDisabled === true
					? {
							policyDelegationDisabled: {
								value: true as const,
								...policyPaths.allowFreshCredentialsSwitch,
							},
						}
					: {}),
				...(policies.denyFreshCredentials === undefined
					? {}
					: {
							policyDenyDelegation: {
								value: [...policies.denyFreshCredentials],
								...policyPaths.denyFreshCredentials,
							},
						}),
				...(policies.allowFreshCredentialsNtlmOnly === undefined
					? {}
					: {
							policyNtlmOnlyDelegation: {
								value: [...policies.allowFreshCredentialsNtlmOnly],
								...policyPaths.allowFreshCredentialsNtlmOnly,
							},
						}),
			};
			return ok(value);
		},

		readServerCredSsp: (hop1, credential) =>
			onHop1(hop1, credential, (machine) => {
				const policy = machine.policies.serviceAllowCredSsp;
				const value: ServerCredSsp = {
					enabled: effective.serverCredSsp(machine),
					oraclePatched: machine.oraclePatched,
					...(machine.encryptionOracle === null
						? {}
						: {encryptionOracle: machine.encryptionOracle}),
					...(policy === undefined
						? {}
						: {policyAllowCredSsp: {value: policy, ...policyPaths.serviceAllowCredSsp}}),
				};
				return ok(value);
			}),

		...listenerCalls(onHop1, save, reachedOverHttps),
		...sessionConfigurationCalls(state, save, sessionOn),

		...directoryCalls(state, save, delay, onHop1),

		async enableClientCredSsp(delegateComputers) {
			await delay();
			if (!elevated()) {
				return {
					ok: false,
					error: windowsErrors.notElevated('Enable-WSManCredSSP', 'EnableWSManCredSSPCommand'),
				};
			}
			const machine = client();
			// Its first read of the WinRM client config fails before anything is written.
			if (!machine.winrmRunning) {
				const error = windowsErrors.localWinRMStopped(
					'Enable-WSManCredSSP',
					'EnableWSManCredSSPCommand',
					machine.fqdn,
					delegateComputers,
				);
				return {ok: false, error};
			}
			if (machine.policies.clientAllowCredSsp !== undefined) {
				return {
					ok: false,
					error: windowsErrors.gpoControlled('Enable-WSManCredSSP', 'EnableWSManCredSSPCommand'),
				};
			}
			machine.credssp.client = true;
			// CredSSP.cs UpdateCurrentUserRegistrySettings: the local GPO gets wsman/<name> appended for
			// every name, duplicates included; IGroupPolicyObject::Save then refreshes policy into HKLM.
			const names = delegateComputers.map((name) => `wsman/${name}`);
			// UpdateGPORegistrySettings also sets AllowFreshCredentials and ConcatenateDefaults_AllowFresh
			// to 1 there, whatever they were (a local policy set to Disabled is Enabled again).
			appendLocalGpoEntries(machine, names);
			setSwitches(machine, {hklm: hklmSwitches(machine), localGpo: switchesWith(names)});
			// Save(TRUE, TRUE, registry CSE, its tool GUID) lists the pair in gpt.ini (CredSSP.cs:645).
			saveLocalGpo(machine, credSspTool);
			applyLocalGpo(machine);
			save();
			// ValidateCreadSSPRegistryRetry: each exact wsman/<name> must show up in HKLM (a domain
			// GPO's list or Disabled wins there), else the error after about 60 s of polling.
			const missing = names.filter((name) => !effective.allowFresh(machine).includes(name));
			if (missing.length > 0) return {ok: false, error: windowsErrors.delegationCannotBeEnabled()};
			return ok({
				output: authTable([
					['cfg', 'http://schemas.microsoft.com/wbem/wsman/1/config/client/auth'],
					['lang', 'en-US'],
					['Basic', 'true'],
					['Digest', 'true'],
					['Kerberos', 'true'],
					['Negotiate', 'true'],
					['Certificate', 'true'],
					['CredSSP', 'true'],
				]),
			});
		},

		enableServerCredSsp: (hop1, credential) =>
			onHop1(hop1, credential, (machine, psComputerName) => {
				if (machine.policies.serviceAllowCredSsp !== undefined) {
					return {
						ok: false,
						error: windowsErrors.gpoControlled(
							'Enable-WSManCredSSP',
							'EnableWSManCredSSPCommand',
							psComputerName,
						),
					};
				}
				machine.credssp.server = true;
				save();
				return ok({
					output: authTable([
						['cfg', 'http://schemas.microsoft.com/wbem/wsman/1/config/service/auth'],
						['lang', 'en-US'],
						['Basic', 'false'],
						['Kerberos', 'true'],
						['Negotiate', 'true'],
						['Certificate', 'false'],
						['CredSSP', 'true'],
						['CbtHardeningLevel', 'Relaxed'],
						// A remote object's list view ends with what remoting adds to it (Job.cs
						// HandleOutputReady): the computer, then the remote runspace's id.
						['PSComputerName', psComputerName],
						['RunspaceId', randomUUID()],
					]),
				});
			}),

		async setClientCredSsp(enabled) {
			await delay();
			const machine = client();
			// Set-Item WSMan:\… -Force starts a stopped WinRM service without asking (ConfigProvider.cs
			// StartWSManService: Restart-Service WinRM -Force); a Disabled one does not start.
			if (!machine.winrmRunning) {
				if (winrmStartType(machine) === 'Disabled') {
					return {
						ok: false,
						error: windowsErrors.wsmanDriveCannotConnect('Set-Item', 'SetItemCommand'),
					};
				}
				machine.winrmRunning = true;
			}
			if (machine.policies.clientAllowCredSsp !== undefined) {
				return {ok: false, error: windowsErrors.gpoControlled('Set-Item', 'SetItemCommand')};
			}
			machine.credssp.client = enabled;
			save();
			return ok({output: ''});
		},

		async startWinRMService() {
			await delay();
			const machine = client();
			if (winrmStartType(machine) === 'Disabled') {
				return {ok: false, error: windowsErrors.serviceCannotStart()};
			}
			machine.winrmRunning = true;
			save();
			return ok({output: ''});
		},

		async stopWinRMService(startType) {
			await delay();
			const machine = client();
			// Another start type since (Enable-PSRemoting, a GPO): the undo's script leaves it running.
			const now = winrmStartType(machine);
			if (startType !== undefined && startType !== now) return ok({output: '', startTypeNow: now});
			machine.winrmRunning = false;
			save();
			return ok({output: ''});
		},

		async setDelegationList(values, switches, hklm, keysBefore) {
			await delay();
			const machine = client();
			writeDelegationList(machine, values, switches, hklm, keysBefore);
			save();
			return ok({output: ''});
		},

		disableServerCredSsp: (hop1, credential) =>
			onHop1(hop1, credential, (machine, psComputerName): Outcome<CommandOutput> => {
				if (machine.policies.serviceAllowCredSsp !== undefined) {
					const error = windowsErrors.gpoControlled(
						'Disable-WSManCredSSP',
						'DisableWSManCredSSPCommand',
						psComputerName,
					);
					return {ok: false, error};
				}
				// CredSSP.cs DisableServerSideSettings: one WS-Management Put of
				// <cfg:CredSSP>false</cfg:CredSSP> to the service's auth config, nothing else, no output.
				machine.credssp.server = false;
				save();
				return ok({output: ''});
			}),

		async dispose() {
			save();
		},
	};
	return languageLocked(interruptible(lab, options.scenario.slowCalls), client().shell);
}
