// Verbatim messages from ../shared/reference/powershell-remoting.md (section in each comment), used by
// several knowledge tests. Kept as data so a look-alike pair is two lines side by side.

const allowDelegatingFreshTail =
	'Use gpedit.msc and look at the following policy: Computer Configuration -> Administrative Templates -> System -> ' +
	'Credentials Delegation -> Allow Delegating Fresh Credentials.  Verify that it is enabled and configured with an ' +
	'SPN appropriate for the target computer. For example, for a target computer name "myserver.domain.com", the SPN ' +
	'can be one of the following: WSMAN/myserver.domain.com or WSMAN/*.domain.com';

export const messages = {
	// §2.3 E1
	clientCredSspDisabled:
		'The WinRM client cannot process the request. CredSSP authentication is currently disabled in the client ' +
		'configuration. Change the client configuration and try the request again. CredSSP authentication must also ' +
		'be enabled in the server configuration. Also, Group Policy must be edited to allow credential delegation to ' +
		'the target computer. ' +
		allowDelegatingFreshTail,
	// §2.3 E2
	delegationNoMatch:
		'The WinRM client cannot process the request. A computer policy does not allow the delegation of the user ' +
		'credentials to the target computer. ' +
		allowDelegatingFreshTail +
		'.',
	// §2.3 E3
	delegationNtlmOnly:
		'The WinRM client cannot process the request. A computer policy does not allow the delegation of the user ' +
		'credentials to the target computer because the computer is not trusted. The identity of the target computer ' +
		'can be verified if you configure the WSMAN service to use a valid certificate using the following command: ' +
		'winrm set winrm/config/service @{CertificateThumbprint="<thumbprint>"}  Or you can check the Event Viewer ' +
		'for an event that specifies that the following SPN could not be created: WSMAN/<computerFQDN>. If you find ' +
		'this event, you can manually create the SPN using setspn.exe .  If the SPN exists, but CredSSP cannot use ' +
		'Kerberos to validate the identity of the target computer and you still want to allow the delegation of the ' +
		'user credentials to the target computer, use gpedit.msc and look at the following policy: Computer ' +
		'Configuration -> Administrative Templates -> System -> Credentials Delegation -> Allow Fresh Credentials ' +
		'with NTLM-only Server Authentication.  Verify that it is enabled and configured with an SPN appropriate for ' +
		'the target computer. For example, for a target computer name "myserver.domain.com", the SPN can be one of ' +
		'the following: WSMAN/myserver.domain.com or WSMAN/*.domain.com. Try the request again after these changes.',
	// §2.3 E4
	serverCredSspDisabled:
		'The WinRM client cannot process the request. The authentication mechanism requested by the client is not ' +
		'supported by the server or unencrypted traffic is disabled in the service configuration. Verify the ' +
		'unencrypted traffic setting in the service configuration or specify one of the authentication mechanisms ' +
		'supported by the server.  To use Kerberos, specify the computer name as the remote destination. Also verify ' +
		'that the client computer and the destination computer are joined to a domain. To use Basic, specify the ' +
		'computer name as the remote destination, specify Basic authentication and provide user name and password. ' +
		'Possible authentication mechanisms reported by server:     Negotiate Kerberos',
	// §2.3 E5
	credentialRequired:
		'The WinRM client cannot process the request. Requests must include user name and password when CredSSP ' +
		'authentication mechanism is used. Add the user name and password or change the authentication mechanism ' +
		'and try the request again.',
	// §2.3 E6
	gpoCredSsp:
		'The config setting CredSSP cannot be changed because is controlled by policies. The policy would need to be ' +
		'set to "Not Configured" in order to change the config setting.',
	// §2.3 E7
	gpoSettingCannotBeEnabled:
		'Enable-WSManCredSSP : This command cannot be executed because the setting cannot be enabled.\n' +
		'    + CategoryInfo          : InvalidOperation: (System.String:String) [Enable-WSManCredSSP], InvalidOperationException\n' +
		'    + FullyQualifiedErrorId : WsManError,Microsoft.WSMan.Management.EnableWSManCredSSPCommand',
	// §2.3 E8
	notElevated:
		'Access is denied. You need to run this cmdlet from an elevated process.\n' +
		'    + CategoryInfo          : NotSpecified: (:) [Enable-WSManCredSSP], InvalidOperationException\n' +
		'    + FullyQualifiedErrorId : System.InvalidOperationException,Microsoft.WSMan.Management.EnableWSManCredSSPCommand',
	// §2.3 E9
	delegateComputerMandatory:
		'Enable-WSManCredSSP : The DelegateComputer parameter is mandatory when the Role parameter value is Client.',
	delegateComputerNotForServer:
		'Enable-WSManCredSSP : The DelegateComputer parameter cannot be used when the Role parameter value is Server. ' +
		'The DelegateComputer parameter can be used only when the Role parameter value is Client.',
	// §2.3 E10 (AutomatedLab#343)
	oracleRemoting:
		'[sSQL1] Connecting to remote server sSQL1 failed with the following error message : The request is not supported',
	// §2.3 E11
	timeout:
		'WinRM cannot complete the operation. Verify that the specified computer name is valid, that the computer is ' +
		'accessible over the network, and that a firewall exception for the WinRM service is enabled and allows ' +
		'access from this computer. By default, the WinRM firewall exception for public profiles limits access to ' +
		'remote computers within the same local subnet.',
	// §2.3 E12
	cannotConnect:
		'The client cannot connect to the destination specified in the request. Verify that the service on the ' +
		'destination is running and is accepting requests. Consult the logs and documentation for the WS-Management ' +
		'service running on the destination, most commonly IIS or WinRM. If the destination is the WinRM service, run ' +
		'the following command on the destination to analyze and configure the WinRM service: "winrm quickconfig".',
	refused:
		'The connection to the specified remote host was refused. Verify that the WS-Management service is running on ' +
		'the remote host and configured to listen for requests on the correct port and HTTP URL.',
	sslNotEstablished:
		'The SSL connection cannot be established. Verify that the service on the remote host is properly configured ' +
		'to listen for HTTPS requests. Consult the logs and documentation for the WS-Management service running on ' +
		'the destination, most commonly IIS or WinRM. If the destination is the WinRM service, run the following ' +
		'command on the destination to analyze and configure the WinRM service: "winrm quickconfig -transport:https".',
	nameNotResolved:
		'The WinRM client cannot process the request because the server name cannot be resolved.',
	// §2.3 E13
	ipAddress:
		'The WinRM client cannot process the request. Default authentication may be used with an IP address under ' +
		'the following conditions: the transport is HTTPS or the destination is in the TrustedHosts list, and ' +
		'explicit credentials are provided. Use winrm.cmd to configure TrustedHosts. Note that computers in the ' +
		'TrustedHosts list might not be authenticated. For more information on how to set TrustedHosts run the ' +
		'following command: winrm help config.',
	// §2.3 E14
	kerberosSpn:
		'WinRM cannot process the request. The following error with errorcode 0x80090322 occurred while using ' +
		'Kerberos authentication: An unknown security error occurred.',
	// §1.3
	secondHopLogonSession:
		'WinRM cannot process the request. The following error with errorcode 0x8009030e occurred while using ' +
		'Kerberos authentication: A specified logon session does not exist. It may already have been terminated.',
	// §2.3 E15
	noCertificate:
		'Cannot create a WinRM listener on HTTPS because this machine does not have an appropriate certificate. To ' +
		'be used for SSL, a certificate must have a CN matching the hostname, be appropriate for Server ' +
		'Authentication, and not be expired, revoked, or self-signed.',
	// §2.3 E16
	unknownCa:
		'The server certificate on the destination computer (SSLTEST:5986) has the following errors:\n' +
		'The SSL certificate is signed by an unknown certificate authority.',
	// §1.2
	hyperVSecondHop:
		'You do not have permission to perform the operation. Contact your administrator if you believe you should ' +
		'have permission to perform this operation.\n' +
		'    + CategoryInfo          : PermissionDenied: (:) [Get-VM], VirtualizationOperationFailedException\n' +
		'    + FullyQualifiedErrorId : AccessDenied,Microsoft.HyperV.PowerShell.Commands.GetVMCommand\n' +
		'    + PSComputerName        : hyperv1',
	// §2.1 with Id 5 (AccessDenied)
	firstHopAccessDenied:
		'[hyperv1] Connecting to remote server hyperv1 failed with the following error message : Access is denied. ' +
		'For more information, see the about_Remote_Troubleshooting Help topic.\n' +
		'    + CategoryInfo          : OpenError: (hyperv1:String) [], PSRemotingTransportException\n' +
		'    + FullyQualifiedErrorId : AccessDenied,PSSessionStateBroken',
} as const;
