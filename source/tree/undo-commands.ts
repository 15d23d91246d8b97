// The PowerShell an admin would type to take a change back by hand, shown next to every change
// and in exported scripts. `doublehop undo` does the same, touching only what doublehop changed.
import {stopWinRMServiceCommand} from '../operations/winrm-service.js';
import {psArgument, psQuote} from '../safety/names.js';
import type {ChangeRecord} from './state.js';

const onHop1 = (hop1: string, script: string) =>
	`Invoke-Command -ComputerName ${psArgument(hop1)} -Credential $cred -ScriptBlock { ${script} }`;

export function undoCommandFor(change: Pick<ChangeRecord, 'undo'>): string {
	const {undo} = change;
	switch (undo.kind) {
		case 'restore-client': {
			const parts = undo.added.map(
				(entry) =>
					`remove ${psQuote(entry)} from Allow delegating fresh credentials (Disable-WSManCredSSP -Role Client would remove every wsman entry)`,
			);
			if (!undo.enabledBefore)
				parts.push('Set-Item WSMan:\\localhost\\Client\\Auth\\CredSSP -Value $false -Force');
			return parts.length === 0 ? 'nothing to undo' : `doublehop undo: ${parts.join('; ')}`;
		}
		case 'stop-winrm':
			return stopWinRMServiceCommand;
		case 'disable-server':
			return onHop1(undo.hop1, 'Disable-WSManCredSSP -Role Server');
		case 'remove-listener': {
			const rule =
				undo.firewallRule === undefined
					? ''
					: `; Remove-NetFirewallRule -Name ${psQuote(undo.firewallRule)}`;
			return onHop1(
				undo.hop1,
				`Get-ChildItem WSMan:\\localhost\\Listener | Where-Object Keys -Contains 'Transport=HTTPS' | Remove-Item -Recurse${rule}`,
			);
		}
	}
}
