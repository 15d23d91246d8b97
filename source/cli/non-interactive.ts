// A run with no prompts: for CI jobs and scripts. Every question is answered by the policy;
// the result is one JSON document on stdout and a documented exit code.
import {combineHooks, startFlow, type FlowHooks} from '../flow/runner.js';
import {autoAnswer, type AnswerPolicy} from '../flow/auto-answer.js';
import type {Host} from '../hosts/host.js';
import {jsonReport} from '../report/json-report.js';
import type {FlowState} from '../tree/state.js';
import {exitCodeFor, exitCodes} from './exit-codes.js';

export type NonInteractiveOptions = {
	host: Host;
	initial: FlowState;
	hooks: FlowHooks;
	policy: AnswerPolicy;
	version: string;
	write: (text: string) => void;
};

export async function runNonInteractive(options: NonInteractiveOptions): Promise<number> {
	let refusal: string | undefined;
	const runner = startFlow(
		options.host,
		options.initial,
		combineHooks(options.hooks, {
			onState(state: FlowState) {
				if (state.pending.kind !== 'ask' || refusal !== undefined) return;
				const answer = autoAnswer(state.pending.prompt, options.policy);
				if (answer.ok) queueMicrotask(() => runner.dispatch(answer.action));
				else {
					refusal = answer.message;
					queueMicrotask(() => runner.dispatch({type: 'interrupt'}));
				}
			},
		}),
	);
	const interrupt = () => runner.dispatch({type: 'interrupt'});
	process.once('SIGINT', interrupt);
	process.once('SIGTERM', interrupt);
	const state = await runner.finished;
	process.off('SIGINT', interrupt);
	process.off('SIGTERM', interrupt);
	await options.host.dispose();
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
