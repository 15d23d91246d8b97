// What an entry of the error knowledge base is: its cause class, the matchers that recognise it
// (phrases, codes, error ids, exception types, patterns) with their weights, and the next step.
import type {StageId} from '../stages/stages.js';

/** The cause classes of fixtures/errors/README.md. "unrelated" is not a class: it is "not recognised". */
export const classIds = [
	'second-hop-denied',
	'remote-access-denied',
	'needs-elevation',
	'credssp-client-disabled',
	'credssp-server-disabled',
	'credential-required',
	'gpo-controlled',
	'delegation-policy',
	'not-trusted-for-delegation',
	'encryption-oracle',
	'unreachable',
	'trustedhosts-or-auth',
	'https-listener',
	'local-winrm-stopped',
	'runas-password',
] as const;

export type ClassId = (typeof classIds)[number];

/**
 * A cause an ambiguous answer may name: a class, or "unrelated", not a remoting or double-hop
 * problem at all (the fixtures' label for errors doublehop cannot fix).
 */
export type CauseId = ClassId | 'unrelated';

export const classNames: Record<ClassId, string> = {
	'second-hop-denied': 'Second hop: your credentials were not passed on',
	'remote-access-denied': 'The first hop refuses this account',
	'needs-elevation': 'This shell is not elevated',
	'credssp-client-disabled': 'CredSSP is off in this client',
	'credssp-server-disabled': 'CredSSP is off on the first hop',
	'credential-required': 'CredSSP needs -Credential',
	'gpo-controlled': 'The setting is owned by Group Policy',
	'delegation-policy': 'No matching entry in Allow Delegating Fresh Credentials',
	'not-trusted-for-delegation': 'The first hop is not trusted for delegation: NTLM only',
	'encryption-oracle': 'CredSSP update on one side only, CVE-2018-0886',
	unreachable: 'The first hop cannot be reached',
	'trustedhosts-or-auth': 'Authentication to the first hop failed',
	'https-listener': 'HTTPS listener or certificate problem',
	'local-winrm-stopped': 'The WinRM service on this computer is stopped',
	'runas-password': "A RunAs configuration's account password does not log on",
};

export const causeNames: Record<CauseId, string> = {
	...classNames,
	unrelated: 'Not a remoting or double-hop problem',
};

// Weights. A decisive matcher recognises its entry on its own with high confidence, a strong one
// recognises it, a supporting one only adds to other evidence (it never recognises on its own).
export const decisive = 10;
export const strong = 7;
export const enough = 6;
export const supporting = 3;
// Generic network wording (Python, .NET): recognised only with a WinRM context beside it.
export const network = 5;

/**
 * A message fragment, compared after squashing (see normalize.ts). `lang` is a BCP 47 tag.
 * `generic`: words any program prints (Python, .NET, OpenSSL), weighted `network`.
 */
export type PhraseMatcher = {
	text: string;
	weight: number;
	lang?: string;
	generic?: true;
	/** Names where the connection went (a WinRM port, -UseSSL), not what failed: see placePhrase. */
	place?: true;
};

/**
 * An HRESULT/WinRM code in the three forms PowerShell prints; Win32 codes have signed = unsigned.
 * `generic`: the code of a generic message (a Win32 error's HRESULT beside its own text): it counts
 * with the generic wording, once, not as a second piece of evidence (see genericCode).
 */
export type CodeMatcher = {
	hex: string;
	signed: number;
	unsigned: number;
	weight: number;
	generic?: true;
};

/** A FullyQualifiedErrorId, or the distinctive part of one, compared after squashing. */
type IdMatcher = {id: string; weight: number};

/** A .NET exception type name, compared after squashing. */
type ExceptionMatcher = {type: string; weight: number};

/** A regular expression over the spaced view (lowercase, one space per whitespace run). */
export type PatternMatcher = {regex: RegExp; weight: number; what: string; place?: true};

type Matchers = {
	phrases: PhraseMatcher[];
	codes?: CodeMatcher[];
	fqids?: IdMatcher[];
	exceptions?: ExceptionMatcher[];
	patterns?: PatternMatcher[];
};

/** Where the next command runs: this computer, the first hop, or wherever the error was printed. */
export type RunOn = 'client' | 'hop1' | 'where-it-failed';

/** Where the next command runs, in words: "Run on this computer", "(run on the first hop)". */
export const runOnPlace: Record<RunOn, string> = {
	client: 'on this computer',
	hop1: 'on the first hop',
	'where-it-failed': 'where the error was printed',
};

type LookAlike = {entry: string; howToTell: string};

export type Entry = {
	id: string;
	class: ClassId;
	name: string;
	/** Plain-language cause, for an admin who has not read the reference. */
	cause: string;
	notToBeConfusedWith: LookAlike[];
	/** The exact next command. Placeholders: <hop1>, <hop2>, <user>. */
	nextCommand: string;
	runOn: RunOn;
	stage: StageId;
	matchers: Matchers;
	/** Other classes the text alone cannot rule out when this entry is the best match. */
	alternatives?: ClassId[];
	/**
	 * The one question or check that tells this entry's class from its alternatives. With it, a
	 * low-confidence match is answered as ambiguous (the classes ranked, and this question).
	 */
	tellApart?: string;
	/**
	 * Its "Connecting to remote server X failed" was printed for a connection the first hop opened:
	 * X is the second hop (context.ts `hopsFor`), the first hop is the computer the record came from.
	 */
	connectsFromFirstHop?: true;
	/**
	 * Its words are printed by programs other than PowerShell remoting (a Win32, COM, SQL Server or
	 * Active Directory message). Without a remote session in sight (frame.ts), "unrelated" is
	 * ranked beside its class and the answer is ambiguous.
	 */
	generic?: true;
	/**
	 * Printed with no remote session by nature (a cmdlet's report on this machine's own settings):
	 * no remoting words in sight says nothing against it (diagnose.ts, the calibration rules).
	 */
	sessionless?: true;
	/**
	 * Even inside a remote session its text may be the command's own failure and no remoting problem
	 * (a path of the first hop refused by its own permissions): "unrelated" is ranked second and
	 * `tellApart` says how to tell (diagnose.ts, tell-apart.ts).
	 */
	ordinaryInSession?: true;
	/**
	 * The class its words mean when the command ran on this machine alone: typed at a local prompt,
	 * naming no other computer, and no computer named where it ran (context.ts `thisMachine`).
	 */
	onThisMachine?: ClassId;
	/**
	 * The class its words mean with no remote session in sight: the call went from this computer
	 * straight to the target, which printed the same words (COM's E_ACCESSDENIED from
	 * Get-WmiObject -ComputerName). It comes first then, and the entry's own class after "unrelated".
	 */
	withoutSession?: ClassId;
	/** Entries whose evidence this one explains: when this one is recognised, they are ruled out. */
	supersedes?: string[];
	/** Section of the domain reference. */
	reference?: string;
};

export function phrase(text: string, weight: number, lang?: string): PhraseMatcher {
	return lang ? {text, weight, lang} : {text, weight};
}

/**
 * A port or transport in the text (port=5986): it says where the connection went, not what failed.
 * It adds to an entry's evidence as any phrase does; but an entry it alone brings one matcher
 * short of naming does not outrank the words of the failure itself (word-families.ts): three tune
 * threads (pywinrm 119 and 376, Ansible 12324) name port 5986 beside a refused logon or a TLS
 * failure, and their words were right where the port was not.
 */
export function placePhrase(text: string, weight: number): PhraseMatcher {
	return {text, weight, place: true};
}

/**
 * Generic network or TLS wording: it names its entry only beside other evidence (WinRM, the remoting
 * frame). Several of them count as one: a .NET exception and its inner one are one failure, not two
 * pieces of evidence (diagnose.ts).
 */
export function genericPhrase(text: string): PhraseMatcher {
	return {text, weight: network, generic: true};
}

/** An HRESULT or WinRM code from its one hex value; the signed and unsigned forms are derived. */
export function hresult(hex: string, weight = strong): CodeMatcher {
	const unsigned = Number.parseInt(hex, 16);
	return {hex, signed: unsigned | 0, unsigned, weight};
}

/**
 * The HRESULT of a Win32 error whose text is a genericPhrase of the same entry: the message and its
 * code are one failure, printed by every program that meets it (net use, SQL, a cluster role), so
 * together they still need the remoting frame or an id of its own to name the entry.
 */
export function genericCode(hex: string): CodeMatcher {
	return {...hresult(hex, network), generic: true};
}

export function win32(code: number, weight = supporting): CodeMatcher {
	return {hex: `0x${code.toString(16).toUpperCase()}`, signed: code, unsigned: code, weight};
}
