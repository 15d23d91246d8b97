// A run over many first hops (--hop1 a,b,c or @file): the fleet reducer (tree/fleet) driven with
// prompts on the Ink screen, or answered by the --json policy. Sets up nothing of its own: the
// host, the lock and the journal's path come from run-setup.ts, as for one host.
import {startFleet, type FleetRunner} from '../flow/fleet-runner.js';
import {combineFleetHooks} from '../flow/fleet-hooks.js';
import type {AnswerPolicy} from '../flow/auto-answer.js';
import {defaultThrottle} from '../hosts/fleet-calls.js';
import {defaultSecondHopCommand} from '../operations/run-on-first-hop.js';
import {writeFileSync} from 'node:fs';
import {fleetJournalHooks} from '../report/fleet-journal.js';
import {handoverFromFleet} from '../report/fleet-handover.js';
import {ansiblePlaybook} from '../report/handover/ansible.js';
import {dscConfiguration} from '../report/handover/dsc.js';
import {asPowerShellFile} from '../report/powershell-file.js';
import {appendFleetTranscript} from '../report/fleet-transcript.js';
import {fleetJsonReport} from '../report/fleet-report.js';
import {recordLines} from '../report/plain-text.js';
import {initialFleetState} from '../tree/fleet/reducer.js';
import type {FleetPrompt, FleetState} from '../tree/fleet/state.js';
import {exitCodeFor, exitCodes} from './exit-codes.js';
import {handleInterrupts} from './interrupts.js';
import type {RunSetup} from './run-setup.js';
import type {FlowHooks} from '../flow/runner.js';
import type {FlowState} from '../tree/state.js';
import {toUndoMode} from '../tree/undo.js';

export type FleetRunOptions = {
	setup: RunSetup;
	hosts: string[];
	inputs: {hop2?: string; command?: string; user?: string};
	dryRun: boolean;
	/** e.g. "doublehop undo --lab fleet". */
	undoCommand: string;
	/** --export-dsc, --export-ansible: every host's changes handed over, written when the run ends. */
	exports?: {dsc?: string; ansible?: string; version: string};
	exitNow?: (code: number) => void;
	/** The terminal's width, for the table of hosts (none: one line per host). */
	width?: number;
	/** --json: the advice names the document's fields. */
	json?: boolean;
};

export function fleetRunner(options: FleetRunOptions): FleetRunner {
	const {setup} = options;
	const hop2 = options.inputs.hop2 ?? setup.defaults.hop2 ?? '';
	const initial = initialFleetState({
		hosts: options.hosts,
		hop2,
		command: options.inputs.command ?? setup.defaults.command ?? defaultSecondHopCommand(hop2),
		...(options.inputs.user === undefined ? {} : {user: options.inputs.user}),
		defaultUser: setup.defaults.user ?? '',
		runId: setup.runId,
		dryRun: options.dryRun,
		throttle: defaultThrottle,
		undoCommand: options.undoCommand,
		rerunCommand: setup.rerunCommand,
		applyCommand: setup.applyCommand,
		...(options.width === undefined ? {} : {width: options.width}),
		...(options.json === true ? {json: true} : {}),
		...(setup.earlier === undefined ? {} : {earlier: setup.earlier}),
		...(options.json === true ? {} : {recordLines: recordLines(setup.initial.records)}),
	});
	return startFleet(
		setup.host,
		initial,
		combineFleetHooks(fleetJournalHooks(setup.journal, setup.runId), {
			onState(state) {
				if (state.pending.kind !== 'finished') return;
				// Undo of the earlier run goes on in the one-host flow, which lets go of the lock.
				const handedOver = state.undoEarlier === true;
				if (!handedOver) setup.release();
				const transcript = setup.initial.records.transcript;
				try {
					if (transcript !== undefined) appendFleetTranscript(transcript, state);
				} catch {
					// Checked writable before the run; a disk that filled since loses only the record.
				}
				if (options.exports !== undefined && !handedOver)
					writeHandover(options.exports, state, setup);
			},
		}),
	);
}

/** The DSC configuration and the Ansible playbook of the run's changes (paths checked before it ran). */
function writeHandover(
	exports: NonNullable<FleetRunOptions['exports']>,
	state: FleetState,
	setup: RunSetup,
): void {
	const meta = {
		generatedAt: new Date(),
		version: exports.version,
		hostDescription: setup.host.description,
	};
	const handover = handoverFromFleet(state);
	for (const [path, text] of [
		[exports.dsc, () => asPowerShellFile(dscConfiguration(handover, meta))],
		[exports.ansible, () => ansiblePlaybook(handover, meta)],
	] as const) {
		if (path === undefined) continue;
		// Checked writable before the run; should that change since, the changes stand: said.
		try {
			writeFileSync(path, text(), {encoding: 'utf8'});
		} catch (error) {
			process.stderr.write(
				`doublehop: ${path} could not be written (${(error as NodeJS.ErrnoException).code ?? String(error)}). The run's changes stand; the change journal lists them, with their undo.\n`,
			);
		}
	}
}

/** The --json policy's answer to a fleet question, or why the run cannot go on. */
function autoFleetAnswer(prompt: FleetPrompt, policy: AnswerPolicy) {
	switch (prompt.kind) {
		case 'text':
			if (prompt.error !== undefined)
				return {ok: false as const, message: `--user: ${prompt.error}`};
			return {
				ok: true as const,
				action: {type: 'submit-text' as const, field: prompt.field, value: ''},
			};
		case 'password':
			if (policy.password === undefined)
				return {
					ok: false as const,
					message: 'Pass the password on standard input with --password-stdin (never as a flag).',
				};
			return {
				ok: true as const,
				action: {type: 'submit-password' as const, password: policy.password},
			};
		case 'hosts':
			return {
				ok: true as const,
				action: {
					type: 'answer-hosts' as const,
					id: prompt.id,
					answer:
						policy.yes && policy.steps.includes(prompt.id) ? ('yes' as const) : ('no' as const),
					auto: true,
				},
			};
		case 'leave-out':
			return {ok: true as const, action: {type: 'leave-out' as const, id: prompt.id, text: ''}};
		case 'choice': {
			// As for one host (auto-answer.ts): this machine's WinRM service is started only with
			// --yes --steps winrm. A run without a terminal never undoes on its own; it resumes,
			// and the survey finds what is already in place.
			const key =
				prompt.id === 'winrm' ? (policy.yes && policy.steps.includes('winrm') ? 'y' : 'n') : 'r';
			return {ok: true as const, action: {type: 'choose' as const, id: prompt.id, key, auto: true}};
		}
	}
}

export async function runFleetJson(
	options: FleetRunOptions & {policy: AnswerPolicy; version: string; write: (text: string) => void},
): Promise<number> {
	const runner = fleetRunner({...options, json: true});
	let refusal: string | undefined;
	const answer = (state: FleetState) => {
		if (state.pending.kind !== 'ask' || refusal !== undefined) return;
		const given = autoFleetAnswer(state.pending.prompt, options.policy);
		if (given.ok) queueMicrotask(() => runner.dispatch(given.action));
		else {
			refusal = given.message;
			queueMicrotask(() => runner.dispatch({type: 'interrupt'}));
		}
	};
	runner.subscribe(() => answer(runner.getState()));
	queueMicrotask(() => answer(runner.getState()));
	const interrupts = handleInterrupts(runner, options.setup.host, options.exitNow);
	const state = await runner.finished;
	await options.setup.host.dispose();
	interrupts.release();
	const exitCode =
		refusal === undefined ? exitCodeFor(state.conclusion?.verdict) : exitCodes.failed;
	const report = fleetJsonReport(state, {
		version: options.version,
		host: options.setup.host.description,
		exitCode,
		records: options.setup.initial.records,
		...(refusal === undefined ? {} : {error: refusal}),
	});
	options.write(`${JSON.stringify(report, null, 2)}\n`);
	return exitCode;
}

/**
 * The admin chose undo at the offer of an earlier run: its changes are taken back by the one-host
 * undo flow, each asked for, exactly as `doublehop undo` takes them back.
 */
export function earlierRunUndo(setup: RunSetup): {initial: FlowState; hooks: FlowHooks} {
	return {initial: toUndoMode(setup.initial), hooks: setup.hooks};
}
