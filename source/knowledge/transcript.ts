// What a PowerShell transcript says about where its commands ran, as PowerShell writes one
// (System.Management.Automation's MshHostUserInterface.TranscribeCommand and TranscriptPrologue):
// - the header names the host process. A transcript recorded inside a remote session (system-wide
//   transcription on the first hop, Start-Transcript in Enter-PSSession) names wsmprovhost.exe, WinRM's
//   host for remote sessions, or pwsh -sshs for SSH remoting: its commands ran on that machine,
//   and whatever they reached was the second hop. The header's labels are localised ("Host
//   Application:", "Hostanwendung:"), its values are not.
// - each command is written after the prompt ("PS>" until a prompt has run, else the prompt's text),
//   or, when the command came through the API (a remote session's commands do), as one
//   CommandInvocation(Name): "Name" line and one ParameterBinding(Name): name="P"; value="V" line per
//   parameter, each after ">> ". Those words are the same in every language (PipelineStrings.resx).
// Pure, no I/O.

/** A command as typed, or put back together from its invocation lines. */
export type TranscriptCommand = {command: string; remote: boolean};

// "<label>: C:\Windows\system32\wsmprovhost.exe -Embedding", or "<label>: C:\Program
// Files\PowerShell\7\pwsh.dll -sshs -NoLogo" (sshd's PowerShell subsystem; -SSHServerMode in full).
const remoteHostLine =
	/^[ \t]*[^\n:]{2,40}:[ \t]*[^\n]*?(?:\\wsmprovhost\.exe\b|\bpwsh(?:\.exe|\.dll)?\b[^\n]*\s-ssh(?:s|servermode)\b)/im;

// "<label>: HYPERV1 (Microsoft Windows NT 10.0.17763.0)": the machine the transcript was recorded on.
const machineLine = /^[ \t]*[^\n:]{2,40}:[ \t]*([^\s(]+)[ \t]+\(Microsoft Windows NT [\d.]+\)/im;

/** Whether the text holds a transcript recorded inside a remote session, and on which machine. */
export function remoteSessionTranscript(text: string): {machine?: string} | undefined {
	if (!remoteHostLine.test(text)) return undefined;
	const machine = machineLine.exec(text)?.[1];
	return machine === undefined ? {} : {machine};
}

// A console prompt, local (`PS C:\>`, or a transcript's `PS>`) or inside a remote session
// (`[hyperv1]: PS C:\>`), then the command typed at it.
const promptLine = /^[ \t]*(?:(\[[^\]\n]+\]):[ \t]*)?PS(?:[ \t][^>\n]*)?>[ \t]*(\S[^\n]*)$/gm;

// The API's logging of commands, in the order written: a command's name, then a binding per
// parameter (a value may span lines, but never into the next entry, and is cut off at 4,000
// characters, so a binding left open cannot swallow the commands after it).
const invocationLines =
	/CommandInvocation\(([^)\n]+)\): "[^"\n]*"|^(?:[ \t]*>>[ \t]*)?ParameterBinding\(([^)\n]+)\): name="([^"\n]+)"; value="((?:(?!\n(?:[ \t]*>>|PS\b|\*{10}))[\s\S]){0,4000}?)"$/gm;

/** The commands of the text: typed at a prompt, and put back together from invocation lines. */
export function transcriptCommands(text: string): TranscriptCommand[] {
	const remoteTranscript = remoteSessionTranscript(text) !== undefined;
	const typed = [...text.matchAll(promptLine)]
		.filter(
			(match) => !/^(?:CommandInvocation|ParameterBinding|TerminatingError)\(/.test(match[2]!),
		)
		.map((match) => ({
			command: match[2]!.trim(),
			remote: remoteTranscript || match[1] !== undefined,
		}));
	return [...typed, ...invokedCommands(text, remoteTranscript)];
}

/** `Get-VM -ComputerName hyperv2` from its CommandInvocation and ParameterBinding lines, in one pass. */
function invokedCommands(text: string, remote: boolean): TranscriptCommand[] {
	const commands: {name: string; command: string}[] = [];
	for (const match of text.matchAll(invocationLines)) {
		const [, invoked, boundTo, parameter, value] = match;
		if (invoked !== undefined) {
			commands.push({name: invoked, command: invoked});
			continue;
		}
		const current = commands.at(-1);
		if (current === undefined || current.name !== boundTo) continue;
		// A script block's text is passed as the block, so what it reaches stays inside it.
		current.command += /^scriptblock$/i.test(parameter!)
			? ` -${parameter} {${value}}`
			: ` -${parameter} ${value}`;
	}
	return commands.map(({command}) => ({command, remote}));
}
