// `doublehop --tree`: the decision tree as plain text and as a Mermaid flowchart, for runbooks.
import {stepText} from '../tree/common.js';
import {alternatives} from '../tree/risk.js';
import {branches} from '../tree/map.js';
import {stageIds, stages, stepNumber, type StageId} from '../stages/stages.js';
import {wrap} from '../windows/wrap.js';

const isStage = (id: string): id is StageId => id in stages;

const label = (id: string) =>
	isStage(id)
		? stepNumber(id) === 0
			? stages[id].title
			: `${stepNumber(id)}. ${stages[id].title}`
		: `END: ${id}`;

/** The ten steps of a CredSSP fix, each safer method's step, the --for revert, and undo. */
const everyStage: readonly StageId[] = [
	...stageIds,
	'using-cred',
	'rbkcd',
	'session-config',
	'time-box',
	'undo',
];

/** A line cut to `width` (when given), its later rows under its text, past its indent and "- ". */
function fitted(line: string, width: number | undefined): string[] {
	if (width === undefined || line === '') return [line];
	const lead = /^ *(?:- )?/.exec(line)?.[0] ?? '';
	return wrap(line.slice(lead.length), width, lead, ' '.repeat(lead.length));
}

/** The tree as text, cut to `width` columns on a terminal (else one line each, as written). */
export function treeAsText(width?: number): string {
	const lines: string[] = ['doublehop decision tree', ''];
	for (const id of everyStage) {
		lines.push(label(id), `   ${stages[id].purpose}`);
		for (const branch of branches.filter((b) => b.from === id)) {
			lines.push(`   - ${branch.when} -> ${label(branch.to)}`);
		}
		lines.push('');
	}
	const anyStep = branches.filter((b) => b.from === 'any');
	if (anyStep.length > 0) {
		lines.push('At any step');
		for (const branch of anyStep) lines.push(`   - ${branch.when} -> ${label(branch.to)}`);
		lines.push('');
	}
	lines.push(
		'Safer alternatives to CredSSP:',
		...alternatives.map((line) => `   - ${stepText(line)}`),
	);
	return `${lines.flatMap((line) => fitted(line, width)).join('\n')}\n`;
}

export function treeAsMermaid(): string {
	const node = (id: string) => id.replaceAll('-', '_');
	const lines = ['flowchart TD'];
	for (const id of everyStage) lines.push(`  ${node(id)}["${label(id)}"]`);
	if (branches.some((b) => b.from === 'any')) lines.push('  any["At any step"]');
	const ends = new Set(branches.map((b) => b.to).filter((to) => !isStage(to)));
	for (const end of ends) lines.push(`  ${node(end)}(["${end}"])`);
	// A | can end an edge label even inside its quotes (Mermaid's parsers differ): its entity code
	// stands in for it.
	const edgeText = (text: string) => text.replaceAll('"', "'").replaceAll('|', '#124;');
	for (const b of branches)
		lines.push(`  ${node(b.from)} -->|"${edgeText(b.when)}"| ${node(b.to)}`);
	return `${lines.join('\n')}\n`;
}
