// The lab's answers about how this machine trusts a first hop it cannot reach by Kerberos: DNS's
// name for an address, the WinRM client's TrustedHosts, and the NTLM-only delegation list.
import type {Host} from '../host.js';
import type {Outcome} from '../../windows/records.js';
import type {LabMachine} from './scenario.js';
import {
	clientMachine,
	delegationKeys,
	keysAfterListWrite,
	setLocalGpoNtlmOnly,
	setNtlmOnly,
	type LabState,
} from './simulate.js';

type TrustCalls = Pick<
	Host,
	'resolveName' | 'readTrustedHosts' | 'addTrustedHost' | 'setTrustedHosts' | 'setNtlmOnlyList'
>;

const ok = <T>(value: T): Outcome<T> => ({ok: true, value});

/** A domain member's address has a PTR record in AD DNS unless the scenario says otherwise. */
function hasPtrRecord(machine: LabMachine): boolean {
	return machine.ptrRecord ?? machine.domain !== null;
}

export function clientTrustCalls(
	state: LabState,
	save: () => void,
	delay: () => Promise<unknown>,
): TrustCalls {
	// An unelevated shell never gets this far: the flow stops at its first step (preflight).
	const client = () => clientMachine(state);
	return {
		async resolveName(address) {
			await delay();
			const names = Object.values(state.machines)
				.filter((machine) => machine.addresses.includes(address) && hasPtrRecord(machine))
				.map((machine) => machine.fqdn);
			return ok({names});
		},

		async readTrustedHosts() {
			await delay();
			return ok({entries: [...(client().trustedHosts ?? [])], setByPolicy: false});
		},

		async addTrustedHost(entry) {
			await delay();
			const machine = client();
			const entries = machine.trustedHosts ?? [];
			// -Concatenate appends to the list that is there; doublehop asks only for a missing entry.
			if (!entries.some((each) => each.toLowerCase() === entry.toLowerCase())) {
				machine.trustedHosts = [...entries, entry];
			}
			save();
			return ok({output: ''});
		},

		async setTrustedHosts(entries) {
			await delay();
			const machine = client();
			if (entries.length === 0) delete machine.trustedHosts;
			else machine.trustedHosts = [...entries];
			save();
			return ok({output: ''});
		},

		async setNtlmOnlyList(values, switches, keysBefore, localGpo) {
			await delay();
			const machine = client();
			if (localGpo !== undefined) setLocalGpoNtlmOnly(machine, localGpo);
			const parentBefore = delegationKeys(machine).parent;
			setNtlmOnly(machine, values, switches);
			keysAfterListWrite(
				machine,
				'AllowFreshCredentialsWhenNTLMOnly',
				parentBefore,
				values,
				keysBefore,
			);
			save();
			return ok({output: ''});
		},
	};
}
