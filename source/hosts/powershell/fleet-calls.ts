// The real host's calls over many first hops: each is one fan-out script (operations/
// fleet-fan-out.ts) run in the run's one PowerShell process, which opens the sessions itself,
// -ThrottleLimit at a time. Never one process per host. Names are checked first; a bad one is
// that host's error, and the others go on.
import type {Credential} from '../host.js';
import type {FleetCalls} from '../fleet-calls.js';
import {
	enableServersCredSsp,
	surveyFirstHops,
	verifyFirstHops,
	type FanOutAnswers,
	type HostSurvey,
	type PerHost,
} from '../../operations/fleet-fan-out.js';
import type {OperationScript, ParameterValue} from '../../operations/operation.js';
import {checkHostName} from '../../safety/names.js';
import type {ErrorRecord, Outcome} from '../../windows/records.js';
import {portNotAnswering} from '../port-probe.js';
import {invalidArgument, noAnswer} from './host-errors.js';

/** Runs one fan-out script with the run's credential (powershell-host.ts gives it its limits). */
export type FanOut = <T>(
	operation: OperationScript<T>,
	credential: Credential,
	parameters: Record<string, ParameterValue>,
	target: string,
	limitMs: number,
) => Promise<Outcome<T>>;

export type FleetLimits = {
	connectTimeoutMs: number;
	/** The port look's one shared deadline (port-probe.ts), as for one host. */
	probeMs: number;
	timeoutMs: number;
	commandTimeoutMs: number;
	readers: {PolicyReader: string; OracleReader: string};
};

/**
 * How a host's name is matched to what PowerShell names it: PSComputerName, TargetObject and
 * OriginInfo carry WSManConnectionInfo.ComputerName, the name as given but trimmed and, for an IPv6
 * address, in brackets (RunspaceConnectionInfo.cs ConstructUri); DNS names match in any case.
 */
function nameKey(name: string): string {
	return name
		.trim()
		.replace(/^\[(.*)\]$/, '$1')
		.toLowerCase();
}

/**
 * Every host gets its answer: the script's for it (PowerShell names it as given), the port look's
 * when nothing answered on WinRM's ports, the script's failure when the whole call failed, or "no
 * answer" when PowerShell named nothing for it. `overHttps` marks a host reached with -UseSSL.
 */
function spread<T>(
	hosts: string[],
	refused: PerHost<ErrorRecord>,
	answer: Outcome<FanOutAnswers<T>> | undefined,
	failed: (error: ErrorRecord) => T,
	limits: {limitMs: number; probeMs: number},
	overHttps: (value: T) => T,
): PerHost<T> {
	const byName = new Map<string, T>();
	const silent = new Map<string, number>();
	const https = new Set<string>();
	if (answer?.ok) {
		for (const [name, value] of Object.entries(answer.value.perHost))
			byName.set(nameKey(name), value);
		for (const [name, port] of Object.entries(answer.value.silent)) silent.set(nameKey(name), port);
		for (const name of answer.value.overHttps) https.add(nameKey(name));
	}
	const seconds = Math.round(limits.probeMs / 1000);
	const result: PerHost<T> = {};
	for (const host of hosts) {
		const key = nameKey(host);
		const bad = refused[host];
		const port = silent.get(key);
		const value =
			bad !== undefined
				? failed(bad)
				: answer !== undefined && !answer.ok
					? failed(answer.error)
					: port !== undefined
						? failed(portNotAnswering(host, port, seconds))
						: (byName.get(key) ?? failed(noAnswer(host, Math.round(limits.limitMs / 1000), false)));
		result[host] = https.has(key) ? overHttps(value) : value;
	}
	return result;
}

export function powerShellFleetCalls(fanOut: FanOut, limits: FleetLimits): FleetCalls {
	const checked = (hosts: string[]) => {
		const valid: string[] = [];
		const refused: PerHost<ErrorRecord> = {};
		for (const host of hosts) {
			const name = checkHostName(host);
			if (name.ok) valid.push(name.value);
			else refused[host] = invalidArgument('ComputerName', name.reason);
		}
		return {valid, refused};
	};
	const call = async <T>(
		operation: OperationScript<FanOutAnswers<T>>,
		hosts: string[],
		credential: Credential,
		throttle: number,
		extra: Record<string, ParameterValue>,
		limitMs: number,
		failed: (error: ErrorRecord) => T,
		overHttps: (value: T) => T = (value) => value,
	): Promise<PerHost<T>> => {
		const {valid, refused} = checked(hosts);
		const answer =
			valid.length === 0
				? undefined
				: await fanOut(
						operation,
						credential,
						{
							ComputerName: valid,
							ThrottleLimit: throttle,
							OpenTimeoutMs: limits.connectTimeoutMs,
							ProbeMs: limits.probeMs,
							Authentication: 'Default',
							...extra,
						},
						`${valid.length} first hops`,
						limitMs,
					);
		return spread(hosts, refused, answer, failed, {limitMs, probeMs: limits.probeMs}, overHttps);
	};
	return {
		survey: (hosts, credential, throttle) =>
			call<HostSurvey>(
				surveyFirstHops,
				hosts,
				credential,
				throttle,
				limits.readers,
				limits.timeoutMs,
				(error) => ({firstHop: {ok: false, error}}),
				(survey) => ({...survey, overHttps: true}),
			),
		enableServers: (hosts, credential, throttle) =>
			call(enableServersCredSsp, hosts, credential, throttle, {}, limits.timeoutMs, (error) => ({
				ok: false as const,
				error,
			})),
		verify: (hosts, credential, command, throttle) =>
			call(
				verifyFirstHops,
				hosts,
				credential,
				throttle,
				{Authentication: 'CredSSP', CommandText: command},
				limits.commandTimeoutMs,
				(error) => ({ok: false as const, error}),
			),
	};
}
