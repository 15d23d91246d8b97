// Where Group Policy keeps the settings that override CredSSP configuration, named the way
// gpedit.msc shows them, so the admin can find the policy the tool talks about.
const adminTemplates = 'Computer Configuration > Administrative Templates';

export const policyPaths = {
	clientAllowCredSsp: {
		policyPath: `${adminTemplates} > Windows Components > Windows Remote Management (WinRM) > WinRM Client > Allow CredSSP authentication`,
		registryPath: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Client\\AllowCredSSP',
	},
	serviceAllowCredSsp: {
		policyPath: `${adminTemplates} > Windows Components > Windows Remote Management (WinRM) > WinRM Service > Allow CredSSP authentication`,
		registryPath: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Service\\AllowCredSSP',
	},
	allowFreshCredentials: {
		policyPath: `${adminTemplates} > System > Credentials Delegation > Allow delegating fresh credentials`,
		registryPath:
			'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\AllowFreshCredentials',
	},
	allowFreshCredentialsSwitch: {
		policyPath: `${adminTemplates} > System > Credentials Delegation > Allow delegating fresh credentials`,
		registryPath:
			'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\AllowFreshCredentials',
	},
	denyFreshCredentials: {
		policyPath: `${adminTemplates} > System > Credentials Delegation > Deny delegating fresh credentials`,
		registryPath:
			'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\DenyFreshCredentials',
	},
	allowFreshCredentialsNtlmOnly: {
		policyPath: `${adminTemplates} > System > Credentials Delegation > Allow delegating fresh credentials with NTLM-only server authentication`,
		registryPath:
			'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation\\AllowFreshCredentialsWhenNTLMOnly',
	},
	trustedHosts: {
		policyPath: `${adminTemplates} > Windows Components > Windows Remote Management (WinRM) > WinRM Client > Trusted Hosts`,
		registryPath: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WinRM\\Client\\TrustedHostsList',
	},
	encryptionOracle: {
		policyPath: `${adminTemplates} > System > Credentials Delegation > Encryption Oracle Remediation`,
		registryPath:
			'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters\\AllowEncryptionOracle',
	},
} as const;

export const encryptionOracleNames = {
	0: 'Force Updated Clients',
	1: 'Mitigated',
	2: 'Vulnerable',
} as const;
