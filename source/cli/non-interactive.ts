// A run with no prompts: for CI jobs and scripts. Every question is answered by the policy;
// the result is one JSON document on stdout and a documented exit code.
import {combineHooks, startFlow, type FlowHooks} from '../flow/runner.js';
import {autoAnswer, type AnswerPolicy} from '../flow/auto-answer.js';
import type {Host} from '../hosts/host.js';
import {jsonReport} from '../report/json-report.js';
import type {FlowState} from '../tree/state.js';
import {exitCodeFor, exitCodes} from './exit-codes.js';
import {handleInterrupts} from './interrupts.js';

export type NonInteractiveOptions = {
	host: Host;
	initial: FlowState;
	hooks: FlowHooks;
	policy: AnswerPolicy;
	version: string;
	write: (text: string) => void;
	/** Ends the process at once: Ctrl+C's deadline and a second Ctrl+C (source/cli.ts passes it). */
	exitNow?: (code: number) => void;
};

export async function runNonInteractive(options: NonInteractiveOptions): Promise<number> {
	let refusal: string | undefined;
	const runner = startFlow(
		options.host,
		options.initial,
		combineHooks(options.hooks, {
			onEvent(event) {
				if (event.type !== 'question-asked' || refusal !== undefined) return;
				const answer = autoAnswer(event.prompt, options.policy);
				if (answer.ok) queueMicrotask(() => runner.dispatch(answer.action));
				else {
					refusal = answer.message;
					queueMicrotask(() => runner.dispatch({type: 'interrupt'}));
				}
			},
		}),
	);
	const interrupts = handleInterrupts(runner, options.host, options.exitNow);
	const state = await runner.finished;
	await options.host.dispose();
	interrupts.release();
	const exitCode =
		refusal === undefined ? exitCodeFor(state.conclusion?.verdict) : exitCodes.failed;
	const report = jsonReport(state, {
		version: options.version,
		host: options.host.description,
		exitCode,
		...(refusal === undefined ? {} : {error: refusal}),
	});
	options.write(`${JSON.stringify(report, null, 2)}\n`);
	return exitCode;
}
