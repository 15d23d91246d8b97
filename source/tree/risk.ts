// What the admin must understand before CredSSP is switched on, and what else would work, filled
// in with the admin's own command and machines. Shown at the risk step, when the admin says no,
// when CredSSP cannot work for the account, and in `--tree`. Microsoft's ranking and examples are
// in PS-remoting-second-hop.md (PowerShell-Docs).

export function riskLines(hop1: string, user: string, undoCommand = 'doublehop undo'): string[] {
	return [
		`With CredSSP, ${hop1} receives ${user}'s reusable credentials and keeps them while the session lives.`,
		`Anyone who controls ${hop1} (another admin, malware) can then act as ${user} anywhere on the network.`,
		`Use it only if ${hop1} is as trusted as the machines ${user} administers, and turn it off when done (${undoCommand}).`,
		// PS-remoting-second-hop.md: CredSSP "doesn't work with the Protected Users group".
		'It does not work for members of Protected Users.',
	];
}

export type Targets = {hop1: string; hop2: string; command: string};

/** The first UNC path in a command, e.g. \\fs01\share from `Get-ChildItem \\fs01\share\logs`. */
function uncShare(command: string): string | undefined {
	return /\\\\[^\\\s'"|;]+\\[^\\\s'"|;]+/.exec(command)?.[0];
}

/** The admin's command given `$using:cred` for its second hop. */
function withPassedCredential(command: string): string {
	const share = uncShare(command);
	// The FileSystem provider takes a credential only through New-PSDrive ("The FileSystem provider
	// supports credentials only on the New-PSDrive cmdlet."): map the share with it, then run as typed.
	if (share !== undefined) {
		return `New-PSDrive -Name Share -PSProvider FileSystem -Root ${share} -Credential $using:cred | Out-Null; ${command}`;
	}
	// The first stage of a pipeline is the one that reaches the second hop.
	const pipe = command.indexOf('|');
	if (pipe > 0)
		return `${command.slice(0, pipe).trimEnd()} -Credential $using:cred ${command.slice(pipe)}`;
	return `${command} -Credential $using:cred`;
}

/** The computer's name in Active Directory (its first label), as Get-ADComputer -Identity takes it. */
function adName(host: string): string {
	return /^\d+(\.\d+){3}$/.test(host) ? host : (host.split('.')[0] ?? host);
}

/** `delegable: false` (Protected Users, a sensitive account) leaves out Kerberos delegation. */
export function alternativesFor(
	{hop1, hop2, command}: Targets,
	{delegable = true}: {delegable?: boolean} = {},
): string[] {
	const share = uncShare(command) !== undefined;
	const all = [
		`Pass a credential to the inner command (no setup): Invoke-Command -ComputerName ${hop1} -Credential $cred -ScriptBlock { ${withPassedCredential(command)} }${share ? '' : ' (only for commands that take -Credential)'}.`,
		`Avoid the hop: run the command from this machine: ${command}`,
		`JEA on ${hop1} with a group managed service account (GroupManagedServiceAccount in its session configuration), which makes the second hop as that account.`,
		`A RunAs session configuration on ${hop1} (Register-PSSessionConfiguration -RunAsCredential), then Invoke-Command -ComputerName ${hop1} -ConfigurationName <its name>.`,
		`Resource-based Kerberos constrained delegation (Set-ADComputer ${adName(hop2)} -PrincipalsAllowedToDelegateToAccount (Get-ADComputer ${adName(hop1)})): safer, but it does not carry a WinRM second hop; it works for SMB, WMI and similar.`,
	];
	return delegable ? all : all.slice(0, -1);
}

/** The same, with placeholders, for `--tree`. */
export const alternatives: readonly string[] = alternativesFor({
	hop1: '<hop1>',
	hop2: '<hop2>',
	command: '<command>',
});
