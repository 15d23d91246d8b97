// Client side of the fix, on this machine. Enable-WSManCredSSP -Role Client appends
// wsman/<name> values to the local-GPO AllowFreshCredentials list without de-duplicating,
// so callers pass only the names that the list does not already cover.
import {psArgument} from '../safety/names.js';

export function enableClientCredSspCommand(delegateComputers: string[]): string {
	return `Enable-WSManCredSSP -Role Client -DelegateComputer ${delegateComputers.map(psArgument).join(',')} -Force`;
}
