// What Windows says when a RunAs session configuration cannot store its account's password, and
// the Group Policy that forbids storing one. Windows' rules and words only, no I/O.
//
// Register-PSSessionConfiguration -RunAsCredential first creates the plugin, then sets its
// RunAsUser (`set-item WSMan:\localhost\Plugin\<name>\RunAsUser $runAsCredential`); when WinRM
// refuses that, the plugin is removed again and the error written (`write-error $_`), and the
// cmdlet returns before the session check that restarts WinRM: nothing stays registered and
// nothing restarts (PowerShell's CustomShellCommands.cs, RegisterPSSessionConfigurationCommand,
// newPluginSbFormat). The WSMan provider raises WinRM's fault text as
// InvalidOperationException, error id WsManError, InvalidOperation (ConfigProvider.cs AssertError);
// `write-error $_` binds that record (Write-Error's ErrorRecord parameter is positional) inside the
// script's own function Register-PSSessionConfiguration, which the id's suffix names.
//
// The texts are WinRM's (wsmerror.h), as dahall/Vanara PInvoke/WsmSvc/wsmerror.cs transcribes them.
import type {ErrorRecord} from './records.js';

/** The registry value behind the policy (STIG V-73603 checks it). */
export const disableRunAsKey = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Service';
export const disableRunAsValue = 'DisableRunAs';

/** The policy as gpedit.msc shows it. */
export const disableRunAsPolicy =
	'Computer Configuration > Administrative Templates > Windows Components > Windows Remote Management (WinRM) > WinRM Service > Disallow WinRM from storing RunAs credentials';

/** 0x803381C3 ERROR_WSMAN_RUNAS_INVALIDUSERCREDENTIALS: the RunAs password (or user) is wrong. */
export const runAsCredentialsNotVerified =
	'The WinRM runAs configuration operation cannot be completed because the user credentials could not be verified. Verify that the username and password used for configuration are valid and retry the operation.';

/** 0x803381E0 ERROR_WSMAN_INVALID_XML_RUNAS_DISABLED: the policy above is Enabled. */
export const runAsDisabledByPolicy =
	'The supplied plugin configuration XML is not valid. To enable WinRM to store RunAs credentials, change the "Disallow WinRM from storing RunAs credentials" Group Policy setting to Disabled.';

/**
 * 0x803381DF ERROR_WSMAN_CREATESHELL_RUNAS_FAILED: a session to a RunAs configuration whose stored
 * password no longer works (the account's password changed), or after the policy was turned on.
 */
export const runAsShellFailed =
	'The creation of a new Shell failed. Verify that the RunAsPassword value is correctly configured and that the Group Policy setting "Disallow WinRM from storing RunAs credentials" is Disabled or Not Configured. To enable WinRM to store RunAs credentials, change this Group Policy setting to Disabled.';

/** The error id Register-PSSessionConfiguration's record carries for either refusal. */
export const runAsRefusedErrorId = 'WsManError,Register-PSSessionConfiguration';

const notVerifiedPhrase =
	'The WinRM runAs configuration operation cannot be completed because the user credentials could not be verified';
const disabledByPolicyPhrase = 'To enable WinRM to store RunAs credentials';

/**
 * Whether WinRM refused the RunAs account and password a registration gave it (0x803381C3). The
 * record carries no fault code: the WSMan provider keeps only the fault's f:Message text
 * (ConfigProvider.cs AssertError), and that text is in the language WinRM answers in, English or
 * not (wsmsvc.dll.mui). Its error id is never translated: `write-error $_` in the RunAsUser step's
 * catch names the function
 * (Write.cs WriteOrThrowErrorCommand.ProcessRecord sets $MyInvocation's InvocationInfo), so that
 * id is WinRM refusing the RunAs setting, in any language. Its other refusal, the policy
 * (0x803381E0), is read on hop 1 before anything is registered, and its English text is told apart.
 * The only other `write-error $_` of that function is the SDDL step's (CustomShellCommands.cs
 * newPluginSbFormat), run only for a -Path file with groups or roles: JEA's, never RunAs's, and
 * register.ts asks this for RunAs only.
 */
export function isRunAsCredentialRefused(error: ErrorRecord): boolean {
	if (error.message.includes(notVerifiedPhrase)) return true;
	return (
		error.fullyQualifiedErrorId.toLowerCase() === runAsRefusedErrorId.toLowerCase() &&
		!error.message.includes(disabledByPolicyPhrase)
	);
}
