// Each host as read: its state, cause and planned change, decided by the single-host rules
// (plan.ts for both sides, describe-error.ts for a failure) so one host and many never disagree.
import type {HostSurvey} from '../../operations/fleet-fan-out.js';
import type {ClientCredSsp, ErrorRecord} from '../../windows/records.js';
import {notReached, type NotReached} from '../../windows/not-reached.js';
import {describeError} from '../describe-error.js';
import {makePlan} from '../plan.js';
import {psArgument} from '../../safety/names.js';
import type {FleetHostRow, FleetState} from './state.js';

/** A few words for the table on why no session reached the host (windows/not-reached.ts). */
const notReachedWords: Record<NotReached, string> = {
	'name not found': 'name not found',
	'not listening': 'WinRM not listening',
	'no answer': 'no answer (network, firewall)',
};

/**
 * WinRM refused NTLM over HTTP to a host not in TrustedHosts (an address, a workgroup host;
 * reference 2.3 E13): the host is reachable only with NTLM, so it goes to the one-host flow,
 * which asks for each of these changes with its risk (first-hop-trust.ts, ntlm-only.ts).
 */
const refusedForNtlm = (error: ErrorRecord) =>
	['CannotUseIPAddress', 'ServerNotTrusted'].includes(error.fullyQualifiedErrorId.split(',')[0]!);

/**
 * This run for one host: its own flags (the lab and its file, --hop2, --user, --json ...), so the
 * one-host flow reaches the same machines with the same account.
 */
const aloneCommand = (state: FleetState, name: string) =>
	`${state.rerunCommand} --hop1 ${psArgument(name)}`;

function failedRow(
	row: Pick<FleetHostRow, 'number' | 'name'>,
	error: ErrorRecord,
	state: FleetState,
	reading: 'session' | 'server',
): FleetHostRow {
	if (reading === 'session' && refusedForNtlm(error)) {
		return {
			...row,
			state: 'blocked',
			cause: 'NTLM only, not in TrustedHosts',
			planned: 'none here',
			detail: `WinRM reaches ${row.name} only with NTLM, and over HTTP only once it is in this machine's TrustedHosts. Run doublehop for ${row.name} alone: it offers the host's DNS name (Kerberos) where it has one, else the TrustedHosts entry and then the NTLM-only delegation entry, each with its risk.`,
			check: aloneCommand(state, row.name),
			error,
		};
	}
	const explained = describeError(error, {
		hop1: row.name,
		hop2: state.hop2,
		command: state.command,
	});
	// Decided by the error's id or code: the message is in the language of Windows.
	const why = reading === 'session' ? notReached(error) : undefined;
	const unreachable = why !== undefined;
	// A few words for the table; the line under it has the whole error and the next command.
	const short = why === undefined ? undefined : notReachedWords[why];
	return {
		...row,
		state: unreachable ? 'unreachable' : 'failed',
		cause:
			short ?? explained?.name ?? (reading === 'session' ? 'no session' : 'CredSSP state not read'),
		planned: 'none: check the host',
		detail: withoutCheck(error.message.split('\n')[0] ?? '', explained?.nextStep?.run),
		...(explained?.nextStep === undefined ? {} : {check: explained.nextStep.run}),
		...(why === undefined ? {} : {notReached: why}),
		error,
	};
}

/** The error's line without its own "Check with: <command>" when that command follows as `PS>` anyway. */
function withoutCheck(line: string, check: string | undefined): string {
	const own = check === undefined ? -1 : line.lastIndexOf(` Check with: ${check}`);
	return own !== -1 && own + ` Check with: ${check}`.length === line.length
		? line.slice(0, own)
		: line;
}

/**
 * One host's row from what was read on it and on this machine. A host that answered only on 5986
 * was read with -UseSSL, and its row says so: its changes and their undo are made that way too.
 */
export function rowFor(
	row: Pick<FleetHostRow, 'number' | 'name'>,
	survey: HostSurvey | undefined,
	client: ClientCredSsp,
	state: FleetState,
): FleetHostRow {
	const read = rowAsRead(row, survey, client, state);
	if (survey?.overHttps !== true) return read;
	return {...read, overHttps: true, cause: `${read.cause}; over HTTPS (5986)`};
}

function rowAsRead(
	row: Pick<FleetHostRow, 'number' | 'name'>,
	survey: HostSurvey | undefined,
	client: ClientCredSsp,
	state: FleetState,
): FleetHostRow {
	if (survey === undefined) {
		return {...row, state: 'failed', cause: 'no answer', planned: 'none: check the host'};
	}
	if (!survey.firstHop.ok) return failedRow(row, survey.firstHop.error, state, 'session');
	// Over HTTPS the certificate authenticates the host, so "Allow delegating fresh credentials"
	// applies even with NTLM (its policy help, quoted in ntlm-only.ts); over HTTP it does not.
	if (survey.firstHop.value.authentication === 'NTLM' && survey.overHttps !== true) {
		return {
			...row,
			state: 'blocked',
			cause: 'reached with NTLM, not Kerberos',
			planned: 'none here',
			// Reached over HTTP with NTLM, it is in TrustedHosts already (reference 2.3 E13).
			detail: `"Allow delegating fresh credentials" does not apply to ${row.name}: it "applies when server authentication was achieved via a trusted X509 certificate or Kerberos", and ${row.name} was authenticated with NTLM. Run doublehop for ${row.name} alone: it offers the NTLM-only delegation entry (a last resort, with its risk) or an HTTPS listener, whose certificate authenticates the host; a name Kerberos knows needs neither.`,
			check: aloneCommand(state, row.name),
		};
	}
	if (survey.server === undefined || !survey.server.ok) {
		const error = survey.server?.ok === false ? survey.server.error : undefined;
		if (error === undefined) return {...row, state: 'failed', cause: 'no answer', planned: 'none'};
		return failedRow(row, error, state, 'server');
	}
	const plan = makePlan(client, survey.server.value, row.name);
	const sides = {client: plan.client, server: plan.server};
	const blocked = [plan.client, plan.server].find((side) => side.action === 'blocked');
	if (blocked?.action === 'blocked') {
		return {
			...row,
			...sides,
			state: 'blocked',
			cause: `Group Policy owns the setting`,
			planned: 'none: ask the GPO owner',
			detail: `${blocked.reason} Policy: ${blocked.policyPath}.`,
		};
	}
	if (plan.oracle !== undefined) {
		return {
			...row,
			...sides,
			state: 'blocked',
			cause: 'CredSSP update mismatch',
			planned: 'none: install the update',
			detail: plan.oracle,
		};
	}
	const needsClient = plan.client.action === 'enable' || plan.client.action === 'turn-on';
	const needsServer = plan.server.action === 'enable';
	const clientCause =
		plan.client.action === 'turn-on' ? 'client CredSSP off' : 'not in the delegation list';
	const clientChange = plan.client.action === 'turn-on' ? 'client CredSSP on' : 'delegation entry';
	if (needsClient && needsServer) {
		return {
			...sides,
			...row,
			state: 'needs-both',
			cause: `${clientCause}; server role off`,
			planned: `${clientChange} + server role`,
		};
	}
	if (needsClient) {
		return {...row, ...sides, state: 'needs-client', cause: clientCause, planned: clientChange};
	}
	if (needsServer) {
		return {
			...row,
			...sides,
			state: 'needs-server',
			cause: 'server role off',
			planned: 'server role',
		};
	}
	return {
		...row,
		...sides,
		state: 'already-fixed',
		cause: 'listed, server role on',
		planned: 'none',
	};
}
