// What goes to <Static>: printed once, never redrawn, so scrollback reads as a log and the live
// area below stays a few lines tall (a live area taller than the window makes Ink clear the
// screen, which flashes on a screen share). Each step's explanation is printed here when its
// question comes up; the live area keeps only the banner and the question. Read from the
// runner's events, which only grow, so what was printed stays printed.
import {Box} from 'ink';
import type {FlowEvent} from '../flow/events.js';
import type {FlowState, LogEntry, StageView} from '../tree/state.js';
import {headingLines} from '../report/plain-text.js';
import {bannerText} from './banner-text.js';
import {Line} from './fit-width.js';
import {LogEntryView} from './log-entry.js';
import {StageViewBox} from './stage-view.js';
import {Summary} from './summary.js';
import {tint, useTheme} from './theme.js';

export type ScrollbackEntry =
	| {key: string; kind: 'heading'}
	| {key: string; kind: 'log'; entry: LogEntry}
	| {key: string; kind: 'view'; banner: string; view: StageView}
	| {key: string; kind: 'summary'; state: FlowState};

/** What has been printed: each logged step, each question's explanation, the summary. */
export function scrollbackItems(
	events: readonly FlowEvent[],
	withHeading: boolean,
): ScrollbackEntry[] {
	const items: ScrollbackEntry[] = withHeading ? [{key: 'heading', kind: 'heading'}] : [];
	// A step that asks twice under one explanation (RunAs: the account, then its password; an
	// answer asked again) prints it once, before the first of its questions.
	let lastView = '';
	events.forEach((event, index) => {
		if (event.type === 'entry-logged') {
			items.push({key: `log-${event.entry.id}`, kind: 'log', entry: event.entry});
		} else if (event.type === 'question-asked' && event.state.view !== undefined) {
			const view = JSON.stringify(event.state.view);
			if (view === lastView) return;
			lastView = view;
			const banner = bannerText(event.state);
			items.push({key: `view-${index}`, kind: 'view', banner, view: event.state.view});
		} else if (event.type === 'finished' && event.state.conclusion !== undefined) {
			items.push({key: 'summary', kind: 'summary', state: event.state});
		}
	});
	return items;
}

export function ScrollbackItem({
	item,
	hostDescription,
	hint,
	width,
}: {
	item: ScrollbackEntry;
	hostDescription: string;
	hint?: string;
	width: number;
}) {
	const theme = useTheme();
	switch (item.kind) {
		case 'heading': {
			const [title, ...rest] = headingLines(hostDescription, hint);
			return (
				<Box flexDirection="column">
					<Line bold>{title ?? ''}</Line>
					{rest.map((line) => (
						<Line key={line} color={tint('gray', theme)}>
							{line}
						</Line>
					))}
				</Box>
			);
		}
		case 'log':
			return <LogEntryView entry={item.entry} width={width} />;
		case 'view':
			return (
				// No rule here: a rule printed at one width is left broken in scrollback by a resize.
				<Box flexDirection="column" marginTop={1}>
					<Line bold color={tint('cyan', theme)}>
						{item.banner}
					</Line>
					<StageViewBox view={item.view} />
				</Box>
			);
		case 'summary': {
			const {conclusion, changes, records} = item.state;
			if (conclusion === undefined) return null;
			return <Summary conclusion={conclusion} changes={changes} records={records} width={width} />;
		}
	}
}
