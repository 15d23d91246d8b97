// Small builders shared by the stages of the reducer.
import type {ErrorRecord} from '../windows/records.js';
import {rankMethods, type MethodId, type MethodRanking} from '../windows/second-hop-methods.js';
import {describeError} from './describe-error.js';
import {runOnFirstHopCommand} from '../operations/run-on-first-hop.js';
import {withCredSspStillOn} from './credssp-still-on.js';
import type {
	FlowState,
	LogEntry,
	NextStep,
	Operation,
	OperationArgs,
	OperationName,
	Pending,
	Prompt,
	StageView,
} from './state.js';
import {stepLabel, type StageId, type StepRoute} from '../stages/stages.js';

export const clientMachineLabel = 'this machine';

/** The methods ranked for this second hop: as the diagnosis ranked them, or from the inputs. */
export function rankingOf(state: FlowState): MethodRanking {
	return state.facts.methods ?? rankMethods(state.inputs.command ?? '', state.inputs.hop2 ?? '');
}

/** Whether a method fits this second hop and doublehop applies it: the rule the method question uses. */
export function methodFits(ranking: MethodRanking, id: MethodId): boolean {
	return ranking.methods.some((method) => method.id === id && method.fits && method.built);
}

/** The admin's machine by name once it is known, e.g. "ADMIN-WS (this machine)". */
export function clientName(state: FlowState): string {
	const name = state.facts.local?.computerName;
	return name === undefined ? clientMachineLabel : `${name} (this machine)`;
}

export function run<N extends OperationName>(
	name: N,
	args: OperationArgs[N],
	machine: string,
	command: string,
	change?: Operation['change'],
): Pending {
	return {kind: 'run', operation: {name, args, machine, command, ...(change ? {change} : {})}};
}

/** The admin's command run on the first hop, as given, with this authentication. */
export function runCommandOnFirstHop(
	state: FlowState,
	authentication: OperationArgs['run-on-first-hop']['authentication'],
): Pending {
	const {hop1 = '', command = ''} = state.inputs;
	return run(
		'run-on-first-hop',
		{hop1, command, authentication},
		hop1,
		runOnFirstHopCommand(hop1, command, authentication),
	);
}

export const ask = (prompt: Prompt): Pending => ({kind: 'ask', prompt});

export function addLog(
	state: FlowState,
	entry: Omit<LogEntry, 'id' | 'stage' | 'route'> & {stage?: StageId},
): LogEntry[] {
	// An error carries the evidence the knowledge base found in it, so every renderer can mark it.
	const explanation =
		entry.error === undefined ? undefined : describeError(entry.error, state.inputs);
	const found = explanation
		? {evidence: explanation.highlights, diagnosis: explanation.summary}
		: {};
	const stamp = {stage: state.stage, route: stepRoute(state)};
	return [...state.log, {...stamp, ...entry, ...found, id: state.log.length + 1}];
}

/**
 * The steps this run counts now (stages/stages.ts): from --method, --for and undo at the start,
 * or from the method once it is chosen after the diagnosis.
 */
export function stepRoute(state: FlowState): StepRoute {
	if (state.mode === 'undo') return 'undo';
	const method = state.method ?? state.methodGiven;
	if (method !== undefined && method !== 'credssp') return 'safer';
	return state.timeBox === undefined ? 'credssp' : 'credssp-revert';
}

export function finish(state: FlowState, verdictState: Pick<FlowState, 'conclusion'>): FlowState {
	const {view: _view, proposed: _proposed, ...rest} = state;
	const ended = verdictState.conclusion;
	// CredSSP still on under a safer method set up over it: said at every end (credssp-still-on.ts).
	const said = ended === undefined ? verdictState : {conclusion: withCredSspStillOn(state, ended)};
	// The end as the method left it, kept for the step that offers to turn CredSSP off (credssp-off.ts).
	const kept =
		state.facts.credSspToday === true && ended !== undefined && state.credSspOff === undefined
			? {credSspOff: {ended, asking: []}}
			: {};
	return {...rest, ...kept, ...withUndoStep(state, said), pending: {kind: 'finished'}};
}

/**
 * Every end that leaves changes in place says how to take them back, whatever else it says (you
 * said no to the next step, Ctrl+C, a step that failed after a change, an earlier run's changes
 * still there): once, unless a step already names the undo command.
 */
function withUndoStep(
	state: FlowState,
	verdictState: Pick<FlowState, 'conclusion'>,
): Pick<FlowState, 'conclusion'> {
	const conclusion = verdictState.conclusion;
	const made = state.changes.filter((change) => change.dryRun !== true);
	// An earlier run's changes (resumed, or found still in place at the start) stay too.
	const earlier = state.earlier?.changes.length ?? 0;
	if (conclusion === undefined || state.mode !== 'fix' || made.length + earlier === 0)
		return verdictState;
	const named = conclusion.nextSteps.some((step) => stepText(step).includes(state.undoCommand));
	if (named) return verdictState;
	const say =
		earlier > 0
			? 'To take back what doublehop changed that is still in place (an earlier run included):'
			: made.length === 1
				? 'To take back the change made:'
				: 'To take back the changes made:';
	return {
		conclusion: {
			...conclusion,
			nextSteps: [...conclusion.nextSteps, {say, run: state.undoCommand}],
		},
	};
}

export const hop1Of = (state: FlowState) => state.inputs.hop1 ?? '';
export const userOf = (state: FlowState) => state.inputs.user ?? '';
/** The machines and command as the admin gave them, to fill in advice. */
export const targetsOf = (state: FlowState) => ({
	hop1: state.inputs.hop1 ?? '',
	hop2: state.inputs.hop2 ?? '',
	command: state.inputs.command ?? '',
});

/** A next step as one line of text: its lead-in and its command joined by a space. */
export const stepText = (step: NextStep): string =>
	typeof step === 'string' ? step : `${step.say} ${step.run}`;

export function yesNo(value: boolean): string {
	return value ? 'on' : 'off';
}

/** `routed: false` leaves out the step the catalogue would send the admin to (it would not help). */
export function errorDetails(state: FlowState, error: ErrorRecord, routed = true): NextStep[] {
	const explanation = describeError(error, state.inputs);
	if (explanation === undefined) return [];
	const goTo = explanation.stage;
	return [
		`Diagnosis: ${explanation.name}. ${explanation.cause}`,
		`Evidence: ${explanation.evidence.map((text) => `"${text}"`).join(', ')}`,
		...(explanation.nextStep === undefined
			? []
			: [{...explanation.nextStep, say: `Next: ${explanation.nextStep.say}`}]),
		...(!routed || goTo === undefined || goTo === state.stage || goTo === 'undo'
			? []
			: [`This is handled at ${stepLabel(goTo, 'sentence', stepRoute(state))}.`]),
	];
}

export function changeView(
	machine: string,
	current: string[],
	commands: string[],
	after: string[],
): StageView {
	return {
		machine,
		sections: [
			{title: 'Now:', lines: current},
			{title: 'Will run:', lines: commands, kind: 'commands'},
			{title: 'After:', lines: after},
		],
	};
}
