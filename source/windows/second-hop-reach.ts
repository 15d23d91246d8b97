// What an admin's command reaches from the first hop, and by which protocol: the second hop is
// whatever machine it names, and the protocol decides which fixes can carry a credential there
// (CredSSP carries any; resource-based constrained delegation carries SMB, SQL and CIM over DCOM
// but not a WinRM session; `$using:cred` only where the cmdlet takes -Credential).
// A reading of the command's text, no PowerShell parser: it splits statements and pipelines,
// respects quotes and script blocks, and knows the cmdlets admins run across the second hop.
import {sameMachine} from './host-names.js';

export type SecondHopProtocol =
	/** A UNC path: SMB to the file server. */
	| 'smb'
	/** A remoting session: Invoke-Command, Enter-PSSession, New-PSSession. */
	| 'winrm'
	/** A CIM cmdlet: WS-Man (WinRM) by default. */
	| 'cim'
	/** A WMI cmdlet of Windows PowerShell 5.1: DCOM. */
	| 'dcom'
	/** A Hyper-V cmdlet with -ComputerName (CIM to the Hyper-V host). */
	| 'hyper-v'
	/** SQL Server: Invoke-Sqlcmd and friends. */
	| 'sql'
	/** An ActiveDirectory cmdlet with -Server: AD Web Services. */
	| 'active-directory'
	/** Another cmdlet's -ComputerName (Get-Service, Restart-Computer...): RPC. */
	| 'rpc';

export type SecondHopReach = {
	protocol: SecondHopProtocol;
	/** The machine as written (a variable such as `$server` stays as written). */
	computer: string;
	/** The command as typed (an alias stays an alias). */
	cmdlet: string;
	/** Where the machine's name stands in the command text: [start, end). */
	at: [number, number];
	/** Where this command (up to a `|` or `;`) ends in the text: a parameter added there is its own. */
	end: number;
	/** The whole `-ComputerName value` (or `-Server value`) as written, where one names the machine. */
	parameterAt?: [number, number];
	/** The command already passes -Credential. */
	credential: boolean;
	/** For SMB: the UNC path as written, e.g. \\fs01\share\dir. */
	path?: string;
};

type Word = {text: string; start: number; end: number};

const remoting = ['invoke-command', 'icm', 'enter-pssession', 'etsn', 'new-pssession', 'nsn'];
const cim = [
	'get-ciminstance',
	'gcim',
	'invoke-cimmethod',
	'icim',
	'set-ciminstance',
	'scim',
	'remove-ciminstance',
	'rcim',
	'new-ciminstance',
	'ncim',
	'new-cimsession',
	'get-cimclass',
	'gcls',
	'get-cimassociatedinstance',
	'gcai',
];
const wmi = [
	'get-wmiobject',
	'gwmi',
	'invoke-wmimethod',
	'iwmi',
	'set-wmiinstance',
	'swmi',
	'remove-wmiobject',
	'rwmi',
	'register-wmievent',
];
const sqlCmdlets = ['invoke-sqlcmd', 'get-sqlinstance', 'get-sqldatabase', 'backup-sqldatabase'];
const sqlServerParameters = ['-serverinstance', '-sqlinstance', '-serverinstancename'];
const computerParameters = ['-computername', '-cn', '-computer', '-vmhost'];

/** Hyper-V's cmdlets are verb-VM* (Get-VM, Start-VM, Get-VMHost, Get-VMSwitch...). */
function isHyperV(name: string): boolean {
	return /^[a-z]+-vm([a-z]*)$/.test(name);
}

/** A UNC path's server: \\fs01\share, \\fs01.contoso.com\c$, \\?\UNC\fs01\share. */
const uncPattern =
	/(?:\\\\\?\\UNC\\|\\\\)(?!\?\\|\.\\)([A-Za-z0-9_$.{}-][^\\/\s'"`|;,)]*)\\[^\s'"`|;,)]*/g;

/** Splits a command into words, statement by statement; quotes and braces stay whole. */
function statements(command: string): Word[][] {
	const result: Word[][] = [];
	let words: Word[] = [];
	let start = -1;
	let depth = 0;
	let quote: string | undefined;
	const close = (end: number) => {
		if (start !== -1) words.push({text: command.slice(start, end), start, end});
		start = -1;
	};
	for (let index = 0; index < command.length; index++) {
		const char = command[index] ?? '';
		if (quote !== undefined) {
			if (char === quote) quote = undefined;
			continue;
		}
		if (char === '`') {
			if (start === -1) start = index;
			index++;
			continue;
		}
		if (char === "'" || char === '"') {
			quote = char;
			if (start === -1) start = index;
			continue;
		}
		if (char === '{' || char === '(') depth++;
		if ((char === '}' || char === ')') && depth > 0) depth--;
		if (depth === 0 && /[\s;|]/.test(char)) {
			close(index);
			if (/[;|\n]/.test(char) && words.length > 0) {
				result.push(words);
				words = [];
			}
			continue;
		}
		if (char === '#' && start === -1 && depth === 0) {
			// A comment runs to the end of the line.
			while (index < command.length && command[index] !== '\n') index++;
			index--;
			continue;
		}
		if (start === -1) start = index;
	}
	close(command.length);
	if (words.length > 0) result.push(words);
	return result;
}

/** A word as PowerShell would see its value: quotes removed; `-Name:value` split. */
function unquote(word: Word): Word {
	const text = word.text;
	if (text.length >= 2 && (text[0] === "'" || text[0] === '"') && text.at(-1) === text[0]) {
		return {text: text.slice(1, -1), start: word.start + 1, end: word.end - 1};
	}
	return word;
}

type Parameter = {value: Word; span: [number, number]};

/** A parameter's first value (`-ComputerName a,b` gives a) and the span of name and value. */
function parameter(words: Word[], names: string[]): Parameter | undefined {
	for (let index = 1; index < words.length; index++) {
		const word = words[index];
		if (word === undefined) continue;
		const lower = word.text.toLowerCase();
		const colon = lower.indexOf(':');
		if (colon > 0 && names.includes(lower.slice(0, colon))) {
			const value = {
				text: word.text.slice(colon + 1),
				start: word.start + colon + 1,
				end: word.end,
			};
			return {value: firstOfList(value), span: [word.start, word.end]};
		}
		const next = words[index + 1];
		if (names.includes(lower) && next !== undefined)
			return {value: firstOfList(next), span: [word.start, next.end]};
	}
	return undefined;
}

/** The first value of a parameter, wherever it stands. */
function parameterValue(words: Word[], names: string[]): Word | undefined {
	return parameter(words, names)?.value;
}

function firstOfList(word: Word): Word {
	const inner = word.text.startsWith('(') ? innerOf(word) : undefined;
	if (inner !== undefined)
		return firstOfList({
			...inner,
			text: inner.text.trim(),
			start: inner.start + inner.text.indexOf(inner.text.trim()),
		});
	const value = unquote(word);
	const comma = value.text.search(/,(?=(?:[^'"]|'[^']*'|"[^"]*")*$)/);
	if (comma <= 0) return value;
	return unquote({text: value.text.slice(0, comma), start: value.start, end: value.start + comma});
}

/** The host of a SQL instance: hyperv2\SQL01, sql01,1433, tcp:sql01 give the machine. */
function sqlHost(word: Word): Word {
	const match = /^(?:tcp:)?([^\\,]+)/i.exec(word.text);
	const host = match?.[1] ?? word.text;
	const offset = word.text.indexOf(host);
	return {text: host, start: word.start + offset, end: word.start + offset + host.length};
}

function commandReach(words: Word[]): SecondHopReach | undefined {
	const first = words[0];
	if (first === undefined) return undefined;
	const name = first.text.replace(/^[&.]$/, '').toLowerCase();
	const cmdlet = first.text;
	const end = words.at(-1)?.end ?? first.end;
	const credential = words.some((word) => /^-cred(e(n(t(i(al?)?)?)?)?)?(:|$)/i.test(word.text));
	const reach = (
		protocol: SecondHopProtocol,
		word: Word | undefined,
		parameterAt?: [number, number],
	): SecondHopReach | undefined =>
		word === undefined || word.text === ''
			? undefined
			: {
					protocol,
					computer: word.text,
					cmdlet,
					at: [word.start, word.end],
					end,
					...(parameterAt === undefined ? {} : {parameterAt}),
					credential,
				};
	if (sqlCmdlets.includes(name) || name.endsWith('-dba') || /^[a-z]+-dba/.test(name)) {
		const server = parameterValue(words, sqlServerParameters);
		return server === undefined ? undefined : reach('sql', sqlHost(server));
	}
	if (/-ad[a-z]/.test(name)) {
		const server = parameter(words, ['-server']);
		return reach('active-directory', server?.value, server?.span);
	}
	const given = parameter(words, computerParameters);
	if (given === undefined) return undefined;
	const computer = given.value;
	const parameterAt = given.span;
	if (remoting.includes(name)) return reach('winrm', computer, parameterAt);
	if (cim.includes(name)) return reach('cim', computer, parameterAt);
	if (wmi.includes(name)) return reach('dcom', computer, parameterAt);
	if (isHyperV(name)) return reach('hyper-v', computer, parameterAt);
	return reach('rpc', computer, parameterAt);
}

/** A script block or subexpression word: its inside is read as commands of its own. */
function innerOf(word: Word): Word | undefined {
	const open = /^\$?[{(]/.exec(word.text)?.[0];
	if (open === undefined || !/[})]$/.test(word.text)) return undefined;
	return {
		text: word.text.slice(open.length, -1),
		start: word.start + open.length,
		end: word.end - 1,
	};
}

function reachesIn(text: string, offset: number, found: SecondHopReach[]): void {
	for (const words of statements(text)) {
		const shifted = words.map((word) => ({
			...word,
			start: word.start + offset,
			end: word.end + offset,
		}));
		const reach = commandReach(shifted);
		if (reach !== undefined) found.push(reach);
		// A nested Invoke-Command's script block runs on the machine it names, not on this one.
		if (remoting.includes(shifted[0]?.text.toLowerCase() ?? '')) continue;
		for (const word of shifted) {
			const inner = innerOf(word);
			if (inner !== undefined) {
				reachesIn(inner.text, inner.start, found);
				continue;
			}
			for (const match of word.text.matchAll(uncPattern)) {
				const server = match[1] ?? '';
				const start = word.start + (match.index ?? 0) + match[0].indexOf(server);
				found.push({
					protocol: 'smb',
					computer: server,
					path: match[0],
					cmdlet: shifted[0]?.text ?? '',
					at: [start, start + server.length],
					end: shifted.at(-1)?.end ?? word.end,
					credential: false,
				});
			}
		}
	}
}

/** Every machine the command reaches, in the order they appear. */
/**
 * The machines a command names (a variable such as `$server` names none) when none of them is
 * `hop2`: the second hop given is then not what the command reaches. Empty otherwise.
 */
export function reachedInsteadOf(reaches: readonly SecondHopReach[], hop2: string): string[] {
	const named = reaches.map((reach) => reach.computer).filter((name) => !name.startsWith('$'));
	if (hop2 === '' || named.some((name) => sameMachine(name, hop2))) return [];
	return named;
}

export function secondHopReaches(command: string): SecondHopReach[] {
	const found: SecondHopReach[] = [];
	reachesIn(command, 0, found);
	return found.sort((a, b) => a.at[0] - b.at[0]);
}

/**
 * A whole command line as typed at the client, `Invoke-Command -ComputerName hyperv1 { ... }`:
 * the first hop it names and the command that runs there (with its offset in the line).
 */
export function remoteCommandOf(
	line: string,
): {hop1: string; command: string; at: number} | undefined {
	for (const words of statements(line)) {
		if (!remoting.includes(words[0]?.text.toLowerCase() ?? '')) continue;
		const hop1 = parameterValue(words, computerParameters);
		const braces = words.find((word) => word.text.startsWith('{'));
		const block = braces === undefined ? undefined : innerOf(braces);
		if (hop1 === undefined || block === undefined) continue;
		const command = block.text.trim();
		return {hop1: hop1.text, command, at: block.start + block.text.indexOf(command)};
	}
	return undefined;
}
