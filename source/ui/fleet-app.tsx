// The screen of a run over many first hops: each printed block (the table, what was changed, the
// results) goes to <Static>, printed once; below it, what runs now or the question. Keys reach
// the one useInput here; a question about hosts takes keys only once it has been seen.
import {Box, Static, Text, useInput} from 'ink';
import {useLayoutEffect, useRef, useState, useSyncExternalStore} from 'react';
import type {FleetRunner} from '../flow/fleet-runner.js';
import type {FleetPrompt} from '../tree/fleet/state.js';
import {showControls, showControlsIn} from '../windows/terminal-text.js';
import {applyKeys} from './line-editor.js';
import {fleetAnswerFor, fleetQuestionText, isFleetDecision} from './fleet-answer.js';
import {decisionSeenMs} from './app.js';
import {tint, type Theme} from './theme.js';

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
	const prompt = state.pending.kind === 'ask' ? state.pending.prompt : undefined;
	const typed = useRef({key: '', value: '', hint: undefined as string | undefined});
	const [, rerender] = useState(0);
	const key = promptKey(prompt);
	if (typed.current.key !== key) typed.current = {key, value: '', hint: undefined};
	const update = (value: string, note?: string) => {
		typed.current = {key, value, hint: note};
		rerender((n) => n + 1);
	};
	const seen = useRef({key: '', at: 0});
	useLayoutEffect(() => {
		seen.current = {key, at: Date.now()};
	}, [key]);

	useInput((input, keys) => {
		if (keys.ctrl && input === 'c') {
			onInterrupt();
			return;
		}
		if (prompt === undefined) return;
		const seenFor = seen.current.key === key ? Date.now() - seen.current.at : 0;
		if (isFleetDecision(prompt) && seenFor < decisionSeenMs) return;
		const {value} = typed.current;
		if (keys.return) return submit(value);
		if (keys.backspace || keys.delete) return update(applyKeys(value, '\u007f').value);
		if (keys.ctrl || keys.meta || keys.escape || keys.upArrow || keys.downArrow) return;
		if (keys.leftArrow || keys.rightArrow) return;
		const next = applyKeys(value, input);
		if (next.submitted) submit(next.value);
		else if (next.value !== value) update(next.value, typed.current.hint);
	});

	function submit(value: string) {
		if (prompt === undefined) return;
		const answer = fleetAnswerFor(prompt, value);
		if (answer.ok) {
			runner.dispatch(answer.action);
			update('');
		} else update('', answer.hint);
	}

	// What comes from machines and files is shown with its control characters escaped.
	const printed = showControlsIn(state.printed);
	const heading = [
		{id: 0, lines: [`doublehop: ${hostDescription}`, ...(hint === undefined ? [] : [hint])]},
	];
	const shownPrompt = prompt === undefined ? undefined : showControlsIn(prompt);
	const value =
		prompt?.kind === 'password'
			? '*'.repeat([...typed.current.value].length)
			: showControls(typed.current.value);
	const problem =
		typed.current.hint ??
		(shownPrompt !== undefined && 'error' in shownPrompt ? shownPrompt.error : undefined);
	const running = state.pending.kind === 'run' ? state.pending.call : undefined;
	const cursor = theme.ascii ? '_' : '█';
	return (
		<>
			<Static items={[...heading, ...printed]}>
				{(block) => (
					<Box key={block.id} flexDirection="column" marginBottom={1}>
						{block.lines.map((line, index) => (
							<Text key={index}>{line}</Text>
						))}
					</Box>
				)}
			</Static>
			{state.pending.kind === 'finished' ? null : (
				<Box flexDirection="column">
					{running === undefined ? null : (
						<Text>
							{running.name === 'survey' ||
							running.name === 'enable-servers' ||
							running.name === 'verify'
								? `Waiting for ${running.hosts.length} hosts...`
								: 'Waiting for this machine...'}
						</Text>
					)}
					{problem === undefined ? null : <Text color={tint('yellow', theme)}>{problem}</Text>}
					{shownPrompt === undefined ? null : (
						<Text>
							<Text bold>{fleetQuestionText(shownPrompt)}</Text>
							{value}
							{cursor}
						</Text>
					)}
				</Box>
			)}
		</>
	);
}
