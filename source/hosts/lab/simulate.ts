// The Windows behaviour the lab reproduces: how a WinRM connection is authenticated, the order in
// which -Authentication CredSSP checks its prerequisites (reference §7), and what the inner
// command on hop 1 can reach with or without a delegated credential. Pure functions over state.
import type {ErrorRecord, Outcome} from '../../windows/records.js';
import {coverage, sameSwitches, switchesWith, switchOff} from '../../windows/delegation.js';
import type {
	ClientCredSsp,
	DelegationKeys,
	DelegationSwitches,
	DelegationSwitchesBoth,
	HklmDelegationWrite,
} from '../../windows/records.js';
import {trustingEntry} from '../../windows/trusted-hosts.js';
import {namesClientsCheck} from '../../windows/certificates.js';
import type {LabAccount, LabMachine, Scenario} from './scenario.js';
import {noHttpsListener, onlyHttpsAnswers, portNotAnswering} from '../port-probe.js';
import {isIPAddress} from '../../windows/ip-address.js';
import {listsRegistryExtension, savedGptIni} from '../../windows/gpt-ini.js';
import {windowsErrors, type CertificateProblem} from './windows-errors.js';
import {delegatesBySmb} from './kerberos-delegation.js';

export type LabState = Pick<Scenario, 'name' | 'client' | 'accounts' | 'machines' | 'directory'> & {
	/** How far the lab clock runs ahead of the real one (--lab-advance), in minutes; absent = 0. */
	clockOffsetMinutes?: number;
};

type Resolved = {key: string; machine: LabMachine; byAddress: boolean};

export type Session = Resolved & {
	account: LabAccount;
	/** The name as typed: PSComputerName, and what delegation entries must match. */
	typed: string;
	delegated: boolean;
	/** How the session authenticated: Kerberos by a domain name, else NTLM; CredSSP when asked for. */
	authentication: 'Kerberos' | 'NTLM' | 'CredSSP';
};

const fail = (error: ErrorRecord): {ok: false; error: ErrorRecord} => ({ok: false, error});

export function clientMachine(state: LabState): LabMachine {
	const machine = state.machines[state.client];
	if (machine === undefined)
		throw new Error(`Lab scenario ${state.name}: no client machine "${state.client}".`);
	return machine;
}

export function resolve(state: LabState, name: string): Resolved | undefined {
	const wanted = name.toLowerCase();
	for (const [key, machine] of Object.entries(state.machines)) {
		const fqdn = machine.fqdn.toLowerCase();
		if (fqdn === wanted || fqdn.split('.')[0] === wanted) return {key, machine, byAddress: false};
		if (machine.addresses.includes(name)) return {key, machine, byAddress: true};
	}
	return undefined;
}

/** CONTOSO\admin and admin@contoso.com name the same account. */
export function canonicalUser(user: string): string {
	const lower = user.toLowerCase();
	const at = lower.indexOf('@');
	if (at !== -1) return `${lower.slice(at + 1).split('.')[0]}\\${lower.slice(0, at)}`;
	return lower;
}

export function findAccount(state: LabState, user: string): LabAccount | undefined {
	const wanted = canonicalUser(user);
	return state.accounts.find((account) => canonicalUser(account.user) === wanted);
}

/**
 * A domain GPO's "Allow delegating fresh credentials" as HKLM holds it now: none while a direct
 * write has overwritten it there since the last refresh (LabMachine.domainDelegationOverwritten).
 */
function domainDelegation(m: LabMachine): {list?: string[]; disabled: boolean} {
	if (m.domainDelegationOverwritten === true) return {disabled: false};
	return {
		...(m.policies.allowFreshCredentials === undefined
			? {}
			: {list: m.policies.allowFreshCredentials}),
		disabled: m.policies.allowFreshCredentialsDisabled === true,
	};
}

export const effective = {
	clientCredSsp: (m: LabMachine) => m.policies.clientAllowCredSsp ?? m.credssp.client,
	serverCredSsp: (m: LabMachine) => m.policies.serviceAllowCredSsp ?? m.credssp.server,
	/** A domain GPO on Allow delegating fresh credentials replaces the local entries; Disabled empties it. */
	allowFresh: (m: LabMachine): string[] =>
		domainDelegation(m).disabled
			? []
			: (domainDelegation(m).list ??
				// A local policy set to Disabled (AllowFreshCredentials = 0, or '0' read cautiously:
				// switchOff) delegates to no machine.
				(switchOff(hklmSwitches(m).allowFresh) ? [] : m.allowFreshCredentials)),
	/**
	 * HKLM's list as read (Get-WSManCredSSP and the registry): a domain GPO's own list, none when it
	 * sets Disabled (its "**delvals." removes them); but a local switch set to 0 leaves the values
	 * where they are, and they are read, though CredSSP does not use them (allowFresh above).
	 */
	allowFreshAsRead: (m: LabMachine): string[] =>
		domainDelegation(m).disabled ? [] : (domainDelegation(m).list ?? m.allowFreshCredentials),
	/** HKLM's switches as read: a domain GPO writes its own there (Disabled: 0; a list: both 1). */
	allowFreshSwitches: (m: LabMachine): DelegationSwitches => {
		const local = hklmSwitches(m);
		const domain = domainDelegation(m);
		if (domain.disabled) return {...local, allowFresh: 0};
		if (domain.list !== undefined) return {allowFresh: 1, concatenateDefaults: 1};
		return local;
	},
	/** The NTLM-only list as CredSSP reads it: a local policy set to Disabled delegates to no machine. */
	allowFreshNtlmOnly: (m: LabMachine): string[] =>
		switchOff(ntlmOnlySwitches(m).allowFresh) ? [] : m.allowFreshCredentialsNtlmOnly,
	/** Deny delegating fresh credentials: a matching entry refuses delegation whatever allows it. */
	denyFresh: (m: LabMachine): string[] => m.policies.denyFreshCredentials ?? [],
	/** Unpatched machines have no setting; patched ones default to Mitigated since May 2018. */
	oracle: (m: LabMachine) => (m.oraclePatched ? (m.encryptionOracle ?? 1) : undefined),
};

/** The local Group Policy object's AllowFreshCredentials list (Registry.pol). */
export function localGpoList(machine: LabMachine): string[] {
	return [...(machine.localGpoAllowFreshCredentials ?? machine.allowFreshCredentials)];
}

/** The local GPO list's value names, in its order: 1..n unless the scenario says otherwise. */
function localGpoValueNames(machine: LabMachine): string[] {
	return machine.localGpoValueNames ?? localGpoList(machine).map((_, index) => String(index + 1));
}

/** Whether the local GPO list's value names are exactly 1..n (in any order). */
export function localGpoNumbered(machine: LabMachine): boolean {
	const names = localGpoValueNames(machine);
	return names.every((_, index) => names.includes(String(index + 1)));
}

/**
 * Enable-WSManCredSSP's append to the local GPO list: CredSSP.cs UpdateGPORegistrySettings
 * (PowerShell src/Microsoft.WSMan.Management/CredSSP.cs:675-679) names each new value
 * ValueCount+1, ValueCount+2, ..., so with a gap in the names (1 and 3) it replaces value 3.
 */
export function appendLocalGpoEntries(machine: LabMachine, entries: readonly string[]): void {
	const names = localGpoValueNames(machine);
	const values = localGpoList(machine);
	const byName = new Map(names.map((name, index) => [name, values[index] ?? '']));
	let count = names.length;
	for (const entry of entries) byName.set(String(++count), entry);
	const sorted = [...byName.keys()].sort((a, b) => Number(a) - Number(b));
	setLocalGpoList(
		machine,
		sorted.map((name) => byName.get(name) ?? ''),
	);
	if (sorted.some((name, index) => name !== String(index + 1))) machine.localGpoValueNames = sorted;
}

/**
 * Writes the local GPO's list (values named 1..n, as set-delegation-list writes them); kept apart
 * from the HKLM list only while the two differ.
 */
function setLocalGpoList(machine: LabMachine, list: readonly string[]): void {
	delete machine.localGpoValueNames;
	const same =
		list.length === machine.allowFreshCredentials.length &&
		list.every((entry, index) => entry === machine.allowFreshCredentials[index]);
	if (same) delete machine.localGpoAllowFreshCredentials;
	else machine.localGpoAllowFreshCredentials = [...list];
}

/** The list's two switches in HKLM. */
export function hklmSwitches(machine: LabMachine): DelegationSwitches {
	return machine.allowFreshSwitches ?? switchesWith(machine.allowFreshCredentials);
}

/** The list's two switches in the local GPO's Registry.pol. */
export function localGpoSwitches(machine: LabMachine): DelegationSwitches {
	return (
		machine.localGpoAllowFreshSwitches ??
		machine.allowFreshSwitches ??
		switchesWith(localGpoList(machine))
	);
}

/** Writes both copies of the switches; each is kept in the scenario only where it is not the default. */
export function setSwitches(machine: LabMachine, switches: DelegationSwitchesBoth): void {
	delete machine.allowFreshSwitches;
	delete machine.localGpoAllowFreshSwitches;
	if (!sameSwitches(switches.hklm, hklmSwitches(machine)))
		machine.allowFreshSwitches = {...switches.hklm};
	if (!sameSwitches(switches.localGpo, localGpoSwitches(machine)))
		machine.localGpoAllowFreshSwitches = {...switches.localGpo};
}

/**
 * Which policy keys exist in HKLM: a key with a value or a subkey, or one the scenario names as
 * there though empty (scenario.ts emptyPolicyKeys), as the stubs' registry view has them.
 */
export function delegationKeys(machine: LabMachine): NonNullable<ClientCredSsp['delegationKeys']> {
	const empty = machine.emptyPolicyKeys ?? [];
	const allowFresh =
		effective.allowFreshAsRead(machine).length > 0 || empty.includes('AllowFreshCredentials');
	const ntlmOnly =
		machine.allowFreshCredentialsNtlmOnly.length > 0 ||
		empty.includes('AllowFreshCredentialsWhenNTLMOnly');
	const set = (s: DelegationSwitches) => s.allowFresh !== null || s.concatenateDefaults !== null;
	const parent =
		allowFresh ||
		ntlmOnly ||
		set(effective.allowFreshSwitches(machine)) ||
		set(ntlmOnlySwitches(machine)) ||
		effective.denyFresh(machine).length > 0 ||
		empty.includes('CredentialsDelegation');
	return {parent, allowFresh, ntlmOnly};
}

const policyKeyOrder = [
	'CredentialsDelegation',
	'AllowFreshCredentials',
	'AllowFreshCredentialsWhenNTLMOnly',
];

/**
 * The keys as a list write in HKLM leaves them (credentials-list.ts Set-HklmCredentialsList): the
 * list's key goes with its last value, the parent stays, even empty; an undo (`keysBefore`) puts
 * back an empty list key that was there and removes an empty parent its change made.
 */
export function keysAfterListWrite(
	machine: LabMachine,
	list: 'AllowFreshCredentials' | 'AllowFreshCredentialsWhenNTLMOnly',
	parentBefore: boolean,
	written: readonly string[],
	keysBefore?: DelegationKeys,
): void {
	const empty = new Set(machine.emptyPolicyKeys ?? []);
	empty.delete(list);
	empty.delete('CredentialsDelegation');
	if (written.length === 0 && keysBefore?.list === true) empty.add(list);
	machine.emptyPolicyKeys = [...empty];
	if (parentBefore && keysBefore?.parent !== false && !delegationKeys(machine).parent)
		empty.add('CredentialsDelegation');
	machine.emptyPolicyKeys = policyKeyOrder.filter((key) => empty.has(key));
	if (machine.emptyPolicyKeys.length === 0) delete machine.emptyPolicyKeys;
}

/** The NTLM-only list's two switches in HKLM. */
export function ntlmOnlySwitches(machine: LabMachine): DelegationSwitches {
	return machine.allowFreshNtlmOnlySwitches ?? switchesWith(machine.allowFreshCredentialsNtlmOnly);
}

/** Writes the NTLM-only list and its switches; the switches are kept only where not the default. */
export function setNtlmOnly(
	machine: LabMachine,
	list: readonly string[],
	switches: DelegationSwitches = switchesWith(list),
): void {
	machine.allowFreshCredentialsNtlmOnly = [...list];
	delete machine.allowFreshNtlmOnlySwitches;
	if (!sameSwitches(switches, ntlmOnlySwitches(machine)))
		machine.allowFreshNtlmOnlySwitches = {...switches};
}

/**
 * A policy refresh (gpupdate, or the one IGroupPolicyObject::Save triggers): the local GPO's list
 * lands in HKLM. With gpt.ini not listing the registry extension (scenario.ts localGpoGptIni), the
 * extension skips the local GPO: its list is as if Registry.pol held none, as the stubs' gpupdate.
 */
export function applyLocalGpo(machine: LabMachine): void {
	const applied = localGpoApplied(machine);
	const list = localGpoList(machine);
	const switches = localGpoSwitches(machine);
	machine.allowFreshCredentials = applied ? list : [];
	delete machine.localGpoAllowFreshCredentials;
	if (!applied && list.length > 0) machine.localGpoAllowFreshCredentials = list;
	// The refresh applies the domain GPOs too: theirs is back in HKLM.
	delete machine.domainDelegationOverwritten;
	const none = {allowFresh: null, concatenateDefaults: null};
	setSwitches(machine, {hklm: applied ? switches : none, localGpo: switches});
	applyNtlmOnlyPolicy(machine, applied);
}

/** Whether a refresh applies the local GPO's Registry.pol: gpt.ini lists the registry extension. */
function localGpoApplied(machine: LabMachine): boolean {
	return machine.localGpoGptIni === undefined || listsRegistryExtension(machine.localGpoGptIni);
}

/**
 * A save of the local GPO's registry settings (doublehop's Step-LocalGpoVersion, or
 * IGroupPolicyObject::Save with `tool`): gpt.ini lists the registry pair and its version goes up.
 * Absent stays absent (gpedit's gpt.ini already lists it; the lab keeps no version).
 */
export function saveLocalGpo(machine: LabMachine, tool?: string): void {
	if (machine.localGpoGptIni === undefined) return;
	machine.localGpoGptIni = savedGptIni(machine.localGpoGptIni, tool);
}

/**
 * The refresh's part in the NTLM-only list: where a GPO configures "Allow delegating fresh
 * credentials with NTLM-only server authentication" (CredSsp.admx; Policy CSP ADMX_CredSsp,
 * https://learn.microsoft.com/en-us/windows/client-management/mdm/policy-csp-admx-credssp), the
 * registry extension writes its list over HKLM's at every refresh (every 90 minutes plus up to
 * 30, https://learn.microsoft.com/en-us/previous-versions/windows/desktop/policy/background-refresh-of-group-policy;
 * gpupdate /force reapplies all, https://learn.microsoft.com/en-us/windows/win32/api/userenv/nf-userenv-refreshpolicyex):
 * a domain GPO's last, so it wins over the local GPO's; an entry only HKLM held is gone. Where no
 * GPO configures it, HKLM's list (reg add) stays as it is.
 */
function applyNtlmOnlyPolicy(machine: LabMachine, localGpoApplied: boolean): void {
	const owner =
		machine.policies.allowFreshCredentialsNtlmOnly ??
		(localGpoApplied ? machine.localGpoAllowFreshCredentialsNtlmOnly : undefined);
	if (owner !== undefined) setNtlmOnly(machine, owner);
}

/**
 * Writes the local GPO's NTLM-only list in Registry.pol, both switches on; none left: the policy
 * is no longer configured there.
 */
export function setLocalGpoNtlmOnly(machine: LabMachine, list: readonly string[]): void {
	if (list.length === 0) delete machine.localGpoAllowFreshCredentialsNtlmOnly;
	else machine.localGpoAllowFreshCredentialsNtlmOnly = [...list];
	saveLocalGpo(machine);
}

/**
 * set-delegation-list: Registry.pol, then HKLM: to match (as the next policy refresh would), its
 * own list, or, left to a domain GPO that owns it, not at all. `switches`: as an undo puts them back.
 */
export function writeDelegationList(
	machine: LabMachine,
	values: readonly string[],
	switches?: DelegationSwitchesBoth,
	hklm?: HklmDelegationWrite,
	keysBefore?: DelegationKeys,
): void {
	const hklmBefore = hklmSwitches(machine);
	const parentBefore = delegationKeys(machine).parent;
	if (hklm !== 'group-policy') {
		machine.allowFreshCredentials = [...(hklm?.values ?? values)];
		// A direct write replaces a domain GPO's values there until the next refresh.
		if (machine.policies.allowFreshCredentials !== undefined)
			machine.domainDelegationOverwritten = true;
	}
	setLocalGpoList(machine, values);
	saveLocalGpo(machine);
	setSwitches(machine, {
		hklm:
			hklm === 'group-policy'
				? hklmBefore
				: (switches?.hklm ?? switchesWith(machine.allowFreshCredentials)),
		localGpo: switches?.localGpo ?? switchesWith(values),
	});
	if (hklm !== 'group-policy')
		keysAfterListWrite(
			machine,
			'AllowFreshCredentials',
			parentBefore,
			machine.allowFreshCredentials,
			keysBefore,
		);
}

/** CVE-2018-0886: which combinations refuse to talk (reference E10). */
function oracleBlocks(client: LabMachine, server: LabMachine): boolean {
	const serverSetting = effective.oracle(server);
	const clientSetting = effective.oracle(client);
	if (server.oraclePatched && serverSetting === 0 && !client.oraclePatched) return true;
	return !server.oraclePatched && client.oraclePatched && clientSetting !== 2;
}

/** Nothing answers a TCP look at this port: the machine cannot be reached, or a firewall drops it. */
export function silent(machine: LabMachine, port: number): boolean {
	return !machine.reachable || (machine.filteredPorts ?? []).includes(port);
}

/** Whether an enabled listener for this transport takes connections (WinRM running). */
export function listens(machine: LabMachine, transport: 'HTTP' | 'HTTPS'): boolean {
	return (
		machine.winrmRunning && machine.listeners.some((l) => l.enabled && l.transport === transport)
	);
}

/**
 * What the WinRM client finds wrong with hop 1's HTTPS certificate, as typed. The lab's client
 * trusts what hop 1 trusts (one domain, the same roots): a self-signed certificate or a chain to an
 * untrusted root is an unknown authority. A listener whose certificate is gone is not modelled. The
 * name typed must be one of its DNS names (SAN) when it has any, else its CN (RFC 6125 6.4.4;
 * CERT_CHAIN_POLICY_SSL checks the same way).
 */
function certificateProblems(machine: LabMachine, typed: string): CertificateProblem[] {
	const listener = machine.listeners.find((l) => l.enabled && l.transport === 'HTTPS');
	const cert = machine.certificates.find(
		(c) => c.thumbprint.toLowerCase() === listener?.certificateThumbprint.toLowerCase(),
	);
	if (cert === undefined) return [];
	const problems: CertificateProblem[] = [];
	// A revoked certificate reads otherwise (reference E16 has no verbatim text for it): not modelled.
	const chain = cert.chain ?? (cert.selfSigned ? 'untrusted-root' : undefined);
	if (chain === 'untrusted-root') problems.push('unknown-authority');
	if (!namesClientsCheck(cert).includes(typed.toLowerCase())) problems.push('name-mismatch');
	return problems;
}

/**
 * The TCP look the real host makes before WinRM, then WinRM's own connect: over HTTP (5985), a
 * refused or silent 5985 with an answering 5986 is an HTTPS-only host; over HTTPS (-UseSSL), the
 * certificate must be one this client trusts, issued to the name typed.
 */
function reach(state: LabState, typed: string, useSsl: boolean): Outcome<Resolved> {
	const target = resolve(state, typed);
	if (target === undefined && isIPAddress(typed)) {
		// An address no machine has: nothing answers the look at WinRM's port. No name is looked up
		// (Kerberos is never asked about an address), so it is not "a computer Kerberos cannot find".
		return fail(portNotAnswering(typed, useSsl ? 5986 : 5985));
	}
	if (target === undefined) {
		// A domain member asks Kerberos first, which words the missing name its own way.
		const kerberos = clientMachine(state).domain !== null;
		return fail(
			kerberos
				? windowsErrors.kerberosComputerNotFound(typed)
				: windowsErrors.nameNotResolved(typed),
		);
	}
	const {machine} = target;
	const answers = (port: number, transport: 'HTTP' | 'HTTPS') =>
		!silent(machine, port) && listens(machine, transport);
	const [port, other] = useSsl ? [5986, 5985] : [5985, 5986];
	if (!answers(port, useSsl ? 'HTTPS' : 'HTTP')) {
		const look = silent(machine, port) ? 'silent' : 'refused';
		if (answers(other, useSsl ? 'HTTP' : 'HTTPS')) {
			return fail(useSsl ? noHttpsListener(typed, look) : onlyHttpsAnswers(typed, look));
		}
		// Nothing answers: the TCP look says so. A refusal is WinRM's own text (over HTTPS, which of
		// E12's texts a refused 5986 gives is [D] in the reference).
		if (look === 'silent') return fail(portNotAnswering(typed, port));
		return fail(windowsErrors.cannotConnect(typed));
	}
	if (useSsl) {
		const problems = certificateProblems(machine, typed);
		if (problems.length > 0) return fail(windowsErrors.serverCertificateErrors(typed, problems));
	}
	return {ok: true, value: target};
}

function authenticate(
	state: LabState,
	target: Resolved,
	typed: string,
	user: string,
	password: string,
): Outcome<LabAccount> {
	const account = findAccount(state, user);
	if (account?.lockedOut === true) return fail(windowsErrors.accountLockedOut(typed));
	if (account === undefined || account.password !== password) {
		// The domain counts every wrong password, whichever host it was sent to; the one that
		// reaches the threshold is still a logon failure, and locks the account.
		if (account?.lockoutThreshold !== undefined) {
			account.badPasswords = (account.badPasswords ?? 0) + 1;
			if (account.badPasswords >= account.lockoutThreshold) account.lockedOut = true;
		}
		return fail(windowsErrors.logonFailure(typed));
	}
	// A logon that succeeds starts the count again (badPwdCount is reset).
	if (account.badPasswords !== undefined) account.badPasswords = 0;
	if (!account.remoteAccess.includes(target.key)) return fail(windowsErrors.accessDenied(typed));
	return {ok: true, value: account};
}

/** Kerberos needs a name that the domain knows, from a domain member: else Negotiate gives NTLM. */
function kerberosPossible(client: LabMachine, target: Resolved): boolean {
	return !target.byAddress && target.machine.domain !== null && client.domain !== null;
}

/**
 * Without Kerberos, the WinRM client goes over HTTP only to a host in its TrustedHosts (reference
 * 2.3 E13); the record says why in Windows' words: an address, a workgroup client, or a name
 * the domain's Kerberos cannot find.
 */
function notTrustedForNtlm(
	state: LabState,
	target: Resolved,
	typed: string,
	credSsp: boolean,
): ErrorRecord | undefined {
	const client = clientMachine(state);
	if (trustingEntry(client.trustedHosts ?? [], typed) !== undefined) return undefined;
	if (credSsp || client.domain === null) return windowsErrors.serverNotTrusted(typed);
	if (target.byAddress) return windowsErrors.cannotUseIpAddress(typed);
	return windowsErrors.kerberosCannotFindComputer(typed);
}

/** A plain Invoke-Command session: Kerberos by name, NTLM by address (needs TrustedHosts or HTTPS). */
export function openSession(
	state: LabState,
	typed: string,
	user: string,
	password: string,
	useSsl = false,
): Outcome<Session> {
	const reached = reach(state, typed, useSsl);
	if (!reached.ok) return reached;
	const kerberos = kerberosPossible(clientMachine(state), reached.value);
	// Without Kerberos, HTTPS (-UseSSL) needs no TrustedHosts entry (reference 2.3 E13).
	const refused =
		kerberos || useSsl ? undefined : notTrustedForNtlm(state, reached.value, typed, false);
	if (refused !== undefined) return fail(refused);
	const account = authenticate(state, reached.value, typed, user, password);
	if (!account.ok) return account;
	const authentication = kerberos ? 'Kerberos' : 'NTLM';
	return {
		ok: true,
		value: {...reached.value, account: account.value, typed, delegated: false, authentication},
	};
}

/** Kerberos (domain name with a WSMAN SPN) or a certificate proves the server's identity; else NTLM only. */
function serverAuthenticatedByKerberos(client: LabMachine, target: Resolved): boolean {
	const {machine, byAddress} = target;
	return !byAddress && machine.wsmanSpn && machine.domain !== null && client.domain !== null;
}

/** Invoke-Command -Authentication CredSSP, checked in the order Windows checks (reference §7). */
export function openCredSspSession(
	state: LabState,
	typed: string,
	user: string,
	password: string,
	useSsl = false,
): Outcome<Session> {
	const client = clientMachine(state);
	const reached = reach(state, typed, useSsl);
	if (!reached.ok) return reached;
	const target = reached.value;
	if (!useSsl && !kerberosPossible(client, target)) {
		const refused = notTrustedForNtlm(state, target, typed, true);
		if (refused !== undefined) return fail(refused);
	}
	if (!effective.clientCredSsp(client)) return fail(windowsErrors.credSspClientDisabled(typed));
	// "Allow delegating fresh credentials" applies when the server was authenticated by Kerberos or
	// by a trusted X509 certificate (its policy help, reference 3.4): over -UseSSL, reach() has
	// already refused any certificate this client does not trust or that names another host.
	if (useSsl || serverAuthenticatedByKerberos(client, target)) {
		const denied = coverage(effective.denyFresh(client), typed).covered;
		if (denied || !coverage(effective.allowFresh(client), typed).covered) {
			return fail(windowsErrors.delegationNotAllowed(typed));
		}
	} else if (!coverage(effective.allowFreshNtlmOnly(client), typed).covered) {
		return fail(windowsErrors.notTrustedForDelegation(typed));
	}
	if (!effective.serverCredSsp(target.machine)) {
		return fail(windowsErrors.credSspServerDisabled(typed, 'Negotiate Kerberos'));
	}
	if (oracleBlocks(client, target.machine)) return fail(windowsErrors.encryptionOracle(typed));
	const account = authenticate(state, target, typed, user, password);
	if (!account.ok) return account;
	// Protected Users, or an account marked sensitive: CredSSP does not hand over its credentials
	// (reference §4.1; PS-remoting-second-hop.md).
	const delegated = account.value.protectedUsers !== true && account.value.notDelegated !== true;
	return {
		ok: true,
		value: {...target, account: account.value, typed, delegated, authentication: 'CredSSP'},
	};
}

type ParsedCommand = (
	| {kind: 'get-vm'; computer?: string}
	| {kind: 'unc'; path: string; computer: string; test: boolean}
	| {kind: 'invoke-command'; computer: string}
	| {kind: 'unsupported'}
) & {
	/** The cmdlet that reaches the other machine is handed `-Credential $using:cred`. */
	credential?: boolean;
};

/** `-Credential $using:cred`, as the $using:cred method writes it. */
const usingCredential = /-Credential\s+\$using:cred\b/i;

/**
 * `New-PSDrive -Name D -PSProvider FileSystem -Root '\\host\share' -Credential $using:cred |
 * Out-Null; <command on D:\...>`, as the $using:cred method writes a UNC path: the command with
 * the drive read back as its share, reached with the credential.
 */
function throughDrive(text: string): ParsedCommand | undefined {
	const opened =
		/^New-PSDrive\s+-Name\s+(\w+)\s+-PSProvider\s+FileSystem\s+-Root\s+'(\\\\[^']+)'\s+-Credential\s+\$using:cred\s*\|\s*Out-Null;\s*(.+)$/i.exec(
			text,
		);
	if (opened === null) return undefined;
	const [, drive = '', root = '', rest = ''] = opened;
	const parsed = parseCommand(rest.replaceAll(new RegExp(`\\b${drive}:\\\\?`, 'gi'), `${root}\\`));
	return parsed.kind === 'unc' ? {...parsed, credential: true} : {kind: 'unsupported'};
}

/** The few second-hop commands the lab can play: Get-VM, a UNC path, a nested Invoke-Command. */
function parseCommand(command: string): ParsedCommand {
	const text = command.trim();
	const drive = throughDrive(text);
	if (drive !== undefined) return drive;
	const credential = usingCredential.test(text);
	const computer = /-ComputerName\s+['"]?([^\s'"|;,)]+)/i.exec(text)?.[1];
	const verb = text.split(/\s+/)[0]?.toLowerCase() ?? '';
	if (verb === 'get-vm')
		return computer === undefined ? {kind: 'get-vm'} : {kind: 'get-vm', computer, credential};
	if (verb === 'invoke-command' && computer !== undefined)
		return {kind: 'invoke-command', computer, credential};
	const unc = /\\\\([A-Za-z0-9.-]+)\\[^\s'"|;]*/.exec(text);
	if (
		unc !== null &&
		['get-childitem', 'dir', 'ls', 'gci', 'test-path', 'set-location', 'cd'].includes(verb)
	) {
		return {kind: 'unc', path: unc[0], computer: unc[1] ?? '', test: verb === 'test-path'};
	}
	return {kind: 'unsupported'};
}

function vmTable(machine: LabMachine, psComputerName: string): string {
	const vms = machine.vms ?? [];
	// No VM objects, nothing printed: Format-Table writes no header for an empty pipeline.
	if (vms.length === 0) return '';
	const header = [
		'Name',
		'State',
		'CPUUsage(%)',
		'MemoryAssigned(M)',
		'Uptime',
		'Status',
		'Version',
		'PSComputerName',
	];
	const rows = vms.map((vm) => [
		vm.name,
		vm.state,
		String(vm.cpuUsage),
		String(vm.memoryAssignedMB),
		vm.uptime,
		vm.status,
		vm.version,
		psComputerName,
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (cells: string[]) =>
		cells
			.map((c, i) => c.padEnd(widths[i] ?? 0))
			.join(' ')
			.trimEnd();
	return [line(header), line(header.map((h) => '-'.repeat(h.length))), ...rows.map(line)].join(
		'\n',
	);
}

/**
 * What the admin's command does on hop 1: it reaches hop 2 only with a delegated credential, or
 * with the credential handed to its cmdlet (`credentialVariable`: `$cred` holds the run's
 * credential, so `$using:cred` logs on to hop 2 afresh as that account).
 */
export function runOnHop(
	state: LabState,
	session: Session,
	command: string,
	credentialVariable = false,
): Outcome<{output: string}> {
	const psComputerName = session.typed;
	const parsed = parseCommand(command);
	if (parsed.kind === 'unsupported') {
		return fail({
			message: `The simulated lab cannot run "${command}". It plays Get-VM [-ComputerName <host>], Get-ChildItem \\\\<host>\\<share> and Invoke-Command -ComputerName <host>.`,
			fullyQualifiedErrorId: 'LabUnsupportedCommand',
			categoryInfo: 'NotImplemented: (:) [], NotSupportedException',
			exceptionType: 'System.NotSupportedException',
			psComputerName,
		});
	}
	const targetName = parsed.kind === 'get-vm' ? parsed.computer : parsed.computer;
	const local = targetName === undefined || resolve(state, targetName)?.key === session.key;
	const target =
		targetName === undefined
			? {key: session.key, machine: session.machine}
			: resolve(state, targetName);
	// A credential handed to the cmdlet ($using:cred) logs on to the target itself.
	const handed = credentialVariable && parsed.credential === true;
	// Over SMB, resource-based delegation may carry the hop (asked of the KDC only when needed).
	const byKerberos = () =>
		parsed.kind === 'unc' &&
		target !== undefined &&
		target.machine.reachable &&
		delegatesBySmb(state, session, target.key);
	// Test-Path says False, not an error, for a share it may not open or cannot find (PowerShell
	// issue 6474: `Test-Path \\server\share\restrictedfolder` "Returns False"; reference 1.3).
	if (parsed.kind === 'unc' && parsed.test) {
		const reached =
			target !== undefined &&
			(local || (target.machine.reachable && (session.delegated || handed || byKerberos()))) &&
			session.account.rightsOn.includes(target.key);
		return {ok: true, value: {output: reached ? 'True' : 'False'}};
	}
	if (target === undefined && parsed.kind === 'get-vm')
		return fail(windowsErrors.getVmNameNotResolved(targetName ?? '', psComputerName));
	if (target === undefined || (!local && !target.machine.reachable)) {
		if (parsed.kind === 'get-vm')
			return fail(windowsErrors.getVmHostNotFound(targetName ?? '', psComputerName));
		if (parsed.kind === 'unc') return fail(windowsErrors.uncNotFound(parsed.path, psComputerName));
		return fail(windowsErrors.nestedRemotingDenied(targetName ?? '', psComputerName));
	}
	const allowed =
		(local || session.delegated || handed || byKerberos()) &&
		session.account.rightsOn.includes(target.key);
	if (!allowed) {
		if (parsed.kind === 'get-vm') return fail(windowsErrors.getVmDenied(psComputerName));
		if (parsed.kind === 'unc') return fail(windowsErrors.uncDenied(parsed.path, psComputerName));
		return fail(windowsErrors.nestedRemotingDenied(parsed.computer, psComputerName));
	}
	if (parsed.kind === 'get-vm')
		return {ok: true, value: {output: vmTable(target.machine, psComputerName)}};
	if (parsed.kind === 'unc') return {ok: true, value: {output: `    Directory: ${parsed.path}\n`}};
	return {ok: true, value: {output: target.machine.fqdn.split('.')[0]?.toUpperCase() ?? ''}};
}
