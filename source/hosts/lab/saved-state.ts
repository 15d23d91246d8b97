// The lab's machines as an earlier run left them (the --lab-state file). A file that is missing
// means a fresh lab; one that cannot be read, or holds another lab, is never taken for a fresh
// lab, since the next save would overwrite it and lose what the earlier runs changed.
import {readFileSync} from 'node:fs';
import type {Scenario} from './scenario.js';
import type {LabState} from './simulate.js';

export type SavedLab =
	| {kind: 'none'}
	| {kind: 'saved'; state: Omit<LabState, 'accounts'>}
	| {kind: 'unusable'; reason: string};

function isSavedLab(value: unknown): value is Omit<LabState, 'accounts'> {
	if (typeof value !== 'object' || value === null) return false;
	const {name, client, machines} = value as Record<string, unknown>;
	return (
		typeof name === 'string' &&
		typeof client === 'string' &&
		typeof machines === 'object' &&
		machines !== null
	);
}

export function readSavedLab(scenario: Scenario, stateFile: string): SavedLab {
	let text: string;
	try {
		text = readFileSync(stateFile, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {kind: 'none'};
		return {kind: 'unusable', reason: (error as Error).message};
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		return {kind: 'unusable', reason: `it is not valid JSON (${(error as Error).message})`};
	}
	if (!isSavedLab(parsed)) {
		return {kind: 'unusable', reason: "it is not a doublehop lab's saved machines"};
	}
	if (parsed.name !== scenario.name) {
		return {
			kind: 'unusable',
			reason: `it holds the machines of the lab "${parsed.name}", not "${scenario.name}"`,
		};
	}
	return {kind: 'saved', state: parsed};
}
