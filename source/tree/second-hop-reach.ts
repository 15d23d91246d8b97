// Between a second hop that failed with an error not recognised as a refused delegation and the
// diagnosis: does hop 2 answer hop 1 at all? Admins often blame the double hop for a second hop
// that is off, misnamed or firewalled, which no delegation fixes. A read on hop 1, shown as every
// read is: the name resolved there, and the TCP port of the command's protocol within 3 s.
import type {ErrorRecord, SecondHopReachRead} from '../windows/records.js';
import {secondHopReaches} from '../windows/second-hop-reach.js';
import {sameMachine} from '../windows/host-names.js';
import {reachPorts} from '../windows/reach-ports.js';
import {testSecondHopReachCommand} from '../operations/test-second-hop-reach.js';
import {psArgument} from '../safety/names.js';
import {addLog, finish, run, targetsOf} from './common.js';
import {conclusion} from './conclusions.js';
import {describeError} from './describe-error.js';
import {checkAccount} from './account.js';
import type {FlowState, NextStep, OperationResult} from './state.js';

/**
 * The look at hop 2 from hop 1, when the error is not a refused delegation and the command names
 * hop 2 by a protocol whose port is known; undefined otherwise (the diagnosis goes on as before).
 */
export function lookAtSecondHop(state: FlowState, error: ErrorRecord): FlowState | undefined {
	const {hop1, hop2, command} = targetsOf(state);
	// "Cannot find path '\\server\share'" from inside a session is either a share the session's
	// logon may not open (the double hop) or a server that does not answer: the look tells which.
	const notFound = /PathNotFound|ItemNotFound/i.test(
		`${error.fullyQualifiedErrorId ?? ''} ${error.exceptionType ?? ''}`,
	);
	if (!notFound && describeError(error, state.inputs)?.className === 'second-hop-denied')
		return undefined;
	const reach = secondHopReaches(command).find((each) => sameMachine(each.computer, hop2));
	if (reach === undefined) return undefined;
	const {ports} = reachPorts(reach.protocol);
	return {
		...state,
		pending: run(
			'test-second-hop-reach',
			{hop1, hop2, ports},
			hop1,
			testSecondHopReachCommand(hop1, hop2, ports),
		),
	};
}

type Answered = Extract<SecondHopReachRead, {resolved: true}>;

const portWords = ({port, answer}: Answered['ports'][number], hop2: string) =>
	answer === 'refused'
		? `Port ${port} refused the connection: ${hop2} is on, but nothing listens there.`
		: `Port ${port} did not answer within 3 s.`;

/** What the admin does next when hop 2 does not answer: nothing doublehop can change. */
function nextSteps(hop1: string, hop2: string, read: SecondHopReachRead): NextStep[] {
	if (!read.resolved)
		return [
			`Check the name: the spelling, or the full name (${hop2} as DNS knows it); hop 1 asks its own DNS servers.`,
			{say: `On ${hop1}, see what DNS answers:`, run: `Resolve-DnsName ${psArgument(hop2)}`},
		];
	const port = read.ports[0]?.port ?? 0;
	return [
		`Check that ${hop2} is on, that its firewall lets ${read.ports.length === 1 ? 'port' : 'ports'} ${read.ports.map((each) => each.port).join(' and ')} in from ${hop1}, and that ${read.addresses.join(', ') || 'the address the name resolved to'} is ${hop2}'s address.`,
		{
			say: `On ${hop1}, look again (it pings first, so it takes longer):`,
			run: `Test-NetConnection ${psArgument(hop2)} -Port ${port}`,
		},
		'Then run doublehop again.',
	];
}

export function onSecondHopReach(
	state: FlowState,
	result: OperationResult<'test-second-hop-reach'>,
): FlowState {
	const {hop1, hop2, command} = targetsOf(state);
	const shown = state.pending?.kind === 'run' ? {command: state.pending.operation.command} : {};
	const goOn = (logged: FlowState) => checkAccount({...logged, stage: 'diagnose'});
	// A look that fails (constrained language, a refused session) decides nothing.
	if (!result.ok) {
		const log = addLog(state, {
			status: 'info',
			title: `Could not look at whether ${hop2} answers ${hop1}; the diagnosis goes on`,
			details: [result.error.message],
			machine: hop1,
			...shown,
		});
		return goOn({...state, log});
	}
	const read = result.value;
	const reach = secondHopReaches(command).find((each) => sameMachine(each.computer, hop2));
	const {note, notDecisive} = reach === undefined ? {} : reachPorts(reach.protocol);
	const open = read.resolved ? read.ports.find((each) => each.answer === 'open') : undefined;
	// No answer on a port the command may not use: said, and the diagnosis goes on.
	if (read.resolved && open === undefined && notDecisive === true) {
		const log = addLog(state, {
			status: 'info',
			title: `${hop2} did not answer ${hop1} on port ${read.ports.map((each) => each.port).join(' or ')}; that may not be the port the command uses`,
			details: [
				...read.ports.map((each) => portWords(each, hop2)),
				...(note === undefined ? [] : [note]),
			],
			machine: hop1,
			...shown,
		});
		return goOn({...state, log});
	}
	if (read.resolved && open !== undefined) {
		const log = addLog(state, {
			status: 'passed',
			title: `${hop2} answered ${hop1} on port ${open.port}`,
			details: read.ports.filter((each) => each !== open).map((each) => portWords(each, hop2)),
			machine: hop1,
			...shown,
		});
		return goOn({...state, log});
	}
	const found = read.resolved
		? [
				`${hop2} resolved from ${hop1} to ${read.addresses.join(', ') || 'no address'}.`,
				...read.ports.map((each) => portWords(each, hop2)),
				...(note === undefined ? [] : [note]),
			]
		: [`${hop2} was not resolved from ${hop1}: ${read.reason}.`];
	const headline = read.resolved
		? `${hop2} does not answer ${hop1} on port ${read.ports.map((each) => each.port).join(' or ')}: the command cannot reach it`
		: `${hop1} cannot resolve ${hop2}: the command cannot reach it`;
	const log = addLog(state, {
		status: 'blocked',
		title: headline,
		details: found,
		machine: hop1,
		...shown,
	});
	return finish(
		{...state, log},
		conclusion('blocked', headline, {
			details: [
				'Nothing was changed: this is not a double hop. No delegation (CredSSP or another) carries a command to a machine it cannot reach.',
				...found,
			],
			nextSteps: nextSteps(hop1, hop2, read),
		}),
	);
}
