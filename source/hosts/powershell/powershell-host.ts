// The real Host: every method runs one operation script in the run's single PowerShell process.
// Names are checked before anything runs; a bad one comes back as an ErrorRecord that says why.
import type {Credential, Host} from '../host.js';
import type {Outcome} from '../../windows/records.js';
import {createHttpsListener} from '../../operations/create-https-listener.js';
import {disableServerCredSsp} from '../../operations/disable-server-credssp.js';
import {enableClientCredSsp} from '../../operations/enable-client-credssp.js';
import {enableServerCredSsp} from '../../operations/enable-server-credssp.js';
import {listCertificates} from '../../operations/list-certificates.js';
import {listListeners} from '../../operations/list-listeners.js';
import {localContext} from '../../operations/local-context.js';
import type {OperationScript, ParameterValue} from '../../operations/operation.js';
import {readClientCredSsp} from '../../operations/read-client-credssp.js';
import {readDelegationLimits} from '../../operations/read-delegation-limits.js';
import {readWsmanSpn} from '../../operations/read-wsman-spn.js';
import {reachWaitMs, testSecondHopReach} from '../../operations/test-second-hop-reach.js';
import {readEncryptionOracleScript} from '../../operations/read-encryption-oracle.js';
import {readPoliciesScript} from '../../operations/read-policies.js';
import {readServerCredSsp} from '../../operations/read-server-credssp.js';
import {removeHttpsListener} from '../../operations/remove-https-listener.js';
import {runOnFirstHop} from '../../operations/run-on-first-hop.js';
import {runWithCredential} from '../../operations/run-with-credential.js';
import {setClientCredSsp} from '../../operations/set-client-credssp.js';
import {setDelegationList, switchParameters} from '../../operations/set-delegation-list.js';
import {revertTaskCalls} from './revert-task-calls.js';
import {testFirstHop} from '../../operations/test-first-hop.js';
import {resolveName} from '../../operations/resolve-name.js';
import {keysBeforeTexts} from '../../operations/credentials-list.js';
import {
	ntlmOnlyLocalGpoParameters,
	ntlmOnlySwitchParameter,
	setNtlmOnlyList,
} from '../../operations/set-ntlm-only-list.js';
import {addTrustedHost, readTrustedHosts, setTrustedHosts} from '../../operations/trusted-hosts.js';
import {startWinRMService, stopWinRMService} from '../../operations/winrm-service.js';
import {purgeKerberosTickets} from '../../operations/purge-kerberos-tickets.js';
import {readResourceDelegation} from '../../operations/read-resource-delegation.js';
import {setResourceDelegation} from '../../operations/set-resource-delegation.js';
import {computerIdentity} from '../../windows/resource-delegation.js';
import {
	readSessionConfigurations,
	registerParameters,
	registerSessionConfiguration,
	runInConfiguration,
	unregisterSessionConfiguration,
} from '../../operations/session-configuration.js';
import {
	checkDelegateComputer,
	checkDelegationEntry,
	checkHostName,
	checkUserName,
} from '../../safety/names.js';
import type {Checked} from '../../safety/names.js';
import type {FoundPowerShell} from './find-powershell.js';
import {interruptedCall} from '../interrupted.js';
import {invalidArgument} from './host-errors.js';
import {PowerShellSession} from './session.js';
import type {FleetCalls} from '../fleet-calls.js';
import {powerShellFleetCalls, type FanOut} from './fleet-calls.js';
import {probeSeconds} from '../port-probe.js';

export type PowerShellHostOptions = {
	/** What findPowerShell() found. */
	powershell: FoundPowerShell;
	/** Limit for each call, in seconds (default 30). */
	timeoutSeconds?: number;
	/** Limit for the admin's own command on hop 1, which may be slow (default 120). */
	commandTimeoutSeconds?: number;
	/**
	 * How long WinRM may take to open a session to a host that answers (default 60: a slow host
	 * over a VPN or WAN). A host where nothing answers on port 5985 is told within 3 s anyway.
	 */
	connectTimeoutSeconds?: number;
	/**
	 * Test only: a PowerShell module imported into the session before any operation runs. The
	 * real-pwsh tests use it to load fixtures/pwsh/DoublehopLabStubs.psm1. Never set it otherwise.
	 */
	testOnlyModule?: string;
};

/** How long a call in flight may take to finish on its own after Ctrl+C before PowerShell is ended. */
const interruptGraceMs = 500;

const defaultConnectTimeoutSeconds = 60;

export type PowerShellHost = Host & {
	readonly kind: 'powershell';
	/** Many first hops at once, fanned out by this one PowerShell process (fleet-calls.ts). */
	readonly fleet: FleetCalls;
	/** How many PowerShell processes this host has started (1 unless one stopped answering). */
	readonly processesStarted: number;
	/** How many remote sessions PowerShell has opened to first hops (one per hop, plus CredSSP). */
	readonly sessionsOpened: number;
	/** What PowerShell did about the console's Ctrl+C ('ignored' on Windows), once started. */
	readonly ctrlC: string | undefined;
};

type Bad = {ok: false; error: ReturnType<typeof invalidArgument>};

function refuse(what: string, checked: Checked): Bad | undefined {
	return checked.ok ? undefined : {ok: false, error: invalidArgument(what, checked.reason)};
}

/** Above Enable-WSManCredSSP's own 60 s policy wait, with room for the policy refresh itself. */
const enableClientCredSspLimitMs = 90_000;

export function createPowerShellHost(options: PowerShellHostOptions): PowerShellHost {
	const timeoutMs = (options.timeoutSeconds ?? 30) * 1000;
	const connectTimeoutMs = (options.connectTimeoutSeconds ?? defaultConnectTimeoutSeconds) * 1000;
	const session = new PowerShellSession({
		powershell: options.powershell,
		connectTimeoutMs,
		...(options.testOnlyModule === undefined ? {} : {testOnlyModule: options.testOnlyModule}),
	});

	// Ctrl+C: calls in flight get a short grace, then end as interrupted; later calls fail at once.
	let interrupting: Promise<void> | undefined;
	let cutShort: () => void = () => {};
	const cut = new Promise<void>((resolve) => {
		cutShort = resolve;
	});
	const inFlight = new Set<Promise<unknown>>();
	const interruptible = <T>(target: string, call: () => Promise<Outcome<T>>) => {
		const interrupted: Outcome<T> = {ok: false, error: interruptedCall(target)};
		if (interrupting !== undefined) return Promise.resolve(interrupted);
		const running = call();
		inFlight.add(running);
		void running.finally(() => inFlight.delete(running));
		return Promise.race([running, cut.then(() => interrupted)]);
	};

	const local = <T>(
		operation: OperationScript<T>,
		parameters: Record<string, ParameterValue> = {},
		limitMs = timeoutMs,
	) =>
		interruptible(
			'localhost',
			() =>
				session.run({operation, parameters, target: 'localhost', timeoutMs: limitMs}) as Promise<
					Outcome<T>
				>,
		);

	// hop 2's computer object, checked, then the one script with its unused parameters empty.
	const setDelegation = (hop2: string, parameters: Record<string, ParameterValue>) => {
		const name = checkHostName(hop2);
		const bad = refuse('Identity', name);
		if (bad !== undefined || !name.ok)
			return Promise.resolve(bad ?? {ok: false as const, error: invalidArgument('Identity', '')});
		return local(setResourceDelegation, {
			Target: computerIdentity(name.value),
			Principals: [],
			Delegate: '',
			AddSid: '',
			RemoveSid: '',
			...parameters,
		});
	};

	const remote = <T>(
		operation: OperationScript<T>,
		hop1: string,
		credential: Credential,
		parameters: Record<string, ParameterValue> = {},
		limitMs = timeoutMs,
		authentication: 'Default' | 'CredSSP' = 'Default',
		runAs?: Credential,
	): Promise<Outcome<T>> => {
		const host = checkHostName(hop1);
		const bad =
			refuse('ComputerName', host) ?? refuse('Credential', checkUserName(credential.user));
		if (bad !== undefined || !host.ok)
			return Promise.resolve(bad ?? {ok: false, error: invalidArgument('ComputerName', '')});
		const target = host.value;
		return interruptible(
			target,
			() =>
				session.run({
					operation,
					parameters: {ComputerName: target, ...parameters},
					credential: {user: credential.user.trim(), password: credential.password},
					authentication,
					useSsl: overHttps.has(target.toLowerCase()),
					...(runAs === undefined
						? {}
						: {runAs: {user: runAs.user.trim(), password: runAs.password}}),
					target,
					// The session to hop 1 may have to be opened first, within its own time-out.
					timeoutMs: limitMs + connectTimeoutMs,
				}) as Promise<Outcome<T>>,
		);
	};

	// First hops reached with -UseSSL (port 5986), by the checked name.
	const overHttps = new Set<string>();

	const readers = {PolicyReader: readPoliciesScript, OracleReader: readEncryptionOracleScript};

	const fanOut: FanOut = (operation, credential, parameters, target, limitMs) => {
		const bad = refuse('Credential', checkUserName(credential.user));
		if (bad !== undefined) return Promise.resolve(bad);
		return interruptible(
			target,
			() =>
				session.run({
					operation,
					parameters,
					credential: {user: credential.user.trim(), password: credential.password},
					target,
					// The port look first (one shared deadline), then every session is opened, in
					// parallel, within its own time-out: once for the hosts over HTTP, once more for
					// those only over HTTPS (one Invoke-Command each, one after the other), so a hung
					// HTTP host cannot cut the HTTPS hosts short.
					timeoutMs: probeSeconds * 1000 + 2 * (limitMs + connectTimeoutMs),
				}) as Promise<Outcome<never>>,
		);
	};

	return {
		kind: 'powershell',
		get description() {
			const version = session.version;
			if (version === undefined) {
				return options.powershell.kind === 'powershell'
					? 'Windows PowerShell'
					: 'PowerShell 7 (pwsh)';
			}
			return `${version.psEdition === 'Desktop' ? 'Windows PowerShell' : 'PowerShell'} ${version.psVersion}`;
		},
		get processesStarted() {
			return session.processesStarted;
		},
		get sessionsOpened() {
			return session.sessionsOpened;
		},
		get ctrlC() {
			return session.ctrlC;
		},

		fleet: powerShellFleetCalls(fanOut, {
			connectTimeoutMs,
			probeMs: probeSeconds * 1000,
			timeoutMs,
			commandTimeoutMs: (options.commandTimeoutSeconds ?? 120) * 1000,
			readers,
		}),

		connectOverHttps(hop1) {
			const checked = checkHostName(hop1);
			if (checked.ok) overHttps.add(checked.value.toLowerCase());
		},

		connectOverHttp(hop1) {
			const checked = checkHostName(hop1);
			if (checked.ok) overHttps.delete(checked.value.toLowerCase());
		},

		...revertTaskCalls(local, (operation, hop1, credential, parameters) =>
			remote(operation, hop1, credential, parameters),
		),

		localContext: () => local(localContext),
		testFirstHop: (hop1, credential) => remote(testFirstHop, hop1, credential),
		runOnFirstHop: (hop1, credential, command, authentication) =>
			remote(
				runOnFirstHop,
				hop1,
				credential,
				{Command: command},
				(options.commandTimeoutSeconds ?? 120) * 1000,
				authentication,
			),
		runWithCredential: (hop1, credential, command) =>
			remote(
				runWithCredential,
				hop1,
				credential,
				{Command: command},
				(options.commandTimeoutSeconds ?? 120) * 1000,
			),
		readDelegationLimits(user) {
			const checked = checkUserName(user);
			const bad = refuse('User', checked);
			if (bad !== undefined || !checked.ok)
				return Promise.resolve(bad ?? {ok: false, error: invalidArgument('User', '')});
			return local(readDelegationLimits, {User: checked.value});
		},
		readWsmanSpn(spns) {
			// Each name is checked as a host name after its WSMAN/ class; the values travel as data.
			const checked = spns.map((spn) => checkHostName(spn.replace(/^WSMAN\//i, '')));
			const bad = checked.map((name) => refuse('Spn', name)).find((b) => b !== undefined);
			if (bad !== undefined) return Promise.resolve(bad);
			return local(readWsmanSpn, {Spn: spns});
		},
		testSecondHopReach(hop1, credential, hop2, ports) {
			const checked = checkHostName(hop2);
			const bad = refuse('Target', checked);
			if (bad !== undefined || !checked.ok)
				return Promise.resolve(bad ?? {ok: false, error: invalidArgument('Target', '')});
			return remote(testSecondHopReach, hop1, credential, {
				Target: checked.value,
				Port: ports.map(String),
				WaitMs: reachWaitMs,
			});
		},
		readClientCredSsp: () => local(readClientCredSsp, readers),
		readServerCredSsp: (hop1, credential) => remote(readServerCredSsp, hop1, credential, readers),
		listListeners: (hop1, credential) => remote(listListeners, hop1, credential),
		listCertificates: (hop1, credential) => remote(listCertificates, hop1, credential),

		async enableClientCredSsp(delegateComputers) {
			const checked = delegateComputers.map(checkDelegateComputer);
			const bad = checked.map((c) => refuse('DelegateComputer', c)).find((b) => b !== undefined);
			if (bad !== undefined) return bad;
			if (checked.length === 0) {
				return {
					ok: false,
					error: invalidArgument('DelegateComputer', 'Name at least one computer to delegate to.'),
				};
			}
			// Under a domain delegation GPO the cmdlet polls HKLM 60 times, 1 s apart, before its error
			// (WsManHelper.cs ValidateCreadSSPRegistryRetry): its limit must outlast that wait.
			return local(
				enableClientCredSsp,
				{DelegateComputer: checked.map((c) => (c.ok ? c.value : ''))},
				Math.max(timeoutMs, enableClientCredSspLimitMs),
			);
		},
		enableServerCredSsp: (hop1, credential) => remote(enableServerCredSsp, hop1, credential),
		createHttpsListener: (hop1, credential, firewallRule, certificate) =>
			remote(createHttpsListener, hop1, credential, {
				FirewallRuleName: firewallRule,
				HostName: certificate.hostname,
				CertificateThumbprint: certificate.thumbprint,
			}),

		startWinRMService: () => local(startWinRMService),
		stopWinRMService: (startType) =>
			local(stopWinRMService, startType === undefined ? {} : {StartType: startType}),
		setClientCredSsp: (enabled) => local(setClientCredSsp, {Enabled: enabled}),
		async setDelegationList(values, switches, hklm, keysBefore) {
			const hklmValues = hklm === undefined || hklm === 'group-policy' ? [] : hklm.values;
			const checked = [...values, ...hklmValues].map(checkDelegationEntry);
			const bad = checked
				.map((c) => refuse('AllowFreshCredentials', c))
				.find((b) => b !== undefined);
			if (bad !== undefined) return bad;
			const entries = checked.map((c) => (c.ok ? c.value : ''));
			return local(setDelegationList, {
				Values: entries.slice(0, values.length),
				...(switches === undefined ? {} : switchParameters(switches)),
				...(hklm === undefined || hklm === 'group-policy'
					? {}
					: {HklmList: entries.slice(values.length)}),
				...(hklm === 'group-policy' ? {LeaveHklm: true} : {}),
				...(keysBefore === undefined ? {} : {KeysBefore: keysBeforeTexts(keysBefore)}),
			});
		},
		async resolveName(address) {
			const bad = refuse('Name', checkHostName(address));
			return bad ?? local(resolveName, {Address: address.trim()});
		},
		readTrustedHosts: () => local(readTrustedHosts),
		async addTrustedHost(entry) {
			const bad = refuse('TrustedHosts', checkHostName(entry));
			return bad ?? local(addTrustedHost, {Entry: entry.trim()});
		},
		async setTrustedHosts(entries) {
			// Entries already in the list may be patterns (*.contoso.com, <local>); a comma would split one.
			const wrong = entries.find((entry) => !/^[^,\s]+$/.test(entry));
			if (wrong !== undefined) {
				return {
					ok: false,
					error: invalidArgument('TrustedHosts', `"${wrong}" is not one TrustedHosts entry.`),
				};
			}
			return local(setTrustedHosts, {Entries: entries});
		},
		async setNtlmOnlyList(values, switches, keysBefore, localGpo) {
			const checked = [...values, ...(localGpo ?? [])].map(checkDelegationEntry);
			const bad = checked
				.map((c) => refuse('AllowFreshCredentialsWhenNTLMOnly', c))
				.find((b) => b !== undefined);
			if (bad !== undefined) return bad;
			const texts = checked.map((c) => (c.ok ? c.value : ''));
			return local(setNtlmOnlyList, {
				Values: texts.slice(0, values.length),
				...(switches === undefined ? {} : ntlmOnlySwitchParameter(switches)),
				...(keysBefore === undefined ? {} : {KeysBefore: keysBeforeTexts(keysBefore)}),
				...ntlmOnlyLocalGpoParameters(localGpo && texts.slice(values.length)),
			});
		},
		readResourceDelegation(hop1, hop2) {
			const names = [checkHostName(hop1), checkHostName(hop2)];
			const bad = names.map((name) => refuse('Identity', name)).find((b) => b !== undefined);
			if (bad !== undefined) return Promise.resolve(bad);
			const [from, to] = names.map((name) => computerIdentity(name.ok ? name.value : ''));
			return local(readResourceDelegation, {Target: to ?? '', Delegate: from ?? ''});
		},
		setResourceDelegation(hop2, principals) {
			// Distinguished names travel as values, never spliced into the script.
			return setDelegation(hop2, {Principals: principals});
		},
		editResourceDelegation(hop2, edit) {
			// The SID and the DN travel as values, never spliced into the script.
			return setDelegation(hop2, {
				Delegate: 'add' in edit ? edit.principal : '',
				AddSid: 'add' in edit ? edit.add : '',
				RemoveSid: 'remove' in edit ? edit.remove : '',
			});
		},
		purgeKerberosTickets: (hop1, credential) => remote(purgeKerberosTickets, hop1, credential),
		disableServerCredSsp: (hop1, credential) => remote(disableServerCredSsp, hop1, credential),
		readSessionConfigurations(hop1, credential, gmsa, pauseSeconds = 0) {
			const bad = gmsa === undefined ? undefined : refuse('Gmsa', checkUserName(gmsa));
			if (bad !== undefined) return Promise.resolve(bad);
			const read = () =>
				remote(readSessionConfigurations, hop1, credential, {Gmsa: gmsa?.trim() ?? ''});
			if (pauseSeconds <= 0) return read();
			// The pause is a call of its own for Ctrl+C: it ends it at once, as it ends a call.
			return interruptible(hop1, async () => {
				await new Promise((resolve) => setTimeout(resolve, pauseSeconds * 1000));
				return read();
			});
		},
		registerSessionConfiguration(hop1, credential, plan, runAs) {
			const bad =
				refuse('RunAs', checkUserName(plan.runAs)) ??
				refuse('RoleAccount', checkUserName(plan.roleAccount ?? plan.runAs)) ??
				(plan.kind === 'runas' && runAs === undefined
					? refuse('RunAsCredential', {ok: false, reason: 'No RunAs password was given.'})
					: undefined);
			if (bad !== undefined) return Promise.resolve(bad);
			// The RunAs password goes over the credential channel, never as a parameter value.
			return remote(
				registerSessionConfiguration,
				hop1,
				credential,
				registerParameters(plan),
				timeoutMs,
				'Default',
				plan.kind === 'runas' ? runAs : undefined,
			);
		},
		unregisterSessionConfiguration: (hop1, credential, name, psscPath) =>
			remote(unregisterSessionConfiguration, hop1, credential, {
				Name: name,
				PsscPath: psscPath ?? '',
			}),
		runInConfiguration: (hop1, credential, name, command) =>
			remote(
				runInConfiguration,
				hop1,
				credential,
				{ConfigurationName: name, Command: command},
				(options.commandTimeoutSeconds ?? 120) * 1000,
			),
		removeHttpsListener: (hop1, credential, firewallRule, thumbprint) =>
			remote(removeHttpsListener, hop1, credential, {
				FirewallRuleName: firewallRule ?? '',
				Thumbprint: thumbprint ?? '',
			}),

		interrupt() {
			interrupting ??= (async () => {
				// A call about to finish may do so; whatever still runs after the grace is ended.
				let timer: NodeJS.Timeout | undefined;
				await Promise.race([
					Promise.allSettled([...inFlight]),
					new Promise((resolve) => {
						timer = setTimeout(resolve, interruptGraceMs);
					}),
				]);
				clearTimeout(timer);
				cutShort();
				await session.abort();
			})();
			return interrupting;
		},
		dispose: () => session.dispose(),
	};
}
