// Whether a command line changes a machine or only reads it. `explain` and the guided flow call a
// command a "check" only when it reads: an admin pastes a check without a second thought, and
// doublehop's own rule is no change without an explicit yes (and an undo).

// PowerShell's approved verbs that change state (Get-Verb: Common, Data, Lifecycle, Security groups).
const changingVerbs = [
	'Add',
	'Clear',
	'Copy',
	'Disable',
	'Enable',
	'Grant',
	'Install',
	'Move',
	'Register',
	'Remove',
	'Rename',
	'Reset',
	'Restart',
	'Resume',
	'Revoke',
	'Set',
	'Start',
	'Stop',
	'Suspend',
	'Uninstall',
	'Unregister',
	'Update',
];

// Cmdlets of those verbs (and New-*) whose effect ends with the console: a session to another
// machine and its options, a drive or variable of this session, a process it starts, a wait.
const sessionOnly = new Set(
	[
		'New-PSSession',
		'New-PSSessionOption',
		'New-CimSession',
		'New-CimSessionOption',
		'New-Object',
		'New-Variable',
		'Set-Variable',
		'Remove-Variable',
		'Remove-PSSession',
		'Remove-CimSession',
		'Set-Location',
		'Start-Process',
		'Start-Sleep',
		'Add-Type',
		'Add-Member',
	].map((name) => name.toLowerCase()),
);

const cmdlet = /(?<![\w-])([A-Za-z]+)-[A-Za-z]+(?![\w-])/g;

// Native tools whose sub-command writes: setspn -S/-A/-D, winrm set/quickconfig/create/delete/
// invoke, netsh add/set/delete, sc config/start/stop/create/delete, reg add/delete/import.
const changingNative = [
	/\bsetspn(\.exe)?\s+-[sad]\b/i,
	/\bwinrm(\.cmd)?\s+(set|s|quickconfig|qc|create|c|delete|d|invoke|i)\b/i,
	/\bnetsh(\.exe)?\b.*\s(add|set|delete)\s/i,
	/\bsc(\.exe)?\s+(config|start|stop|create|delete)\b/i,
	/\breg(\.exe)?\s+(add|delete|import)\b/i,
];

const changingVerb = new Set(changingVerbs.map((verb) => verb.toLowerCase()));

function cmdletChanges(name: string, verb: string): boolean {
	const lower = name.toLowerCase();
	if (sessionOnly.has(lower)) return false;
	// New-PSDrive maps a drive for this session only, unless -Persist makes it a mapped drive.
	if (lower === 'new-psdrive') return false;
	return changingVerb.has(verb.toLowerCase()) || verb.toLowerCase() === 'new';
}

/** True when running `command` changes a machine's settings, services, files or directory. */
export function changesAMachine(command: string): boolean {
	return (
		[...command.matchAll(cmdlet)].some(([name, verb]) => cmdletChanges(name, verb!)) ||
		/\bNew-PSDrive\b[^|;}]*\s-Persist\b/i.test(command) ||
		changingNative.some((pattern) => pattern.test(command))
	);
}
