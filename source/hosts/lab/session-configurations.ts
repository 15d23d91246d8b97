// The lab's session configurations (endpoints) on a first hop, for the JEA and RunAs methods:
// Get-PSSessionConfiguration, registering one (which restarts WinRM and cuts the session that
// asked) and unregistering it (which restarts nothing: operations/session-configuration.ts cites
// both), and a
// command run through one, as its run-as account: that account logs on to the first hop with a
// credential of its own (a gMSA's managed password, a RunAs configuration's stored one), so it
// reaches the second hop as itself wherever it has the rights.
import type {Credential, Host} from '../host.js';
import type {ErrorRecord, Outcome} from '../../windows/records.js';
import {registerParameters} from '../../operations/session-configuration.js';
import {cmdletsOf} from '../../windows/session-configuration.js';
import {
	runAsCredentialsNotVerified,
	runAsDisabledByPolicy,
	runAsRefusedErrorId,
} from '../../windows/runas-credentials.js';
import type {LabMachine, LabSessionConfiguration} from './scenario.js';
import {
	canonicalUser,
	findAccount,
	resolve,
	runOnHop,
	type LabState,
	type openSession,
} from './simulate.js';
import {noAnswer} from '../powershell/host-errors.js';
import {commandNotFound} from './windows-errors.js';

type SessionConfigurationCalls = Pick<
	Host,
	| 'readSessionConfigurations'
	| 'registerSessionConfiguration'
	| 'unregisterSessionConfiguration'
	| 'runInConfiguration'
>;

type SessionOn = (hop1: string, credential: Credential) => Promise<ReturnType<typeof openSession>>;

const ok = <T>(value: T): Outcome<T> => ({ok: true, value});

/** Windows Server's own configurations, listed whatever the scenario adds. */
const builtIn = [
	'microsoft.powershell',
	'microsoft.powershell.workflow',
	'microsoft.powershell32',
	'microsoft.windows.servermanagerworkflows',
];
const defaultPermission =
	'NT AUTHORITY\\INTERACTIVE AccessAllowed, BUILTIN\\Administrators AccessAllowed, BUILTIN\\Remote Management Users AccessAllowed';

const defaultPsVersion = '5.1.20348.2849';

/**
 * Seen after Register-PSSessionConfiguration restarted WinRM under the session that ran it
 * (dsccommunity/xPSDesiredStateConfiguration#639); the text goes on ("Please create a new client
 * session an…") where the source cuts it, so the lab stops before. The FQID is inferred.
 */
const sessionUnusable =
	'The WS-Management service cannot process the operation. The operation is being attempted on a client session that is unusable.  This may be related to a recent restart of the WS-Management service.';

/**
 * Test-ADServiceAccount's warning beside False (its help, example 2); the account is named as
 * -Identity gave it (the example's own name differs from its -Identity, so this is a choice).
 */
function gmsaTestFailed(identity: string): string {
	return `Test failed for Managed Service Account ${identity}. If standalone Managed Service Account, the account is linked to another computer object in the Active Directory. If group Managed Service Account, either this computer does not have permission to use the group MSA or this computer does not support all the Kerberos encryption types required for the gMSA. See the MSA operational log for more information.`;
}

/**
 * Register-PSSessionConfiguration's own error for a .pssc whose GroupManagedServiceAccount is not
 * 'DomainName\UserName': CreateGMSAAccountCredentials (PowerShell's CustomShellCommands.cs) throws
 * InvalidOperationException(InvalidGMSAName) from ProcessRecord, recorded as the engine records a
 * compiled cmdlet's exception (its type and the command's class as the FQID).
 */
function invalidGmsaName(psComputerName: string): ErrorRecord {
	return {
		message:
			"Invalid Group Managed Service account name. Account name must be of the form 'DomainName\\UserName'.",
		fullyQualifiedErrorId:
			'System.InvalidOperationException,Microsoft.PowerShell.Commands.RegisterPSSessionConfigurationCommand',
		categoryInfo: 'NotSpecified: (:) [Register-PSSessionConfiguration], InvalidOperationException',
		exceptionType: 'System.InvalidOperationException',
		psComputerName,
	};
}

/**
 * The RunAs user a .pssc's GroupManagedServiceAccount becomes, as CreateGMSAAccountCredentials
 * makes it: exactly one backslash with both parts non-empty, then "$" appended
 * (`gmsaAccount + "$"`), so a name given with its $ becomes DOMAIN\name$$, an account that does not exist.
 */
function gmsaRunAsUser(given: string): string | undefined {
	const parts = given.split('\\');
	return parts.length === 2 && parts.every((part) => part !== '') ? `${given}$` : undefined;
}

/**
 * Test-ADServiceAccount asks a domain controller over ADWS as the session's logon, which in a plain
 * remote session has no credential to pass on: the AD module's second-hop failure (reference
 * section 1, EvotecIT/PSSharedGoods#31), so the read reports the gMSA as not checked.
 */
const adServerDown = {
	gmsaDetail:
		'Unable to contact the server. This may be because this server does not exist, it is currently down, or it does not have the Active Directory Web Services running.',
	gmsaError:
		'ActiveDirectoryServer:0,Microsoft.ActiveDirectory.Management.Commands.TestADServiceAccount',
};

/**
 * WinRM refused the RunAs credential Register-PSSessionConfiguration set on the plugin: the plugin
 * is removed again and the WSMan provider's error written (windows/runas-credentials.ts), before
 * any restart, so nothing is registered and the session is not cut. The policy is checked first:
 * with it Enabled WinRM takes no RunAs setting at all, whatever the password (inferred: the two
 * were not seen together).
 */
function runAsRefused(
	machine: LabMachine,
	runAs: Credential | undefined,
	state: LabState,
	psComputerName: string,
): ErrorRecord | undefined {
	const message =
		machine.policies.disableRunAs === true
			? runAsDisabledByPolicy
			: findAccount(state, runAs?.user ?? '')?.password !== runAs?.password.reveal()
				? runAsCredentialsNotVerified
				: undefined;
	if (message === undefined) return undefined;
	return {
		message,
		fullyQualifiedErrorId: runAsRefusedErrorId,
		categoryInfo: 'InvalidOperation: (:) [Write-Error], InvalidOperationException',
		exceptionType: 'System.InvalidOperationException',
		psComputerName,
	};
}

const helpSuffix = ' For more information, see the about_Remote_Troubleshooting Help topic.';

/** Seen verbatim for a name not registered (e.g. Microsoft.PowerShell2, PowerShell.7). */
function configurationNotFound(computer: string, name: string): ErrorRecord {
	return {
		message: `[${computer}] Connecting to remote server ${computer} failed with the following error message : The WS-Management service cannot process the request. Cannot find the ${name} session configuration in the WSMan: drive on the ${computer} computer.${helpSuffix}`,
		fullyQualifiedErrorId: 'InvalidResourceUri,PSSessionStateBroken',
		categoryInfo: `OpenError: (${computer}:String) [], PSRemotingTransportException`,
		exceptionType: 'System.Management.Automation.Remoting.PSRemotingTransportException',
		targetObject: computer,
	};
}

/** Access is denied: the account is in none of the configuration's RoleDefinitions. */
function accessDenied(computer: string): ErrorRecord {
	return {
		message: `[${computer}] Connecting to remote server ${computer} failed with the following error message : Access is denied.${helpSuffix}`,
		fullyQualifiedErrorId: 'AccessDenied,PSSessionStateBroken',
		categoryInfo: `OpenError: (${computer}:String) [], PSRemotingTransportException`,
		exceptionType: 'System.Management.Automation.Remoting.PSRemotingTransportException',
		targetObject: computer,
		hresult: -2147024891,
	};
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function sessionConfigurationsOf(machine: LabMachine): LabSessionConfiguration[] {
	return machine.sessionConfigurations ?? [];
}

/** Writes the list back; none beyond Windows' own leaves the machine as a scenario describes it. */
function setConfigurations(machine: LabMachine, list: LabSessionConfiguration[]): void {
	if (list.length === 0) delete machine.sessionConfigurations;
	else machine.sessionConfigurations = list;
}

function setFiles(machine: LabMachine, files: string[]): void {
	if (files.length === 0) delete machine.files;
	else machine.files = files;
}

/**
 * A connection to a machine whose WinRM is still restarting after a registration (a scenario's
 * slowWinrmRestart): refused while any are left to refuse (WinRM stopped), then WinRM runs again.
 */
export function restartGoesOn(state: LabState, hop1: string, save: () => void): void {
	const machine = resolve(state, hop1)?.machine;
	const left = machine?.winrmRestartingFor;
	if (machine === undefined || left === undefined) return;
	if (left > 0) machine.winrmRestartingFor = left - 1;
	else {
		machine.winrmRunning = true;
		delete machine.winrmRestartingFor;
	}
	save();
}

/** WinRM restarts to load a registration: slowly where the scenario says so. */
function restartWinrm(machine: LabMachine, typed: string): Outcome<{output: string; cut: string}> {
	const slow = machine.slowWinrmRestart;
	if (slow === undefined) return ok({output: '', cut: sessionUnusable});
	machine.winrmRunning = false;
	machine.winrmRestartingFor = slow.refusedConnections;
	// The host's own time-out: the default 30 s call plus 60 s to open the session.
	return slow.registerGetsNoAnswer === true
		? {ok: false, error: noAnswer(typed, 90, false)}
		: ok({output: '', cut: sessionUnusable});
}

export function sessionConfigurationCalls(
	state: LabState,
	save: () => void,
	sessionOn: SessionOn,
): SessionConfigurationCalls {
	return {
		async readSessionConfigurations(hop1, credential, gmsa) {
			const session = await sessionOn(hop1, credential);
			if (!session.ok) return session;
			const {machine} = session.value;
			const added = sessionConfigurationsOf(machine).map((entry) => ({
				name: entry.name,
				runAsUser: entry.runAsUser,
				permission:
					entry.roleAccounts === undefined
						? defaultPermission
						: entry.roleAccounts.map((account) => `${account} AccessAllowed`).join(', '),
			}));
			const usable =
				gmsa === undefined
					? {}
					: !session.value.delegated
						? adServerDown
						: (machine.usableGmsas ?? []).some(
									(name) => canonicalUser(name) === canonicalUser(gmsa),
							  )
							? {gmsaUsable: true}
							: {gmsaUsable: false, gmsaDetail: gmsaTestFailed(gmsa.split('\\').at(-1) ?? gmsa)};
			return ok({
				configurations: [
					...builtIn.map((name) => ({name, permission: defaultPermission})),
					...added,
				],
				psVersion: machine.psVersion ?? defaultPsVersion,
				...usable,
				...(machine.policies.disableRunAs === true ? {runAsDisabled: true as const} : {}),
			});
		},

		async registerSessionConfiguration(hop1, credential, plan, runAs) {
			const session = await sessionOn(hop1, credential);
			if (!session.ok) return session;
			const {machine, typed} = session.value;
			// New-PSSessionConfigurationFile writes the .pssc first, whatever registering it does.
			if (plan.psscPath !== undefined) {
				setFiles(machine, [...(machine.files ?? []), plan.psscPath]);
				save();
			}
			const given = String(registerParameters(plan).RunAs);
			const runAsUser = plan.kind === 'jea' ? gmsaRunAsUser(given) : given;
			// Thrown before anything is registered, so before any restart: the session is not cut.
			if (runAsUser === undefined) return {ok: false, error: invalidGmsaName(typed)};
			if (plan.kind === 'runas') {
				const refused = runAsRefused(machine, runAs, state, typed);
				if (refused !== undefined) return {ok: false, error: refused};
			}
			const existing = sessionConfigurationsOf(machine);
			const entry: LabSessionConfiguration = {
				name: plan.name,
				kind: plan.kind,
				runAsUser,
				...(plan.roleAccount === undefined ? {} : {roleAccounts: [plan.roleAccount]}),
				...(plan.visibleCmdlets === undefined ? {} : {visibleCmdlets: plan.visibleCmdlets}),
				...(plan.visibleProviders === undefined ? {} : {visibleProviders: plan.visibleProviders}),
				...(plan.psscPath === undefined ? {} : {psscPath: plan.psscPath}),
			};
			// -Force replaces a configuration of that name; doublehop never asks for a name in use.
			setConfigurations(machine, [
				...existing.filter((other) => !sameName(other.name, plan.name)),
				entry,
			]);
			// WinRM restarts to load it, and the session that registered it is cut.
			const restarted = restartWinrm(machine, typed);
			save();
			return restarted;
		},

		async unregisterSessionConfiguration(hop1, credential, name, psscPath) {
			const session = await sessionOn(hop1, credential);
			if (!session.ok) return session;
			const {machine} = session.value;
			const existing = sessionConfigurationsOf(machine);
			if (!existing.some((entry) => sameName(entry.name, name))) return ok({output: '', cut: ''});
			setConfigurations(
				machine,
				existing.filter((entry) => !sameName(entry.name, name)),
			);
			if (psscPath !== undefined)
				setFiles(
					machine,
					(machine.files ?? []).filter((file) => !sameName(file, psscPath)),
				);
			save();
			return ok({output: '', cut: ''});
		},

		async runInConfiguration(hop1, credential, name, command) {
			const session = await sessionOn(hop1, credential);
			if (!session.ok) return session;
			const {machine, typed, account} = session.value;
			const configuration = sessionConfigurationsOf(machine).find((entry) =>
				sameName(entry.name, name),
			);
			if (configuration === undefined)
				return {ok: false, error: configurationNotFound(typed, name)};
			const roles = configuration.roleAccounts;
			if (
				roles !== undefined &&
				!roles.some((role) => canonicalUser(role) === canonicalUser(account.user))
			)
				return {ok: false, error: accessDenied(typed)};
			if (configuration.kind === 'jea') {
				const visible = (configuration.visibleCmdlets ?? []).map((cmdlet) => cmdlet.toLowerCase());
				const hidden = cmdletsOf(command).find((cmdlet) => !visible.includes(cmdlet.toLowerCase()));
				if (hidden !== undefined) return {ok: false, error: commandNotFound(hidden, typed)};
			}
			const runAs = findAccount(state, configuration.runAsUser);
			if (runAs === undefined) return {ok: false, error: accessDenied(typed)};
			// The run-as account's own logon on hop 1: it reaches the second hop as itself.
			return runOnHop(state, {...session.value, account: runAs, delegated: true}, command);
		},
	};
}
