// The lab's answers about the first hop's WinRM listeners and certificates: listing them, and
// `winrm quickconfig -transport:https` with its 5986 firewall rule, and its undo.
import type {Credential, Host} from '../host.js';
import type {CommandOutput, ListenerCreated, Outcome} from '../../windows/records.js';
import {
	httpsFirewallRuleDisplayName,
	httpsFirewallRuleProfile,
} from '../../operations/create-https-listener.js';
import {usableCertificate} from '../../windows/certificates.js';
import {certificateAsRead} from './certificate-chain.js';
import type {LabFirewallRule, LabMachine} from './scenario.js';
import {windowsErrors} from './windows-errors.js';

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
export function listenerCalls(onHop1: OnHop1, save: () => void): ListenerCalls {
	return {
		listListeners: (hop1, credential) =>
			onHop1(hop1, credential, (machine) => ok(clone(machine.listeners))),

		listCertificates: (hop1, credential) =>
			onHop1(hop1, credential, (machine) => ok(machine.certificates.map(certificateAsRead))),

		createHttpsListener: (hop1, credential, firewallRule) =>
			onHop1(hop1, credential, (machine, psComputerName): Outcome<ListenerCreated> => {
				// quickconfig leaves an HTTPS listener that is there as it is, and says so (as the stubs do).
				const existing = machine.listeners.find((l) => l.transport === 'HTTPS');
				const cert = usableCertificate(machine.certificates.map(certificateAsRead), machine.fqdn);
				if (existing === undefined && cert === undefined)
					return {ok: false, error: windowsErrors.noHttpsCertificate(psComputerName)};
				const listener = existing ?? {
					transport: 'HTTPS' as const,
					address: '*',
					port: 5986,
					hostname: machine.fqdn,
					certificateThumbprint: cert?.thumbprint ?? '',
					enabled: true,
					source: 'Local' as const,
				};
				if (existing === undefined) machine.listeners.push(listener);
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
				// The -transport:https success text is not in the reference; these lines follow quickconfig's HTTP wording.
				const output = (
					existing === undefined
						? [
								'WinRM service is already running on this machine.',
								'WinRM has been updated for remote management.',
								'Created a WinRM listener on HTTPS://* to accept WS-Man requests to any IP on this machine.',
							]
						: [
								'WinRM service is already running on this machine.',
								'WinRM is already set up for remote management on this computer.',
							]
				).join('\n');
				return ok({output, listener: clone(listener), ...(hasRule ? {} : {firewallRule})});
			}),

		removeHttpsListener: (hop1, credential, firewallRule) =>
			onHop1(hop1, credential, (machine, psComputerName): Outcome<CommandOutput> => {
				machine.listeners = machine.listeners.filter((l) => l.transport !== 'HTTPS');
				save();
				if (firewallRule === undefined) return ok({output: ''});
				// By Name only: other rules with the same display name are someone else's.
				const kept = machine.firewallRules.filter((rule) => rule.name !== firewallRule);
				if (kept.length === machine.firewallRules.length) {
					return {
						ok: false,
						error: windowsErrors.firewallRuleNotFound(firewallRule, psComputerName),
					};
				}
				machine.firewallRules = kept;
				save();
				return ok({output: ''});
			}),
	};
}
