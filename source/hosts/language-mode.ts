// A console held to a restricted language mode (AppLocker or WDAC enforce Constrained Language on
// hardened admin workstations) cannot run doublehop's runtime. Both hosts report it alike.
import type {ErrorRecord} from '../windows/records.js';

export const constrainedLanguageId = 'ConstrainedLanguage,doublehop';

/**
 * The console runs in a restricted language mode (AppLocker or WDAC enforce Constrained Language
 * on admin workstations): the runtime's .NET calls are not allowed, so nothing is run at all.
 */
export function constrainedLanguage(mode: string): ErrorRecord {
	return {
		message:
			`PowerShell on this computer runs in ${mode} mode (an AppLocker or Windows Defender Application Control policy), which does not allow the .NET calls doublehop's runtime makes, so doublehop ran nothing. ` +
			'Run doublehop from a session the policy allows in FullLanguage mode (ask the owner of the AppLocker/WDAC policy, for example for a rule that allows a signed doublehop), ' +
			'or make the changes by hand: doublehop --lab classic shows each command, and $ExecutionContext.SessionState.LanguageMode shows the mode.',
		fullyQualifiedErrorId: constrainedLanguageId,
		categoryInfo: `PermissionDenied: (${mode}:String) [], PSNotSupportedException`,
		exceptionType: 'System.Management.Automation.PSNotSupportedException',
		targetObject: mode,
	};
}
