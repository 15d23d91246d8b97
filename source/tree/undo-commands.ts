// The PowerShell an admin would type to take a change back by hand, shown next to every change,
// on the undo screen and in exported scripts. Each operation module words its own undo; this only
// picks the one.
import {
	restoreClientCommands,
	restoreClientPlan,
	type ClientRestore,
} from '../operations/enable-client-credssp.js';
import {disableServerCredSspCommand} from '../operations/disable-server-credssp.js';
import {enableServerCredSspCommand} from '../operations/enable-server-credssp.js';
import {restoreEntryCommand} from './credssp-off-client.js';
import {removeHttpsListenerCommand} from '../operations/remove-https-listener.js';
import {stopWinRMServiceCommandFor} from '../operations/winrm-service.js';
import type {ClientCredSsp} from '../windows/records.js';
import {restoreNtlmOnlyCommands} from '../operations/set-ntlm-only-list.js';
import {removeTrustedHostCommand} from '../operations/trusted-hosts.js';
import {unregisterRevertTaskCommand} from '../operations/revert-task.js';
import {removeResourceDelegatesCommand} from '../operations/set-resource-delegation.js';
import type {ChangeRecord} from './state.js';
import {unregisterSessionConfigurationCommand} from '../operations/session-configuration.js';

/**
 * The client's CredSSP state the undo will find: the delegation lists, the switch, and whether a
 * domain GPO owns the list (then HKLM is left to Group Policy).
 */
export type ClientNow = Pick<
	ClientCredSsp,
	'enabled' | 'allowFreshCredentials' | 'localGpoAllowFreshCredentials' | 'policyDelegation'
>;

/** What the client change's undo does, given the client as it will find it; else undefined. */
export function clientRestoreFor(
	change: Pick<ChangeRecord, 'undo'>,
	clientNow: ClientNow,
): ClientRestore | undefined {
	const {undo} = change;
	if (undo.kind !== 'restore-client') return undefined;
	return restoreClientPlan(
		clientNow,
		undo.added,
		undo.enabledBefore,
		undo.switchesBefore,
		undo.listBefore,
		undo.keysBefore,
	);
}

/**
 * `clientNow` is the client as the undo will find it: read from the machine on the undo screen,
 * or, when the change is proposed, as the change leaves it. `exported`: worded for --export's
 * script, which defines the function the client's list is written with (restoreClientCommands).
 */
export function undoCommandFor(
	change: Pick<ChangeRecord, 'undo'>,
	clientNow: ClientNow | undefined,
	exported = false,
): string {
	const {undo} = change;
	switch (undo.kind) {
		case 'restore-client': {
			// Without the lists there is no telling which entries stay: a caller's mistake.
			const restore = clientNow === undefined ? undefined : clientRestoreFor(change, clientNow);
			if (restore === undefined) throw new Error('The client undo needs the client state.');
			return restoreClientCommands(restore, exported).join('\n');
		}
		case 'stop-winrm':
			return stopWinRMServiceCommandFor(undo.startType);
		case 'disable-server':
			return disableServerCredSspCommand(undo.hop1);
		case 'enable-server':
			return enableServerCredSspCommand(undo.hop1);
		case 'restore-delegation-entry':
			return restoreEntryCommand(clientNow, undo);
		case 'remove-listener':
			return removeHttpsListenerCommand(undo.hop1, undo.firewallRule);
		case 'remove-trusted-host':
			return removeTrustedHostCommand(undo.entry);
		case 'restore-ntlm-only':
			return restoreNtlmOnlyCommands(
				undo.listBefore,
				undo.switchesBefore,
				undo.keysBefore,
				undo.localGpo,
				// One command a line: the local GPO's line is a comment, which would swallow a "; " tail.
			).join('\n');
		case 'unregister-task':
			return unregisterRevertTaskCommand(undo.taskName, undo.hop1);
		case 'restore-principals':
			return removeResourceDelegatesCommand(undo.hop2, undo);
		case 'unregister-session-config':
			return unregisterSessionConfigurationCommand(undo.hop1, undo.name, undo.psscPath);
	}
}
