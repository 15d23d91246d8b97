// The --json document of a run over many first hops: the one-host document's fields (so a CI job
// reads the verdict and exit code the same way), plus a result per host and a summary.
import type {FleetState, HostResult} from '../tree/fleet/state.js';
import {resultCounts} from '../tree/fleet/table.js';
import {stepText} from '../tree/common.js';
import {reportWithoutRun, type JsonReport} from './json-report.js';

type FleetJsonHost = {
	number: number;
	host: string;
	state: FleetState['hosts'][number]['state'];
	cause: string;
	plannedChange: string;
	result: HostResult;
	outcome: string;
	/** Its verify answered False with the credential delegated: failed, quietly. */
	quietAnswer?: 'False';
	detail?: string;
	/** It answered only on 5986: read, changed and verified with -UseSSL. */
	overHttps?: true;
	error?: FleetState['hosts'][number]['error'];
	/** Ids of the changes made for this host (in `changes`); undo --hop1 <host> takes them back. */
	changes: string[];
};

export type FleetJsonReport = JsonReport & {
	hosts: FleetJsonHost[];
	fleet: Record<HostResult, number> & {hosts: number};
};

export function fleetJsonReport(
	state: FleetState,
	meta: {
		version: string;
		host: string;
		exitCode: number;
		error?: string;
		records?: JsonReport['records'];
	},
): FleetJsonReport {
	const conclusion = state.conclusion;
	const base = reportWithoutRun({
		version: meta.version,
		host: meta.host,
		verdict: meta.error === undefined ? (conclusion?.verdict ?? 'error') : 'error',
		exitCode: meta.exitCode,
		headline: meta.error ?? conclusion?.headline ?? '',
		details: conclusion?.details ?? [],
		nextSteps: (conclusion?.nextSteps ?? []).map(stepText),
		targets: {
			hop1: state.hosts.map((row) => row.name).join(','),
			hop2: state.hop2,
			command: state.command,
			...(state.user === undefined ? {} : {user: state.user}),
		},
	});
	return {
		...base,
		changes: state.changes,
		records: meta.records ?? {},
		hosts: state.hosts.map((row) => ({
			number: row.number,
			host: row.name,
			state: row.state,
			cause: row.cause,
			plannedChange: row.planned,
			result: row.result ?? 'failed',
			outcome: row.outcome ?? '',
			...(row.quietAnswer === undefined ? {} : {quietAnswer: row.quietAnswer}),
			...(row.detail === undefined ? {} : {detail: detailWithCheck(row.detail, row.check)}),
			...(row.overHttps === true ? {overHttps: true as const} : {}),
			...(row.error === undefined ? {} : {error: row.error}),
			changes: state.changes
				.filter((change) => change.fleetHost === row.name)
				.map((change) => change.id),
		})),
		fleet: {hosts: state.hosts.length, ...resultCounts(state.hosts)},
	};
}

/** The detail as --json has always given it: the check after it, unless its words name it already. */
function detailWithCheck(detail: string, check: string | undefined): string {
	return check === undefined || detail.includes(check) ? detail : `${detail} Next: ${check}`;
}
