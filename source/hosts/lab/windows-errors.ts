// The ErrorRecords the simulated lab raises, worded as Windows words them. Texts are the ones in
// shared/reference/powershell-remoting.md (wsmerror.h, resx strings and seen transcripts); where
// the reference marks a detail as inferred, the comment says so.
import type {ErrorRecord} from '../../windows/records.js';

const transportException = 'System.Management.Automation.Remoting.PSRemotingTransportException';
/** Why WinRM refuses to create an HTTPS listener with a given certificate (wsmerror.h). */
export type ListenerRefusal =
	'already-exists' | 'certificate-not-found' | 'no-server-authentication' | 'hostname-mismatch';

// ConfigProvider.cs wraps the text in a new InvalidOperationException: the code is not carried.
const listenerRefusals: Record<ListenerRefusal, string> = {
	// ERROR_WSMAN_ALREADY_EXISTS 0x80338033
	'already-exists':
		'The WS-Management service cannot create the resource because it already exists.',
	// ERROR_WSMAN_CERT_NOT_FOUND 0x80338082
	'certificate-not-found':
		'The WS-Management service cannot find the certificate that was requested.',
	// ERROR_WSMAN_CERT_INVALID_USAGE 0x803380EE
	'no-server-authentication':
		'The WinRM client cannot process the request. The Enhanced Key Usage (EKU) field of the certificate is not set to "Server Authentication". Retry the request with a certificate that has the correct EKU.',
	// ERROR_WSMAN_CONFIG_CERT_CN_DOES_NOT_MATCH_HOSTNAME 0x803380E9 (seen: dsccommunity/WSManDsc#11)
	'hostname-mismatch':
		'The WinRM client cannot process the request. The certificate CN and the hostname that were provided do not match.',
};

const helpSuffix = ' For more information, see the about_Remote_Troubleshooting Help topic.';

/**
 * A connection that failed: `[host] Connecting to remote server …`. doublehop opens its session to
 * hop 1 with New-PSSession (`<Id>,PSSessionOpenFailed`, the RemoteRunspace as target); a command's
 * own Invoke-Command -ComputerName says `<Id>,PSSessionStateBroken` with the name as target.
 */
function connectFailure(
	computer: string,
	winrmText: string,
	fqidCode: string,
	hresult?: number,
	via: 'New-PSSession' | 'Invoke-Command' = 'New-PSSession',
): ErrorRecord {
	const opening = via === 'New-PSSession';
	return {
		message: `[${computer}] Connecting to remote server ${computer} failed with the following error message : ${winrmText}${helpSuffix}`,
		fullyQualifiedErrorId: `${fqidCode},${opening ? 'PSSessionOpenFailed' : 'PSSessionStateBroken'}`,
		categoryInfo: opening
			? 'OpenError: (System.Manageme....RemoteRunspace:RemoteRunspace) [New-PSSession], PSRemotingTransportException'
			: `OpenError: (${computer}:String) [], PSRemotingTransportException`,
		exceptionType: transportException,
		targetObject: opening ? 'System.Management.Automation.RemoteRunspace' : computer,
		...(hresult === undefined ? {} : {hresult}),
	};
}

/** E12's WinRM text, 0x80338012 (reference §2.3 E12). */
const cannotConnectText =
	'The client cannot connect to the destination specified in the request. Verify that the service on the destination is running and is accepting requests. Consult the logs and documentation for the WS-Management service running on the destination, most commonly IIS or WinRM. If the destination is the WinRM service, run the following command on the destination to analyze and configure the WinRM service: "winrm quickconfig".';

const allowFreshTail =
	'Use gpedit.msc and look at the following policy: Computer Configuration -> Administrative Templates -> System -> Credentials Delegation -> Allow Delegating Fresh Credentials.  Verify that it is enabled and configured with an SPN appropriate for the target computer. For example, for a target computer name "myserver.domain.com", the SPN can be one of the following: WSMAN/myserver.domain.com or WSMAN/*.domain.com';

/** What the WinRM client found wrong with an HTTPS certificate. */
export type CertificateProblem = 'unknown-authority' | 'name-mismatch';

const certificateProblemText: Record<CertificateProblem, string> = {
	'unknown-authority': 'The SSL certificate is signed by an unknown certificate authority.',
	'name-mismatch':
		'The SSL certificate contains a common name (CN) that does not match the hostname.',
};

/**
 * PowerShell's lookup of a name that is no command here (a module not installed, a command a JEA
 * role does not make visible): CommandNotFoundException, in Windows PowerShell 5.1's words.
 * `computer`: where it ran, when that was a remote session.
 */
export function commandNotFound(name: string, computer?: string): ErrorRecord {
	return {
		message: `The term '${name}' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.`,
		fullyQualifiedErrorId: 'CommandNotFoundException',
		categoryInfo: `ObjectNotFound: (${name}:String) [], CommandNotFoundException`,
		exceptionType: 'System.Management.Automation.CommandNotFoundException',
		...(computer === undefined ? {targetObject: name} : {psComputerName: computer}),
	};
}

export const windowsErrors = {
	/** 0x803381B9 ComputerNotFound. */
	nameNotResolved: (computer: string) =>
		connectFailure(
			computer,
			'The WinRM client cannot process the request because the server name cannot be resolved.',
			'ComputerNotFound',
			-2144108103,
		),

	/**
	 * A name that does not resolve, from a domain member: Kerberos finds no computer by that name,
	 * id 53 NetworkPathNotFound (reference 2.2). Seen verbatim from domain members for names that do
	 * not resolve (NOSUCHHOST01, "foo", a deleted DNS record), e.g. `[foo] Connecting to remote
	 * server foo failed … : WinRM cannot process the request. The following error occurred while
	 * using Kerberos authentication: Cannot find the computer foo. Verify that the computer exists on
	 * the network and that the name provided is spelled correctly.` (code corpus transcripts).
	 */
	kerberosComputerNotFound: (computer: string) =>
		connectFailure(
			computer,
			`WinRM cannot process the request. The following error occurred while using Kerberos authentication: Cannot find the computer ${computer}. Verify that the computer exists on the network and that the name provided is spelled correctly.`,
			'NetworkPathNotFound',
			-2147024843,
		),

	/** E12: 0x80338012 CannotConnect (nothing listening, service stopped). */
	cannotConnect: (computer: string) =>
		connectFailure(computer, cannotConnectText, 'CannotConnect', -2144108526),

	/**
	 * E16: the client refuses hop 1's HTTPS certificate (WinHTTP 12175, ERROR_WINHTTP_SECURE_FAILURE;
	 * the runtime shows its HRESULT 0x80072F8F). Texts seen verbatim (reference 2.3 E16: Test-WSMan
	 * and Invoke-Command -UseSSL; dbatools#8281): the header line, then one line per problem.
	 */
	serverCertificateErrors: (computer: string, problems: readonly CertificateProblem[]) =>
		connectFailure(
			computer,
			[
				`The server certificate on the destination computer (${computer}:5986) has the following errors:`,
				...problems.map((problem) => certificateProblemText[problem]),
			].join('\n'),
			'12175',
			-2147012721,
		),

	/** 1326 LogonFailure: ERROR_LOGON_FAILURE's system text (the FQID id is [S], the layout [D]). */
	logonFailure: (computer: string) =>
		connectFailure(
			computer,
			'The user name or password is incorrect.',
			'LogonFailure',
			-2147023570,
		),

	/**
	 * 1909 ERROR_ACCOUNT_LOCKED_OUT: its system text (net use's "System error 1909"); the id is the
	 * code itself, as for any transport error not in WSManTransportManagerUtils' table.
	 */
	accountLockedOut: (computer: string) =>
		connectFailure(
			computer,
			'The referenced account is currently locked out and may not be logged on to.',
			'1909',
			-2147022987,
		),

	/** 5 AccessDenied: the account may not open a session on the first hop (seen, pub-remote-access-denied-07). */
	accessDenied: (computer: string) =>
		connectFailure(computer, 'Access is denied.', 'AccessDenied', -2147024891),

	/** E13: 0x803381BB CannotUseIPAddress. */
	cannotUseIpAddress: (computer: string) =>
		connectFailure(
			computer,
			'The WinRM client cannot process the request. Default authentication may be used with an IP address under the following conditions: the transport is HTTPS or the destination is in the TrustedHosts list, and explicit credentials are provided. Use winrm.cmd to configure TrustedHosts. Note that computers in the TrustedHosts list might not be authenticated. For more information on how to set TrustedHosts run the following command: winrm help config.',
			'CannotUseIPAddress',
			-2144108101,
		),

	/**
	 * E13: 0x803380E4 ServerNotTrusted: not Kerberos (a workgroup client, or CredSSP to a host that
	 * Kerberos cannot authenticate) and the host is not in TrustedHosts. Text verbatim (reference
	 * 2.3 E13); which of E13's two records a given build raises is [D].
	 */
	serverNotTrusted: (computer: string) =>
		connectFailure(
			computer,
			'The WinRM client cannot process the request. If the authentication scheme is different from Kerberos, or if the client computer is not joined to a domain, then HTTPS transport must be used or the destination machine must be added to the TrustedHosts configuration setting. Use winrm.cmd to configure TrustedHosts. Note that computers in the TrustedHosts list might not be authenticated. You can get more information about that by running the following command: winrm help config.',
			'ServerNotTrusted',
			-2144108316,
		),

	/**
	 * A name the domain's Kerberos does not know (a workgroup host) from a domain member, not in
	 * TrustedHosts. Seen verbatim in public transcripts ("Cannot find the computer EXT-WIN8", with
	 * `NetworkPathNotFound,PSSessionStateBroken`); 53 = ERROR_BAD_NETPATH (reference 2.2).
	 */
	kerberosCannotFindComputer: (computer: string) =>
		connectFailure(
			computer,
			`WinRM cannot process the request. The following error occurred while using Kerberos authentication: Cannot find the computer ${computer}. Verify that the computer exists on the network and that the name provided is spelled correctly.`,
			'NetworkPathNotFound',
			-2147024843,
		),

	/** E1: 0x803381A2, client CredSSP off (seen with PSSessionOpenFailed; Invoke-Command uses StateBroken). */
	credSspClientDisabled: (computer: string) =>
		connectFailure(
			computer,
			`The WinRM client cannot process the request. CredSSP authentication is currently disabled in the client configuration. Change the client configuration and try the request again. CredSSP authentication must also be enabled in the server configuration. Also, Group Policy must be edited to allow credential delegation to the target computer. ${allowFreshTail}`,
			'-2144108126',
			-2144108126,
		),

	/** E2: 0x803381A3, no AllowFreshCredentials entry matches the typed name. */
	delegationNotAllowed: (computer: string) =>
		connectFailure(
			computer,
			`The WinRM client cannot process the request. A computer policy does not allow the delegation of the user credentials to the target computer. ${allowFreshTail}.`,
			'-2144108125',
			-2144108125,
		),

	/** E3: 0x803381A4, server only NTLM-authenticated (IP address, workgroup, missing WSMAN SPN). */
	notTrustedForDelegation: (computer: string) =>
		connectFailure(
			computer,
			'The WinRM client cannot process the request. A computer policy does not allow the delegation of the user credentials to the target computer because the computer is not trusted. The identity of the target computer can be verified if you configure the WSMAN service to use a valid certificate using the following command: winrm set winrm/config/service \'@{CertificateThumbprint="<thumbprint>"}\'  Or you can check the Event Viewer for an event that specifies that the following SPN could not be created: WSMAN/<computerFQDN>. If you find this event, you can manually create the SPN using setspn.exe .  If the SPN exists, but CredSSP cannot use Kerberos to validate the identity of the target computer and you still want to allow the delegation of the user credentials to the target computer, use gpedit.msc and look at the following policy: Computer Configuration -> Administrative Templates -> System -> Credentials Delegation -> Allow Fresh Credentials with NTLM-only Server Authentication.  Verify that it is enabled and configured with an SPN appropriate for the target computer. For example, for a target computer name "myserver.domain.com", the SPN can be one of the following: WSMAN/myserver.domain.com or WSMAN/*.domain.com. Try the request again after these changes.',
			'-2144108124',
			-2144108124,
		),

	/** E4: server CredSSP off. Test-WSMan reports this text with Code="5" (seen), so Invoke-Command's id is AccessDenied. */
	credSspServerDisabled: (computer: string, mechanisms: string) =>
		connectFailure(
			computer,
			`The WinRM client cannot process the request. The authentication mechanism requested by the client is not supported by the server or unencrypted traffic is disabled in the service configuration. Verify the unencrypted traffic setting in the service configuration or specify one of the authentication mechanisms supported by the server.  To use Kerberos, specify the computer name as the remote destination. Also verify that the client computer and the destination computer are joined to a domain. To use Basic, specify the computer name as the remote destination, specify Basic authentication and provide user name and password. Possible authentication mechanisms reported by server:     ${mechanisms}`,
			'AccessDenied',
			-2147024891,
		),

	/** E10: CredSSP encryption-oracle mismatch (AutomatedLab#343); FQID id [D]. */
	encryptionOracle: (computer: string) =>
		connectFailure(computer, 'The request is not supported', '50', -2147024846),

	/** E8: a *-WSManCredSSP cmdlet in a shell that is not elevated. */
	notElevated: (cmdlet: string, className: string): ErrorRecord => ({
		message: 'Access is denied. You need to run this cmdlet from an elevated process.',
		fullyQualifiedErrorId: `System.InvalidOperationException,Microsoft.WSMan.Management.${className}`,
		categoryInfo: `NotSpecified: (:) [${cmdlet}], InvalidOperationException`,
		exceptionType: 'System.InvalidOperationException',
	}),

	/** E6: the WinRM setting is owned by Group Policy. */
	gpoControlled: (cmdlet: string, className: string, psComputerName?: string): ErrorRecord => ({
		message:
			'The config setting CredSSP cannot be changed because is controlled by policies. The policy would need to be set to "Not Configured" in order to change the config setting.',
		fullyQualifiedErrorId: `WsManError,Microsoft.WSMan.Management.${className}`,
		categoryInfo: `InvalidOperation: (System.String:String) [${cmdlet}], InvalidOperationException`,
		exceptionType: 'System.InvalidOperationException',
		...(psComputerName === undefined ? {} : {psComputerName}),
	}),

	/** E7: a domain GPO owns Allow delegating fresh credentials, so the local entry never shows up. */
	delegationCannotBeEnabled: (): ErrorRecord => ({
		message: 'This command cannot be executed because the setting cannot be enabled.',
		fullyQualifiedErrorId: 'WsManError,Microsoft.WSMan.Management.EnableWSManCredSSPCommand',
		categoryInfo:
			'InvalidOperation: (System.String:String) [Enable-WSManCredSSP], InvalidOperationException',
		exceptionType: 'System.InvalidOperationException',
	}),

	/**
	 * New-Item WSMan:\localhost\Listener refused by WinRM: ConfigProvider.cs throws the fault's
	 * f:Message text (wsmerror.h) under New-Item's id, as for the drive's other WSMan errors; it
	 * comes back from hop 1 as a remote error (its trailing space trimmed, as the real host reads it).
	 */
	wsmanListenerRefused: (refusal: ListenerRefusal, psComputerName: string): ErrorRecord => ({
		message: listenerRefusals[refusal],
		fullyQualifiedErrorId: 'WsManError,Microsoft.PowerShell.Commands.NewItemCommand',
		categoryInfo: 'InvalidOperation: (:) [New-Item], InvalidOperationException',
		exceptionType: 'System.InvalidOperationException',
		psComputerName,
	}),

	/** The second hop itself: Get-VM on hop 1 reaching hop 2 with no reusable credential. */
	getVmDenied: (psComputerName: string): ErrorRecord => ({
		message:
			'You do not have permission to perform the operation. Contact your administrator if you believe you should have permission to perform this operation.',
		fullyQualifiedErrorId: 'AccessDenied,Microsoft.HyperV.PowerShell.Commands.GetVMCommand',
		categoryInfo: 'PermissionDenied: (:) [Get-VM], VirtualizationOperationFailedException',
		exceptionType: 'Microsoft.HyperV.PowerShell.VirtualizationOperationFailedException',
		hresult: -2147024891,
		psComputerName,
	}),

	/** Get-ChildItem on a UNC path from hop 1 (seen, reference §1.3). */
	uncDenied: (path: string, psComputerName: string): ErrorRecord => ({
		message: 'Access is denied',
		fullyQualifiedErrorId:
			'ItemExistsUnauthorizedAccessError,Microsoft.PowerShell.Commands.GetChildItemCommand',
		categoryInfo: `PermissionDenied: (${path}:String) [Get-ChildItem], UnauthorizedAccessException`,
		exceptionType: 'System.UnauthorizedAccessException',
		hresult: -2147024891,
		psComputerName,
	}),

	/**
	 * Get-ChildItem on a UNC path whose server does not answer or is not known: the FileSystem
	 * provider finds no item there and says so, without the network's reason (seen verbatim,
	 * PowerShell#4076: `Get-ChildItem \\fake\share\` "Cannot find path '\\fake\share\' because it
	 * does not exist.", ObjectNotFound, ItemNotFoundException; the id as Get-Item's there,
	 * EUCPilots/vcredist#47: PathNotFound,...GetItemCommand).
	 */
	uncNotFound: (path: string, psComputerName: string): ErrorRecord => ({
		message: `Cannot find path '${path}' because it does not exist.`,
		fullyQualifiedErrorId: 'PathNotFound,Microsoft.PowerShell.Commands.GetChildItemCommand',
		categoryInfo: `ObjectNotFound: (${path}:String) [Get-ChildItem], ItemNotFoundException`,
		exceptionType: 'System.Management.Automation.ItemNotFoundException',
		psComputerName,
	}),

	/** A nested Invoke-Command from hop 1 (seen, reference §1.3; FQID id [D]). */
	nestedRemotingDenied: (computer: string, psComputerName: string): ErrorRecord => ({
		...connectFailure(
			computer,
			'WinRM cannot process the request. The following error with errorcode 0x8009030e occurred while using Kerberos authentication: A specified logon session does not exist. It may already have been terminated.',
			'1312',
			-2146893042,
			'Invoke-Command',
		),
		psComputerName,
	}),

	/**
	 * Get-VM -ComputerName with a name hop 1 cannot resolve: the text is seen verbatim
	 * (MicrosoftDocs/Virtualization-Documentation#887: `Get-VM: The computer '<name>' could not be
	 * resolved. Make sure you typed the machine name correctly and that you have network access.`);
	 * the id and category are not in the transcript and follow Hyper-V's other not-found errors [D].
	 */
	getVmNameNotResolved: (computer: string, psComputerName: string): ErrorRecord => ({
		message: `The computer '${computer}' could not be resolved. Make sure you typed the machine name correctly and that you have network access.`,
		fullyQualifiedErrorId: 'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.GetVMCommand',
		categoryInfo: 'ObjectNotFound: (:) [Get-VM], VirtualizationException',
		exceptionType: 'Microsoft.HyperV.PowerShell.VirtualizationException',
		psComputerName,
	}),

	/** Get-VM asked for a host that hop 1 cannot find. */
	getVmHostNotFound: (computer: string, psComputerName: string): ErrorRecord => ({
		message: `Hyper-V was unable to find a virtual machine management service on computer '${computer}'.`,
		fullyQualifiedErrorId: 'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.GetVMCommand',
		categoryInfo: 'ObjectNotFound: (:) [Get-VM], VirtualizationException',
		exceptionType: 'Microsoft.HyperV.PowerShell.VirtualizationException',
		psComputerName,
	}),

	/**
	 * A local *-WSManCredSSP cmdlet while this machine's WinRM service is stopped: the cmdlet's own
	 * WSMan session to localhost fails and WSManHelper.AssertError throws the fault's whole XML
	 * (PowerShell CredSSP.cs, WsManHelper.cs). Seen verbatim for Enable-WSManCredSSP -Role Client
	 * (Azure/azure-sdk-tools-samples#9): Code 2150858770 = 0x80338012, Machine = this computer.
	 * The exception is a plain InvalidOperationException, so no HRESULT of its own.
	 */
	localWinRMStopped: (
		cmdlet: string,
		className: string,
		machine: string,
		delegateComputers?: string[],
	): ErrorRecord => ({
		message: `<f:WSManFault xmlns:f="http://schemas.microsoft.com/wbem/wsman/1/wsmanfault" Code="2150858770" Machine="${machine}"><f:Message>${cannotConnectText} </f:Message></f:WSManFault>`,
		fullyQualifiedErrorId: `WsManError,Microsoft.WSMan.Management.${className}`,
		categoryInfo: `InvalidOperation: (${delegateComputers === undefined ? ':' : 'System.String[]:String[]'}) [${cmdlet}], InvalidOperationException`,
		exceptionType: 'System.InvalidOperationException',
		...(delegateComputers === undefined ? {} : {targetObject: delegateComputers.join(' ')}),
	}),

	/**
	 * Start-Service on a Disabled service: ServiceController.Start fails and the cmdlet wraps its
	 * message (Service.cs, ServiceResources CouldNotStartService; the Start-Service docs name
	 * "Cannot start service <name> on computer").
	 */
	serviceCannotStart: (): ErrorRecord => ({
		message:
			"Service 'Windows Remote Management (WS-Management) (WinRM)' cannot be started due to the following error: Cannot start service WinRM on computer '.'.",
		fullyQualifiedErrorId: 'CouldNotStartService,Microsoft.PowerShell.Commands.StartServiceCommand',
		categoryInfo:
			'OpenError: (System.ServiceProcess.ServiceController:ServiceController) [Start-Service], ServiceCommandException',
		exceptionType: 'Microsoft.PowerShell.Commands.ServiceCommandException',
		targetObject: 'System.ServiceProcess.ServiceController',
	}),

	/**
	 * The WSMan: drive (ConfigProvider.cs) when the WinRM service cannot be started for it: the
	 * provider throws the fault's message text alone, under the item cmdlet's id.
	 */
	wsmanDriveCannotConnect: (cmdlet: string, className: string): ErrorRecord => ({
		message: `${cannotConnectText} `,
		fullyQualifiedErrorId: `WsManError,Microsoft.PowerShell.Commands.${className}`,
		categoryInfo: `InvalidOperation: (:) [${cmdlet}], InvalidOperationException`,
		exceptionType: 'System.InvalidOperationException',
	}),
};
