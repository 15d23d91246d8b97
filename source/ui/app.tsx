// The interactive screen. Finished steps go to <Static> (printed once, scrollback reads as a
// log); below them, the banner, the current step and its question. All keys arrive at the one
// useInput here and become reducer actions; the views only draw.
import {Box, Static} from 'ink';
import {useMemo, useSyncExternalStore} from 'react';
import type {FlowRunner} from '../flow/runner.js';
import type {Prompt} from '../tree/state.js';
import {Banner} from './banner.js';
import {ScrollbackItem, scrollbackItems} from './scrollback.js';
import {answerFor, isDecision} from './line-editor.js';
import {useAnswerLine} from './answer-line.js';
import {PromptView, questionText} from './prompt-view.js';
import {bannerText} from './banner-text.js';
import {FittedLive} from './fitted-live.js';
import {usualRows, type LiveParts} from './live-fit.js';
import {ThemeContext, type Theme} from './theme.js';
import {Line, WidthContext} from './fit-width.js';
import {useTerminalRows, useTerminalWidth} from './use-terminal-width.js';
import {shownRunner} from './shown-runner.js';
import {showControls} from '../windows/terminal-text.js';
import {WaitingLine} from './waiting-line.js';

export type AppProps = {
	runner: FlowRunner;
	theme: Theme;
	/** One line under the title, e.g. the lab's password hint. */
	hint?: string;
	hostDescription: string;
	/** Set when the heading was already written before Ink loaded, so it is not printed twice. */
	headingPrinted?: boolean;
	onInterrupt: () => void;
};

/** A question's identity: a new one starts a new answer (answer-line.ts). */
function promptKey(prompt: Prompt | undefined): string {
	return prompt === undefined ? '' : JSON.stringify(prompt);
}

export {decisionSeenMs} from './answer-line.js';

export function App({
	runner,
	theme,
	hint,
	hostDescription,
	headingPrinted = false,
	onInterrupt,
}: AppProps) {
	// What comes from outside is shown with its control characters escaped (terminal-text.ts).
	const shownFlow = useMemo(() => shownRunner(runner), [runner]);
	const state = useSyncExternalStore(runner.subscribe, shownFlow.getState);
	const events = useSyncExternalStore(runner.subscribe, shownFlow.getEvents);
	const width = useTerminalWidth();
	const prompt = state.pending.kind === 'ask' ? state.pending.prompt : undefined;
	const key = promptKey(prompt);
	const line = useAnswerLine({
		key,
		initial: prompt !== undefined && 'typed' in prompt ? prompt.typed : undefined,
		decision: prompt !== undefined && isDecision(prompt),
		onInterrupt,
		onSubmit: submit,
	});
	const {update} = line;

	function submit(value: string) {
		if (prompt === undefined) return;
		const answer = answerFor(prompt, value);
		if (answer.ok) {
			runner.dispatch(answer.action);
			line.answered();
		} else if (answer.problem === 'not-yes-or-no') {
			update('', 'Answer y (yes) or n (no). Enter alone means no.');
		} else if (prompt.kind === 'choice') {
			update('', `Answer ${prompt.options.map((o) => `${o.key} (${o.label})`).join(' or ')}.`);
		}
	}

	const shown =
		prompt?.kind === 'password' ? '*'.repeat([...line.value].length) : showControls(line.value);

	const rows = useTerminalRows();
	const cursor = theme.ascii ? '_' : '█';
	const question = prompt === undefined ? undefined : `${questionText(prompt)}${shown}${cursor}`;
	const problem =
		line.hint ?? (prompt !== undefined && 'error' in prompt ? prompt.error : undefined);
	const running = state.pending.kind === 'run' ? state.pending.operation : undefined;
	const waitingKey = running === undefined ? '' : `${running.name}-${state.log.length}`;
	const parts: LiveParts = {
		banner: bannerText(state),
		commands: running === undefined ? [] : running.command.split('\n').map((line) => `PS> ${line}`),
		...(running === undefined ? {} : {waitingFor: running.waitingFor ?? running.machine}),
		...(problem === undefined ? {} : {hint: problem}),
		...(question === undefined ? {} : {question}),
	};

	const items = useMemo(() => scrollbackItems(events, !headingPrinted), [events, headingPrinted]);

	return (
		<ThemeContext.Provider value={theme}>
			<WidthContext.Provider value={width}>
				<Static items={items}>
					{(item) => (
						<ScrollbackItem
							key={item.key}
							item={item}
							hostDescription={showControls(hostDescription)}
							hint={hint === undefined ? undefined : showControls(hint)}
							width={width}
						/>
					)}
				</Static>
				{state.pending.kind === 'finished' ? null : rows !== undefined &&
				  usualRows(parts, width) > rows - 2 ? (
					// Shorter than the window, or Ink would clear the screen and scrollback at each frame.
					<FittedLive parts={parts} width={width} rows={rows - 1} waitingKey={waitingKey} />
				) : (
					<Box flexDirection="column">
						<Banner state={state} width={width} />
						{state.pending.kind === 'run' ? (
							<Box flexDirection="column">
								{state.pending.operation.command.split('\n').map((line, index) => (
									<Line key={index} hanging>{`PS> ${line}`}</Line>
								))}
								{/* One waiting line per operation: a new operation starts counting from 0. */}
								<WaitingLine
									key={waitingKey}
									machine={state.pending.operation.waitingFor ?? state.pending.operation.machine}
								/>
							</Box>
						) : null}
						{prompt === undefined ? null : (
							<PromptView prompt={prompt} value={shown} hint={line.hint} />
						)}
					</Box>
				)}
			</WidthContext.Provider>
		</ThemeContext.Provider>
	);
}
