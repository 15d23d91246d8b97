// The PowerShell an admin would type to take a change back by hand, shown next to every change
// and in exported scripts. Each operation module words its own undo; this only picks the one.
import {disableServerCredSspCommand} from '../operations/disable-server-credssp.js';
import {restoreClientCommand} from '../operations/enable-client-credssp.js';
import {removeHttpsListenerCommand} from '../operations/remove-https-listener.js';
import {stopWinRMServiceCommand} from '../operations/winrm-service.js';
import {setNtlmOnlyListCommands} from '../operations/set-ntlm-only-list.js';
import {setTrustedHostsCommand} from '../operations/trusted-hosts.js';
import type {ChangeRecord} from './state.js';

export function undoCommandFor(change: Pick<ChangeRecord, 'undo'>): string {
	const {undo} = change;
	switch (undo.kind) {
		case 'restore-client':
			return restoreClientCommand(undo.added, undo.enabledBefore);
		case 'stop-winrm':
			return stopWinRMServiceCommand;
		case 'disable-server':
			return disableServerCredSspCommand(undo.hop1);
		case 'remove-listener':
			return removeHttpsListenerCommand(undo.hop1, undo.firewallRule);
		case 'remove-trusted-host':
			return setTrustedHostsCommand(undo.listBefore);
		case 'restore-ntlm-only':
			return setNtlmOnlyListCommands(undo.listBefore).join('; ');
	}
}
