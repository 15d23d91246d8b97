// The guided fix and undo (one first hop or many), and --lab-advance: the flags they take are
// checked here, then the run is set up and handed to the renderer chosen for it.
import {sameMachine} from '../windows/host-names.js';
import {exitCodes} from './exit-codes.js';
import {stopSignals} from './interrupts.js';
import {programVersion, type CommandLine} from './flags.js';
import {asciiFor, refuse, write, writeDocument, writeError, writeNotice} from './output.js';
import {readPasswordFromStdin} from './read-input.js';
import {commandWith, missingSteps, pipedPasswordStep, runAsStdinSteps} from './refusal-steps.js';
import {checkGmsaAccount, checkHostName, checkRunAsAccount} from '../safety/names.js';
import {changeSteps, type ChangeStep} from '../flow/auto-answer.js';
import {builtMethods, methodIds, type MethodId} from '../windows/second-hop-methods.js';
import {parseTimeBox} from '../windows/time-box.js';

function parseSteps(
	list: string | undefined,
): {ok: true; steps: ChangeStep[]} | {ok: false; message: string} {
	if (list === undefined) return {ok: true, steps: []};
	const steps = list
		.split(',')
		.map((step) => step.trim().toLowerCase())
		.filter(Boolean);
	const unknown = steps.filter((step) => !changeSteps.includes(step as ChangeStep));
	if (unknown.length > 0) {
		return {
			ok: false,
			message: `--steps takes ${changeSteps.join(', ')}; not: ${unknown.join(', ')}.`,
		};
	}
	return {ok: true, steps: steps as ChangeStep[]};
}

/** --method: a method doublehop applies, or why not (one named in issue 16 but not built yet). */
function parseMethod(
	text: string | undefined,
): {ok: true; method?: MethodId} | {ok: false; message: string} {
	if (text === undefined) return {ok: true};
	const method = text.trim().toLowerCase();
	if (builtMethods.includes(method as MethodId)) return {ok: true, method: method as MethodId};
	const known = methodIds.includes(method as MethodId);
	return {
		ok: false,
		message: known
			? `--method ${method} is not built yet: doublehop applies ${builtMethods.join(' or ')} today (the choice after the diagnosis explains ${method} for this command).`
			: `--method takes ${builtMethods.join(' or ')}; not: ${text}.`,
	};
}

/** Whole seconds, 1 to 3600: the connect time-out a slow VPN or WAN link may need. */
function parseSeconds(
	flag: string,
	text: string | undefined,
): {ok: true; seconds?: number} | {ok: false; message: string} {
	if (text === undefined) return {ok: true};
	const seconds = Number(text.trim());
	if (/^\d+$/.test(text.trim()) && seconds >= 1 && seconds <= 3600) return {ok: true, seconds};
	return {
		ok: false,
		message: `${flag} takes whole seconds from 1 to 3600, e.g. ${flag} 120; not: ${text}.`,
	};
}

/** --for: minutes, checked against what the run will do (a CredSSP fix it can time-box). */
function parseFor(
	flags: CommandLine['flags'],
	mode: 'fix' | 'undo',
	method: MethodId | undefined,
	steps: readonly ChangeStep[],
): {ok: true; minutes?: number} | {ok: false; message: string} {
	if (flags.for === undefined) return {ok: true};
	const parsed = parseTimeBox(flags.for);
	if (!parsed.ok) return parsed;
	if (mode === 'undo')
		return {ok: false, message: '--for time-boxes a CredSSP fix; undo takes the changes back now.'};
	if (method === 'using-cred')
		return {
			ok: false,
			message:
				'--for time-boxes CredSSP; --method using-cred changes nothing, so nothing needs to revert.',
		};
	if (method !== undefined && method !== 'credssp')
		return {
			ok: false,
			message: `--for time-boxes CredSSP; it does not apply to --method ${method}.`,
		};
	// The revert tasks are changes too: --yes makes them only when --steps names them.
	if (flags.json && flags.yes && !steps.includes('revert'))
		return {
			ok: false,
			message: `--for with --json --yes schedules the revert tasks only when --steps names them: add revert (--steps ${[...steps, 'revert'].join(',')}).`,
		};
	return {ok: true, minutes: parsed.minutes};
}

/** --gmsa or --runas-user without the method it belongs to would be ignored: said instead. */
function flagForAnotherMethod(
	flags: CommandLine['flags'],
	method: MethodId | undefined,
): string | undefined {
	if (flags.gmsa !== undefined && method !== 'jea')
		return `--gmsa is the account of a JEA configuration: give it with --method jea (doublehop --method jea --gmsa ${flags.gmsa}).`;
	if (flags.runasUser !== undefined && method !== 'runas')
		return `--runas-user is the account of a RunAs configuration: give it with --method runas (doublehop --method runas --runas-user ${flags.runasUser}).`;
	return undefined;
}

/**
 * --gmsa and --runas-user checked as their questions check them, before anything runs: a name
 * Windows cannot take is not sent (the RunAs one would otherwise be refused only after hop 1 was
 * reached, at a logon that counts against the account).
 */
function accountFlagProblem(flags: CommandLine['flags']): string | undefined {
	if (flags.gmsa !== undefined) {
		const checked = checkGmsaAccount(flags.gmsa);
		if (!checked.ok) return `--gmsa: ${checked.reason}`;
	}
	if (flags.runasUser !== undefined) {
		const checked = checkRunAsAccount(flags.runasUser);
		if (!checked.ok) return `--runas-user: ${checked.reason}`;
	}
	return undefined;
}

/**
 * --json --yes with no --steps would make nothing and end "needs changes": a CI job meant a fix.
 * Said before anything runs, with the list the method needs. Undo takes back all without --steps;
 * $using:cred changes nothing, and rbkcd's ticket purge needs only --yes.
 */
function yesWithoutSteps(
	flags: CommandLine['flags'],
	mode: 'fix' | 'undo',
	method: MethodId | undefined,
	steps: ChangeStep[],
): string | undefined {
	if (mode !== 'fix' || !flags.json || !flags.yes || steps.length > 0) return undefined;
	if (method === 'using-cred' || method === 'rbkcd' || flags.dryRun) return undefined;
	const needed =
		method === 'jea' || method === 'runas'
			? 'session-config'
			: "client,server (add listener for an HTTPS listener, winrm to start this computer's WinRM service)";
	return `--yes makes only the changes --steps names, and it names none, so this run could change nothing. Add --steps ${needed}, or leave out --yes to only see what is needed.`;
}

/** The change steps a --yes run of `method` needs (what yesWithoutSteps names). */
const stepsNeeded = (method: MethodId | undefined) =>
	method === 'jea' || method === 'runas' ? 'session-config' : 'client,server';

/** The steps of a refused --steps that it takes, or CredSSP's two when it names none. */
function knownSteps(list: string | undefined): string {
	const known = (list ?? '')
		.split(',')
		.map((step) => step.trim().toLowerCase())
		.filter((step) => changeSteps.includes(step as ChangeStep));
	return known.length > 0 ? known.join(',') : 'client,server';
}

/** --json --steps with no --yes: the steps are never made, which a CI job did not mean. */
function stepsWithoutYes(flags: CommandLine['flags']): string | undefined {
	if (!flags.json || flags.yes || flags.steps === undefined) return undefined;
	return `--steps names the changes --yes may make, and --yes is not given, so this run would make none of them: add --yes to make them, or leave out --steps to only see what is needed.`;
}

/** A method other than CredSSP is set up on one first hop at a time: with many, it is refused. */
function manyHostsMethod(method: MethodId | undefined): string | undefined {
	if (method === undefined || method === 'credssp') return undefined;
	return `--method ${method} is set up on one first hop at a time: give one --hop1 per run (doublehop --hop1 <name> --method ${method}), or leave --method out to fix every host with CredSSP.`;
}

/**
 * --password-stdin waits for its writer (a secret store, a CI step) before anything starts: a job
 * stopped there still gets its one document, "interrupted", and exit 130, not an empty file.
 */
async function readPasswordOrStop(lines: 1 | 2, exitNow: (code: number) => never) {
	const {stoppedBeforeRunDocument} = await import('./non-interactive.js');
	const signals = stopSignals();
	const stop = () => {
		writeDocument(stoppedBeforeRunDocument(programVersion));
		exitNow(exitCodes.interrupted);
	};
	for (const signal of signals) process.on(signal, stop);
	try {
		return await readPasswordFromStdin(process.stdin, lines);
	} finally {
		for (const signal of signals) process.off(signal, stop);
	}
}

/** `exitNow` ends the process at once (Ctrl+C): only the entry point may, so it hands it in. */
export async function fixCommand(
	cli: CommandLine,
	mode: 'fix' | 'undo',
	exitNow: (code: number) => never,
): Promise<number> {
	const {flags} = cli;
	// The command line as typed: each refusal's next step is it, changed as the refusal says.
	const argv = process.argv.slice(2);
	const rerun = (say: string, change: Parameters<typeof commandWith>[1]) =>
		`${say} ${commandWith(argv, change)}`;
	const steps = parseSteps(flags.steps);
	if (!steps.ok)
		return refuse(
			steps.message,
			[],
			[rerun('With the steps it takes:', {set: {'--steps': knownSteps(flags.steps)}})],
		);
	const method = parseMethod(flags.method);
	if (!method.ok)
		return refuse(
			method.message,
			[],
			[rerun('With the method that changes nothing:', {set: {'--method': 'using-cred'}})],
		);
	const unused = flagForAnotherMethod(flags, method.method);
	if (unused !== undefined)
		return refuse(
			unused,
			[],
			[
				rerun('With its method:', {
					set: {'--method': flags.gmsa !== undefined && method.method !== 'jea' ? 'jea' : 'runas'},
				}),
			],
		);
	const account = accountFlagProblem(flags);
	if (account !== undefined)
		return refuse(
			account,
			[],
			[
				flags.gmsa !== undefined && !checkGmsaAccount(flags.gmsa).ok
					? rerun('With the gMSA as DOMAIN\\name$:', {set: {'--gmsa': '<DOMAIN\\name$>'}})
					: rerun('With the account as DOMAIN\\user:', {set: {'--runas-user': '<DOMAIN\\user>'}}),
			],
		);
	const yesAlone = yesWithoutSteps(flags, mode, method.method, steps.steps);
	if (yesAlone !== undefined)
		return refuse(
			yesAlone,
			[],
			[rerun('To make them:', {set: {'--steps': stepsNeeded(method.method)}})],
		);
	const stepsAlone = stepsWithoutYes(flags);
	if (stepsAlone !== undefined)
		return refuse(stepsAlone, [], [rerun('To make them:', {set: {'--yes': undefined}})]);
	const timeBox = parseFor(flags, mode, method.method, steps.steps);
	if (!timeBox.ok)
		return refuse(
			timeBox.message,
			[],
			[
				timeBox.message.includes('--steps')
					? rerun('With the revert tasks:', {
							set: {'--steps': [...steps.steps, 'revert'].join(',')},
						})
					: mode === 'fix' && (method.method === undefined || method.method === 'credssp')
						? rerun('For two hours, say:', {set: {'--for': '2h'}})
						: rerun('Without it:', {drop: ['--for']}),
			],
		);
	if (flags.labAdvance !== undefined) return labAdvanceCommand(flags, argv);
	const connectTimeout = parseSeconds('--connect-timeout', flags.connectTimeout);
	if (!connectTimeout.ok)
		return refuse(
			connectTimeout.message,
			[],
			[rerun('For two minutes, say:', {set: {'--connect-timeout': '120'}})],
		);
	const wait = parseSeconds('--wait', flags.wait);
	if (!wait.ok)
		return refuse(wait.message, [], [rerun('For ten minutes, say:', {set: {'--wait': '600'}})]);
	// --hop1 a,b,c or @file: many first hops. One name stays as it always was (checked by the flow).
	const hop1List =
		flags.hop1 !== undefined && (flags.hop1.startsWith('@') || flags.hop1.includes(','))
			? await import('./host-list-file.js').then(({readHop1List}) => readHop1List(flags.hop1!))
			: undefined;
	const hostNames = rerun('With computer names:', {set: {'--hop1': '<hyperv1,hyperv3>'}});
	if (hop1List !== undefined && !hop1List.ok) return refuse(hop1List.message, [], [hostNames]);
	const listed = hop1List?.hosts;
	// undo --hop1 one name is matched against the journal, not run through the flow's check: it is
	// checked here, as the fix's --hop1 is, so 'hv 13' is refused for what it is.
	if (mode === 'undo' && flags.hop1 !== undefined && listed === undefined) {
		const checked = checkHostName(flags.hop1);
		if (!checked.ok)
			return refuse(
				`--hop1: ${checked.reason}`,
				[],
				[rerun('With a computer name:', {set: {'--hop1': '<hyperv1>'}})],
			);
	}
	// Before the password is read, so --method runas with many hosts is told this, not its own rule.
	const oneHostOnly = (listed?.length ?? 0) > 1 ? manyHostsMethod(method.method) : undefined;
	if (oneHostOnly !== undefined)
		return refuse(
			oneHostOnly,
			[],
			[rerun('For the first of them:', {set: {'--hop1': listed![0]!}})],
		);
	// Read before anything starts, so a refusal changes nothing and waits for nothing.
	// With --method runas, the second line is the RunAs account's password.
	const runAs = method.method === 'runas';
	const password =
		flags.json && flags.passwordStdin
			? await readPasswordOrStop(runAs ? 2 : 1, exitNow)
			: undefined;
	if (password !== undefined && !password.ok)
		return refuse(password.message, [], runAs ? runAsStdinSteps(argv) : [pipedPasswordStep(argv)]);
	// An empty first line is no password: refused before any host is asked (each would count it as
	// a wrong one), with how to pipe it, not the masked prompt's "Enter the password".
	if (password?.ok === true && password.password.length === 0)
		return refuse(
			'--password-stdin read an empty first line: pipe the password itself, e.g. Get-Secret hv-admin -AsPlainText | doublehop --json --password-stdin ...',
			[],
			runAs ? runAsStdinSteps(argv) : [pipedPasswordStep(argv)],
		);
	// Refused before anything runs: the RunAs step would otherwise stop halfway.
	if (
		flags.json &&
		runAs &&
		(password === undefined || !password.ok || password.second === undefined)
	)
		return refuse(
			"--json --method runas needs the RunAs account's password as the second line of --password-stdin (yours is the first), and the account as --runas-user.",
			[],
			runAsStdinSteps(argv),
		);
	// The answers a CI job gives in advance: at a terminal they would be ignored, so they are refused.
	const jsonOnly = flags.yes ? '--yes' : flags.steps !== undefined ? '--steps' : undefined;
	if (jsonOnly !== undefined && !flags.json) {
		writeError(
			`doublehop: ${jsonOnly} only applies with --json; the guided flow asks at every step.\n`,
		);
		return exitCodes.failed;
	}
	if (flags.wait !== undefined && !flags.json) {
		writeError(
			'doublehop: --wait only applies with --json; a guided run that meets another run on the same machines says so and stops: run it again once that one has ended.\n',
		);
		return exitCodes.failed;
	}
	const hop1 = listed === undefined ? flags.hop1 : listed.length === 1 ? listed[0] : undefined;
	const {setUpRun} = await import('./run-setup.js');
	const {
		connectTimeout: _text,
		wait: _wait,
		method: _method,
		for: _for,
		labAdvance: _advance,
		gmsa,
		runasUser,
		...hostFlags
	} = flags;
	const prepared = await setUpRun({
		...hostFlags,
		...(timeBox.minutes === undefined ? {} : {timeBoxMinutes: timeBox.minutes}),
		...(method.method === undefined ? {} : {method: method.method}),
		...(gmsa === undefined ? {} : {gmsa}),
		...(runasUser === undefined ? {} : {runAsUser: runasUser}),
		...(connectTimeout.seconds === undefined
			? {}
			: {connectTimeoutSeconds: connectTimeout.seconds}),
		// Only a --json run waits for another to end; a person at the prompt is told at once.
		...(flags.json && wait.seconds !== undefined ? {waitSeconds: wait.seconds} : {}),
		mode,
		dryRun: flags.dryRun,
		...(flags.json ? {passwordTries: 1} : {}),
		...(flags.transcript === undefined ? {} : {transcript: flags.transcript}),
		...(flags.export === undefined ? {} : {export: flags.export}),
		...(flags.exportDsc === undefined ? {} : {exportDsc: flags.exportDsc}),
		...(flags.exportAnsible === undefined ? {} : {exportAnsible: flags.exportAnsible}),
		version: cli.pkg.version ?? '0.0.0',
		...(mode === 'undo' && flags.hop1 !== undefined ? {undoHosts: listed ?? [flags.hop1]} : {}),
		inputs: {
			...(hop1 === undefined ? {} : {hop1}),
			...(flags.hop2 === undefined ? {} : {hop2: flags.hop2}),
			...(flags.user === undefined ? {} : {user: flags.user}),
			...(flags.command === undefined ? {} : {command: flags.command}),
		},
	});
	if (!prepared.ok)
		return refuse(
			prepared.message,
			prepared.nextSteps,
			prepared.nextSteps === undefined ? [rerun('Once that is put right, the same run:', {})] : [],
		);
	const {setup} = prepared;
	// Cut to the terminal's width (a journal's path at 40 columns), as a refusal is.
	for (const warning of setup.warnings) await writeNotice(warning);
	const version = cli.pkg.version ?? '0.0.0';
	if (mode === 'undo' && setup.earlier === undefined) {
		await setup.host.dispose();
		if (flags.json) {
			const {nothingToUndoDocument} = await import('./non-interactive.js');
			writeDocument(nothingToUndoDocument(version, setup.host.description));
			return exitCodes.works;
		}
		write('Nothing to undo: the journal holds no change by doublehop that is still in place.\n');
		return exitCodes.works;
	}
	// A --for revert task may have taken changes back already: those are read (which changes
	// nothing), so what stays is said as read, not as the journal last had it.
	const timeBoxed = setup.earlier?.changes.some((change) => change.undo.kind === 'unregister-task');
	if (mode === 'undo' && flags.json && !flags.yes && timeBoxed !== true) {
		// Without --yes every change would be declined: change no machine and say what stays. This
		// machine is read, as the guided undo reads it: a restart may have stopped the WinRM
		// service doublehop started. Unread (the read failed), the journal's words stand.
		const local = await setup.host.localContext();
		await setup.host.dispose();
		const {undoWithoutYesDocument} = await import('./non-interactive.js');
		const listing = undoWithoutYesDocument(
			setup.initial,
			version,
			setup.host.description,
			flags.passwordStdin,
			local.ok ? local.value : undefined,
		);
		writeDocument(listing.document);
		return listing.exitCode;
	}
	// How the guided screen draws, one host or many.
	const screen = {
		color: flags.color && process.env.NO_COLOR === undefined,
		ascii: asciiFor(),
		screenReader: flags.screenReader,
		stdinIsTTY: process.stdin.isTTY === true,
		writeError,
		writeOutput: write,
		...(setup.hint === undefined ? {} : {hint: setup.hint}),
	};
	// Many first hops: given, or (with no --hop1) a lab whose default is a list (--lab fleet).
	const fleetHosts =
		mode === 'fix' && (listed?.length ?? 0) > 1
			? listed
			: mode === 'fix' && flags.hop1 === undefined && setup.defaults.hop1?.includes(',')
				? await import('./host-list-file.js').then(({readHop1List}) => {
						const fromLab = readHop1List(setup.defaults.hop1 ?? '');
						return fromLab.ok ? fromLab.hosts : undefined;
					})
				: undefined;
	if (fleetHosts !== undefined) {
		// A second hop that is one of the first hops: for that host the command never leaves it.
		const hop2 = flags.hop2 ?? setup.defaults.hop2;
		const itself =
			hop2 === undefined ? undefined : fleetHosts.find((host) => sameMachine(host, hop2));
		// What a run over many first hops does not do yet is refused, not silently skipped.
		const unsupported =
			itself !== undefined
				? `--hop2 ${hop2} is one of the first hops (${itself}): a command run on ${itself} that reaches ${itself} never makes a second hop. Leave ${itself} out of --hop1, or name the computer the command reaches.`
				: flags.export !== undefined
					? '--export is not written for many first hops yet: the --json document and the transcript list every change with its undo.'
					: manyHostsMethod(method.method) !== undefined
						? manyHostsMethod(method.method)
						: timeBox.minutes !== undefined
							? '--for is not built for many first hops yet: give one --hop1, or take the changes back with doublehop undo.'
							: undefined;
		if (unsupported !== undefined) {
			setup.release();
			await setup.host.dispose();
			return refuse(
				unsupported,
				[],
				[
					itself !== undefined
						? rerun(`Without ${itself}:`, {
								set: {'--hop1': fleetHosts.filter((host) => host !== itself).join(',')},
							})
						: flags.export !== undefined
							? rerun('Without --export:', {drop: ['--export']})
							: manyHostsMethod(method.method) !== undefined
								? rerun('For the first of them:', {set: {'--hop1': fleetHosts[0]!}})
								: rerun('Without --for:', {drop: ['--for']}),
				],
			);
		}
		const fleet = {
			setup,
			hosts: fleetHosts,
			inputs: {
				...(flags.hop2 === undefined ? {} : {hop2: flags.hop2}),
				...(flags.command === undefined ? {} : {command: flags.command}),
				...(flags.user === undefined ? {} : {user: flags.user}),
			},
			dryRun: flags.dryRun,
			undoCommand: setup.initial.undoCommand,
			...(flags.exportDsc === undefined && flags.exportAnsible === undefined
				? {}
				: {
						exports: {
							...(flags.exportDsc === undefined ? {} : {dsc: flags.exportDsc}),
							...(flags.exportAnsible === undefined ? {} : {ansible: flags.exportAnsible}),
							version,
						},
					}),
			exitNow,
		};
		if (flags.json) {
			const {runFleetJson} = await import('./fleet.js');
			return runFleetJson({
				...fleet,
				policy: {
					yes: flags.yes,
					steps: steps.steps,
					...(password === undefined ? {} : {password: password.password}),
				},
				version,
				write: writeDocument,
			});
		}
		const {runFleetGuided} = await import('./fleet-guided.js');
		return runFleetGuided({...fleet, ...screen});
	}
	if (flags.json) {
		const {runNonInteractive} = await import('./non-interactive.js');
		return runNonInteractive({
			host: setup.host,
			initial: setup.initial,
			hooks: setup.hooks,
			policy: {
				yes: flags.yes,
				steps: steps.steps,
				...(password === undefined ? {} : {password: password.password}),
				...(password?.second === undefined ? {} : {runAsPassword: password.second}),
			},
			version,
			write: writeDocument,
			writeError,
			exitNow,
			stepsFor: (missing) => missingSteps(argv, missing),
		});
	}
	const {runGuided} = await import('./guided.js');
	return runGuided({
		host: setup.host,
		initial: setup.initial,
		hooks: setup.hooks,
		...screen,
		exitNow,
	});
}

/** --lab-advance: the lab's clock moves on and its due tasks fire; no guided run. */
async function labAdvanceCommand(
	flags: CommandLine['flags'],
	argv: readonly string[],
): Promise<number> {
	if (flags.lab === undefined)
		return refuse(
			"--lab-advance moves the simulated lab's clock; it needs --lab <scenario>. A real machine's clock is never changed.",
			[],
			[`With the lab it moves: ${commandWith(argv, {set: {'--lab': '<scenario>'}})}`],
		);
	if (flags.json)
		return refuse(
			'--lab-advance prints what fired as text; run it without --json.',
			[],
			[`Without --json: ${commandWith(argv, {drop: ['--json']})}`],
		);
	const {parseLabAdvance, advanceLab} = await import('./lab-advance.js');
	const minutes = parseLabAdvance(flags.labAdvance ?? '');
	if (!minutes.ok)
		return refuse(
			minutes.message,
			[],
			[`Two hours on, say: ${commandWith(argv, {set: {'--lab-advance': '2h'}})}`],
		);
	const advanced = await advanceLab({
		lab: flags.lab,
		...(flags.labState === undefined ? {} : {labState: flags.labState}),
		minutes: minutes.minutes,
		write,
	});
	return advanced.ok ? exitCodes.works : refuse(advanced.message, advanced.nextSteps);
}
