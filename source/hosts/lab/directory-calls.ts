// The lab's answers for resource-based delegation: the ActiveDirectory module on this machine,
// Get-ADComputer and Set-ADComputer against the lab's directory, and `klist purge -li 0x3e7` on
// hop 1 (kerberos-delegation.ts has the KDC's side).
import type {Credential, Host} from '../host.js';
import type {CommandOutput, ErrorRecord, Outcome} from '../../windows/records.js';
import {computerIdentity, type ResourceDelegation} from '../../windows/resource-delegation.js';
import type {LabMachine} from './scenario.js';
import {hasAces, withDelegateAce, withoutDelegateAce} from '../../windows/delegation-descriptor.js';
import {
	computerDn,
	computerObject,
	computerSid,
	descriptorOf,
	fromDescriptor,
	principalSid,
	shownPrincipal,
	storedPrincipal,
} from './computer-objects.js';
import {purgeRefusals} from './kerberos-delegation.js';
import {clientMachine, type LabState} from './simulate.js';
import {commandNotFound} from './windows-errors.js';

type DirectoryCalls = Pick<
	Host,
	| 'readResourceDelegation'
	| 'setResourceDelegation'
	| 'editResourceDelegation'
	| 'purgeKerberosTickets'
>;

type OnHop1 = <T>(
	hop1: string,
	credential: Credential,
	action: (machine: LabMachine, psComputerName: string) => Outcome<T>,
) => Promise<Outcome<T>>;

const ok = <T>(value: T): Outcome<T> => ({ok: true, value});

/** klist refused a purge of another logon session (the stubs' klist; its last line is seen). */
const klistPurgeDenied = [
	'Current LogonId is 0:0x5097d',
	'Targeted LogonId is 0:0x3e7',
	'\tDeleting all tickets:',
	'',
	'klist failed with 0xc0000022/-1073741790: {Access Denied}',
].join('\n');

/**
 * The record of `throw '<text>'` in a remote script block: the text is the message, the id and
 * the target; CategoryInfo shortens the target to 19 characters each side (ErrorPackage.cs Ellipsize).
 */
function thrownText(text: string, psComputerName: string): ErrorRecord {
	const target = text.length <= 40 ? text : `${text.slice(0, 19)}\u2026${text.slice(-19)}`;
	return {
		message: text,
		fullyQualifiedErrorId: text,
		categoryInfo: `OperationStopped: (${target}:String) [], RuntimeException`,
		exceptionType: 'System.Management.Automation.RuntimeException',
		targetObject: text,
		psComputerName,
	};
}
const fail = (error: ErrorRecord): {ok: false; error: ErrorRecord} => ({ok: false, error});

function domainDn(state: LabState): string {
	return (clientMachine(state).domain ?? '')
		.split('.')
		.map((part) => `DC=${part}`)
		.join(',');
}

/**
 * An -Identity the directory does not hold. The text and id are Get-ADUser's in the stubs (the
 * ActiveDirectory module words every cmdlet's ADIdentityNotFoundException alike).
 */
function identityNotFound(state: LabState, identity: string, cmdlet: string): ErrorRecord {
	const noun = cmdlet.replace('-', '');
	return {
		message: `Cannot find an object with identity: '${identity}' under: '${domainDn(state)}'.`,
		fullyQualifiedErrorId: `ActiveDirectoryCmdlet:Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException,Microsoft.ActiveDirectory.Management.Commands.${noun}`,
		categoryInfo: `ObjectNotFound: (${identity}:ADComputer) [${cmdlet}], ADIdentityNotFoundException`,
		exceptionType: 'Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException',
	};
}

/**
 * A write the directory refuses (LDAP insufficientAccessRights, Win32 8344
 * ERROR_DS_INSUFF_ACCESS_RIGHTS), as public transcripts show Set-ADUser and Add-ADGroupMember
 * print it: "Insufficient access rights to perform the operation", NotSpecified ... ADException,
 * ActiveDirectoryServer:8344,Microsoft.ActiveDirectory.Management.Commands.<Cmdlet>.
 */
function insufficientRights(identity: string): ErrorRecord {
	return {
		message: 'Insufficient access rights to perform the operation',
		fullyQualifiedErrorId:
			'ActiveDirectoryServer:8344,Microsoft.ActiveDirectory.Management.Commands.SetADComputer',
		categoryInfo: `NotSpecified: (${identity}:ADComputer) [Set-ADComputer], ADException`,
		exceptionType: 'Microsoft.ActiveDirectory.Management.ADException',
	};
}

/** The domain machine whose computer object has this SAM name (the first label of its FQDN). */
function findComputer(state: LabState, identity: string): string | undefined {
	const wanted = identity.replace(/\$$/, '').toLowerCase();
	return Object.keys(state.machines).find((key) => {
		const machine = state.machines[key];
		return machine?.domain != null && computerIdentity(machine.fqdn).toLowerCase() === wanted;
	});
}

export function directoryCalls(
	state: LabState,
	save: () => void,
	delay: () => Promise<unknown>,
	onHop1: OnHop1,
): DirectoryCalls {
	const moduleHere = () => clientMachine(state).shell?.activeDirectoryModule === true;
	const named = (key: string) => {
		const machine = state.machines[key] as LabMachine;
		return {
			name: computerIdentity(machine.fqdn).toUpperCase(),
			distinguishedName: computerDn(state, key),
			sid: computerSid(state, key),
		};
	};
	return {
		async readResourceDelegation(hop1, hop2) {
			await delay();
			if (!moduleHere()) return ok<ResourceDelegation>({moduleAvailable: false});
			const [from, to] = [computerIdentity(hop1), computerIdentity(hop2)];
			const target = findComputer(state, to);
			if (target === undefined) return fail(identityNotFound(state, to, 'Get-ADComputer'));
			const delegate = findComputer(state, from);
			if (delegate === undefined) return fail(identityNotFound(state, from, 'Get-ADComputer'));
			const object = computerObject(state, target);
			return ok<ResourceDelegation>({
				moduleAvailable: true,
				target: {
					...named(target),
					// Printed as each object's DN now; each one's objectSid read with Get-ADObject.
					principals: object.principals.map((each) => shownPrincipal(state, each)),
					principalSids: object.principals.map((each) => principalSid(state, each)),
					writable: object.writable ?? true,
					descriptor: descriptorOf(state, object),
				},
				delegate: named(delegate),
			});
		},

		async setResourceDelegation(hop2, principals) {
			await delay();
			if (!moduleHere()) return fail(commandNotFound('Set-ADComputer'));
			const identity = computerIdentity(hop2);
			const target = findComputer(state, identity);
			if (target === undefined) return fail(identityNotFound(state, identity, 'Set-ADComputer'));
			const object = computerObject(state, target);
			if (object.writable === false) return fail(insufficientRights(identity));
			const directory = (state.directory ??= {});
			const computers = (directory.computers ??= {});
			// The parameter rebuilds the whole descriptor (owner BA, one allow ACE per principal):
			// the ACEs it cannot name are gone (delegation-descriptor.ts).
			const {principals: _was, otherAces: _dropped, ...said} = object;
			// No principals and nothing else said: the object as a scenario that does not list it.
			if (principals.length === 0 && Object.keys(said).length === 0) delete computers[target];
			else
				computers[target] = {
					...said,
					// The descriptor keeps SIDs: a computer given by its DN is kept by its objectSid.
					principals: principals.map((each) => storedPrincipal(state, each)),
				};
			save();
			return ok<CommandOutput>({output: ''});
		},

		// As set-resource-delegation.ts's script: no descriptor, the documented parameter; else the
		// descriptor edited as SDDL and written back whole (-Replace), so no other ACE is lost.
		async editResourceDelegation(hop2, edit) {
			await delay();
			if (!moduleHere()) return fail(commandNotFound('Get-ADComputer'));
			const identity = computerIdentity(hop2);
			const target = findComputer(state, identity);
			if (target === undefined) return fail(identityNotFound(state, identity, 'Get-ADComputer'));
			const object = computerObject(state, target);
			const before = descriptorOf(state, object);
			if ('add' in edit && before === '') return this.setResourceDelegation(hop2, [edit.principal]);
			if ('remove' in edit && before === '') return ok<CommandOutput>({output: ''});
			if (object.writable === false) return fail(insufficientRights(identity));
			const after =
				'add' in edit ? withDelegateAce(before, edit.add) : withoutDelegateAce(before, edit.remove);
			if (!hasAces(after)) return this.setResourceDelegation(hop2, []);
			const computers = ((state.directory ??= {}).computers ??= {});
			const {otherAces: _was, ...rest} = object;
			computers[target] = {...rest, ...fromDescriptor(state, object, after)};
			save();
			return ok<CommandOutput>({output: ''});
		},

		purgeKerberosTickets: (hop1, credential) =>
			onHop1(hop1, credential, (machine, psComputerName) => {
				// Not an administrator there: klist may not purge LocalSystem's tickets; the stubs' klist
				// prints these lines and purge-kerberos-tickets throws them, as a string (so the id is the text).
				if (machine.notAdministratorOverRemoting === true)
					return fail(thrownText(klistPurgeDenied, psComputerName));
				const key = Object.keys(state.machines).find((each) => state.machines[each] === machine);
				if (key !== undefined) purgeRefusals(state, key);
				save();
				// klist's own lines for a purge of another logon session (seen in public transcripts).
				return ok<CommandOutput>({
					output: [
						'Current LogonId is 0:0x5097d',
						'Targeted LogonId is 0:0x3e7',
						'\tDeleting all tickets:',
						'\tTicket(s) purged!',
					].join('\n'),
				});
			}),
	};
}
