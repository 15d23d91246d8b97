import {describe, expect, test} from 'vitest';
import {Secret} from '../../source/safety/secret.js';
import type {Prompt} from '../../source/tree/state.js';
import {answerFor, applyKeys} from '../../source/ui/line-editor.js';

describe('keys that arrive together', () => {
	test('are applied in order: backspace erases, Enter submits, the rest of the chunk is dropped', () => {
		expect(applyKeys('', 'Passw0rd!x\u007f\r')).toEqual({value: 'Passw0rd!', submitted: true});
		expect(applyKeys('ab', '\u007f\u007fc')).toEqual({value: 'c', submitted: false});
		expect(applyKeys('', 'y\rn\r')).toEqual({value: 'y', submitted: true});
	});

	test('escape sequences and control characters never reach the answer', () => {
		expect(applyKeys('', 'a\u001b[Db\u0007\tc')).toEqual({value: 'ab c', submitted: false});
	});
});

describe('what a typed line answers', () => {
	const confirm: Prompt = {kind: 'confirm', id: 'client', question: 'Make this change?'};
	const choice: Prompt = {
		kind: 'choice',
		id: 'earlier-run',
		question: 'Resume or undo?',
		options: [
			{key: 'r', label: 'resume'},
			{key: 'u', label: 'undo'},
		],
	};

	test('only y or yes is yes; Enter alone is no; anything else is asked again', () => {
		expect(answerFor(confirm, ' Y ')).toMatchObject({
			ok: true,
			action: {type: 'answer', yes: true},
		});
		expect(answerFor(confirm, '')).toMatchObject({ok: true, action: {type: 'answer', yes: false}});
		expect(answerFor(confirm, 'sure')).toEqual({ok: false, problem: 'not-yes-or-no'});
	});

	test('a choice takes its key or its label, and nothing else', () => {
		expect(answerFor(choice, 'u')).toMatchObject({ok: true, action: {type: 'choose', key: 'u'}});
		expect(answerFor(choice, 'Resume')).toMatchObject({
			ok: true,
			action: {type: 'choose', key: 'r'},
		});
		expect(answerFor(choice, 'x')).toEqual({ok: false, problem: 'not-an-option'});
	});

	test('a password becomes a Secret, never a plain string', () => {
		const answer = answerFor({kind: 'password', label: 'Password'}, 'hunter2');
		expect(JSON.stringify(answer)).not.toContain('hunter2');
		// It is carried, not dropped: the Secret holds exactly what was typed.
		if (!answer.ok || answer.action.type !== 'submit-password') throw new Error('not a password');
		expect(answer.action.password).toBeInstanceOf(Secret);
		expect(answer.action.password.reveal()).toBe('hunter2');
	});
});
