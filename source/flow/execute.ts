// Runs the remote action the reducer asked for on the host, with the arguments it gave. The only
// place the flow touches I/O.
import type {Credential, Host, TaskPlace} from '../hosts/host.js';
import {isAddressAnyHttps, type Outcome} from '../windows/records.js';
import {restoreClientPlan} from '../operations/enable-client-credssp.js';
import {restoreNtlmOnlyWrite} from '../operations/set-ntlm-only-list.js';
import {withoutTrustedHost} from '../windows/trusted-hosts.js';
import {
	activeDirectoryModuleMissing,
	knownSids,
	withoutDelegates,
} from '../windows/resource-delegation.js';
import {hasDelegateAce} from '../windows/delegation-descriptor.js';
import {restoreEntryPlan} from '../tree/credssp-off-client.js';
import type {
	ChangeRecord,
	FlowState,
	Operation,
	OperationName,
	OperationResult,
} from '../tree/state.js';

function credentialOf(state: FlowState): Credential {
	const {user, password} = state.inputs;
	if (user === undefined || password === undefined) throw new Error('No credential entered yet.');
	return {user, password};
}

type Run<N extends OperationName> = (
	host: Host,
	state: FlowState,
	operation: Operation<N>,
) => Promise<OperationResult<N>>;

/** Each remote action on the host, with the arguments the reducer gave it and its typed result. */
const runners: {[N in OperationName]: Run<N>} = {
	'local-context': (host) => host.localContext(),
	'test-first-hop': (host, state, {args}) => host.testFirstHop(args.hop1, credentialOf(state)),
	'run-on-first-hop': (host, state, {args}) =>
		host.runOnFirstHop(args.hop1, credentialOf(state), args.command, args.authentication),
	'run-with-credential': (host, state, {args}) =>
		host.runWithCredential(args.hop1, credentialOf(state), args.command),
	'read-delegation-limits': (host, _state, {args}) => host.readDelegationLimits(args.user),
	'read-wsman-spn': (host, _state, {args}) => host.readWsmanSpn(args.spns),
	'test-second-hop-reach': (host, state, {args}) =>
		host.testSecondHopReach(args.hop1, credentialOf(state), args.hop2, args.ports),
	'read-client-credssp': (host, _state, {args}) =>
		withWinRM(host, args.startWinRM === true, () => host.readClientCredSsp()),
	'read-server-credssp': (host, state, {args}) =>
		host.readServerCredSsp(args.hop1, credentialOf(state)),
	'list-listeners': (host, state, {args}) => host.listListeners(args.hop1, credentialOf(state)),
	'list-certificates': (host, state, {args}) =>
		host.listCertificates(args.hop1, credentialOf(state)),
	'start-winrm-service': (host) => host.startWinRMService(),
	'enable-client-credssp': (host, _state, {args}) =>
		host.enableClientCredSsp(args.delegateComputers),
	'set-delegation-list': async (host, _state, {args}) => {
		const written = await host.setDelegationList(args.values);
		if (!written.ok || args.enableClient !== true) return written;
		return await host.setClientCredSsp(true);
	},
	'set-client-credssp': (host, _state, {args}) => host.setClientCredSsp(args.enabled),
	'enable-server-credssp': (host, state, {args}) =>
		host.enableServerCredSsp(args.hop1, credentialOf(state)),
	'create-https-listener': (host, state, {args}) => {
		if (args.firewallRule === undefined || args.certificate === undefined)
			throw new Error('The HTTPS listener change names no firewall rule or certificate.');
		return host.createHttpsListener(
			args.hop1,
			credentialOf(state),
			args.firewallRule,
			args.certificate,
		);
	},
	'undo-change': (host, state, operation) =>
		withWinRM(host, operation.args.startWinRM === true, () => undoChange(host, state, operation)),
	'resolve-name': (host, _state, {args}) => host.resolveName(args.address),
	'read-trusted-hosts': (host) => host.readTrustedHosts(),
	'add-trusted-host': (host, _state, {args}) => host.addTrustedHost(args.entry),
	'set-ntlm-only-list': (host, _state, {args}) =>
		host.setNtlmOnlyList(args.values, undefined, undefined, args.localGpo),
	'read-session-configurations': (host, state, {args}) =>
		host.readSessionConfigurations(args.hop1, credentialOf(state), args.gmsa, args.pauseSeconds),
	'register-session-configuration': (host, state, {args}) =>
		host.registerSessionConfiguration(args.hop1, credentialOf(state), args.plan, runAsOf(state)),
	'run-in-configuration': (host, state, {args}) =>
		host.runInConfiguration(args.hop1, credentialOf(state), args.name, args.command),
	'read-clock': (host) => host.readClock(),
	'register-revert-task': (host, state, {args}) =>
		host.registerRevertTask(args.task, taskPlace(state, args.hop1)),
	'read-revert-task': (host, state, {args}) =>
		host.readRevertTask(args.taskName, taskPlace(state, args.hop1)),
	'read-resource-delegation': (host, _state, {args}) =>
		host.readResourceDelegation(args.hop1, args.hop2),
	'set-resource-delegation': (host, _state, {args}) =>
		args.edit === undefined
			? host.setResourceDelegation(args.hop2, args.principals)
			: host.editResourceDelegation(args.hop2, args.edit),
	'purge-kerberos-tickets': (host, state, {args}) =>
		host.purgeKerberosTickets(args.hop1, credentialOf(state)),
	'remove-delegation-entry': (host, _state, {args}) =>
		host.setDelegationList(args.values, args.switches, args.hklm, args.keysBefore),
	'disable-server-credssp': (host, state, {args}) =>
		host.disableServerCredSsp(args.hop1, credentialOf(state)),
};

/** The RunAs account and the password typed for it: only for a RunAs configuration. */
function runAsOf(state: FlowState): Credential | undefined {
	const config = state.sessionConfig;
	if (config?.kind !== 'runas') return undefined;
	const {account, runAsPassword} = config;
	if (account === undefined || runAsPassword === undefined)
		throw new Error('No RunAs account and password entered yet.');
	return {user: account, password: runAsPassword};
}

/** A revert task on hop 1 goes through the session there, with the run's credential. */
function taskPlace(state: FlowState, hop1: string | undefined): TaskPlace {
	return hop1 === undefined ? undefined : {hop1, credential: credentialOf(state)};
}

export async function executeOperation<N extends OperationName>(
	host: Host,
	state: FlowState,
	operation: Operation<N>,
): Promise<OperationResult<N>> {
	try {
		reachOverHttps(host, state, operation);
		return await runners[operation.name](host, state, operation);
	} catch (error) {
		// A host bug must not become a stack trace on the admin's screen: report it as a record.
		const exception = error instanceof Error ? error : new Error(String(error));
		return {
			ok: false,
			error: {
				message: `doublehop could not run this step: ${exception.message}`,
				fullyQualifiedErrorId: 'DoublehopInternalError',
				categoryInfo: 'NotSpecified: (:) [], ' + exception.name,
				exceptionType: exception.name,
			},
		};
	}
}

/**
 * A first hop that listens only over HTTPS: the run found it (or --use-ssl said so), or the change
 * being undone was made that way. The host then opens its sessions there with -UseSSL.
 */
function reachOverHttps(host: Host, state: FlowState, operation: Operation): void {
	const undo = operation.change?.undo;
	if (operation.name === 'undo-change' && undo !== undefined && 'hop1' in undo) {
		if (undo.hop1 === undefined) return;
		if (undo.useSsl === true || state.useSsl === true) host.connectOverHttps(undo.hop1);
		return;
	}
	// Reading a revert task before its undo: hop 1 is reached as the task's registration was.
	if (operation.name === 'read-revert-task') {
		const head = state.undoQueue[0]?.undo;
		if (head?.kind !== 'unregister-task' || head.hop1 === undefined) return;
		if (head.useSsl === true || state.useSsl === true) host.connectOverHttps(head.hop1);
		return;
	}
	// A revert task here (no hop1) is on this machine.
	if (state.useSsl === true && 'hop1' in operation.args && operation.args.hop1 !== undefined)
		host.connectOverHttps(operation.args.hop1);
}

/**
 * This machine's WinRM service started for `body` (the reducer saw it stopped: after a restart, a
 * Manual service is), and stopped again however `body` ended. Get-WSManCredSSP needs it running.
 * A stop that fails after `body` worked is the result: the service would be left running unsaid.
 */
async function withWinRM<T>(
	host: Host,
	start: boolean,
	body: () => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
	if (!start) return body();
	const started = await host.startWinRMService();
	if (!started.ok) return started;
	let result: Outcome<T> | undefined;
	try {
		result = await body();
	} finally {
		const stopped = await host.stopWinRMService();
		if (result?.ok === true && !stopped.ok) result = stopped;
	}
	return result;
}

/** Takes back one change, and only what it changed: other delegation entries stay. */
async function undoChange(
	host: Host,
	state: FlowState,
	operation: Operation<'undo-change'>,
): Promise<OperationResult<'undo-change'>> {
	const undo = operation.change?.undo;
	if (undo === undefined) throw new Error('No change to undo.');
	switch (undo.kind) {
		case 'restore-client': {
			const client = await host.readClientCredSsp();
			if (!client.ok) return client;
			const {list, switches, hklm, keysBefore, turnOff} = restoreClientPlan(
				client.value,
				undo.added,
				undo.enabledBefore,
				undo.switchesBefore,
				undo.listBefore,
				undo.keysBefore,
			);
			if (list !== undefined) {
				const written = await host.setDelegationList(list, switches, hklm, keysBefore);
				if (!written.ok) return written;
			}
			if (turnOff) return await host.setClientCredSsp(false);
			return list === undefined ? asBefore : {ok: true, value: {output: ''}};
		}
		case 'stop-winrm': {
			const stopped = await host.stopWinRMService(undo.startType);
			if (!stopped.ok || stopped.value.startTypeNow === undefined) return stopped;
			return {ok: true, value: {output: '', winrmStartTypeNow: stopped.value.startTypeNow}};
		}
		case 'restore-delegation-entry': {
			const client = await host.readClientCredSsp();
			if (!client.ok) return client;
			const plan = restoreEntryPlan(client.value, undo);
			if (plan === undefined) return asBefore;
			return await host.setDelegationList(plan.values, undefined, plan.hklm);
		}
		case 'enable-server': {
			const server = await host.readServerCredSsp(undo.hop1, credentialOf(state));
			if (!server.ok) return server;
			if (server.value.enabled) return asBefore;
			return await host.enableServerCredSsp(undo.hop1, credentialOf(state));
		}
		case 'disable-server': {
			if (maybeMade(state, operation)) {
				const server = await host.readServerCredSsp(undo.hop1, credentialOf(state));
				if (!server.ok) return server;
				if (!server.value.enabled) return asBefore;
			}
			return await host.disableServerCredSsp(undo.hop1, credentialOf(state));
		}
		case 'remove-listener': {
			if (maybeMade(state, operation)) {
				// The rule is added after the listener, so no listener means neither was made.
				const listeners = await host.listListeners(undo.hop1, credentialOf(state));
				if (!listeners.ok) return listeners;
				const made = listeners.value.some(isAddressAnyHttps);
				if (!made) return asBefore;
			}
			const removed = await host.removeHttpsListener(
				undo.hop1,
				credentialOf(state),
				undo.firewallRule,
				undo.certificate?.thumbprint,
			);
			if (!removed.ok || removed.value.cut === undefined) return removed;
			return await readAfterCut(host, state, undo.hop1, removed.value.cut);
		}
		case 'remove-trusted-host': {
			// Only doublehop's entry goes: others, even ones added since, stay in their order.
			const trusted = await host.readTrustedHosts();
			if (!trusted.ok) return trusted;
			const rest = withoutTrustedHost(trusted.value.entries, undo.entry);
			if (rest.length === trusted.value.entries.length) return {ok: true, value: {output: ''}};
			return await host.setTrustedHosts(rest);
		}
		case 'unregister-session-config':
			return await unregisterSessionConfig(host, state, undo);
		case 'restore-ntlm-only': {
			const client = await host.readClientCredSsp();
			if (!client.ok) return client;
			const now = client.value;
			const write = restoreNtlmOnlyWrite(
				{
					list: now.allowFreshCredentialsNtlmOnly,
					...(now.allowFreshNtlmOnlySwitches === undefined
						? {}
						: {switches: now.allowFreshNtlmOnlySwitches}),
					...(now.localGpoAllowFreshCredentialsNtlmOnly === undefined
						? {}
						: {localGpo: now.localGpoAllowFreshCredentialsNtlmOnly}),
				},
				undo,
			);
			if (write === undefined) return {ok: true, value: {output: ''}};
			return await host.setNtlmOnlyList(
				write.values,
				write.switches,
				write.keysBefore,
				write.localGpo,
			);
		}
		case 'unregister-task':
			return await host.unregisterRevertTask(undo.taskName, taskPlace(state, undo.hop1));
		case 'restore-principals': {
			// Only hop 2's object is read (it is named as both); only doublehop's principal goes.
			const read = await host.readResourceDelegation(undo.hop2, undo.hop2);
			if (!read.ok) return read;
			if (!read.value.moduleAvailable)
				return {ok: false, error: activeDirectoryModuleMissing(undo.hop2)};
			const target = read.value.target;
			if (target === undefined) throw new Error(`${undo.hop2}'s computer object was not read.`);
			// By SID, out of the descriptor in place: hop 1 moved or renamed since keeps its SID, and
			// every other ACE stays (deny ACEs and SIDs that name nothing, which the list cannot say).
			const sids = knownSids(undo).filter((sid) => hasDelegateAce(target.descriptor, sid));
			if (knownSids(undo).length > 0) {
				for (const sid of sids) {
					const removed = await host.editResourceDelegation(undo.hop2, {remove: sid});
					if (!removed.ok) return removed;
				}
				return {ok: true, value: {output: ''}};
			}
			// A journal written before SIDs were kept: by DN, through the list.
			const list = target.principals;
			const rest = withoutDelegates(list, target.principalSids, undo);
			if (rest.length === list.length) return {ok: true, value: {output: ''}};
			return await host.setResourceDelegation(undo.hop2, rest);
		}
	}
}

/**
 * A change interrupted while it ran may never have been made, and one a revert task covered may
 * already be taken back: either way its undo reads the state first.
 */
function maybeMade(state: FlowState, operation: Operation): boolean {
	const id = operation.change?.id;
	if (id === undefined) return false;
	return (
		(state.earlier?.maybeMade?.includes(id) ?? false) ||
		(state.revertedByTask?.ids.includes(id) ?? false)
	);
}

/**
 * Unregisters the configuration (and its .pssc). Unregistering restarts nothing (only Register's
 * Set-PSSessionConfiguration does, CustomShellCommands.cs), but a read in a new session still says
 * whether it is gone: that read, not the call's answer, decides.
 */
async function unregisterSessionConfig(
	host: Host,
	state: FlowState,
	undo: Extract<ChangeRecord['undo'], {kind: 'unregister-session-config'}>,
): Promise<OperationResult<'undo-change'>> {
	const credential = credentialOf(state);
	const done = await host.unregisterSessionConfiguration(
		undo.hop1,
		credential,
		undo.name,
		undo.psscPath,
	);
	if (!done.ok) return done;
	const read = await host.readSessionConfigurations(undo.hop1, credential, undefined);
	if (!read.ok) return read;
	const still = read.value.configurations.some(
		(entry) => entry.name.toLowerCase() === undo.name.toLowerCase(),
	);
	if (!still) return {ok: true, value: {output: done.value.output}};
	return {
		ok: false,
		error: {
			message: `${undo.name} is still registered on ${undo.hop1} after Unregister-PSSessionConfiguration${done.value.cut ? `: ${done.value.cut}` : '.'}`,
			fullyQualifiedErrorId: 'SessionConfigurationStillRegistered,doublehop',
			categoryInfo: 'InvalidResult: (:) [], InvalidOperationException',
			exceptionType: 'System.InvalidOperationException',
		},
	};
}

/**
 * The HTTPS listener's removal cut the session over HTTPS that rode on it (WinRM deletes a listener
 * at once). Hop 1 has nothing on 5986 now, so it is read again over HTTP, and that read decides.
 */
async function readAfterCut(
	host: Host,
	state: FlowState,
	hop1: string,
	cut: string,
): Promise<OperationResult<'undo-change'>> {
	host.connectOverHttp(hop1);
	const read = await host.listListeners(hop1, credentialOf(state));
	if (!read.ok) {
		const why = `The session over HTTPS was cut as the HTTPS listener went (${cut}), and reading ${hop1}'s listeners again over HTTP failed: ${read.error.message}`;
		return {ok: false, error: {...read.error, message: why}};
	}
	if (!read.value.some(isAddressAnyHttps)) {
		return {ok: true, value: {output: '', cut}};
	}
	return {
		ok: false,
		error: {
			message: `The HTTPS listener (Address=*) is still on ${hop1} after Remove-WSManInstance: ${cut}`,
			fullyQualifiedErrorId: 'HttpsListenerStillThere,doublehop',
			categoryInfo: 'InvalidResult: (:) [], InvalidOperationException',
			exceptionType: 'System.InvalidOperationException',
		},
	};
}

/** Undo read the machine and found the change already taken back: nothing was run. */
const asBefore = {ok: true, value: {output: '', alreadyAsBefore: true}} as const;
