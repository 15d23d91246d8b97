// The interactive screen. Finished steps go to <Static> (printed once, scrollback reads as a
// log); below them, the banner, the current step and its question. All keys arrive at the one
// useInput here and become reducer actions; the views only draw.
import {Box, Static, Text, useInput, useStdout} from 'ink';
import {useRef, useState, useSyncExternalStore} from 'react';
import type {FlowRunner} from '../flow/runner.js';
import {Secret} from '../safety/secret.js';
import type {Prompt} from '../tree/state.js';
import {Banner} from './banner.js';
import {editLine, parseConfirm} from './line-editor.js';
import {LogEntryView} from './log-entry.js';
import {PromptView} from './prompt-view.js';
import {StageViewBox} from './stage-view.js';
import {Summary} from './summary.js';
import {ThemeContext, tint, type Theme} from './theme.js';

export type AppProps = {
	runner: FlowRunner;
	theme: Theme;
	/** One line under the title, e.g. the lab's password hint. */
	hint?: string;
	hostDescription: string;
	onInterrupt: () => void;
};

function promptKey(prompt: Prompt | undefined): string {
	if (prompt === undefined) return '';
	return prompt.kind === 'text'
		? `text:${prompt.field}:${prompt.error ?? ''}`
		: `${prompt.kind}:${'id' in prompt ? prompt.id : ''}:${prompt.kind === 'password' ? (prompt.error ?? '') : ''}`;
}

export function App({runner, theme, hint, hostDescription, onInterrupt}: AppProps) {
	const state = useSyncExternalStore(runner.subscribe, runner.getState);
	const {stdout} = useStdout();
	const width = stdout.columns || 80;
	const prompt = state.pending.kind === 'ask' ? state.pending.prompt : undefined;
	// The typed text belongs to one prompt; a new prompt starts empty. Kept in a ref so that
	// keys arriving faster than React renders still see each other.
	const typed = useRef({key: '', value: '', hint: undefined as string | undefined});
	const [, rerender] = useState(0);
	const key = promptKey(prompt);
	if (typed.current.key !== key) typed.current = {key, value: '', hint: undefined};
	const update = (value: string, hint?: string) => {
		typed.current = {key, value, hint};
		rerender((n) => n + 1);
	};

	useInput((input, keys) => {
		if (keys.ctrl && input === 'c') {
			onInterrupt();
			return;
		}
		if (prompt === undefined) return;
		const {value, hint: currentHint} = typed.current;
		// A terminal may deliver "text + Enter" as one chunk (a paste, tmux send-keys).
		const lineBreak = keys.return ? -1 : input.search(/[\r\n]/);
		if (lineBreak !== -1) {
			typed.current = {
				key,
				value: editLine(value, {type: 'insert', text: input.slice(0, lineBreak)}),
				hint: currentHint,
			};
			submit(typed.current.value);
			return;
		}
		if (keys.return) {
			submit(value);
			return;
		}
		if (keys.backspace || keys.delete) {
			update(editLine(value, {type: 'backspace'}), currentHint);
			return;
		}
		if (keys.ctrl || keys.meta || keys.escape || keys.tab || keys.upArrow || keys.downArrow) return;
		if (keys.leftArrow || keys.rightArrow) return;
		if (input !== '') update(editLine(value, {type: 'insert', text: input}), currentHint);
	});

	function submit(value: string) {
		if (prompt === undefined) return;
		if (prompt.kind === 'text') runner.dispatch({type: 'submit-text', field: prompt.field, value});
		else if (prompt.kind === 'password')
			runner.dispatch({type: 'submit-password', password: new Secret(value)});
		else if (prompt.kind === 'choice') {
			const key = value.trim().toLowerCase();
			const option = prompt.options.find((o) => o.key === key || o.label === key);
			if (option === undefined) {
				update('', `Answer ${prompt.options.map((o) => `${o.key} (${o.label})`).join(' or ')}.`);
				return;
			}
			runner.dispatch({type: 'choose', id: prompt.id, key: option.key});
		} else {
			const answer = parseConfirm(value);
			if (answer === 'unclear') {
				update('', 'Answer y (yes) or n (no). Enter alone means no.');
				return;
			}
			runner.dispatch({type: 'answer', id: prompt.id, yes: answer === 'yes'});
		}
		update('');
	}

	const current = typed.current;
	const shown = prompt?.kind === 'password' ? '*'.repeat([...current.value].length) : current.value;

	return (
		<ThemeContext.Provider value={theme}>
			<Static items={[{id: 0, heading: true} as const, ...state.log]}>
				{(item) =>
					'heading' in item ? (
						<Box key="title" flexDirection="column">
							<Text bold>
								doublehop: PowerShell remoting double hop, step by step ({hostDescription})
							</Text>
							{hint === undefined ? null : <Text color={tint('gray', theme)}>{hint}</Text>}
							<Text color={tint('gray', theme)}>
								Nothing is changed without your "y" at that step. Ctrl+C stops at any time.
							</Text>
						</Box>
					) : (
						<LogEntryView key={item.id} entry={item} />
					)
				}
			</Static>
			{state.pending.kind === 'finished' && state.conclusion !== undefined ? (
				<Summary
					conclusion={state.conclusion}
					changes={state.changes}
					records={state.records}
					width={width}
				/>
			) : (
				<Box flexDirection="column">
					<Banner state={state} width={width} />
					{state.view === undefined ? null : <StageViewBox view={state.view} />}
					{state.pending.kind === 'run' ? (
						<Box flexDirection="column">
							{state.pending.operation.command.split('\n').map((line, index) => (
								<Text key={index}>PS&gt; {line}</Text>
							))}
							<Text color={tint('gray', theme)}>
								Waiting for {state.pending.operation.machine}...
							</Text>
						</Box>
					) : null}
					{prompt === undefined ? null : (
						<PromptView prompt={prompt} value={shown} hint={current.hint} />
					)}
				</Box>
			)}
		</ThemeContext.Provider>
	);
}
