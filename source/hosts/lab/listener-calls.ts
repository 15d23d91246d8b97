// The lab's answers about the first hop's WinRM listeners and certificates: listing them, and
// creating the HTTPS listener (New-Item WSMan:\localhost\Listener) with its 5986 firewall rule,
// and its undo.
import type {Credential, Host} from '../host.js';
import {
	isAddressAnyHttps,
	type ListenerCreated,
	type ListenerRemoved,
	type Outcome,
} from '../../windows/records.js';
import {
	httpsFirewallRuleDisplayName,
	httpsFirewallRuleProfile,
} from '../../operations/create-https-listener.js';
import type {ListenerCertificate} from '../../operations/create-https-listener.js';
import {commonName, sameThumbprint} from '../../windows/certificates.js';
import {certificateAsRead} from './certificate-chain.js';
import type {LabFirewallRule, LabMachine} from './scenario.js';
import {windowsErrors, type ListenerRefusal} from './windows-errors.js';

type ListenerCalls = Pick<
	Host,
	'listListeners' | 'listCertificates' | 'createHttpsListener' | 'removeHttpsListener'
>;

/** Opens a session on the first hop and answers from its machine, as the lab host does. */
type OnHop1 = <T>(
	hop1: string,
	credential: Credential,
	action: (machine: LabMachine, psComputerName: string) => Outcome<T>,
) => Promise<Outcome<T>>;

const clone = <T>(value: T): T => structuredClone(value);
const ok = <T>(value: T): Outcome<T> => ({ok: true, value});

/** Whether an enabled rule already lets `port` in on the profile doublehop's rule would use. */
function opensOnProfile(rule: LabFirewallRule, port: number): boolean {
	const profiles = rule.profile.split(/,\s*/);
	return (
		rule.enabled &&
		rule.port === port &&
		(rule.profile === 'Any' || profiles.includes(httpsFirewallRuleProfile))
	);
}
/**
 * What WinRM refuses when a listener is created with a thumbprint (wsmerror.h codes; the checks'
 * order is inferred): a listener already on Address=* HTTPS, a thumbprint not in LocalMachine\My,
 * no Server Authentication, a HostName that is not the certificate's CN. Expiry, trust and
 * self-signing are not checked here: a self-signed certificate is taken by hand-made listeners.
 */
function listenerRefusal(
	machine: LabMachine,
	certificate: ListenerCertificate,
): ListenerRefusal | undefined {
	if (machine.listeners.some(isAddressAnyHttps)) return 'already-exists';
	const cert = machine.certificates.find(
		(c) => c.thumbprint.toUpperCase() === certificate.thumbprint.toUpperCase(),
	);
	if (cert === undefined) return 'certificate-not-found';
	if (!cert.serverAuthentication) return 'no-server-authentication';
	// The HostName must be the CN: a DNS name in the SAN does not do (0x803380E9
	// ERROR_WSMAN_CONFIG_CERT_CN_DOES_NOT_MATCH_HOSTNAME; dsccommunity/WSManDsc#11,
	// rmbolger/Posh-ACME.Deploy Set-WinRMCertificate.ps1). Case-blind: inferred.
	const cn = commonName(cert.subject);
	if (cn?.toLowerCase() !== certificate.hostname.toLowerCase()) return 'hostname-mismatch';
	return undefined;
}

/** New-Item's output for the listener container (reference 3.6, seen; the item name varies). */
const newListenerOutput = [
	'   WSManConfig: Microsoft.WSMan.Management\\WSMan::localhost\\Listener',
	'',
	'Type            Keys                                Name',
	'----            ----                                ----',
	'Container       {Transport=HTTPS, Address=*}        Listener_1305953032',
].join('\n');

/** The thumbprint `listener` has now, when it is not `thumbprint` (unknown: never re-bound). */
export function reboundFrom(
	listener: LabMachine['listeners'][number] | undefined,
	thumbprint: string | undefined,
): string | undefined {
	if (listener === undefined || thumbprint === undefined) return undefined;
	const now = listener.certificateThumbprint;
	return sameThumbprint(now, thumbprint) ? undefined : now;
}

/**
 * What the client gets when the HTTPS listener its session rides on is deleted under it: WinRM
 * applies a listener's deletion at once, so the reply never comes. The words are inferred (no
 * transcript of this seen); the flow keeps them only to show, and reads again.
 */
const listenerCut = (name: string) =>
	`Processing data from remote server ${name} failed with the following error message: The WinRM client cannot complete the operation: the HTTPS listener this session used was removed.`;

export function listenerCalls(
	onHop1: OnHop1,
	save: () => void,
	reachedOverHttps: (hop1: string) => boolean,
): ListenerCalls {
	return {
		listListeners: (hop1, credential) =>
			onHop1(hop1, credential, (machine) => ok(clone(machine.listeners))),

		listCertificates: (hop1, credential) =>
			onHop1(hop1, credential, (machine) => ok(machine.certificates.map(certificateAsRead))),

		createHttpsListener: (hop1, credential, firewallRule, certificate) =>
			onHop1(hop1, credential, (machine, psComputerName): Outcome<ListenerCreated> => {
				// New-Item WSMan:\localhost\Listener: the listener, and nothing else on the machine.
				const refused = listenerRefusal(machine, certificate);
				if (refused !== undefined)
					return {ok: false, error: windowsErrors.wsmanListenerRefused(refused, psComputerName)};
				const listener = {
					transport: 'HTTPS' as const,
					address: '*',
					port: 5986,
					hostname: certificate.hostname,
					// WinRM keeps the thumbprint as given.
					certificateThumbprint: certificate.thumbprint,
					enabled: true,
					source: 'Local' as const,
				};
				machine.listeners.push(listener);
				const hasRule = machine.firewallRules.some((rule) => opensOnProfile(rule, 5986));
				if (!hasRule) {
					machine.firewallRules.push({
						name: firewallRule,
						displayName: httpsFirewallRuleDisplayName,
						port: 5986,
						enabled: true,
						profile: httpsFirewallRuleProfile,
					});
				}
				save();
				return ok({
					output: newListenerOutput,
					listener: clone(listener),
					...(hasRule ? {} : {firewallRule}),
				});
			}),

		removeHttpsListener: (hop1, credential, firewallRule, thumbprint) =>
			onHop1(hop1, credential, (machine, psComputerName): Outcome<ListenerRemoved> => {
				// As remove-https-listener's script does: it reads first, since Remove-WSManInstance
				// throws for a listener that is not there and Remove-NetFirewallRule for a rule.
				// The one create-https-listener made (Address=*): an admin's listener on one address stays.
				const listener = machine.listeners.find(isAddressAnyHttps);
				const listenerWasGone = listener === undefined;
				// Re-bound since to another certificate: the admin's now, left.
				const rebound = reboundFrom(listener, thumbprint);
				if (rebound === undefined)
					machine.listeners = machine.listeners.filter((l) => !isAddressAnyHttps(l));
				// Over HTTPS with no other HTTPS listener left, the session rode on this one: the rule
				// goes too (the remote command runs on), but the reply is lost. Inferred: a listener on
				// one address (Address=IP:...) is taken to carry the session instead.
				const cut =
					reachedOverHttps(hop1) &&
					!listenerWasGone &&
					rebound === undefined &&
					!machine.listeners.some((l) => l.transport === 'HTTPS');
				// By Name only: other rules with the same display name are someone else's.
				const kept = machine.firewallRules.filter((rule) => rule.name !== firewallRule);
				const firewallRuleWasGone =
					firewallRule !== undefined && kept.length === machine.firewallRules.length;
				machine.firewallRules = kept;
				save();
				if (cut) return ok({output: '', cut: listenerCut(psComputerName)});
				return ok({
					output: '',
					...(listenerWasGone ? {listenerWasGone: true as const} : {}),
					...(firewallRuleWasGone ? {firewallRuleWasGone: true as const} : {}),
					...(rebound === undefined ? {} : {listenerRebound: rebound}),
				});
			}),
	};
}
