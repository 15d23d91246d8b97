// What a line typed at a fleet question means, and how each question is written. Pure, shared
// by the Ink screen and the tests: y = all the hosts listed, n (or Enter) = none, s = leave some
// out (then their numbers or names from the table).
import {Secret} from '../safety/secret.js';
import type {FleetAction, FleetPrompt} from '../tree/fleet/state.js';

export function fleetQuestionText(prompt: FleetPrompt): string {
	switch (prompt.kind) {
		case 'text':
			return `${prompt.label}${prompt.initial === '' ? '' : ` [${prompt.initial}]`}: `;
		case 'password':
			return `${prompt.label} (hidden): `;
		case 'hosts':
			return prompt.hosts.length === 1
				? `${prompt.question} y = yes, n = no, s = leave it out [y/N/s] `
				: `${prompt.question} y = all ${prompt.hosts.length}, n = none, s = leave some out [y/N/s] `;
		case 'leave-out':
			return `${prompt.label}: `;
		case 'choice':
			return `${prompt.question} [${prompt.options.map((option) => option.key).join('/')}] `;
	}
}

/** A yes/no/some takes only keys typed after it was shown (type-ahead must not answer it). */
export const isFleetDecision = (prompt: FleetPrompt) =>
	prompt.kind === 'hosts' || prompt.kind === 'choice';

export function fleetAnswerFor(
	prompt: FleetPrompt,
	line: string,
): {ok: true; action: FleetAction} | {ok: false; hint: string} {
	switch (prompt.kind) {
		case 'text':
			return {ok: true, action: {type: 'submit-text', field: prompt.field, value: line}};
		case 'password':
			return {ok: true, action: {type: 'submit-password', password: new Secret(line)}};
		case 'leave-out':
			return {ok: true, action: {type: 'leave-out', id: prompt.id, text: line}};
		case 'choice': {
			// As one host's choice (line-editor.ts): the key or the word.
			const typed = line.trim().toLowerCase();
			const option = prompt.options.find((o) => o.key === typed || o.label === typed);
			if (option === undefined)
				return {
					ok: false,
					hint: `Answer ${prompt.options.map((o) => `${o.key} (${o.label})`).join(' or ')}.`,
				};
			return {ok: true, action: {type: 'choose', id: prompt.id, key: option.key}};
		}
		case 'hosts': {
			const typed = line.trim().toLowerCase();
			const answer =
				typed === 'y' || typed === 'yes'
					? 'yes'
					: typed === '' || typed === 'n' || typed === 'no'
						? 'no'
						: typed === 's' || typed === 'some'
							? 'some'
							: undefined;
			if (answer === undefined) {
				return {
					ok: false,
					hint: 'Answer y (all the hosts listed), n (none; Enter alone means no) or s (leave some out).',
				};
			}
			return {ok: true, action: {type: 'answer-hosts', id: prompt.id, answer}};
		}
	}
}
