// A Markdown transcript of one run: every step with its time, machine, exact command, output and
// error, the admin's answers, and the conclusion. Written as the run goes (appendFileSync), so a
// run killed part-way leaves a readable record up to that point. Passwords never reach it:
// Secrets mask themselves, and everything written passes through redactText as well.
import {stepLabel} from '../stages/stages.js';
import {appendFileSync, existsSync, mkdirSync, statSync} from 'node:fs';
import {dirname} from 'node:path';
import type {FlowEvent} from '../flow/events.js';
import {formatErrorRecord} from '../windows/error-record.js';
import {showControls} from '../windows/terminal-text.js';
import type {
	ChangeRecord,
	FlowState,
	Inputs,
	LogEntry,
	NextStep,
	Prompt,
	StageView,
} from '../tree/state.js';
import type {StageId, StepRoute} from '../stages/stages.js';
import {stepRoute, stepText} from '../tree/common.js';

const redactionMask = '********';

export type TranscriptOptions = {
	path: string;
	/** The host's one-line description, e.g. "simulated lab: classic". */
	hostDescription: string;
	version?: string;
	now?: () => Date;
	/** Literal strings to mask wherever they appear (e.g. a password read from stdin). */
	redact?: string[];
};

export type Transcript = {
	/** Appends what an event adds: the targets once known, a log entry, a question asked. */
	record(event: FlowEvent): void;
	/** Appends anything not yet written, then the conclusion. Later calls do nothing. */
	close(state: FlowState): void;
};

// ---- redaction --------------------------------------------------------------------------

const singleQuoted = String.raw`'(?:[^'\u2018\u2019]|['\u2018\u2019]{2})*'`;
const doubleQuoted = String.raw`"(?:[^"\x60]|\x60.|"")*"`;
// -Password 'x', -Password:"x", -NewPassword x (not the Set-ADAccountPassword cmdlet name);
// a $variable or (sub-expression) given there is not a secret.
const passwordParameter = new RegExp(
	String.raw`((?:^|[\s(;{|])-\w*Password)(\s*:\s*|\s+)(${singleQuoted}|${doubleQuoted}|[^\s$(;|)}'"][^\s;|)}]*)`,
	'gi',
);
// ConvertTo-SecureString 'x' -AsPlainText, ConvertTo-SecureString -AsPlainText -Force -String "x"
const secureStringLiteral = new RegExp(
	String.raw`(ConvertTo-SecureString(?:\s+-\w+(?::\S+)?)*\s+)(${singleQuoted}|${doubleQuoted})`,
	'gi',
);

/** Ways a literal may appear once quoted for PowerShell or JSON, or escaped for Markdown. */
function variants(literal: string): string[] {
	const forms = [
		literal,
		literal.replace(/['\u2018\u2019]/g, (q) => q + q),
		JSON.stringify(literal).slice(1, -1),
		escapeMarkdown(literal),
	];
	return [...new Set(forms)].filter((form) => form !== '');
}

/** Masks the given literals, and anything that looks like a password given to a command. */
export function redactText(text: string, literals: readonly string[] = []): string {
	const all = literals.flatMap(variants).sort((a, b) => b.length - a.length);
	let result = text;
	for (const literal of all) result = result.split(literal).join(redactionMask);
	return result
		.replace(passwordParameter, `$1$2'${redactionMask}'`)
		.replace(secureStringLiteral, `$1'${redactionMask}'`);
}

// ---- Markdown building blocks -----------------------------------------------------------

/** Escapes what Markdown would turn into emphasis, links, code, HTML or a heading. */
export function escapeMarkdown(text: string): string {
	return text
		.replace(/\\(?=[!-/:-@[-`{-~])/g, '\\\\')
		.replace(/[`*_[\]<]/g, (char) => `\\${char}`)
		.replace(/\r\n?|\n/g, ' ')
		.replace(/^[#+-]/, (char) => `\\${char}`);
}

/** A fenced block; the fence is longer than any backtick run inside, so output cannot close it. */
export function fence(text: string, language = ''): string {
	const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
	const marks = '`'.repeat(longest + 1);
	return `${marks}${language}\n${text.replace(/\r\n?/g, '\n').replace(/\n+$/, '')}\n${marks}\n`;
}

const bullet = (text: string) => `- ${escapeMarkdown(text)}`;

/** A step as a list item: its words as text, its command as code. */
const stepBullet = (step: NextStep) =>
	typeof step === 'string' ? bullet(step) : `${bullet(step.say)} ${inlineCode(step.run)}`;

/** Lines as one section: no trailing blank lines, so sections join with exactly one. */
const block = (lines: readonly string[]) => `${lines.join('\n').replace(/\n+$/, '')}\n`;

// ---- sections ---------------------------------------------------------------------------

type TranscriptMeta = {
	version?: string;
	hostDescription: string;
	startedAt: Date;
};

function formatHeader(meta: TranscriptMeta): string {
	return block([
		'# doublehop transcript',
		'',
		`- Tool: doublehop${meta.version === undefined ? '' : ` ${escapeMarkdown(meta.version)}`}`,
		`- Host: ${escapeMarkdown(meta.hostDescription)}`,
		`- Started: ${meta.startedAt.toISOString()}`,
	]);
}

/** An inline code span that no backtick inside the value can close early. */
export function inlineCode(value: string): string {
	const flat = value.replace(/\r\n?|\n/g, ' ');
	const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((run) => run[0].length));
	const marks = '`'.repeat(longest + 1);
	const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
	return `${marks}${pad}${flat}${pad}${marks}`;
}

const given = (value: string | undefined) =>
	value === undefined ? '(not given)' : inlineCode(value);

/** The run's targets and mode. The password is only ever said to exist. */
function formatTargets(state: FlowState): string {
	const {hop1, hop2, user, command} = state.inputs satisfies Inputs;
	const mode = state.mode === 'undo' ? 'undo earlier changes' : 'fix the double hop';
	return block([
		'## Targets',
		'',
		`- Mode: ${mode}${state.dryRun ? ' (dry run: nothing is changed)' : ''}`,
		`- First hop: ${given(hop1)}`,
		`- Second hop: ${given(hop2)}`,
		`- User: ${given(user)}`,
		`- Command: ${given(command)}`,
		`- Password: ${state.inputs.password === undefined ? 'not entered' : 'entered (not recorded)'}`,
	]);
}

export function formatLogEntry(entry: LogEntry, at: Date): string {
	const lines = [
		`### ${stepLabel(entry.stage, 'heading', entry.route)}`,
		'',
		`**${entry.status}**: ${escapeMarkdown(entry.title)}`,
		'',
		`- Time: ${at.toISOString()}`,
		`- Status: ${entry.status}`,
		...(entry.machine === undefined ? [] : [`- Machine: ${escapeMarkdown(entry.machine)}`]),
		'',
	];
	if (entry.command !== undefined) lines.push('Command:', '', fence(entry.command, 'powershell'));
	if (entry.output !== undefined && entry.output.trim() !== '')
		lines.push('Output:', '', fence(entry.output));
	if (entry.error !== undefined)
		lines.push('Error:', '', fence(formatErrorRecord(entry.error).join('\n')));
	if (entry.details.length > 0) lines.push('Details:', '', ...entry.details.map(stepBullet));
	return block(lines);
}

function formatView(view: StageView): string[] {
	return view.sections.flatMap((section) =>
		section.kind === 'commands'
			? [
					escapeMarkdown(section.title),
					'',
					fence(section.lines.map(stepText).join('\n'), 'powershell'),
				]
			: [escapeMarkdown(section.title), '', ...section.lines.map(stepBullet), ''],
	);
}

/** A yes/no or choice question, with what was on screen when it was asked. */
function formatQuestion(
	stage: StageId,
	route: StepRoute,
	prompt: Prompt,
	view: StageView | undefined,
	at: Date,
): string {
	const question = 'question' in prompt ? prompt.question : prompt.label;
	const lines = [
		`### ${stepLabel(stage, 'heading', route)}: question`,
		'',
		`Asked: ${escapeMarkdown(question)}`,
		'',
		`- Time: ${at.toISOString()}`,
		...(view === undefined || view.machine === 'none'
			? []
			: [`- Machine: ${escapeMarkdown(view.machine)}`]),
		'',
		...(view === undefined ? [] : formatView(view)),
	];
	if (prompt.kind === 'choice')
		lines.push(...prompt.options.map((o) => bullet(`${o.key}: ${o.label}`)));
	return block(lines);
}

function formatChange(change: ChangeRecord, index: number): string {
	const note = change.dryRun
		? ' (planned, not made)'
		: change.maybeMade
			? ' (interrupted while it ran: it may or may not have been made)'
			: '';
	return [
		`${index + 1}. ${escapeMarkdown(change.setting)} on ${escapeMarkdown(change.machine)}${note}`,
		'',
		`   - Before: ${escapeMarkdown(change.before)}`,
		`   - After: ${escapeMarkdown(change.after)}`,
		'',
		'   Command:',
		'',
		indent(fence(change.command, 'powershell'), '   '),
		'   Undo:',
		'',
		indent(fence(change.undoCommand), '   '),
	].join('\n');
}

const indent = (text: string, by: string) =>
	text
		.split('\n')
		.map((line) => (line === '' ? line : by + line))
		.join('\n');

function listSection(title: string, items: readonly string[]): string[] {
	return items.length === 0 ? [] : [`### ${title}`, '', ...items.map(bullet), ''];
}

function formatConclusion(state: FlowState, at: Date): string {
	const {conclusion} = state;
	const lines = ['## Result', '', `- Time: ${at.toISOString()}`];
	if (conclusion === undefined) {
		lines.push('', 'The run ended before it reached a conclusion.', '');
	} else {
		lines.push(
			`- Verdict: ${conclusion.verdict}`,
			'',
			`**${escapeMarkdown(conclusion.headline)}**`,
			'',
			...conclusion.details.map(bullet),
			...(conclusion.details.length > 0 ? [''] : []),
		);
	}
	const planned = state.changes.some((change) => change.dryRun);
	lines.push(`### ${planned ? 'Planned changes (dry run: none was made)' : 'Changes'}`, '');
	if (state.changes.length === 0) lines.push('None.', '');
	else lines.push(...state.changes.map(formatChange), '');
	if (conclusion !== undefined) {
		lines.push(...listSection('Left undone', conclusion.leftUndone));
		const steps = conclusion.nextSteps.map(stepBullet);
		lines.push(...(steps.length === 0 ? [] : ['### Next steps', '', ...steps, '']));
	}
	return block(lines);
}

// ---- the file ---------------------------------------------------------------------------

const stillAskingTargets = (state: FlowState) =>
	state.stage === 'preflight' || state.stage === 'targets';

export function createTranscript(options: TranscriptOptions): Transcript {
	const now = options.now ?? (() => new Date());
	let lastEntryId = 0;
	let targetsWritten = false;
	let closed = false;

	// The typed password is redacted too, in case a host ever echoes it in an output or error.
	// Very short values are skipped: masking every "ab" would garble the record, not protect it.
	const literals = (state: FlowState) => {
		const typed = state.inputs.password?.reveal();
		return [
			...(options.redact ?? []),
			...(typed !== undefined && typed.length >= 4 ? [typed] : []),
		].filter((literal) => literal !== '');
	};
	// A transcript read with `cat` must not drive the terminal: control characters shown escaped.
	const append = (state: FlowState, text: string) =>
		appendFileSync(options.path, showControls(redactText(text, literals(state))), {
			encoding: 'utf8',
			mode: 0o600,
		});

	mkdirSync(dirname(options.path), {recursive: true});
	// An existing transcript is kept: a second run to the same file is appended after a rule.
	const separator = existsSync(options.path) && statSync(options.path).size > 0 ? '\n---\n\n' : '';
	appendFileSync(
		options.path,
		showControls(
			redactText(
				separator +
					formatHeader({
						hostDescription: options.hostDescription,
						startedAt: now(),
						...(options.version === undefined ? {} : {version: options.version}),
					}) +
					'\n',
				options.redact ?? [],
			),
		),
		{encoding: 'utf8', mode: 0o600},
	);

	const targets = (state: FlowState): string[] => {
		if (targetsWritten || (stillAskingTargets(state) && state.pending.kind !== 'finished'))
			return [];
		targetsWritten = true;
		return [formatTargets(state)];
	};
	const entry = (logged: LogEntry): string[] => {
		if (logged.id <= lastEntryId) return [];
		lastEntryId = logged.id;
		return [formatLogEntry(logged, now())];
	};
	const write = (state: FlowState, chunks: string[]) => {
		if (chunks.length > 0) append(state, chunks.map((chunk) => `${chunk}\n`).join(''));
	};

	return {
		record(event) {
			if (closed) return;
			const {state} = event;
			const chunks = targets(state);
			if (event.type === 'entry-logged') chunks.push(...entry(event.entry));
			const prompt = event.type === 'question-asked' ? event.prompt : undefined;
			if (prompt?.kind === 'confirm' || prompt?.kind === 'choice')
				chunks.push(formatQuestion(state.stage, stepRoute(state), prompt, state.view, now()));
			write(state, chunks);
		},
		close(state) {
			if (closed) return;
			// Whatever no event brought (a state handed in directly) is written before the result.
			write(state, [...targets(state), ...state.log.flatMap(entry)]);
			append(state, formatConclusion(state, now()));
			closed = true;
		},
	};
}
