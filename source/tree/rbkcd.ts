// Resource-based Kerberos constrained delegation, chosen after the diagnosis for a second hop over
// SMB, RPC, WMI over DCOM or SQL (method.ts; never WinRM). Reads first (the ActiveDirectory module,
// hop 2's computer object with its principals and whether this shell may write it, hop 1's
// object), then the one change, asked for: hop 1 appended to hop 2's
// PrincipalsAllowedToDelegateToAccount, the others kept. Then `klist purge -li 0x3e7` on hop 1,
// asked for (the KDC's 15-minute negative cache; nothing lasting), and the admin's own command
// with plain Invoke-Command to verify it.
import {purgeKerberosTicketsCommand} from '../operations/purge-kerberos-tickets.js';
import {readResourceDelegationCommand} from '../operations/read-resource-delegation.js';
import {runOnFirstHopCommand} from '../operations/run-on-first-hop.js';
import {
	addResourceDelegateCommand,
	setResourceDelegationCommand,
} from '../operations/set-resource-delegation.js';
import {daclAces, withDelegateAce} from '../windows/delegation-descriptor.js';
import {
	delegationAttribute,
	withDelegate,
	type ResourceDelegation,
} from '../windows/resource-delegation.js';
import {
	addLog,
	ask,
	changeView,
	clientName,
	errorDetails,
	finish,
	hop1Of,
	run,
	runCommandOnFirstHop,
} from './common.js';
import {conclusion, commandToUse, dryRunConclusion} from './conclusions.js';
import {proposal} from './proposal.js';
import {endIfStillFalse} from './quiet-failure.js';
import type {FlowState, OperationResult} from './state.js';
import {counted} from '../windows/counted.js';

/** Where the change is made: hop 2's object in the directory, written from this machine. */
const directoryMachine = 'Active Directory';

const hop2Of = (state: FlowState) => state.inputs.hop2 ?? '';
const listText = (list: readonly string[]) => (list.length === 0 ? '(none)' : list.join('; '));

/** Nothing was changed, and why not: the run ends here with what to do next. */
function stop(
	state: FlowState,
	title: string,
	details: string[],
	nextSteps: string[],
	command?: string,
): FlowState {
	const log = addLog(state, {
		status: 'blocked',
		title,
		details,
		...(command === undefined ? {} : {command}),
	});
	return finish(
		{...state, log},
		conclusion('blocked', title, {
			details: [...(state.changes.length === 0 ? ['Nothing was changed.'] : []), ...details],
			nextSteps,
		}),
	);
}

export function enterRbkcd(state: FlowState): FlowState {
	const hop1 = hop1Of(state);
	const hop2 = hop2Of(state);
	return {
		...state,
		stage: 'rbkcd',
		view: undefined,
		pending: run(
			'read-resource-delegation',
			{hop1, hop2},
			clientName(state),
			readResourceDelegationCommand(hop1, hop2),
		),
	};
}

export function onResourceDelegation(
	current: FlowState,
	result: OperationResult<'read-resource-delegation'>,
): FlowState {
	const hop1 = hop1Of(current);
	const hop2 = hop2Of(current);
	const command = readResourceDelegationCommand(hop1, hop2);
	if (!result.ok) {
		const log = addLog(current, {
			status: 'failed',
			title: `Could not read the computer objects of ${hop2} and ${hop1}`,
			details: errorDetails(current, result.error),
			error: result.error,
			command,
		});
		return finish(
			{...current, log},
			conclusion('failed', 'Resource-based delegation: the computer objects could not be read', {
				details: ['Nothing was changed.', result.error.message],
				nextSteps: [{say: 'Check the names, then run it yourself:', run: command}],
			}),
		);
	}
	const read = result.value;
	const state = {...current, facts: {...current.facts, resourceDelegation: read}};
	if (!read.moduleAvailable || read.target === undefined || read.delegate === undefined)
		return stop(
			state,
			'The ActiveDirectory module is not installed on this machine',
			[
				'Get-Module -ListAvailable ActiveDirectory found nothing: Set-ADComputer, which names who may delegate to a computer, comes with it.',
			],
			[
				"On Windows Server: Add-WindowsFeature RSAT-AD-PowerShell (Microsoft's second-hop guide), then run doublehop again.",
				// The capability's name as Windows Admin Center's own RBKCD set-up script installs it.
				'On Windows 10 or 11: Add-WindowsCapability -Online -Name Rsat.ActiveDirectory.DS-LDS.Tools~~~~0.0.1.0, then run doublehop again.',
				'Or choose $using:cred or CredSSP instead: doublehop --method using-cred, or --method credssp.',
			],
			command,
		);
	const {target, delegate} = read;
	const after = withDelegate(target.principals, delegate.distinguishedName);
	const log = addLog(state, {
		status: 'passed',
		title: `Read ${target.name}'s computer object: ${counted(target.principals.length, 'principal')} may delegate to it`,
		details: [
			`PrincipalsAllowedToDelegateToAccount: ${listText(target.principals)}`,
			`${hop1}'s computer object: ${delegate.distinguishedName}`,
			`This shell may write ${delegationAttribute} there: ${target.writable ? 'yes' : 'no'} (allowedAttributesEffective)`,
		],
		command,
	});
	const withRead = {...state, log};
	if (after.length === target.principals.length) {
		const skipped = addLog(withRead, {
			status: 'skipped',
			title: `${target.name} already lets ${delegate.name} delegate to it: nothing to change`,
			details: [],
		});
		return askPurge({...withRead, log: skipped});
	}
	if (!target.writable)
		return stop(
			withRead,
			// The write runs in this shell, as its own account (not the credential typed for hop 1).
			`${state.facts.local?.user || "This shell's account"} may not write who may delegate to ${target.name}`,
			[
				`allowedAttributesEffective on ${target.distinguishedName} does not list ${delegationAttribute}: the object's permissions do not let this shell's account write it, so Set-ADComputer would fail with "Insufficient access rights to perform the operation".`,
				'Microsoft\'s second-hop guide: it "doesn\'t require Domain Administrator access to configure", but it "requires rights to update objects".',
			],
			[
				`Ask someone who may write ${target.name}'s computer object (an admin of its OU, or a domain admin) to run: ${changeCommand(hop2, read)}`,
				'Or choose $using:cred or CredSSP instead: doublehop --method using-cred, or --method credssp.',
			],
		);
	return proposeChange(withRead, read);
}

/**
 * The change as it runs: with no descriptor there, the documented parameter (nothing to keep);
 * else the descriptor edited in place, so no ACE the list cannot show is lost.
 */
function changeCommand(hop2: string, read: ResourceDelegation): string {
	const {target, delegate} = read;
	if (target === undefined || delegate === undefined) return '';
	const after = withDelegate(target.principals, delegate.distinguishedName);
	if (target.descriptor === '' || delegate.sid === '')
		return setResourceDelegationCommand(hop2, after);
	return addResourceDelegateCommand(hop2, delegate.distinguishedName, delegate.sid);
}

function proposeChange(state: FlowState, read: ResourceDelegation): FlowState {
	const {target, delegate} = read;
	if (target === undefined || delegate === undefined) return state;
	const hop2 = hop2Of(state);
	const after = withDelegate(target.principals, delegate.distinguishedName);
	const command = changeCommand(hop2, read);
	// The entries the list cannot show (deny ACEs, other masks, SIDs that name nothing), said when
	// there are some: the reason the descriptor is edited in place rather than rebuilt.
	const unlisted = daclAces(target.descriptor).length - target.principals.length;
	const now = unlisted > 0 ? [`${delegationAttribute}: ${target.descriptor}`] : ([] as string[]);
	const kept =
		unlisted > 0
			? [
					`${delegationAttribute} after: ${withDelegateAce(target.descriptor, delegate.sid)}`,
					`The ${counted(unlisted, 'entry', 'entries')} the list does not show ${unlisted === 1 ? 'is' : 'are'} kept as ${unlisted === 1 ? 'it is' : 'they are'} (Set-ADComputer -PrincipalsAllowedToDelegateToAccount would rebuild the descriptor without them).`,
				]
			: [];
	const setting = `PrincipalsAllowedToDelegateToAccount of ${target.name}`;
	return {
		...state,
		proposed: proposal(state, {
			stage: 'rbkcd',
			machine: directoryMachine,
			setting,
			before: listText(target.principals),
			after: listText(after),
			command,
			undo: {
				kind: 'restore-principals',
				hop2,
				added: [delegate.distinguishedName],
				addedSids: [delegate.sid],
				listBefore: [...target.principals],
			},
		}),
		view: changeView(
			`${directoryMachine} (${target.distinguishedName}), from ${clientName(state)}`,
			[`${setting}: ${listText(target.principals)}`, ...now],
			[command],
			[
				`${setting} after: ${listText(after)}`,
				...(target.principals.length === 0
					? []
					: [`The principals already there are kept, in order: ${listText(target.principals)}`]),
				...kept,
				`${delegate.name} may then ask the KDC for tickets to ${target.name} on behalf of the users who connect to it, over SMB, RPC and WMI (not WinRM). No credential is stored on any machine.`,
			],
		),
		pending: ask({
			kind: 'confirm',
			id: 'rbkcd',
			question: `Make this change to ${target.name}'s computer object?`,
		}),
	};
}

/**
 * Set-ADComputer refused: the directory's Win32 8344 (ERROR_DS_INSUFF_ACCESS_RIGHTS), or the AD
 * module's own "Access is denied" (ActiveDirectoryCmdlet:System.UnauthorizedAccessException), the
 * two forms public transcripts of the AD cmdlets show for a write the account may not make.
 */
export function writeRefused(result: OperationResult<'set-resource-delegation'>): boolean {
	if (result.ok) return false;
	const id = result.error.fullyQualifiedErrorId;
	return (
		id.startsWith('ActiveDirectoryServer:8344,') ||
		id.startsWith('ActiveDirectoryCmdlet:System.UnauthorizedAccessException,')
	);
}

/** The write the directory refused, explained (any other result is handled as every change's). */
export function onWriteRefused(
	state: FlowState,
	result: OperationResult<'set-resource-delegation'>,
): FlowState {
	if (result.ok) return state;
	const change = state.proposed;
	const log = addLog(state, {
		status: 'failed',
		title: `The directory refused the write to ${change?.setting ?? 'the computer object'}`,
		details: [
			'Insufficient access rights: the account this shell runs as may not write that attribute, though the read suggested it could.',
		],
		error: result.error,
		...(change === undefined ? {} : {command: change.command}),
	});
	return finish(
		{...state, log},
		conclusion('blocked', 'The directory refused the change: insufficient access rights', {
			details: ['Nothing was changed.'],
			nextSteps: [
				{say: 'Ask someone who may write the computer object to run:', run: change?.command ?? ''},
				'Or choose $using:cred or CredSSP instead: doublehop --method using-cred, or --method credssp.',
			],
		}),
	);
}

/** After the change (or with it already in place): clear hop 1's cached refusal, asked for. */
export function askPurge(state: FlowState): FlowState {
	const hop1 = hop1Of(state);
	const hop2 = hop2Of(state);
	return {
		...state,
		stage: 'rbkcd',
		view: {
			machine: hop1,
			sections: [
				{
					title: 'Now:',
					lines: [
						`The KDC "caches denied-access attempts (negative cache) for 15 minutes" (Microsoft's second-hop guide): the reproduction above had ${hop1} reach for ${hop2} before the change, so a refusal may be cached there, and the second hop would keep failing until it goes.`,
					],
				},
				{title: 'Will run:', lines: [purgeKerberosTicketsCommand(hop1)], kind: 'commands'},
				{
					title: 'After:',
					lines: [
						`${hop1}'s LocalSystem (0x3e7) Kerberos tickets are gone; Windows asks the KDC for fresh ones on next use. Nothing lasting changes, so there is nothing to undo.`,
						`Without it: wait 15 minutes, or restart ${hop1}, before the second hop works.`,
					],
				},
			],
		},
		pending: ask({
			kind: 'confirm',
			id: 'klist-purge',
			question: `Purge ${hop1}'s cached Kerberos tickets?`,
		}),
	};
}

export function onPurgeAnswer(state: FlowState, yes: boolean, auto: boolean): FlowState {
	const hop1 = hop1Of(state);
	if (yes && !state.dryRun)
		return {
			...state,
			view: undefined,
			pending: run('purge-kerberos-tickets', {hop1}, hop1, purgeKerberosTicketsCommand(hop1)),
		};
	const log = addLog(state, {
		status: yes ? 'skipped' : 'declined',
		title: yes
			? `Dry run: would purge ${hop1}'s cached Kerberos tickets`
			: auto
				? `Not purged without --yes: ${hop1}'s cached Kerberos tickets`
				: `You said no: ${hop1}'s cached Kerberos tickets were not purged`,
		details: yes
			? []
			: [`A refusal cached before the change may make the check below fail for up to 15 minutes.`],
	});
	return startRbkcdVerify({...state, log, view: undefined});
}

export function onPurged(
	state: FlowState,
	result: OperationResult<'purge-kerberos-tickets'>,
): FlowState {
	const hop1 = hop1Of(state);
	const command = purgeKerberosTicketsCommand(hop1);
	const log = result.ok
		? addLog(state, {
				status: 'passed',
				title: `Purged ${hop1}'s cached Kerberos tickets (nothing lasting changed)`,
				details: [],
				machine: hop1,
				command,
				output: result.value.output,
			})
		: addLog(state, {
				status: 'failed',
				title: `Could not purge ${hop1}'s cached Kerberos tickets; checking anyway`,
				details: errorDetails(state, result.error),
				error: result.error,
				machine: hop1,
				command,
			});
	return startRbkcdVerify({...state, log});
}

/** The admin's command, plain: no CredSSP, no $using:cred; Kerberos carries the second hop now. */
function startRbkcdVerify(state: FlowState): FlowState {
	if (state.dryRun) return finish(state, dryRunConclusion(state));
	return {
		...state,
		stage: 'rbkcd',
		view: undefined,
		proposed: undefined,
		pending: runCommandOnFirstHop(state, 'Default'),
	};
}

export function onRbkcdVerify(
	state: FlowState,
	result: OperationResult<'run-on-first-hop'>,
): FlowState {
	const hop1 = hop1Of(state);
	const hop2 = hop2Of(state);
	const command = state.inputs.command ?? '';
	const shown = runOnFirstHopCommand(hop1, command, 'Default');
	const changed = state.changes.length > 0;
	const undo = changed ? [{say: 'To take it back:', run: state.undoCommand}] : [];
	if (!result.ok) {
		const log = addLog(state, {
			status: 'failed',
			title: 'Still failing with resource-based delegation',
			details: errorDetails(state, result.error),
			error: result.error,
			machine: hop1,
			command: shown,
		});
		return finish(
			{...state, log},
			conclusion(
				'failed',
				`The second hop still fails: ${hop1} cannot yet act for you towards ${hop2}`,
				{
					details: [result.error.message],
					nextSteps: [
						{
							say: 'A refusal cached before the change lasts up to 15 minutes: wait, or purge it, then run the command again. To purge it:',
							run: purgeKerberosTicketsCommand(hop1),
						},
						...undo,
					],
					leftUndone: changed ? [`${state.changes[0]?.setting ?? ''} is in place`] : [],
				},
			),
		);
	}
	// False from a command that reaches another machine is still a refusal (quiet-failure.ts).
	const ran = {how: 'resource-based delegation', machine: hop1, command: shown};
	const stillFalse = endIfStillFalse(state, {...ran, output: result.value.output});
	if (stillFalse !== undefined) return stillFalse;
	const log = addLog(state, {
		status: 'passed',
		title: `Works: ${hop1} reaches ${hop2} by resource-based delegation`,
		details: [],
		machine: hop1,
		command: shown,
		output: result.value.output,
	});
	return finish(
		{...state, log},
		conclusion(
			changed ? 'fixed' : 'already-fixed',
			changed
				? `Resource-based delegation: ${hop1} reaches ${hop2} with your own Kerberos ticket`
				: `Resource-based delegation to ${hop2} is in place and works`,
			{
				details: [changed ? 'No credential is stored on any machine.' : 'Nothing was changed.'],
				nextSteps: [
					commandToUse('Use it as it is, with no CredSSP and no $using:cred:', shown, state),
					...undo,
				],
			},
		),
	);
}
