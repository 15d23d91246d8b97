// The Markdown transcript of a run over many first hops: what the screen printed, block by block
// (the tables, each change, the results), after the header run-setup.ts wrote. Secrets redacted,
// control characters shown escaped, as in one host's transcript (transcript.ts).
import {appendFileSync} from 'node:fs';
import type {FleetState} from '../tree/fleet/state.js';
import {showControls} from '../windows/terminal-text.js';
import {redactText} from './transcript.js';

function fleetTranscriptText(state: FleetState): string {
	const typed = state.password?.reveal();
	const literals = typed !== undefined && typed.length >= 4 ? [typed] : [];
	const blocks = state.printed.map((block) => ['```text', ...block.lines, '```', ''].join('\n'));
	const text = [
		`## ${state.hosts.length} first hops`,
		'',
		`Second hop: ${state.hop2}; command: \`${state.command}\`; account: ${state.user ?? '(not given)'}`,
		'',
		...blocks,
	].join('\n');
	return showControls(redactText(text, literals));
}

export function appendFleetTranscript(path: string, state: FleetState): void {
	appendFileSync(path, fleetTranscriptText(state), {encoding: 'utf8', mode: 0o600});
}
