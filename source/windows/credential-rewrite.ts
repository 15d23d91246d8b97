// The `$using:cred` method: the admin's command, rewritten so that each cmdlet that reaches the
// second hop is handed the credential itself. The first hop then logs on to the second hop with it
// (a fresh logon, as the admin), so nothing has to be delegated and no machine is changed.
// Which cmdlets take a credential, from Microsoft's documentation:
// - Hyper-V module 2.0 (Get-VM, Get-VMHost, ...): -Credential <PSCredential[]> beside -ComputerName
//   (learn.microsoft.com/powershell/module/hyper-v/get-vm).
// - Invoke-Command, New-PSSession, Enter-PSSession: -Credential.
// - Get-WmiObject and the other WMI cmdlets of Windows PowerShell 5.1: -Credential.
// - CIM cmdlets (Get-CimInstance, ...) have no -Credential: they take a -CimSession made by
//   New-CimSession -ComputerName <host> -Credential.
// - ActiveDirectory cmdlets: -Credential beside -Server.
// - The FileSystem provider takes a credential only through a drive: "Since PowerShell 3.0, when
//   the value of the Root parameter is a UNC path, you can use credentials to create file system
//   drives" (New-PSDrive, -Credential). So a UNC path goes through New-PSDrive -Credential first.
// - Invoke-Sqlcmd's -Credential (SqlServer module) is a SQL Server login: "Use SQL Server
//   Authentication by ... specifying the -Username and -Password parameters for Invoke-Sqlcmd"
//   (manage-authentication-in-database-engine-powershell). It cannot carry Windows authentication.
import {secondHopReaches, type SecondHopReach} from './second-hop-reach.js';

/** The variable the rewritten command reads: `$cred` on the admin's machine. */
const credentialVariable = '$using:cred';

export type CredentialRewrite =
	{fits: true; command: string; changes: string[]} | {fits: false; why: string};

type Edit = {start: number; end: number; text: string};

/** RPC cmdlets whose -ComputerName comes with a -Credential. */
const rpcWithCredential = ['restart-computer', 'stop-computer', 'add-computer', 'remove-computer'];

/** `\\server\share` (or `\\?\UNC\server\share`) around a UNC reach: where it starts and ends. */
function uncRoot(command: string, reach: SecondHopReach): {start: number; end: number} {
	const [serverStart, serverEnd] = reach.at;
	const long = '\\\\?\\UNC\\';
	const start = command.slice(0, serverStart).endsWith(long)
		? serverStart - long.length
		: serverStart - 2;
	const share = /^\\[^\\/\s'"`|;,)]+/.exec(command.slice(serverEnd))?.[0] ?? '';
	return {start, end: serverEnd + share.length};
}

function plainEdit(reach: SecondHopReach): Edit {
	return {start: reach.end, end: reach.end, text: ` -Credential ${credentialVariable}`};
}

/** One reach's edit, or why its cmdlet cannot be handed a Windows credential. */
function editFor(command: string, reach: SecondHopReach): Edit | {why: string} {
	const name = reach.cmdlet.toLowerCase();
	switch (reach.protocol) {
		case 'hyper-v':
		case 'winrm':
		case 'dcom':
		case 'active-directory':
			return plainEdit(reach);
		case 'cim': {
			if (name === 'new-cimsession') return plainEdit(reach);
			const [start, end] = reach.parameterAt ?? reach.at;
			const computer = command.slice(start, end).replace(/^-\w+:?\s*/, '');
			return {
				start,
				end,
				text: `-CimSession (New-CimSession -ComputerName ${computer} -Credential ${credentialVariable})`,
			};
		}
		case 'sql':
			return {
				why: `${reach.cmdlet} takes -Credential only as a SQL Server login, not as a Windows account, so $using:cred cannot carry Windows authentication to ${reach.computer}.`,
			};
		case 'rpc':
			return rpcWithCredential.includes(name)
				? plainEdit(reach)
				: {
						why: `${reach.cmdlet} -ComputerName ${reach.computer} takes no -Credential (it uses the logon of whoever runs it).`,
					};
		case 'smb':
			return {...uncRoot(command, reach), text: ''};
	}
}

/**
 * The command with the credential handed to every cmdlet that reaches another machine, or why it
 * cannot be. A UNC path becomes a drive (Hop2Share:) opened with the credential just before.
 */
export function passCredential(command: string): CredentialRewrite {
	const reaches = secondHopReaches(command);
	if (reaches.length === 0)
		return {
			fits: false,
			why: 'The command names no other machine that doublehop recognises (a -ComputerName, a UNC path, a SQL instance), so there is nothing to hand the credential to.',
		};
	const edits: Edit[] = [];
	const changes: string[] = [];
	/** Each share's drive, by its root in lower case: the root as first written, and the drive. */
	const drives = new Map<string, {root: string; drive: string}>();
	for (const reach of reaches) {
		if (reach.credential) continue;
		const edit = editFor(command, reach);
		if ('why' in edit) return {fits: false, why: edit.why};
		if (reach.protocol === 'smb') {
			const root = `\\\\${command.slice(reach.at[0], edit.end)}`;
			const drive =
				drives.get(root.toLowerCase())?.drive ??
				`Hop2Share${drives.size === 0 ? '' : drives.size + 1}`;
			if (!drives.has(root.toLowerCase())) {
				drives.set(root.toLowerCase(), {root, drive});
				changes.push(`${root} is opened as drive ${drive}: with the credential (New-PSDrive).`);
			}
			const rest = command.slice(edit.end);
			edits.push({...edit, text: rest.startsWith('\\') ? `${drive}:` : `${drive}:\\`});
			continue;
		}
		edits.push(edit);
		changes.push(`${reach.cmdlet} to ${reach.computer}: ${edit.text.trim()}`);
	}
	if (edits.length === 0)
		return {
			fits: false,
			why: 'The command already passes -Credential where it reaches the other machine.',
		};
	let rewritten = command;
	for (const edit of edits.sort((a, b) => b.start - a.start))
		rewritten = rewritten.slice(0, edit.start) + edit.text + rewritten.slice(edit.end);
	const opens = [...drives.values()].map(
		({root, drive}) =>
			`New-PSDrive -Name ${drive} -PSProvider FileSystem -Root '${root.replaceAll("'", "''")}' -Credential ${credentialVariable} | Out-Null; `,
	);
	return {fits: true, command: opens.join('') + rewritten, changes};
}
