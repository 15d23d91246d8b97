// What the words around an error say about where it happened, for an error whose message alone
// cannot tell (a bare "Access is denied."): the command that failed (given, or read from the
// transcript's prompt line) and the names of the hops. Pure, no I/O.
import {checkHostName} from '../safety/names.js';
import type {ClassId} from './entry.js';
import {remoteSessionTranscript, transcriptCommands} from './transcript.js';
import {asPowerShellReads} from '../windows/typed-command.js';
import {sameMachine} from '../windows/host-names.js';
import {recordAt} from './records-in-text.js';

/** What the caller knows: explain's --hop1/--hop2/--command, or the guided flow's own inputs. */
export type DiagnosisContext = {hop1?: string; hop2?: string; command?: string};

/** Which way the context points: each is a reason, in words, or undefined. */
export type Leaning = {
	credSsp?: string;
	secondHop?: string;
	firstHop?: string;
	thisMachine?: string;
	/** The command ran in a remote session on another computer (not this one, not localhost). */
	inSession?: string;
	/** The paste shows that session open: the error came back from it, or was typed at its prompt. */
	sessionOpened?: true;
};

/** The context's reasons, in words, for an answer's "Why this order". */
export function reasonsOf(lean: Leaning): string[] {
	return [lean.secondHop, lean.firstHop, lean.credSsp, lean.thisMachine, lean.inSession].filter(
		(reason): reason is string => reason !== undefined,
	);
}

// What reaches another computer from wherever the command runs: a UNC path, -ComputerName or
// -Session, -Server/-ServerInstance (AD, SQL Server), Invoke-Sqlcmd, Enter-PSSession, net use, a web
// cmdlet logging on as the session's user (-UseDefaultCredentials: PowerShell/PowerShell#3129, closed
// by design: the session's network logon cannot be passed on).
const reachesOut =
	/\\\\[a-z0-9][\w.-]*\\|-(?:computername|cn|session|server|serverinstance|usedefaultcredentials)\b|\binvoke-sqlcmd\b|\benter-pssession\b|\bnet(?:\.exe)? use\b/i;

// Commands that open a remote session from this machine.
const remoting = /\b(?:invoke-command|icm|enter-pssession|new-pssession|new-cimsession)\b/i;

/** The inside of the command's first script block, or undefined when it has none. */
function scriptBlock(command: string): string | undefined {
	const open = command.indexOf('{');
	if (open === -1) return undefined;
	const close = command.lastIndexOf('}');
	return command.slice(open + 1, close > open ? close : undefined);
}

/**
 * Whether the command, run where it runs, reaches a third machine: the second hop. A remoting
 * command typed inside a session (`[hyperv1]: PS> Invoke-Command -ComputerName hyperv2 ...`) opens
 * a session from the first hop: that is the second hop itself.
 */
function reachesThirdMachine(command: string, runsRemotely: boolean): boolean {
	if (remoting.test(command)) {
		if (runsRemotely && reachesOut.test(command)) return true;
		const inner = scriptBlock(command);
		return inner !== undefined && reachesOut.test(inner);
	}
	return runsRemotely && reachesOut.test(command);
}

// This machine by another name: a session to it is no session on another computer.
const thisMachineNames = /^(?:localhost|127\.0\.0\.1|::1|\.)$/i;

/**
 * Where the failing command ran, when that is a remote session on another computer. The paste
 * shows the session open when the error came back from it (`+ PSComputerName : X`), was typed at
 * its prompt (`[X]: PS>`, Enter-PSSession's), or was recorded in it (a wsmprovhost transcript).
 * The caller's --command with --hop1 ran on the first hop, and an `Invoke-Command -ComputerName X
 * { ... }` that reaches a third machine runs its block in a session on X: each is a session, not
 * yet seen open (the same words could have refused it).
 */
function sessionOf(
	text: string,
	context: DiagnosisContext,
	third: {command: string; remote: boolean} | undefined,
): {why: string; opened: boolean; machine?: string} | undefined {
	const remote = (name: string | undefined): name is string =>
		name !== undefined && !thisMachineNames.test(name);
	const cameBack = /\+\s*pscomputername\s*:\s*([^\s,;]+)/i.exec(text)?.[1];
	if (remote(cameBack))
		return {
			why: `the error came back from a session on ${cameBack}, which opened`,
			opened: true,
			machine: cameBack,
		};
	const prompt = /^[ \t]*\[([^\]\n]+)\]:[ \t]*PS[ \t]/m.exec(text)?.[1];
	if (remote(prompt))
		return {
			why: `the command was typed in a session on ${prompt}, which opened`,
			opened: true,
			machine: prompt,
		};
	const transcript = remoteSessionTranscript(text);
	if (transcript !== undefined) {
		const on = transcript.machine === undefined ? '' : ` on ${transcript.machine}`;
		return {why: `the transcript was recorded in a remote session${on}`, opened: true};
	}
	const hop1 = context.hop1?.trim();
	if (hop1 && givenCommand(context).some(({remote: onFirstHop}) => onFirstHop))
		return {why: `the command ran on the first hop, ${hop1}`, opened: false};
	if (third === undefined || third.remote) return undefined;
	const open = third.command.indexOf('{');
	const outer = open === -1 ? third.command : third.command.slice(0, open);
	const target = /-(?:computername|cn)\s+['"]?([^\s'"{}]+)/i.exec(outer)?.[1];
	return remote(target)
		? {why: `the command ran in a remote session on ${target}`, opened: false}
		: undefined;
}

/** A computer the error names in Windows' words ("on computer 'X'", "for the computer 'X'"), other than `ranOn`. */
function otherComputerNamed(text: string, ranOn: string | undefined): string | undefined {
	if (ranOn === undefined) return undefined;
	return [...text.matchAll(/\b(?:on|for) (?:the )?computer '([^'\s]+)'/gi)]
		.map((match) => match[1]!)
		.find((name) => name !== '.' && !thisMachineNames.test(name) && !sameMachine(name, ranOn));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether the text names this host, by its full name or its short one, as a whole word. */
function names(text: string, host: string | undefined): boolean {
	if (host === undefined || host.trim() === '') return false;
	const short = host.split('.')[0]!;
	return new RegExp(
		`(?<![\\w.-])(?:${escapeRegExp(host)}|${escapeRegExp(short)})(?![\\w-])`,
		'i',
	).test(text);
}

/**
 * The command the caller gave, and where it ran. --command is "the command to run on the first
 * hop": with a first hop named, a command that opens no session of its own ran there, so a share or
 * -ComputerName in it is the second hop. Without one, it is taken as typed at this machine.
 */
function givenCommand(context: DiagnosisContext): {command: string; remote: boolean}[] {
	const {hop1} = context;
	if (context.command === undefined || context.command.trim() === '') return [];
	const command = asPowerShellReads(context.command);
	const onFirstHop = hop1 !== undefined && hop1.trim() !== '' && !remoting.test(command);
	return [{command, remote: onFirstHop}];
}

/** The commands the text's prompts and transcript show, as PowerShell reads them. */
const typedCommands = (text: string) =>
	transcriptCommands(text).map((typed) => ({...typed, command: asPowerShellReads(typed.command)}));

/** Where the context says the error happened. */
export function leaning(text: string, context: DiagnosisContext): Leaning {
	const typed = typedCommands(text);
	const commands = [...givenCommand(context), ...typed];
	const found: Leaning = {};
	const third = commands.find(({command, remote}) => reachesThirdMachine(command, remote));
	if (third) found.secondHop = `the command reaches a third machine: ${third.command}`;
	const session = sessionOf(text, context, third);
	if (session !== undefined) {
		found.inSession = session.why;
		if (session.opened) found.sessionOpened = true;
		// Raised in a session on one computer about another (Hyper-V's "...an object on computer
		// 'HYPERV2'...", "...for the computer 'HYPERV2'"): the command reached a third machine.
		const other = otherComputerNamed(text, session.machine);
		if (other !== undefined)
			found.secondHop ??= `the error is about ${other}, and came from a session on ${session.machine}`;
	}
	// A UNC path in the error, however the command was run, names another computer.
	else if (/\\\\[a-z0-9][\w.-]*\\[^\s\\'"]/i.test(text))
		found.secondHop = 'the error names a path on another computer (\\\\server\\share)';
	// Typed at this machine's own prompt, a -ComputerName outside any session goes straight to that
	// computer: it is the first hop (only the text's prompts: the guided flow's own command ran there).
	const direct = typed.find(
		({command, remote}) =>
			!remote && !remoting.test(command) && /-(?:computername|cn)\b/i.test(command),
	);
	if (direct && found.secondHop === undefined)
		found.firstHop = `the command went from this machine straight to the computer it names: ${direct.command}`;
	const credSsp = commands.find(({command}) => /-authentication\s+['"]?credssp\b/i.test(command));
	if (credSsp) found.credSsp = `the command asks for CredSSP: ${credSsp.command}`;
	const connecting = /connecting to remote server (\S+) failed/i.exec(text)?.[1];
	if (connecting !== undefined && names(connecting, context.hop2))
		found.secondHop ??= `the connection to ${context.hop2} (the second hop) failed`;
	else if (connecting !== undefined && names(connecting, context.hop1))
		found.firstHop = `the connection to ${context.hop1} (the first hop) failed`;
	// Where a remoting error says the command ran, or which computer it could not reach.
	const remoteMarks =
		/\+\s*pscomputername\s*:|^\s*\[[^\]\n]+\]\s|connecting to remote server/im.test(text) ||
		commands.some(({command, remote}) => remote || remoting.test(command));
	const namesAnother = commands.some(({command}) => reachesOut.test(command));
	if (!remoteMarks && !namesAnother && commands.length > 0 && found.secondHop === undefined)
		found.thisMachine = 'the command ran on this machine: no remote session in it';
	// A record that came back from localhost ran on this machine, through its own WinRM.
	else if (
		found.secondHop === undefined &&
		/\+ pscomputername\s*:\s*(?:localhost|127\.0\.0\.1)\b/i.test(text)
	)
		found.thisMachine = 'the error came back from localhost: this machine';
	return found;
}

/** The classes, most likely first: those the context points to move ahead, the others keep their order. */
export function rankByContext(classes: ClassId[], lean: Leaning): ClassId[] {
	const ahead: ClassId[] = [
		...(lean.credSsp
			? (['credssp-server-disabled', 'credssp-client-disabled', 'delegation-policy'] as const)
			: []),
		...(lean.secondHop ? (['second-hop-denied'] as const) : []),
		...(lean.firstHop ? (['remote-access-denied', 'trustedhosts-or-auth'] as const) : []),
		...(lean.thisMachine ? (['needs-elevation', 'local-winrm-stopped'] as const) : []),
	];
	const first = ahead.filter((id) => classes.includes(id));
	return [...first, ...classes.filter((id) => !first.includes(id))];
}

/**
 * The hops the error itself names: `+ PSComputerName` (or a `[host]: PS` prompt) is where the
 * command ran, the first hop; "Connecting to remote server X failed" is the first hop when the error
 * came back to this machine, the second when it was raised on the first; a UNC path's server is the
 * second. Only plausible host names are taken (they are filled into a command to paste).
 */
function hopsNamedIn(
	text: string,
	connectsFromFirstHop = false,
	transcript = text,
): {hop1?: string; hop2?: string} {
	const ranOn =
		/\+\s*pscomputername\s*:\s*([^\s,;]+)/i.exec(text)?.[1] ??
		/^[ \t]*\[([^\]\n]+)\]:[ \t]*PS[ \t]/m.exec(text)?.[1] ??
		remoteSessionTranscript(transcript)?.machine;
	// A session that failed to open names its computer as the record's target: "OpenError:
	// (my-pc:String)" when the message itself names none (ServerNotTrusted, a wrong password).
	const connecting =
		/connecting to remote server\s+([^\s,;]+)\s+failed/i.exec(text)?.[1] ??
		/\bOpenError:\s*\(([^:()\s]+):String\)/i.exec(text)?.[1];
	const share = /\\\\([a-z0-9][\w.-]*)\\[^\s\\'"]/i.exec(text)?.[1];
	// Hyper-V's authorization refusal names the host that refused: "...for the computer 'HV2'".
	const refusedBy = /\bfor the computer '([^'\s]+)'/i.exec(text)?.[1];
	const hop1 = ranOn ?? (connectsFromFirstHop ? undefined : connecting);
	const other = [connecting, share, refusedBy].find(
		(name) => name !== undefined && (hop1 === undefined || !sameMachine(name, hop1)),
	);
	const hop2 =
		hop1 !== undefined || connectsFromFirstHop || refusedBy !== undefined ? other : undefined;
	return {
		...(plausible(hop1) ? {hop1: hop1!} : {}),
		...(plausible(hop2) ? {hop2: hop2!} : {}),
	};
}

/**
 * The hops a command names: `Invoke-Command -ComputerName X { ... }` runs on X, the first hop; a
 * -ComputerName or UNC path inside its script block is the second, and so is one named by a command
 * that itself ran in a remote session (`[hyperv1]: PS>` or a transcript recorded there).
 */
function hopsInCommand(command: string, runsRemotely = false): {hop1?: string; hop2?: string} {
	const computer = /-(?:computername|cn)\s+['"]?([^\s'"{}]+)/i;
	const unc = /\\\\([a-z0-9][\w.-]*)\\/i;
	const inner = scriptBlock(command);
	const outer = inner === undefined ? command : command.slice(0, command.indexOf('{'));
	// A session opened from inside a session goes from the first hop to the second.
	const opensSession = remoting.test(outer);
	const hop1 = opensSession && !runsRemotely ? computer.exec(outer)?.[1] : undefined;
	const hop2 =
		opensSession && runsRemotely
			? computer.exec(outer)?.[1]
			: inner !== undefined
				? (computer.exec(inner)?.[1] ?? unc.exec(inner)?.[1])
				: runsRemotely
					? (computer.exec(command)?.[1] ?? unc.exec(command)?.[1])
					: undefined;
	return {
		...(plausible(hop1) ? {hop1: hop1!} : {}),
		...(plausible(hop2) ? {hop2: hop2!} : {}),
	};
}

/**
 * The hops to fill in: what the caller gave, else what the error names, else the command's.
 * `connectsFromFirstHop`: the entry that matched says the failed connection was the first hop's.
 * `around`: an offset of the answer's evidence; the record that holds it is the one read.
 */
export function hopsFor(
	whole: string,
	context: DiagnosisContext,
	connectsFromFirstHop = false,
	around?: number,
): {hop1?: string; hop2?: string; share?: string} {
	// Of several records, only the one the answer is about names its hosts (a transcript's header
	// still says where all of them ran).
	const text = around === undefined ? whole : recordAt(whole, around);
	const commands = [...givenCommand(context), ...typedCommands(text)];
	const found = [
		context,
		hopsNamedIn(text, connectsFromFirstHop, whole),
		...commands.map(({command, remote}) => hopsInCommand(command, remote)),
	];
	const hop1 = found.find((hops) => hops.hop1 !== undefined)?.hop1;
	const hop2 = found.find((hops) => hops.hop2 !== undefined)?.hop2;
	const share = shareNamedIn(text, ...commands.map(({command}) => command));
	return {
		...(hop1 === undefined ? {} : {hop1}),
		...(hop2 === undefined ? {} : {hop2}),
		...(share === undefined ? {} : {share}),
	};
}

// A UNC path's server and share: \\fs01\data\reports\x.txt is the share \\fs01\data.
const uncShare = /\\\\([a-z0-9][\w.-]*)\\([^\s\\'"`;|(){}<>]+)/i;

/** The share the error (else a command) names, as its root: where a check should try to read. */
export function shareNamedIn(...texts: string[]): string | undefined {
	for (const text of texts) {
		const found = uncShare.exec(text);
		if (found !== null && plausible(found[1])) return `\\\\${found[1]}\\${found[2]}`;
	}
	return undefined;
}

function plausible(host: string | undefined): boolean {
	return host !== undefined && checkHostName(host).ok && !/^x+$|xxx/i.test(host);
}
