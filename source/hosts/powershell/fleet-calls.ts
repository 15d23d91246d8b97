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
	type HostSurvey,
	type PerHost,
} from '../../operations/fleet-fan-out.js';
import type {OperationScript, ParameterValue} from '../../operations/operation.js';
import {checkHostName} from '../../safety/names.js';
import type {ErrorRecord, Outcome} from '../../windows/records.js';
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
	timeoutMs: number;
	commandTimeoutMs: number;
	readers: {PolicyReader: string; OracleReader: string};
};

/**
 * Every host gets its answer: the script's for it (PowerShell names it as given), the script's
 * failure when the whole call failed, or "no answer" when PowerShell named nothing for it.
 */
function spread<T>(
	hosts: string[],
	refused: PerHost<ErrorRecord>,
	answer: Outcome<PerHost<T>> | undefined,
	failed: (error: ErrorRecord) => T,
	limitMs: number,
): PerHost<T> {
	const byName = new Map<string, T>();
	if (answer?.ok)
		for (const [name, value] of Object.entries(answer.value)) byName.set(name.toLowerCase(), value);
	const result: PerHost<T> = {};
	for (const host of hosts) {
		const bad = refused[host];
		if (bad !== undefined) result[host] = failed(bad);
		else if (answer !== undefined && !answer.ok) result[host] = failed(answer.error);
		else
			result[host] =
				byName.get(host.trim().toLowerCase()) ??
				failed(noAnswer(host, Math.round(limitMs / 1000), false));
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
		operation: OperationScript<PerHost<T>>,
		hosts: string[],
		credential: Credential,
		throttle: number,
		extra: Record<string, ParameterValue>,
		limitMs: number,
		failed: (error: ErrorRecord) => T,
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
							Authentication: 'Default',
							...extra,
						},
						`${valid.length} first hops`,
						limitMs,
					);
		return spread(hosts, refused, answer, failed, limitMs);
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
