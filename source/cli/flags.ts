// The command line: one flag table and help text, read by meow (meow-line.ts) and, for explain,
// by Node's own parser here, so --help and parsing cannot drift apart.
import {parseArgs} from 'node:util';
import type {Result} from 'meow';
import packageJson from '../../package.json' with {type: 'json'};

export const helpText = `
  Usage
    $ doublehop [options]              guided fix for the remoting double hop
    $ doublehop explain [file|text]    diagnose a PowerShell error (a file, its text, or stdin)
    $ doublehop undo                   take back the changes doublehop made, one at a time

  Where it runs
    (default)                    Real PowerShell on this Windows machine: Windows PowerShell 5.1,
                                 else PowerShell 7
    --powershell <kind|path>     Which PowerShell: powershell, pwsh, or the path of one
    --lab <scenario|file.json>   Use the simulated lab instead of real PowerShell
                                 (built in: classic, existing-delegation, server-enabled,
                                 unreachable, hop2-off, gpo-client, self-signed,
                                 untrusted-certificate, already-working, oracle-mismatch,
                                 domain-delegation-gpo, delegation-disabled-gpo,
                                 local-delegation-disabled, deny-delegation-gpo,
                                 gpo-client-enabled, not-elevated, winrm-stopped,
                                 constrained-language, https-only, https-untrusted, slow-link,
                                 protected-users, sensitive-account, wildcard-short-name,
                                 file-share, ip-first-hop, workgroup-first-hop, missing-spn, typo,
                                 test-path-false, jea-runas, rbkcd, rbkcd-no-rights, fleet,
                                 fleet-share, fleet-transport, fleet-missing-spn)
    --lab-reset                  Start the lab from its scenario, forgetting earlier runs
    --lab-state <file>           Where the lab keeps its machines between runs
    --lab-advance <duration>     Move the lab's clock on (90m, 2h, 3d) and fire the scheduled
                                 tasks now due, e.g. a --for revert; prints what fired
    --wait <seconds>             With --json: wait up to this long for another run on the same
                                 machines to end (default: do not wait; exit 2)
    --connect-timeout <seconds>  How long to wait for a first hop that answers but is slow to
                                 open a session (default 60; a host where nothing answers on
                                 port 5985 is reported within 3 s whatever this says)
    --use-ssl                    Open every session to the first hop with -UseSSL (WinRM over
                                 HTTPS, port 5986) from the start; without it, a first hop
                                 that answers only on 5986 is found and used that way

  What to check
    --hop1 <name>                The first hop (the computer you connect to)
    --hop1 <a,b,c> | @<file>     Many first hops: one table, one question per kind of change
                                 (y = all, n = none, s = leave some out by number or name);
                                 a file has one name a line (# comments, blank lines skipped).
                                 With undo: take back only these hosts' changes
    --hop2 <name>                The second hop (what the command reaches from there)
    --user <DOMAIN\\user>         The account; the password is always asked, never a flag
    --command <text>             The command to run on the first hop
                                 (default: Get-VM -ComputerName <hop2>)
                                 With explain, all three are context: they rank the causes
                                 of an error its text alone cannot tell apart

  Method
    --method <name>              The method to apply, instead of choosing after the diagnosis:
                                 using-cred (pass $using:cred to the inner command; changes
                                 nothing), rbkcd (resource-based Kerberos constrained
                                 delegation, for SMB, RPC, WMI or SQL second hops), jea (a JEA
                                 configuration on the first hop that runs as a gMSA), runas (one
                                 that stores an account's password) or credssp
    --gmsa <DOMAIN\\name>         With --method jea: the group managed service account
    --runas-user <DOMAIN\\user>   With --method runas: the account the configuration runs as
                                 (DOMAIN\\user or user@domain.com); with --json its password
                                 is the second line of --password-stdin
    --for <duration>             Time-boxed CredSSP: once the fix is verified, a scheduled task
                                 on each machine changed takes it back at the deadline (15m to
                                 24h: 90m, 2h, 1h30m); each task is asked for like a change

  Safety and records
    --dry-run                    Walk every step and ask as usual, but change nothing
    --transcript <file.md>       Where to write the Markdown transcript (default: one per run
                                 in the state folder; the summary names it)
    --export <file.ps1>          Write the PowerShell of the confirmed (or, with --dry-run,
                                 planned) changes, with their undo, for change approval
    --export-dsc <file.ps1>      The same changes as a DSC configuration (xCredSSP, WSManDsc,
                                 GPRegistryPolicyDsc), with its undo as a second configuration
    --export-ansible <file.yml>  The same changes as an Ansible playbook (ansible.windows), its
                                 undo in plays run only with --tags undo

  Without a terminal (CI jobs, scripts)
    --json                       No prompts: print one JSON document with the steps and the
                                 result (with explain: the diagnosis); without --method the
                                 method is CredSSP, and nextSteps names --method using-cred
                                 when that fits
    --password-stdin             Read the password from the first line of standard input
    --yes                        With --json: make the changes named in --steps
    --steps <list>               Which changes --yes may make: winrm,client,server,listener,revert
                                 (winrm: start this machine's stopped WinRM service;
                                 trusted-hosts, ntlm-only: a first hop without Kerberos;
                                 rbkcd: the second hop's computer object, --method rbkcd;
                                 session-config: the configuration of --method jea or runas;
                                 revert: the --for revert tasks)

  Output
    --tree                       Print the decision tree (text, then a Mermaid flowchart)
    --no-color                   No colour (NO_COLOR is honoured too)
    --ascii, --no-ascii          ASCII only, or Unicode marks (default: ASCII when output is
                                 captured or the console's font lacks them)
    --screen-reader              Plain sequential text, one question at a time, never redrawn
    -h, --help                   This help
    -v, --version                The version

  Exit codes
    0  works (fixed, already fixed, or no double hop)    1  changes still needed (you said no)
    2  failed or blocked, or bad input                   130  interrupted (Ctrl+C)
    Many first hops: 0 only when every host is fixed or already works; 1 when the others only
    wait for a yes (left out, not in --steps, --dry-run); 2 when any host failed, is blocked or
    was not reached
    explain: 0 recognised or ambiguous (causes ranked, and how to tell them apart),
             3 not recognised (closest candidates shown), 2 no input

  Examples
    $ doublehop --lab classic
    $ doublehop --hop1 hyperv1.contoso.com --hop2 hyperv2.contoso.com --user CONTOSO\\admin
    $ doublehop explain error.txt
    $ doublehop explain --command 'Get-ChildItem \\\\fs01\\share' --hop1 hyperv1 error.txt
    $ Get-Secret hv-admin -AsPlainText | doublehop --json --password-stdin --hop1 hyperv1 \`
        --hop2 hyperv2 --user CONTOSO\\admin
`;

export const flags = {
	lab: {type: 'string'},
	powershell: {type: 'string'},
	connectTimeout: {type: 'string'},
	useSsl: {type: 'boolean', default: false},
	wait: {type: 'string'},
	labReset: {type: 'boolean', default: false},
	labState: {type: 'string'},
	labAdvance: {type: 'string'},
	for: {type: 'string'},
	hop1: {type: 'string'},
	hop2: {type: 'string'},
	user: {type: 'string'},
	command: {type: 'string'},
	color: {type: 'boolean', default: true},
	ascii: {type: 'boolean', default: false},
	screenReader: {type: 'boolean', default: false},
	json: {type: 'boolean', default: false},
	tree: {type: 'boolean', default: false},
	dryRun: {type: 'boolean', default: false},
	transcript: {type: 'string'},
	export: {type: 'string'},
	exportDsc: {type: 'string'},
	exportAnsible: {type: 'string'},
	passwordStdin: {type: 'boolean', default: false},
	yes: {type: 'boolean', default: false},
	steps: {type: 'string'},
	method: {type: 'string'},
	gmsa: {type: 'string'},
	runasUser: {type: 'string'},
	file: {type: 'string'},
	help: {type: 'boolean', shortFlag: 'h', default: false},
	version: {type: 'boolean', shortFlag: 'v', default: false},
} as const;

// Flags that look like a place for a secret: their value is never repeated back.
const secretLike = /pass|pwd|cred|secret|token|key/i;

/** A flag's table name as typed, without its dashes: runasUser is runas-user. */
export const kebab = (name: string) =>
	name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** The flags that take a value, as typed (`--hop1`): what follows one is its value, dash or not. */
export function valueFlagNames(): Set<string> {
	return new Set(
		Object.entries(flags)
			.filter(([, spec]) => spec.type === 'string')
			.map(([name]) => `--${kebab(name)}`),
	);
}

/**
 * The first flag doublehop does not know (or a switch given a value), as a message that never
 * repeats a secret-like flag's value (meow's own message would echo `--password=Secret` to the
 * screen and the CI log), or undefined.
 */
export function unknownFlag(argv: string[]): string | undefined {
	const known = new Set<string>();
	for (const [name, spec] of Object.entries(flags)) {
		known.add(`--${kebab(name)}`);
		if (spec.type === 'boolean') known.add(`--no-${kebab(name)}`);
		if ('shortFlag' in spec) known.add(`-${spec.shortFlag}`);
	}
	const takesValue = valueFlagNames();
	let valueNext = false;
	const seen = new Set<string>();
	for (const argument of argv) {
		if (argument === '--') break;
		// The value of --command and the like may start with a dash: it is not a flag.
		if (valueNext) {
			valueNext = false;
			continue;
		}
		if (!argument.startsWith('-') || argument === '-') continue;
		const name = argument.split('=')[0] ?? argument;
		if (known.has(name)) {
			valueNext = takesValue.has(name) && !argument.includes('=');
			// meow refuses a value flag given twice with a thrown error; said here with the way out.
			if (takesValue.has(name) && seen.has(name)) {
				const list = name === '--hop1' ? ' (many first hops are one list: --hop1 a,b,c)' : '';
				return `${name} is given twice: give it once${list}.`;
			}
			seen.add(name);
			// A switch given a value: meow reads --json=yes as no --json at all.
			const value = argument.includes('=') ? argument.slice(name.length + 1) : undefined;
			// meow reads --x=true and --x=false, but takes --no-x=false for an unknown flag: any
			// value after a --no- is refused here, with both forms.
			const negated = name.startsWith('--no-') && value !== undefined;
			if (
				!takesValue.has(name) &&
				value !== undefined &&
				(negated || (value !== 'true' && value !== 'false'))
			) {
				const shown = secretLike.test(name) ? '' : `, not ${argument}`;
				const opposite = negated ? ` (or --${name.slice('--no-'.length)})` : '';
				return `${name} is a switch and takes no value: write ${name}${opposite}${shown}.`;
			}
			continue;
		}
		if (secretLike.test(name)) {
			return `unknown flag ${name} (its value is not shown). A password is never a flag: pipe it with --password-stdin, or type it at the masked prompt.`;
		}
		return `unknown flag ${name}. Run doublehop --help for the flags.`;
	}
	return undefined;
}

/**
 * Whether a run asked for its result-schema document (--json, not explain's own), read before the
 * command line is parsed so even an unknown flag is answered with one.
 */
export function wantsJsonDocument(argv: string[]): boolean {
	const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
	const before = argv.slice(0, end);
	const json = before.some((argument) => argument === '--json' || argument === '--json=true');
	return json && !before.includes('explain');
}

/** Whether the command line is explain's with --json (before any "--"): it answers in JSON. */
export function explainWithJson(argv: string[]): boolean {
	const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
	const before = argv.slice(0, end);
	return before.includes('explain') && before.some((a) => a === '--json' || a === '--json=true');
}

/**
 * A boolean flag's value when the command line gives it (--x, --x=true, --x=false, --no-x; the
 * last wins), else undefined: meow reports false for both "not given" and "--no-x".
 */
export function givenBoolean(argv: string[], name: string): boolean | undefined {
	const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
	let value: boolean | undefined;
	for (const argument of argv.slice(0, end)) {
		if (argument === `--${name}` || argument === `--${name}=true`) value = true;
		else if (argument === `--no-${name}` || argument === `--${name}=false`) value = false;
	}
	return value;
}

export const programVersion: string = packageJson.version;
/** What meow and parseExplainLine report as the package, bundled in: no search for package.json. */
export const programPackage = {
	name: packageJson.name,
	version: packageJson.version,
	description: packageJson.description,
};

/** What the rest of the CLI reads of a command line, from meow or from parseExplainLine. */
export type CommandLine = Pick<Result<typeof flags>, 'input' | 'flags' | 'pkg'> & {help: string};

const camel = (name: string) =>
	name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/**
 * An explain command line read with Node's own parser over the same flag table, for the plain
 * forms only (`--x`, `--no-x`, `--name value`, `--name=value`, each flag once). Anything else
 * (`--x=false`, a repeated flag, a value starting with a dash, `--`, help, version, another
 * command) gives undefined, and meow reads it as always.
 */
export function parseExplainLine(argv: string[]): CommandLine | undefined {
	if (argv.includes('--')) return undefined;
	const booleans = Object.entries(flags).filter(([, spec]) => spec.type === 'boolean');
	const negated: Record<string, boolean> = {};
	const rest: string[] = [];
	for (const argument of argv) {
		const name = booleans.find(([flag]) => argument === `--no-${kebab(flag)}`)?.[0];
		if (name === undefined) rest.push(argument);
		else if (name in negated) return undefined;
		else negated[name] = false;
	}
	let parsed;
	try {
		parsed = parseArgs({
			args: rest,
			options: Object.fromEntries(
				Object.entries(flags).map(([name, spec]) => [kebab(name), {type: spec.type}]),
			),
			strict: true,
			allowPositionals: true,
			tokens: true,
		});
	} catch {
		return undefined;
	}
	const given = parsed.tokens.filter((token) => token.kind === 'option').map((token) => token.name);
	if (new Set(given).size !== given.length) return undefined;
	if (given.some((name) => camel(name) in negated)) return undefined;
	if (parsed.positionals[0] !== 'explain') return undefined;
	const values: Record<string, unknown> = {};
	for (const [name, spec] of Object.entries(flags)) {
		const value =
			parsed.values[kebab(name)] ?? negated[name] ?? ('default' in spec ? spec.default : undefined);
		if (value !== undefined) values[name] = value;
	}
	if (values.help === true || values.version === true || values.tree === true) return undefined;
	return {
		input: parsed.positionals,
		flags: values as CommandLine['flags'],
		pkg: programPackage,
		help: '',
	};
}
