// Whether an error came through a remote session at all. Some messages are printed by any Windows
// program ("Access is denied", SQL's ANONYMOUS LOGON, the AD module's "Unable to contact the server"):
// they are a double-hop symptom only when a remote session ran the command. Without any sign of one,
// "not a remoting problem" is as likely as the remoting cause, and the answer says so. Pure, no I/O.
import type {DiagnosisContext} from './context.js';
import {remoteSessionTranscript} from './transcript.js';

// What PowerShell remoting prints around its own errors, in every display language (the help topic,
// the exception types and the error ids stay English; see fixtures/errors/README.md).
const powershellRemoting =
	/about_remote_troubleshooting|psremoting(?:transport|datastructure)exception|pssession(?:statebroken|openfailed)|connecting to remote server|processing data from remote server|pscomputername/i;

// A prompt inside a remote session: `[hyperv1]: PS C:\>` (Enter-PSSession).
const remotePrompt = /^[ \t]*\[[^\]\n]+\]:[ \t]*PS[ \t]/m;

// WinRM itself and its clients (winrs, pywinrm, pypsrp), its endpoint, its ports, CredSSP. A port
// only as a port (port 5986, host:5985, 5985/tcp): "5986 files copied" is a count.
const winrm =
	/winrm|winrs|wsman|ws-management|\bpsrp\b|credssp|(?:\bport\b[^\n\d]{0,12}|[:/]|\btcp\W{0,2})598[56]\b|\b598[56](?:\/(?:tcp|wsman)|\s*\((?:https?|winrm))/i;

// The commands that run something on another computer, typed in the text: the remoting cmdlets, a
// -ComputerName (or its abbreviations -Computer, -CN) or -Session, -CimSession parameter.
const remoteCommands =
	/\b(?:invoke-command|icm|enter-pssession|new-pssession|new-cimsession)\b|-(?:comp(?:uter(?:name)?)?|cn|session|cimsession)\b/i;

// Tools that run a command on another machine and prefix what comes back with its name: Ansible's
// `fatal: [host]: FAILED! =>` (a Windows module runs on the host, over WinRM;
// https://github.com/ansible/ansible/issues/66954) and Vagrant's or Packer's `==> machine:` lines
// (the guest's output, https://github.com/hashicorp/vagrant/issues/3910). Ansible's ad-hoc runs print
// `host | UNREACHABLE! =>` (https://github.com/ansible/ansible/issues/33347) and Puppet Bolt
// `Failed on host:` (https://github.com/puppetlabs/bolt/issues/868).
const remoteRunner =
	/\bfatal: \[[^\]\n]+\]: (?:failed|unreachable)!|^[\w.-]+ \| (?:failed|unreachable)! =>|^==> [\w.-]+: |^failed on [\w.-]+:$/im;

/** Whether the text, or what the caller knows, shows a remote session or a WinRM connection. */
export function remotingFrame(text: string, context: DiagnosisContext = {}): boolean {
	// A first hop named, or a command that opens a session, is the caller saying remoting was used.
	if (context.hop1 !== undefined && context.hop1.trim() !== '') return true;
	if (context.command !== undefined && remoteCommands.test(context.command)) return true;
	// A transcript recorded inside a remote session (its host process is WinRM's or SSH's).
	if (remoteSessionTranscript(text) !== undefined) return true;
	return [powershellRemoting, remotePrompt, winrm, remoteCommands, remoteRunner].some((pattern) =>
		pattern.test(text),
	);
}

// A port named as a port or in a URL: `port 8080`, `port=443`, `https://host:8443/`. WinRM's own
// (5985, 5986) put the text in the frame before this is asked.
const namedPort = /\bport[ \t]*[=:]?[ \t]*\d{1,5}\b|:\/\/[^\s/:'"]+:\d{1,5}\b/i;

/**
 * Whether a text with no remoting in sight names another program's address (curl to port 8080,
 * pip to port 443): its words are then that program's, not a WinRM client's.
 */
export function namesAnotherProgramsAddress(text: string): boolean {
	return namedPort.test(text);
}
