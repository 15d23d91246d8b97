// Between the reproduced failure and the diagnosis: can CredSSP delegate this account at all?
// Protected Users members and accounts marked "Account is sensitive and cannot be delegated" are
// not delegated, so enabling CredSSP on two machines would change them for nothing: say so before
// the risk step, offer what does work, and change nothing. Credential Guard here is only named:
// it stops CredSSP from using saved or sign-in credentials, not a typed one.
import type {DelegationLimits} from '../windows/records.js';
import {readDelegationLimitsCommand} from '../operations/read-delegation-limits.js';
import {addLog, clientName, finish, run, targetsOf, userOf} from './common.js';
import {conclusion} from './conclusions.js';
import {offerMethods} from './method.js';
import {alternativesFor} from './risk.js';
import type {FlowState, OperationResult} from './state.js';
import {readClientSettings} from './winrm-service.js';
import {notDelegatedWords} from '../windows/resource-delegation.js';

export function checkAccount(state: FlowState): FlowState {
	const user = userOf(state);
	return {
		...state,
		pending: run(
			'read-delegation-limits',
			{user},
			clientName(state),
			readDelegationLimitsCommand(user),
		),
	};
}

function blockers(limits: DelegationLimits): string[] {
	const {user} = limits;
	const found = [];
	if (limits.protectedUsers === true) {
		const where =
			limits.protectedUsersFrom === 'token'
				? "this shell's token (whoami /groups) lists"
				: 'Get-ADGroupMember -Recursive (nested groups included) finds it in';
		found.push(
			// PS-remoting-second-hop.md, CredSSP cons: "doesn't work with the Protected Users group".
			`${user} is a member of Protected Users: ${where} ${limits.protectedUsersSid ?? 'S-1-5-21-<domain>-525'}, the Protected Users group (RID 525). Microsoft: CredSSP "doesn't work with the Protected Users group".`,
		);
	}
	if (limits.notDelegated === true) {
		found.push(
			// PS-remoting-second-hop.md: accounts with this property set "can't be delegated".
			`${user} has "Account is sensitive and cannot be delegated" set (Get-ADUser -Properties AccountNotDelegated: True; userAccountControl NOT_DELEGATED, 0x100000). Microsoft: such accounts can't be delegated.`,
		);
	}
	return found;
}

function why(limits: DelegationLimits): string {
	const reasons = [
		limits.protectedUsers === true ? 'a member of Protected Users' : '',
		limits.notDelegated === true ? 'marked sensitive and cannot be delegated' : '',
	];
	return reasons.filter(Boolean).join(', and ');
}

/** Credential Guard considerations: CredSSP "is no longer able to use saved or sign-on (SSO) credentials, though cleartext credentials can still be supplied". */
function credentialGuardLine(limits: DelegationLimits): string[] {
	if (limits.credentialGuard !== true) return [];
	return [
		'Credential Guard runs on this machine: CredSSP here cannot use saved or sign-in credentials, but a credential typed for the session (Invoke-Command -Credential, as doublehop uses) can still be delegated.',
	];
}

export function onDelegationLimits(
	state: FlowState,
	result: OperationResult<'read-delegation-limits'>,
): FlowState {
	// A read that fails decides nothing: the diagnosis goes on, and the verify would still tell.
	if (!result.ok) return readClientSettings(state);
	const limits = result.value;
	const found = blockers(limits);
	const guard = credentialGuardLine(limits);
	if (found.length === 0) {
		if (guard.length === 0) return readClientSettings(state);
		const log = addLog(state, {
			status: 'info',
			title: 'Credential Guard runs here',
			details: guard,
		});
		return readClientSettings({...state, log});
	}
	const {hop1} = targetsOf(state);
	if (state.methodGiven === 'using-cred') {
		// The credential handed to the inner cmdlet is a fresh logon, not a delegation: it still works.
		const log = addLog(state, {
			status: 'info',
			title: `CredSSP cannot work for ${limits.user}; --method using-cred delegates nothing`,
			details: [...found, ...guard],
		});
		return offerMethods({...state, log});
	}
	if (state.methodGiven === 'rbkcd') return rbkcdCannotDelegate(state, limits);
	const log = addLog(state, {
		status: 'blocked',
		title: `CredSSP cannot work for ${limits.user}`,
		details: [
			...found,
			`Enabling CredSSP on this machine and on ${hop1} would change two machines for nothing: the second hop would still be refused.`,
			...guard,
		],
	});
	return finish(
		{...state, log},
		conclusion('blocked', `CredSSP cannot work for ${limits.user}: ${why(limits)}`, {
			details: ['Nothing was changed.'],
			nextSteps: [
				...alternativesFor(targetsOf(state), {delegable: false}),
				`doublehop --method using-cred shows your command with $using:cred and runs it on ${hop1} to prove it, changing nothing.`,
			],
		}),
	);
}

/** --method rbkcd for an account the KDC never delegates: the computer object is not touched. */
function rbkcdCannotDelegate(state: FlowState, limits: DelegationLimits): FlowState {
	const {hop1} = targetsOf(state);
	const reasons = [
		...(limits.protectedUsers === true
			? [`${limits.user} is a member of Protected Users. ${notDelegatedWords.protectedUsers}`]
			: []),
		...(limits.notDelegated === true
			? [
					`${limits.user} has "Account is sensitive and cannot be delegated" set. ${notDelegatedWords.notDelegated}`,
				]
			: []),
	];
	const title = `Resource-based delegation cannot work for ${limits.user}: ${why(limits)}`;
	const log = addLog(state, {status: 'blocked', title, details: reasons});
	return finish(
		{...state, log},
		conclusion('blocked', title, {
			details: ['Nothing was changed: no computer object was read or written.'],
			nextSteps: [
				`doublehop --method using-cred shows your command with $using:cred and runs it on ${hop1} to prove it, changing nothing: a credential handed to the inner cmdlet is a fresh logon, not a delegation.`,
			],
		}),
	);
}
