// `doublehop --tree`: the decision tree as plain text and as a Mermaid flowchart, for runbooks.
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

export function treeAsText(): string {
	const lines: string[] = ['doublehop decision tree', ''];
	for (const id of [
		...stageIds,
		'using-cred' as const,
		'rbkcd' as const,
		'time-box' as const,
		'undo' as const,
	]) {
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
	lines.push('Safer alternatives to CredSSP:', ...alternatives.map((line) => `   - ${line}`));
	return `${lines.join('\n')}\n`;
}

export function treeAsMermaid(): string {
	const node = (id: string) => id.replaceAll('-', '_');
	const lines = ['flowchart TD'];
	for (const id of [
		...stageIds,
		'using-cred' as const,
		'rbkcd' as const,
		'time-box' as const,
		'undo' as const,
	])
		lines.push(`  ${node(id)}["${label(id)}"]`);
	if (branches.some((b) => b.from === 'any')) lines.push('  any["At any step"]');
	const ends = new Set(branches.map((b) => b.to).filter((to) => !isStage(to)));
	for (const end of ends) lines.push(`  ${node(end)}(["${end}"])`);
	for (const b of branches)
		lines.push(`  ${node(b.from)} -->|"${b.when.replaceAll('"', "'")}"| ${node(b.to)}`);
	return `${lines.join('\n')}\n`;
}
