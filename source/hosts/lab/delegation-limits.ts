// How the lab answers read-delegation-limits, as Windows would on the admin's machine: this shell's
// token knows the groups of its own user only; the ActiveDirectory module (when the scenario
// installs it) knows any account's groups and its NOT_DELEGATED flag; Win32_DeviceGuard says
// whether Credential Guard runs.
import type {DelegationLimits} from '../../windows/records.js';
import {labDomainSid} from './computer-objects.js';
import {canonicalUser, clientMachine, findAccount, type LabState} from './simulate.js';

export function delegationLimits(state: LabState, user: string): DelegationLimits {
	const machine = clientMachine(state);
	const shell = machine.shell;
	const account = findAccount(state, user);
	// Win32_DeviceGuard is there on every supported Windows: a scenario that does not say has it off.
	const guard = {credentialGuard: machine.credentialGuard === true};
	if (account === undefined || machine.domain === null) return {user, ...guard};
	const protectedUsers = account.protectedUsers === true;
	const sid = `${labDomainSid}-525`;
	const sameUser = shell !== undefined && canonicalUser(shell.user) === canonicalUser(user);
	const directory = shell?.activeDirectoryModule === true;
	return {
		user,
		...(sameUser || directory
			? {
					protectedUsers,
					protectedUsersSid: sid,
					protectedUsersFrom: sameUser ? ('token' as const) : ('active-directory' as const),
				}
			: {}),
		...(directory ? {notDelegated: account.notDelegated === true} : {}),
		...guard,
	};
}
