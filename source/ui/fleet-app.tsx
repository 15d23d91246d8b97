// The screen of a run over many first hops: each printed block (the table, what was changed, the
// results) goes to <Static>, printed once; below it, what runs now or the question. Keys reach
// the answer line (answer-line.ts); a question about hosts takes keys only once it has been seen.
import {Box, Static, Text} from 'ink';
import {useSyncExternalStore} from 'react';
import type {FleetRunner} from '../flow/fleet-runner.js';
import type {FleetPrompt} from '../tree/fleet/state.js';
import {showControls, showControlsIn} from '../windows/terminal-text.js';
import {useAnswerLine} from './answer-line.js';
import {fleetAnswerFor, fleetQuestionText, isFleetDecision} from './fleet-answer.js';
import {fleetStepHeading} from '../tree/fleet/step.js';
import {StepBanner} from './banner.js';
import {ThemeContext, tint, type Theme} from './theme.js';
import {Indent, Line, useBreakPieces, WidthContext} from './fit-width.js';
import {useTerminalWidth} from './use-terminal-width.js';

export type FleetAppProps = {
	runner: FleetRunner;
	theme: Theme;
	hostDescription: string;
	hint?: string;
	onInterrupt: () => void;
};

const promptKey = (prompt: FleetPrompt | undefined) =>
	prompt === undefined ? '' : JSON.stringify(prompt);

export function FleetApp({runner, theme, hostDescription, hint, onInterrupt}: FleetAppProps) {
	const state = useSyncExternalStore(runner.subscribe, runner.getState);
	const width = useTerminalWidth();
	const prompt = state.pending.kind === 'ask' ? state.pending.prompt : undefined;
	const key = promptKey(prompt);
	const line = useAnswerLine({
		key,
		initial: prompt !== undefined && 'typed' in prompt ? prompt.typed : undefined,
		decision: prompt !== undefined && isFleetDecision(prompt),
		onInterrupt,
		onSubmit: submit,
	});
	const {update} = line;

	function submit(value: string) {
		if (prompt === undefined) return;
		const answer = fleetAnswerFor(prompt, value);
		if (answer.ok) {
			runner.dispatch(answer.action);
			line.answered();
		} else update('', answer.hint);
	}

	// What comes from machines and files is shown with its control characters escaped.
	const printed = showControlsIn(state.printed);
	const heading = [
		{
			id: 0,
			lines: [`doublehop: ${hostDescription}`, ...(hint === undefined ? [] : hint.split('\n'))],
		},
	];
	const shownPrompt = prompt === undefined ? undefined : showControlsIn(prompt);
	const value =
		prompt?.kind === 'password' ? '*'.repeat([...line.value].length) : showControls(line.value);
	const problem =
		line.hint ??
		(shownPrompt !== undefined && 'error' in shownPrompt ? shownPrompt.error : undefined);
	const running = state.pending.kind === 'run' ? state.pending.call : undefined;
	const cursor = theme.ascii ? '_' : '█';
	const step = fleetStepHeading(state);
	return (
		<ThemeContext.Provider value={theme}>
			<WidthContext.Provider value={width}>
				<Static items={[...heading, ...printed]}>
					{(block) => (
						<Box key={block.id} flexDirection="column" marginBottom={1}>
							{block.lines.map((line, index) => (
								<PrintedLine key={index} line={line} />
							))}
						</Box>
					)}
				</Static>
				{state.pending.kind === 'finished' ? null : (
					<Box flexDirection="column">
						{step === undefined ? null : <StepBanner text={step} width={width} spaced={false} />}
						{running === undefined ? null : (
							<Line>
								{running.name === 'survey' ||
								running.name === 'enable-servers' ||
								running.name === 'verify'
									? `Waiting for ${running.hosts.length} hosts...`
									: 'Waiting for this machine...'}
							</Line>
						)}
						{problem === undefined ? null : <Line color={tint('yellow', theme)}>{problem}</Line>}
						{shownPrompt === undefined ? null : (
							<QuestionLine
								question={fleetQuestionText(shownPrompt)}
								value={value}
								cursor={cursor}
							/>
						)}
					</Box>
				)}
			</WidthContext.Provider>
		</ThemeContext.Provider>
	);
}

/** The question, what has been typed and the cursor, broken into rows as one text. */
function QuestionLine({
	question,
	value,
	cursor,
}: {
	question: string;
	value: string;
	cursor: string;
}) {
	const [shownQuestion, typed, shownCursor] = useBreakPieces()(question, value, cursor);
	return (
		<Text>
			<Text bold>{shownQuestion}</Text>
			{typed}
			{shownCursor}
		</Text>
	);
}

// What a printed line's later rows hang under: a label ("Next: ", "Now: ") or a host's number
// before its name ("19 " of "19 hv19.contoso.com: ..."); else a list marker, as on the one-host screens.
const printedLead = /^(?:(?:Now|After|Next): |\d+ (?=\S+: ))/;

/**
 * A printed line, wrapped as the one-host screens wrap theirs (fit-width.tsx): every row under its
 * indent, later rows under its lead-in, and a command (`PS> `) cut where a console still reads it
 * as one command, not broken as prose.
 */
function PrintedLine({line}: {line: string}) {
	const [, spaces = '', text = ''] = /^( *)([^]*)$/.exec(line) ?? [];
	const lead = printedLead.exec(text)?.[0];
	return (
		<Indent by={spaces.length}>
			<Line hanging={lead ?? true}>{text}</Line>
		</Indent>
	);
}
