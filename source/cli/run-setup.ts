// What every run needs besides its renderer: the host, the journal (and what it says an earlier
// run left behind), and the initial state of the decision tree.
import {randomBytes} from 'node:crypto';
import {rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {combineHooks, type FlowHooks} from '../flow/runner.js';
import type {Host} from '../hosts/host.js';
import {createTranscript} from '../report/transcript.js';
import {
	journalHooks,
	journalPath,
	journalUnwritable,
	openChanges,
	readJournalLines,
} from '../report/journal.js';
import {initialState} from '../tree/reducer.js';
import type {Defaults, EarlierRun, FlowState, Inputs} from '../tree/state.js';
import {changesForHosts, hostsOf} from '../tree/undo-hosts.js';
import {counted, itOrThem} from '../windows/counted.js';
import {psArgument} from '../safety/names.js';
import type {MethodId} from '../windows/second-hop-methods.js';
import {chooseHost, type HostFlags} from './choose-host.js';
import {outputUnwritable} from './output-paths.js';
import {stateDirectory} from './paths.js';
import {lockedRefusal, lockPath, takeLock} from './run-lock.js';

export type RunSetup = {
	host: Host;
	hint?: string;
	initial: FlowState;
	hooks: FlowHooks;
	earlier?: EarlierRun;
	/** Said before the run starts, e.g. journal lines that were skipped. */
	warnings: string[];
	/** What a run over many first hops (cli/fleet.ts) needs besides: its own journal hooks and records. */
	journal: string;
	runId: string;
	defaults: Defaults;
	/** Lets go of the machines' lock (the one-host hooks do at the end of the flow). */
	release: () => void;
	/** This run's command with its flags, for the hosts a run over many first hops left out. */
	rerunCommand: string;
	/** The same without --dry-run: what makes the changes a dry run planned. */
	applyCommand: string;
};

export type SetupOptions = HostFlags & {
	mode: 'fix' | 'undo';
	dryRun: boolean;
	/** --use-ssl: every session to the first hop uses -UseSSL (port 5986). */
	useSsl?: boolean;
	inputs: Omit<Inputs, 'password'>;
	/** The Markdown transcript; by default one file per run under the state folder. */
	transcript?: string;
	/** Where to write the PowerShell of the confirmed changes when the run ends. */
	export?: string;
	/** Where to write the same changes as a DSC configuration, and as an Ansible playbook. */
	exportDsc?: string;
	exportAnsible?: string;
	version?: string;
	/** With --json: how long to wait for another run on the same machines to end. */
	waitSeconds?: number;
	/** --method: the method to apply without asking. */
	method?: MethodId;
	/** --gmsa: the gMSA a JEA configuration runs as (the answer to its question). */
	gmsa?: string;
	/** --runas-user: the account a RunAs configuration runs as (the answer to its question). */
	runAsUser?: string;
	/** --for, in minutes: the verified CredSSP fix reverts on its own at a deadline. */
	timeBoxMinutes?: number;
	/** --json reads one password and cannot ask again: 1; the guided flow asks up to 3 times. */
	passwordTries?: number;
	/** `undo --hop1 a,b`: only the changes a run over many first hops made for these hosts. */
	undoHosts?: string[];
	/** --json, --password-stdin, --screen-reader: named again in the command that runs this again. */
	json?: boolean;
	passwordStdin?: boolean;
	screenReader?: boolean;
};

/** A flag as given: its value, true for a switch, or undefined (and false) when not given. */
type Given = [flag: string, value: string | number | boolean | undefined];

function commandWith(words: string, given: Given[]): string {
	return [
		words,
		...given.flatMap(([flag, value]) =>
			value === undefined || value === false
				? []
				: value === true
					? [flag]
					: // Whole seconds: PowerShell passes 90 to doublehop as it is.
						[flag, typeof value === 'number' ? String(value) : psArgument(value)],
		),
	].join(' ');
}

/** The flags that say where the machines are: the lab and the file it keeps them in, the PowerShell. */
const machineFlags = (flags: HostFlags): Given[] => [
	['--lab', flags.lab],
	['--lab-state', flags.labState],
	['--powershell', flags.powershell === 'auto' ? undefined : flags.powershell],
];

/**
 * The undo command this run names: with the flags that say where its machines are, so it
 * reaches what this run changed. A --json run's is the one that works as written without a
 * terminal: the guided undo refuses there, and undo --json changes nothing without --yes; the
 * password comes in as this run's did.
 */
function undoCommandFor(
	options: Pick<SetupOptions, keyof HostFlags | 'json' | 'passwordStdin'>,
): string {
	const json = options.json === true;
	return commandWith('doublehop undo', [
		...machineFlags(options),
		['--json', json],
		['--yes', json],
		['--password-stdin', json && options.passwordStdin],
	]);
}

/** --hop1's value for these hosts as PowerShell passes it on: a list quoted, as one argument. */
const hostList = (hosts: readonly string[]): string => psArgument(hosts.join(','));

/**
 * This run again, for the hosts a run over many first hops left out: the same machines and the
 * same way of reaching them, the same second hop, account and command, the same mode. Not
 * --lab-reset (it would forget this run's changes), nor --transcript or --export-* (the next run
 * would write over this run's records); --hop1, --yes and --steps are the tree's to add.
 */
function rerunCommandFor(options: SetupOptions): string {
	return commandWith('doublehop', [
		...reachFlags(options),
		['--hop2', options.inputs.hop2],
		['--user', options.inputs.user],
		['--command', options.inputs.command],
		['--method', options.method],
		...modeFlags(options),
		['--dry-run', options.dryRun],
		['--screen-reader', options.screenReader],
	]);
}

/** Where the machines are and how they are reached: the same in every command a run names. */
const reachFlags = (options: SetupOptions): Given[] => [
	...machineFlags(options),
	['--use-ssl', options.useSsl],
	['--connect-timeout', options.connectTimeoutSeconds],
];

/** How the run is driven without a terminal: --json, where its password comes from, --wait. */
const modeFlags = (options: SetupOptions): Given[] => [
	['--json', options.json],
	['--password-stdin', options.passwordStdin],
	['--wait', options.waitSeconds],
];

/**
 * This run without --dry-run, for a one-host dry run's end: the same machines and way of reaching
 * them, --json and how its password comes. The targets, method, --for and (with --json) --yes and
 * --steps are the tree's to add, as the run ended with them: some may have been typed at a prompt.
 */
function applyCommandFor(options: SetupOptions): string {
	return commandWith('doublehop', [
		...reachFlags(options),
		...modeFlags(options),
		['--screen-reader', options.screenReader],
	]);
}

export async function setUpRun(
	options: SetupOptions,
): Promise<{ok: true; setup: RunSetup} | {ok: false; message: string; nextSteps?: string[]}> {
	const runId = `${new Date().toISOString()}-${randomBytes(3).toString('hex')}`;
	const transcript =
		options.transcript ??
		join(stateDirectory(), 'transcripts', `${runId.replace(/[^A-Za-z0-9-]/g, '-')}.md`);
	// Before any machine is touched: a record that cannot be written fails now, not after the changes.
	const outputs: [string, string | undefined][] = [
		[options.transcript === undefined ? 'the transcript' : '--transcript', transcript],
		['--export', options.export],
		['--export-dsc', options.exportDsc],
		['--export-ansible', options.exportAnsible],
	];
	for (const [flag, path] of outputs) {
		const own = path === transcript && options.transcript === undefined;
		const unwritable =
			path === undefined ? undefined : outputUnwritable(flag, path, {makeFolders: own});
		if (unwritable !== undefined) return {ok: false, message: unwritable};
	}
	let release = () => {};
	const choice = await chooseHost({
		...options,
		async lock(key) {
			const lock = await takeLock(lockPath(stateDirectory(), key), options.waitSeconds);
			if (!lock.ok) {
				const what = key.startsWith('lab-') ? `the lab ${key.slice(4)}` : 'these machines';
				const json = options.json === true;
				return {ok: false, ...lockedRefusal(lock, what, {json, waited: options.waitSeconds})};
			}
			release = lock.release;
			return {ok: true};
		},
	});
	if (!choice.ok) {
		release();
		return choice;
	}
	const path = journalPath(stateDirectory(), choice.key);
	// The lab forgets its machines on --lab-reset; its journal must forget them too.
	if (options.labReset) rmSync(path, {force: true});
	const journal = readJournalLines(path);
	if (options.mode === 'undo' && journal.events.length === 0 && journal.problems.length > 0) {
		// Changes may be in place that it would name: "nothing to undo" would be a guess.
		release();
		await choice.host.dispose();
		return {
			ok: false,
			message: `cannot read the change journal ${path}: none of its ${journal.lines} lines is a journal entry (${journal.problems[0]}). It may name changes still in place, so nothing was changed. Look at the file or move it aside, then run again.`,
		};
	}
	const unwritable = options.dryRun ? undefined : journalUnwritable(path);
	if (unwritable !== undefined) {
		release();
		await choice.host.dispose();
		return {ok: false, message: unwritable};
	}
	const open = openChanges(journal.events);
	// undo --hop1: only those hosts' changes. None of theirs in place while others are is said, not
	// answered "nothing to undo" (or, for a one-host run, everything taken back).
	const earlier =
		options.mode === 'undo' && options.undoHosts !== undefined && open !== undefined
			? changesForHosts(open, options.undoHosts, undoCommandFor(options))
			: open;
	// Every name must have changes in place: one with none is a typo or the wrong host, never
	// dropped while the others' are taken back.
	const without =
		options.mode === 'undo' && options.undoHosts !== undefined && open !== undefined
			? options.undoHosts.filter((host) => changesForHosts(open, [host]) === undefined)
			: [];
	if (
		open !== undefined &&
		open.changes.length > 0 &&
		(earlier === undefined || without.length > 0)
	) {
		release();
		await choice.host.dispose();
		const others = hostsOf(open);
		const named =
			others.length <= 5
				? others.join(', ')
				: `${others.slice(0, 5).join(', ')} and ${others.length - 5} more`;
		const all = undoCommandFor(options);
		const given = options.undoHosts ?? [];
		// The names given that do have changes: the command for those alone comes first.
		const found = given.filter((host) => !without.includes(host));
		const some =
			found.length === 0
				? `${all} --hop1 ${others[0]} takes back that host's`
				: `${all} --hop1 ${hostList(found)} takes back ${found.length === 1 ? "that host's" : "those hosts'"}`;
		// Only what serves every first hop is left (this machine's client switch): no host to name.
		const where =
			others.length === 0
				? `for no one first hop: ${all} takes ${itOrThem(open.changes.length)} back`
				: `for ${named}: ${some}, ${all} takes back all`;
		return {
			ok: false,
			message: `--hop1 ${given.join(',')}: no change by doublehop is in place for ${without.length === given.length ? (without.length === 1 ? 'that host' : 'those hosts') : without.join(', ')}. ${counted(open.changes.length, 'change')} ${open.changes.length === 1 ? 'is' : 'are'} in place ${where}. Nothing was changed.`,
		};
	}
	// Loaded now, as the run ends synchronously; only by a run that asks for a file.
	const exporters =
		options.export === undefined &&
		options.exportDsc === undefined &&
		options.exportAnsible === undefined
			? undefined
			: await import('./run-exports.js');
	const initial = initialState({
		inputs: options.inputs,
		defaults: choice.defaults,
		mode: options.mode,
		dryRun: options.dryRun,
		...(options.useSsl === true ? {useSsl: true} : {}),
		runId,
		records: {
			transcript,
			...(options.export === undefined ? {} : {export: options.export}),
			...(options.exportDsc === undefined ? {} : {exportDsc: options.exportDsc}),
			...(options.exportAnsible === undefined ? {} : {exportAnsible: options.exportAnsible}),
		},
		// An undo of some hosts goes on with those hosts: without --hop1 it would take back every host's.
		undoCommand:
			options.mode === 'undo' && options.undoHosts !== undefined
				? `${undoCommandFor(options)} --hop1 ${hostList(options.undoHosts)}`
				: undoCommandFor(options),
		// The undo that asks for each change, named where some are to be kept (credssp-still-on.ts).
		guidedUndoCommand: undoCommandFor({...options, json: false}),
		...(earlier === undefined ? {} : {earlier}),
		...(options.method === undefined ? {} : {method: options.method}),
		...(options.gmsa === undefined ? {} : {gmsa: options.gmsa}),
		...(options.runAsUser === undefined ? {} : {runAsUser: options.runAsUser}),
		...(options.timeBoxMinutes === undefined ? {} : {timeBoxMinutes: options.timeBoxMinutes}),
		...(options.passwordTries === undefined ? {} : {passwordTries: options.passwordTries}),
		...(options.dryRun ? {applyCommand: applyCommandFor(options)} : {}),
		...(options.json === true ? {json: true} : {}),
	});
	const record = createTranscript({
		path: transcript,
		hostDescription: choice.host.description,
		...(options.version === undefined ? {} : {version: options.version}),
	});
	const records: FlowHooks = {
		onEvent(event) {
			record.record(event);
			if (event.type !== 'finished') return;
			const {state} = event;
			// The machines are the next run's once this one has ended (and at exit whatever happens).
			release();
			record.close(state);
			const meta = {
				generatedAt: new Date(),
				version: options.version ?? '',
				hostDescription: choice.host.description,
			};
			const write = (path: string, text: () => string) => {
				// The check before the run found the folder there. Should the file have become
				// unwritable since, the run's changes stand: said, not a crash.
				try {
					writeFileSync(path, text(), {encoding: 'utf8'});
				} catch (error) {
					process.stderr.write(
						`doublehop: ${path} could not be written (${(error as NodeJS.ErrnoException).code ?? String(error)}). The run's changes stand; its transcript ${transcript} lists them, with their undo.\n`,
					);
				}
			};
			for (const [path, text] of exporters?.exportedFiles(options, state, meta) ?? [])
				write(path, text);
		},
	};
	// Said first, not after the first yes: every question is asked, and nothing changes.
	const dryRun = options.dryRun
		? 'Dry run (--dry-run): every step is shown and asked as usual; whatever you answer, nothing is changed.'
		: undefined;
	// Each on a line of its own: the dry run is not part of the lab's password hint.
	const hint = [choice.hint, dryRun].filter((line) => line !== undefined).join('\n');
	return {
		ok: true,
		setup: {
			host: choice.host,
			...(hint === '' ? {} : {hint}),
			initial,
			hooks: combineHooks(journalHooks(path, runId), records),
			...(earlier === undefined ? {} : {earlier}),
			warnings: journal.problems.map((problem) => `skipped in the change journal: ${problem}`),
			journal: path,
			runId,
			defaults: choice.defaults,
			release: () => release(),
			rerunCommand: rerunCommandFor(options),
			applyCommand: rerunCommandFor({...options, dryRun: false}),
		},
	};
}
