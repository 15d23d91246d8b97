// `doublehop --tree`: the decision tree as plain text and as a Mermaid flowchart, for runbooks.
import {stepText} from '../tree/common.js';
import {alternatives} from '../tree/risk.js';
import {branches} from '../tree/map.js';
import {stageIds, stages, stepNumber, type StageId} from '../stages/stages.js';

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

export function treeAsText(): string {
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
	return `${lines.join('\n')}\n`;
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
