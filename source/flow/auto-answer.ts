// Answers for a run without a terminal (--json). Targets come from flags or the lab's defaults,
// the password from stdin; a change is made only with --yes AND its step named in --steps.
import type {Secret} from '../safety/secret.js';
import type {Action, ConfirmId, NextStep, Prompt} from '../tree/state.js';
import {pipedAsAsciiHint} from '../windows/piped-password.js';

/** The turn-off step (credssp-off-*) is only ever asked at a terminal: never a --steps name. */
export type ChangeStep = Exclude<
	ConfirmId,
	'risk' | 'undo' | 'using-cred' | 'klist-purge' | 'credssp-off-client' | 'credssp-off-server'
>;

export const changeSteps: readonly ChangeStep[] = [
	'winrm',
	'client',
	'server',
	'listener',
	'trusted-hosts',
	'ntlm-only',
	'session-config',
	'revert',
	'rbkcd',
];

export type AnswerPolicy = {
	yes: boolean;
	steps: readonly ChangeStep[];
	password?: Secret;
	/** With --method runas: the RunAs account's password, the second line of --password-stdin. */
	runAsPassword?: Secret;
};

export type AutoAnswer =
	| {ok: true; action: Action}
	/**
	 * `nextSteps`: what to do instead, when the question says (else the run's own); `missing`: the
	 * flag, or the line of --password-stdin, the run lacked, for the CLI to show the run with it.
	 */
	| {ok: false; message: string; nextSteps?: NextStep[]; missing?: Missing};

/** A flag as typed (`--gmsa`), the password (stdin's first line), or the RunAs account's (its second). */
export type Missing = `--${string}` | 'password' | 'run-as-password';

const flagFor = {
	hop1: '--hop1',
	hop2: '--hop2',
	command: '--command',
	user: '--user',
	gmsa: '--gmsa',
	'runas-user': '--runas-user',
} as const;

export function autoAnswer(prompt: Prompt, policy: AnswerPolicy): AutoAnswer {
	switch (prompt.kind) {
		case 'text':
			// An error means the flag's value (or the default) was refused: asking again would loop.
			if (prompt.error !== undefined)
				return {
					ok: false,
					message: `${flagFor[prompt.field]}: ${prompt.error}`,
					missing: flagFor[prompt.field],
				};
			// A name that may be a typo is kept only when the run was told to make the change that
			// reaching it as given needs (--yes --steps trusted-hosts), never by default.
			if (prompt.doubt !== undefined && !(policy.yes && policy.steps.includes('trusted-hosts')))
				return {
					ok: false,
					message: `${flagFor[prompt.field]}: ${prompt.doubt.message}`,
					nextSteps: prompt.doubt.nextSteps,
				};
			if (prompt.initial === '')
				return {
					ok: false,
					message: `Give ${flagFor[prompt.field]}: there is no default for it.`,
					missing: flagFor[prompt.field],
				};
			return {ok: true, action: {type: 'submit-text', field: prompt.field, value: ''}};
		case 'password':
			// The RunAs account's password is the second line of --password-stdin, never guessed.
			if (prompt.purpose === 'run-as') {
				// Asked again: the first hop did not accept the account with the second line (WinRM's
				// words in the error name both, and a mistyped account fails as a wrong password does).
				if (prompt.error !== undefined && policy.runAsPassword !== undefined)
					return {
						ok: false,
						message: `The RunAs account (--runas-user) and its password (the second line of --password-stdin) were not accepted: check both. ${prompt.error}`,
					};
				if (prompt.error !== undefined || policy.runAsPassword === undefined)
					return {
						ok: false,
						message:
							"Give the RunAs account's password as the second line of --password-stdin (yours is the first).",
						missing: 'run-as-password',
					};
				return {ok: true, action: {type: 'submit-password', password: policy.runAsPassword}};
			}
			if (prompt.error !== undefined) {
				const lost = policy.password?.contains('?') ? ` ${pipedAsAsciiHint}` : '';
				return {ok: false, message: `${prompt.error}${lost}`};
			}
			if (policy.password === undefined) {
				return {
					ok: false,
					message: 'Pass the password on standard input with --password-stdin (never as a flag).',
					missing: 'password',
				};
			}
			return {ok: true, action: {type: 'submit-password', password: policy.password}};
		case 'choice':
			// Without --method, the method is CredSSP, as before methods were offered: --steps keeps its meaning.
			// Where CredSSP cannot delegate the account it is not offered: stop there, as before.
			if (prompt.id === 'method') {
				const key = prompt.options.some((option) => option.key === 'c') ? 'c' : 's';
				return {ok: true, action: {type: 'choose', id: prompt.id, key, auto: true}};
			}
			// A command that does not say how it reaches the second hop: the protocol stays unknown.
			if (prompt.id === 'protocol')
				return {ok: true, action: {type: 'choose', id: prompt.id, key: 'o', auto: true}};
			// A run without a terminal never undoes on its own: it resumes (steps re-check themselves).
			return {ok: true, action: {type: 'choose', id: prompt.id, key: 'r'}};
		case 'confirm': {
			// Using the DNS name of an address changes no machine, and lets Kerberos authenticate it.
			if (prompt.id === 'use-name')
				return {ok: true, action: {type: 'answer', id: prompt.id, yes: true, auto: true}};
			// Never asked without a terminal (credssp-off.ts); were it, no is the answer that changes nothing.
			if (prompt.id === 'credssp-off-client' || prompt.id === 'credssp-off-server')
				return {ok: true, action: {type: 'answer', id: prompt.id, yes: false, auto: true}};
			// --method using-cred --yes runs the rewritten command, and klist purge clears a cache: they
			// change nothing that lasts, so they need no --steps.
			const wanted =
				policy.yes &&
				(prompt.id === 'undo' ||
					prompt.id === 'using-cred' ||
					prompt.id === 'klist-purge' ||
					(prompt.id === 'risk'
						? policy.steps.some(
								(step) => step !== 'winrm' && step !== 'trusted-hosts' && step !== 'rbkcd',
							)
						: policy.steps.includes(prompt.id)));
			return {ok: true, action: {type: 'answer', id: prompt.id, yes: wanted, auto: true}};
		}
	}
}
