// Before a fleet's changes, as before one host's (tree/missing-spn.ts): each first hop that needs
// CredSSP and was reached by name with Kerberos in this machine's domain has its WSMAN SPNs read,
// one read per host, each shown as it is made. CredSSP asks Kerberos for WSMAN/<name as typed>;
// a host whose account lacks it could only be NTLM-authenticated (0x803381A4), so it is blocked,
// for that host only: nothing is changed on it, the others go on, and the setspn -S a domain
// admin runs is its check. Over HTTPS the host's certificate verifies it instead (WinRM's own
// 0x803381A4 text: "The identity of the target computer can be verified if you configure the
// WSMAN service to use a valid certificate"), so those hosts are not read.
import type {HostSurvey, PerHost} from '../../operations/fleet-fan-out.js';
import {readWsmanSpnCommand, wsmanSpns} from '../../operations/read-wsman-spn.js';
import {isIPAddress} from '../../windows/ip-address.js';
import type {Outcome, WsmanSpnRead} from '../../windows/records.js';
import {judgeWsmanSpns, setspnCommand, spnsFoundLine} from '../../windows/wsman-spn.js';
import {print} from './conclude.js';
import type {FleetHostRow, FleetSpnRead, FleetState} from './state.js';

const needsCredSsp = (row: FleetHostRow) =>
	row.state === 'needs-client' || row.state === 'needs-server' || row.state === 'needs-both';

/** The hosts whose SPNs CredSSP will ask Kerberos for, in the table's order. */
export function spnReadsFor(
	state: FleetState,
	rows: readonly FleetHostRow[],
	surveyed: PerHost<HostSurvey>,
): FleetSpnRead[] {
	const domain = state.local?.domain?.toLowerCase();
	if (domain === undefined || domain === '') return [];
	return rows.flatMap((row) => {
		const firstHop = surveyed[row.name]?.firstHop;
		if (!needsCredSsp(row) || row.overHttps === true || isIPAddress(row.name)) return [];
		if (firstHop?.ok !== true || firstHop.value.authentication !== 'Kerberos') return [];
		const fqdn = firstHop.value.fqdn || row.name;
		if (!fqdn.toLowerCase().endsWith(`.${domain}`)) return [];
		const account = firstHop.value.computerName || (fqdn.split('.')[0] ?? fqdn).toUpperCase();
		return [{host: row.name, fqdn, account}];
	});
}

/** The next read, or `next` once every host is read (or the directory did not answer). */
export function readNextSpn(
	state: FleetState,
	next: (state: FleetState) => FleetState,
): FleetState {
	const [first] = state.spnReads ?? [];
	if (first === undefined) {
		const {spnReads: _done, ...rest} = state;
		return next(rest);
	}
	const spns = wsmanSpns(first.fqdn);
	return {
		...state,
		pending: {
			kind: 'run',
			call: {name: 'read-wsman-spn', host: first.host, spns, command: readWsmanSpnCommand(spns)},
		},
	};
}

/** Said once, before the first read: why they are read, and that nothing is changed. */
export function spnReadsIntro(state: FleetState): FleetState {
	const count = state.spnReads?.length ?? 0;
	if (count === 0) return state;
	return print(state, [
		`CredSSP asks Kerberos for WSMAN/ and the first hop's name; a host whose computer account lacks it can only be NTLM-authenticated, and CredSSP refuses to delegate to it. Reading the WSMAN SPNs of ${count === 1 ? 'the first hop' : `the ${count} first hops`} that need CredSSP, one at a time, in this machine's domain (nothing is changed):`,
	]);
}

export function onSpnRead(
	state: FleetState,
	result: Outcome<WsmanSpnRead>,
	next: (state: FleetState) => FleetState,
): FleetState {
	const {pending} = state;
	if (pending.kind !== 'run' || pending.call.name !== 'read-wsman-spn') return state;
	const {host, command, spns} = pending.call;
	const [read, ...rest] = state.spnReads ?? [];
	const row = state.hosts.find((candidate) => candidate.name === host);
	if (read === undefined || row === undefined) return state;
	const shown = (lines: string[]) =>
		readNextSpn(print({...state, spnReads: rest}, [...lines, `  PS> ${command}`]), next);
	// A read that fails decides nothing, as for one host: the verify would still tell. The others
	// would ask the same directory, so they are not read either.
	if (!result.ok || !result.value.readable) {
		const reason = result.ok
			? result.value.readable
				? ''
				: result.value.reason
			: (result.error.message.split('\n')[0] ?? '');
		const left =
			rest.length === 0
				? ''
				: ` The other ${rest.length === 1 ? 'host is' : `${rest.length} hosts are`} not read either.`;
		return readNextSpn(
			print({...state, spnReads: []}, [
				`Could not read whether ${host}'s WSMAN SPNs are registered: ${reason}.${left} Going on: the check with -Authentication CredSSP at the end shows whether CredSSP can authenticate each host.`,
				`  PS> ${command}`,
			]),
			next,
		);
	}
	const judged = judgeWsmanSpns(result.value.spns, host, read.account);
	const lead = `${row.number} ${host}:`;
	if (judged.kind === 'registered')
		return shown([`${lead} ${spnsFoundLine(spns, read.account, host)}`]);
	if (judged.kind === 'elsewhere') {
		return shown([
			`${lead} not every WSMAN SPN is on ${read.account}'s computer account (${judged.lines.join('; ')}); the check with -Authentication CredSSP at the end shows whether CredSSP minds.`,
		]);
	}
	const names = judged.missing.join(' and ');
	const blocked: FleetHostRow = {
		...row,
		state: 'blocked',
		cause: 'no WSMAN SPN',
		planned: 'none: register the SPN',
		outcome: 'no WSMAN SPN: nothing changed on it',
		detail: `No account in this domain holds ${names}. CredSSP asks Kerberos for WSMAN/${host}; without it, it could only authenticate ${host} with NTLM and would refuse to delegate ("because the computer is not trusted", 0x803381A4), so nothing is changed on it. Ask a domain admin, or someone allowed to write the servicePrincipalName of ${read.account}'s computer account, to run on any domain-joined machine the command below, check it with setspn -L ${read.account}, then run doublehop again for ${host}. Not TrustedHosts: the session is already Kerberos.`,
		check: judged.missing.map((spn) => setspnCommand(spn, read.account)).join('; '),
	};
	const {client: _client, server: _server, ...unplanned} = blocked;
	return readNextSpn(
		print(
			{
				...state,
				spnReads: rest,
				hosts: state.hosts.map((candidate) => (candidate.name === host ? unplanned : candidate)),
			},
			[
				`${lead} no account holds ${names}: CredSSP cannot authenticate it; blocked, nothing will be changed on it.`,
				`  PS> ${command}`,
			],
		),
		next,
	);
}
