// The calls a run over many first hops makes on all of them at once: read each one, enable the
// CredSSP server role on the chosen ones, verify each. One answer per host, keyed by the name as
// given; a host that fails never stops the others. The lab answers through its single-host calls
// (at most `throttle` at a time, as Invoke-Command's -ThrottleLimit); the real host fans out in
// its one PowerShell process (powershell/fleet-calls.ts). Both look at WinRM's ports first: a host
// silent on both is told in seconds, one that answers only on 5986 is reached over HTTPS.
import type {CommandOutput, Outcome, RemoteOutput} from '../windows/records.js';
import type {HostSurvey, PerHost} from '../operations/fleet-fan-out.js';
import type {Credential, Host} from './host.js';
import {httpsOnlyId} from './port-probe.js';

/**
 * Invoke-Command's default -ThrottleLimit: "If you omit this parameter or enter a value of 0, the
 * default value, 32, is used" (about Invoke-Command, -ThrottleLimit).
 */
export const defaultThrottle = 32;

export type FleetCalls = {
	survey(hosts: string[], credential: Credential, throttle: number): Promise<PerHost<HostSurvey>>;
	enableServers(
		hosts: string[],
		credential: Credential,
		throttle: number,
	): Promise<PerHost<Outcome<CommandOutput>>>;
	/** The admin's command on each host with -Authentication CredSSP. */
	verify(
		hosts: string[],
		credential: Credential,
		command: string,
		throttle: number,
	): Promise<PerHost<Outcome<RemoteOutput>>>;
};

/** `work` for every host, at most `limit` at once; the answers keyed by host. */
async function throttled<T>(
	hosts: string[],
	limit: number,
	work: (host: string) => Promise<T>,
): Promise<PerHost<T>> {
	const answers: PerHost<T> = {};
	let next = 0;
	const worker = async () => {
		while (next < hosts.length) {
			const host = hosts[next++]!;
			answers[host] = await work(host);
		}
	};
	await Promise.all(Array.from({length: Math.max(1, Math.min(limit, hosts.length))}, worker));
	return answers;
}

/**
 * A single-host call that, where only 5986 answers (the port look's onlyHttpsAnswers), is made again
 * with -UseSSL, as the real fan-out sends such a host to its Invoke-Command -UseSSL; the host then
 * reaches it over HTTPS for the rest of the run.
 */
async function overHttpsWhereOnlyThere<T>(
	host: Host,
	name: string,
	call: () => Promise<Outcome<T>>,
): Promise<{answer: Outcome<T>; overHttps: boolean}> {
	const answer = await call();
	if (answer.ok || answer.error.fullyQualifiedErrorId !== httpsOnlyId)
		return {answer, overHttps: false};
	host.connectOverHttps(name);
	return {answer: await call(), overHttps: true};
}

/** The fleet's calls made of a host's single-host calls, fanned out with a throttle. */
function fannedOut(host: Host): FleetCalls {
	const each = <T>(name: string, call: () => Promise<Outcome<T>>) =>
		overHttpsWhereOnlyThere(host, name, call).then(({answer}) => answer);
	return {
		survey: (hosts, credential, throttle) =>
			throttled(hosts, throttle, async (name): Promise<HostSurvey> => {
				const {answer: firstHop, overHttps} = await overHttpsWhereOnlyThere(host, name, () =>
					host.testFirstHop(name, credential),
				);
				const https = overHttps ? {overHttps: true as const} : {};
				if (!firstHop.ok) return {firstHop, ...https};
				return {firstHop, server: await host.readServerCredSsp(name, credential), ...https};
			}),
		enableServers: (hosts, credential, throttle) =>
			throttled(hosts, throttle, (name) =>
				each(name, () => host.enableServerCredSsp(name, credential)),
			),
		verify: (hosts, credential, command, throttle) =>
			throttled(hosts, throttle, (name) =>
				each(name, () => host.runOnFirstHop(name, credential, command, 'CredSSP')),
			),
	};
}

/** A host with its own fan-out (the real host: one PowerShell, Invoke-Command over many). */
type FleetHost = Host & {fleet: FleetCalls};

export function fleetCallsOf(host: Host): FleetCalls {
	return 'fleet' in host ? (host as FleetHost).fleet : fannedOut(host);
}
